//! What the case's parties bring to the rules beyond the case itself: a natural person's age
//! on the day of the act (APL Art. 30) and the same party's earlier decisions (the
//! first-violation waiver, Art. 33 ¶1). The rules are the domain's ([`tianping_domain::liability`]);
//! this module only reads the rows.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use tianping_domain::liability::{self, AgeResponsibility, PriorDecision};

use crate::ssr::{
    entities::{case_remedies, cases, parties},
    error::ServiceError,
};

/// Results of a challenge after which the decision no longer stands as a finding of a
/// violation.
const ANNULLED: [&str; 2] = ["revoked", "confirmed_invalid"];

/// The responsibility by age of the case's first natural-person party whose age is known, on
/// the day of the act (or, without one, the day the case was received).
pub fn responsibility(
    row: &cases::Model,
    party_rows: &[parties::Model],
) -> Option<AgeResponsibility> {
    let act_on: NaiveDate = row.act_date.unwrap_or(row.received_on);
    party_rows
        .iter()
        .filter(|p| p.kind == "natural_person")
        .find_map(|p| {
            p.birth_date
                .or_else(|| p.id_number.as_deref().and_then(liability::birth_date))
        })
        .map(|born| liability::responsibility(born, act_on))
}

/// The standing penalty decisions of other cases against the same party (same resident ID
/// number or credit code), oldest first.
pub async fn history<C: ConnectionTrait>(
    conn: &C,
    row: &cases::Model,
    party_rows: &[parties::Model],
) -> Result<Vec<PriorDecision>, ServiceError> {
    let ids: Vec<String> = party_rows
        .iter()
        .filter_map(|p| p.id_number.clone())
        .collect();
    let codes: Vec<String> = party_rows
        .iter()
        .filter_map(|p| p.credit_code.clone())
        .collect();
    if ids.is_empty() && codes.is_empty() {
        return Ok(Vec::new());
    }
    let same_party = parties::Entity::find()
        .filter(parties::Column::CaseId.ne(row.id))
        .filter(
            Condition::any()
                .add(parties::Column::IdNumber.is_in(ids))
                .add(parties::Column::CreditCode.is_in(codes)),
        )
        .all(conn)
        .await?;
    let case_ids: Vec<i32> = same_party.iter().map(|p| p.case_id).collect();
    if case_ids.is_empty() {
        return Ok(Vec::new());
    }
    let annulled: Vec<i32> = case_remedies::Entity::find()
        .filter(case_remedies::Column::CaseId.is_in(case_ids.clone()))
        .filter(case_remedies::Column::Outcome.is_in(ANNULLED))
        .all(conn)
        .await?
        .iter()
        .map(|r| r.case_id)
        .collect();
    let mut decided: Vec<PriorDecision> = cases::Entity::find()
        .filter(cases::Column::Id.is_in(case_ids))
        .filter(cases::Column::DecisionOutcome.eq("penalty"))
        .all(conn)
        .await?
        .into_iter()
        .filter(|c| !annulled.contains(&c.id))
        .filter_map(|c| {
            let provision = c
                .provision_violated
                .clone()
                .unwrap_or_default()
                .trim()
                .to_owned();
            // The act, for one fine per act (Art. 29): its provision and its day.
            let act = c
                .act_date
                .filter(|_| !provision.is_empty())
                .map(|day| liability::act_key(&provision, day));
            Some(PriorDecision {
                decided_on: c.decided_on?,
                provision,
                fined: c.fine_fen.unwrap_or(0) > 0,
                act,
            })
        })
        .collect();
    decided.sort_by_key(|d| d.decided_on);
    Ok(decided)
}
