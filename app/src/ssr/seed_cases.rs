//! Demo cases for `seed --demo`: about forty cases in every state, both procedures and each
//! enforcement agency, with parties, evidence files and records, some overdue.
//!
//! Each case's history is replayed through the services with the clock set to the day of each
//! step, so its deadlines, documents and audit events are what they would have been; the audit
//! events therefore carry those (past) days as their times, in seeding order.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tianping_domain::{evidence::RawEvidence, party::RawParty};

use super::{
    AppState, auth,
    blobs::BlobStore,
    clock::FixedClock,
    entities::{agencies, case_documents, cases as cases_table, discretion_standards, users},
    error::ServiceError,
    services::cases::{self, EvidenceInput},
};
use crate::api::case_dto::{NewCaseForm, StepForm, SummaryForm};

/// How far a demo case goes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Registered,
    Proposed,
    Filed,
    Investigating,
    Concluded,
    Noticed,
    Decided,
    Served,
    Paying,
    Closed,
    Archived,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Twist {
    None,
    Decline,
    Withdraw,
    Suspend,
    Transfer,
    Major,
    MajorReturned,
    Hearing,
    NoPenalty,
}

struct Plan {
    agency: usize,
    days_ago: i64,
    stage: Stage,
    twist: Twist,
    title: &'static str,
    place: &'static str,
    party: (&'static str, &'static str, &'static str),
    fine_yuan: i64,
}

/// Officers (a, b) and head of each enforcement agency.
const TEAMS: [(&str, &str, &str, &str); 3] = [
    ("SCJG", "officer.zhang", "officer.li", "head.scjg"),
    ("CGZF", "officer.wang", "officer.chen", "head.cgzf"),
    ("STHJ", "officer.zhao", "officer.qian", "head.sthj"),
];

const ORG: &str = "organisation";
const PERSON: &str = "natural_person";

/// A demo act: title, place, party (kind, name, identifier), fine in yuan.
type Act = (
    &'static str,
    &'static str,
    (&'static str, &'static str, &'static str),
    i64,
);

fn plans() -> Vec<Plan> {
    use Stage as S;
    use Twist as T;
    let acts: [Act; 12] = [
        (
            "销售过期食品",
            "临江市解放路 18 号惠民超市",
            (ORG, "临江市惠民超市有限公司", "91339900MA2B3C4D5F"),
            8_000,
        ),
        (
            "未按规定明码标价",
            "临江市人民路 66 号",
            (ORG, "临江市鑫源商贸有限公司", "91339900MA2C7D8E9C"),
            3_000,
        ),
        (
            "生产销售不合格电线",
            "临江市经济开发区 12 幢",
            (ORG, "临江市光明电缆有限公司", "91339900MA2D1E2F34"),
            60_000,
        ),
        (
            "占道经营",
            "临江市中山路与北京路交叉口",
            (PERSON, "陈建国", "110101199003071516"),
            500,
        ),
        (
            "违规张贴小广告",
            "临江市文化广场东侧",
            (PERSON, "李秀英", "110101198512120019"),
            200,
        ),
        (
            "建筑垃圾未覆盖运输",
            "临江市滨江大道",
            (ORG, "临江市通达运输有限公司", "91339900MA2E4F5G6G"),
            20_000,
        ),
        (
            "超标排放废水",
            "临江市沙河桥下游",
            (ORG, "临江市宏达化工有限公司", "91339900MA2F7G8H9W"),
            150_000,
        ),
        (
            "未批先建",
            "临江市临港工业园 5 号地块",
            (ORG, "临江市恒远新材料有限公司", "91339900MA2G1H2J3L"),
            80_000,
        ),
        (
            "餐饮油烟直排",
            "临江市美食街 9 号",
            (PERSON, "王志强", "110101197706060638"),
            5_000,
        ),
        (
            "虚假宣传",
            "临江市网络交易平台",
            (ORG, "临江市优品电子商务有限公司", "91339900MA2H4J5K61"),
            30_000,
        ),
        (
            "擅自挖掘城市道路",
            "临江市东风路 200 米",
            (ORG, "临江市市政建设工程有限公司", "91339900MA2J7K8L9D"),
            10_000,
        ),
        (
            "危险废物未规范贮存",
            "临江市临港工业园 8 号",
            (ORG, "临江市金源化工有限公司", "91339900MA2K1L2M35"),
            100_000,
        ),
    ];
    let shapes: [(Stage, Twist, i64); 36] = [
        (S::Registered, T::None, 2),
        (S::Registered, T::None, 20),
        (S::Proposed, T::None, 3),
        (S::Filed, T::None, 5),
        (S::Investigating, T::None, 10),
        (S::Investigating, T::None, 95),
        (S::Investigating, T::None, 86),
        (S::Investigating, T::Suspend, 40),
        (S::Concluded, T::None, 30),
        (S::Concluded, T::Major, 35),
        (S::Concluded, T::MajorReturned, 45),
        (S::Noticed, T::None, 25),
        (S::Noticed, T::Hearing, 50),
        (S::Decided, T::None, 60),
        (S::Decided, T::NoPenalty, 40),
        (S::Served, T::None, 70),
        (S::Served, T::None, 120),
        (S::Paying, T::None, 80),
        (S::Closed, T::None, 100),
        (S::Closed, T::Transfer, 60),
        (S::Archived, T::None, 150),
        (S::Archived, T::None, 200),
        (S::Closed, T::Withdraw, 90),
        (S::Registered, T::Decline, 15),
        (S::Investigating, T::None, 12),
        (S::Concluded, T::None, 18),
        (S::Decided, T::Major, 75),
        (S::Archived, T::Hearing, 160),
        (S::Served, T::None, 40),
        (S::Filed, T::None, 1),
        (S::Investigating, T::None, 6),
        (S::Noticed, T::None, 14),
        (S::Closed, T::NoPenalty, 110),
        (S::Investigating, T::Suspend, 130),
        (S::Proposed, T::None, 25),
        (S::Paying, T::None, 45),
    ];
    shapes
        .into_iter()
        .enumerate()
        .map(|(i, (stage, twist, days_ago))| {
            let agency = i % 3;
            let (title, place, party, fine) = acts[(i / 3) % 4 + agency * 4 % 12];
            let fine_yuan = match twist {
                T::Hearing => fine.max(60_000),
                _ => fine,
            };
            Plan {
                agency,
                days_ago,
                stage,
                twist,
                title,
                place,
                party,
                fine_yuan,
            }
        })
        .collect()
}

/// A view of the state whose clock stands on a given instant.
fn at(state: &AppState, when: DateTime<Utc>) -> AppState {
    AppState {
        clock: Arc::new(FixedClock::new(when)),
        ..state.clone()
    }
}

async fn actor(
    state: &AppState,
    username: &str,
) -> Result<tianping_domain::authz::Actor, ServiceError> {
    let user = users::Entity::find()
        .filter(users::Column::Username.eq(username))
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    auth::load_actor(state, &user).await
}

fn step(kind: &str) -> StepForm {
    StepForm {
        kind: kind.into(),
        ..StepForm::default()
    }
}

/// Seeds the demo cases and the agencies' discretion standards.
pub async fn seed_cases(state: &AppState) -> Result<(), ServiceError> {
    let now = state.clock.now();
    seed_standards(state, now).await?;
    let store = BlobStore::new(&state.settings.data_dir);
    for (n, plan) in plans().into_iter().enumerate() {
        let (_, a, b, head) = TEAMS[plan.agency];
        let officer = actor(state, a).await?;
        let second = actor(state, b).await?;
        let head = actor(state, head).await?;
        let start = now - Duration::days(plan.days_ago);
        let day = |offset: i64| {
            let t = start + Duration::days(offset);
            if t > now { now } else { t }
        };
        let case_at = |offset: i64| at(state, day(offset));
        let s0 = case_at(0);
        let registered = cases::register(
            &s0,
            &officer,
            &NewCaseForm {
                source: ["inspection", "complaint_or_report", "transfer"][n % 3].into(),
                title: plan.title.into(),
                description: format!(
                    "{}：{}。经现场核查，初步认定存在违法嫌疑。",
                    plan.place, plan.title
                ),
                location: plan.place.into(),
                act_date: (day(0) - Duration::days(3)).date_naive().to_string(),
                ..NewCaseForm::default()
            },
        )
        .await?;
        let id = registered.case_id;
        let (kind, name, code) = plan.party;
        cases::add_party(
            &s0,
            &officer,
            id,
            &RawParty {
                kind: kind.into(),
                name: name.into(),
                id_number: if kind == PERSON {
                    code.into()
                } else {
                    String::new()
                },
                credit_code: if kind == ORG {
                    code.into()
                } else {
                    String::new()
                },
                legal_representative: if kind == ORG {
                    "张某".into()
                } else {
                    String::new()
                },
                phone: "13800138000".into(),
                address: plan.place.into(),
            },
        )
        .await?;
        if plan.twist == Twist::Decline {
            cases::step(
                &case_at(2),
                &head,
                id,
                &StepForm {
                    reason: "经核查，反映问题不属实，不予立案。".into(),
                    ..step("decline_clue")
                },
            )
            .await?;
            continue;
        }
        if plan.stage == Stage::Registered {
            continue;
        }
        let mut file = step("file_case");
        file.officer_1 = officer.user_id.to_string();
        file.officer_2 = second.user_id.to_string();
        cases::step(&case_at(1), &officer, id, &file).await?;
        if plan.stage == Stage::Proposed {
            continue;
        }
        cases::step(&case_at(1), &head, id, &step("approve_filing")).await?;
        if plan.stage == Stage::Filed {
            continue;
        }
        cases::step(&case_at(2), &officer, id, &step("start_investigation")).await?;
        let evidence_at = day(2);
        let photo = format!("TIANPING-DEMO-PHOTO case {id} {}", plan.title);
        let mut upload = store
            .upload(1 << 20)
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        upload
            .write(photo.as_bytes())
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        let staged = upload
            .finish()
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        let china = tianping_domain::i18n::china_time(evidence_at)
            .format("%Y-%m-%dT%H:%M")
            .to_string();
        cases::record_evidence(
            &case_at(2),
            &officer,
            id,
            &EvidenceInput {
                raw: RawEvidence {
                    kind: "photo".into(),
                    title: "现场照片".into(),
                    collected_at: china.clone(),
                    location: plan.place.into(),
                    officers: [
                        officer.user_id.to_string(),
                        second.user_id.to_string(),
                        String::new(),
                    ],
                    device: "执法记录仪 DSJ-0012".into(),
                    ..RawEvidence::default()
                },
                file_name: "scene.txt".into(),
                content_type: "text/plain".into(),
            },
            Some(staged),
        )
        .await?;
        cases::record_evidence(
            &case_at(2),
            &officer,
            id,
            &EvidenceInput {
                raw: RawEvidence {
                    kind: "inspection_record".into(),
                    title: "现场检查笔录".into(),
                    collected_at: china,
                    location: plan.place.into(),
                    officers: [officer.user_id.to_string(), second.user_id.to_string(), String::new()],
                    subject: name.into(),
                    content: format!("执法人员出示执法证件，表明身份后对{}进行现场检查，发现{}。当事人在场并签字确认。", plan.place, plan.title),
                    ..RawEvidence::default()
                },
                ..EvidenceInput::default()
            },
            None,
        )
        .await?;
        match plan.twist {
            Twist::Suspend => {
                cases::step(
                    &case_at(5),
                    &head,
                    id,
                    &StepForm {
                        reason: "需委托检验检测，检测期间中止调查。".into(),
                        ..step("suspend")
                    },
                )
                .await?;
                continue;
            }
            Twist::Withdraw => {
                cases::step(
                    &case_at(5),
                    &head,
                    id,
                    &StepForm {
                        reason: "当事人已注销，撤销立案。".into(),
                        ..step("withdraw")
                    },
                )
                .await?;
                cases::step(
                    &case_at(6),
                    &head,
                    id,
                    &StepForm {
                        outcome: "withdrawn".into(),
                        ..step("close")
                    },
                )
                .await?;
                continue;
            }
            _ => {}
        }
        if plan.stage == Stage::Investigating {
            continue;
        }
        let outcome = match plan.twist {
            Twist::Transfer => "transfer",
            Twist::NoPenalty => "first_violation_waiver",
            _ => "penalty",
        };
        let major = matches!(plan.twist, Twist::Major | Twist::MajorReturned);
        let mut flags = std::collections::BTreeMap::new();
        if major {
            flags.insert("complex_facts".to_owned(), "on".to_owned());
        }
        cases::step(
            &case_at(6),
            &officer,
            id,
            &StepForm {
                outcome: outcome.into(),
                amount: if outcome == "penalty" {
                    plan.fine_yuan.to_string()
                } else {
                    String::new()
                },
                flags,
                ..step("conclude_investigation")
            },
        )
        .await?;
        if plan.twist == Twist::Transfer {
            cases::step(
                &case_at(7),
                &head,
                id,
                &StepForm {
                    reason: "临江市公安局".into(),
                    ..step("transfer")
                },
            )
            .await?;
            cases::step(
                &case_at(8),
                &head,
                id,
                &StepForm {
                    outcome: "transferred".into(),
                    ..step("close")
                },
            )
            .await?;
            continue;
        }
        if major {
            cases::step(&case_at(7), &officer, id, &submission(&plan, false)).await?;
            let reviewer = actor(state, "reviewer.sun").await?;
            if plan.twist == Twist::MajorReturned {
                review(
                    &case_at(9),
                    &reviewer,
                    id,
                    "return_for_investigation",
                    "证据不足：请补充涉案产品的检验报告。",
                )
                .await?;
                continue;
            }
            if plan.stage == Stage::Concluded {
                continue;
            }
            review(&case_at(9), &reviewer, id, "approve", "").await?;
        }
        if plan.stage == Stage::Concluded && plan.twist != Twist::NoPenalty {
            continue;
        }
        if plan.twist == Twist::NoPenalty {
            if plan.stage == Stage::Concluded {
                continue;
            }
            cases::step(
                &case_at(8),
                &head,
                id,
                &StepForm {
                    outcome: "no_penalty".into(),
                    ..step("decide")
                },
            )
            .await?;
        } else {
            let fine = plan.fine_yuan.to_string();
            cases::step(
                &case_at(10),
                &officer,
                id,
                &StepForm {
                    amount: fine.clone(),
                    date: day(10).date_naive().to_string(),
                    ..step("serve_prior_notice")
                },
            )
            .await?;
            if plan.twist == Twist::Hearing {
                cases::step(
                    &case_at(12),
                    &officer,
                    id,
                    &StepForm {
                        date: day(12).date_naive().to_string(),
                        ..step("request_hearing")
                    },
                )
                .await?;
                if plan.stage == Stage::Noticed {
                    continue;
                }
                let hearing = day(30).date_naive();
                cases::step(
                    &case_at(14),
                    &officer,
                    id,
                    &StepForm {
                        date: day(14).date_naive().to_string(),
                        hearing_date: hearing.to_string(),
                        ..step("notice_hearing")
                    },
                )
                .await?;
                cases::step(
                    &case_at(30),
                    &officer,
                    id,
                    &StepForm {
                        host: head.user_id.to_string(),
                        ..step("hold_hearing")
                    },
                )
                .await?;
                // A decision after a hearing rests on a legal review of the hearing's result.
                let reviewer = actor(state, "reviewer.sun").await?;
                cases::step(&case_at(30), &officer, id, &submission(&plan, true)).await?;
                review(
                    &case_at(31),
                    &reviewer,
                    id,
                    "approve_with_opinions",
                    "听证程序合法，建议在决定书中对当事人听证意见逐项说明采纳情况。",
                )
                .await?;
            } else {
                if plan.stage == Stage::Noticed {
                    continue;
                }
                cases::step(&case_at(11), &officer, id, &step("waive_rights")).await?;
            }
            // Cases that went through a hearing are major under the catalog too.
            if major || plan.twist == Twist::Hearing {
                cases::step(
                    &case_at(31),
                    &head,
                    id,
                    &StepForm {
                        reason: "经集体讨论，同意按拟处罚意见作出决定。".into(),
                        ..step("hold_collective_discussion")
                    },
                )
                .await?;
            }
            // The standard's tier that holds the fine: a departure would make the case major.
            let (standard, circumstance) =
                standard_for(state, TEAMS[plan.agency].0, plan.fine_yuan * 100).await?;
            cases::step(
                &case_at(32),
                &head,
                id,
                &StepForm {
                    outcome: "penalty".into(),
                    amount: fine,
                    date: day(32).date_naive().to_string(),
                    standard: standard.map(|s| s.to_string()).unwrap_or_default(),
                    circumstance: circumstance.into(),
                    justification: "当事人积极配合调查并主动消除危害后果，依法从轻处罚。".into(),
                    ..step("decide")
                },
            )
            .await?;
        }
        // The decision is issued (numbered, rendered, hashed) the day it is made.
        let decided_day = if plan.twist == Twist::NoPenalty {
            8
        } else {
            32
        };
        issue_decision(&case_at(decided_day), &officer, id).await?;
        if plan.stage == Stage::Decided {
            continue;
        }
        let served = if plan.twist == Twist::NoPenalty {
            9
        } else {
            33
        };
        cases::step(
            &case_at(served),
            &officer,
            id,
            &StepForm {
                method: "direct".into(),
                date: day(served).date_naive().to_string(),
                ..step("serve")
            },
        )
        .await?;
        if plan.stage == Stage::Served {
            continue;
        }
        if plan.twist != Twist::NoPenalty {
            let half = (plan.fine_yuan / 2).max(1).to_string();
            let paid = if plan.stage == Stage::Paying {
                half
            } else {
                plan.fine_yuan.to_string()
            };
            cases::step(
                &case_at(served + 5),
                &officer,
                id,
                &StepForm {
                    amount: paid,
                    date: day(served + 5).date_naive().to_string(),
                    ..step("record_payment")
                },
            )
            .await?;
            if plan.stage == Stage::Paying {
                continue;
            }
        }
        let reason = if plan.twist == Twist::NoPenalty {
            "not_punished"
        } else {
            "executed"
        };
        cases::step(
            &case_at(served + 6),
            &head,
            id,
            &StepForm {
                outcome: reason.into(),
                ..step("close")
            },
        )
        .await?;
        if plan.stage == Stage::Closed {
            continue;
        }
        cases::step(&case_at(served + 10), &officer, id, &step("archive")).await?;
    }
    seed_legacy_import(state, now).await?;
    seed_summary_cases(state, now).await?;
    seed_publications(state, now).await?;
    seed_complaints(state, now).await?;
    seed_publication_requests(state, now).await
}

/// Requests of parties about their published decisions, filed through the portal's service on
/// the days they happened: a correction awaiting the market regulator (within its 10 working
/// days) and one the city-management bureau let run past its deadline, so the supervision
/// side shows it as late.
async fn seed_publication_requests(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    use tianping_domain::{i18n::Lang, publicity::request::RequestInput};

    use super::{entities::publications, services::publication_requests};

    let filings = [
        (
            "SCJG",
            2,
            "陈立新（当事人委托代理人）",
            "13905710003",
            "公示信息中的违法行为发生地点有误：应为临江市解放路 18 号门店，公示为仓库地址，请予更正。",
        ),
        (
            "CGZF",
            20,
            "刘海平",
            "13905710004",
            "公示的罚款金额与处罚决定书载明的金额不一致，请核对后更正公示信息。",
        ),
    ];
    for (code, days_ago, name, phone, reason) in filings {
        let when = now - Duration::days(days_ago);
        let day = tianping_domain::i18n::china_time(when).date_naive();
        let Some(agency) = agencies::Entity::find()
            .filter(agencies::Column::Code.eq(code))
            .one(&state.db.conn)
            .await?
        else {
            continue;
        };
        // A decision of the agency that was already public on the day of the request.
        let Some(p) = publications::Entity::find()
            .filter(publications::Column::AgencyId.eq(agency.id))
            .filter(publications::Column::Status.eq("published"))
            .filter(publications::Column::PublishedOn.lte(day))
            .order_by_desc(publications::Column::PublishedOn)
            .one(&state.db.conn)
            .await?
        else {
            continue;
        };
        let input = RequestInput {
            kind: "correction".into(),
            requester_name: name.into(),
            contact_phone: phone.into(),
            reason: reason.into(),
        };
        publication_requests::submit(&at(state, when), p.id, &input, "seed", Lang::Zh).await?;
    }
    Ok(())
}

/// The demo decisions' publication: each approved by an officer of its agency two days after
/// the decision, except the newest one of each agency (left in the queue); the oldest published
/// one withdrawn at once when its decision was revoked on reconsideration.
async fn seed_publications(state: &AppState, now: DateTime<Utc>) -> Result<(), ServiceError> {
    use tianping_domain::{i18n::Lang, publicity::PublicationStep};

    use super::{entities::publications, services::publications as service};

    let mut teams = std::collections::HashMap::new();
    for (code, officer, _, head) in TEAMS {
        if let Some(a) = agencies::Entity::find()
            .filter(agencies::Column::Code.eq(code))
            .one(&state.db.conn)
            .await?
        {
            teams.insert(a.id, (officer, head));
        }
    }
    let drafts = publications::Entity::find()
        .order_by_desc(publications::Column::DecidedOn)
        .order_by_desc(publications::Column::Id)
        .all(&state.db.conn)
        .await?;
    let mut kept = std::collections::BTreeSet::new();
    let mut published = Vec::new();
    for p in &drafts {
        if kept.insert(p.agency_id) {
            continue;
        }
        let Some((officer, _)) = teams.get(&p.agency_id) else {
            continue;
        };
        let officer = actor(state, officer).await?;
        let day = (p.decided_on + Duration::days(2))
            .and_hms_opt(2, 0, 0)
            .map_or(now, |t| t.and_utc())
            .min(now);
        let approve = PublicationStep::Approve {
            display_until: None,
        };
        service::step(&at(state, day), &officer, p.id, &approve, Lang::Zh).await?;
        published.push(p);
    }
    // Challenges, recorded through the services at the days they happened: the oldest published
    // decision revoked on reconsideration (which withdraws its publication at once), one upheld,
    // and a suit still pending.
    use super::services::remedies;
    use crate::api::case_dto::{RemedyFiling, RemedyRuling};
    let challenges: [(usize, &str, &str, Option<&str>); 3] = [
        (
            published.len().saturating_sub(1),
            "reconsideration",
            "临江市人民政府",
            Some("revoked"),
        ),
        (0, "reconsideration", "临江市人民政府", Some("upheld")),
        (1, "litigation", "临江市人民法院", None),
    ];
    let mut used = std::collections::BTreeSet::new();
    for (index, kind, body, outcome) in challenges {
        let Some(p) = published.get(index) else {
            continue;
        };
        if !used.insert(p.id) {
            continue;
        }
        let Some((officer, _)) = teams.get(&p.agency_id) else {
            continue;
        };
        let officer = actor(state, officer).await?;
        let when = |days: i64| {
            (p.decided_on + Duration::days(days))
                .and_hms_opt(2, 0, 0)
                .map_or(now, |t| t.and_utc())
                .min(now)
        };
        let filed_at = when(10);
        let filing = RemedyFiling {
            kind: kind.into(),
            body: body.into(),
            filed_on: tianping_domain::i18n::china_time(filed_at)
                .date_naive()
                .to_string(),
        };
        let id =
            remedies::file(&at(state, filed_at), &officer, p.case_id, &filing, Lang::Zh).await?;
        if let Some(outcome) = outcome {
            let ruled_at = when(30);
            let ruling = RemedyRuling {
                outcome: outcome.into(),
                decided_on: tianping_domain::i18n::china_time(ruled_at)
                    .date_naive()
                    .to_string(),
                note: "临政复决〔2026〕12号".into(),
            };
            remedies::rule(&at(state, ruled_at), &officer, id, &ruling, Lang::Zh).await?;
        }
    }
    Ok(())
}

/// Complaints from the portal at each stage: answered, assigned and awaiting the agency, an
/// unassigned one past its deadline, and a fresh evaluation. Filed and handled through the
/// services, at the days they happened.
async fn seed_complaints(state: &AppState, now: DateTime<Utc>) -> Result<(), ServiceError> {
    use tianping_domain::supervision::complaint::{ComplaintInput, ComplaintStep};

    use super::services::complaints;

    // The answered complaint quotes the first case officer.zhang handled.
    let zhang = actor(state, "officer.zhang").await?;
    let first = super::entities::case_officers::Entity::find()
        .filter(super::entities::case_officers::Column::UserId.eq(zhang.user_id))
        .order_by_asc(super::entities::case_officers::Column::CaseId)
        .one(&state.db.conn)
        .await?;
    let scjg_case = match first {
        Some(link) => cases_table::Entity::find_by_id(link.case_id)
            .one(&state.db.conn)
            .await?
            .map(|c| c.number)
            .unwrap_or_default(),
        None => String::new(),
    };
    let supervisor = actor(state, "supervisor.wu").await?;
    let head = actor(state, "head.scjg").await?;
    let file = |days_ago: i64,
                kind: &str,
                agency: &str,
                case: &str,
                subject: &str,
                content: &str,
                rating: &str,
                name: &str,
                phone: &str| {
        let when = at(state, now - Duration::days(days_ago));
        let input = ComplaintInput {
            kind: kind.into(),
            agency: agency.into(),
            case_number: case.into(),
            subject: subject.into(),
            content: content.into(),
            rating: rating.into(),
            contact_name: name.into(),
            contact_phone: phone.into(),
        };
        async move {
            let receipt = complaints::submit(&when, &input, "seed").await?;
            let row = super::entities::complaints::Entity::find()
                .filter(super::entities::complaints::Column::TrackingNo.eq(receipt.tracking_no))
                .one(&when.db.conn)
                .await?
                .ok_or(ServiceError::NotFound)?;
            Ok::<_, ServiceError>(row)
        }
    };
    let answered = file(
        40,
        "complaint",
        "SCJG",
        &scjg_case,
        "检查时未出示执法证件",
        "执法人员到店检查时没有主动出示执法证件，询问后才出示，希望规范执法。",
        "",
        "周明",
        "13905710001",
    )
    .await?;
    let later = |d: i64| at(state, now - Duration::days(d));
    complaints::step(
        &later(39),
        &supervisor,
        answered.id,
        &ComplaintStep::Assign {
            agency_id: answered.agency_id,
        },
    )
    .await?;
    complaints::step(
        &later(35),
        &head,
        answered.id,
        &ComplaintStep::Handle {
            note: "已调取执法记录仪视频核实，并约谈当班执法人员。".into(),
        },
    )
    .await?;
    complaints::step(&later(30), &head, answered.id, &ComplaintStep::Reply { reply: "经核查，执法人员出示证件不及时，已批评教育并组织全员学习《行政处罚法》第五十五条。感谢您的监督。".into() }).await?;
    let assigned = file(
        5,
        "report",
        "SCJG",
        "",
        "疑似执法人员收受礼品",
        "有商户反映，某执法人员在检查后收受商户赠送的购物卡，请予查处。",
        "",
        "",
        "",
    )
    .await?;
    complaints::step(
        &later(4),
        &supervisor,
        assigned.id,
        &ComplaintStep::Assign {
            agency_id: assigned.agency_id,
        },
    )
    .await?;
    file(
        25,
        "complaint",
        "CGZF",
        "",
        "占道经营处理不公",
        "同一路段多家商户占道经营，只处罚了我一家，认为执法不公平，请求复查。",
        "",
        "孙丽",
        "13905710002",
    )
    .await?;
    file(
        2,
        "evaluation",
        "STHJ",
        "",
        "噪声投诉处理及时",
        "反映夜间施工噪声后，执法人员当晚到场处理，效率很高。",
        "5",
        "",
        "",
    )
    .await?;
    Ok(())
}

/// One case imported from the city-management bureau's previous system (历史数据导入): it came
/// in as it was recorded there, not through the state machine — decided as a major case without
/// a legal review, a fine above the discretion band without reasons, evidence collected in 2023
/// by one officer before his certificate was issued — so the supervision warnings must catch
/// what it lacks. Written through the one audited path, as an import event.
async fn seed_legacy_import(state: &AppState, now: DateTime<Utc>) -> Result<(), ServiceError> {
    use sea_orm::{ActiveModelTrait, Set};

    use super::{
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{cases as case_rows, evidence, evidence_collectors},
    };
    let agency = agencies::Entity::find()
        .filter(agencies::Column::Code.eq("CGZF"))
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let officer = users::Entity::find()
        .filter(users::Column::Username.eq("officer.wang"))
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let day = |days: i64| (now - Duration::days(days)).date_naive();
    let collected = DateTime::parse_from_rfc3339("2023-06-15T02:00:00Z")
        .map_err(|e| ServiceError::Internal(e.to_string()))?
        .with_timezone(&Utc);
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    let row = case_rows::ActiveModel {
        number: Set("CGZF-2023-L0001".into()),
        agency_id: Set(agency.id),
        procedure: Set("ordinary".into()),
        state: Set("decided".into()),
        title: Set("（历史数据导入）擅自占用城市道路经营".into()),
        description: Set("原系统导入：当事人在临江市中山路 8 号门前擅自占道设摊经营。".into()),
        location: Set("临江市中山路 8 号".into()),
        source: Set("inspection".into()),
        received_on: Set(day(70)),
        act_date: Set(Some(day(72))),
        filed_on: Set(Some(day(68))),
        created_by: Set(officer.id),
        created_at: Set(now),
        updated_at: Set(now),
        major: Set(true),
        review_passed: Set(false),
        review_passed_after_hearing: Set(false),
        hearing_eligible: Set(true),
        rights_waived: Set(true),
        hearing_held: Set(false),
        collective_discussion_required: Set(false),
        collective_discussion_done: Set(false),
        extensions_granted: Set(0),
        extension_days: Set(0),
        extension_discussed: Set(false),
        suspended_days: Set(0),
        decision_outcome: Set(Some("penalty".into())),
        fine_fen: Set(Some(5_000_000)),
        decided_on: Set(Some(day(20))),
        discretion_check: Set(Some("above".into())),
        discretion_justification: Set(None),
        paid_fen: Set(0),
        execution_finished: Set(false),
        e_service_consent: Set(false),
        confiscation_fen: Set(0),
        measures: Set(String::new()),
        review_flags: Set(String::new()),
        departure_flagged: Set(false),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    let item = evidence::ActiveModel {
        case_id: Set(row.id),
        kind: Set("photo".into()),
        title: Set("原系统现场照片".into()),
        collected_at: Set(collected),
        location: Set("临江市中山路 8 号".into()),
        certified_collectors: Set(0),
        recorded_by: Set(officer.id),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(uow.txn())
    .await?;
    evidence_collectors::ActiveModel {
        evidence_id: Set(item.id),
        user_id: Set(officer.id),
    }
    .insert(uow.txn())
    .await?;
    uow.record(NewEvent {
        actor: AuditActor::system(),
        action: "case.import_legacy",
        subject_type: tianping_domain::case::AUDIT_SUBJECT_TYPE,
        subject_id: row.id.to_string(),
        payload: serde_json::json!({
            "number": row.number, "state": row.state, "source_system": "原城管执法办案系统",
            "evidence": [item.id],
        }),
    });
    uow.commit().await?;
    Ok(())
}

/// Issues the case's decision (行政处罚决定书 or 不予行政处罚决定书) as `officer`.
async fn issue_decision(
    state: &AppState,
    officer: &tianping_domain::authz::Actor,
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

/// A submission to legal review with the materials the stage needs: after a hearing, the
/// statement and hearing records too.
fn submission(plan: &Plan, after_hearing: bool) -> StepForm {
    let record = |s: &str| {
        if after_hearing {
            s.to_owned()
        } else {
            String::new()
        }
    };
    StepForm {
        report: format!(
            "经查，当事人{}存在{}的违法行为，事实清楚，证据确凿。执法人员均持有有效执法证件。",
            plan.party.1, plan.title
        ),
        draft_decision: format!(
            "拟对当事人{}处以罚款人民币 {} 元。",
            plan.party.1, plan.fine_yuan
        ),
        statement_record: record(
            "当事人在法定期限内提出陈述申辩，经复核，申辩理由不成立，不予采纳。",
        ),
        hearing_record: record("听证会依法公开举行，当事人到场陈述，听证笔录经当事人签字确认。"),
        ..step("submit_for_review")
    }
}

/// The reviewer decides the case's pending round: every point passes, except the facts when
/// the case is returned.
async fn review(
    state: &AppState,
    reviewer: &tianping_domain::authz::Actor,
    case_id: i32,
    outcome: &str,
    opinion: &str,
) -> Result<(), ServiceError> {
    use tianping_domain::review::CheckPoint;
    let round = super::entities::review_rounds::Entity::find()
        .filter(super::entities::review_rounds::Column::CaseId.eq(case_id))
        .filter(super::entities::review_rounds::Column::Status.eq("pending"))
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let returned = outcome.starts_with("return");
    let mut form = crate::api::review_dto::ReviewForm {
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
    crate::ssr::services::reviews::decide(state, reviewer, round.id, &form).await?;
    Ok(())
}

async fn seed_summary_cases(state: &AppState, now: DateTime<Utc>) -> Result<(), ServiceError> {
    let demo = [
        (
            "officer.wang",
            "officer.chen",
            1,
            "fine",
            "100",
            "乱扔垃圾",
            "临江市中山公园南门",
            "110101199003071516",
            true,
        ),
        (
            "officer.zhang",
            "officer.li",
            4,
            "warning",
            "",
            "未亮证经营",
            "临江市人民路 12 号",
            "110101198512120019",
            true,
        ),
        (
            "officer.zhao",
            "officer.qian",
            0,
            "fine",
            "200",
            "露天焚烧落叶",
            "临江市沙河村",
            "110101197706060638",
            false,
        ),
        (
            "officer.chen",
            "officer.wang",
            8,
            "fine",
            "50",
            "违规停放共享单车",
            "临江市火车站广场",
            "110101199003071516",
            false,
        ),
    ];
    for (a, b, days_ago, penalty, amount, title, place, id_number, file) in demo {
        let officer = actor(state, a).await?;
        let second = actor(state, b).await?;
        let s = at(state, now - Duration::days(days_ago));
        let outcome = cases::summary(
            &s,
            &officer,
            &SummaryForm {
                title: title.into(),
                description: format!("执法人员巡查发现当事人{title}，事实清楚，当场作出处罚决定。"),
                location: place.into(),
                officer_2: second.user_id.to_string(),
                penalty: penalty.into(),
                amount: amount.into(),
                party_kind: PERSON.into(),
                party_name: "周某".into(),
                id_number: id_number.into(),
                phone: "13900139000".into(),
                address: place.into(),
                ..SummaryForm::default()
            },
        )
        .await?;
        if file {
            cases::step(&s, &officer, outcome.case_id, &step("file_summary_record")).await?;
        }
    }
    Ok(())
}

/// One discretion standard per enforcement agency (bands in fen).
async fn seed_standards(state: &AppState, now: DateTime<Utc>) -> Result<(), ServiceError> {
    use sea_orm::{ActiveModelTrait, Set};
    let standards = [
        (
            "SCJG",
            "《食品安全法》第一百二十四条",
            "经营超过保质期的食品",
            [
                (500_000, 2_000_000),
                (2_000_000, 5_000_000),
                (5_000_000, 10_000_000),
            ],
        ),
        (
            "CGZF",
            "《城市市容和环境卫生管理条例》第三十六条",
            "占道经营、乱张贴",
            [(5_000, 20_000), (20_000, 100_000), (100_000, 500_000)],
        ),
        (
            "STHJ",
            "《水污染防治法》第八十三条",
            "超标排放水污染物",
            [
                (10_000_000, 30_000_000),
                (30_000_000, 60_000_000),
                (60_000_000, 100_000_000),
            ],
        ),
    ];
    let mut uow = super::audit::UnitOfWork::begin(&state.db, now).await?;
    for (code, provision, title, bands) in standards {
        let Some(agency) = agencies::Entity::find()
            .filter(agencies::Column::Code.eq(code))
            .one(uow.txn())
            .await?
        else {
            continue;
        };
        let row = discretion_standards::ActiveModel {
            agency_id: Set(agency.id),
            provision: Set(provision.into()),
            title: Set(title.into()),
            minor_min_fen: Set(bands[0].0),
            minor_max_fen: Set(bands[0].1),
            general_min_fen: Set(bands[1].0),
            general_max_fen: Set(bands[1].1),
            serious_min_fen: Set(bands[2].0),
            serious_max_fen: Set(bands[2].1),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(uow.txn())
        .await?;
        uow.record(super::audit::NewEvent {
            actor: super::audit::AuditActor::system(),
            action: "discretion.create",
            subject_type: "discretion_standard",
            subject_id: row.id.to_string(),
            payload: serde_json::json!({"agency_id": agency.id, "provision": provision, "bands": bands}),
        });
    }
    uow.commit().await?;
    Ok(())
}
