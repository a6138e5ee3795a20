//! The Registry's storage on both backends: the same story runs on SQLite and,
//! when KELISIM_TEST_POSTGRES_URL is set, on PostgreSQL.

use kelisim_core::organisation::OrganisationInput;
use kelisim_store::audit::{self, Verdict};
use kelisim_store::organisations::{self, OrganisationFilter};
use kelisim_store::testing::each_backend;
use kelisim_store::StoreError;

fn association(name_ru: &str) -> OrganisationInput {
    OrganisationInput {
        org_type: "ethnocultural_association".into(),
        region: Some("710000000".into()),
        name_kk: format!("{name_ru} (kk)"),
        name_ru: name_ru.into(),
        name_en: "Association".into(),
        status: "active".into(),
        ethnic_groups: vec!["korean".into()],
        ..Default::default()
    }
}

#[tokio::test]
async fn reference_data_is_loaded_on_migrate() {
    each_backend("reference", |store| async move {
        let regions = kelisim_store::reference::regions(&store).await.unwrap();
        assert_eq!(regions.len(), 20);
        assert!(regions.iter().any(|r| r.kato == "710000000" && r.name.kk == "Астана қаласы"));
        let groups = kelisim_store::reference::ethnic_groups(&store).await.unwrap();
        assert_eq!(groups[0].slug, "kazakh");
        assert_eq!(groups[0].census_share, Some(70.4));
        // Migrating again applies nothing and loads nothing twice.
        assert_eq!(kelisim_store::migrate::migrate(&store).await.unwrap(), 0);
        assert_eq!(kelisim_store::reference::regions(&store).await.unwrap().len(), 20);
    })
    .await;
}

#[tokio::test]
async fn organisations_are_created_found_by_cyrillic_search_and_updated() {
    each_backend("org_story", |store| async move {
        let id = organisations::create(&store, "tester", &association("Корейский культурный центр Ёлка")).await.unwrap();
        organisations::create(&store, "tester", &association("Немецкое общество")).await.unwrap();

        let filter = OrganisationFilter { q: Some("КОРЕЙСКИЙ елка".into()), ..Default::default() };
        let (found, total) = organisations::list(&store, &filter, " ORDER BY o.id", 1, 10).await.unwrap();
        assert_eq!(total, 1);
        assert_eq!(found[0].id, id);
        assert_eq!(found[0].ethnic_groups, vec!["korean".to_string()]);

        let filter = OrganisationFilter { ethnic_group: Some("korean".into()), region: Some("710000000".into()), ..Default::default() };
        assert_eq!(organisations::list(&store, &filter, " ORDER BY o.id", 1, 10).await.unwrap().1, 2);

        let org = organisations::get(&store, id).await.unwrap();
        let mut input = org.to_input();
        input.member_count = Some(120);
        organisations::update(&store, "tester", id, &input, Some(org.version)).await.unwrap();
        // A second change from the same stale version is refused.
        let stale = organisations::update(&store, "tester", id, &input, Some(org.version)).await;
        assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
        assert_eq!(organisations::get(&store, id).await.unwrap().member_count, Some(120));
    })
    .await;
}

#[tokio::test]
async fn invalid_organisation_is_refused_with_fields_and_nothing_written() {
    each_backend("org_invalid", |store| async move {
        let mut bad = association("X");
        bad.region = Some("123".into());
        bad.parent_id = Some(999_999);
        match organisations::create(&store, "tester", &bad).await {
            Err(StoreError::Invalid(errs)) => {
                assert_eq!(errs.for_field("region"), Some("err-unknown-region"));
                assert_eq!(errs.for_field("parent_id"), Some("err-unknown-parent"));
            }
            other => panic!("expected invalid, got {other:?}"),
        }
        assert_eq!(organisations::list(&store, &OrganisationFilter::default(), " ORDER BY o.id", 1, 10).await.unwrap().1, 0);
    })
    .await;
}

#[tokio::test]
async fn hierarchy_refuses_cycles() {
    each_backend("org_cycle", |store| async move {
        let parent = organisations::create(&store, "t", &association("Parent")).await.unwrap();
        let mut child_input = association("Child");
        child_input.parent_id = Some(parent);
        let child = organisations::create(&store, "t", &child_input).await.unwrap();
        let mut p = organisations::get(&store, parent).await.unwrap().to_input();
        p.parent_id = Some(child);
        let err = organisations::update(&store, "t", parent, &p, None).await.unwrap_err();
        assert!(matches!(&err, StoreError::Invalid(e) if e.for_field("parent_id") == Some("err-parent-cycle")), "{err:?}");
        let chain = organisations::ancestors(&store, child).await.unwrap();
        assert_eq!(chain[0].0, parent);
    })
    .await;
}

#[tokio::test]
async fn audit_chain_verifies_and_names_the_first_changed_or_deleted_entry() {
    each_backend("audit", |store| async move {
        for n in 0..3 {
            organisations::create(&store, "auditor", &association(&format!("Org {n}"))).await.unwrap();
        }
        assert_eq!(audit::verify(&store).await.unwrap(), Verdict::Intact { entries: 3 });

        sqlx::query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").execute(&store.pool).await.unwrap();
        match audit::verify(&store).await.unwrap() {
            Verdict::Broken { seq, .. } => assert_eq!(seq, 2),
            v => panic!("tampering not detected: {v:?}"),
        }
        sqlx::query("UPDATE audit_log SET actor = 'auditor' WHERE seq = 2").execute(&store.pool).await.unwrap();
        assert!(matches!(audit::verify(&store).await.unwrap(), Verdict::Intact { .. }));

        sqlx::query("DELETE FROM audit_log WHERE seq = 2").execute(&store.pool).await.unwrap();
        assert!(matches!(audit::verify(&store).await.unwrap(), Verdict::Broken { seq: 2, .. }));
    })
    .await;
}

#[tokio::test]
async fn audit_detects_a_deleted_tail() {
    each_backend("audit_tail", |store| async move {
        for n in 0..3 {
            organisations::create(&store, "auditor", &association(&format!("Org {n}"))).await.unwrap();
        }
        sqlx::query("DELETE FROM audit_log WHERE seq = 3").execute(&store.pool).await.unwrap();
        assert!(matches!(audit::verify(&store).await.unwrap(), Verdict::Broken { seq: 3, .. }));
    })
    .await;
}
