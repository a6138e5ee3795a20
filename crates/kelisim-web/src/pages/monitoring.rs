//! The monitoring centre's screens (issue 4 §6): the map of regions coloured
//! by risk with the table behind it, a region's page (its risk factors,
//! trends of mentions and hostility by group, spikes, campaigns,
//! incidents), the analysts' feed of flagged documents with the groups they
//! name highlighted, and a campaign's page. Regional roles see their own
//! region; texts are shown to admins and analysts only.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::response::Html;
use kelisim_core::access;
use kelisim_core::monitoring::calendar::{add_days, day_start_instant, week_of};
use kelisim_core::monitoring::risk::{Factor, RiskLevel};
use kelisim_core::monitoring::ALL_GROUPS;
use kelisim_store::monitoring::alerts::{self, Alert, AlertFilter};
use kelisim_store::monitoring::daily::{self, DailyFilter};
use kelisim_store::monitoring::documents::{self, Document};
use kelisim_store::monitoring::incidents::{self, Incident, IncidentFilter};
use kelisim_store::monitoring::risk::{self, RegionRisk};
use kelisim_store::monitoring::signals::{self, Campaign, Spike};
use serde::Deserialize;

use super::{render, PageCtx, PageResult};
use crate::auth::Auth;
use crate::chart::{bars, line_chart, Series, LINE_COLOURS};
use crate::error::{AppError, PageError};
use crate::map::{self, MapArea, MapPoint};
use crate::state::AppState;

/// The colour of a risk level on maps and badges.
pub fn risk_colour(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Green => "#2e9e4f",
        RiskLevel::Yellow => "#f2c230",
        RiskLevel::Orange => "#f28c28",
        RiskLevel::Red => "#d7301f",
    }
}

/// The colour of an incident's escalation level on the map.
pub fn level_colour(level: i64) -> &'static str {
    ["#9aa5b1", "#f2c230", "#f28c28", "#d7301f", "#7f0000"][level.clamp(0, 4) as usize]
}

/// The region scope of the page's viewer: `None` every region.
fn scope(auth: &Auth) -> Result<Option<String>, AppError> {
    let scope = access::monitoring_scope(&auth.principal);
    auth.require(scope.is_some())?;
    Ok(scope.flatten())
}

/// A region's line in the table of the centre.
pub struct RiskLine {
    pub kato: String,
    pub name: String,
    pub score: f64,
    pub level: String,
    /// Change against the week before, in points.
    pub change: f64,
    /// The factors with the most points, in words.
    pub top: String,
}

#[derive(Template)]
#[template(path = "monitoring.html")]
struct CentrePage {
    ctx: PageCtx,
    week: String,
    map_svg: String,
    lines: Vec<RiskLine>,
    alerts: Vec<(Alert, String)>,
    spikes: Vec<Spike>,
    campaigns: Vec<Campaign>,
    incidents: Vec<Incident>,
    documents_chart: String,
    share_chart: String,
    demo: bool,
}

fn factor_name(ctx: &PageCtx, f: Factor) -> String {
    ctx.t(&format!("factor-{}", f.slug().replace('_', "-")))
}

/// The last `days` days to `today`, oldest first.
fn days_to(today: &str, days: i64) -> Vec<String> {
    (0..days).rev().map(|k| add_days(today, -k)).collect()
}

pub async fn centre(State(state): State<AppState>, auth: Auth, uri: Uri) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let own = scope(&auth).page(lang)?;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let store = &state.store;
    let today = kelisim_store::today_utc();
    let week = risk::latest_week(store).await.page(lang)?.unwrap_or_else(|| week_of(&today));
    let rows = risk::week(store, &week).await.page(lang)?;
    let before: HashMap<String, f64> = risk::week(store, &add_days(&week, -7)).await.page(lang)?.into_iter().map(|r| (r.region, r.score)).collect();
    let visible = |r: &str| own.as_deref().is_none_or(|o| o == r);
    let mut lines: Vec<RiskLine> = rows
        .iter()
        .filter(|r| visible(&r.region))
        .map(|r| {
            let mut top: Vec<_> = r.factors.iter().filter(|c| c.points >= 1.0).collect();
            top.sort_by(|a, b| b.points.total_cmp(&a.points));
            RiskLine {
                kato: r.region.clone(),
                name: ctx.region_of(&r.region),
                score: r.score,
                level: r.level.clone(),
                change: ((r.score - before.get(&r.region).copied().unwrap_or(r.score)) * 10.0).round() / 10.0,
                top: top.iter().take(3).map(|c| format!("{} {:.1}", factor_name(&ctx, c.factor), c.points)).collect::<Vec<_>>().join(", "),
            }
        })
        .collect();
    lines.sort_by(|a, b| b.score.total_cmp(&a.score));
    // Open incidents of level ≥ 2 of the last 60 days on the map.
    let recent = IncidentFilter { region: own.clone(), level_min: Some(2), from: Some(add_days(&today, -60)), ..Default::default() };
    let (map_incidents, _) = incidents::list(store, &recent, 1, 200).await.page(lang)?;
    let areas: Vec<MapArea> = ctx
        .regions
        .iter()
        .filter(|r| visible(&r.kato))
        .filter_map(|r| {
            let row = rows.iter().find(|x| x.region == r.kato)?;
            Some(MapArea {
                osm_id: r.osm_id,
                fill: risk_colour(row.level()).to_string(),
                title: format!("{}: {} ({:.1})", ctx.name(&r.name), ctx.risk_name(&row.level), row.score),
                href: format!("/monitoring/regions/{}", r.kato),
            })
        })
        .collect();
    let points = incident_points(&ctx, &map_incidents);
    let legend: Vec<(String, String)> = RiskLevel::ALL.iter().map(|l| (risk_colour(*l).to_string(), ctx.risk_name(l.slug()))).collect();
    let map_svg = map::draw(&areas, &points, &ctx.ta("risk-map-legend", "week", &week), &legend, &ctx.t("map-attribution"));
    let (alert_items, _) = alerts::list(store, &AlertFilter { region: own.clone(), status: Some("open".into()), ..Default::default() }, 1, 8).await.page(lang)?;
    let alerts = alert_items.into_iter().map(|a| (crate::centre::messages::text(lang, &a), a)).map(|(t, a)| (a, t)).collect();
    let spikes = signals::spikes(store, own.as_deref(), &add_days(&today, -30), &today).await.page(lang)?.into_iter().take(10).collect();
    // The overview warns: hostile campaigns only (the region's page lists them all).
    let campaigns = signals::campaigns(store, own.as_deref(), &day_start_instant(&add_days(&today, -30)), &day_start_instant(&add_days(&today, 1)), 200).await.page(lang)?.into_iter().filter(|c| c.hostile).take(10).collect();
    let open = IncidentFilter { region: own.clone(), stage: Some("open".into()), level_min: Some(1), ..Default::default() };
    let (incidents, _) = incidents::list(store, &open, 1, 10).await.page(lang)?;
    // The field, day by day over 90 days (the viewer's region or the whole country).
    let days = days_to(&today, 90);
    let counts = daily::read(store, &DailyFilter { from: days[0].clone(), to: today.clone(), region: own.clone(), group: Some(ALL_GROUPS.into()) }).await.page(lang)?;
    let mut per_day: BTreeMap<&str, (f64, f64, f64)> = BTreeMap::new();
    for c in &counts {
        let e = per_day.entry(c.day.as_str()).or_default();
        e.0 += c.mentions as f64;
        e.1 += c.ethnic_hostile as f64;
        e.2 += c.hostile as f64;
    }
    let labels: Vec<String> = days.iter().map(|d| d[5..].to_string()).collect();
    let get = |d: &String| per_day.get(d.as_str()).copied().unwrap_or_default();
    let documents_chart = line_chart(
        &ctx.t("chart-documents-per-day"),
        &labels,
        &[
            Series { label: ctx.t("chart-documents"), colour: LINE_COLOURS[0], values: days.iter().map(|d| get(d).0).collect() },
            Series { label: ctx.t("chart-flagged"), colour: LINE_COLOURS[1], values: days.iter().map(|d| get(d).1).collect() },
        ],
        &[],
        false,
    );
    let share_chart = line_chart(
        &ctx.t("chart-flagged-share"),
        &labels,
        &[Series { label: ctx.t("chart-flagged-share"), colour: LINE_COLOURS[1], values: days.iter().map(|d| { let (n, f, _) = get(d); if n > 0.0 { f / n } else { 0.0 } }).collect() }],
        &[],
        true,
    );
    let demo = kelisim_store::settings::get(store, "demo_loaded").await.page(lang)?.is_some();
    render(&CentrePage { ctx, week, map_svg, lines, alerts, spikes, campaigns, incidents, documents_chart, share_chart, demo }, lang)
}

/// The incidents as points: at their coordinates, else at their region's anchor.
pub fn incident_points(ctx: &PageCtx, items: &[Incident]) -> Vec<MapPoint> {
    items
        .iter()
        .filter_map(|i| {
            let (lat, lon) = match (i.lat, i.lon) {
                (Some(lat), Some(lon)) => (lat, lon),
                _ => ctx.regions.iter().find(|r| r.kato == i.region).and_then(|r| map::region_anchor(r.osm_id))?,
            };
            Some(MapPoint {
                lat,
                lon,
                colour: level_colour(i.level).to_string(),
                radius: 4.0 + i.level as f64 * 1.5,
                title: format!("#{} {} — {}", i.id, i.title, ctx.level_name(&i.level)),
                href: format!("/incidents/{}", i.id),
            })
        })
        .collect()
}

#[derive(Template)]
#[template(path = "monitoring_region.html")]
struct RegionPage {
    ctx: PageCtx,
    kato: String,
    name: String,
    risk: Option<RegionRisk>,
    factors_svg: String,
    risk_chart: String,
    mentions_chart: String,
    hostility_chart: String,
    spikes: Vec<Spike>,
    campaigns: Vec<Campaign>,
    incidents: Vec<Incident>,
    groups_table: Vec<(String, i64, i64, i64, i64)>,
}

pub async fn region(State(state): State<AppState>, auth: Auth, uri: Uri, Path(kato): Path<String>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let own = scope(&auth).page(lang)?;
    auth.require(own.as_deref().is_none_or(|o| o == kato)).page(lang)?;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    if !ctx.regions.iter().any(|r| r.kato == kato) {
        return Err(PageError { error: AppError::NotFound, lang });
    }
    let store = &state.store;
    let today = kelisim_store::today_utc();
    let weeks = risk::region_weeks(store, &kato, &add_days(&today, -371)).await.page(lang)?;
    let risk = weeks.last().cloned();
    let factors_svg = match &risk {
        Some(r) => bars(
            &ctx.t("risk-factors"),
            &r.factors.iter().map(|c| (factor_name(&ctx, c.factor), c.points, c.factor.weight(), risk_colour(r.level()))).collect::<Vec<_>>(),
        ),
        None => String::new(),
    };
    let risk_chart = line_chart(
        &ctx.t("chart-risk-weekly"),
        &weeks.iter().map(|w| w.week[5..].to_string()).collect::<Vec<_>>(),
        &[Series { label: ctx.t("risk-score"), colour: LINE_COLOURS[1], values: weeks.iter().map(|w| w.score).collect() }],
        &[],
        false,
    );
    let days = days_to(&today, 90);
    let counts = daily::read(store, &DailyFilter { from: days[0].clone(), to: today.clone(), region: Some(kato.clone()), group: None }).await.page(lang)?;
    let mut by_group: HashMap<&str, HashMap<&str, (i64, i64, i64, i64)>> = HashMap::new();
    for c in &counts {
        by_group.entry(c.group.as_str()).or_default().insert(c.day.as_str(), (c.mentions, c.ethnic_hostile, c.negative, c.positive));
    }
    let totals = |g: &HashMap<&str, (i64, i64, i64, i64)>| g.values().fold((0, 0, 0, 0), |a, v| (a.0 + v.0, a.1 + v.1, a.2 + v.2, a.3 + v.3));
    let mut groups: Vec<(&str, (i64, i64, i64, i64))> = by_group.iter().filter(|(g, _)| **g != ALL_GROUPS).map(|(g, days)| (*g, totals(days))).collect();
    groups.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let labels: Vec<String> = days.iter().map(|d| d[5..].to_string()).collect();
    let spikes = signals::spikes(store, Some(&kato), &add_days(&today, -365), &today).await.page(lang)?;
    let marked: Vec<usize> = days.iter().enumerate().filter(|(_, d)| spikes.iter().any(|s| &s.day == *d)).map(|(i, _)| i).collect();
    let series_of = |pick: fn(&(i64, i64, i64, i64)) -> i64, order: &[(&str, (i64, i64, i64, i64))]| -> Vec<Series> {
        order
            .iter()
            .take(5)
            .enumerate()
            .map(|(i, (g, _))| Series {
                label: ctx.group_name(g),
                colour: LINE_COLOURS[i % LINE_COLOURS.len()],
                values: days.iter().map(|d| by_group.get(g).and_then(|m| m.get(d.as_str())).map_or(0.0, |v| pick(v) as f64)).collect(),
            })
            .collect()
    };
    let mentions_chart = line_chart(&ctx.t("chart-mentions-by-group"), &labels, &series_of(|v| v.0, &groups), &[], false);
    let mut hostile_order = groups.clone();
    hostile_order.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(b.0)));
    hostile_order.retain(|g| g.1 .1 > 0);
    let hostility_chart = line_chart(&ctx.t("chart-hostility-by-group"), &labels, &series_of(|v| v.1, &hostile_order), &marked, false);
    let groups_table = groups.iter().take(12).map(|(g, t)| (g.to_string(), t.0, t.2, t.3, t.1)).collect();
    let campaigns = signals::campaigns(store, Some(&kato), &day_start_instant(&add_days(&today, -365)), &day_start_instant(&add_days(&today, 1)), 50).await.page(lang)?;
    let (incidents, _) = incidents::list(store, &IncidentFilter { region: Some(kato.clone()), ..Default::default() }, 1, 20).await.page(lang)?;
    let name = ctx.region_of(&kato);
    render(&RegionPage { ctx, kato, name, risk, factors_svg, risk_chart, mentions_chart, hostility_chart, spikes, campaigns, incidents, groups_table }, lang)
}

/// A document of the feed, its text cut into plain and highlighted pieces.
pub struct FeedItem {
    pub doc: Document,
    /// (text, group id when it is a mention).
    pub pieces: Vec<(String, Option<String>)>,
}

/// Cuts a text at its mentions' byte spans (sorted, overlaps and spans off a
/// character boundary skipped).
pub fn highlight(text: &str, doc: &Document) -> Vec<(String, Option<String>)> {
    let mut spans: Vec<(usize, usize, &str)> = doc.groups.iter().flat_map(|g| g.mentions.iter().map(move |m| (m[0] as usize, m[1] as usize, g.group.as_str()))).collect();
    spans.sort();
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, group) in spans {
        if start < at || end > text.len() || start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > at {
            out.push((text[at..start].to_string(), None));
        }
        out.push((text[start..end].to_string(), Some(group.to_string())));
        at = end;
    }
    if at < text.len() {
        out.push((text[at..].to_string(), None));
    }
    out
}

#[derive(Template)]
#[template(path = "monitoring_feed.html")]
struct FeedPage {
    ctx: PageCtx,
    items: Vec<FeedItem>,
    f_region: String,
    page: i64,
    more: bool,
    can_register: bool,
}

#[derive(Deserialize, Default)]
pub struct FeedQuery {
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    page: Option<i64>,
}

pub async fn feed(State(state): State<AppState>, auth: Auth, uri: Uri, Query(q): Query<FeedQuery>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    auth.require(access::can_read_document_texts(&auth.principal)).page(lang)?;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let page = q.page.unwrap_or(1).max(1);
    let region = q.region.clone().filter(|r| !r.is_empty());
    let docs = documents::flagged(&state.store, region.as_deref(), page, 26).await.page(lang)?;
    let more = docs.len() > 25;
    let items = docs.into_iter().take(25).map(|doc| FeedItem { pieces: highlight(doc.text.as_deref().unwrap_or(""), &doc), doc }).collect();
    let can_register = access::can_write_incident(&auth.principal, None);
    render(&FeedPage { ctx, items, f_region: region.unwrap_or_default(), page, more, can_register }, lang)
}

#[derive(Template)]
#[template(path = "monitoring_campaign.html")]
struct CampaignPage {
    ctx: PageCtx,
    campaign: Campaign,
    documents: Vec<FeedItem>,
    texts: bool,
}

pub async fn campaign(State(state): State<AppState>, auth: Auth, uri: Uri, Path(id): Path<i64>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    scope(&auth).page(lang)?;
    let campaign = signals::campaign(&state.store, id).await.page(lang)?;
    auth.require(access::in_monitoring_scope(&auth.principal, campaign.region.as_deref())).page(lang)?;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let texts = access::can_read_document_texts(&auth.principal);
    let mut docs = Vec::new();
    for doc_id in signals::campaign_document_ids(&state.store, id, 200).await.page(lang)? {
        let doc = documents::get(&state.store, doc_id).await.page(lang)?;
        let pieces = if texts { highlight(doc.text.as_deref().unwrap_or(""), &doc) } else { Vec::new() };
        docs.push(FeedItem { doc, pieces });
    }
    render(&CampaignPage { ctx, campaign, documents: docs, texts }, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kelisim_store::monitoring::documents::DocumentGroup;

    #[test]
    fn mentions_are_cut_out_of_the_text_at_their_byte_spans() {
        let text = "Казахи и уйгуры вместе";
        let doc = Document {
            id: 1,
            source: "t".into(),
            external_id: "1".into(),
            url: None,
            author_key: None,
            published_at: String::new(),
            day: String::new(),
            region: None,
            region_from: None,
            lat: None,
            lon: None,
            lang: "ru".into(),
            text: Some(text.into()),
            hostility: 0.0,
            ethnic_hostility: 0.0,
            strongest_negative: 0.0,
            flagged: false,
            groups: vec![
                DocumentGroup { group: "uyghur".into(), attitude: "neutral".into(), negative: 0.1, mentions: vec![[16, 28]] },
                DocumentGroup { group: "kazakh".into(), attitude: "neutral".into(), negative: 0.1, mentions: vec![[0, 12], [1, 3]] },
            ],
            regions: vec![],
            signature: String::new(),
            ingested_at: String::new(),
            text_purged_at: None,
        };
        let pieces = highlight(text, &doc);
        assert_eq!(pieces[0], ("Казахи".to_string(), Some("kazakh".to_string())));
        assert_eq!(pieces[1], (" и ".to_string(), None));
        assert_eq!(pieces[2], ("уйгуры".to_string(), Some("uyghur".to_string())));
        assert_eq!(pieces[3], (" вместе".to_string(), None));
        assert_eq!(pieces.len(), 4, "the overlapping span and the one off a boundary are skipped");
    }
}
