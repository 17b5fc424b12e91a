//! Content-addressed file storage for evidence: each file lives once under
//! `<data dir>/blobs/<first two hex digits>/<sha256>`, whatever it was called and however often
//! it was uploaded.
//!
//! Invariants: an upload is streamed to a temporary file in `<data dir>/blobs/tmp` while it is
//! hashed, so memory stays flat whatever the size; it never exceeds the limit (the write that
//! would cross it fails and the temporary file is removed); a stored file is only ever renamed
//! into place, never written in place, so a reader never sees half a file.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tokio::{fs, io::AsyncWriteExt};

/// Why an upload failed.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    /// The file is larger than the configured limit.
    #[error("the file is larger than {max_bytes} bytes")]
    TooLarge {
        /// The limit.
        max_bytes: u64,
    },
    /// The disk failed.
    #[error("storage error: {0}")]
    Io(#[from] std::io::Error),
}

/// The store rooted in a data directory.
#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
}

impl BlobStore {
    /// The store of a data directory.
    pub fn new(data_dir: &Path) -> Self {
        Self {
            root: data_dir.join("blobs"),
        }
    }

    /// Re-hashes a stored file (streamed): its SHA-256 now, or `None` if it is missing.
    pub async fn rehash(&self, sha256: &str) -> std::io::Result<Option<String>> {
        use sha2::Digest;
        use tokio::io::AsyncReadExt;
        let mut file = match tokio::fs::File::open(self.path_of(sha256)).await {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut hasher = sha2::Sha256::new();
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = file.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        Ok(Some(hex::encode(hasher.finalize())))
    }

    /// Where the file with this hash lives (whether or not it exists).
    pub fn path_of(&self, sha256: &str) -> PathBuf {
        let prefix = sha256.get(..2).unwrap_or("xx");
        self.root.join(prefix).join(sha256)
    }

    /// Starts an upload of at most `max_bytes`.
    pub async fn upload(&self, max_bytes: u64) -> Result<Upload, BlobError> {
        let dir = self.root.join("tmp");
        create_private_dir(&dir).await?;
        let temp = dir.join(uuid::Uuid::new_v4().to_string());
        let file = create_private(&temp).await?;
        Ok(Upload {
            file: Some(file),
            temp,
            hasher: Sha256::new(),
            size: 0,
            max_bytes,
        })
    }

    /// Moves a finished upload into place. Returns whether the content was new (false: an
    /// identical file was already stored and the upload was discarded).
    pub async fn put(&self, staged: &Staged) -> Result<bool, BlobError> {
        let target = self.path_of(&staged.sha256);
        if fs::try_exists(&target).await? {
            remove_quietly(&staged.temp).await;
            return Ok(false);
        }
        if let Some(parent) = target.parent() {
            create_private_dir(parent).await?;
        }
        fs::rename(&staged.temp, &target).await?;
        Ok(true)
    }

    /// Stores bytes already in memory (a rendered document) under their SHA-256, written to a
    /// temporary file and renamed into place. Returns whether the content was new.
    pub async fn put_bytes(&self, sha256: &str, bytes: &[u8]) -> Result<bool, BlobError> {
        let target = self.path_of(sha256);
        if fs::try_exists(&target).await? {
            return Ok(false);
        }
        let dir = self.root.join("tmp");
        create_private_dir(&dir).await?;
        let temp = dir.join(uuid::Uuid::new_v4().to_string());
        let written = async {
            let mut file = create_private(&temp).await?;
            file.write_all(bytes).await?;
            file.sync_all().await?;
            if let Some(parent) = target.parent() {
                create_private_dir(parent).await?;
            }
            fs::rename(&temp, &target).await
        }
        .await;
        if let Err(e) = written {
            remove_quietly(&temp).await;
            return Err(e.into());
        }
        Ok(true)
    }

    /// Removes a stored file (used to undo a `put` whose database write failed).
    pub async fn remove(&self, sha256: &str) {
        remove_quietly(&self.path_of(sha256)).await;
    }
}

/// An upload in progress. Dropping it without finishing removes the temporary file.
#[derive(Debug)]
pub struct Upload {
    file: Option<fs::File>,
    temp: PathBuf,
    hasher: Sha256,
    size: u64,
    max_bytes: u64,
}

impl Upload {
    /// Appends a chunk. Fails, removing what was written, once the limit would be crossed.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), BlobError> {
        let len = u64::try_from(chunk.len()).unwrap_or(u64::MAX);
        if self.size.saturating_add(len) > self.max_bytes {
            self.abort().await;
            return Err(BlobError::TooLarge {
                max_bytes: self.max_bytes,
            });
        }
        let Some(file) = self.file.as_mut() else {
            return Err(BlobError::Io(std::io::Error::other("upload already ended")));
        };
        if let Err(e) = file.write_all(chunk).await {
            self.abort().await;
            return Err(e.into());
        }
        self.hasher.update(chunk);
        self.size += len;
        Ok(())
    }

    /// Finishes the upload: flushes it to disk and returns its hash and size.
    pub async fn finish(mut self) -> Result<Staged, BlobError> {
        let Some(mut file) = self.file.take() else {
            return Err(BlobError::Io(std::io::Error::other("upload already ended")));
        };
        file.flush().await?;
        file.sync_all().await?;
        drop(file);
        let hasher = std::mem::replace(&mut self.hasher, Sha256::new());
        let staged = Staged {
            sha256: hex::encode(hasher.finalize()),
            size: self.size,
            temp: std::mem::take(&mut self.temp),
        };
        Ok(staged)
    }

    async fn abort(&mut self) {
        self.file = None;
        remove_quietly(&self.temp).await;
    }
}

impl Drop for Upload {
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            // Best effort; `finish` takes the path so a finished upload is never removed.
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// A finished upload, hashed, waiting to be moved into place.
#[derive(Debug)]
pub struct Staged {
    /// Hex SHA-256 of the content.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    temp: PathBuf,
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Whatever path an error took, nothing of an upload that was not moved into place
        // stays behind (after `put` the temporary file no longer exists).
        let _ = std::fs::remove_file(&self.temp);
    }
}

impl Staged {
    /// Discards the upload.
    pub async fn discard(self) {
        remove_quietly(&self.temp).await;
    }
}

/// Creates a file only its owner can read and write (0600): evidence is personal data.
async fn create_private(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    options.open(path).await
}

/// Creates a directory (and its parents) only its owner can enter (0700).
pub async fn create_private_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(path).await
}

/// Removes what uploads interrupted by a crash left in the temporary folder (files older than
/// an hour: another process sharing the folder may be uploading right now). Returns how many.
pub async fn sweep_temporary(data_dir: &Path) -> std::io::Result<usize> {
    let dir = data_dir.join("blobs").join("tmp");
    let mut entries = match fs::read_dir(&dir).await {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut removed = 0;
    while let Some(entry) = entries.next_entry().await? {
        let stale = entry
            .metadata()
            .await
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if stale && fs::remove_file(entry.path()).await.is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

async fn remove_quietly(path: &Path) {
    if let Err(e) = fs::remove_file(path).await
        && e.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!("could not remove {}: {e}", path.display());
    }
}
