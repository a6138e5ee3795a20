//! The monitoring centre's storage on both backends (issue 4 §2-5):
//! incidents and their timeline with the rules of SPEC §3.4, spikes and
//! campaigns found in what was ingested, the weekly risk index and its
//! backtest, alerts raised once with their deliveries retried and shown
//! when they fail.

use kelisim_core::monitoring::incident::{ActionInput, IncidentInput};
use kelisim_store::audit::{self, Verdict};
use kelisim_store::monitoring::alerts::{self, AlertFilter, ChannelInput};
use kelisim_store::monitoring::documents::{self, DocumentGroup, NewDocument};
use kelisim_store::monitoring::incidents::{self, NewIncident, Reporter};
use kelisim_store::monitoring::{risk, signals};
use kelisim_store::testing::each_backend;
use kelisim_store::{users, Store, StoreError};

const ALMATY: &str = "750000000";
const ASTANA: &str = "710000000";
const ZHAMBYL: &str = "310000000";

fn doc(id: &str, region: &str, published_at: &str, group: &str, ethnic_hostility: f64, signature: u64, author: &str) -> NewDocument {
    NewDocument {
        source: "telegram".into(),
        external_id: id.into(),
        url: None,
        author_key: Some(author.into()),
        published_at: published_at.into(),
        day: kelisim_core::monitoring::calendar::day_of_instant(published_at),
        region: Some(region.into()),
        region_from: Some("text"),
        geo: None,
        lang: "ru".into(),
        text: format!("текст {id}"),
        hostility: ethnic_hostility,
        ethnic_hostility,
        strongest_negative: ethnic_hostility,
        groups: if group.is_empty() { vec![] } else { vec![DocumentGroup { group: group.into(), attitude: if ethnic_hostility > 0.5 { "negative" } else { "neutral" }.into(), negative: ethnic_hostility, mentions: vec![[0, 5]] }] },
        regions: vec![region.into()],
        signature,
    }
}

/// A pseudo-random signature for document `n` (SplitMix64), so that ordinary documents are far apart.
fn scatter(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

async fn accounts(store: &Store) {
    for (login, role, region) in [("admin", "admin", None), ("analyst", "analyst", None), ("resp.almaty", "responder", Some(ALMATY)), ("resp.astana", "responder", Some(ASTANA)), ("editor", "mediator", Some(ALMATY))] {
        users::create(store, "setup", &users::NewUser { login, role, region, organisation_id: None, password: "password-123456" }).await.unwrap();
    }
    let resp = users::find_by_login(store, "resp.almaty").await.unwrap().unwrap();
    users::set_email(store, "setup", resp.id, Some("duty@almaty.example.kz")).await.unwrap();
}

fn incident(region: &str) -> IncidentInput {
    IncidentInput {
        title: "Конфликт у рынка".into(),
        description: "Словесная перепалка переросла в угрозы".into(),
        occurred_at: "2026-11-10T14:00".into(),
        region: Some(region.into()),
        category: "household_dispute".into(),
        source: "police".into(),
        groups: vec!["kazakh".into(), "uyghur".into()],
        ..Default::default()
    }
}

fn invalid(e: StoreError) -> kelisim_core::ValidationErrors {
    match e {
        StoreError::Invalid(errs) => errs,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn spec_3_4_an_incident_escalates_with_reasons_alerts_once_at_level_3_and_is_settled() {
    each_backend("incident_lifecycle", |store| async move {
        accounts(&store).await;
        let d = doc("p1", ALMATY, "2026-11-10T08:00:00Z", "uyghur", 0.9, 1, "a1");
        documents::ingest(&store, "crawler", &[d]).await.unwrap();
        let doc_id = documents::find(&store, "telegram", "p1").await.unwrap().unwrap().id;
        let new = NewIncident { input: incident(ALMATY), level: 1, reporter: Some(Reporter { name: "Айгерим С.".into(), contact: "+7 701 000 00 00".into() }), documents: vec![doc_id], is_demo: false };
        let created = incidents::create(&store, "almaty.secretariat", &new, "2026-11-10T10:00:00Z").await.unwrap();
        assert_eq!(created.alert, None, "level 1 raises no alert");
        let id = created.id;
        let inc = incidents::get(&store, id).await.unwrap();
        assert_eq!((inc.level, inc.verification.as_str(), inc.stage.as_str()), (1, "unverified", "open"));
        assert_eq!(inc.occurred_at, "2026-11-10T09:00:00Z", "form time is Kazakhstan time");
        assert_eq!(inc.groups, vec!["kazakh", "uyghur"]);
        assert_eq!(incidents::document_ids(&store, id).await.unwrap(), vec![doc_id]);

        // Every change of level needs its reason; nothing is written without it.
        let errs = invalid(incidents::change_level(&store, "analyst", id, 2, " ", "2026-11-11T10:00:00Z").await.unwrap_err());
        assert_eq!(errs.for_field("reason"), Some("err-required"));
        assert_eq!(incidents::get(&store, id).await.unwrap().level, 1);
        assert!(incidents::change_level(&store, "analyst", id, 2, "Угрозы в чате соседей", "2026-11-11T10:00:00Z").await.unwrap().alert.is_none());
        let up = incidents::change_level(&store, "almaty.secretariat", id, 3, "Драка, пострадавшие", "2026-11-12T10:00:00Z").await.unwrap();
        let alert_id = up.alert.expect("level 3 raises the alert");
        assert!(incidents::change_level(&store, "almaty.secretariat", id, 4, "Беспорядки", "2026-11-12T12:00:00Z").await.unwrap().alert.is_none(), "3 → 4 is the same alert");

        // The alert went to the region's responder (in the app and by e-mail), the national analyst
        // and the admin, not to the other region's responder or the mediator.
        let alert = alerts::get(&store, alert_id).await.unwrap();
        assert_eq!((alert.kind.as_str(), alert.region.as_deref(), alert.subject_id), ("incident", Some(ALMATY), Some(id)));
        assert_eq!(alert.facts["level"], 3);
        let deliveries = alerts::deliveries(&store, alert_id).await.unwrap();
        let targets: Vec<(String, String)> = deliveries.iter().map(|d| (d.channel.clone(), d.target.clone())).collect();
        for expected in [("in_app", "resp.almaty"), ("in_app", "analyst"), ("in_app", "admin"), ("email", "duty@almaty.example.kz")] {
            assert!(targets.contains(&(expected.0.to_string(), expected.1.to_string())), "{expected:?} in {targets:?}");
        }
        assert!(!targets.iter().any(|t| t.1 == "resp.astana" || t.1 == "editor"), "{targets:?}");

        // Settlement follows verification and a response action.
        let errs = invalid(incidents::change_stage(&store, "analyst", id, "settlement", "Примирение", "2026-11-13T10:00:00Z").await.unwrap_err());
        assert_eq!(errs.for_field("stage"), Some("err-settlement-unverified"));
        incidents::change_verification(&store, "almaty.secretariat", id, "verified", "Подтверждено полицией", "2026-11-12T13:00:00Z").await.unwrap();
        let errs = invalid(incidents::change_stage(&store, "analyst", id, "settlement", "Примирение", "2026-11-13T10:00:00Z").await.unwrap_err());
        assert_eq!(errs.for_field("stage"), Some("err-settlement-no-action"));
        let action = ActionInput { kind: "elders_council".into(), at: "2026-11-13T11:00".into(), actor: "Совет аксакалов района".into(), description: "Встреча со старейшинами обеих сторон".into(), result: "Стороны согласились на медиацию".into() };
        incidents::add_action(&store, "resp.almaty", id, &action, "2026-11-13T07:00:00Z").await.unwrap();
        incidents::change_stage(&store, "almaty.secretariat", id, "settlement", "Подписано соглашение о примирении", "2026-11-14T10:00:00Z").await.unwrap();
        incidents::change_stage(&store, "almaty.secretariat", id, "closed", "Урегулировано", "2026-11-20T10:00:00Z").await.unwrap();
        let inc = incidents::get(&store, id).await.unwrap();
        assert_eq!((inc.level, inc.verification.as_str(), inc.stage.as_str()), (4, "verified", "closed"));
        let events = incidents::events(&store, id).await.unwrap();
        let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, vec!["created", "level", "level", "level", "verification", "stage", "stage"]);
        assert_eq!(events[2].reason, "Драка, пострадавшие");
        assert_eq!((events[2].from_value.as_deref(), events[2].to_value.as_deref()), (Some("2"), Some("3")));
        let actions = incidents::actions(&store, id).await.unwrap();
        assert_eq!((actions[0].actor.as_str(), actions[0].recorded_by.as_str()), ("Совет аксакалов района", "resp.almaty"));

        // The reporter is read apart, and the read is in the audit log.
        assert!(incidents::has_reporter(&store, id).await.unwrap());
        assert_eq!(incidents::read_reporter(&store, "admin", id).await.unwrap().unwrap().name, "Айгерим С.");
        let log = kelisim_store::audit::for_entity(&store, "incident", &id.to_string(), 50).await.unwrap();
        assert!(log.iter().any(|e| e.action == "read_reporter" && e.actor == "admin"));
        assert!(!log.iter().any(|e| e.after_json.as_deref().unwrap_or("").contains("Айгерим")), "the audit log does not copy the reporter");
        assert!(matches!(audit::verify(&store).await.unwrap(), Verdict::Intact { .. }));
    })
    .await;
}

#[tokio::test]
async fn a_duplicate_is_merged_into_the_incident_it_repeats() {
    each_backend("incident_merge", |store| async move {
        let at = "2026-11-10T10:00:00Z";
        let a = incidents::create(&store, "analyst", &NewIncident { input: incident(ZHAMBYL), level: 2, ..Default::default() }, at).await.unwrap().id;
        let mut dup_input = incident(ZHAMBYL);
        dup_input.groups = vec!["dungan".into()];
        let b = incidents::create(&store, "analyst", &NewIncident { input: dup_input, level: 1, ..Default::default() }, at).await.unwrap().id;
        let errs = invalid(incidents::merge(&store, "analyst", b, b, "x", at).await.unwrap_err());
        assert_eq!(errs.for_field("into"), Some("err-merge-self"));
        let errs = invalid(incidents::merge(&store, "analyst", b, 99_999, "x", at).await.unwrap_err());
        assert_eq!(errs.for_field("into"), Some("err-not-found"));
        incidents::merge(&store, "analyst", b, a, "Тот же случай из СМИ", at).await.unwrap();
        let dup = incidents::get(&store, b).await.unwrap();
        assert_eq!((dup.verification.as_str(), dup.stage.as_str(), dup.merged_into), ("duplicate", "closed", Some(a)));
        let target = incidents::get(&store, a).await.unwrap();
        assert_eq!(target.groups, vec!["dungan", "kazakh", "uyghur"], "groups joined");
        assert_eq!(incidents::linked(&store, a).await.unwrap().iter().map(|l| l.0).collect::<Vec<_>>(), vec![b]);
        let errs = invalid(incidents::change_level(&store, "analyst", b, 3, "x", at).await.unwrap_err());
        assert_eq!(errs.for_field("level"), Some("err-merged"));
        let errs = invalid(incidents::merge(&store, "analyst", a, b, "x", at).await.unwrap_err());
        assert_eq!(errs.for_field("into"), Some("err-merged"), "not into a duplicate");
        // Bad fields are named, nothing is stored.
        let bad = IncidentInput { title: String::new(), occurred_at: "yesterday".into(), region: Some("1".into()), category: "riot".into(), source: "police".into(), ..Default::default() };
        let errs = invalid(incidents::create(&store, "analyst", &NewIncident { input: bad, level: 7, ..Default::default() }, at).await.unwrap_err());
        for f in ["title", "occurred_at", "region", "category", "level"] {
            assert!(errs.for_field(f).is_some(), "{f}: {errs}");
        }
        assert_eq!(incidents::list(&store, &Default::default(), 1, 50).await.unwrap().1, 2);
        let filtered = incidents::list(&store, &incidents::IncidentFilter { level_min: Some(2), ..Default::default() }, 1, 50).await.unwrap();
        assert_eq!(filtered.0.iter().map(|i| i.id).collect::<Vec<_>>(), vec![a]);
    })
    .await;
}

#[tokio::test]
async fn issue_4_spikes_and_campaigns_are_found_once_in_what_was_ingested() {
    each_backend("signals", |store| async move {
        accounts(&store).await;
        // Four quiet weeks in Zhambyl: one flagged post a day among 30.
        let mut batch = Vec::new();
        let mut n = 0u64;
        for day in 0..28 {
            let date = kelisim_core::monitoring::calendar::add_days("2026-10-01", day);
            for k in 0..30 {
                n += 1;
                let flagged = if k == 0 { 0.9 } else { 0.1 };
                batch.push(doc(&format!("q{n}"), ZHAMBYL, &format!("{date}T06:{:02}:00Z", k), if k % 2 == 0 { "dungan" } else { "" }, flagged, scatter(n), &format!("user{n}")));
            }
        }
        documents::ingest(&store, "crawler", &batch).await.unwrap();
        let quiet = signals::run(&store, "2026-10-29T00:00:00Z", false).await.unwrap();
        assert_eq!(quiet.documents, 28 * 30);
        assert_eq!((quiet.spikes_new, quiet.campaigns_new), (0, 0), "{quiet:?}");
        // Then a day with 14 flagged posts about Dungans, 12 of them near-identical from 12 accounts within two hours.
        let base = 0xdead_beef_1234_5678u64;
        let mut day = Vec::new();
        for k in 0..12u64 {
            let sig = base ^ (1 << (k % 3)) ^ (if k % 4 == 0 { 1 << 40 } else { 0 });
            day.push(doc(&format!("bot{k}"), ZHAMBYL, &format!("2026-10-29T0{}:{:02}:00Z", 4 + k / 6, (k % 6) * 9), "dungan", 0.95, sig, &format!("bot{k}")));
        }
        day.push(doc("h1", ZHAMBYL, "2026-10-29T08:00:00Z", "dungan", 0.9, scatter(90_001), "x1"));
        day.push(doc("h2", ZHAMBYL, "2026-10-29T09:00:00Z", "dungan", 0.9, scatter(90_002), "x2"));
        documents::ingest(&store, "crawler", &day).await.unwrap();
        let found = signals::run(&store, "2026-10-29T10:00:00Z", false).await.unwrap();
        assert_eq!((found.spikes_new, found.campaigns_new, found.alerts), (1, 1, 2), "{found:?}");
        let spikes = signals::spikes(&store, Some(ZHAMBYL), "2026-10-01", "2026-10-31").await.unwrap();
        assert_eq!(spikes.len(), 1);
        assert_eq!((spikes[0].day.as_str(), spikes[0].flagged, spikes[0].baseline), ("2026-10-29", 14, 1.0));
        assert_eq!(spikes[0].groups[0]["group"], "dungan");
        let campaigns = signals::campaigns(&store, None, "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", 10).await.unwrap();
        assert_eq!(campaigns.len(), 1);
        let c = &campaigns[0];
        assert_eq!((c.documents, c.authors, c.flagged, c.region.as_deref()), (12, 12, 12, Some(ZHAMBYL)));
        assert_eq!(c.first_at, "2026-10-29T04:00:00Z");
        assert_eq!(c.groups, vec!["dungan"]);
        assert_eq!(signals::campaign_document_ids(&store, c.id, 100).await.unwrap().len(), 12);

        // More of the same: the campaign grows, the spike's count follows, no new alert.
        let more: Vec<NewDocument> = (12..15u64).map(|k| doc(&format!("bot{k}"), ZHAMBYL, "2026-10-29T07:30:00Z", "dungan", 0.95, base ^ 1, &format!("bot{k}"))).collect();
        documents::ingest(&store, "crawler", &more).await.unwrap();
        let again = signals::run(&store, "2026-10-29T11:00:00Z", false).await.unwrap();
        assert_eq!((again.spikes_new, again.spikes_updated, again.campaigns_new, again.campaigns_grown, again.alerts), (0, 1, 0, 1, 0), "{again:?}");
        assert_eq!(signals::campaign(&store, c.id).await.unwrap().documents, 15);
        assert_eq!(signals::spikes(&store, Some(ZHAMBYL), "2026-10-29", "2026-10-29").await.unwrap()[0].flagged, 17);
        // An empty queue is a no-op.
        assert_eq!(signals::run(&store, "2026-10-29T12:00:00Z", false).await.unwrap(), Default::default());
        let (all, total) = alerts::list(&store, &AlertFilter::default(), 1, 50).await.unwrap();
        assert_eq!(total, 2);
        assert_eq!(all.iter().map(|a| a.kind.as_str()).collect::<std::collections::BTreeSet<_>>(), ["campaign", "spike"].into_iter().collect());
        // Zhambyl's alerts are not Almaty's responder's.
        let spike_alert = all.iter().find(|a| a.kind == "spike").unwrap();
        let targets: Vec<String> = alerts::deliveries(&store, spike_alert.id).await.unwrap().into_iter().map(|d| d.target).collect();
        assert!(!targets.contains(&"resp.almaty".to_string()) && targets.contains(&"analyst".to_string()), "{targets:?}");
    })
    .await;
}

/// A flood of `count` near-identical hostile posts in Almaty, one every
/// `step_seconds` from `from`, each from its own account.
fn flood(prefix: &str, from: &str, count: u64, step_seconds: i64) -> Vec<NewDocument> {
    let base = 0x5eed_c0de_0bad_f00du64;
    (0..count)
        .map(|k| {
            let at = kelisim_core::monitoring::calendar::add_seconds(from, k as i64 * step_seconds);
            doc(&format!("{prefix}{k}"), ALMATY, &at, "uyghur", 0.95, base ^ (1 << (16 * (k % 4))), &format!("{prefix}-acc{k}"))
        })
        .collect()
}

#[tokio::test]
async fn issue_4_a_long_flood_is_one_campaign_whatever_order_its_posts_arrive_in() {
    each_backend("flood_order", |store| async move {
        accounts(&store).await;
        // 3,600 posts over 18 hours (1,200 within any 6 hours, more than a
        // document is compared with): the detector first reads the last
        // three quarters of them, then the first quarter arrives. Every one
        // of those is within the window of its neighbours in time, so it
        // joins the campaign rather than starting a second one.
        let all = flood("f", "2026-10-10T00:00:00Z", 3_600, 18);
        documents::ingest(&store, "crawler", &all[900..]).await.unwrap();
        let first = signals::run(&store, "2026-10-10T19:00:00Z", false).await.unwrap();
        // Its alerts: the campaign's, and the day's spike (a first hostile day).
        assert_eq!((first.campaigns_new, first.alerts), (1, 2), "{first:?}");
        documents::ingest(&store, "crawler", &all[..900]).await.unwrap();
        let second = signals::run(&store, "2026-10-10T20:00:00Z", false).await.unwrap();
        assert_eq!((second.campaigns_new, second.campaigns_grown, second.alerts), (0, 1, 0), "{second:?}");
        let campaigns = signals::campaigns(&store, None, "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", 10).await.unwrap();
        assert_eq!(campaigns.len(), 1, "one campaign: {campaigns:?}");
        assert_eq!((campaigns[0].documents, campaigns[0].authors, campaigns[0].first_at.as_str()), (3_600, 3_600, "2026-10-10T00:00:00Z"));
    })
    .await;
}

#[tokio::test]
async fn issue_4_posts_that_bridge_two_campaigns_merge_them_and_alert_no_more() {
    each_backend("flood_bridge", |store| async move {
        accounts(&store).await;
        // Two floods of one text, ten hours apart: two campaigns, two alerts
        // (and the day's spike).
        let morning = flood("m", "2026-10-10T00:00:00Z", 20, 300);
        let evening = flood("e", "2026-10-10T10:00:00Z", 20, 300);
        documents::ingest(&store, "crawler", &morning).await.unwrap();
        documents::ingest(&store, "crawler", &evening).await.unwrap();
        let found = signals::run(&store, "2026-10-10T12:00:00Z", false).await.unwrap();
        assert_eq!((found.campaigns_new, found.alerts), (2, 3), "{found:?}");
        let before = signals::campaigns(&store, None, "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", 10).await.unwrap();
        let (older, newer) = (before.iter().map(|c| c.id).min().unwrap(), before.iter().map(|c| c.id).max().unwrap());
        // Then the posts of the hours between: one campaign, the older, with
        // every post; the newer one's alert now leads to it; no third alert.
        let midday = flood("b", "2026-10-10T05:00:00Z", 6, 1_800);
        documents::ingest(&store, "crawler", &midday).await.unwrap();
        let bridged = signals::run(&store, "2026-10-10T13:00:00Z", false).await.unwrap();
        assert_eq!((bridged.campaigns_new, bridged.alerts), (0, 0), "{bridged:?}");
        let after = signals::campaigns(&store, None, "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", 10).await.unwrap();
        assert_eq!(after.len(), 1, "{after:?}");
        assert_eq!((after[0].id, after[0].documents, after[0].authors), (older, 46, 46));
        assert!(matches!(signals::campaign(&store, newer).await, Err(StoreError::NotFound)));
        let (raised, _) = alerts::list(&store, &AlertFilter::default(), 1, 50).await.unwrap();
        let campaign_alerts: Vec<_> = raised.iter().filter(|a| a.kind == "campaign").collect();
        assert_eq!(campaign_alerts.len(), 2, "{raised:?}");
        assert!(campaign_alerts.iter().all(|a| a.subject_id == Some(older)), "{raised:?}");
        // The merge is in the audit log, which still verifies.
        assert!(matches!(audit::verify(&store).await.unwrap(), Verdict::Intact { .. }));
    })
    .await;
}

#[tokio::test]
async fn spec_3_4_the_risk_index_rises_with_incidents_and_the_field_and_is_backtested() {
    each_backend("risk", |store| async move {
        // Zhambyl: an escalating incident and a hostile week; Astana: quiet.
        let mut batch = Vec::new();
        for day in 0..14 {
            let date = kelisim_core::monitoring::calendar::add_days("2026-11-02", day);
            for k in 0..40u64 {
                let n = day as u64 * 100 + k;
                batch.push(doc(&format!("z{n}"), ZHAMBYL, &format!("{date}T05:00:00Z"), "dungan", if k < 6 { 0.9 } else { 0.1 }, scatter(n), &format!("u{n}")));
                batch.push(doc(&format!("a{n}"), ASTANA, &format!("{date}T05:00:00Z"), "russian", 0.05, scatter(n + 1_000_000), &format!("v{n}")));
            }
        }
        documents::ingest(&store, "crawler", &batch).await.unwrap();
        let mut input = incident(ZHAMBYL);
        input.occurred_at = "2026-11-05T10:00".into();
        let id = incidents::create(&store, "analyst", &NewIncident { input, level: 1, ..Default::default() }, "2026-11-05T06:00:00Z").await.unwrap().id;
        incidents::change_level(&store, "analyst", id, 3, "Массовая драка", "2026-11-08T06:00:00Z").await.unwrap();
        let (week, raised) = risk::compute_week(&store, "2026-11-09", "2026-11-16T00:00:00Z", false).await.unwrap();
        let of = |r: &str| week.iter().find(|x| x.region == r).unwrap().clone();
        let (z, a) = (of(ZHAMBYL), of(ASTANA));
        assert!(z.score > a.score + 25.0, "{z:?} {a:?}");
        assert!(z.level() >= kelisim_core::monitoring::risk::RiskLevel::Orange, "{z:?}");
        let points = |r: &risk::RegionRisk, f: kelisim_core::monitoring::risk::Factor| r.factors.iter().find(|c| c.factor == f).unwrap().points;
        assert_eq!(points(&z, kelisim_core::monitoring::risk::Factor::MaxLevel), 11.25, "level 3 of 4");
        assert!(points(&z, kelisim_core::monitoring::risk::Factor::HostilityShare) > 10.0, "15 % flagged");
        assert_eq!(points(&a, kelisim_core::monitoring::risk::Factor::Incidents), 0.0);
        assert!(raised >= 1, "Zhambyl's first week at orange or red alerts");
        // Recomputing the same week at the same level raises nothing more.
        let (_, again) = risk::compute_week(&store, "2026-11-09", "2026-11-16T00:00:00Z", false).await.unwrap();
        assert_eq!(again, 0);
        assert_eq!(risk::week(&store, "2026-11-09").await.unwrap().len(), 20);
        // As of before the incident was known, it did not count.
        let history = risk::RiskHistory::load(&store, "2026-01-01").await.unwrap();
        assert!(history.inputs(ZHAMBYL, "2026-11-05T05:30:00Z", false).recent_levels.is_empty(), "it happened at 05:00 and was registered at 06:00");
        assert_eq!(history.inputs(ZHAMBYL, "2026-11-07T00:00:00Z", false).recent_levels.len(), 1);
        assert_eq!(history.inputs(ZHAMBYL, "2026-11-07T00:00:00Z", false).recent_levels[0].value(), 1, "still level 1 then");
        assert!(history.event_within(ZHAMBYL, "2026-11-01T00:00:00Z", 30));
        assert!(!history.event_within(ASTANA, "2026-11-01T00:00:00Z", 30));
        let report = risk::backtest(&store, "2027-01-15").await.unwrap();
        assert!(report.weeks > 0 && report.events > 0, "{report:?}");
        assert!((0.0..=1.0).contains(&report.index.brier) && (0.0..=1.0).contains(&report.baseline_rate.average_precision));
        // Brought down to 2, the incident still marks the region's month with the level it reached.
        incidents::change_level(&store, "analyst", id, 2, "Стороны примирены", "2026-11-10T06:00:00Z").await.unwrap();
        let (next, _) = risk::compute_week(&store, "2026-11-16", "2026-11-23T00:00:00Z", false).await.unwrap();
        let z_next = next.iter().find(|x| x.region == ZHAMBYL).unwrap();
        assert_eq!(points(z_next, kelisim_core::monitoring::risk::Factor::MaxLevel), 11.25, "the peak of the last 28 days: {z_next:?}");
    })
    .await;
}

#[tokio::test]
async fn issue_4_a_failing_delivery_is_retried_then_shown_failed_and_an_alert_is_acknowledged_once() {
    each_backend("deliveries", |store| async move {
        accounts(&store).await;
        let hook = ChannelInput { kind: "webhook".into(), target: "http://127.0.0.1:9/hook".into(), secret: Some("0123456789abcdef0123".into()), region: Some(ALMATY.into()) };
        alerts::create_channel(&store, "admin", &hook, "2026-11-01T00:00:00Z").await.unwrap();
        let bad = ChannelInput { kind: "webhook".into(), target: "ftp://x".into(), secret: Some("short".into()), region: Some("42".into()) };
        let errs = invalid(alerts::create_channel(&store, "admin", &bad, "2026-11-01T00:00:00Z").await.unwrap_err());
        for f in ["target", "secret", "region"] {
            assert!(errs.for_field(f).is_some(), "{f}");
        }
        let id = incidents::create(&store, "analyst", &NewIncident { input: incident(ALMATY), level: 3, ..Default::default() }, "2026-11-10T10:00:00Z").await.unwrap().alert.unwrap();
        let due = alerts::due(&store, "2026-11-10T10:00:00Z", 50).await.unwrap();
        let channels: Vec<&str> = due.iter().map(|d| d.delivery.channel.as_str()).collect();
        assert_eq!(channels, vec!["email", "webhook"], "in-app deliveries are done at once");
        let hook_delivery = due.iter().find(|d| d.delivery.channel == "webhook").unwrap();
        assert_eq!(hook_delivery.secret.as_deref(), Some("0123456789abcdef0123"));
        let mut now = "2026-11-10T10:00:00Z".to_string();
        let mut statuses = Vec::new();
        for _ in 0..kelisim_core::monitoring::alert::MAX_ATTEMPTS {
            statuses.push(alerts::record_attempt(&store, hook_delivery.delivery.id, Err("connection refused".into()), &now).await.unwrap());
            now = kelisim_core::monitoring::calendar::add_seconds(&now, 3 * 3600);
        }
        assert_eq!(statuses.last().map(String::as_str), Some("failed"));
        assert!(statuses[..statuses.len() - 1].iter().all(|s| s == "retrying"));
        let failing = alerts::failing(&store, Some(ALMATY)).await.unwrap();
        assert_eq!(failing.len(), 1);
        assert_eq!((failing[0].channel.as_str(), failing[0].status.as_str(), failing[0].last_error.as_deref()), ("webhook", "failed", Some("connection refused")));
        assert!(alerts::due(&store, &now, 50).await.unwrap().iter().all(|d| d.delivery.channel != "webhook"), "given up");
        let email = due.iter().find(|d| d.delivery.channel == "email").unwrap();
        assert_eq!(alerts::record_attempt(&store, email.delivery.id, Ok(()), "2026-11-10T10:00:05Z").await.unwrap(), "sent");

        alerts::acknowledge(&store, "resp.almaty", id, "Выехала группа", "2026-11-10T10:05:00Z").await.unwrap();
        assert!(matches!(alerts::acknowledge(&store, "analyst", id, "", "2026-11-10T10:06:00Z").await, Err(StoreError::Conflict(_))));
        alerts::add_action(&store, "resp.almaty", id, "Проведена встреча с участковым", "2026-11-10T12:00:00Z").await.unwrap();
        let a = alerts::get(&store, id).await.unwrap();
        assert_eq!(a.acknowledged_by.as_deref(), Some("resp.almaty"));
        let actions = alerts::actions(&store, id).await.unwrap();
        assert_eq!(actions.iter().map(|x| x.text.as_str()).collect::<Vec<_>>(), vec!["Выехала группа", "Проведена встреча с участковым"]);
        let open = alerts::list(&store, &AlertFilter { status: Some("open".into()), ..Default::default() }, 1, 10).await.unwrap();
        assert_eq!(open.1, 0);
    })
    .await;
}
