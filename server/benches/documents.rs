//! Document benchmark (prints figures; not a timed test).
//!
//! `cargo bench -p server --bench documents -- [N]`: composes and renders N penalty decisions
//! (default 400) from a realistic case, on one thread and then on every core, and prints
//! decisions per second, the PDF size, and the one-time font parse. `scripts/bench-documents.sh`
//! runs it in its own target directory.

use std::{path::PathBuf, sync::Arc, time::Instant};

use app::ssr::pdf::{self, Fonts};
use chrono::NaiveDate;
use tianping_domain::{
    case::DocumentKind,
    document::{
        CaseFile, compose,
        compose::{AgencyInfo, OfficerInfo, PartyInfo},
        model::Verification,
    },
};

fn case_file(i: usize) -> CaseFile {
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
    CaseFile {
        kind: DocumentKind::PenaltyDecision,
        agency: AgencyInfo {
            name: "临江市市场监督管理局".into(),
            region_name: "临江市".into(),
            reconsideration_body: "临江市人民政府".into(),
        },
        case_number: format!("SCJG-2026-{i:05}"),
        title: "销售超过保质期的食品".into(),
        description: format!(
            "当事人于2026年3月{}日在其经营的临江市滨江路88号店铺销售超过保质期的预包装食品“鲜牛奶”共{}盒，\
             货值金额{}.00元，违法所得{}.00元。执法人员现场检查时，当事人未能提供进货查验记录，\
             对上述违法事实无异议，并已将涉案食品全部下架封存",
            1 + i % 28,
            12 + i % 40,
            300 + i,
            120 + i % 100
        ),
        location: "临江市滨江路88号".into(),
        source: "投诉举报".into(),
        received_on: d(3, 6),
        act_date: Some(d(3, 5)),
        filed_on: Some(d(3, 10)),
        parties: vec![PartyInfo {
            natural_person: false,
            name: "临江市好味食品商行".into(),
            id_number: None,
            credit_code: Some("92330106MA2B3C4D5E".into()),
            legal_representative: Some("陈某".into()),
            address: "临江市滨江路88号".into(),
            phone: None,
        }],
        officers: vec![
            OfficerInfo { name: "张明".into(), certificate: Some("33010012345".into()) },
            OfficerInfo { name: "李华".into(), certificate: Some("33010012346".into()) },
        ],
        heads: vec!["王局长".into()],
        evidence: vec![
            "现场检查笔录".into(),
            "询问笔录".into(),
            "现场照片6张".into(),
            "营业执照复印件".into(),
            "涉案食品标签照片".into(),
        ],
        provision: Some(
            "《中华人民共和国食品安全法》第三十四条第十项的规定，依据《中华人民共和国食品安全法》第一百二十四条第一款第五项"
                .into(),
        ),
        basis: None,
        discretion: Some("《临江市市场监督管理行政处罚裁量基准》规定的一般情形".into()),
        outcome: None,
        no_penalty_ground: None,
        proposed_fine_fen: Some(5_000_000),
        fine_fen: Some(5_000_000),
        confiscation_fen: 12_000,
        measures: vec![],
        justification: None,
        prior_notice_on: Some(d(4, 1)),
        statement_window_ends: Some(d(4, 8)),
        hearing_eligible: true,
        hearing_request_window_ends: Some(d(4, 8)),
        hearing_date: None,
        hearing_host: None,
        decided_on: Some(d(4, 20)),
        served_on: None,
        service_method: None,
        paid_fen: 0,
        review: None,
        close_reason: None,
        step_reason: None,
        date: d(4, 20),
        correction_due: None,
        other_persons: vec!["司马婉清".into()],
    }
}

fn model(i: usize) -> tianping_domain::document::DocumentModel {
    let mut m = compose(&case_file(i));
    m.number = Some(format!("临市监罚决〔2026〕{}号", i + 1));
    m.verification = Some(Verification {
        code: "7K3M-9QX2".into(),
        url: "https://zfgs.linjiang.gov.cn/portal/verify?code=7K3M9QX2".into(),
    });
    m.draft = false;
    m
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .and_then(|a| a.parse().ok())
        .unwrap_or(400);
    let dir = std::env::var("TIANPING_FONT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| app::ssr::state::default_font_dir());
    let t = Instant::now();
    let fonts: Arc<Fonts> = Fonts::load(&dir).expect("fonts (run scripts/setup.sh)");
    println!(
        "font parse (once at start): {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let at = chrono::DateTime::from_timestamp(1_776_650_000, 0);

    // Warm-up, and the size of one decision.
    let one = pdf::render(&model(0), &fonts, at);
    println!(
        "decision PDF: {} bytes ({:.1} KiB)",
        one.len(),
        one.len() as f64 / 1024.0
    );

    let t = Instant::now();
    let mut total = 0usize;
    let mut largest = 0usize;
    for i in 0..n {
        let bytes = pdf::render(&model(i), &fonts, at);
        total += bytes.len();
        largest = largest.max(bytes.len());
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "one thread: {n} decisions in {secs:.2} s = {:.0} decisions/s, {:.2} ms each; mean {:.1} KiB, largest {:.1} KiB",
        n as f64 / secs,
        secs * 1e3 / n as f64,
        total as f64 / n as f64 / 1024.0,
        largest as f64 / 1024.0
    );

    let threads = std::thread::available_parallelism().map_or(2, |p| p.get());
    let t = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|k| {
            let fonts = fonts.clone();
            std::thread::spawn(move || {
                (k..n)
                    .step_by(threads)
                    .map(|i| pdf::render(&model(i), &fonts, at).len())
                    .count()
            })
        })
        .collect();
    let done: usize = handles.into_iter().map(|h| h.join().unwrap_or(0)).sum();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{threads} threads: {done} decisions in {secs:.2} s = {:.0} decisions/s",
        done as f64 / secs
    );
}
