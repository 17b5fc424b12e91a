//! The demo organisation: the agencies of one city and its judicial bureau, an account for
//! every role (with its credentials) and an integration account, the agencies' major-decision
//! catalogs and two clues in the environment bureau's queue.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tianping_domain::{
    clue::{RawClue, RawReporter},
    role::Role,
};

use super::super::{
    AppState,
    audit::AuditActor,
    auth,
    entities::{agencies, users},
    error::ServiceError,
    services::{clues, org},
};
use crate::api::dto::{NewAgency, NewCredential, NewUser};

pub(super) struct AgencySeed {
    pub(super) code: &'static str,
    pub(super) name: &'static str,
    short_name: &'static str,
    kind: &'static str,
    credit_code: &'static str,
    legal_basis: &'static str,
}

const REGION_CODE: &str = "339900";
const REGION_NAME: &str = "临江市";

pub(super) const AGENCIES: [AgencySeed; 4] = [
    AgencySeed {
        code: "SCJG",
        name: "临江市市场监督管理局",
        short_name: "临市监",
        kind: "enforcement",
        credit_code: "11339900MB01000116",
        legal_basis: "《中华人民共和国行政处罚法》《中华人民共和国食品安全法》《中华人民共和国产品质量法》；临江市人民政府机构设置方案",
    },
    AgencySeed {
        code: "CGZF",
        name: "临江市城市管理综合行政执法局",
        short_name: "临城管",
        kind: "enforcement",
        credit_code: "11339900MB0200012U",
        legal_basis: "《中华人民共和国行政处罚法》《城市市容和环境卫生管理条例》；临江市相对集中行政处罚权的决定",
    },
    AgencySeed {
        code: "STHJ",
        name: "临江市生态环境局",
        short_name: "临环",
        kind: "enforcement",
        credit_code: "11339900MB0300013H",
        legal_basis: "《中华人民共和国行政处罚法》《中华人民共和国环境保护法》《中华人民共和国大气污染防治法》",
    },
    AgencySeed {
        code: "SFJ",
        name: "临江市司法局",
        short_name: "临司",
        kind: "supervision",
        credit_code: "11339900MB04000147",
        legal_basis: "《行政执法监督条例》（国务院令第825号）第六条：县级以上人民政府司法行政部门为本级行政执法监督机构",
    },
];

/// (username, display name, role, agency code, credential: (number, scope, from, to)).
pub(super) type UserSeed = (
    &'static str,
    &'static str,
    Role,
    Option<&'static str>,
    Option<(
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
    )>,
);

pub(super) const USERS: [UserSeed; 14] = [
    ("admin", "系统管理员", Role::Admin, None, None),
    (
        "officer.zhang",
        "张伟",
        Role::Officer,
        Some("SCJG"),
        Some((
            "ZJ33990001",
            "市场监管 临江市",
            "2024-01-01",
            Some("2028-12-31"),
        )),
    ),
    (
        "officer.li",
        "李娜",
        Role::Officer,
        Some("SCJG"),
        Some((
            "ZJ33990002",
            "市场监管 临江市",
            "2024-01-01",
            Some("2028-12-31"),
        )),
    ),
    (
        "officer.liu",
        "刘洋",
        Role::Officer,
        Some("SCJG"),
        Some((
            "ZJ33990003",
            "市场监管 临江市",
            "2021-01-01",
            Some("2026-12-15"),
        )),
    ),
    (
        "officer.wang",
        "王强",
        Role::Officer,
        Some("CGZF"),
        Some((
            "ZJ33990101",
            "城市管理 临江市",
            "2024-01-01",
            Some("2028-12-31"),
        )),
    ),
    (
        "officer.chen",
        "陈静",
        Role::Officer,
        Some("CGZF"),
        Some((
            "ZJ33990102",
            "城市管理 临江市",
            "2024-01-01",
            Some("2028-12-31"),
        )),
    ),
    (
        "officer.zhao",
        "赵敏",
        Role::Officer,
        Some("STHJ"),
        Some((
            "ZJ33990201",
            "生态环境 临江市",
            "2024-01-01",
            Some("2028-12-31"),
        )),
    ),
    (
        "officer.qian",
        "钱进",
        Role::Officer,
        Some("STHJ"),
        Some((
            "ZJ33990202",
            "生态环境 临江市",
            "2024-01-01",
            Some("2028-12-31"),
        )),
    ),
    (
        "head.scjg",
        "周建国",
        Role::AgencyHead,
        Some("SCJG"),
        Some((
            "ZJ33990009",
            "市场监管 临江市",
            "2023-01-01",
            Some("2028-12-31"),
        )),
    ),
    (
        "head.cgzf",
        "郑海",
        Role::AgencyHead,
        Some("CGZF"),
        Some((
            "ZJ33990109",
            "城市管理 临江市",
            "2023-01-01",
            Some("2028-12-31"),
        )),
    ),
    (
        "head.sthj",
        "冯涛",
        Role::AgencyHead,
        Some("STHJ"),
        Some((
            "ZJ33990209",
            "生态环境 临江市",
            "2023-01-01",
            Some("2028-12-31"),
        )),
    ),
    (
        "reviewer.sun",
        "孙丽",
        Role::LegalReviewer,
        None,
        Some(("A20153301000123", "法律职业资格", "2015-03-01", None)),
    ),
    ("supervisor.wu", "吴芳", Role::Supervisor, Some("SFJ"), None),
    (
        "hotline12345",
        "12345政务服务便民热线",
        Role::Integration,
        None,
        None,
    ),
];

/// Inserts the agencies, then the accounts with their credentials; the legal reviewer reviews
/// for every enforcement agency.
pub(super) async fn seed_organisation(
    state: &AppState,
    password: &str,
) -> Result<(), ServiceError> {
    let system = AuditActor::system();
    for a in &AGENCIES {
        org::insert_agency(
            state,
            system.clone(),
            &NewAgency {
                code: a.code.into(),
                name: a.name.into(),
                short_name: a.short_name.into(),
                kind: a.kind.into(),
                region_code: REGION_CODE.into(),
                region_name: REGION_NAME.into(),
                credit_code: a.credit_code.into(),
                legal_basis: a.legal_basis.into(),
            },
        )
        .await?;
    }
    for (username, display_name, role, agency, credential) in USERS {
        let created = org::insert_user(
            state,
            system.clone(),
            &NewUser {
                username: username.into(),
                display_name: display_name.into(),
                role: role.as_str().into(),
                agency_code: agency.map(Into::into),
                password: password.into(),
            },
            false,
        )
        .await?;
        if let Some((number, scope, from, to)) = credential {
            let kind = if role == Role::LegalReviewer {
                "legal_qualification"
            } else {
                "enforcement_certificate"
            };
            org::insert_credential(
                state,
                system.clone(),
                created.id,
                &NewCredential {
                    kind: kind.into(),
                    number: number.into(),
                    scope: scope.into(),
                    valid_from: from.into(),
                    valid_to: to.map(Into::into),
                },
            )
            .await?;
        }
        if role == Role::LegalReviewer {
            for code in ["SCJG", "CGZF", "STHJ"] {
                if let Some(a) = agencies::Entity::find()
                    .filter(agencies::Column::Code.eq(code))
                    .one(&state.db.conn)
                    .await?
                {
                    org::assign_reviewer(state, system.clone(), created.id, a.id).await?;
                }
            }
        }
    }
    Ok(())
}

/// Each enforcement agency's major-decision catalog: the typical entries with the agency's own
/// thresholds (DOMAIN.md §1c lists such pairs), the environment bureau's own circumstance, and
/// a second version of the market regulator's catalog, so versioning shows.
pub(super) async fn seed_catalogs(state: &AppState) -> Result<(), ServiceError> {
    use tianping_domain::review::{Criterion, ReviewCatalog};
    let admin_user = users::Entity::find()
        .filter(users::Column::Username.eq("admin"))
        .one(&state.db.conn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let admin = auth::load_actor(state, &admin_user).await?;
    let with = |person_yuan: i64, org_yuan: i64, extra: Option<Criterion>| {
        let mut c = ReviewCatalog::typical();
        for entry in &mut c.criteria {
            if let Criterion::Fine {
                natural_person_fen,
                organisation_fen,
            }
            | Criterion::Confiscation {
                natural_person_fen,
                organisation_fen,
            } = entry
            {
                *natural_person_fen = person_yuan * 100;
                *organisation_fen = org_yuan * 100;
            }
        }
        c.criteria.extend(extra);
        c
    };
    let from = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
    let versions = [
        (
            "SCJG",
            "2025-01-01",
            with(10_000, 100_000, None),
            "依据市局重大执法决定法制审核目录清单制定",
        ),
        (
            "SCJG",
            "2026-07-01",
            with(5_000, 100_000, None),
            "下调对公民罚款的审核标准",
        ),
        (
            "CGZF",
            "2025-01-01",
            with(5_000, 200_000, None),
            "依据市局重大执法决定法制审核目录清单制定",
        ),
        (
            "STHJ",
            "2025-01-01",
            with(
                20_000,
                200_000,
                Some(Criterion::Flag {
                    code: "drinking_water".into(),
                    label_zh: "涉及饮用水水源保护区".into(),
                    label_en: "Concerns a drinking-water source protection zone".into(),
                }),
            ),
            "依据市局重大执法决定法制审核目录清单制定，增加饮用水水源保护区情形",
        ),
    ];
    for (code, day, catalog, note) in versions {
        if let Some(agency) = agencies::Entity::find()
            .filter(agencies::Column::Code.eq(code))
            .one(&state.db.conn)
            .await?
        {
            let uow = super::super::audit::UnitOfWork::begin(&state.db, state.clock.now()).await?;
            crate::ssr::services::reviews::insert_version(
                uow,
                &admin,
                &agency,
                from(day),
                &catalog,
                note,
            )
            .await?;
        }
    }
    Ok(())
}

/// Each enforcement agency's matters (a part of its powers list) with the words that name
/// them: the routing rules for clues that name no agency (issue 24 item 7). Construction
/// noise is the city administration's (相对集中行政处罚权), industrial noise the environment
/// bureau's; a complaint of noise that says neither is left to the supervision body.
pub(super) const ROUTING_RULES: [(&str, &[(&str, &str)]); 3] = [
    (
        "SCJG",
        &[
            (
                "食品安全",
                "食品、过期、变质、后厨、餐馆、饭店、餐饮、食材、卫生许可、老鼠",
            ),
            ("价格", "价格、标价、明码标价、结算价、乱收费、价格欺诈"),
            ("产品质量", "假冒、伪劣、以次充好、质量问题、三无产品"),
            ("广告与无照经营", "虚假广告、虚假宣传、无照经营、营业执照"),
        ],
    ),
    (
        "CGZF",
        &[
            (
                "市容环境",
                "占道、乱摆、摊贩、违章搭建、违建、小广告、乱贴、乱扔垃圾、渣土",
            ),
            ("建筑施工噪声", "施工、工地、夜间施工、噪音、噪声"),
        ],
    ),
    (
        "STHJ",
        &[
            ("大气污染", "废气、刺鼻、异味、烟尘、黑烟、排放"),
            ("水污染", "排污、排污口、污水、水体发黑、河道"),
            ("工业噪声", "工厂、车间、设备、噪音、噪声"),
        ],
    ),
];

/// The routing rules above, as the administrator wrote them.
pub(super) async fn seed_routing_rules(state: &AppState) -> Result<(), ServiceError> {
    for (code, matters) in ROUTING_RULES {
        if let Some(agency) = agencies::Entity::find()
            .filter(agencies::Column::Code.eq(code))
            .one(&state.db.conn)
            .await?
        {
            clues::add_rules(state, AuditActor::system(), agency.id, matters).await?;
        }
    }
    Ok(())
}

/// Two clues from the 12345 hotline and the grid platform in the environment bureau's queue,
/// and seven that name no agency: routed by the rules (five, one of them received a month ago
/// and never handled) or left to the supervision body (a noise complaint that fits two
/// agencies, a matter no agency's list names).
pub(super) async fn seed_clues(state: &AppState) -> Result<(), ServiceError> {
    let Some(hotline) = users::Entity::find()
        .filter(users::Column::Username.eq("hotline12345"))
        .one(&state.db.conn)
        .await?
    else {
        return Ok(());
    };
    let actor = auth::load_actor(state, &hotline).await?;
    let demo = [
        RawClue {
            source: "12345".into(),
            reference: "HL-20261120-0415".into(),
            title: "化工厂夜间排放刺鼻气体".into(),
            description: "附近居民反映，临港工业园某化工厂连续多晚排放刺鼻气体，门窗紧闭仍能闻到。"
                .into(),
            location: "临江市临港工业园 3 号路".into(),
            reported_at: "2026-11-20T22:15:00+08:00".into(),
            reporter: Some(RawReporter {
                name: Some("赵丽华".into()),
                phone: Some("13700137000".into()),
            }),
            agency: Some("STHJ".into()),
        },
        RawClue {
            source: "grid".into(),
            reference: "GRID-339900-8821".into(),
            title: "河道出现不明排污口".into(),
            description: "网格员巡查发现沙河桥下游新增一处排污口，水体发黑。".into(),
            location: "临江市沙河桥下游 200 米".into(),
            reported_at: "2026-11-24T10:40:00+08:00".into(),
            reporter: None,
            agency: Some("STHJ".into()),
        },
    ];
    let unaddressed = [
        (
            "HL-20261125-0102",
            "餐馆后厨卫生差、食材过期",
            "市民反映滨江路一家餐馆后厨脏乱，冷柜里有过期食材。",
            "临江市滨江路 126 号",
        ),
        (
            "HL-20261125-0230",
            "超市标价与结算价不一致",
            "顾客反映超市货架标价 9.9 元，结算时按 12.8 元收取。",
            "临江市人民路 58 号",
        ),
        (
            "GRID-339900-9034",
            "夜市摊贩占道经营",
            "网格员巡查发现夜市摊贩占道，人行道上乱摆摊点，行人只能走机动车道。",
            "临江市江滨夜市",
        ),
        (
            "HL-20261126-0311",
            "工地夜间施工噪音扰民",
            "小区旁工地连续多晚夜间施工到凌晨两点，噪音很大。",
            "临江市锦绣小区东侧",
        ),
        (
            "HL-20261126-0417",
            "楼下噪音扰民",
            "居民反映楼下每晚都有很大的噪音，影响休息。",
            "临江市新华街 9 号",
        ),
        (
            "HL-20261127-0120",
            "公交站台候车亭破损",
            "市民反映 12 路公交站台候车亭玻璃破损，存在安全隐患。",
            "临江市解放路公交站",
        ),
    ];
    let demo = demo
        .into_iter()
        .chain(
            unaddressed
                .into_iter()
                .map(|(reference, title, description, location)| RawClue {
                    source: if reference.starts_with("GRID") {
                        "grid"
                    } else {
                        "12345"
                    }
                    .into(),
                    reference: reference.into(),
                    title: title.into(),
                    description: description.into(),
                    location: location.into(),
                    reported_at: "2026-11-25T09:00:00+08:00".into(),
                    reporter: None,
                    agency: None,
                }),
        )
        .collect::<Vec<_>>();
    for raw in &demo {
        clues::receive(state, &actor, raw, tianping_domain::i18n::Lang::Zh).await?;
    }
    // One received a month ago and still untouched: the supervisor's 有案不立 signal.
    let month_ago = state.clock.now() - chrono::Duration::days(30);
    let old = RawClue {
        source: "12345".into(),
        reference: "HL-OLD-0077".into(),
        title: "早餐车无照经营".into(),
        description: "市民反映小区门口的早餐车无照经营，食品来源不明。".into(),
        location: "临江市春华小区北门".into(),
        reported_at: (month_ago - chrono::Duration::hours(2)).to_rfc3339(),
        reporter: None,
        agency: None,
    };
    clues::receive(
        &super::at(state, month_ago),
        &actor,
        &old,
        tianping_domain::i18n::Lang::Zh,
    )
    .await?;
    Ok(())
}

/// The supervision body's demo interviews and circular (issue 24 item 3): an interview two
/// months ago whose follow-up is overdue, one ten days ago, and a public circular naming the
/// market regulator (a complainant's phone in its text, masked on the portal).
pub(super) async fn seed_oversight(state: &AppState) -> Result<(), ServiceError> {
    use crate::ssr::services::supervision;
    use tianping_domain::supervision::oversight::{RawCircular, RawInterview};
    let supervisor = super::actor(state, "supervisor.wu").await?;
    let now = state.clock.now();
    for (days_ago, follow_after, agency, reasons, commitments) in [
        (
            60,
            30,
            "CGZF",
            "多起占道经营案件罚款后未责令改正，同一商户半年内被罚款三次",
            "对同类案件一律责令限期改正，一个月内完成自查",
        ),
        (
            10,
            30,
            "SCJG",
            "12345 热线转办线索逾期未处理，有案不立问题突出",
            "两周内清理积压线索，建立线索核查台账",
        ),
    ] {
        let held = now - chrono::Duration::days(days_ago);
        let held_on = tianping_domain::i18n::china_time(held).date_naive();
        let raw = RawInterview {
            agency: agency.into(),
            held_on: held_on.to_string(),
            participants: format!(
                "吴芳（临江市司法局）\n{}主要负责人",
                if agency == "SCJG" {
                    "临江市市场监督管理局"
                } else {
                    "临江市城市管理综合行政执法局"
                }
            ),
            reasons: reasons.into(),
            commitments: commitments.into(),
            follow_up_on: (held_on + chrono::Duration::days(follow_after)).to_string(),
        };
        supervision::record_interview(
            &super::at(state, held),
            &supervisor,
            &raw,
            tianping_domain::i18n::Lang::Zh,
        )
        .await?;
    }
    let raw = RawCircular {
        title: "关于 12345 热线转办线索办理情况的通报".into(),
        body: "近期抽查发现，临江市市场监督管理局部分 12345 热线转办线索超过 15 个工作日未作处理。\n其中一件线索的反映人（电话 13912345678）多次来电催办。\n请各行政执法机关对照检查，及时核查处理转办线索。".into(),
        scope: "public".into(),
        agencies: vec!["SCJG".into()],
    };
    supervision::issue_circular(
        &super::at(state, now - chrono::Duration::days(5)),
        &supervisor,
        &raw,
    )
    .await?;
    seed_notices(state, &supervisor).await
}

/// Two supervision notices: an opinion to SCJG reported after its deadline and waiting for
/// the supervisor, and a decision to CGZF whose rectification is overdue.
async fn seed_notices(
    state: &AppState,
    supervisor: &tianping_domain::authz::Actor,
) -> Result<(), ServiceError> {
    use crate::{api::supervision_dto::NoticeStepForm, ssr::services::supervision};
    use tianping_domain::{i18n::Lang, supervision::notice::RawNotice};
    let now = state.clock.now();
    let day = |days_ago: i64| {
        tianping_domain::i18n::china_time(now - chrono::Duration::days(days_ago)).date_naive()
    };
    let opinion = supervision::issue_notice(
        &super::at(state, now - chrono::Duration::days(40)),
        supervisor,
        &RawNotice {
            kind: "opinion".into(),
            order: String::new(),
            agency: "SCJG".into(),
            source: "complaint".into(),
            source_ref: "12345 热线转办线索".into(),
            problems: "12345 热线转办的食品安全线索中，有 3 件超过 15 个工作日未核查处理，未告知反映人处理情况。".into(),
            requirements: "逐件核查积压线索，依法立案或者说明不予立案的理由并告知反映人；建立线索核查台账。".into(),
            basis: "《行政处罚法》第五十四条；《行政执法监督条例》".into(),
            deadline: day(10).to_string(),
        },
        Lang::Zh,
    )
    .await?;
    let head = super::actor(state, "head.scjg").await?;
    supervision::step_notice(
        &super::at(state, now - chrono::Duration::days(3)),
        &head,
        opinion.id,
        &NoticeStepForm {
            step: "report".into(),
            text: "已逐件核查 3 件积压线索：立案 2 件，不予立案 1 件并书面告知反映人；线索核查台账已建立，每周由法制科检查。".into(),
            evidence: "立案审批表 2 份\n不予立案告知书 1 份\n线索核查台账（2026 年版）".into(),
        },
        Lang::Zh,
    )
    .await?;
    supervision::issue_notice(
        &super::at(state, now - chrono::Duration::days(35)),
        supervisor,
        &RawNotice {
            kind: "decision".into(),
            order: "correct".into(),
            agency: "CGZF".into(),
            source: "warning".into(),
            source_ref: "以罚代管信号".into(),
            problems: "对同一占道经营商户半年内罚款三次，三起案件均未责令改正违法行为。".into(),
            requirements: "对三起案件依法责令当事人改正，并对同类案件开展自查。".into(),
            basis: "《行政处罚法》第二十八条第一款".into(),
            deadline: day(5).to_string(),
        },
        Lang::Zh,
    )
    .await?;
    Ok(())
}
