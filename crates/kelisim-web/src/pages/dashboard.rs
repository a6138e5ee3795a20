//! The dashboard: how many structures of each type, nationally and per region,
//! and the map of the regions coloured by structures per 100,000 people.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::Uri;
use axum::response::Html;
use kelisim_core::OrgType;
use serde::Deserialize;

use super::{render, PageCtx, PageResult};
use crate::auth::Auth;
use crate::error::PageError;
use crate::map::{choropleth, MapRegion};
use crate::state::AppState;

/// The columns of the per-region table.
const COLUMNS: [OrgType; 8] = [
    OrgType::EthnoculturalAssociation,
    OrgType::EldersCouncil,
    OrgType::MothersCouncil,
    OrgType::HouseOfFriendship,
    OrgType::MediationCentre,
    OrgType::DistrictAssembly,
    OrgType::YouthWing,
    OrgType::SundaySchool,
];

pub struct RegionLine {
    pub kato: String,
    pub name: String,
    pub counts: Vec<i64>,
    pub total: i64,
    pub per_100k: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    ctx: PageCtx,
    totals: Vec<(String, String, i64)>,
    columns: Vec<(String, String)>,
    lines: Vec<RegionLine>,
    map_svg: String,
    metric: String,
    demo: bool,
    grand_total: i64,
}

#[derive(Deserialize, Default)]
pub struct DashboardQuery {
    #[serde(default, rename = "type")]
    org_type: Option<String>,
}

pub async fn dashboard(State(state): State<AppState>, auth: Auth, uri: Uri, Query(q): Query<DashboardQuery>) -> Result<Html<String>, PageError> {
    let lang = auth.lang;
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let counts = kelisim_store::organisations::counts_by_region_and_type(&state.store).await.page(lang)?;
    let metric = q.org_type.as_deref().and_then(OrgType::from_slug).unwrap_or(OrgType::EthnoculturalAssociation);

    let totals = OrgType::ALL
        .iter()
        .map(|t| (t.slug().to_string(), ctx.type_name(t.slug()), counts.iter().filter(|(_, ty, _)| ty == t.slug()).map(|(_, _, n)| n).sum::<i64>()))
        .collect::<Vec<_>>();
    let count_of = |kato: &str, t: &str| counts.iter().filter(|(r, ty, _)| r.as_deref() == Some(kato) && ty == t).map(|(_, _, n)| *n).sum::<i64>();

    let mut lines = Vec::new();
    let mut map_regions = Vec::new();
    for r in &ctx.regions {
        let total = counts.iter().filter(|(reg, _, _)| reg.as_deref() == Some(r.kato.as_str())).map(|(_, _, n)| n).sum();
        let metric_count = count_of(&r.kato, metric.slug());
        let rate = metric_count as f64 * 100_000.0 / r.population.max(1) as f64;
        lines.push(RegionLine {
            kato: r.kato.clone(),
            name: ctx.name(&r.name).to_string(),
            counts: COLUMNS.iter().map(|t| count_of(&r.kato, t.slug())).collect(),
            total,
            per_100k: format!("{rate:.1}"),
        });
        map_regions.push(MapRegion {
            osm_id: r.osm_id,
            name: ctx.name(&r.name).to_string(),
            value: rate,
            href: format!("/registry?region={}&type={}", r.kato, metric.slug()),
        });
    }
    let legend = ctx.ta("map-legend-per-100k", "type", &ctx.type_name(metric.slug()));
    let map_svg = choropleth(&map_regions, &legend, &ctx.t("map-attribution"));
    let demo = kelisim_store::settings::get(&state.store, "demo_loaded").await.page(lang)?.is_some();
    let grand_total = totals.iter().map(|t| t.2).sum();
    let columns = COLUMNS.iter().map(|t| (t.slug().to_string(), ctx.type_name(t.slug()))).collect();
    render(&DashboardPage { ctx, totals, columns, lines, map_svg, metric: metric.slug().to_string(), demo, grand_total }, lang)
}
