//! Login, logout, lockout, token revocation.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = TestApp::seeded().await;
    let wrong = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"username": "officer.zhang", "password": "not-the-password"}),
        )
        .await;
    let unknown = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"username": "nobody.here", "password": "not-the-password"}),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong.body["error"]["message"],
        unknown.body["error"]["message"]
    );
    assert_eq!(wrong.body["error"]["message"], "用户名或密码错误。");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_sets_an_http_only_same_site_strict_cookie_and_a_bearer_token() {
    let app = TestApp::seeded().await;
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"username": "Officer.Zhang", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let cookie = res
        .headers
        .get("set-cookie")
        .expect("cookie")
        .to_str()
        .expect("ascii");
    assert!(cookie.starts_with("tianping_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let token = res.body["token"].as_str().expect("token");
    let me = app.get("/api/v1/me", Some(token)).await;
    assert_eq!(me.body["username"], "officer.zhang");
    assert_eq!(me.body["role"], "officer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_slow_the_account_down_and_are_audited() {
    let app = TestApp::seeded().await;
    let before = app.audit_count().await;
    let free = app.state.settings.login_backoff.free;
    for _ in 0..free {
        let res = app
            .post(
                "/api/v1/auth/login",
                None,
                json!({"username": "head.scjg", "password": "wrong-password"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    let waiting = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"username": "head.scjg", "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        waiting.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits: {}",
        waiting.text
    );
    assert!(waiting.headers.get("retry-after").is_some());
    assert_eq!(
        app.audit_count().await,
        before + i64::from(free),
        "each failure on an account is an audit event"
    );
    app.clock.advance(chrono::Duration::seconds(2));
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"username": "head.scjg", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "the wait is over: {}", res.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_is_rejected_after_logout() {
    let app = TestApp::seeded().await;
    let token = app.login("officer.zhang").await;
    let res = app
        .post("/api/v1/auth/logout", Some(&token), json!({}))
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_change_ends_every_session() {
    let app = TestApp::seeded().await;
    let first = app.login("officer.li").await;
    let second = app.login("officer.li").await;
    let res = app
        .post(
            "/api/v1/me/password",
            Some(&first),
            json!({"current_password": PASSWORD, "new_password": "A-new-password-1"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
    for t in [&first, &second] {
        assert_eq!(
            app.get("/api/v1/me", Some(t)).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"username": "officer.li", "password": "A-new-password-1"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_or_forged_token_is_a_401() {
    let app = TestApp::seeded().await;
    let token = app.login("officer.zhang").await;
    let forged = format!("{}x", &token[..token.len() - 1]);
    assert_eq!(
        app.get("/api/v1/me", Some(&forged)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/v1/me", Some("not-a-jwt")).await.status,
        StatusCode::UNAUTHORIZED
    );
    app.clock.advance(chrono::Duration::hours(9));
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_account_cannot_sign_in_and_loses_its_sessions() {
    let app = TestApp::seeded().await;
    let admin = app.login("admin").await;
    let officer = app.login("officer.wang").await;
    let id = app.id_of_user("officer.wang").await;
    let res = app
        .request(
            axum::http::Method::PUT,
            &format!("/api/v1/users/{id}/active"),
            Some(&admin),
            Some(json!({"active": false})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(
        app.get("/api/v1/me", Some(&officer)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"username": "officer.wang", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_integration_account_gets_api_tokens_but_no_browser_session() {
    use app::api::auth::Login;
    use leptos::server_fn::ServerFn;
    let app = TestApp::seeded().await;
    let sessions = app.scalar("SELECT COUNT(*) FROM sessions").await;
    let res = app
        .server_fn(
            Login::PATH,
            None,
            &format!("username=hotline12345&password={PASSWORD}&next=%2Fwork"),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text);
    assert!(res.headers.get("set-cookie").is_none());
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM sessions").await,
        sessions,
        "no session was opened"
    );
    // Nor does the API: a machine account authenticates with its API token only, so nobody can
    // guess its password or make it wait.
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            serde_json::json!({"username": "hotline12345", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM sessions").await,
        sessions,
        "no session was opened"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_integration_account_works_with_its_api_token_which_an_admin_can_replace() {
    let app = TestApp::seeded().await;
    let old = app.login("hotline12345").await;
    assert!(old.starts_with("tpk_"));
    let me = app.get("/api/v1/me", Some(&old)).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    assert_eq!(me.body["role"], "integration");
    let stored: i64 = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM users WHERE api_token_sha256 = '{}'",
            app::ssr::auth::api_token_digest(&old)
        ))
        .await;
    assert_eq!(stored, 1, "only the token's SHA-256 is kept");
    let hotline = me.body["user_id"].as_i64().expect("id");
    let path = format!("/api/v1/users/{hotline}/api-token");
    // Only an administrator issues tokens, and only to integration accounts.
    let officer = app.login("officer.zhang").await;
    let res = app.post(&path, Some(&officer), serde_json::json!({})).await;
    assert!(
        res.status == StatusCode::FORBIDDEN || res.status == StatusCode::NOT_FOUND,
        "{}",
        res.status
    );
    let res = app.post(&path, Some(&old), serde_json::json!({})).await;
    assert!(
        res.status == StatusCode::FORBIDDEN || res.status == StatusCode::NOT_FOUND,
        "the token cannot renew itself: {}",
        res.status
    );
    let admin = app.login("admin").await;
    let zhang = app.get("/api/v1/me", Some(&officer)).await.body["user_id"]
        .as_i64()
        .expect("id");
    let res = app
        .post(
            &format!("/api/v1/users/{zhang}/api-token"),
            Some(&admin),
            serde_json::json!({}),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert_eq!(res.body["error"]["fields"][0]["field"], "role");
    let res = app.post(&path, Some(&admin), serde_json::json!({})).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let new = res.body["token"].as_str().expect("token").to_owned();
    assert!(new.starts_with("tpk_") && new.len() == 4 + 64, "{new}");
    assert_eq!(
        app.get("/api/v1/me", Some(&old)).await.status,
        StatusCode::UNAUTHORIZED,
        "the replaced token stops working at once"
    );
    assert_eq!(
        app.get("/api/v1/me", Some(&new)).await.status,
        StatusCode::OK
    );
    // A made-up token, or a disabled account's, opens nothing.
    let forged = format!("tpk_{}", "0".repeat(64));
    assert_eq!(
        app.get("/api/v1/me", Some(&forged)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let res = app
        .request(
            axum::http::Method::PUT,
            &format!("/api/v1/users/{hotline}/active"),
            Some(&admin),
            Some(serde_json::json!({"active": false})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(
        app.get("/api/v1/me", Some(&new)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'user.api_token_issue' AND payload NOT LIKE '%tpk_%'")
            .await,
        2,
        "the demo seed's issue and the admin's, without the token"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_an_admin_set_must_be_changed_before_anything_else() {
    use app::api::org::ListAgencies;
    use leptos::server_fn::ServerFn;
    let app = TestApp::seeded().await;
    let admin = app.login("admin").await;
    let res = app
        .post(
            "/api/v1/users",
            Some(&admin),
            serde_json::json!({"username": "officer.fresh", "display_name": "新人", "role": "officer", "agency_code": "SCJG", "password": "Set-By-Admin-2026"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            serde_json::json!({"username": "officer.fresh", "password": "Set-By-Admin-2026"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let token = res.body["token"].as_str().expect("token").to_owned();
    // Anything but reading who it is and changing the password is refused, on both edges.
    let res = app.get("/api/v1/cases", Some(&token)).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text);
    assert_eq!(res.body["error"]["code"], "password_change_required");
    let res = app.server_fn(ListAgencies::PATH, Some(&token), "").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text);
    let me = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    assert_eq!(me.body["must_change_password"], true);
    let res = app
        .post(
            "/api/v1/me/password",
            Some(&token),
            serde_json::json!({"current_password": "Set-By-Admin-2026", "new_password": "Only-I-Know-This-1"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            serde_json::json!({"username": "officer.fresh", "password": "Only-I-Know-This-1"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let token = res.body["token"].as_str().expect("token").to_owned();
    assert_eq!(
        app.get("/api/v1/cases", Some(&token)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.body["must_change_password"],
        false
    );
    // The demo accounts (a documented shared password) are not held.
    let zhang = app.login("officer.zhang").await;
    assert_eq!(
        app.get("/api/v1/cases", Some(&zhang)).await.status,
        StatusCode::OK
    );
}
