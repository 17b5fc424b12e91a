//! Group flush (issue 21 item 5): a unit of work commits without waiting for the disk, and is
//! acknowledged only once a flush that began after its commit has finished. Concurrent writers
//! share flushes: while one flush runs, the commits that finish meanwhile wait for the next
//! one, which covers them all.
//!
//! Why: every writer holds the audit chain's head (SQLite's write guard, PostgreSQL's row lock
//! on `audit_head`) until its commit returns. With a flush inside each commit, the head is held
//! through one fsync per write, and the log cannot go faster than the disk's sync rate however
//! many writers there are. Committing without the sync releases the head at once; the sync
//! happens after, shared.
//!
//! How each database is made durable after such a commit:
//!
//! - **PostgreSQL**: the unit of work commits with `synchronous_commit = off` (set for that
//!   transaction only); the flush is one autocommit statement that writes a transactional WAL
//!   record (`pg_logical_emit_message(true, …)`), whose ordinary synchronous commit flushes the
//!   WAL up to its own commit record, so past every commit that finished before it began. (A
//!   transaction that only takes a transaction id writes no WAL and commits asynchronously: it
//!   would flush nothing.)
//! - **SQLite**: the writers' connections run with `synchronous = NORMAL` (in WAL mode a commit
//!   is then safe from a crash of the process but not yet of the machine); the flush is an
//!   `fdatasync` of the `-wal` file, which holds every committed frame. A `-wal` file that is
//!   gone was checkpointed into the database file and synced by SQLite.
//! - An in-memory database has nothing to flush.
//!
//! What this changes for readers: a commit is visible a moment before it is durable (until the
//! flush). If the machine fails in that moment, the commit is lost together with everything
//! after it in the log (the WAL is written in order), and none of it was acknowledged. A writer
//! that built on it is lost with it, so the chain never has a gap.

use std::{
    future::Future,
    sync::atomic::{AtomicU64, Ordering},
};

use tokio::sync::Mutex;

/// The bookkeeping of shared flushes, independent of what a flush does.
#[derive(Debug, Default)]
pub struct GroupFlush {
    /// Commits that have returned (each took a ticket).
    committed: AtomicU64,
    /// Every ticket up to this one is durable.
    durable: AtomicU64,
    /// Flushes done.
    flushes: AtomicU64,
    /// One flush at a time: the others wait for it, then see whether it covered them.
    turn: Mutex<()>,
}

impl GroupFlush {
    /// Takes a ticket for a commit that has just returned.
    pub fn committed(&self) -> u64 {
        self.committed.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// How many flushes have run.
    pub fn flushes(&self) -> u64 {
        self.flushes.load(Ordering::Relaxed)
    }

    /// Returns once `ticket` is durable: at once if a flush that began after its commit has
    /// finished, otherwise after running one (`flush`) that covers every commit finished so
    /// far. A failed flush fails this waiter; the next waiter runs a flush of its own.
    pub async fn wait<E, F, Fut>(&self, ticket: u64, mut flush: F) -> Result<(), E>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<(), E>>,
    {
        loop {
            if self.durable.load(Ordering::SeqCst) >= ticket {
                return Ok(());
            }
            let _turn = self.turn.lock().await;
            if self.durable.load(Ordering::SeqCst) >= ticket {
                return Ok(());
            }
            // Every commit counted here returned before the flush begins: it covers them.
            let target = self.committed.load(Ordering::SeqCst);
            flush().await?;
            self.flushes.fetch_add(1, Ordering::Relaxed);
            self.durable.fetch_max(target, Ordering::SeqCst);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::{
        sync::{
            Arc,
            atomic::{AtomicBool, AtomicU64, Ordering},
        },
        time::Duration,
    };

    use super::GroupFlush;

    /// A stand-in for the disk: what is "written" becomes "durable" only when a flush that
    /// began after the write finishes.
    #[derive(Default)]
    struct Disk {
        written: AtomicU64,
        durable: AtomicU64,
        fail_next: AtomicBool,
    }

    impl Disk {
        async fn flush(&self) -> Result<(), &'static str> {
            let upto = self.written.load(Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(3)).await;
            if self.fail_next.swap(false, Ordering::SeqCst) {
                return Err("the disk failed");
            }
            self.durable.fetch_max(upto, Ordering::SeqCst);
            Ok(())
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn every_waiter_returns_only_once_its_commit_is_durable_and_flushes_are_shared() {
        let group = Arc::new(GroupFlush::default());
        let disk = Arc::new(Disk::default());
        let mut tasks = Vec::new();
        for i in 0..200u64 {
            let (group, disk) = (group.clone(), disk.clone());
            tasks.push(tokio::spawn(async move {
                tokio::time::sleep(Duration::from_micros(i % 7 * 300)).await;
                // The commit: written, then a ticket.
                let mine = disk.written.fetch_add(1, Ordering::SeqCst) + 1;
                let ticket = group.committed();
                group.wait(ticket, || disk.flush()).await.unwrap();
                assert!(
                    disk.durable.load(Ordering::SeqCst) >= mine,
                    "acknowledged before its write was durable"
                );
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let flushes = group.flushes();
        assert!(flushes >= 1);
        assert!(
            flushes < 100,
            "200 concurrent commits should share flushes, took {flushes}"
        );
    }

    #[tokio::test]
    async fn a_failed_flush_fails_its_waiter_and_the_next_one_flushes_again() {
        let group = GroupFlush::default();
        let disk = Disk::default();
        disk.written.fetch_add(1, Ordering::SeqCst);
        let first = group.committed();
        disk.fail_next.store(true, Ordering::SeqCst);
        assert_eq!(
            group.wait(first, || disk.flush()).await,
            Err("the disk failed")
        );
        assert_eq!(disk.durable.load(Ordering::SeqCst), 0);
        // Not durable, so not acknowledged: the next wait for it flushes.
        group.wait(first, || disk.flush()).await.unwrap();
        assert_eq!(disk.durable.load(Ordering::SeqCst), 1);
        assert_eq!(group.flushes(), 1);
        // A ticket already covered returns without a flush.
        group.wait(first, || disk.flush()).await.unwrap();
        assert_eq!(group.flushes(), 1);
    }
}
