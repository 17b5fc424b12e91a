//! Who is on a case: staffing changes (回避, assignment) and parties (当事人).

use super::*;

/// Changes who handles a case: recusal (回避) or assignment of an officer, decided by the
/// agency head.
pub async fn change_staffing(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    form: &StaffingForm,
) -> Result<StepOutcome, ServiceError> {
    let today = state.today();
    visible_case(&state.db.conn, actor, case_id, false).await?;
    let mut errors = Vec::new();
    let user_id = form.user_id.trim().parse::<i32>().map_err(|_| {
        errors.push(ValidationError::new(
            Field::Officers,
            if form.user_id.trim().is_empty() {
                Rule::Required
            } else {
                Rule::Exists
            },
        ))
    });
    let change = match (form.change.trim(), user_id) {
        ("recuse", Ok(user_id)) => Some(case::StaffingChange::Recuse { user_id }),
        ("assign", Ok(user_id)) => Some(case::StaffingChange::Assign { user_id }),
        ("recuse" | "assign", Err(())) => None,
        _ => {
            errors.push(ValidationError::new(Field::Step, Rule::OneOf));
            None
        }
    };
    let reason = form.reason.trim().to_owned();
    if matches!(change, Some(case::StaffingChange::Recuse { .. }))
        && let Err(e) = validate::text(Field::Reason, &reason, 2, 2000)
    {
        errors.push(e);
    }
    let (Some(change), true) = (change, errors.is_empty()) else {
        return Err(ServiceError::ValidationMany(errors));
    };
    let named = match change {
        case::StaffingChange::Recuse { user_id } | case::StaffingChange::Assign { user_id } => {
            user_id
        }
    };
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let (row, _) = visible_case(uow.txn(), actor, case_id, uow.locks_rows()).await?;
    let facts = facts::load(uow.txn(), &row, actor, &[named], today).await?;
    case::check_staffing(&facts, actor, change).map_err(refused)?;
    match change {
        case::StaffingChange::Recuse { user_id } => {
            store::set_recused(uow.txn(), case_id, user_id).await?;
        }
        case::StaffingChange::Assign { user_id } => {
            store::set_officer(uow.txn(), case_id, user_id, true).await?;
        }
    }
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: change.action(),
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: case_id.to_string(),
        payload: json!({ "change": change, "reason": reason, "state": facts.state }),
    });
    let seqs = uow.commit().await?;
    Ok(StepOutcome {
        case_id,
        state: facts.state,
        seq: seqs.last().copied().unwrap_or_default(),
    })
}

/// Adds a party (当事人) to a case.
pub async fn add_party(
    state: &AppState,
    actor: &Actor,
    case_id: i32,
    raw: &RawParty,
) -> Result<i32, ServiceError> {
    let today = state.today();
    let parsed = party::parse_party(raw, today).map_err(ServiceError::ValidationMany)?;
    let mut uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let (row, _) = visible_case(uow.txn(), actor, case_id, uow.locks_rows()).await?;
    let facts = facts::load(uow.txn(), &row, actor, &[], today).await?;
    if !facts.may_add_parties(actor) {
        return Err(ServiceError::Forbidden);
    }
    let model = store::insert_party(uow.txn(), case_id, &parsed, uow.now()).await?;
    // The ID number and phone are personal data: the audit log keeps the masked number only.
    uow.record(NewEvent {
        actor: AuditActor::from(actor),
        action: "case.add_party",
        subject_type: case::AUDIT_SUBJECT_TYPE,
        subject_id: case_id.to_string(),
        payload: json!({
            "party_id": model.id, "kind": model.kind, "name": model.name,
            "id_masked": parsed.masked_id(), "credit_code": model.credit_code,
        }),
    });
    uow.commit().await?;
    Ok(model.id)
}
