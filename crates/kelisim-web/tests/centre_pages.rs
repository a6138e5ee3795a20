//! The monitoring centre's screens (issue 4 §6) as an analyst, a regional
//! secretariat and a responder use them, on both backends: posts come in over
//! the API, the detectors run (the server's timer's own function), and the
//! map, the region's page, the flagged feed and the campaign show what they
//! found; an incident is registered and escalated through the forms, its
//! alert acknowledged on the alert's page.

mod common;

use common::{apps, Client, TestApp};
use kelisim_store::users;
use serde_json::json;

const ALMATY: &str = "750000000";
const HOSTILE: &str = "Уйгуры в Алматы захватывают наши земли, пора выгнать их всех!";

fn account(app: &TestApp, login: &'static str, role: &'static str, region: Option<&'static str>) -> String {
    let s = app.store.clone();
    app.block_on(async move {
        users::create(&s, "setup", &users::NewUser { login, role, region, organisation_id: None, password: "password-123456" }).await.unwrap();
        users::create_api_token(&s, "setup", login).await.unwrap()
    })
}

fn signed_in(app: &TestApp, login: &str) -> Client {
    let mut c = Client::new(&app.base);
    assert_eq!(c.sign_in(login, "password-123456", None).status, 303);
    c
}

fn yesterday() -> String {
    let now = kelisim_store::now_utc();
    kelisim_core::monitoring::calendar::add_days(&kelisim_core::monitoring::calendar::day_of_instant(&now), -1)
}

#[test]
fn issue_4_an_analyst_follows_posts_to_a_spike_and_a_campaign_and_the_region_to_an_alert() {
    for app in apps("centre_pages") {
        let crawler = account(&app, "crawler", "analyst", None);
        account(&app, "analyst", "analyst", None);
        account(&app, "almaty.secretariat", "regional_admin", Some(ALMATY));
        account(&app, "responder", "responder", Some(ALMATY));
        account(&app, "mediator", "mediator", Some(ALMATY));
        let day = yesterday();
        // Twelve accounts post one hostile text within an hour; some ordinary posts beside them.
        let mut batch = vec![];
        for i in 0..12 {
            batch.push(json!({"source": "telegram", "external_id": format!("c{i}"), "author": format!("@bot{i}"), "published_at": format!("{day}T10:{:02}:00+05:00", i * 4), "text": HOSTILE}));
        }
        // Ten accounts repost a friendly announcement: a campaign too, but not a warning.
        for i in 0..10 {
            batch.push(json!({"source": "instagram", "external_id": format!("n{i}"), "author": format!("@fan{i}"), "published_at": format!("{day}T12:0{i}:00+05:00"), "text": "Казахи и русские вместе провели праздник в Алматы", "region": ALMATY}));
        }
        let r = Client::with_token(&app.base, &crawler).json("POST", "/api/v1/monitoring/documents", &json!(batch));
        assert_eq!(r.json()["stored"], 22, "{}", r.body);
        let store = app.store.clone();
        let found = app.block_on(async move { kelisim_web::centre::jobs::refresh(&store, &kelisim_store::now_utc(), false).await.unwrap() });
        assert_eq!((found.signals.spikes_new, found.signals.campaigns_new), (1, 2), "{found:?}");
        let store = app.store.clone();
        let campaign_alerts = app.block_on(async move { kelisim_store::monitoring::alerts::list(&store, &kelisim_store::monitoring::alerts::AlertFilter { kind: Some("campaign".into()), ..Default::default() }, 1, 10).await.unwrap().1 });
        assert_eq!(campaign_alerts, 1, "the friendly repost raises no alert");

        let mut analyst = signed_in(&app, "analyst");
        // The map of regions coloured by risk, as SVG from the server, with the risk table.
        let page = analyst.get("/monitoring");
        assert_eq!(page.status, 200);
        assert!(page.body.contains("<svg") && page.body.contains("/monitoring/regions/750000000"), "the map links each region");
        assert!(page.body.contains("id=\"open-alerts\""));
        let recent = page.body.split("id=\"recent-campaigns\"").nth(1).unwrap().split("</div>").next().unwrap();
        assert_eq!(recent.matches("/monitoring/campaigns/").count(), 1, "the overview lists the hostile campaign only: {recent}");
        // The region: trend charts, the spike, the campaign, the factors of the risk index.
        let region = analyst.get(&format!("/monitoring/regions/{ALMATY}"));
        assert_eq!(region.status, 200);
        assert!(region.body.contains("id=\"hostility-chart\"") && region.body.contains("class=\"marked\""), "the spike day is marked on the chart");
        assert!(region.body.contains(&format!("<b>{day}</b>")), "the spike is listed");
        let listed = region.body.split("id=\"region-campaigns\"").nth(1).unwrap().split("</div>").next().unwrap();
        assert_eq!((listed.matches("/monitoring/campaigns/").count(), listed.matches("badge alert-campaign").count()), (2, 1), "the region lists both, the hostile one marked: {listed}");
        let campaign_link = listed.split("badge alert-campaign").next().unwrap().rsplit("/monitoring/campaigns/").next().and_then(|s| s.split('"').next()).expect("the campaign is listed").to_string();
        assert!(region.body.contains("id=\"risk-factors\""));
        // The campaign: 12 distinct accounts, shown by pseudonym only.
        let campaign = analyst.get(&format!("/monitoring/campaigns/{campaign_link}"));
        assert_eq!(campaign.status, 200);
        assert!(campaign.body.contains("id=\"campaign-authors\">12<"), "12 distinct accounts");
        assert!(!campaign.body.contains("@bot"), "no handle is shown");
        // The flagged feed: the group highlighted in the text.
        let feed = analyst.get(&format!("/monitoring/feed?region={ALMATY}"));
        assert_eq!(feed.status, 200);
        assert!(feed.body.contains("<mark") && feed.body.contains(">Уйгуры</mark>"), "the matched phrase is highlighted");
        // Kazakh and Russian screens.
        assert!(analyst.get("/monitoring").body.contains("Мониторинг және ерте ескерту"), "Kazakh by default");
        analyst.cookies.insert("kelisim_lang".into(), "ru".into());
        assert!(analyst.get("/monitoring").body.contains("Мониторинг и раннее предупреждение"));
        analyst.cookies.insert("kelisim_lang".into(), "en".into());
        assert!(analyst.get("/monitoring").body.contains("Monitoring and early warning"));

        // A mediator has no monitoring screens; a responder sees no texts.
        let mut mediator = signed_in(&app, "mediator");
        assert_eq!(mediator.get("/monitoring").status, 403);
        let mut responder = signed_in(&app, "responder");
        assert!(!responder.get(&format!("/monitoring/campaigns/{campaign_link}")).body.contains("захватывают"), "texts are for analysts and admins");

        // The regional secretariat registers the incident from the form, then escalates it to level 3.
        let mut almaty = signed_in(&app, "almaty.secretariat");
        let form = almaty.get("/incidents/new");
        assert_eq!(form.status, 200);
        let csrf = Client::csrf_of(&form.body);
        let bad = almaty.post_form("/incidents/new", &[("csrf", &csrf), ("title", ""), ("occurred_at", "yesterday"), ("region", ALMATY), ("category", "land_water_dispute"), ("source", "council_report"), ("level", "1")]);
        assert_eq!(bad.status, 422, "bad input is shown again with its errors");
        assert!(bad.body.contains("class=\"error\""));
        let occurred = format!("{day}T09:00");
        let r = almaty.post_form(
            "/incidents/new",
            &[("csrf", &csrf), ("title", "Спор соседей из-за участка"), ("occurred_at", &occurred), ("region", ALMATY), ("category", "land_water_dispute"), ("source", "council_report"), ("level", "1"), ("groups", "kazakh"), ("groups", "uyghur"), ("reporter_name", "Асқар")],
        );
        assert_eq!(r.status, 303, "{}", &r.body[..r.body.len().min(400)]);
        let path = r.header("location").unwrap().to_string();
        let page = almaty.get(&path);
        assert!(page.body.contains("Спор соседей из-за участка") && !page.body.contains("Асқар"), "the reporter stays hidden");
        let csrf = Client::csrf_of(&page.body);
        let r = almaty.post_form(&format!("{path}/level"), &[("csrf", &csrf), ("level", "3"), ("reason", "Массовая драка у участка")]);
        assert_eq!(r.status, 303);
        assert!(almaty.get(&path).body.contains("Массовая драка у участка"), "the reason is on the timeline");

        // The responder finds the alert, acknowledges it and records an action.
        let alerts = responder.get("/alerts");
        assert_eq!(alerts.status, 200);
        let alert_path = alerts.body.split("href=\"/alerts/").filter_map(|s| s.split('"').next()).find(|s| s.chars().all(|c| c.is_ascii_digit())).map(|id| format!("/alerts/{id}")).expect("an alert is listed");
        let page = responder.get(&alert_path);
        let csrf = Client::csrf_of(&page.body);
        assert_eq!(responder.post_form(&format!("{alert_path}/acknowledge"), &[("csrf", &csrf), ("text", "Выезжаем")]).status, 303);
        assert_eq!(responder.post_form(&format!("{alert_path}/actions"), &[("csrf", &csrf), ("text", "Медиатор на месте")]).status, 303);
        let page = responder.get(&alert_path);
        assert!(page.body.contains("Медиатор на месте") && page.body.contains("responder"));
        // The incident list and its map, filtered by level.
        let list = analyst.get("/incidents?level_min=3");
        assert!(list.body.contains("Спор соседей из-за участка") && list.body.contains("<svg"));
        assert!(!analyst.get("/incidents?level_min=4").body.contains("Спор соседей из-за участка"));
    }
}
