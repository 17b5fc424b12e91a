//! The audit write path and the tamper checks on the stored log.

use app::ssr::{
    audit::{self, AuditActor, NewEvent, UnitOfWork},
    entities::agencies,
};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
use serde_json::json;

use crate::helpers::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeding_writes_a_chain_that_verifies() {
    let app = TestApp::seeded().await;
    let summary = audit::verify_log(&app.state.db)
        .await
        .expect("db")
        .expect("valid chain");
    assert_eq!(summary.count, app.audit_count().await);
    assert!(
        summary.count >= 4 + 12 + 9 + 3,
        "one event per agency, user and credential"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_of_work_without_an_audit_event_is_refused_and_leaves_nothing() {
    let app = TestApp::empty().await;
    let uow = UnitOfWork::begin(&app.state.db, app.state.clock.now())
        .await
        .expect("begin");
    agencies::ActiveModel {
        code: Set("X1".into()),
        name: Set("无审计机关".into()),
        short_name: Set("无".into()),
        kind: Set("enforcement".into()),
        region_code: Set("339900".into()),
        region_name: Set("临江市".into()),
        credit_code: Set("11339900MB0500015W".into()),
        legal_basis: Set("测试".into()),
        created_at: Set(app.state.clock.now()),
        ..Default::default()
    }
    .insert(uow.txn())
    .await
    .expect("insert inside the transaction");
    assert!(
        uow.commit().await.is_err(),
        "commit without events must fail"
    );
    assert_eq!(
        agencies::Entity::find()
            .count(&app.state.db.conn)
            .await
            .expect("count"),
        0
    );
    assert_eq!(app.audit_count().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_and_its_event_commit_together() {
    let app = TestApp::empty().await;
    let mut uow = UnitOfWork::begin(&app.state.db, app.state.clock.now())
        .await
        .expect("begin");
    uow.record(NewEvent {
        actor: AuditActor::system(),
        action: "test.event",
        subject_type: "test",
        subject_id: "1".into(),
        payload: json!({"b": 2, "a": 1}),
    });
    assert_eq!(uow.commit().await.expect("commit"), vec![1]);
    let events = audit::events_for(&app.state.db, "test", "1")
        .await
        .expect("events");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].record.payload, r#"{"a":1,"b":2}"#);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_one_payload_byte_is_detected_and_named() {
    let app = TestApp::seeded().await;
    // Change one character of event 5's payload, as someone with database access might.
    app.exec("UPDATE audit_events SET payload = REPLACE(payload, '\"', '''') WHERE seq = 5")
        .await;
    let err = audit::verify_log(&app.state.db)
        .await
        .expect("db")
        .expect_err("tampering detected");
    assert_eq!(err.first_bad_seq(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_an_actor_is_detected() {
    let app = TestApp::seeded().await;
    app.exec("UPDATE audit_events SET actor_role = 'admin' WHERE seq = 3")
        .await;
    let err = audit::verify_log(&app.state.db)
        .await
        .expect("db")
        .expect_err("tampering detected");
    assert_eq!(err.first_bad_seq(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_an_event_is_detected() {
    let app = TestApp::seeded().await;
    app.exec("DELETE FROM audit_events WHERE seq = 7").await;
    let err = audit::verify_log(&app.state.db)
        .await
        .expect("db")
        .expect_err("deletion detected");
    assert_eq!(err.first_bad_seq(), 7);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_the_last_event_is_caught_by_the_recorded_head() {
    let app = TestApp::seeded().await;
    let last = app.audit_count().await;
    app.exec(&format!("DELETE FROM audit_events WHERE seq = {last}"))
        .await;
    let err = audit::verify_log(&app.state.db)
        .await
        .expect("db")
        .expect_err("truncation detected");
    assert_eq!(err.first_bad_seq(), last);
}

/// Appends `n` events in one unit of work.
async fn append_events(db: &app::ssr::db::Db, n: usize) -> Vec<i64> {
    let mut uow = UnitOfWork::begin(db, chrono::Utc::now())
        .await
        .expect("begin");
    for i in 0..n {
        uow.record(NewEvent {
            actor: AuditActor::system(),
            action: "test.event",
            subject_type: "test",
            subject_id: i.to_string(),
            payload: json!({"i": i, "text": "现场照片"}),
        });
    }
    uow.commit().await.expect("commit")
}

/// The same database through a second connection pool, as another `tianping` process (or a
/// command-line run beside the server) would open it.
async fn second_process(app: &TestApp) -> app::ssr::db::Db {
    match (app.pg(), app.state.db.sqlite_file()) {
        (Some((url, schema)), _) => app::ssr::db::Db::connect(&url, Some(&schema)).await,
        (None, Some(file)) => {
            app::ssr::db::Db::connect(&format!("sqlite://{}?mode=rwc", file.display()), None).await
        }
        (None, None) => panic!("an in-memory database has no second process"),
    }
    .expect("second connection")
}

/// A system event about test subject `id`.
fn test_event(id: &str) -> NewEvent {
    NewEvent {
        actor: AuditActor::system(),
        action: "test.event",
        subject_type: "test",
        subject_id: id.into(),
        payload: json!({}),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appends_find_the_head_moved_by_another_writer_or_a_rollback_and_still_chain() {
    let app = TestApp::empty().await;
    let db = &app.state.db;
    let moved = || db.appends_that_found_the_head_moved();
    // This process appends: it now builds on the head it left, in one conditional write.
    assert_eq!(append_events(db, 1).await, vec![1]);
    let before = moved();
    assert_eq!(append_events(db, 2).await, vec![2, 3]);
    // Another writer appends behind its back: the remembered head is stale.
    let other = second_process(&app).await;
    assert_eq!(append_events(&other, 2).await, vec![4, 5]);
    // The stale head changes nothing; the append reads the head and lands after the other's.
    assert_eq!(append_events(db, 1).await, vec![6]);
    assert_eq!(
        moved(),
        before + 1,
        "only the stale head made an append read it"
    );
    // A unit of work that appended and then rolled back leaves the head where it was.
    let mut uow = UnitOfWork::begin(db, chrono::Utc::now())
        .await
        .expect("begin");
    uow.record(test_event("rolled back"));
    assert_eq!(uow.flush().await.expect("flush"), vec![7]);
    drop(uow);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(append_events(db, 1).await, vec![7]);
    // Flushed and committed events in one unit of work continue each other.
    let mut uow = UnitOfWork::begin(db, chrono::Utc::now())
        .await
        .expect("begin");
    for id in ["a", "b"] {
        uow.record(test_event(id));
        if id == "a" {
            assert_eq!(uow.flush().await.expect("flush"), vec![8]);
        }
    }
    assert_eq!(uow.commit().await.expect("commit"), vec![9]);
    assert_eq!(
        moved(),
        before + 1,
        "a rollback or a flush does not make the head stale"
    );
    assert_eq!(append_events(&other, 1).await, vec![10]);
    assert_eq!(append_events(db, 1).await, vec![11]);
    assert_eq!(moved(), before + 2);
    assert_eq!(app.audit_count().await, 11);
    let summary = audit::verify_log(db)
        .await
        .expect("verify")
        .expect("one gapless chain");
    assert_eq!(summary.count, 11);
    let report = app::ssr::transparency::verify_tree(&app.state, None, false)
        .await
        .expect("tree");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_of_work_with_hundreds_of_events_appends_them_all_in_order() {
    let app = TestApp::seeded().await;
    let before = app.audit_count().await;
    // More events and tree nodes than one insert statement carries.
    let seqs = append_events(&app.state.db, 650).await;
    assert_eq!(seqs, ((before + 1)..=(before + 650)).collect::<Vec<_>>());
    let summary = audit::verify_log(&app.state.db)
        .await
        .expect("db")
        .expect("valid chain");
    assert_eq!(summary.count, before + 650);
    let report = app::ssr::transparency::verify_tree(&app.state, None, false)
        .await
        .expect("verify");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.size, u64::try_from(before + 650).expect("size"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_in_memory_database_is_verified_through_the_pool_and_tampering_is_named() {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app::ssr::db::Db::connect("sqlite::memory:", None)
        .await
        .expect("in-memory SQLite");
    assert!(db.sqlite_file().is_none(), "no file to open a second time");
    db.migrate().await.expect("migrate");
    append_events(&db, 30).await;
    append_events(&db, 1).await;
    let summary = audit::verify_log(&db)
        .await
        .expect("db")
        .expect("valid chain");
    assert_eq!(summary.count, 31);
    db.conn
        .execute_raw(Statement::from_string(
            db.backend(),
            "UPDATE audit_events SET payload = replace(payload, 'i', 'j') WHERE seq = 17",
        ))
        .await
        .expect("tamper");
    let err = audit::verify_log(&db)
        .await
        .expect("db")
        .expect_err("tampering detected");
    assert_eq!(err.first_bad_seq(), 17);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_file_is_verified_through_its_own_connection() {
    let app = TestApp::empty().await;
    let (_, schema) = app.database();
    assert_eq!(
        app.state.db.sqlite_file().is_some(),
        schema.is_none(),
        "SQLite files are read directly, PostgreSQL through the pool"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_row_that_cannot_be_read_is_reported_after_any_earlier_tampering() {
    let app = TestApp::seeded().await;
    if app.pg().is_some() {
        eprintln!("SQLite only: PostgreSQL's column types refuse text in an integer column");
        return;
    }
    app.exec("UPDATE audit_events SET actor_id = 'x' WHERE seq = 9")
        .await;
    let err = audit::verify_log(&app.state.db)
        .await
        .expect_err("the row cannot be read");
    assert!(err.to_string().contains("event 9"), "{err}");
    app.exec("UPDATE audit_events SET actor_role = 'admin' WHERE seq = 5")
        .await;
    let err = audit::verify_log(&app.state.db)
        .await
        .expect("db")
        .expect_err("tampering detected");
    assert_eq!(err.first_bad_seq(), 5);
}
