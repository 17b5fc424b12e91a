//! Demo coercive measures (issue 23 item 10): a seizure past its limit and still in force (the
//! supervisors' warning), a seizure taken on the spot in an emergency, reported and approved,
//! with a testing period running, a seal-up extended once and released, and a seal-up waiting
//! for the head's approval. Each goes through the services on the days it happened.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{
    super::{AppState, entities::users, error::ServiceError, services::coercive},
    actor, at,
};
use crate::api::coercive_dto::{CoerciveMeasureForm, CoerciveStepForm};

/// A user's id by name.
async fn user_id(state: &AppState, username: &str) -> Result<i32, ServiceError> {
    users::Entity::find()
        .filter(users::Column::Username.eq(username))
        .one(&state.db.conn)
        .await?
        .map(|u| u.id)
        .ok_or(ServiceError::NotFound)
}

fn step(name: &str) -> CoerciveStepForm {
    CoerciveStepForm {
        step: name.into(),
        ..CoerciveStepForm::default()
    }
}

/// Seeds the demo measures.
pub(super) async fn seed_measures(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let lang = tianping_domain::i18n::Lang::Zh;
    let zhang = actor(state, "officer.zhang").await?;
    let li = user_id(state, "officer.li").await?;
    let head = actor(state, "head.scjg").await?;
    let wang = actor(state, "officer.wang").await?;
    let chen = user_id(state, "officer.chen").await?;
    let ago =
        |days: i64, hours: i64| at(state, now - Duration::days(days) + Duration::hours(hours));
    let seizure = |party: &str, place: &str, items: &str, reason: &str| CoerciveMeasureForm {
        kind: "seizure".into(),
        party: party.into(),
        place: place.into(),
        items: items.into(),
        legal_basis: "《中华人民共和国食品安全法》第一百一十条第（四）项".into(),
        reason: reason.into(),
        party_present: true,
        custody: "临江市市场监督管理局涉案物品仓库（保管人：仓库管理员刘某）".into(),
        officer_ids: vec![zhang.user_id, li],
        ..CoerciveMeasureForm::default()
    };

    // 1. Decided 45 days ago, five days of testing, never released: past its limit.
    let overdue = coercive::open(
        &ago(46, 0),
        &zhang,
        &seizure(
            "临江市鲜达冷链食品有限公司",
            "临江市江北区物流园 3 号冷库",
            "超过保质期的冷冻鸡翅 120 箱（每箱 10 千克）\n无中文标签的进口牛肉 35 箱",
            "现场检查发现冷库内存放超过保质期的冷冻肉品，涉嫌经营超过保质期的食品",
        ),
        lang,
    )
    .await?;
    coercive::step(&ago(45, 0), &head, overdue.id, &step("approve"), lang).await?;
    coercive::step(
        &ago(40, 0),
        &zhang,
        overdue.id,
        &step("start_testing"),
        lang,
    )
    .await?;
    coercive::step(&ago(36, 0), &zhang, overdue.id, &step("end_testing"), lang).await?;

    // 2. Taken on the spot in an emergency ten days ago, reported three hours later,
    //    approved the next day; a testing period began two days ago.
    let emergency = coercive::open(
        &ago(10, 0),
        &zhang,
        &CoerciveMeasureForm {
            emergency: true,
            party_present: false,
            witness: "江南街道社区网格员周某".into(),
            ..seizure(
                "临江市某无证食品加工点（经营者陈某）",
                "临江市江南区民主路 66 号后院",
                "来源不明的食用油 18 桶（每桶 20 升）\n散装辣椒粉 50 千克",
                "群众举报后到场检查，发现使用来源不明食用油加工食品，经营者不在场，为防止证据灭失当场扣押",
            )
        },
        lang,
    )
    .await?;
    coercive::step(&ago(10, 3), &zhang, emergency.id, &step("report"), lang).await?;
    coercive::step(&ago(9, 0), &head, emergency.id, &step("approve"), lang).await?;
    coercive::step(
        &ago(2, 0),
        &zhang,
        emergency.id,
        &step("start_testing"),
        lang,
    )
    .await?;

    // 3. A seal-up decided 50 days ago, extended once at day 25 and released at day 48.
    let sealed = coercive::open(
        &ago(51, 0),
        &zhang,
        &CoerciveMeasureForm {
            kind: "seal_up".into(),
            custody: String::new(),
            ..seizure(
                "临江市永盛食品厂",
                "临江市高新区创业路 9 号生产车间",
                "油炸食品生产线 1 条\n成品库房 1 间",
                "生产车间卫生条件严重不符合食品安全标准，涉嫌违法生产",
            )
        },
        lang,
    )
    .await?;
    coercive::step(&ago(50, 0), &head, sealed.id, &step("approve"), lang).await?;
    coercive::step(
        &ago(25, 0),
        &head,
        sealed.id,
        &CoerciveStepForm {
            days: 30,
            reason: "案情复杂，需对生产线整改情况进行复查".into(),
            ..step("extend")
        },
        lang,
    )
    .await?;
    coercive::step(
        &ago(2, 0),
        &head,
        sealed.id,
        &CoerciveStepForm {
            release_reason: "decided".into(),
            reason: "已作出行政处罚决定，整改完成，不再需要查封".into(),
            ..step("release")
        },
        lang,
    )
    .await?;

    // 4. A seal-up proposed yesterday by the city administration, waiting for its head.
    coercive::open(
        &ago(1, 0),
        &wang,
        &CoerciveMeasureForm {
            kind: "seal_up".into(),
            party: "临江市某建材经营部".into(),
            place: "临江市江南区滨江路 208 号临时堆场".into(),
            items: "违规占道堆放的建筑材料及搅拌设备 1 套".into(),
            legal_basis: "《城市市容和环境卫生管理条例》第三十六条".into(),
            reason: "经责令限期清理后仍未清理，影响道路通行".into(),
            party_present: true,
            officer_ids: vec![wang.user_id, chen],
            ..CoerciveMeasureForm::default()
        },
        lang,
    )
    .await?;
    Ok(())
}
