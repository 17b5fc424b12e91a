//! The hand-written entities match the migrated schema on this backend: every entity can be
//! selected column by column and round-trips the seeded rows.

use app::ssr::entities::*;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::helpers::{TestApp, backend_name};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_entity_reads_the_migrated_tables() {
    let app = TestApp::seeded().await;
    let db = &app.state.db.conn;
    assert_eq!(
        agencies::Entity::find()
            .all(db)
            .await
            .expect("agencies")
            .len(),
        4
    );
    assert_eq!(
        users::Entity::find().all(db).await.expect("users").len(),
        14
    );
    assert_eq!(
        credentials::Entity::find()
            .count(db)
            .await
            .expect("credentials"),
        11
    );
    assert_eq!(
        reviewer_assignments::Entity::find()
            .count(db)
            .await
            .expect("assignments"),
        3
    );
    assert_eq!(
        sessions::Entity::find().count(db).await.expect("sessions"),
        0
    );
    assert_eq!(
        login_throttle::Entity::find()
            .count(db)
            .await
            .expect("throttle"),
        0
    );
    assert_eq!(
        complaints::Entity::find()
            .all(db)
            .await
            .expect("complaints")
            .len(),
        0
    );
    assert_eq!(
        publication_requests::Entity::find()
            .all(db)
            .await
            .expect("publication requests")
            .len(),
        0
    );
    assert_eq!(
        rate_windows::Entity::find()
            .all(db)
            .await
            .expect("rate windows")
            .len(),
        0
    );
    assert_eq!(
        case_stat_facts::Entity::find()
            .all(db)
            .await
            .expect("statistics facts")
            .len(),
        0
    );
    assert_eq!(
        case_stat_rollups::Entity::find()
            .all(db)
            .await
            .expect("statistics totals")
            .len(),
        0
    );
    // The case tables (empty without the demo cases) read column by column.
    assert_eq!(cases::Entity::find().all(db).await.expect("cases").len(), 0);
    assert_eq!(
        case_officers::Entity::find()
            .all(db)
            .await
            .expect("officers")
            .len(),
        0
    );
    assert_eq!(
        parties::Entity::find()
            .all(db)
            .await
            .expect("parties")
            .len(),
        0
    );
    assert_eq!(blobs::Entity::find().all(db).await.expect("blobs").len(), 0);
    assert_eq!(
        evidence::Entity::find()
            .all(db)
            .await
            .expect("evidence")
            .len(),
        0
    );
    assert_eq!(
        evidence_collectors::Entity::find()
            .all(db)
            .await
            .expect("collectors")
            .len(),
        0
    );
    assert_eq!(
        case_deadlines::Entity::find()
            .all(db)
            .await
            .expect("deadlines")
            .len(),
        0
    );
    assert_eq!(
        case_documents::Entity::find()
            .all(db)
            .await
            .expect("documents")
            .len(),
        0
    );
    assert_eq!(
        discretion_standards::Entity::find()
            .all(db)
            .await
            .expect("standards")
            .len(),
        0
    );
    // Issued documents and their counters (rows of both are read back through these entities
    // by the document tests).
    assert_eq!(
        issued_documents::Entity::find()
            .all(db)
            .await
            .expect("issued documents")
            .len(),
        0
    );
    assert_eq!(
        document_counters::Entity::find()
            .all(db)
            .await
            .expect("document counters")
            .len(),
        0
    );
    // The demo's catalogs: one version each for three agencies, two for SCJG.
    let catalogs = review_catalogs::Entity::find()
        .all(db)
        .await
        .expect("catalogs");
    assert_eq!(catalogs.len(), 4);
    assert!(
        catalogs
            .iter()
            .all(|c| c.criteria.starts_with("{\"criteria\""))
    );
    assert_eq!(
        review_rounds::Entity::find()
            .all(db)
            .await
            .expect("rounds")
            .len(),
        0
    );
    // The Merkle tree covers every seeded event; no key or checkpoint until the first
    // checkpoint is signed.
    let leaves = merkle_nodes::Entity::find()
        .all(db)
        .await
        .expect("nodes")
        .into_iter()
        .filter(|n| n.level == 0)
        .count();
    assert_eq!(Ok(leaves), usize::try_from(app.audit_count().await));
    assert_eq!(audit_keys::Entity::find().count(db).await.expect("keys"), 0);
    assert_eq!(
        audit_checkpoints::Entity::find()
            .count(db)
            .await
            .expect("checkpoints"),
        0
    );
    assert_eq!(
        inspection_draws::Entity::find()
            .all(db)
            .await
            .expect("draws")
            .len(),
        0
    );
    assert_eq!(
        supervision_interviews::Entity::find()
            .all(db)
            .await
            .expect("interviews")
            .len(),
        2
    );
    assert_eq!(
        supervision_circulars::Entity::find()
            .all(db)
            .await
            .expect("circulars")
            .len(),
        1
    );
    assert_eq!(
        supervision_notices::Entity::find()
            .all(db)
            .await
            .expect("notices")
            .len(),
        2
    );
    assert_eq!(
        file_review_rounds::Entity::find()
            .all(db)
            .await
            .expect("review rounds")
            .len(),
        0,
        "no closed case without the demo's cases"
    );
    assert_eq!(
        file_review_files::Entity::find()
            .all(db)
            .await
            .expect("review files")
            .len(),
        0
    );
    assert_eq!(
        supervision_notice_steps::Entity::find()
            .all(db)
            .await
            .expect("notice steps")
            .len(),
        1
    );
    assert_eq!(
        clue_routing_rules::Entity::find()
            .all(db)
            .await
            .expect("routing rules")
            .len(),
        9,
        "the demo agencies' matters"
    );
    assert_eq!(
        clues::Entity::find()
            .all(db)
            .await
            .expect("clues")
            .iter()
            .filter(|c| c.routed_by == "rules")
            .count(),
        5,
        "the demo's clues routed by the rules"
    );
    assert_eq!(
        coercive_measures::Entity::find()
            .all(db)
            .await
            .expect("measures")
            .len(),
        0
    );
    assert_eq!(
        coercive_measure_officers::Entity::find()
            .all(db)
            .await
            .expect("measure officers")
            .len(),
        0
    );
    let events = audit_events::Entity::find().all(db).await.expect("events");
    let head = audit_head::Entity::find_by_id(1)
        .one(db)
        .await
        .expect("head")
        .expect("head row");
    assert_eq!(head.seq, events.len() as i64, "on {}", backend_name());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrations_are_idempotent() {
    let app = TestApp::empty().await;
    app.state
        .db
        .migrate()
        .await
        .expect("second migrate is a no-op");
}
