//! The process's public search index (`tianping_domain::publicity::search_index`): the
//! published decisions' one- and two-character grams in memory, so that the portal's search
//! answers from posting lists whatever the number of decisions.
//!
//! The index is held by the application state (`AppState::search`) and kept by
//! [`super::derived`].
//!
//! Invariants:
//! - it holds exactly the records whose status is `published` (drafts and withdrawn records
//!   are never results), as committed: a unit of work that changes a publication record names
//!   it ([`super::audit::UnitOfWork::touch_publication`]) and the record is re-read into the
//!   index right after the commit ([`refresh`], called by [`super::derived::Derived`]);
//! - it is derived data, built from the table when the process starts ([`start`]) and rebuilt
//!   after rows were written outside the application ([`rebuild`]);
//! - on PostgreSQL, where several processes may share the database, the committing
//!   transaction also announces the changed ids (`NOTIFY`, delivered only if it commits) and
//!   every process listens ([`start`]); after a lost listening connection the index is
//!   rebuilt, since announcements may have been missed;
//! - the database stays the authority: the search reads the page's rows back with the public
//!   visibility condition, so a record withdrawn by another process is never shown, even
//!   before this process hears of it.

use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};

use std::collections::BTreeSet;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement,
};
use tianping_domain::publicity::{
    PublicationStatus,
    search_index::{IndexedDecision, SearchIndex},
};

use super::{db::Db, entities::publications};

/// Records read per query while rebuilding.
const CHUNK: u64 = 2_000;

/// The index shared by the process's tasks.
#[derive(Default)]
pub struct SharedIndex {
    index: RwLock<SearchIndex>,
    /// Serialises re-reads: each reads after its own commit and applies what it read before
    /// the next one reads, so the last re-read of a record is never older than its last commit.
    refreshing: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for SharedIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let index = self.read();
        f.debug_struct("SharedIndex")
            .field("decisions", &index.len())
            .field("grams", &index.gram_count())
            .finish()
    }
}

impl SharedIndex {
    /// The index, for one query (never held across an `.await`).
    pub fn read(&self) -> RwLockReadGuard<'_, SearchIndex> {
        self.index.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn update(&self, f: impl FnOnce(&mut SearchIndex)) {
        let mut index = self.index.write().unwrap_or_else(PoisonError::into_inner);
        f(&mut index);
    }
}

fn published(p: &publications::Model) -> bool {
    p.status == PublicationStatus::Published.as_str()
}

fn view(p: &publications::Model) -> IndexedDecision<'_> {
    IndexedDecision {
        id: p.id,
        texts: [&p.title, &p.number, &p.party_name, &p.body],
        agency_id: p.agency_id,
        decided_on: p.decided_on,
        fine_fen: p.fine_fen,
        party_kind: &p.party_kind,
        display_until: p.display_until,
    }
}

/// Builds the index afresh from every published record and puts it in place. Returns how many
/// records it holds. Re-reads of single records wait meanwhile and apply afterwards.
pub async fn rebuild(db: &Db, shared: &SharedIndex) -> Result<usize, DbErr> {
    let _serial = shared.refreshing.lock().await;
    let mut index = SearchIndex::new();
    let mut after = 0;
    loop {
        let rows = publications::Entity::find()
            .filter(publications::Column::Status.eq(PublicationStatus::Published.as_str()))
            .filter(publications::Column::Id.gt(after))
            .order_by_asc(publications::Column::Id)
            .limit(CHUNK)
            .all(&db.conn)
            .await?;
        let Some(last) = rows.last() else {
            break;
        };
        after = last.id;
        for p in &rows {
            index.upsert(&view(p));
        }
    }
    let n = index.len();
    shared.update(|current| *current = index);
    Ok(n)
}

/// Re-reads these records into the index, after the commit that changed them.
pub async fn refresh(db: &Db, shared: &SharedIndex, ids: &[i32]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    let _serial = shared.refreshing.lock().await;
    let rows = publications::Entity::find()
        .filter(publications::Column::Id.is_in(ids.iter().copied()))
        .all(&db.conn)
        .await?;
    shared.update(|index| {
        for id in ids {
            match rows.iter().find(|p| p.id == *id) {
                Some(p) if published(p) => index.upsert(&view(p)),
                _ => index.remove(*id),
            }
        }
    });
    Ok(())
}

/// The channel a schema's changes are announced on (each test schema has its own).
const CHANNEL: &str = "tianping_search";

/// Announces, inside the transaction, the publication records it changed (PostgreSQL only:
/// one SQLite file serves one process). The other processes hear of them only if it commits.
pub(crate) async fn announce(txn: &DatabaseTransaction, ids: &BTreeSet<i32>) -> Result<(), DbErr> {
    if ids.is_empty() || txn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let payload = ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("SELECT pg_notify('{CHANNEL}_' || current_schema(), $1)"),
        [payload.into()],
    ))
    .await?;
    Ok(())
}

/// Builds the index for this process and keeps it current: on SQLite by building it (every
/// write goes through this process); on PostgreSQL by listening for announcements first and
/// then building, for as long as the process runs (a task), so that no change committed
/// between the two is missed. Returns once the first build is done.
pub async fn start(db: &Db, shared: &Arc<SharedIndex>) -> Result<usize, DbErr> {
    if db.backend() != DbBackend::Postgres {
        return rebuild(db, shared).await;
    }
    let (ready, built) = tokio::sync::oneshot::channel();
    let db = db.clone();
    let shared = shared.clone();
    tokio::spawn(async move {
        let mut ready = Some(ready);
        loop {
            if let Err(e) = listen(&db, &shared, &mut ready).await {
                match ready.take() {
                    Some(tx) => {
                        // The first build failed: `start` reports it and nothing is retried.
                        let _ = tx.send(Err(e));
                        return;
                    }
                    None => tracing::warn!("search index: listening for changes failed: {e}"),
                }
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    });
    built
        .await
        .map_err(|_| DbErr::Custom("the search index task ended".into()))?
}

/// Listens, builds the index, then applies what other processes announce until the
/// connection is lost (announcements made meanwhile are lost too: the next call rebuilds).
async fn listen(
    db: &Db,
    shared: &SharedIndex,
    ready: &mut Option<tokio::sync::oneshot::Sender<Result<usize, DbErr>>>,
) -> Result<(), DbErr> {
    use sea_orm::sqlx::postgres::PgListener;
    let err = |e: sea_orm::sqlx::Error| DbErr::Custom(e.to_string());
    let schema: String = db
        .conn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT current_schema()",
        ))
        .await?
        .and_then(|r| r.try_get_by_index::<String>(0).ok())
        .ok_or_else(|| DbErr::Custom("no current schema".into()))?;
    let mut listener = PgListener::connect_with(db.conn.get_postgres_connection_pool())
        .await
        .map_err(err)?;
    listener
        .listen(&format!("{CHANNEL}_{schema}"))
        .await
        .map_err(err)?;
    let n = rebuild(db, shared).await?;
    if let Some(tx) = ready.take() {
        let _ = tx.send(Ok(n));
    }
    while let Some(note) = listener.try_recv().await.map_err(err)? {
        let ids: Vec<i32> = note
            .payload()
            .split(',')
            .filter_map(|id| id.parse().ok())
            .collect();
        refresh(db, shared, &ids).await?;
    }
    Ok(())
}
