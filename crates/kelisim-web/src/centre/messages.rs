//! An alert in words: one line per alert, in the reader's language, made of
//! the facts its cause recorded (`alerts.facts`). E-mails carry it in
//! Kazakh and Russian, webhooks in the three languages.

use kelisim_core::reference::{ethnic_groups::group_by_slug, REGIONS};
use kelisim_store::monitoring::alerts::Alert;
use serde_json::Value;

use crate::i18n::{self, Lang};

/// A region's name in `lang` (the code itself when unknown).
pub fn region_name(lang: Lang, kato: &str) -> String {
    REGIONS
        .iter()
        .find(|r| r.kato == kato)
        .map(|r| match lang {
            Lang::Kk => r.name_kk,
            Lang::Ru => r.name_ru,
            Lang::En => r.name_en,
        })
        .unwrap_or(kato)
        .to_string()
}

/// An ethnic group's name in `lang` (the id itself when unknown).
pub fn group_name(lang: Lang, slug: &str) -> String {
    group_by_slug(slug)
        .map(|g| match lang {
            Lang::Kk => g.name_kk,
            Lang::Ru => g.name_ru,
            Lang::En => g.name_en,
        })
        .unwrap_or(slug)
        .to_string()
}

fn groups_of(lang: Lang, v: &Value) -> String {
    let names: Vec<String> = v
        .as_array()
        .map(|a| a.iter().filter_map(|g| g.as_str().or_else(|| g.get("group").and_then(|x| x.as_str()))).map(|s| group_name(lang, s)).collect())
        .unwrap_or_default();
    if names.is_empty() {
        "—".into()
    } else {
        names.join(", ")
    }
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The alert's line in `lang`.
pub fn text(lang: Lang, alert: &Alert) -> String {
    let f = &alert.facts;
    let region = alert.region.as_deref().map(|r| region_name(lang, r)).unwrap_or_else(|| i18n::t(lang, "national"));
    let args: Vec<(&str, String)> = match alert.kind.as_str() {
        "incident" => {
            let level = f["level"].as_i64().unwrap_or(0);
            vec![("id", s(&f["incident_id"])), ("level", level.to_string()), ("level_name", i18n::t(lang, &format!("level-{level}"))), ("title", s(&f["title"])), ("region", region)]
        }
        "spike" => vec![("region", region), ("day", s(&f["day"])), ("flagged", s(&f["flagged"])), ("baseline", s(&f["baseline"])), ("groups", groups_of(lang, &f["groups"]))],
        "campaign" => vec![("id", s(&f["campaign_id"])), ("documents", s(&f["documents"])), ("authors", s(&f["authors"])), ("region", region), ("groups", groups_of(lang, &f["groups"]))],
        "risk" => vec![("region", region), ("level", i18n::t(lang, &format!("risk-{}", s(&f["to"])))), ("score", s(&f["score"]))],
        "reminder" => vec![("id", s(&f["assignment_id"])), ("text", s(&f["text"])), ("executor", s(&f["executor"])), ("deadline", s(&f["deadline"])), ("days", s(&f["days_left"])), ("region", region)],
        _ => vec![],
    };
    i18n::get().t_args(lang, &format!("alert-{}", alert.kind), &args)
}

/// Where an alert's cause is shown in the UI.
pub fn subject_path(alert: &Alert) -> String {
    match (alert.kind.as_str(), alert.subject_id, alert.region.as_deref()) {
        ("incident", Some(id), _) => format!("/incidents/{id}"),
        ("campaign", Some(id), _) => format!("/monitoring/campaigns/{id}"),
        ("reminder", Some(id), _) => format!("/assignments/{id}"),
        (_, _, Some(region)) => format!("/monitoring/regions/{region}"),
        _ => "/monitoring".into(),
    }
}
