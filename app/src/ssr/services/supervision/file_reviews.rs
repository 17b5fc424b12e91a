//! Case-file review (案卷评查, issue 24 item 1): a supervisor opens a round over the closed
//! cases of a period of the agencies of the region; the platform commits to a random seed in
//! the audit log and then draws the sample with it (the inspections' verifiable draw);
//! supervisors score each file against the round's template; the agency's head reads its own
//! files' scores and may object once, after which a second score is final. Results per agency,
//! criterion and officer. The rules are `tianping_domain::supervision::file_review`; every
//! score and objection is one audit event and one conditional update.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, sea_query::Expr,
};
use serde_json::json;
use tianping_domain::{
    agency::AgencyKind,
    authz::{Action, Actor, can},
    case::CaseState,
    i18n::Lang,
    inspection::draw,
    role::Role,
    supervision::file_review::{
        self, Criterion, Deduction, FileStatus, FileStep, Grade, RawRound, Score, ScoredFile,
    },
    validate::{self, Field},
};

use super::oversight::{agency_ref, names_of, own_body, target_agency};
use crate::{
    api::supervision_dto::{
        AverageView, DeductionView, FileReviewRound, ObjectionForm, ReviewFileView, ScoreForm,
    },
    ssr::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{
            agencies, case_officers, cases, file_review_files as files,
            file_review_rounds as rounds,
        },
        error::ServiceError,
    },
};

fn ids_of(text: &str) -> Vec<i32> {
    text.split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn criteria_of(r: &rounds::Model) -> Vec<Criterion> {
    serde_json::from_str(&r.criteria).unwrap_or_else(|_| file_review::default_template())
}

fn deductions_of(f: &files::Model) -> Vec<Deduction> {
    serde_json::from_str(&f.deductions).unwrap_or_default()
}

fn status_of(f: &files::Model) -> FileStatus {
    FileStatus::parse(&f.status).unwrap_or(FileStatus::Drawn)
}

fn one_decimal(tenths: u32) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The rounds the actor may read, newest first, each with the files the actor may see:
/// supervisors (and admins) every file of their region's rounds, an agency's head the files
/// of the agency only (and the results computed from them).
pub async fn rounds(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<Vec<FileReviewRound>, ServiceError> {
    can(actor, &Action::Supervise)?;
    let visible = super::super::agencies_where(state, actor, |a| Action::ViewOversight(a)).await?;
    let all = rounds::Entity::find()
        .order_by_desc(rounds::Column::Id)
        .all(&state.db.conn)
        .await?;
    let mut out = Vec::new();
    for r in all {
        let reviewed = ids_of(&r.agency_ids);
        if !reviewed.iter().any(|id| visible.contains_key(id)) {
            continue;
        }
        out.push(view(state, actor, r, &visible, lang).await?);
    }
    Ok(out)
}

/// One round.
pub async fn round(
    state: &AppState,
    actor: &Actor,
    id: i32,
    lang: Lang,
) -> Result<FileReviewRound, ServiceError> {
    can(actor, &Action::Supervise)?;
    let visible = super::super::agencies_where(state, actor, |a| Action::ViewOversight(a)).await?;
    let r = rounds::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?
        .filter(|r| {
            ids_of(&r.agency_ids)
                .iter()
                .any(|a| visible.contains_key(a))
        })
        .ok_or(ServiceError::NotFound)?;
    view(state, actor, r, &visible, lang).await
}

async fn view(
    state: &AppState,
    actor: &Actor,
    r: rounds::Model,
    visible: &HashMap<i32, agencies::Model>,
    lang: Lang,
) -> Result<FileReviewRound, ServiceError> {
    let conn = &state.db.conn;
    let criteria = criteria_of(&r);
    let rows: Vec<files::Model> = files::Entity::find()
        .filter(files::Column::RoundId.eq(r.id))
        .order_by_asc(files::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .filter(|f| visible.contains_key(&f.agency_id))
        .collect();
    let case_ids: Vec<i32> = rows.iter().map(|f| f.case_id).collect();
    let case_rows: HashMap<i32, cases::Model> = cases::Entity::find()
        .filter(cases::Column::Id.is_in(case_ids.iter().copied()))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut officers: HashMap<i32, Vec<i32>> = HashMap::new();
    for o in case_officers::Entity::find()
        .filter(case_officers::Column::CaseId.is_in(case_ids.iter().copied()))
        .all(conn)
        .await?
    {
        officers.entry(o.case_id).or_default().push(o.user_id);
    }
    let label_of = |key: &str| {
        criteria
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| key.to_owned())
    };
    let mut scored = Vec::new();
    let mut views = Vec::new();
    for f in rows {
        let Some(agency) = visible.get(&f.agency_id) else {
            continue;
        };
        let status = status_of(&f);
        let deductions = deductions_of(&f);
        let total = f.total.and_then(|t| u32::try_from(t).ok());
        if let Some(total) = total {
            scored.push(ScoredFile {
                agency_id: f.agency_id,
                officer_ids: officers.get(&f.case_id).cloned().unwrap_or_default(),
                score: Score {
                    total,
                    grade: Grade::of(total),
                    deductions: deductions.clone(),
                },
            });
        }
        let scope = agency.scope();
        let case = case_rows.get(&f.case_id);
        views.push(ReviewFileView {
            id: f.id,
            case_id: f.case_id,
            case_number: case.map(|c| c.number.clone()).unwrap_or_default(),
            case_title: case.map(|c| c.title.clone()).unwrap_or_default(),
            agency: agency_ref(agency),
            status,
            status_label: status.label(lang).to_owned(),
            total,
            grade: total.map(Grade::of),
            grade_label: total.map(|t| Grade::of(t).label(lang).to_owned()),
            deductions: deductions
                .into_iter()
                .map(|d| DeductionView {
                    label: label_of(&d.key),
                    key: d.key,
                    points: d.points,
                    comment: d.comment,
                })
                .collect(),
            first_total: f.first_total.and_then(|t| u32::try_from(t).ok()),
            objection: f.objection,
            can_score: file_review::next(status, FileStep::Score).is_some()
                && can(actor, &Action::RecordOversight(&scope)).is_ok(),
            can_object: file_review::next(status, FileStep::Object).is_some()
                && can(actor, &Action::ReportRectification(&scope)).is_ok(),
            rectify: (total.is_some_and(|t| Grade::of(t).to_rectify())
                && can(actor, &Action::RecordOversight(&scope)).is_ok())
            .then(|| {
                format!(
                    "/work/notices?agency={}&source=review&ref={}",
                    agency.code,
                    crate::ssr::util::url_encode(
                        &case.map(|c| c.number.clone()).unwrap_or_default()
                    )
                )
            }),
        });
    }
    let summary = file_review::summarize(&criteria, &scored);
    let officer_names = names_of(
        state,
        summary
            .per_officer
            .iter()
            .filter_map(|a| a.key.parse().ok())
            .collect::<Vec<i32>>(),
    )
    .await?;
    let all_agencies: HashMap<i32, agencies::Model> = agencies::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let name_of = |key: &str, names: &dyn Fn(i32) -> Option<String>| {
        key.parse()
            .ok()
            .and_then(names)
            .unwrap_or_else(|| key.to_owned())
    };
    let agency_name = |id: i32| all_agencies.get(&id).map(|a| a.name.clone());
    let officer_name = |id: i32| officer_names.get(&id).cloned();
    Ok(FileReviewRound {
        id: r.id,
        name: r.name,
        period_from: r.period_from,
        period_to: r.period_to,
        agencies: ids_of(&r.agency_ids)
            .iter()
            .filter_map(|id| all_agencies.get(id).map(agency_ref))
            .collect(),
        sample_size: u32::try_from(r.sample_size).unwrap_or_default(),
        candidates: u32::try_from(
            serde_json::from_str::<Vec<String>>(&r.candidates)
                .map(|c| c.len())
                .unwrap_or_default(),
        )
        .unwrap_or_default(),
        criteria: criteria.clone(),
        commitment: r.commitment,
        commitment_seq: r.commitment_seq,
        seed: r.seed,
        opened_on: r.created_on,
        files: views,
        per_agency: summary
            .per_agency
            .iter()
            .map(|a| AverageView {
                name: name_of(&a.key, &agency_name),
                files: a.files,
                average: one_decimal(a.tenths),
            })
            .collect(),
        per_criterion: summary
            .per_criterion
            .iter()
            .map(|a| AverageView {
                name: label_of(&a.key),
                files: a.files,
                average: one_decimal(a.tenths),
            })
            .collect(),
        per_officer: summary
            .per_officer
            .iter()
            .map(|a| AverageView {
                name: name_of(&a.key, &officer_name),
                files: a.files,
                average: one_decimal(a.tenths),
            })
            .collect(),
        to_rectify: summary.to_rectify,
    })
}

/// Opens a round: the closed cases of the period of the agencies named (all the enforcement
/// agencies of the supervisor's region when none is), a seed committed in the audit log, then
/// the draw from it.
pub async fn open_round(
    state: &AppState,
    actor: &Actor,
    raw: &RawRound,
    lang: Lang,
) -> Result<FileReviewRound, ServiceError> {
    let body = own_body(state, actor).await?;
    let today = state.today();
    let valid = file_review::validate_round(raw, today).map_err(ServiceError::ValidationMany)?;
    let mut reviewed = Vec::new();
    if valid.agencies.is_empty() {
        let mine =
            super::super::agencies_where(state, actor, |a| Action::RecordOversight(a)).await?;
        let mut list: Vec<agencies::Model> = mine
            .into_values()
            .filter(|a| a.kind == AgencyKind::Enforcement.as_str())
            .collect();
        list.sort_by_key(|a| a.id);
        reviewed = list;
    } else {
        for code in &valid.agencies {
            reviewed.push(target_agency(state, actor, code).await?);
        }
    }
    let agency_ids: Vec<i32> = reviewed.iter().map(|a| a.id).collect();
    let closed = [CaseState::Closed.as_str(), CaseState::Archived.as_str()];
    let candidates: Vec<cases::Model> = cases::Entity::find()
        .filter(cases::Column::AgencyId.is_in(agency_ids.iter().copied()))
        .filter(cases::Column::State.is_in(closed))
        .filter(cases::Column::ClosedOn.between(valid.period_from, valid.period_to))
        .order_by_asc(cases::Column::Id)
        .all(&state.db.conn)
        .await?;
    if candidates.is_empty() {
        return Err(ServiceError::StateConflict(
            lang.pick(
                "所选机关在该期间内没有已结案的案件，无案卷可抽",
                "The agencies chose closed no case in that period: there is no file to draw",
            )
            .to_owned(),
        ));
    }
    let candidate_ids: Vec<i32> = candidates.iter().map(|c| c.id).collect();
    let candidate_strings: Vec<String> = candidate_ids.iter().map(i32::to_string).collect();
    let now = state.clock.now();

    // First the commitment, in its own commit: the seed is fixed before the draw is made.
    let seed: [u8; 32] = crate::ssr::util::random_bytes()?;
    let commitment = draw::commitment(&seed);
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "file_review.commit",
        subject_type: "file_review",
        subject_id: body.code.clone(),
        payload: json!({
            "commitment": commitment, "name": valid.name,
            "period_from": valid.period_from.to_string(), "period_to": valid.period_to.to_string(),
            "agency_ids": agency_ids, "candidates": candidate_strings,
            "sample_size": valid.sample_size, "criteria": valid.criteria,
        }),
    });
    let seqs = uow.commit().await?;
    let commitment_seq = seqs.first().copied().ok_or_else(|| {
        ServiceError::Internal("the review draw's commitment was not logged".to_owned())
    })?;

    // Then the draw, from the committed seed.
    let drawn = file_review::draw_sample(&seed, &candidate_ids, valid.sample_size);
    let agency_of: HashMap<i32, i32> = candidates.iter().map(|c| (c.id, c.agency_id)).collect();
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    let row = rounds::ActiveModel {
        body_id: Set(body.id),
        name: Set(valid.name.clone()),
        period_from: Set(valid.period_from),
        period_to: Set(valid.period_to),
        agency_ids: Set(agency_ids
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(",")),
        sample_size: Set(i32::try_from(valid.sample_size).unwrap_or(1)),
        criteria: Set(serde_json::to_string(&valid.criteria).unwrap_or_else(|_| "[]".into())),
        commitment: Set(commitment.clone()),
        commitment_seq: Set(commitment_seq),
        seed: Set(hex::encode(seed)),
        candidates: Set(serde_json::to_string(&candidate_strings).unwrap_or_else(|_| "[]".into())),
        created_by: Set(actor.user_id),
        created_on: Set(today),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    for case_id in &drawn {
        files::ActiveModel {
            round_id: Set(row.id),
            case_id: Set(*case_id),
            agency_id: Set(agency_of.get(case_id).copied().unwrap_or_default()),
            status: Set(FileStatus::Drawn.as_str().into()),
            deductions: Set("[]".into()),
            ..Default::default()
        }
        .insert(uow.txn())
        .await?;
    }
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "file_review.draw",
        subject_type: "file_review",
        subject_id: row.id.to_string(),
        payload: json!({
            "commitment_seq": commitment_seq, "seed": row.seed, "drawn": drawn,
        }),
    });
    uow.commit().await?;
    round(state, actor, row.id, lang).await
}

/// A drawn file and its round, if the actor may see it.
async fn readable_file(
    state: &AppState,
    actor: &Actor,
    id: i32,
) -> Result<(files::Model, rounds::Model, agencies::Model), ServiceError> {
    can(actor, &Action::Supervise)?;
    let f = files::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let agency = agencies::Entity::find_by_id(f.agency_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    can(actor, &Action::ViewOversight(&agency.scope()))?;
    let r = rounds::Entity::find_by_id(f.round_id)
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((f, r, agency))
}

fn refused(lang: Lang, status: FileStatus) -> ServiceError {
    ServiceError::StateConflict(format!(
        "{}{}{}",
        lang.pick("该案卷当前为「", "This file is now “"),
        status.label(lang),
        lang.pick("」，不能进行此操作", "”: the step is not open"),
    ))
}

fn raced(lang: Lang) -> ServiceError {
    ServiceError::StateConflict(
        lang.pick(
            "该案卷刚刚已被他人处理，请刷新后再试",
            "Someone has just acted on this file; reload and try again",
        )
        .to_owned(),
    )
}

/// Scores a drawn file (or scores it again after the agency's objection: final).
pub async fn score_file(
    state: &AppState,
    actor: &Actor,
    id: i32,
    form: &ScoreForm,
    lang: Lang,
) -> Result<FileReviewRound, ServiceError> {
    let (f, r, agency) = readable_file(state, actor, id).await?;
    can(actor, &Action::RecordOversight(&agency.scope()))?;
    if actor.role != Role::Supervisor {
        return Err(ServiceError::Forbidden);
    }
    let status = status_of(&f);
    let after = file_review::next(status, FileStep::Score).ok_or_else(|| refused(lang, status))?;
    let criteria = criteria_of(&r);
    let lost: BTreeMap<String, String> = form.lost.clone();
    let score = file_review::score(&criteria, &lost, &form.comments)
        .map_err(ServiceError::ValidationMany)?;
    let today = state.today();
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let total = i32::try_from(score.total).unwrap_or_default();
    let mut update = files::Entity::update_many()
        .col_expr(files::Column::Status, Expr::value(after.as_str()))
        .col_expr(files::Column::Total, Expr::value(total))
        .col_expr(files::Column::Grade, Expr::value(score.grade.as_str()))
        .col_expr(
            files::Column::Deductions,
            Expr::value(serde_json::to_string(&score.deductions).unwrap_or_else(|_| "[]".into())),
        )
        .col_expr(files::Column::ScoredBy, Expr::value(actor.user_id))
        .col_expr(files::Column::ScoredOn, Expr::value(today))
        .filter(files::Column::Id.eq(id))
        .filter(files::Column::Status.eq(status.as_str()));
    if after == FileStatus::Final {
        update = update.col_expr(files::Column::FirstTotal, Expr::value(f.total));
    }
    if update.exec(uow.txn()).await?.rows_affected != 1 {
        return Err(raced(lang));
    }
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: if after == FileStatus::Final {
            "file_review.rescore"
        } else {
            "file_review.score"
        },
        subject_type: "file_review_file",
        subject_id: id.to_string(),
        payload: json!({
            "round_id": r.id, "case_id": f.case_id, "total": score.total,
            "grade": score.grade.as_str(), "deductions": score.deductions,
            "to_rectify": score.grade.to_rectify(),
        }),
    });
    uow.commit().await?;
    round(state, actor, r.id, lang).await
}

/// The agency's head objects to a file's score, once.
pub async fn object_file(
    state: &AppState,
    actor: &Actor,
    id: i32,
    form: &ObjectionForm,
    lang: Lang,
) -> Result<FileReviewRound, ServiceError> {
    let (f, r, agency) = readable_file(state, actor, id).await?;
    can(actor, &Action::ReportRectification(&agency.scope()))?;
    let status = status_of(&f);
    let after = file_review::next(status, FileStep::Object).ok_or_else(|| refused(lang, status))?;
    let reason = validate::text(Field::Objection, &form.reason, 2, 2000)?;
    let today = state.today();
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let updated = files::Entity::update_many()
        .col_expr(files::Column::Status, Expr::value(after.as_str()))
        .col_expr(files::Column::Objection, Expr::value(reason.clone()))
        .col_expr(files::Column::ObjectedBy, Expr::value(actor.user_id))
        .col_expr(files::Column::ObjectedOn, Expr::value(today))
        .filter(files::Column::Id.eq(id))
        .filter(files::Column::Status.eq(status.as_str()))
        .exec(uow.txn())
        .await?;
    if updated.rows_affected != 1 {
        return Err(raced(lang));
    }
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "file_review.object",
        subject_type: "file_review_file",
        subject_id: id.to_string(),
        payload: json!({ "round_id": r.id, "case_id": f.case_id, "reason": reason }),
    });
    uow.commit().await?;
    round(state, actor, r.id, lang).await
}
