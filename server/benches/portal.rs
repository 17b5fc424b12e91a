//! Public portal benchmark (prints figures; not a timed test).
//!
//! `cargo bench -p server --bench portal -- [N]` generates N published decisions (default
//! 1,000,000) of three agencies — organisations, individual businesses and natural persons,
//! about 250 characters of redacted text each, built from the kinds of facts these agencies
//! publish — in SQLite and (if `TIANPING_TEST_PG_URL` answers) PostgreSQL, builds the search
//! index, and prints:
//! - the index's build time and size;
//! - the search's latency (p50, p95, max) for one-, two- and many-character queries, with and
//!   without filters, through the same service the portal calls (index, then the page's rows);
//! - requests per second of the detail page and the search page, served by the real router on
//!   loopback, under `wrk` with 32 connections (skipped when `wrk` is not installed).
//!
//! `scripts/bench-portal.sh` installs `wrk` and runs it.

mod common;

use std::{process::Command, time::Instant};

use app::ssr::{AppState, db::Db, search_index, seed, services::publications};
use common::{Rng, exec, id_of, rss_mib, state, with_pg_schema};
use tianping_domain::{i18n::Lang, publicity::SearchInput};

/// Generated ids start here, clear of the demo data's.
const BASE: i64 = 10_000_000;

const PLACES: [&str; 8] = [
    "临江市江北区",
    "临江市城南区",
    "临江市高新区",
    "临江县城关镇",
    "临江市滨江新区",
    "临江市东城区",
    "临江市西湖街道",
    "临江县青石镇",
];
const ROADS: [&str; 10] = [
    "人民路",
    "解放路",
    "建设大道",
    "中山路",
    "滨江路",
    "新华街",
    "和平路",
    "文化路",
    "工业园路",
    "长江路",
];
const BRAND: &str = "恒泰华兴隆盛祥瑞丰源鑫达宏鼎嘉诚信安康乐福万金宝利通顺德永昌明辉光远航天海山川林森茂百汇聚鹏程锦绣新星月佳美优品味香园春秋东方圣博众合盈润泽晟昊宇凯旋";
const TRADES: [&str; 12] = [
    "食品", "餐饮", "建材", "物流", "化工", "商贸", "科技", "医药", "超市", "五金", "服装", "环保",
];
const SUFFIXES: [&str; 4] = ["有限公司", "有限责任公司", "商行", "经营部"];
const SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文";

/// (agency code, title, facts with {place} {goods} {amount}, provision, law)
const VIOLATIONS: [(&str, &str, &str, &str); 9] = [
    (
        "SCJG",
        "经营超过保质期的食品案",
        "在经营场所销售超过保质期的{goods}，货值金额{amount}元，违法所得{gain}元",
        "《中华人民共和国食品安全法》第一百二十四条第一款第五项",
    ),
    (
        "SCJG",
        "未取得食品经营许可从事食品经营案",
        "未取得食品经营许可从事{goods}经营活动，货值金额{amount}元",
        "《中华人民共和国食品安全法》第一百二十二条第一款",
    ),
    (
        "SCJG",
        "发布虚假广告案",
        "通过店堂告示和网络平台对{goods}作引人误解的虚假宣传，广告费用{amount}元",
        "《中华人民共和国广告法》第五十五条第一款",
    ),
    (
        "CGZF",
        "夜间施工噪声污染案",
        "在{place}工地夜间二十二时后进行产生环境噪声污染的施工作业，影响周边居民休息",
        "《中华人民共和国噪声污染防治法》第七十七条第一款",
    ),
    (
        "CGZF",
        "擅自占用城市道路经营案",
        "擅自占用城市道路摆摊经营{goods}，占用面积约{area}平方米",
        "《城市道路管理条例》第四十二条",
    ),
    (
        "CGZF",
        "未经批准进行临时建设案",
        "未经规划许可在{place}搭建临时建筑约{area}平方米",
        "《中华人民共和国城乡规划法》第六十六条",
    ),
    (
        "STHJ",
        "超标排放水污染物案",
        "生产废水经处理后化学需氧量浓度为{ratio}毫克每升，超过排放标准排放水污染物",
        "《中华人民共和国水污染防治法》第八十三条第二项",
    ),
    (
        "STHJ",
        "未批先建案",
        "{goods}生产项目未依法报批环境影响评价文件即开工建设，项目总投资{amount}元",
        "《中华人民共和国环境影响评价法》第三十一条第一款",
    ),
    (
        "STHJ",
        "工业企业噪声超标排放案",
        "厂界夜间噪声排放值为{ratio}分贝，超过工业企业厂界环境噪声排放标准",
        "《中华人民共和国噪声污染防治法》第七十五条",
    ),
];
const GOODS: [&str; 12] = [
    "预包装食品",
    "散装白酒",
    "冷冻肉制品",
    "乳制品",
    "糕点",
    "食用植物油",
    "保健食品",
    "儿童玩具",
    "电动自行车",
    "化妆品",
    "建筑材料",
    "家用电器",
];

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// One decision: (party kind, party name as published, title, provision, body).
fn decision(rng: &mut Rng, brand: &[char], surnames: &[char], n: u64) -> [String; 5] {
    let (_, title, facts, provision) = VIOLATIONS[usize::try_from(n % 9).unwrap_or(0)];
    let place = format!(
        "{}{}{}号",
        rng.pick(&PLACES),
        rng.pick(&ROADS),
        1 + rng.below(300)
    );
    let b = |rng: &mut Rng| brand[usize::try_from(rng.below(brand.len() as u64)).unwrap_or(0)];
    let (kind, party) = match rng.below(10) {
        0..=5 => (
            "organisation",
            format!(
                "临江市{}{}{}{}",
                b(rng),
                b(rng),
                rng.pick(&TRADES),
                rng.pick(&SUFFIXES)
            ),
        ),
        6 | 7 => (
            "individual_business",
            format!(
                "临江市{}区{}{}{}店",
                rng.pick(&["江北", "城南", "东城"]),
                b(rng),
                b(rng),
                rng.pick(&TRADES)
            ),
        ),
        _ => (
            "natural_person",
            format!(
                "{}某某",
                surnames[usize::try_from(rng.below(surnames.len() as u64)).unwrap_or(0)]
            ),
        ),
    };
    let facts = facts
        .replace("{place}", &place)
        .replace("{goods}", rng.pick(&GOODS))
        .replace("{amount}", &(100 + rng.below(200_000)).to_string())
        .replace("{gain}", &rng.below(20_000).to_string())
        .replace("{area}", &(2 + rng.below(80)).to_string())
        .replace("{ratio}", &(60 + rng.below(300)).to_string());
    let month = 1 + rng.below(12);
    let dayn = 1 + rng.below(28);
    let body = format!(
        "当事人：{party}。经营场所：{place}。经查，当事人于{month}月{dayn}日{facts}。以上事实有现场检查笔录、询问笔录、现场照片等证据证实。当事人的上述行为违反了{provision}的规定。依据{provision}的规定，结合当事人主动改正、积极配合调查的情节，本机关决定对当事人作出如下行政处罚：警告，并处罚款。当事人应当自收到本决定书之日起十五日内缴纳罚款。"
    );
    [
        kind.to_owned(),
        party,
        title.to_owned(),
        provision.to_owned(),
        body,
    ]
}

async fn generate(db: &Db, n: u64) -> anyhow::Result<()> {
    let mut agencies = std::collections::HashMap::new();
    for (code, user) in [
        ("SCJG", "officer.zhang"),
        ("CGZF", "officer.wang"),
        ("STHJ", "officer.zhao"),
    ] {
        let id = id_of(
            db,
            &format!("SELECT id FROM agencies WHERE code = '{code}'"),
        )
        .await?;
        let officer = id_of(
            db,
            &format!("SELECT id FROM users WHERE username = '{user}'"),
        )
        .await?;
        agencies.insert(code, (id, officer));
    }
    let brand = chars(BRAND);
    let surnames = chars(SURNAMES);
    let today = chrono::Utc::now().date_naive();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let started = Instant::now();
    let batch = 500;
    let mut i = 0;
    while i < n {
        let end = (i + batch).min(n);
        let mut cases = Vec::new();
        let mut pubs = Vec::new();
        for k in i..end {
            let id = BASE + i64::try_from(k).unwrap_or(0);
            let [kind, party, title, provision, body] = decision(&mut rng, &brand, &surnames, k);
            let code = VIOLATIONS[usize::try_from(k % 9).unwrap_or(0)].0;
            let (agency, officer) = agencies[code];
            let decided =
                today - chrono::Duration::days(i64::try_from(rng.below(1000)).unwrap_or(0));
            let published = decided + chrono::Duration::days(5);
            let until = published + chrono::Duration::days(1095);
            let fine = (1 + rng.below(2000)) * 10_000;
            let number = format!(
                "临{code}罚〔{}〕{}号",
                chrono::Datelike::year(&decided),
                k % 100_000 + 1
            );
            cases.push(format!(
                "({id}, 'P{id}', {agency}, 'ordinary', 'closed', '{title}', 'bench', '临江市', 'inspection', '{decided}', {officer}, '{decided} 08:00:00+00:00', '{decided} 08:00:00+00:00', FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, 0, 0, FALSE, 0, 'penalty', {fine}, FALSE, 0, FALSE, '{decided}', 0, '', '', FALSE)"
            ));
            pubs.push(format!(
                "({id}, {id}, {agency}, 0, '{number}', 'P{id}', '{party}{title}', '{kind}', '{party}', '{provision}', {fine}, '{decided}', '{published}', '{body}', 'published', {officer}, '{published} 02:00:00+00:00', '{published}', '{until}', '{published} 02:00:00+00:00', '{published} 02:00:00+00:00')"
            ));
        }
        exec(db, format!(
            "INSERT INTO cases (id, number, agency_id, procedure, state, title, description, location, source, received_on, created_by, created_at, updated_at, major, review_passed, review_passed_after_hearing, hearing_eligible, rights_waived, hearing_held, collective_discussion_required, collective_discussion_done, extensions_granted, extension_days, extension_discussed, suspended_days, decision_outcome, fine_fen, e_service_consent, paid_fen, execution_finished, closed_on, confiscation_fen, measures, review_flags, departure_flagged) VALUES {}",
            cases.join(",")
        )).await?;
        exec(db, format!(
            "INSERT INTO publications (id, case_id, agency_id, document_id, number, case_number, title, party_kind, party_name, provision, fine_fen, decided_on, due_on, body, status, approved_by, published_at, published_on, display_until, created_at, updated_at) VALUES {}",
            pubs.join(",")
        )).await?;
        i = end;
    }
    exec(db, "ANALYZE".to_owned()).await?;
    println!(
        "  generated {n} published decisions in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Typical portal searches: (label, text, agency, from, fine_min, party kind, page).
const QUERIES: [(&str, &str, &str, &str, &str, &str, &str); 12] = [
    ("1 char", "噪", "", "", "", "", ""),
    ("1 char, rare", "鹏", "", "", "", "", ""),
    ("2 chars", "食品", "", "", "", "", ""),
    ("2 chars", "噪声", "", "", "", "", ""),
    ("2 chars, surname", "王某", "", "", "", "", ""),
    ("4 chars", "虚假宣传", "", "", "", "", ""),
    ("long", "未取得食品经营许可", "", "", "", "", ""),
    ("party name", "食品有限公司", "", "", "", "", ""),
    ("two words", "噪声 夜间", "", "", "", "", ""),
    (
        "word + filters",
        "食品",
        "SCJG",
        "2026-01-01",
        "1000",
        "organisation",
        "",
    ),
    ("filters only", "", "STHJ", "2026-06-01", "", "", ""),
    ("page 50", "罚款", "", "", "", "", "50"),
];

async fn searches(st: &AppState) -> anyhow::Result<()> {
    let mut all = Vec::new();
    for (label, q, agency, from, fine_min, party, page) in QUERIES {
        let input = SearchInput {
            q: q.into(),
            agency: agency.into(),
            from: from.into(),
            fine_min: fine_min.into(),
            party: party.into(),
            page: page.into(),
            ..SearchInput::default()
        };
        let mut times = Vec::new();
        let mut total = 0;
        for run in 0..31 {
            let t = Instant::now();
            let page = publications::search(st, &input, Lang::Zh)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            total = page.total;
            if run > 0 {
                times.push(ms);
            }
        }
        times.sort_by(f64::total_cmp);
        all.extend_from_slice(&times);
        let shown = format!("{q} {agency} {from} {fine_min} {party} {page}");
        println!(
            "  search {label:<16} {:<28} {total:>8} results: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            shown.split_whitespace().collect::<Vec<_>>().join(" "),
            percentile(&times, 50.0),
            percentile(&times, 95.0),
            times.last().copied().unwrap_or(0.0)
        );
    }
    all.sort_by(f64::total_cmp);
    println!(
        "  search, all {} queries: p50 {:.1} ms, p95 {:.1} ms",
        all.len(),
        percentile(&all, 50.0),
        percentile(&all, 95.0)
    );
    Ok(())
}

/// Percent-encodes a query string value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// `wrk` with 32 connections for 10 s over the paths the script draws; prints its figures.
fn load(
    label: &str,
    addr: std::net::SocketAddr,
    lua: &str,
    dir: &std::path::Path,
) -> anyhow::Result<()> {
    let script = dir.join(format!("{}.lua", label.replace(' ', "_")));
    std::fs::write(&script, lua)?;
    let out = Command::new("wrk")
        .args(["-t2", "-c32", "-d10s", "--latency", "-s"])
        .arg(&script)
        .arg(format!("http://{addr}/"))
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let rps = text
        .lines()
        .find(|l| l.starts_with("Requests/sec:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("?");
    let pct = |p: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(p))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("?")
            .to_owned()
    };
    let errors = text
        .lines()
        .filter(|l| l.contains("Non-2xx") || l.contains("Socket errors"))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("; ");
    println!(
        "  {label}: {rps} requests/s with 32 connections (latency p50 {}, p99 {}){}",
        pct("50%"),
        pct("99%"),
        if errors.is_empty() {
            String::new()
        } else {
            format!(" — {errors}")
        }
    );
    Ok(())
}

async fn http(st: &AppState, n: u64, dir: &std::path::Path) -> anyhow::Result<()> {
    if Command::new("wrk").arg("--version").output().is_err() {
        println!(
            "  HTTP load: skipped (wrk is not installed; scripts/bench-portal.sh installs it)"
        );
        return Ok(());
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let router = server::build_router(st.clone());
    let served = tokio::spawn(async move { axum::serve(listener, router).await });
    // One request first, so that a broken page shows as an error here, not as a fast 500.
    let probe = Command::new("curl")
        .args(["-s", "-o", "/dev/null", "-w", "%{http_code}"])
        .arg(format!("http://{addr}/portal/decisions/{BASE}"))
        .output()?;
    println!(
        "  detail page probe: HTTP {}",
        String::from_utf8_lossy(&probe.stdout)
    );
    let detail = format!(
        "math.randomseed(7)\nrequest = function()\n  return wrk.format(\"GET\", \"/portal/decisions/\" .. ({BASE} + math.random(0, {})))\nend\n",
        n - 1
    );
    load("detail page", addr, &detail, dir)?;
    // The same decision as JSON: the page's data without the page, for comparison.
    let api = detail.replace("/portal/decisions/", "/api/v1/public/decisions/");
    load("detail JSON (API)", addr, &api, dir)?;
    let terms: Vec<String> = QUERIES
        .iter()
        .filter(|q| !q.1.is_empty())
        .map(|q| format!("\"/portal/decisions?q={}\"", encode(q.1)))
        .collect();
    let search = format!(
        "math.randomseed(7)\nlocal paths = {{{}}}\nrequest = function()\n  return wrk.format(\"GET\", paths[math.random(1, #paths)])\nend\n",
        terms.join(", ")
    );
    load("search page", addr, &search, dir)?;
    served.abort();
    Ok(())
}

async fn portal(label: &str, db: Db, dir: &std::path::Path, n: u64) -> anyhow::Result<()> {
    println!("{label}:");
    db.migrate().await?;
    let st = state(db, dir).await?;
    seed::seed_demo_with(&st, "Bench-Password-2026", false).await?;
    generate(&st.db, n).await?;
    let before = rss_mib();
    let t = Instant::now();
    let indexed = search_index::rebuild(&st.db, &st.search).await?;
    let secs = t.elapsed().as_secs_f64();
    {
        let index = st.search.read();
        println!(
            "  search index built over {indexed} decisions in {secs:.1} s: {} grams, about {:.0} MiB of heap (resident memory grew {:.0} MiB)",
            index.gram_count(),
            index.heap_bytes() as f64 / 1024.0 / 1024.0,
            rss_mib() - before
        );
    }
    searches(&st).await?;
    http(&st, n, dir).await?;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<u64>().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let sqlite = Db::connect(
        &format!("sqlite://{}?mode=rwc", dir.path().join("p.db").display()),
        None,
    )
    .await?;
    portal("SQLite", sqlite, dir.path(), n).await?;
    let path = dir.path().to_path_buf();
    with_pg_schema("bench_portal", |pg| async move {
        portal("PostgreSQL", pg, &path, n).await
    })
    .await
}
