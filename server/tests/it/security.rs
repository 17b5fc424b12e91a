//! Attacks (issue 20): a login flood, parallel guessing, abuse of the lockout, open redirects,
//! cross-site writes, missing headers, slow headers. Each reproduces what an attacker did.

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Method, Request, StatusCode, header},
};
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp};

/// A JSON login from a given client address.
fn login_from(peer: &str, username: &str, password: &str) -> Request<Body> {
    let mut req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({"username": username, "password": password}).to_string(),
        ))
        .expect("request");
    let addr: SocketAddr = peer.parse().expect("socket address");
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}

/// Sends every request at once; their statuses, in order.
async fn all_at_once(app: &TestApp, requests: Vec<Request<Body>>) -> Vec<StatusCode> {
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|req| {
            let router = app.router.clone();
            tokio::spawn(async move {
                tower::ServiceExt::oneshot(router, req)
                    .await
                    .expect("response")
                    .status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.expect("task"));
    }
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_made_up_names_runs_few_checks_at_once_and_leaves_no_rows() {
    let app = TestApp::seeded().await;
    let before = app.audit_count().await;
    let statuses = all_at_once(
        &app,
        (0..64)
            .map(|i| {
                let peer = format!("198.51.100.{}:4000", i % 4);
                login_from(&peer, &format!("nobody-{i}-{}", i * 7919), "guess-guess")
            })
            .collect(),
    )
    .await;
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED || *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    let guard = &app.state.login_guard;
    assert!(
        guard.most_running() <= guard.permits(),
        "{} password checks ran at once with {} permits",
        guard.most_running(),
        guard.permits()
    );
    // The Argon2 working memory is allocated once per permit and reused: what the checks hold
    // does not grow with the number of sign-ins (19 MiB each at the default cost).
    let per_check = app::ssr::auth::argon2_bytes_per_check();
    assert!(
        guard.memory_bytes() > 0,
        "the working memory is kept for reuse"
    );
    assert!(
        guard.memory_bytes() <= guard.permits() * per_check,
        "{} bytes held for {} permits",
        guard.memory_bytes(),
        guard.permits()
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM login_throttle").await,
        0,
        "a made-up name creates no row"
    );
    let events = app.audit_count().await - before;
    assert!(
        events <= 4,
        "one event per client address and window, not per name: {events}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_keeps_failing_waits_before_any_hashing() {
    let app = TestApp::seeded().await;
    let peer = "203.0.113.9:5000";
    for i in 0..20 {
        let res = app
            .send(login_from(peer, &format!("x{i}"), "nope-nope"))
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{i}: {}", res.text);
    }
    let res = app.send(login_from(peer, "officer.zhang", PASSWORD)).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.text);
    assert!(res.headers.get("retry-after").is_some());
    // Another address is not affected, and an IPv6 neighbour in the same /64 is the same client.
    let other = app
        .send(login_from("203.0.113.10:5000", "officer.zhang", PASSWORD))
        .await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.text);
    for i in 0..20 {
        app.send(login_from(
            "[2001:db8:5:6::1]:1",
            &format!("y{i}"),
            "nope-nope",
        ))
        .await;
    }
    let neighbour = app
        .send(login_from(
            "[2001:db8:5:6:ffff::2]:1",
            "officer.zhang",
            PASSWORD,
        ))
        .await;
    assert_eq!(neighbour.status, StatusCode::TOO_MANY_REQUESTS);
    app.clock.advance(chrono::Duration::seconds(2));
    let later = app.send(login_from(peer, "officer.zhang", PASSWORD)).await;
    assert_eq!(
        later.status,
        StatusCode::OK,
        "the wait is short: {}",
        later.text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_guesses_are_counted_before_the_password_is_checked() {
    let app = TestApp::seeded().await;
    // Each guess from its own address: only the account's count can stop them.
    let statuses = all_at_once(
        &app,
        (0..48)
            .map(|i| {
                login_from(
                    &format!("192.0.2.{}:6000", i + 1),
                    "head.scjg",
                    "wrong-wrong",
                )
            })
            .collect(),
    )
    .await;
    assert!(
        !statuses.iter().any(StatusCode::is_server_error),
        "no 500: {statuses:?}"
    );
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::OK || **s == StatusCode::UNAUTHORIZED)
        .count();
    let free = app.state.settings.login_backoff.free as usize;
    assert!(
        checked <= free,
        "{checked} passwords were checked for one account in parallel (free: {free}): {statuses:?}"
    );
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS));
    // The owner, right after: waits a moment, then gets in.
    let owner = app
        .send(login_from("192.0.2.250:1", "head.scjg", PASSWORD))
        .await;
    assert_eq!(
        owner.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        owner.text
    );
    app.clock.advance(chrono::Duration::seconds(
        app.state.settings.login_backoff.delay_secs(48) + 1,
    ));
    let owner = app
        .send(login_from("192.0.2.250:1", "head.scjg", PASSWORD))
        .await;
    assert_eq!(owner.status, StatusCode::OK, "{}", owner.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_slow_an_account_down_but_never_lock_it_for_long() {
    let app = TestApp::seeded().await;
    let free = app.state.settings.login_backoff.free;
    for i in 0..free {
        let res = app
            .send(login_from(
                &format!("192.0.2.{}:1", i + 1),
                "admin",
                "wrong-wrong",
            ))
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    let waiting = app
        .send(login_from("192.0.2.200:1", "admin", PASSWORD))
        .await;
    assert_eq!(waiting.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(waiting.headers["retry-after"], "1");
    app.clock.advance(chrono::Duration::seconds(1));
    let res = app
        .send(login_from("192.0.2.200:1", "admin", PASSWORD))
        .await;
    assert_eq!(res.status, StatusCode::OK, "one second later: {}", res.text);
    // The audit log names the account by its id, never by what was typed.
    let typed = app
        .scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'auth.login_failed' AND subject_id = 'admin'")
        .await;
    assert_eq!(typed, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_never_leave_the_site() {
    let app = TestApp::seeded().await;
    for next in [
        "/%5Cevil.example",
        "/%09/evil.example",
        "//evil.example",
        "https://evil.example",
        "/%2F%2Fevil.example",
    ] {
        let res = app.get(&format!("/lang/en?next={next}"), None).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(res.headers["location"], "/", "{next}");
    }
    let res = app.get("/lang/en?next=/portal/decisions", None).await;
    assert_eq!(res.headers["location"], "/portal/decisions");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_from_another_site_are_refused_and_change_nothing() {
    let app = TestApp::seeded().await;
    let token = app.login("officer.zhang").await;
    let cookie = format!("tianping_session={token}");
    let logout = |origin: &'static str| {
        Request::builder()
            .method(Method::POST)
            .uri("/auth/logout")
            .header(header::COOKIE, cookie.clone())
            .header(header::ORIGIN, origin)
            .body(Body::empty())
            .expect("request")
    };
    let refused = app.send(logout("http://evil.example")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
    assert_eq!(refused.body["error"]["code"], "cross_site");
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.status,
        StatusCode::OK,
        "the session survived"
    );
    // A server function and a multipart upload from another site.
    use leptos::server_fn::ServerFn;
    let sfn = Request::builder()
        .method(Method::POST)
        .uri(app::api::auth::ChangePassword::PATH)
        .header(header::COOKIE, cookie.clone())
        .header("sec-fetch-site", "cross-site")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("current_password=x&new_password=y"))
        .expect("request");
    assert_eq!(app.send(sfn).await.status, StatusCode::FORBIDDEN);
    let upload = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/cases/1/evidence")
        .header(header::COOKIE, cookie.clone())
        .header(header::ORIGIN, "null")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=X")
        .body(Body::from("--X--\r\n"))
        .expect("request");
    assert_eq!(app.send(upload).await.status, StatusCode::FORBIDDEN);
    // From the site itself it goes through.
    let own = Request::builder()
        .method(Method::POST)
        .uri("/auth/logout")
        .header(header::COOKIE, cookie.clone())
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .body(Body::empty())
        .expect("request");
    assert_eq!(app.send(own).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::seeded().await;
    let page = app.get("/portal/decisions", None).await;
    assert_eq!(page.status, StatusCode::OK);
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
    ] {
        assert_eq!(page.headers[name], value, "{name}");
    }
    let csp = page.headers["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy");
    assert!(
        page.text.contains(&format!("nonce=\"{nonce}\"")),
        "the page's scripts carry the policy's nonce"
    );
    assert!(!csp.contains("script-src 'self' 'unsafe-inline'"));
    let again = app.get("/portal/decisions", None).await;
    assert_ne!(
        again.headers["content-security-policy"], page.headers["content-security-policy"],
        "a fresh nonce per response"
    );
    assert!(
        page.headers
            .get("cache-control")
            .is_none_or(|v| v != "no-store"),
        "public pages may be cached"
    );
    let token = app.login("officer.zhang").await;
    let me = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me.headers["cache-control"], "no-store");
    let signed_in_page = app
        .send(
            Request::builder()
                .uri("/work")
                .header(header::COOKIE, format!("tianping_session={token}"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(signed_in_page.headers["cache-control"], "no-store");
    let asset = app
        .send(
            Request::builder()
                .uri("/pkg/tianping.css")
                .header(header::COOKIE, format!("tianping_session={token}"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert!(
        asset
            .headers
            .get("cache-control")
            .is_none_or(|v| v != "no-store"),
        "static assets stay cacheable"
    );
    assert!(
        page.headers.get("strict-transport-security").is_none(),
        "no HSTS over plain HTTP"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_https_the_cookie_is_secure_and_host_only_and_hsts_is_sent() {
    let app = TestApp::seeded_with(|s| {
        s.public_url = "https://zf.example.gov.cn".into();
        s.secure_cookie = true;
    })
    .await;
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"username": "officer.zhang", "password": PASSWORD}),
        )
        .await;
    let cookie = res.headers["set-cookie"].to_str().expect("ascii");
    assert!(cookie.starts_with("__Host-tianping_session="), "{cookie}");
    assert!(cookie.contains("; Secure") && cookie.contains("Path=/"));
    assert!(!cookie.contains("Domain"));
    assert_eq!(res.headers["strict-transport-security"], "max-age=31536000");
}

/// Starts the real listener with short limits on a free port.
async fn listen(
    limits: server::listen::Limits,
) -> (SocketAddr, tokio::sync::oneshot::Sender<()>, TestApp) {
    let app = TestApp::seeded().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let router = app.router.clone();
    tokio::spawn(async move {
        let _ = server::listen::serve(listener, router, limits, async {
            let _ = stopped.await;
        })
        .await;
    });
    (addr, stop, app)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_that_trickles_its_headers_is_dropped() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let limits = server::listen::Limits {
        header_read: std::time::Duration::from_secs(1),
        max_connections: 8,
        shutdown_grace: std::time::Duration::from_secs(1),
    };
    let (addr, _stop, _app) = listen(limits).await;
    let mut slow = tokio::net::TcpStream::connect(addr).await.expect("connect");
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("write");
    let started = std::time::Instant::now();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        slow.read_to_end(&mut buf),
    )
    .await;
    assert!(
        read.is_ok(),
        "the half-sent request was still held after 10 s"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert!(!String::from_utf8_lossy(&buf).contains(" 200 "), "{buf:?}");
    // A complete request is served.
    let mut ok = tokio::net::TcpStream::connect(addr).await.expect("connect");
    ok.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut answer = String::new();
    ok.read_to_string(&mut answer).await.expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_beyond_the_limit_wait_and_hold_nothing() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let limits = server::listen::Limits {
        header_read: std::time::Duration::from_secs(1),
        max_connections: 2,
        shutdown_grace: std::time::Duration::from_secs(1),
    };
    let (addr, _stop, _app) = listen(limits).await;
    let _idle_a = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let _idle_b = tokio::net::TcpStream::connect(addr).await.expect("connect");
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let mut third = tokio::net::TcpStream::connect(addr).await.expect("connect");
    third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut answer = String::new();
    let early = tokio::time::timeout(
        std::time::Duration::from_millis(400),
        third.read_to_string(&mut answer),
    )
    .await;
    assert!(early.is_err(), "served beyond the limit: {answer}");
    // The idle ones are dropped by the header timeout; then the third is served.
    tokio::time::timeout(
        std::time::Duration::from_secs(10),
        third.read_to_string(&mut answer),
    )
    .await
    .expect("served once a slot freed")
    .expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_codes_and_numbers_is_slowed_to_a_few_per_window() {
    let app = TestApp::seeded_with(|s| {
        s.lookup_rate = tianping_domain::supervision::complaint::RateRule {
            max: 3,
            window_secs: 600,
        };
    })
    .await;
    let peer = "198.51.100.77:1";
    let lookup = |path: String| {
        let mut req = Request::builder()
            .uri(path)
            .body(Body::empty())
            .expect("request");
        req.extensions_mut()
            .insert(ConnectInfo::<SocketAddr>(peer.parse().expect("address")));
        req
    };
    let paths = [
        "/api/v1/public/documents/verify?code=ABCD-EFGH".to_owned(),
        "/api/v1/public/complaints/TS20261126-00000000".to_owned(),
        "/portal/verify?code=ABCD-EFGH".to_owned(),
    ];
    for p in &paths {
        let res = app.send(lookup(p.clone())).await;
        assert_ne!(res.status, StatusCode::TOO_MANY_REQUESTS, "{p}");
    }
    let refused = app
        .send(lookup("/api/v1/public/requests/GS20261126-00000000".into()))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.text
    );
    assert!(refused.headers.get("retry-after").is_some());
    assert_eq!(
        refused.body["error"]["code"], "too_many_attempts",
        "the API answers JSON"
    );
    // A person on the portal page gets a page to read, in their language, not JSON.
    let page = app
        .send(lookup(
            "/portal/complaints/status?no=TS20261126-00000000".into(),
        ))
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        page.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html")),
        "{:?}",
        page.headers
    );
    assert!(
        page.text.contains("查询过于频繁") && page.text.contains("href=\"/portal\""),
        "{}",
        page.text
    );
    assert!(page.headers.get("retry-after").is_some());
    // Pages without a number, and other clients, are not counted.
    assert_eq!(
        app.send(lookup("/portal/verify".into())).await.status,
        StatusCode::OK
    );
    let other = app
        .get("/api/v1/public/documents/verify?code=ABCD-EFGH", None)
        .await;
    assert_ne!(other.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_proof_shows_a_document_issue_only_for_a_decision_on_the_portal() {
    let app = TestApp::demo().await;
    let size = app.scalar("SELECT tree_size FROM audit_head").await;
    let issues = app
        .strings(
            "SELECT CAST(seq AS TEXT) || '|' || CASE WHEN EXISTS (SELECT 1 FROM publications p \
             WHERE p.status = 'published' AND payload LIKE '%\"document_id\":' || CAST(p.document_id AS TEXT) || ',%') \
             THEN 'public' ELSE 'private' END FROM audit_events WHERE action = 'document.issue'",
        )
        .await;
    assert!(issues.iter().any(|i| i.ends_with("|public")), "{issues:?}");
    assert!(issues.iter().any(|i| i.ends_with("|private")), "{issues:?}");
    for issue in issues {
        let (seq, visibility) = issue.split_once('|').expect("seq|visibility");
        let p = app
            .get(
                &format!("/api/v1/public/audit/proof/inclusion?seq={seq}&size={size}"),
                None,
            )
            .await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.text);
        assert_eq!(
            p.body["event"].is_null(),
            visibility == "private",
            "event {seq} ({visibility}): {}",
            p.text
        );
        assert!(!p.text.contains("\"reason\""), "{}", p.text);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_left_idle_ends_but_one_in_use_does_not() {
    let app = TestApp::seeded_with(|s| s.session_idle = chrono::Duration::minutes(30)).await;
    let token = app.login("officer.zhang").await;
    for _ in 0..4 {
        app.clock.advance(chrono::Duration::minutes(20));
        assert_eq!(
            app.get("/api/v1/me", Some(&token)).await.status,
            StatusCode::OK,
            "used every 20 minutes"
        );
    }
    app.clock.advance(chrono::Duration::minutes(31));
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED,
        "idle for 31 minutes"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_wildcards_are_taken_literally() {
    let app = TestApp::demo().await;
    let token = app.login("head.scjg").await;
    let all = app.get("/api/v1/cases", Some(&token)).await;
    let count = |r: &crate::helpers::Response| r.body.as_array().map_or(0, Vec::len);
    assert!(count(&all) > 1, "{}", all.text);
    for wildcard in ["%25", "_", "%25%25", "%5C"] {
        let r = app
            .get(&format!("/api/v1/cases?q={wildcard}"), Some(&token))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(count(&r), 0, "q={wildcard} matched: {}", r.text);
    }
}

/// A stop is bounded (issue 21 item 7): a request that never finishes sending its body keeps
/// the server no longer than the grace period after the signal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_half_sent_request_does_not_hold_a_shutdown() {
    use tokio::io::AsyncWriteExt;
    let app = TestApp::seeded().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let limits = server::listen::Limits {
        header_read: std::time::Duration::from_secs(5),
        max_connections: 8,
        shutdown_grace: std::time::Duration::from_secs(1),
    };
    let server = tokio::spawn(server::listen::serve(
        listener,
        app.router.clone(),
        limits,
        async {
            let _ = stopped.await;
        },
    ));
    let mut slow = tokio::net::TcpStream::connect(addr).await.expect("connect");
    slow.write_all(
        b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"user",
    )
    .await
    .expect("write");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let signalled = std::time::Instant::now();
    stop.send(()).expect("stop");
    let finished = tokio::time::timeout(std::time::Duration::from_secs(10), server).await;
    assert!(
        finished.is_ok(),
        "the server was still draining 10 s after the signal"
    );
    assert!(
        signalled.elapsed() < std::time::Duration::from_secs(4),
        "stopped after {:?}",
        signalled.elapsed()
    );
    drop(slow);
}
