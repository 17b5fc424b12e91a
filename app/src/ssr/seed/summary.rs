//! Summary-procedure cases (简易程序): decided on the spot by two officers, most of them with
//! their record filed afterwards.

use chrono::{DateTime, Duration, Utc};

use super::{
    super::{AppState, error::ServiceError, services::cases},
    actor, at,
    story::step,
};
use crate::api::case_dto::SummaryForm;

/// An on-the-spot decision: the two officers, how many days ago, the penalty (and fine in
/// yuan), what and where, the party's identity number, and whether the record was filed.
struct OnTheSpot {
    officer: &'static str,
    second: &'static str,
    days_ago: i64,
    penalty: &'static str,
    amount: &'static str,
    title: &'static str,
    place: &'static str,
    id_number: &'static str,
    filed: bool,
}

const DECISIONS: [OnTheSpot; 4] = [
    OnTheSpot {
        officer: "officer.wang",
        second: "officer.chen",
        days_ago: 1,
        penalty: "fine",
        amount: "100",
        title: "乱扔垃圾",
        place: "临江市中山公园南门",
        id_number: "110101199003071516",
        filed: true,
    },
    OnTheSpot {
        officer: "officer.zhang",
        second: "officer.li",
        days_ago: 4,
        penalty: "warning",
        amount: "",
        title: "未亮证经营",
        place: "临江市人民路 12 号",
        id_number: "110101198512120019",
        filed: true,
    },
    OnTheSpot {
        officer: "officer.zhao",
        second: "officer.qian",
        days_ago: 0,
        penalty: "fine",
        amount: "200",
        title: "露天焚烧落叶",
        place: "临江市沙河村",
        id_number: "110101197706060638",
        filed: false,
    },
    OnTheSpot {
        officer: "officer.chen",
        second: "officer.wang",
        days_ago: 8,
        penalty: "fine",
        amount: "50",
        title: "违规停放共享单车",
        place: "临江市火车站广场",
        id_number: "110101199003071516",
        filed: false,
    },
];

/// Decides each summary case on its day, and files its record the same day when it was.
pub(super) async fn seed_summary_cases(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    for d in &DECISIONS {
        let officer = actor(state, d.officer).await?;
        let second = actor(state, d.second).await?;
        let s = at(state, now - Duration::days(d.days_ago));
        let title = d.title;
        let outcome = cases::summary(
            &s,
            &officer,
            &SummaryForm {
                title: title.into(),
                description: format!("执法人员巡查发现当事人{title}，事实清楚，当场作出处罚决定。"),
                location: d.place.into(),
                officer_2: second.user_id.to_string(),
                penalty: d.penalty.into(),
                amount: d.amount.into(),
                party_kind: "natural_person".into(),
                party_name: "周某".into(),
                id_number: d.id_number.into(),
                phone: "13900139000".into(),
                address: d.place.into(),
                ..SummaryForm::default()
            },
        )
        .await?;
        if d.filed {
            cases::step(&s, &officer, outcome.case_id, &step("file_summary_record")).await?;
        }
    }
    Ok(())
}
