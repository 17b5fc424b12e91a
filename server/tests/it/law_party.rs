//! Issue 19, what a real agency expects beyond the first corrections: the order to correct
//! (APL Art. 28), the limitation period's facts (Art. 36), parties without a Chinese resident
//! ID, a minor's age (Art. 30), third persons masked in public texts, and the administrators'
//! holiday arrangements.

use app::api::org::{HolidayStatus, LoadHolidays};
use axum::http::StatusCode;
use leptos::server_fn::ServerFn;
use serde_json::json;

use crate::{
    documents::{bytes_of, pdf_text, record_of, squeeze},
    helpers::{TestApp, urlencode},
    reviews::{investigated_case, ok, step},
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn order_to_correct_art_28_produces_its_notice_and_refuses_a_past_deadline() {
    let app = TestApp::seeded().await;
    let (id, officer, head) = investigated_case(&app, "生产销售不合格电线").await;
    let before = app.audit_count().await;
    let bad = step(
        &app,
        &officer,
        id,
        json!({"kind": "order_correction", "reason": "", "date": "2026-11-01"}),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    assert_eq!(app.audit_count().await, before, "nothing written");
    let by_head = step(
        &app,
        &head,
        id,
        json!({"kind": "order_correction", "reason": "停止生产不合格电线", "date": "2026-12-10"}),
    )
    .await;
    assert_eq!(by_head.status, StatusCode::FORBIDDEN, "{}", by_head.text);
    let ordered = step(
        &app,
        &officer,
        id,
        json!({"kind": "order_correction", "reason": "立即停止生产、销售不合格电线，召回已售产品", "date": "2026-12-10"}),
    )
    .await;
    ok(&ordered, "order to correct");
    assert_eq!(
        ordered.body["state"], "investigating",
        "the state stays: {}",
        ordered.text
    );
    let doc = record_of(&app, id, "correction_order").await;
    let (status, pdf) = bytes_of(
        &app,
        &format!("/api/v1/cases/{id}/documents/{doc}/preview"),
        Some(&officer),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let text = squeeze(&pdf_text(&pdf));
    for needle in [
        "责令改正通知书",
        "第二十八条第一款",
        "2026年12月10日前改正",
        "召回已售产品",
        "你单位",
    ] {
        assert!(text.contains(needle), "{needle} missing: {text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limitation_facts_are_recorded_and_a_continuing_act_counts_from_its_end() {
    let app = TestApp::seeded().await;
    let officer = app.login("officer.zhang").await;
    let case = |ended: &str, endangers: &str, harmful: &str| {
        json!({"source": "inspection", "title": "无证经营", "description": "持续无证经营",
               "location": "临江市人民路 1 号", "act_date": "2024-01-10",
               "act_ended_on": ended, "endangers": endangers, "harmful": harmful})
    };
    let before = app.audit_count().await;
    let bad = app
        .post("/api/v1/cases", Some(&officer), case("2023-12-31", "", ""))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    assert_eq!(
        bad.body["error"]["fields"][0]["field"], "act_ended_on",
        "{}",
        bad.text
    );
    assert_eq!(app.audit_count().await, before);
    // (act ended, endangers, harmful, last day of the period)
    for (ended, endangers, harmful, last) in [
        ("", "", "", "2026-01-10"),
        ("2025-06-30", "", "", "2027-06-30"),
        ("2025-06-30", "on", "", "2027-06-30"),
        ("2025-06-30", "on", "on", "2030-06-30"),
    ] {
        let r = app
            .post(
                "/api/v1/cases",
                Some(&officer),
                case(ended, endangers, harmful),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let id = r.body["case_id"].as_i64().expect("id");
        assert_eq!(
            app.scalar_text(&format!(
                "SELECT CAST(limitation_ends AS TEXT) FROM cases WHERE id = {id}"
            ))
            .await,
            last,
            "{ended} {endangers} {harmful}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_party_with_a_passport_is_entered_and_a_bad_permit_number_is_named() {
    let app = TestApp::seeded().await;
    let (id, officer, _) = investigated_case(&app, "销售过期食品").await;
    let party = |kind: &str, number: &str| {
        json!({"kind": "natural_person", "name": "John Smith", "id_kind": kind,
               "id_number": number, "birth_date": "1990-05-01",
               "address": "临江市解放路 1 号"})
    };
    let path = format!("/api/v1/cases/{id}/parties");
    let bad = app
        .post(&path, Some(&officer), party("hk_macao_permit", "12345"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    assert_eq!(
        bad.body["error"]["fields"][0]["field"], "document_number",
        "{}",
        bad.text
    );
    let good = app
        .post(&path, Some(&officer), party("passport", "E12345678"))
        .await;
    assert_eq!(good.status, StatusCode::CREATED, "{}", good.text);
    assert_eq!(
        app.scalar_text(&format!(
            "SELECT id_kind || ' ' || CAST(birth_date AS TEXT) FROM parties WHERE case_id = {id} AND name = 'John Smith'"
        ))
        .await,
        "passport 1990-05-01"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn party_age_a_child_under_fourteen_is_not_punished() {
    let app = TestApp::seeded().await;
    let (id, officer, _) = investigated_case(&app, "损坏公共设施").await;
    // Born 2013-03-01: twelve on the day of the act (2026-11-20).
    let child = app
        .post(
            &format!("/api/v1/cases/{id}/parties"),
            Some(&officer),
            json!({"kind": "natural_person", "name": "小明", "id_number": "110101201303010010",
                   "address": "临江市解放路 2 号"}),
        )
        .await;
    assert_eq!(child.status, StatusCode::CREATED, "{}", child.text);
    let penalty = step(
        &app,
        &officer,
        id,
        json!({"kind": "conclude_investigation", "outcome": "penalty", "amount": "200",
               "provision_violated": "《城市市容和环境卫生管理条例》第十七条",
               "provision_applied": "《城市市容和环境卫生管理条例》第三十四条"}),
    )
    .await;
    assert_eq!(penalty.status, StatusCode::CONFLICT, "{}", penalty.text);
    assert!(penalty.text.contains("不满十四周岁"), "{}", penalty.text);
    ok(
        &step(
            &app,
            &officer,
            id,
            json!({"kind": "conclude_investigation", "outcome": "under_fourteen"}),
        )
        .await,
        "not punished",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn holiday_arrangements_missing_next_year_are_flagged_to_admins_and_loaded_once_checked() {
    let app = TestApp::seeded().await;
    let admin = app.login("admin").await;
    let officer = app.login("officer.zhang").await;
    // The test clock stands after 1 November 2026: 2027's notice is missing.
    let status = app.server_fn(HolidayStatus::PATH, Some(&admin), "").await;
    assert_eq!(status.status, StatusCode::OK, "{}", status.text);
    assert_eq!(status.body["missing"], json!([2027]), "{}", status.text);
    let officer_status = app.server_fn(HolidayStatus::PATH, Some(&officer), "").await;
    assert_eq!(officer_status.status, StatusCode::FORBIDDEN);

    // Refused whole, naming the field and the calendar's reason; nothing written.
    let before = app.audit_count().await;
    let bad = app
        .server_fn(
            LoadHolidays::PATH,
            Some(&admin),
            &format!(
                "json={}",
                urlencode(r#"{"2027": {"off": ["2026-10-01"], "work": []}}"#)
            ),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
    assert!(bad.text.contains("holiday_data"), "{}", bad.text);
    assert_eq!(app.audit_count().await, before);
    let not_admin = app
        .server_fn(LoadHolidays::PATH, Some(&officer), "json=%7B%7D")
        .await;
    assert_eq!(not_admin.status, StatusCode::FORBIDDEN);

    let year = r#"{"2027": {"off": ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-04-05", "2027-05-03", "2027-05-04", "2027-05-05", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07"], "work": ["2027-02-20", "2027-10-09"]}}"#;
    let loaded = app
        .server_fn(
            LoadHolidays::PATH,
            Some(&admin),
            &format!("json={}", urlencode(year)),
        )
        .await;
    assert_eq!(loaded.status, StatusCode::OK, "{}", loaded.text);
    assert_eq!(loaded.body, json!([2027]));
    assert_eq!(app.audit_count().await, before + 1);
    let after = app.server_fn(HolidayStatus::PATH, Some(&admin), "").await;
    assert_eq!(after.body["missing"], json!([]), "{}", after.text);
    assert_eq!(
        app.state
            .calendar()
            .is_working_day(chrono::NaiveDate::from_ymd_opt(2027, 2, 20).expect("day")),
        true,
        "a make-up working day of the loaded notice"
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM holiday_years WHERE year = 2027")
            .await,
        1
    );
}
