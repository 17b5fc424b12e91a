//! The public side of publication: the portal's search, a decision's page, the bulk export
//! and the sitemap's ids. Only records public today are shown; a withdrawn one keeps a notice.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use tianping_domain::{
    i18n::{Lang, china_time},
    money::format_yuan,
    publicity::{
        self, PublicationStatus, Search, SearchInput, WithdrawalBasis, request,
        search_index::Filters,
    },
};

use super::withdrawal_text;
use crate::{
    api::publicity_dto::{DecisionPage, PublicDecision},
    ssr::{
        AppState,
        entities::{agencies, publications},
        error::ServiceError,
    },
};

/// Whether the record was removed early after credit repair (its content is hidden).
fn removed(p: &publications::Model) -> bool {
    p.withdrawal_basis
        .as_deref()
        .and_then(WithdrawalBasis::parse)
        .is_some_and(WithdrawalBasis::hides_record)
}

/// The agency's name and code, as a public decision shows them.
fn agency_of(agencies: &HashMap<i32, agencies::Model>, id: i32) -> (&str, &str) {
    agencies
        .get(&id)
        .map_or(("", ""), |a| (a.name.as_str(), a.code.as_str()))
}

fn public_view(
    p: &publications::Model,
    (agency_name, agency_code): (&str, &str),
    today: chrono::NaiveDate,
    rules: &publicity::PublicationRules,
    lang: Lang,
) -> PublicDecision {
    let status = PublicationStatus::parse(&p.status).unwrap_or(PublicationStatus::Draft);
    if removed(p) {
        // After credit repair only the notice stays: who, what and how much are not shown.
        return PublicDecision {
            id: p.id,
            number: p.number.clone(),
            title: p.title.clone(),
            agency: agency_name.to_owned(),
            agency_code: agency_code.to_owned(),
            party: String::new(),
            party_kind: String::new(),
            provision: String::new(),
            fine: None,
            decided_on: p.decided_on,
            published_on: p.published_on,
            display_until: p.display_until,
            withdrawn: true,
            withdrawal: withdrawal_text(p, lang),
            withdrawn_on: p.withdrawn_at.map(|t| china_time(t).date_naive()),
            body: String::new(),
            document_id: p.document_id,
            verification_code: None,
            removed: true,
            corrections: Vec::new(),
            takes_requests: false,
            removable_from: None,
        };
    }
    PublicDecision {
        id: p.id,
        number: p.number.clone(),
        title: p.title.clone(),
        agency: agency_name.to_owned(),
        agency_code: agency_code.to_owned(),
        party: p.party_name.clone(),
        party_kind: p.party_kind.clone(),
        provision: p.provision.clone(),
        fine: p
            .fine_fen
            .map(|f| format!("{}{}", format_yuan(f), lang.pick("元", " yuan"))),
        decided_on: p.decided_on,
        published_on: p.published_on,
        display_until: p.display_until,
        withdrawn: status == PublicationStatus::Withdrawn,
        withdrawal: withdrawal_text(p, lang),
        withdrawn_on: p.withdrawn_at.map(|t| china_time(t).date_naive()),
        body: p.body.clone(),
        document_id: p.document_id,
        verification_code: None,
        removed: false,
        corrections: Vec::new(),
        takes_requests: request::eligible(status, p.display_until, today).is_ok(),
        removable_from: p.published_on.map(|d| request::removable_from(d, rules)),
    }
}

fn visible_now(today: chrono::NaiveDate) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(publications::Column::Status.eq(PublicationStatus::Published.as_str()))
                .add(publications::Column::DisplayUntil.gte(today)),
        )
        .add(publications::Column::Status.eq(PublicationStatus::Withdrawn.as_str()))
}

/// What the search index needs of a checked search: the agency's code becomes its id (an
/// unknown code matches nothing) and only decisions still displayed today count.
fn filters(
    q: &Search,
    agencies: &HashMap<i32, agencies::Model>,
    today: chrono::NaiveDate,
) -> Filters {
    Filters {
        agency_id: q.agency.as_ref().map(|code| {
            agencies
                .values()
                .find(|a| &a.code == code)
                .map_or(-1, |a| a.id)
        }),
        from: q.from,
        to: q.to,
        fine_min: q.fine_min,
        fine_max: q.fine_max,
        party_kind: q.party_kind.clone(),
        visible_on: Some(today),
    }
}

/// The records with these ids that are public results today, in the order of `ids`. The index
/// chose them; the database has the last word (a record withdrawn by another process since is
/// left out).
async fn results(
    conn: &sea_orm::DatabaseConnection,
    ids: &[i32],
    today: chrono::NaiveDate,
) -> Result<Vec<publications::Model>, ServiceError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = publications::Entity::find()
        .filter(publications::Column::Id.is_in(ids.iter().copied()))
        .filter(publications::Column::Status.eq(PublicationStatus::Published.as_str()))
        .filter(publications::Column::DisplayUntil.gte(today))
        .all(conn)
        .await?;
    let mut by_id: HashMap<i32, publications::Model> =
        rows.into_iter().map(|p| (p.id, p)).collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

async fn agency_map(
    conn: &sea_orm::DatabaseConnection,
) -> Result<HashMap<i32, agencies::Model>, ServiceError> {
    Ok(agencies::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

/// Up to `limit` public decisions matching the search with an id above `after`, in id order
/// (bulk downloads page through them this way, whatever their number).
pub async fn export_chunk(
    state: &AppState,
    input: &SearchInput,
    after: i32,
    limit: u64,
    lang: Lang,
) -> Result<Vec<PublicDecision>, ServiceError> {
    let q: Search = publicity::search(input).map_err(ServiceError::ValidationMany)?;
    let conn = &state.db.conn;
    let agencies = agency_map(conn).await?;
    let today = state.today();
    let rules = &state.settings.publication_rules;
    let ids = state.search.read().ids_after(
        &q.words,
        &filters(&q, &agencies, today),
        after,
        usize::try_from(limit).unwrap_or(usize::MAX),
    );
    let rows = results(conn, &ids, today).await?;
    Ok(rows
        .iter()
        .map(|p| public_view(p, agency_of(&agencies, p.agency_id), today, rules, lang))
        .collect())
}

/// The public search: published decisions matching every word and filter, newest first;
/// withdrawn ones are not results (their own page still shows them as withdrawn). Answered
/// from the search index ([`crate::ssr::search_index`]).
pub async fn search(
    state: &AppState,
    input: &SearchInput,
    lang: Lang,
) -> Result<DecisionPage, ServiceError> {
    let q: Search = publicity::search(input).map_err(ServiceError::ValidationMany)?;
    let today = state.today();
    let conn = &state.db.conn;
    let agencies = agency_map(conn).await?;
    let page_size = usize::try_from(publicity::PAGE_SIZE).unwrap_or(20);
    let offset = usize::try_from(q.page - 1).unwrap_or(0) * page_size;
    let hits =
        state
            .search
            .read()
            .search(&q.words, &filters(&q, &agencies, today), offset, page_size);
    let rows = results(conn, &hits.ids, today).await?;
    let total = hits.total;
    let mut agency_list: Vec<(String, String)> = agencies
        .values()
        .map(|a| (a.code.clone(), a.name.clone()))
        .collect();
    agency_list.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(DecisionPage {
        total,
        page: q.page,
        pages: std::cmp::max(total.div_ceil(publicity::PAGE_SIZE), 1),
        items: rows
            .iter()
            .map(|p| {
                public_view(
                    p,
                    agency_of(&agencies, p.agency_id),
                    today,
                    &state.settings.publication_rules,
                    lang,
                )
            })
            .collect(),
        agencies: agency_list,
    })
}

/// One decision's public page: published and displayed, or withdrawn (shown as such).
pub async fn public_detail(
    state: &AppState,
    id: i32,
    lang: Lang,
) -> Result<PublicDecision, ServiceError> {
    let conn = &state.db.conn;
    let today = state.today();
    // One query for the page: the record with its agency, its document's verification code
    // and how many corrections it has (read only when there are some).
    let row = publications::Entity::find_by_id(id)
        .filter(visible_now(today))
        .column_as(
            Expr::cust("(SELECT name FROM agencies WHERE agencies.id = publications.agency_id)"),
            "agency_name",
        )
        .column_as(
            Expr::cust("(SELECT code FROM agencies WHERE agencies.id = publications.agency_id)"),
            "agency_code",
        )
        .column_as(
            Expr::cust("(SELECT verification_code FROM issued_documents WHERE issued_documents.id = publications.document_id)"),
            "verification_code",
        )
        .column_as(
            Expr::cust(format!(
                "(SELECT COUNT(*) FROM publication_requests WHERE publication_requests.publication_id = publications.id AND publication_requests.kind = '{}' AND publication_requests.status = '{}')",
                request::RequestKind::Correction.as_str(),
                request::RequestStatus::Accepted.as_str()
            )),
            "corrections",
        )
        .into_model::<DetailRow>()
        .one(conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let p = &row.publication;
    let mut view = public_view(
        p,
        (
            row.agency_name.as_deref().unwrap_or_default(),
            row.agency_code.as_deref().unwrap_or_default(),
        ),
        today,
        &state.settings.publication_rules,
        lang,
    );
    if view.removed {
        return Ok(view);
    }
    view.verification_code = row
        .verification_code
        .as_deref()
        .and_then(tianping_domain::document::VerificationCode::parse)
        .map(|c| c.printed());
    if row.corrections > 0 {
        view.corrections =
            crate::ssr::services::publication_requests::corrections(conn, p.id).await?;
    }
    Ok(view)
}

/// A public decision's record with what its page shows beside it.
#[derive(Debug, sea_orm::FromQueryResult)]
struct DetailRow {
    #[sea_orm(nested)]
    publication: publications::Model,
    agency_name: Option<String>,
    agency_code: Option<String>,
    verification_code: Option<String>,
    corrections: i64,
}

/// The ids of every public decision page, newest first (the sitemap).
pub async fn public_ids(state: &AppState) -> Result<Vec<(i32, chrono::NaiveDate)>, ServiceError> {
    Ok(publications::Entity::find()
        .filter(visible_now(state.today()))
        .order_by_desc(publications::Column::Id)
        .limit(50_000)
        .all(&state.db.conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p.published_on.unwrap_or(p.decided_on)))
        .collect())
}

/// Whether an issued document may be downloaded in its public version: its publication is
/// public now, and was not removed after credit repair.
pub async fn document_is_public(state: &AppState, document_id: i32) -> Result<bool, ServiceError> {
    Ok(publications::Entity::find()
        .filter(publications::Column::DocumentId.eq(document_id))
        .filter(visible_now(state.today()))
        .all(&state.db.conn)
        .await?
        .iter()
        .any(|p| !removed(p)))
}
