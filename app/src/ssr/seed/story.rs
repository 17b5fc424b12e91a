//! Telling a story: the case is registered and its party added on day 0, then each beat of its
//! chapters is taken through the case services with the clock set to the beat's day, so its
//! deadlines, documents and audit events are what they would have been.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tianping_domain::{authz::Actor, evidence::RawEvidence, party::RawParty, review::CheckPoint};

use super::{
    super::{
        AppState,
        blobs::{BlobError, BlobStore},
        entities::{agencies, case_documents, discretion_standards, review_rounds},
        error::ServiceError,
        services::{
            cases::{self, EvidenceInput},
            reviews,
        },
    },
    actor, at,
    chapters::{Beat, Does, Who},
    stories::{Party, Story},
};
use crate::api::{
    case_dto::{NewCaseForm, StepForm},
    review_dto::ReviewForm,
};

/// A step form of the given kind, otherwise empty.
pub(super) fn step(kind: &str) -> StepForm {
    StepForm {
        kind: kind.into(),
        ..StepForm::default()
    }
}

/// A story being told: its case, the people in it, and its clock.
struct Telling<'a> {
    state: &'a AppState,
    store: &'a BlobStore,
    story: &'a Story,
    officer: Actor,
    second: Actor,
    head: Actor,
    reviewer: Actor,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
    case_id: i32,
}

/// Tells `story`, registered `story.days_ago` before `now`.
pub(super) async fn tell(
    state: &AppState,
    store: &BlobStore,
    now: DateTime<Utc>,
    story: &Story,
) -> Result<(), ServiceError> {
    let start = now - Duration::days(story.days_ago);
    let mut t = Telling {
        state,
        store,
        story,
        officer: actor(state, story.team.officer).await?,
        second: actor(state, story.team.second).await?,
        head: actor(state, story.team.head).await?,
        reviewer: actor(state, "reviewer.sun").await?,
        start,
        now,
        case_id: 0,
    };
    t.register().await?;
    for chapter in story.chapters {
        for beat in *chapter {
            t.take(beat).await?;
        }
    }
    Ok(())
}

impl Telling<'_> {
    /// The instant of a day of the story: `offset` days after registration, never after now.
    fn day(&self, offset: i64) -> DateTime<Utc> {
        (self.start + Duration::days(offset)).min(self.now)
    }

    /// The date of a day of the story, as a form field.
    fn date(&self, offset: i64) -> String {
        self.day(offset).date_naive().to_string()
    }

    fn who(&self, who: Who) -> &Actor {
        match who {
            Who::Officer => &self.officer,
            Who::Head => &self.head,
            Who::Reviewer => &self.reviewer,
        }
    }

    /// Registers the case and adds its party, on day 0.
    async fn register(&mut self) -> Result<(), ServiceError> {
        let offence = self.story.offence;
        let s0 = at(self.state, self.day(0));
        let registered = cases::register(
            &s0,
            &self.officer,
            &NewCaseForm {
                source: self.story.team.source.into(),
                title: offence.title.into(),
                description: format!(
                    "{}：{}。经现场核查，初步认定存在违法嫌疑。",
                    offence.place, offence.title
                ),
                location: offence.place.into(),
                act_date: (self.day(0) - Duration::days(3)).date_naive().to_string(),
                ..NewCaseForm::default()
            },
        )
        .await?;
        self.case_id = registered.case_id;
        let mut party = RawParty {
            name: offence.party.name().into(),
            phone: "13800138000".into(),
            address: offence.place.into(),
            ..RawParty::default()
        };
        match offence.party {
            Party::Organisation { credit_code, .. } => {
                party.kind = "organisation".into();
                party.credit_code = credit_code.into();
                party.legal_representative = "张某".into();
            }
            Party::Person { id_number, .. } => {
                party.kind = "natural_person".into();
                party.id_number = id_number.into();
            }
        }
        cases::add_party(&s0, &self.officer, self.case_id, &party).await?;
        Ok(())
    }

    /// Takes one beat on its day.
    async fn take(&self, beat: &Beat) -> Result<(), ServiceError> {
        let state = at(self.state, self.day(beat.day));
        let by = self.who(beat.by);
        let fine = self.story.fine_yuan.to_string();
        let date = self.date(beat.day);
        let form = match beat.does {
            Does::GatherEvidence => return self.gather_evidence(&state, beat.day).await,
            Does::Review { outcome, opinion } => {
                return review(&state, by, self.case_id, outcome, opinion).await;
            }
            Does::IssueDecision => return issue_decision(&state, by, self.case_id).await,
            Does::DecidePenalty => self.decision(beat.day).await?,
            Does::Step(kind) => step(kind),
            Does::Reasoned(kind, reason) => StepForm {
                reason: reason.into(),
                ..step(kind)
            },
            Does::FileCase => StepForm {
                officer_1: self.officer.user_id.to_string(),
                officer_2: self.second.user_id.to_string(),
                ..step("file_case")
            },
            Does::Conclude {
                outcome,
                major,
                measures,
            } => StepForm {
                provision_violated: self.story.offence.violated.into(),
                provision_applied: self.story.offence.applied.into(),
                measures: measures
                    .iter()
                    .map(|m| ((*m).to_owned(), "on".to_owned()))
                    .collect(),
                ..conclusion(outcome, major, fine)
            },
            Does::SubmitForReview { after_hearing } => self.submission(after_hearing),
            Does::PriorNotice => StepForm {
                amount: fine,
                date,
                method: "direct".into(),
                ..step("serve_prior_notice")
            },
            Does::RequestHearing => StepForm {
                date,
                ..step("request_hearing")
            },
            Does::NoticeHearing { hearing_day } => StepForm {
                date,
                hearing_date: self.date(hearing_day),
                ..step("notice_hearing")
            },
            Does::HoldHearing => StepForm {
                host: self.head.user_id.to_string(),
                ..step("hold_hearing")
            },
            Does::DecideNoPenalty => StepForm {
                outcome: "no_penalty".into(),
                ..step("decide")
            },
            Does::Serve => StepForm {
                method: "direct".into(),
                date,
                ..step("serve")
            },
            Does::Payment { full } => StepForm {
                amount: if full {
                    fine
                } else {
                    (self.story.fine_yuan / 2).max(1).to_string()
                },
                date,
                ..step("record_payment")
            },
            Does::Close(outcome) => StepForm {
                outcome: outcome.into(),
                ..step("close")
            },
        };
        cases::step(&state, by, self.case_id, &form).await?;
        Ok(())
    }

    /// The penalty decision, in the standard's tier that holds the fine (a departure would
    /// make the case major).
    async fn decision(&self, day: i64) -> Result<StepForm, ServiceError> {
        let (standard, circumstance) =
            standard_for(self.state, self.story.team.code, self.story.fine_yuan * 100).await?;
        Ok(StepForm {
            outcome: "penalty".into(),
            amount: self.story.fine_yuan.to_string(),
            date: self.date(day),
            standard: standard.map(|s| s.to_string()).unwrap_or_default(),
            circumstance: circumstance.into(),
            justification: "当事人积极配合调查并主动消除危害后果，依法从轻处罚。".into(),
            provision_violated: self.story.offence.violated.into(),
            provision_applied: self.story.offence.applied.into(),
            ..step("decide")
        })
    }

    /// Records the scene photo (its bytes staged in the blob store) and the inspection record,
    /// both collected on `day` by the two officers.
    async fn gather_evidence(&self, state: &AppState, day: i64) -> Result<(), ServiceError> {
        let offence = self.story.offence;
        let internal = |e: BlobError| ServiceError::Internal(e.to_string());
        let photo = format!(
            "TIANPING-DEMO-PHOTO case {} {}",
            self.case_id, offence.title
        );
        let mut upload = self.store.upload(1 << 20).await.map_err(internal)?;
        upload.write(photo.as_bytes()).await.map_err(internal)?;
        let staged = upload.finish().await.map_err(internal)?;
        let collected_at = tianping_domain::i18n::china_time(self.day(day))
            .format("%Y-%m-%dT%H:%M")
            .to_string();
        let officers = [
            self.officer.user_id.to_string(),
            self.second.user_id.to_string(),
            String::new(),
        ];
        let photo = EvidenceInput {
            raw: RawEvidence {
                kind: "photo".into(),
                title: "现场照片".into(),
                collected_at: collected_at.clone(),
                location: offence.place.into(),
                officers: officers.clone(),
                device: "执法记录仪 DSJ-0012".into(),
                ..RawEvidence::default()
            },
            file_name: "scene.txt".into(),
            content_type: "text/plain".into(),
        };
        cases::record_evidence(state, &self.officer, self.case_id, &photo, Some(staged)).await?;
        let record = EvidenceInput {
            raw: RawEvidence {
                kind: "inspection_record".into(),
                title: "现场检查笔录".into(),
                collected_at,
                location: offence.place.into(),
                officers,
                subject: offence.party.name().into(),
                content: format!(
                    "执法人员出示执法证件，表明身份后对{}进行现场检查，发现{}。当事人在场并签字确认。",
                    offence.place, offence.title
                ),
                ..RawEvidence::default()
            },
            ..EvidenceInput::default()
        };
        cases::record_evidence(state, &self.officer, self.case_id, &record, None).await?;
        Ok(())
    }

    /// A submission to legal review with the materials the stage needs: after a hearing, the
    /// statement and hearing records too.
    fn submission(&self, after_hearing: bool) -> StepForm {
        let record = |s: &str| {
            if after_hearing {
                s.to_owned()
            } else {
                String::new()
            }
        };
        let (party, title) = (self.story.offence.party.name(), self.story.offence.title);
        StepForm {
            report: format!(
                "经查，当事人{party}存在{title}的违法行为，事实清楚，证据确凿。执法人员均持有有效执法证件。"
            ),
            draft_decision: format!(
                "拟对当事人{party}处以罚款人民币 {} 元。",
                self.story.fine_yuan
            ),
            statement_record: record(
                "当事人在法定期限内提出陈述申辩，经复核，申辩理由不成立，不予采纳。",
            ),
            hearing_record: record(
                "听证会依法公开举行，当事人到场陈述，听证笔录经当事人签字确认。",
            ),
            ..step("submit_for_review")
        }
    }
}

/// The conclusion of the investigation: the outcome, the fine for a penalty, complex facts
/// flagged for a major case.
fn conclusion(outcome: &str, major: bool, fine: String) -> StepForm {
    let mut flags = std::collections::BTreeMap::new();
    if major {
        flags.insert("complex_facts".to_owned(), "on".to_owned());
    }
    StepForm {
        outcome: outcome.into(),
        amount: if outcome == "penalty" {
            fine
        } else {
            String::new()
        },
        flags,
        ..step("conclude_investigation")
    }
}

/// Issues the case's decision (行政处罚决定书 or 不予行政处罚决定书) as `officer`.
async fn issue_decision(
    state: &AppState,
    officer: &Actor,
    case_id: i32,
) -> Result<(), ServiceError> {
    let record = case_documents::Entity::find()
        .filter(case_documents::Column::CaseId.eq(case_id))
        .filter(case_documents::Column::Kind.is_in(["penalty_decision", "no_penalty_decision"]))
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    cases::documents::issue(state, officer, case_id, record.id, "").await?;
    Ok(())
}

/// The agency's discretion standard and the tier whose band holds `fine_fen`, if any.
async fn standard_for(
    state: &AppState,
    code: &str,
    fine_fen: i64,
) -> Result<(Option<i32>, &'static str), ServiceError> {
    let Some(agency) = agencies::Entity::find()
        .filter(agencies::Column::Code.eq(code))
        .one(&state.db.conn)
        .await?
    else {
        return Ok((None, ""));
    };
    let Some(s) = discretion_standards::Entity::find()
        .filter(discretion_standards::Column::AgencyId.eq(agency.id))
        .one(&state.db.conn)
        .await?
    else {
        return Ok((None, ""));
    };
    let tiers = [
        ("general", s.general_min_fen, s.general_max_fen),
        ("minor", s.minor_min_fen, s.minor_max_fen),
        ("serious", s.serious_min_fen, s.serious_max_fen),
    ];
    Ok(tiers
        .into_iter()
        .find(|(_, lo, hi)| (*lo..=*hi).contains(&fine_fen))
        .map_or((None, ""), |(c, ..)| (Some(s.id), c)))
}

/// The reviewer decides the case's pending round: every point passes, except the facts when
/// the case is returned (and the document form when approved with opinions).
async fn review(
    state: &AppState,
    reviewer: &Actor,
    case_id: i32,
    outcome: &str,
    opinion: &str,
) -> Result<(), ServiceError> {
    let round = review_rounds::Entity::find()
        .filter(review_rounds::Column::CaseId.eq(case_id))
        .filter(review_rounds::Column::Status.eq("pending"))
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let returned = outcome.starts_with("return");
    let mut form = ReviewForm {
        outcome: outcome.into(),
        opinion: opinion.into(),
        ..Default::default()
    };
    for p in CheckPoint::ALL {
        let problem = (returned && p == CheckPoint::FactsAndEvidence)
            || (outcome == "approve_with_opinions" && p == CheckPoint::DocumentForm);
        form.verdicts.insert(
            p.as_str().into(),
            if problem { "problem" } else { "pass" }.into(),
        );
        if problem {
            form.comments.insert(p.as_str().into(), opinion.into());
        }
    }
    reviews::decide(state, reviewer, round.id, &form).await?;
    Ok(())
}
