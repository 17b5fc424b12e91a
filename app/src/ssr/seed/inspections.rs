//! Demo inspections (issue 23 item 10): each enforcement agency's published items list (and
//! one item not yet published), about two hundred enterprises of the city with their grades,
//! and about sixty inspections in every state, proposed, approved, registered at the door,
//! recorded, notified and closed through the services on the days they happened, among them
//! joint inspections, an emergency one approved afterwards, one that opened a penalty case's
//! clue, and ratings from the enterprises.
//!
//! The demo enterprises' supervision codes are derived from their credit codes (so the demo
//! and its tests know them: [`demo_supervision_code`]); a real enterprise's code is random.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use sha2::{Digest, Sha256};
use tianping_domain::{inspection::SupervisionCode, validate::CreditCode};

use super::{
    super::{
        AppState,
        audit::{AuditActor, NewEvent, UnitOfWork},
        entities::{agencies, enterprises, inspection_items, users},
        error::ServiceError,
        services::inspections,
    },
    actor, at,
};
use crate::api::inspection_dto::{InspectionStepForm, ProposeInspectionForm, RateInspectionForm};

/// (agency, code, name, legal basis, level, method, standard, published).
type ItemSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

const ITEMS: [ItemSeed; 10] = [
    (
        "SCJG",
        "SCJG-JC-001",
        "食品经营者落实食品安全主体责任情况检查",
        "《中华人民共和国食品安全法》第一百一十条",
        "市级",
        "on_site",
        "1. 食品经营许可证在有效期内并悬挂；2. 从业人员健康证明齐全；3. 进货查验记录完整；4. 无超过保质期食品",
        true,
    ),
    (
        "SCJG",
        "SCJG-JC-002",
        "特种设备使用单位安全管理情况检查",
        "《中华人民共和国特种设备安全法》第五十七条",
        "市级",
        "on_site",
        "1. 设备使用登记；2. 定期检验合格标志；3. 作业人员持证；4. 维护保养记录",
        true,
    ),
    (
        "SCJG",
        "SCJG-JC-003",
        "产品质量监督抽查",
        "《中华人民共和国产品质量法》第十五条",
        "市级",
        "on_site",
        "按年度抽查计划抽取样品，检验结果依法告知",
        true,
    ),
    (
        "SCJG",
        "SCJG-JC-004",
        "广告发布内容合规情况检查（拟纳入清单）",
        "《中华人民共和国广告法》第四十九条",
        "市级",
        "written",
        "书面核查广告发布登记与内容审查记录",
        false,
    ),
    (
        "CGZF",
        "CGZF-JC-001",
        "门前三包责任落实情况检查",
        "《城市市容和环境卫生管理条例》第三十六条",
        "市级",
        "on_site",
        "1. 门前无乱堆放；2. 无占道经营；3. 店招店牌规范",
        true,
    ),
    (
        "CGZF",
        "CGZF-JC-002",
        "建筑工地扬尘防控情况检查",
        "《中华人民共和国大气污染防治法》第六十九条",
        "市级",
        "on_site",
        "1. 围挡；2. 覆盖；3. 路面硬化；4. 出入车辆清洗；5. 湿法作业",
        true,
    ),
    (
        "CGZF",
        "CGZF-JC-003",
        "户外广告设施设置情况检查",
        "《城市市容和环境卫生管理条例》第十一条",
        "市级",
        "on_site",
        "设置许可、安全检测报告、牢固程度",
        true,
    ),
    (
        "STHJ",
        "STHJ-JC-001",
        "排污单位污染物排放情况检查",
        "《中华人民共和国环境保护法》第二十四条",
        "市级",
        "on_site",
        "1. 排污许可证；2. 污染防治设施正常运行；3. 自动监测数据；4. 台账记录",
        true,
    ),
    (
        "STHJ",
        "STHJ-JC-002",
        "危险废物规范化环境管理情况检查",
        "《中华人民共和国固体废物污染环境防治法》第七十七条",
        "市级",
        "on_site",
        "1. 贮存场所标识；2. 转移联单；3. 管理计划备案",
        true,
    ),
    (
        "STHJ",
        "STHJ-JC-003",
        "建设项目环境影响评价执行情况检查",
        "《中华人民共和国环境影响评价法》第二十五条",
        "市级",
        "remote",
        "核查环评批复与“三同时”验收材料",
        true,
    ),
];

/// How many demo enterprises there are.
pub const ENTERPRISES: usize = 200;

const PLACES: [&str; 10] = [
    "临江", "江北", "滨湖", "新城", "东港", "青山", "南岸", "西溪", "北塘", "云栖",
];
const TRADES: [(&str, &str); 10] = [
    ("鲜味餐饮", "有限公司"),
    ("百佳超市", "有限公司"),
    ("恒通机械", "制造有限公司"),
    ("绿源环保", "科技有限公司"),
    ("安居建设", "工程有限公司"),
    ("福瑞食品", "有限公司"),
    ("明亮广告", "传媒有限公司"),
    ("顺达电梯", "服务有限公司"),
    ("清泉化工", "有限公司"),
    ("老街小吃", "店"),
];
const STREETS: [&str; 5] = ["解放路", "人民路", "滨江大道", "文化路", "工业园区纬三路"];

/// The supervision code of a demo enterprise, derived from its credit code.
pub fn demo_supervision_code(credit_code: &str) -> String {
    let digest = Sha256::digest(format!("tianping-demo-enterprise/{credit_code}").as_bytes());
    let mut bytes = [0u8; 10];
    bytes.copy_from_slice(&digest[..10]);
    SupervisionCode::from_random(bytes).as_str().to_owned()
}

/// The credit code of the `n`th demo enterprise (valid under GB 32100).
pub fn demo_credit_code(n: usize) -> String {
    let body = format!("91339900MA{:07}", 1_000_000 + n);
    "0123456789ABCDEFGHJKLMNPQRTUWXY"
        .chars()
        .map(|c| format!("{body}{c}"))
        .find(|code| CreditCode::parse(code).is_ok())
        .unwrap_or(body)
}

/// The grade of the `n`th demo enterprise: three in ten A, four B, two C, one D.
fn demo_grade(n: usize) -> &'static str {
    match n % 10 {
        0..=2 => "a",
        3..=6 => "b",
        7 | 8 => "c",
        _ => "d",
    }
}

/// The items and enterprises, as one change each (audited).
pub(super) async fn seed_lists(state: &AppState, now: DateTime<Utc>) -> Result<(), ServiceError> {
    let agencies: Vec<agencies::Model> = agencies::Entity::find().all(&state.db.conn).await?;
    let agency_id = |code: &str| agencies.iter().find(|a| a.code == code).map(|a| a.id);
    let mut uow = UnitOfWork::begin(&state.db, now).await?;
    for (agency, code, name, basis, level, method, standard, published) in ITEMS {
        let Some(agency_id) = agency_id(agency) else {
            continue;
        };
        let row = inspection_items::ActiveModel {
            agency_id: Set(agency_id),
            code: Set(code.into()),
            name: Set(name.into()),
            legal_basis: Set(basis.into()),
            level: Set(level.into()),
            method: Set(method.into()),
            standard: Set(standard.into()),
            published: Set(published),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(uow.txn())
        .await?;
        uow.record(NewEvent {
            actor: AuditActor::system(),
            action: "inspection_item.create",
            subject_type: "inspection_item",
            subject_id: row.id.to_string(),
            payload: json!({ "agency_id": agency_id, "code": code, "name": name, "published": published }),
        });
    }
    for n in 0..ENTERPRISES {
        let (trade, suffix) = TRADES[n % TRADES.len()];
        let place = PLACES[(n / TRADES.len()) % PLACES.len()];
        let credit_code = demo_credit_code(n);
        // Most lie in the city's districts; every twentieth in a neighbouring city.
        let region = if n % 20 == 19 {
            "330100".to_owned()
        } else {
            format!("3399{:02}", 1 + n % 5)
        };
        let name = if n < 100 {
            format!("临江市{place}{trade}{suffix}")
        } else {
            format!("临江市{place}{trade}{}号{suffix}", n - 99)
        };
        let row = enterprises::ActiveModel {
            supervision_code: Set(demo_supervision_code(&credit_code)),
            credit_code: Set(credit_code.clone()),
            name: Set(name.clone()),
            kind: Set(if suffix == "店" {
                "individual".into()
            } else {
                "enterprise".into()
            }),
            address: Set(format!(
                "临江市{}{}号",
                STREETS[n % STREETS.len()],
                10 + n * 3
            )),
            region_code: Set(region.clone()),
            grade: Set(demo_grade(n).into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(uow.txn())
        .await?;
        uow.record(NewEvent {
            actor: AuditActor::system(),
            action: "enterprise.register",
            subject_type: "enterprise",
            subject_id: row.id.to_string(),
            payload: json!({ "credit_code": credit_code, "name": name, "region_code": region, "grade": demo_grade(n) }),
        });
    }
    uow.commit().await?;
    Ok(())
}

/// How far a demo inspection goes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Proposed,
    Approved,
    OnSite,
    Recorded,
    Notified,
    Closed,
}

/// The agency's officers who inspect, and its head.
fn crew(agency: &str) -> (&'static str, &'static str, &'static str) {
    match agency {
        "SCJG" => ("officer.zhang", "officer.li", "head.scjg"),
        "CGZF" => ("officer.wang", "officer.chen", "head.cgzf"),
        _ => ("officer.zhao", "officer.qian", "head.sthj"),
    }
}

/// The enterprise of demo inspection `i` (within the city's region).
fn enterprise_of(i: usize) -> usize {
    let n = (i * 7) % ENTERPRISES;
    if n % 20 == 19 { n - 1 } else { n }
}

/// The demo inspection whose visit inspection `i` joins (综合查一次), if any.
fn joins(i: usize) -> Option<usize> {
    match i {
        2 => Some(0),
        5 => Some(3),
        _ => None,
    }
}

/// The demo inspection whose enterprise inspection `i` visits again, by the same agency,
/// seventeen days later: the supervisors' "repeated inspection" warning (乱检查).
fn repeats(i: usize) -> Option<usize> {
    (i == 44).then_some(35)
}

/// Seeds the inspections (the lists are the organisation's, [`seed_lists`]).
pub(super) async fn seed_inspections(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let items: Vec<inspection_items::Model> = inspection_items::Entity::find()
        .filter(inspection_items::Column::Published.eq(true))
        .order_by_asc(inspection_items::Column::Id)
        .all(&state.db.conn)
        .await?;
    let agencies: Vec<agencies::Model> = agencies::Entity::find().all(&state.db.conn).await?;
    let agency_code = |id: i32| {
        agencies
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.code.clone())
            .unwrap_or_default()
    };
    let lang = tianping_domain::i18n::Lang::Zh;
    let stages = [
        (Stage::Closed, 26),
        (Stage::Notified, 10),
        (Stage::Recorded, 5),
        (Stage::OnSite, 5),
        (Stage::Approved, 8),
        (Stage::Proposed, 5),
    ];
    let mut i = 0usize;
    let mut leads: std::collections::HashMap<usize, i32> = std::collections::HashMap::new();
    for (stage, count) in stages {
        for _ in 0..count {
            // A joint inspection: another agency's item, the lead's enterprise.
            let joined = joins(i);
            let item = &items[joined.map_or(i, |lead| lead + 5) % items.len()];
            let agency = agency_code(item.agency_id);
            let (first, second, head) = crew(&agency);
            let firm_n = enterprise_of(joined.or_else(|| repeats(i)).unwrap_or(i));
            let credit = demo_credit_code(firm_n);
            // The older the stage, the longer ago it began.
            let days_ago = match stage {
                Stage::Closed => 100 - (i as i64 % 90),
                Stage::Notified => 20,
                Stage::Recorded | Stage::OnSite => 3,
                Stage::Approved | Stage::Proposed => 1,
            };
            let start = now - Duration::days(days_ago);
            let officer = actor(state, first).await?;
            let second_id = users::Entity::find()
                .filter(users::Column::Username.eq(second))
                .one(&state.db.conn)
                .await?
                .map(|u| u.id)
                .unwrap_or_default();
            let joint = joined.and_then(|lead| leads.get(&lead).copied());
            let emergency = stage == Stage::Closed && i == 7;
            let window_to = (start + Duration::days(30)).format("%Y-%m-%d").to_string();
            let view = inspections::propose(
                &at(state, start),
                &officer,
                &ProposeInspectionForm {
                    item_id: item.id,
                    enterprise: credit.clone(),
                    kind: if i % 9 == 4 {
                        "special"
                    } else if i % 3 == 0 {
                        "routine"
                    } else {
                        "case"
                    }
                    .into(),
                    window_from: start.format("%Y-%m-%d").to_string(),
                    window_to,
                    officer_ids: vec![officer.user_id, second_id],
                    emergency,
                    joint_group: joint.map(i64::from),
                },
                lang,
            )
            .await?;
            leads.insert(i, view.id);
            let step = |s: &str| InspectionStepForm {
                step: s.into(),
                ..Default::default()
            };
            let head_actor = actor(state, head).await?;
            let day = |h: i64| at(state, start + Duration::hours(h));
            if stage >= Stage::Approved && !emergency {
                inspections::step(&day(2), &head_actor, view.id, &step("approve"), lang).await?;
            }
            if stage >= Stage::OnSite {
                let code = demo_supervision_code(&credit);
                inspections::step(
                    &day(26),
                    &officer,
                    view.id,
                    &InspectionStepForm {
                        step: "register".into(),
                        supervision_code: code,
                        ..Default::default()
                    },
                    lang,
                )
                .await?;
            }
            if emergency {
                inspections::step(&day(26), &head_actor, view.id, &step("approve"), lang).await?;
            }
            if stage >= Stage::Recorded {
                inspections::step(
                    &day(27),
                    &officer,
                    view.id,
                    &InspectionStepForm {
                        step: "record".into(),
                        findings: format!(
                            "对照检查标准逐项检查：{}。检查人员二名出示执法证件，当事人在场。",
                            if i % 4 == 1 {
                                "发现进货查验记录不全"
                            } else {
                                "未发现问题"
                            }
                        ),
                        ..Default::default()
                    },
                    lang,
                )
                .await?;
            }
            if stage >= Stage::Notified {
                let (outcome, note) = match i % 4 {
                    1 if i == 13 => ("penalty", "涉嫌违法，已移送立案调查"),
                    1 => ("rectify", "请于十五日内补全进货查验记录，并报送整改情况"),
                    _ => ("no_problem", ""),
                };
                inspections::step(
                    &day(28),
                    &officer,
                    view.id,
                    &InspectionStepForm {
                        step: "notify".into(),
                        outcome: outcome.into(),
                        note: note.into(),
                        ..Default::default()
                    },
                    lang,
                )
                .await?;
            }
            if stage >= Stage::Closed {
                inspections::step(&day(30), &officer, view.id, &step("close"), lang).await?;
                if i % 3 == 0 {
                    inspections::public::rate(
                        &day(40),
                        &RateInspectionForm {
                            supervision_code: demo_supervision_code(&credit),
                            inspection_code: view.code.clone(),
                            rating: if i % 2 == 0 { 5 } else { 4 },
                            comment: "检查人员规范出示证件，一次查完，不影响经营。".into(),
                        },
                        &format!("demo-enterprise-{firm_n}"),
                        lang,
                    )
                    .await?;
                }
            }
            i += 1;
        }
    }
    Ok(())
}

/// A demo inspection approved and waiting for its officers at the enterprise's door, with
/// what a tester needs to try it: the enterprise's supervision code.
#[derive(Debug, Clone)]
pub struct AwaitingVisit {
    /// The inspection's code.
    pub inspection_code: String,
    /// The agency's code.
    pub agency_code: String,
    /// The officers named (user names).
    pub officers: Vec<String>,
    /// The enterprise's name.
    pub enterprise: String,
    /// Its supervision code (the enterprise's secret; a demo's is derived, see
    /// [`demo_supervision_code`]).
    pub supervision_code: String,
}

/// The demo inspections approved and not yet registered at the door, oldest first.
pub async fn awaiting_visits(state: &AppState) -> Result<Vec<AwaitingVisit>, ServiceError> {
    use super::super::entities::{inspection_officers, inspections as rows};
    let conn = &state.db.conn;
    let waiting = rows::Entity::find()
        .filter(rows::Column::State.eq("approved"))
        .order_by_asc(rows::Column::Id)
        .all(conn)
        .await?;
    let mut out = Vec::with_capacity(waiting.len());
    for row in waiting {
        let firm = enterprises::Entity::find_by_id(row.enterprise_id)
            .one(conn)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let agency = agencies::Entity::find_by_id(row.agency_id)
            .one(conn)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let ids: Vec<i32> = inspection_officers::Entity::find()
            .filter(inspection_officers::Column::InspectionId.eq(row.id))
            .all(conn)
            .await?
            .into_iter()
            .map(|o| o.user_id)
            .collect();
        let officers = users::Entity::find()
            .filter(users::Column::Id.is_in(ids))
            .order_by_asc(users::Column::Id)
            .all(conn)
            .await?
            .into_iter()
            .map(|u| u.username)
            .collect();
        out.push(AwaitingVisit {
            inspection_code: row.code,
            agency_code: agency.code,
            officers,
            enterprise: firm.name,
            supervision_code: firm.supervision_code,
        });
    }
    Ok(out)
}
