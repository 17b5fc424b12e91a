//! The data derived from the writes, kept by one module: the statistics' running totals
//! ([`super::rollup`]), the warning index ([`super::warning_index`]) and the public search
//! index ([`super::search_index`]). The write core ([`super::audit::UnitOfWork`]) only reports
//! what it touched; [`Derived`] turns that report into updates.
//!
//! Invariants:
//! - the derived tables follow a change inside its transaction ([`in_transaction`]): the totals
//!   and the warning index never disagree with a committed case, and the search index's
//!   announcement (PostgreSQL `NOTIFY`) is delivered only if the change commits;
//! - the in-memory search index, held by the application state, re-reads the changed records
//!   right after the commit ([`Derived::committed`]); a failure there is logged and the next
//!   start rebuilds the index;
//! - everything here can be recomputed from the cases and publications ([`ensure`] on start,
//!   [`rebuild`] for `tianping reindex`), without an audit event.

use std::sync::Arc;

use sea_orm::DatabaseTransaction;

use super::{
    audit::{BoxFuture, DerivedData, Touched},
    db::Db,
    error::ServiceError,
    rollup,
    search_index::{self, SharedIndex},
    warning_index,
};

/// The derived data of one process: the tables, and the search index when the process keeps
/// one.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    search: Option<Arc<SharedIndex>>,
}

impl Derived {
    /// The derived tables only (a handle without an application state: tools, a second pool).
    pub fn tables() -> Self {
        Self { search: None }
    }

    /// The derived tables and this process's search index.
    pub fn with_search(index: Arc<SharedIndex>) -> Self {
        Self {
            search: Some(index),
        }
    }
}

/// Brings the derived tables up to date with what a unit of work touched, inside its
/// transaction: the statistics' facts and totals of the cases, then their warnings (which mark
/// the facts' rows they cover), then the announcement of the changed publication records.
pub async fn in_transaction(
    txn: &DatabaseTransaction,
    touched: &Touched,
) -> Result<(), ServiceError> {
    if !touched.cases.is_empty() {
        rollup::refresh(txn, &touched.cases).await?;
        warning_index::reindex(txn, &touched.cases).await?;
    }
    search_index::announce(txn, &touched.publications).await?;
    Ok(())
}

impl DerivedData for Derived {
    fn in_transaction<'a>(
        &'a self,
        txn: &'a DatabaseTransaction,
        touched: &'a Touched,
    ) -> BoxFuture<'a, Result<(), ServiceError>> {
        Box::pin(in_transaction(txn, touched))
    }

    fn committed<'a>(&'a self, db: &'a Db, touched: Touched) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            let Some(index) = &self.search else {
                return;
            };
            let ids: Vec<i32> = touched.publications.into_iter().collect();
            if let Err(e) = search_index::refresh(db, index, &ids).await {
                tracing::warn!("the search index missed publication records {ids:?}: {e}");
            }
        })
    }
}

/// Computes the derived tables the migrations cannot: the statistics' running totals, then the
/// warning index (which marks the totals' rows it covers). Cheap when they are current.
pub async fn ensure(db: &Db) -> Result<(), ServiceError> {
    rollup::ensure(db).await?;
    warning_index::ensure(db).await?;
    Ok(())
}

/// Recomputes the derived tables from the cases (after rows were written outside the
/// application). Returns the cases counted in the totals and the cases whose warnings were
/// indexed.
pub async fn rebuild(db: &Db) -> Result<(u64, u64), ServiceError> {
    let cases = rollup::rebuild(db).await?;
    let indexed = warning_index::rebuild(db).await?;
    Ok((cases, indexed))
}
