//! Complaints from the portal at each stage: answered, assigned and awaiting the agency, an
//! unassigned one past its deadline, and a fresh evaluation. Filed and handled through the
//! services, at the days they happened.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tianping_domain::supervision::complaint::{ComplaintInput, ComplaintStep};

use super::{
    super::{
        AppState,
        entities::{case_officers, cases, complaints as complaint_rows},
        error::ServiceError,
        services::complaints,
    },
    actor, at,
};

/// A complaint as filed on the portal, and what was done with it afterwards.
struct Filed {
    days_ago: i64,
    kind: &'static str,
    agency: &'static str,
    /// Whether it names a case (the first one officer.zhang handled).
    names_case: bool,
    subject: &'static str,
    content: &'static str,
    rating: &'static str,
    contact_name: &'static str,
    contact_phone: &'static str,
    handling: &'static [Handling],
}

/// A step on a filed complaint: how many days ago, by whom.
struct Handling {
    days_ago: i64,
    by: &'static str,
    does: Does,
}

enum Does {
    /// The supervisor hands it to the agency it is about.
    Assign,
    Handle(&'static str),
    Reply(&'static str),
}

const COMPLAINTS: [Filed; 4] = [
    Filed {
        days_ago: 40,
        kind: "complaint",
        agency: "SCJG",
        names_case: true,
        subject: "检查时未出示执法证件",
        content: "执法人员到店检查时没有主动出示执法证件，询问后才出示，希望规范执法。",
        rating: "",
        contact_name: "周明",
        contact_phone: "13905710001",
        handling: &[
            Handling {
                days_ago: 39,
                by: "supervisor.wu",
                does: Does::Assign,
            },
            Handling {
                days_ago: 35,
                by: "head.scjg",
                does: Does::Handle("已调取执法记录仪视频核实，并约谈当班执法人员。"),
            },
            Handling {
                days_ago: 30,
                by: "head.scjg",
                does: Does::Reply(
                    "经核查，执法人员出示证件不及时，已批评教育并组织全员学习《行政处罚法》第五十五条。感谢您的监督。",
                ),
            },
        ],
    },
    Filed {
        days_ago: 5,
        kind: "report",
        agency: "SCJG",
        names_case: false,
        subject: "疑似执法人员收受礼品",
        content: "有商户反映，某执法人员在检查后收受商户赠送的购物卡，请予查处。",
        rating: "",
        contact_name: "",
        contact_phone: "",
        handling: &[Handling {
            days_ago: 4,
            by: "supervisor.wu",
            does: Does::Assign,
        }],
    },
    Filed {
        days_ago: 25,
        kind: "complaint",
        agency: "CGZF",
        names_case: false,
        subject: "占道经营处理不公",
        content: "同一路段多家商户占道经营，只处罚了我一家，认为执法不公平，请求复查。",
        rating: "",
        contact_name: "孙丽",
        contact_phone: "13905710002",
        handling: &[],
    },
    Filed {
        days_ago: 2,
        kind: "evaluation",
        agency: "STHJ",
        names_case: false,
        subject: "噪声投诉处理及时",
        content: "反映夜间施工噪声后，执法人员当晚到场处理，效率很高。",
        rating: "5",
        contact_name: "",
        contact_phone: "",
        handling: &[],
    },
];

/// Files each complaint on its day, then takes its handling steps on theirs.
pub(super) async fn seed_complaints(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let named_case = first_case_of(state, "officer.zhang").await?;
    let on = |days_ago: i64| at(state, now - Duration::days(days_ago));
    for filed in &COMPLAINTS {
        let when = on(filed.days_ago);
        let input = ComplaintInput {
            kind: filed.kind.into(),
            agency: filed.agency.into(),
            case_number: if filed.names_case {
                named_case.clone()
            } else {
                String::new()
            },
            subject: filed.subject.into(),
            content: filed.content.into(),
            rating: filed.rating.into(),
            contact_name: filed.contact_name.into(),
            contact_phone: filed.contact_phone.into(),
        };
        let receipt = complaints::submit(&when, &input, "seed").await?;
        let row = complaint_rows::Entity::find()
            .filter(complaint_rows::Column::TrackingNo.eq(receipt.tracking_no))
            .one(&when.db.conn)
            .await?
            .ok_or(ServiceError::NotFound)?;
        for handling in filed.handling {
            let by = actor(state, handling.by).await?;
            let step = match handling.does {
                Does::Assign => ComplaintStep::Assign {
                    agency_id: row.agency_id,
                },
                Does::Handle(note) => ComplaintStep::Handle { note: note.into() },
                Does::Reply(reply) => ComplaintStep::Reply {
                    reply: reply.into(),
                },
            };
            complaints::step(&on(handling.days_ago), &by, row.id, &step).await?;
        }
    }
    Ok(())
}

/// The number of the first case `username` was an officer of, or "" if none.
async fn first_case_of(state: &AppState, username: &str) -> Result<String, ServiceError> {
    let officer = actor(state, username).await?;
    let first = case_officers::Entity::find()
        .filter(case_officers::Column::UserId.eq(officer.user_id))
        .order_by_asc(case_officers::Column::CaseId)
        .one(&state.db.conn)
        .await?;
    Ok(match first {
        Some(link) => cases::Entity::find_by_id(link.case_id)
            .one(&state.db.conn)
            .await?
            .map(|c| c.number)
            .unwrap_or_default(),
        None => String::new(),
    })
}
