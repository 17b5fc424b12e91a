//! Creating a case: registering a clue (S0) and deciding on the spot (简易程序).

use super::*;
use tianping_domain::deadline::ActTiming;

/// Registers a case (S0 案源登记) in the actor's agency, from a clue in the intake queue or
/// from the officer's own inspection.
pub async fn register(
    state: &AppState,
    actor: &Actor,
    form: &NewCaseForm,
) -> Result<StepOutcome, ServiceError> {
    let today = state.today();
    may_open(actor, case::CommandKind::RegisterClue)?;
    let mut errors = Vec::new();
    let mut take = |r: Result<String, ValidationError>| match r {
        Ok(v) => v,
        Err(e) => {
            errors.push(e);
            String::new()
        }
    };
    let title = take(validate::text(Field::Title, &form.title, 2, 200));
    let description = take(validate::text(
        Field::Description,
        &form.description,
        1,
        5000,
    ));
    let location = take(validate::text(Field::Location, &form.location, 2, 200));
    let source = if form.source.trim().is_empty() && !form.clue.trim().is_empty() {
        Some(ClueSource::ComplaintOrReport)
    } else {
        parse_code::<ClueSource>(form.source.trim())
    };
    if source.is_none() {
        errors.push(ValidationError::new(Field::ClueSource, Rule::OneOf));
    }
    let received_on = if form.received_on.trim().is_empty() {
        Ok(today)
    } else {
        validate::date(Field::ReceivedOn, &form.received_on)
    };
    let act_date = validate::date(Field::ActDate, &form.act_date);
    let clue_id = if form.clue.trim().is_empty() {
        None
    } else {
        match form.clue.trim().parse::<i32>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push(ValidationError::new(Field::Clue, Rule::Exists));
                None
            }
        }
    };
    let act_ended_on = match form.act_ended_on.trim() {
        "" => Ok(None),
        s => validate::date(Field::ActEndedOn, s).map(Some),
    };
    let flag = |v: &str| matches!(v.trim(), "on" | "true");
    let (received_on, timing) = match (received_on, act_date, act_ended_on) {
        (Ok(r), Ok(a), Ok(e)) => {
            match ActTiming::check(a, e, flag(&form.endangers), flag(&form.harmful), today) {
                Ok(t) => (r, Some(t)),
                Err(e) => {
                    errors.extend(e);
                    (r, None)
                }
            }
        }
        (r, a, e) => {
            errors.extend(r.err());
            errors.extend(a.err());
            errors.extend(e.err());
            (today, None)
        }
    };
    let (Some(source), Some(timing), true) = (source, timing, errors.is_empty()) else {
        return Err(ServiceError::ValidationMany(errors));
    };

    let uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let Some(agency_id) = actor.agency_id else {
        return Err(ServiceError::Forbidden);
    };
    let agency = agency_for_update(&uow, agency_id).await?;
    let clue = match clue_id {
        Some(id) => {
            let clue = clues::Entity::find_by_id(id)
                .one(uow.txn())
                .await?
                .filter(|c| c.agency_id == agency_id)
                .ok_or(ServiceError::Validation(ValidationError::new(
                    Field::Clue,
                    Rule::Exists,
                )))?;
            if clue.status != "pending" {
                return Err(ServiceError::Validation(ValidationError::new(
                    Field::Clue,
                    Rule::Unique,
                )));
            }
            Some(clue)
        }
        None => None,
    };
    // The violation was discovered when the agency received the clue (Art. 36 counts it).
    let received_on = match &clue {
        Some(c) if form.received_on.trim().is_empty() => {
            tianping_domain::i18n::china_time(c.received_at).date_naive()
        }
        _ => received_on,
    };
    let mut facts = facts::for_new_case(uow.txn(), actor, Procedure::Ordinary, &[], today).await?;
    facts.agency_id = agency_id;
    let command = Command::RegisterClue {
        source,
        received_on,
    };
    let transition = case::apply(&facts, &command, actor, today).map_err(refused)?;
    let now = uow.now();
    // Art. 36: from the act, or the end of a continuing act; 5 years for harm to life,
    // safety or finance.
    let limitation_ends = timing.limitation_ends(&state.settings.deadline_rules, &state.calendar());
    let act_date = timing.act_on;
    let row = cases::ActiveModel {
        number: Set(next_number(uow.txn(), &agency, chrono::Datelike::year(&received_on)).await?),
        agency_id: Set(agency_id),
        clue_id: Set(clue.as_ref().map(|c| c.id)),
        procedure: Set(Procedure::Ordinary.as_str().into()),
        state: Set(transition.to.as_str().into()),
        title: Set(title),
        description: Set(description),
        location: Set(location),
        source: Set(code(&source)),
        received_on: Set(received_on),
        act_date: Set(Some(act_date)),
        limitation_ends: Set(Some(limitation_ends)),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    if let Some(clue) = clue {
        let mut c = clue.into_active_model();
        c.status = Set("registered".into());
        c.decided_at = Set(Some(now));
        c.decided_by = Set(Some(actor.user_id));
        c.update(uow.txn()).await?;
    }
    finish(
        state,
        uow,
        actor,
        &row,
        &command,
        &transition,
        today,
        json!({
            "number": row.number, "title": row.title, "clue_id": row.clue_id,
            "act_date": act_date, "act_ended_on": timing.ended_on,
            "endangers_safety_or_finance": timing.endangers_safety_or_finance,
            "caused_harm": timing.caused_harm, "limitation_ends": limitation_ends,
        }),
    )
    .await
}

/// Decides an on-the-spot case (简易程序): creates it with its party and the decision in one
/// step.
pub async fn summary(
    state: &AppState,
    actor: &Actor,
    form: &SummaryForm,
) -> Result<StepOutcome, ServiceError> {
    let today = state.today();
    may_open(actor, case::CommandKind::SummaryDecide)?;
    let mut errors = Vec::new();
    let title = validate::text(Field::Title, &form.title, 2, 200)
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let description = validate::text(Field::Description, &form.description, 1, 5000)
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let location = validate::text(Field::Location, &form.location, 2, 200)
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let second = evidence::officers(&actor.user_id.to_string(), &form.officer_2, "")
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    let penalty = match form.penalty.trim() {
        "warning" => Some(SummaryPenalty::Warning),
        "fine" => form::amount(Field::Fine, &form.amount)
            .map_err(|e| errors.push(e))
            .ok()
            .map(|fen| SummaryPenalty::Fine { fen }),
        "" => {
            errors.push(ValidationError::new(Field::Penalty, Rule::Required));
            None
        }
        _ => {
            errors.push(ValidationError::new(Field::Penalty, Rule::OneOf));
            None
        }
    };
    let raw = RawParty {
        kind: form.party_kind.clone(),
        name: form.party_name.clone(),
        id_number: form.id_number.clone(),
        credit_code: form.credit_code.clone(),
        legal_representative: form.legal_representative.clone(),
        phone: form.phone.clone(),
        address: form.address.clone(),
        ..RawParty::default()
    };
    let parsed = party::parse_party(&raw, today)
        .map_err(|es| errors.extend(es))
        .ok();
    let (Some(penalty), Some(parsed), true) = (penalty, parsed, errors.is_empty()) else {
        return Err(ServiceError::ValidationMany(errors));
    };
    let Some(agency_id) = actor.agency_id else {
        return Err(ServiceError::Forbidden);
    };
    let uow = UnitOfWork::begin(&state.db, state.clock.now()).await?;
    let agency = agency_for_update(&uow, agency_id).await?;
    let facts = facts::for_new_case(uow.txn(), actor, Procedure::Summary, &second, today).await?;
    let facts = CaseFacts { agency_id, ..facts };
    let command = Command::SummaryDecide {
        penalty,
        party_kind: parsed.kind,
    };
    let transition = case::apply(&facts, &command, actor, today).map_err(refused)?;
    let now = uow.now();
    let mut model = cases::ActiveModel {
        number: Set(next_number(uow.txn(), &agency, chrono::Datelike::year(&today)).await?),
        agency_id: Set(agency_id),
        procedure: Set(Procedure::Summary.as_str().into()),
        state: Set(transition.to.as_str().into()),
        title: Set(title),
        description: Set(description),
        location: Set(location),
        source: Set(code(&ClueSource::Inspection)),
        received_on: Set(today),
        act_date: Set(Some(today)),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let placeholder = model.clone().insert(uow.txn()).await?;
    model = placeholder.into_active_model();
    store::apply_changes(
        &mut model,
        transition.to,
        &transition.changes,
        &state.settings.deadline_rules,
        &state.calendar(),
    );
    let row = model.update(uow.txn()).await?;
    for id in &second {
        store::set_officer(uow.txn(), row.id, *id, true).await?;
    }
    let party = store::insert_party(uow.txn(), row.id, &parsed, now).await?;
    let fine = match penalty {
        SummaryPenalty::Warning => 0,
        SummaryPenalty::Fine { fen } => fen,
    };
    finish(state, uow, actor, &row, &command, &transition, today, json!({
        "number": row.number, "title": row.title, "location": row.location,
        "officers": second, "fine_fen": fine,
        "party": {"party_id": party.id, "kind": party.kind, "name": party.name, "id_masked": parsed.masked_id()},
    }))
    .await
}
