//! The information field's storage on both backends (issue 4 §1-2): batches
//! stored once whatever is re-sent, counts that follow exactly the documents
//! stored, texts purged after retention with the analysis kept, and two app
//! nodes on one PostgreSQL ingesting at once.

use kelisim_store::audit::{self, Verdict};
use kelisim_store::monitoring::daily::{self, DailyFilter};
use kelisim_store::monitoring::documents::{self, DocumentGroup, NewDocument};
use kelisim_store::testing::{create_postgres_db, drop_postgres_db, each_backend, postgres_url};
use kelisim_store::Store;

const ALMATY: &str = "750000000";

fn doc(n: usize, region: Option<&str>, day: &str, groups: &[(&str, &str)], ethnic_hostility: f64) -> NewDocument {
    NewDocument {
        source: "telegram".into(),
        external_id: format!("m{n}"),
        url: Some(format!("https://t.me/c/{n}")),
        author_key: Some(format!("{n:032x}")),
        published_at: format!("{day}T09:00:00Z"),
        day: day.into(),
        region: region.map(String::from),
        region_from: region.map(|_| "text"),
        geo: None,
        lang: "ru".into(),
        text: format!("текст {n}"),
        hostility: ethnic_hostility,
        ethnic_hostility,
        strongest_negative: ethnic_hostility,
        groups: groups.iter().map(|(g, a)| DocumentGroup { group: g.to_string(), attitude: a.to_string(), negative: 0.1, mentions: vec![[0, 5]] }).collect(),
        regions: region.iter().map(|r| r.to_string()).collect(),
        signature: n as u64 * 0x9e37_79b9,
    }
}

async fn counts(store: &Store, region: &str, day: &str, group: &str) -> (i64, i64, i64, i64, i64) {
    let rows = daily::read(store, &DailyFilter { from: day.into(), to: day.into(), region: Some(region.into()), group: Some(group.into()) }).await.unwrap();
    rows.first().map(|c| (c.mentions, c.negative, c.positive, c.neutral, c.ethnic_hostile)).unwrap_or_default()
}

#[tokio::test]
async fn a_batch_is_stored_once_and_counted_once_whatever_is_resent() {
    each_backend("monitoring_ingest", |store| async move {
        let day = "2026-11-20";
        let batch = vec![
            doc(1, Some(ALMATY), day, &[("kazakh", "negative"), ("russian", "neutral")], 0.9),
            doc(2, Some(ALMATY), day, &[("kazakh", "positive")], 0.1),
            doc(3, None, day, &[], 0.0),
            doc(1, Some(ALMATY), day, &[("kazakh", "negative")], 0.9), // the same document twice in one batch
        ];
        let out = documents::ingest(&store, "crawler", &batch).await.unwrap();
        assert_eq!(out.stored.iter().map(|s| s.0).collect::<Vec<_>>(), vec![0, 1, 2]);
        assert_eq!(out.duplicates, 1);
        assert_eq!(documents::count(&store).await.unwrap(), 3);
        assert_eq!(counts(&store, ALMATY, day, "*").await, (2, 0, 0, 0, 1));
        assert_eq!(counts(&store, ALMATY, day, "kazakh").await, (2, 1, 1, 0, 1));
        assert_eq!(counts(&store, ALMATY, day, "russian").await, (1, 0, 0, 1, 1));
        assert_eq!(counts(&store, "-", day, "*").await.0, 1);

        let map = daily::region_totals(&store, "2026-11-01", "2026-11-30").await.unwrap();
        assert_eq!(map.iter().map(|t| (t.region.as_str(), t.documents, t.ethnic_hostile)).collect::<Vec<_>>(), vec![("-", 1, 0), (ALMATY, 2, 1)]);

        // Re-sending the batch (a crawler retrying after a timeout) stores and counts nothing.
        let again = documents::ingest(&store, "crawler", &batch).await.unwrap();
        assert!(again.stored.is_empty());
        assert_eq!(again.duplicates, 4);
        assert_eq!(documents::count(&store).await.unwrap(), 3);
        assert_eq!(counts(&store, ALMATY, day, "kazakh").await, (2, 1, 1, 0, 1));

        // What was stored reads back with its analysis; the flagged feed has the hostile one.
        let stored = documents::find(&store, "telegram", "m1").await.unwrap().unwrap();
        assert_eq!(stored.groups.len(), 2);
        assert!(stored.flagged);
        assert_eq!(stored.signature, format!("{:016x}", 0x9e37_79b9u64));
        let feed = documents::flagged(&store, Some(ALMATY), 1, 50).await.unwrap();
        assert_eq!(feed.iter().map(|d| d.external_id.as_str()).collect::<Vec<_>>(), vec!["m1"]);
        // One audit entry for the stored batch, none for the batch of duplicates; the chain holds.
        assert!(matches!(audit::verify(&store).await.unwrap(), Verdict::Intact { .. }));
    })
    .await;
}

#[tokio::test]
async fn spec_4_texts_are_purged_after_retention_and_the_analysis_stays() {
    each_backend("monitoring_purge", |store| async move {
        let old = doc(1, Some(ALMATY), "2025-01-10", &[("uyghur", "negative")], 0.8);
        let recent = doc(2, Some(ALMATY), "2026-11-01", &[], 0.0);
        documents::ingest(&store, "crawler", &[old, recent]).await.unwrap();
        assert_eq!(documents::purge_texts(&store, "system", "2025-11-22T00:00:00Z").await.unwrap(), 1);
        let purged = documents::find(&store, "telegram", "m1").await.unwrap().unwrap();
        assert_eq!(purged.text, None);
        assert_eq!(purged.url, None);
        assert!(purged.text_purged_at.is_some());
        assert_eq!(purged.groups[0].group, "uyghur");
        assert!(purged.flagged);
        assert_eq!(documents::find(&store, "telegram", "m2").await.unwrap().unwrap().text.as_deref(), Some("текст 2"));
        // A second run finds nothing more to purge.
        assert_eq!(documents::purge_texts(&store, "system", "2025-11-22T00:00:00Z").await.unwrap(), 0);
    })
    .await;
}

/// Issue 4 §8: "Two `kelisim serve` nodes on one PostgreSQL ingesting the same
/// and different batches at once lose nothing and store nothing twice."
#[tokio::test]
async fn two_nodes_on_one_postgres_lose_nothing_and_store_nothing_twice() {
    let Some(server) = postgres_url() else {
        eprintln!("postgres skipped: KELISIM_TEST_POSTGRES_URL not set");
        return;
    };
    let (url, db) = create_postgres_db(&server, "monitoring_two_nodes").await;
    let first = Store::connect(&url).await.unwrap();
    kelisim_store::migrate::migrate(&first).await.unwrap();
    let second = Store::connect(&url).await.unwrap();
    let day = "2026-11-21";
    let group_of = |n: usize| if n % 3 == 0 { "russian" } else { "kazakh" };
    // 1,200 documents in batches of 100; each node sends its own half and
    // every batch of the shared middle third, in opposite orders.
    let all: Vec<NewDocument> = (0..1200).map(|n| doc(n, Some(ALMATY), day, &[(group_of(n), "negative")], 0.7)).collect();
    let batches = |range: std::ops::Range<usize>| all[range].chunks(100).map(|c| c.to_vec()).collect::<Vec<_>>();
    let mut a = batches(0..800);
    let mut b = batches(400..1200);
    b.reverse();
    a.iter_mut().for_each(|batch| batch.reverse());
    let node = |store: Store, batches: Vec<Vec<NewDocument>>| {
        tokio::spawn(async move {
            let mut stored = 0;
            for batch in batches {
                stored += documents::ingest(&store, "crawler", &batch).await.unwrap().stored.len();
            }
            stored
        })
    };
    let (sa, sb) = (node(first.clone(), a), node(second.clone(), b));
    let (sa, sb) = (sa.await.unwrap(), sb.await.unwrap());
    assert_eq!(sa + sb, 1200, "every document stored by exactly one node");
    assert_eq!(documents::count(&first).await.unwrap(), 1200);
    assert_eq!(counts(&first, ALMATY, day, "*").await.0, 1200);
    assert_eq!(counts(&first, ALMATY, day, "russian").await.0, 400);
    assert_eq!(counts(&first, ALMATY, day, "kazakh").await.0, 800);
    assert!(matches!(audit::verify(&first).await.unwrap(), Verdict::Intact { .. }));
    first.close().await;
    second.close().await;
    drop_postgres_db(&server, &db).await;
}
