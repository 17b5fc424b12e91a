//! Reading the whole log for verification: fast, in sequence order, with flat memory.
//!
//! A producer on another thread reads the stored rows and encodes each one's hashed fields into
//! its canonical bytes, in batches, while the caller re-hashes the previous batch: reading and
//! hashing run on two cores, and memory holds at most `IN_FLIGHT + 2` batches whatever the
//! log's length.
//!
//! On a SQLite file the producer is a blocking thread with its own read-only `rusqlite`
//! connection, scanning inside one read transaction (a consistent snapshot) in which it also
//! reads the recorded head; the sqlx driver hands rows over one at a time from its worker
//! thread, which made reading the bottleneck. On PostgreSQL and an in-memory SQLite database the
//! producer streams one sqlx query on a pooled connection, in one read transaction with the
//! head's read (`REPEATABLE READ` on PostgreSQL).
//!
//! Invariant: every byte that is hashed comes from the stored fields; stored hashes are only
//! compared with what was recomputed, never trusted.

use std::ops::ControlFlow;

use tianping_domain::audit::{self, RecordBytes};
use tokio::sync::mpsc;

use super::super::{db::Db, error::ServiceError};

/// Events per batch.
const BATCH_EVENTS: usize = 4_096;
/// Bytes per batch (events with long payloads make smaller batches).
const BATCH_BYTES: usize = 2 << 20;
/// Full batches waiting for the caller.
const IN_FLIGHT: usize = 2;

/// The query both producers run: every column the chain and the tree re-hash, in sequence
/// order.
const SCAN_SQL: &str = "SELECT seq, occurred_at, actor_id, actor_role, action, subject_type, \
     subject_id, payload, prev_hash, hash FROM audit_events ORDER BY seq";

/// The recorded head's columns.
const HEAD_SQL: &str = "SELECT seq, hash, tree_size, frontier FROM audit_head WHERE id = 1";

/// One stored event as the scan hands it over.
#[derive(Debug, Clone, Copy)]
pub struct ScannedEvent<'a> {
    /// Its sequence number as stored.
    pub seq: i64,
    /// Its canonical bytes, encoded from the stored fields.
    pub canonical: &'a [u8],
    /// The stored previous-hash text.
    pub prev_hash: &'a [u8],
    /// The stored hash text.
    pub hash: &'a [u8],
}

/// The recorded head as the scan saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The last event's sequence number.
    pub seq: i64,
    /// The last event's hash, hex.
    pub hash: String,
    /// How many events the Merkle tree covers.
    pub tree_size: i64,
    /// The tree's right edge as stored (see [`crate::ssr::entities::audit_head::Model`]).
    pub frontier: Option<String>,
}

/// Where each event's parts end in [`Batch::bytes`].
struct Entry {
    seq: i64,
    canonical_end: usize,
    prev_end: usize,
    end: usize,
}

/// Events laid end to end in one buffer: canonical bytes, previous-hash text, hash text.
struct Batch {
    bytes: Vec<u8>,
    entries: Vec<Entry>,
}

impl Batch {
    fn new() -> Self {
        Self {
            bytes: Vec::with_capacity(BATCH_BYTES + 4_096),
            entries: Vec::with_capacity(BATCH_EVENTS),
        }
    }

    fn push(&mut self, record: &RecordBytes<'_>, prev_hash: &[u8], hash: &[u8]) {
        audit::write_canonical_bytes(record, &mut self.bytes);
        let canonical_end = self.bytes.len();
        self.bytes.extend_from_slice(prev_hash);
        let prev_end = self.bytes.len();
        self.bytes.extend_from_slice(hash);
        self.entries.push(Entry {
            seq: record.seq,
            canonical_end,
            prev_end,
            end: self.bytes.len(),
        });
    }

    fn is_full(&self) -> bool {
        self.entries.len() >= BATCH_EVENTS || self.bytes.len() >= BATCH_BYTES
    }

    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn events(&self) -> impl Iterator<Item = ScannedEvent<'_>> {
        let mut start = 0;
        self.entries.iter().map(move |e| {
            let event = ScannedEvent {
                seq: e.seq,
                canonical: &self.bytes[start..e.canonical_end],
                prev_hash: &self.bytes[e.canonical_end..e.prev_end],
                hash: &self.bytes[e.prev_end..e.end],
            };
            start = e.end;
            event
        })
    }
}

/// Streams every stored event in sequence order to `visit` until it breaks, and returns the
/// recorded head (`None` when there is no head row, or when `visit` broke off).
pub async fn scan(
    db: &Db,
    mut visit: impl FnMut(ScannedEvent<'_>) -> ControlFlow<()>,
) -> Result<Option<Head>, ServiceError> {
    let (tx, mut rx) = mpsc::channel::<Batch>(IN_FLIGHT);
    let producer = match db.sqlite_file() {
        Some(path) => {
            let path = path.to_path_buf();
            tokio::task::spawn_blocking(move || read_file(&path, &tx))
        }
        None => spawn_sqlx(db, tx)?,
    };
    let mut broke = false;
    'batches: while let Some(batch) = rx.recv().await {
        for event in batch.events() {
            if visit(event).is_break() {
                broke = true;
                break 'batches;
            }
        }
    }
    // The producer stops at its next send once the receiver is gone.
    drop(rx);
    let produced = producer
        .await
        .map_err(|e| ServiceError::Internal(format!("reading the audit log failed: {e}")))?;
    if broke {
        // What the visitor found comes first, even if a later row could not be read.
        return Ok(None);
    }
    produced.map_err(|e| ServiceError::Internal(format!("reading the audit log failed: {e}")))
}

/// Reads a SQLite file in one read transaction, sending batches until the receiver is gone.
fn read_file(path: &std::path::Path, tx: &mpsc::Sender<Batch>) -> Result<Option<Head>, String> {
    use rusqlite::{OpenFlags, OptionalExtension as _, types::ValueRef};
    let err = |e: rusqlite::Error| e.to_string();
    let mut conn = rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(err)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(err)?;
    // Deferred: the first read takes the snapshot that both queries see.
    let txn = conn.transaction().map_err(err)?;
    {
        let mut stmt = txn.prepare(SCAN_SQL).map_err(err)?;
        let mut rows = stmt.query([]).map_err(err)?;
        let mut batch = Batch::new();
        while let Some(row) = rows.next().map_err(err)? {
            let pushed = (|| {
                let seq: i64 = row.get(0).map_err(err)?;
                let text = |i: usize| match row.get_ref(i).map_err(err)? {
                    ValueRef::Text(t) => Ok(t),
                    other => Err(format!(
                        "event {seq}: column {i} holds {}, not text",
                        other.data_type()
                    )),
                };
                let actor_id = match row.get_ref(2).map_err(err)? {
                    ValueRef::Null => None,
                    ValueRef::Integer(id) => Some(id),
                    other => {
                        return Err(format!(
                            "event {seq}: actor_id holds {}, not an integer",
                            other.data_type()
                        ));
                    }
                };
                let record = RecordBytes {
                    seq,
                    occurred_at: text(1)?,
                    actor_id,
                    actor_role: text(3)?,
                    action: text(4)?,
                    subject_type: text(5)?,
                    subject_id: text(6)?,
                    payload: text(7)?,
                };
                batch.push(&record, text(8)?, text(9)?);
                Ok(())
            })();
            if let Err(e) = pushed {
                // The events before the unreadable row are checked first.
                if !batch.is_empty() {
                    let _ = tx.blocking_send(batch);
                }
                return Err(e);
            }
            if batch.is_full()
                && tx
                    .blocking_send(std::mem::replace(&mut batch, Batch::new()))
                    .is_err()
            {
                return Ok(None);
            }
        }
        if !batch.is_empty() && tx.blocking_send(batch).is_err() {
            return Ok(None);
        }
    }
    let head = txn
        .query_row(HEAD_SQL, [], |r| {
            Ok(Head {
                seq: r.get(0)?,
                hash: r.get(1)?,
                tree_size: r.get(2)?,
                frontier: r.get(3)?,
            })
        })
        .optional()
        .map_err(err)?;
    // Ending a read transaction commits nothing; dropping it rolls it back.
    drop(txn);
    Ok(head)
}

/// Decodes a stream of plain sqlx rows into batches and sends them on; evaluates to whether
/// the receiver is still there.
macro_rules! produce_batches {
    ($rows:expr, $tx:expr) => {{
        use futures_util::StreamExt as _;
        use sea_orm::sqlx::Row as _;
        let mut rows = $rows;
        let mut batch = Batch::new();
        let mut open = true;
        while let Some(row) = rows.next().await {
            let pushed = (|| {
                let row = row.map_err(|e| e.to_string())?;
                let text = |i: usize| {
                    row.try_get::<&str, _>(i)
                        .map(str::as_bytes)
                        .map_err(|e| e.to_string())
                };
                let record = RecordBytes {
                    seq: row.try_get(0).map_err(|e| e.to_string())?,
                    occurred_at: text(1)?,
                    actor_id: row
                        .try_get::<Option<i32>, _>(2)
                        .map_err(|e| e.to_string())?
                        .map(i64::from),
                    actor_role: text(3)?,
                    action: text(4)?,
                    subject_type: text(5)?,
                    subject_id: text(6)?,
                    payload: text(7)?,
                };
                batch.push(&record, text(8)?, text(9)?);
                Ok::<(), String>(())
            })();
            if let Err(e) = pushed {
                // The events before the unreadable row are checked first.
                if !batch.is_empty() {
                    let _ = $tx.send(batch).await;
                }
                return Err(e);
            }
            if batch.is_full()
                && $tx
                    .send(std::mem::replace(&mut batch, Batch::new()))
                    .await
                    .is_err()
            {
                open = false;
                break;
            }
        }
        if open && !batch.is_empty() {
            open = $tx.send(batch).await.is_ok();
        }
        open
    }};
}

/// Reads the log and then the head on one pooled connection, in one read transaction (on
/// PostgreSQL `REPEATABLE READ`, so both see one snapshot), sending batches until the receiver
/// is gone.
macro_rules! read_pool {
    ($pool:expr, $tx:expr, $isolation:expr) => {{
        use sea_orm::sqlx::Row as _;
        let err = |e: sea_orm::sqlx::Error| e.to_string();
        let mut txn = $pool.begin().await.map_err(err)?;
        if let Some(isolation) = $isolation {
            sea_orm::sqlx::query(isolation)
                .execute(&mut *txn)
                .await
                .map_err(err)?;
        }
        let open = produce_batches!(sea_orm::sqlx::query(SCAN_SQL).fetch(&mut *txn), $tx);
        if !open {
            return Ok(None);
        }
        let head = match sea_orm::sqlx::query(HEAD_SQL)
            .fetch_optional(&mut *txn)
            .await
            .map_err(err)?
        {
            Some(r) => Some(Head {
                seq: r.try_get(0).map_err(err)?,
                hash: r.try_get(1).map_err(err)?,
                tree_size: r.try_get(2).map_err(err)?,
                frontier: r.try_get(3).map_err(err)?,
            }),
            None => None,
        };
        txn.rollback().await.map_err(err)?;
        Ok(head)
    }};
}

/// Starts the sqlx producer on the pool.
fn spawn_sqlx(
    db: &Db,
    tx: mpsc::Sender<Batch>,
) -> Result<tokio::task::JoinHandle<Result<Option<Head>, String>>, ServiceError> {
    match db.backend() {
        sea_orm::DbBackend::Postgres => {
            let pool = db.conn.get_postgres_connection_pool().clone();
            Ok(tokio::spawn(async move {
                read_pool!(
                    pool,
                    tx,
                    Some("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                )
            }))
        }
        sea_orm::DbBackend::Sqlite => {
            let pool = db.conn.get_sqlite_connection_pool().clone();
            Ok(tokio::spawn(async move {
                read_pool!(pool, tx, None::<&'static str>)
            }))
        }
        other => Err(ServiceError::Internal(format!(
            "verification does not support {other:?}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_hands_back_each_event_as_pushed() {
        let records: Vec<audit::EventRecord> = (1..=3)
            .map(|seq| audit::EventRecord {
                seq,
                occurred_at: "2026-12-01T00:00:00.000000Z".into(),
                actor_id: (seq != 2).then_some(7),
                actor_role: "officer".into(),
                action: "case.open".into(),
                subject_type: "case".into(),
                subject_id: seq.to_string(),
                payload: format!(r#"{{"n":{seq}}}"#),
            })
            .collect();
        let mut batch = Batch::new();
        for r in &records {
            batch.push(
                &r.as_bytes(),
                format!("p{}", r.seq).as_bytes(),
                format!("h{}", r.seq).as_bytes(),
            );
        }
        let events: Vec<_> = batch.events().collect();
        assert_eq!(events.len(), 3);
        for (event, r) in events.iter().zip(&records) {
            assert_eq!(event.seq, r.seq);
            assert_eq!(event.canonical, audit::canonical_bytes(r).as_slice());
            assert_eq!(event.prev_hash, format!("p{}", r.seq).as_bytes());
            assert_eq!(event.hash, format!("h{}", r.seq).as_bytes());
        }
    }
}
