//! A document of the information field as a crawler sends it (SPEC §3.4,
//! "ingest texts from news, social networks and messengers"), checked field by
//! field.
//!
//! Documents arrive as JSON from outside; [`parse_document`] reads one JSON
//! value and answers either a [`ValidDocument`] or every problem, each naming
//! its field with an i18n reason key, so that a batch can report "document 17:
//! `published_at`: not a valid time" and store the rest.

use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime, UtcOffset};

use crate::error::ValidationErrors;
use crate::organisation::{LAT_RANGE, LON_RANGE};
use crate::reference::REGIONS;

/// Kazakhstan keeps one time zone, UTC+5, since 1 March 2024: a document's
/// day is its calendar day there.
pub const KAZAKHSTAN_UTC_OFFSET_HOURS: i8 = 5;

/// Languages a sender may declare (`lang`), as the text engine names them.
pub const DOCUMENT_LANGS: &[&str] = &["kk", "ru", "en", "mixed", "other"];

/// The longest text kept whole (bytes of UTF-8): a news article fits; a
/// larger body is a dump, not a post.
pub const MAX_TEXT_BYTES: usize = 200_000;

/// A sender's clock may run ahead; a document further in the future than
/// this is refused as a wrong time stamp.
const FUTURE_TOLERANCE: Duration = Duration::hours(1);

/// A document that passed every check, with its time in UTC.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidDocument {
    /// Where it was collected (`telegram`, `vk`, `tengrinews.kz`, ...).
    pub source: String,
    /// Its id at the source; with `source`, the key that makes re-sending harmless.
    pub external_id: String,
    pub url: Option<String>,
    /// The author's handle as sent; stored only pseudonymised.
    pub author: Option<String>,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub published_at: String,
    /// `YYYY-MM-DD` in Kazakhstan time ([`local_day`]).
    pub day: String,
    pub text: String,
    /// The language the sender declared, if any.
    pub lang: Option<String>,
    /// The region the sender declared (KATO), if any.
    pub region: Option<String>,
    pub geo: Option<(f64, f64)>,
}

/// The calendar day of an instant in Kazakhstan (UTC+5), `YYYY-MM-DD`.
pub fn local_day(instant: OffsetDateTime) -> String {
    let offset = UtcOffset::from_hms(KAZAKHSTAN_UTC_OFFSET_HOURS, 0, 0).unwrap_or(UtcOffset::UTC);
    let d = instant.to_offset(offset).date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// An instant as stored: `YYYY-MM-DDTHH:MM:SSZ` in UTC.
pub fn instant_text(instant: OffsetDateTime) -> String {
    let t = instant.to_offset(UtcOffset::UTC);
    let d = t.date();
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", d.year(), u8::from(d.month()), d.day(), t.hour(), t.minute(), t.second())
}

/// A string field: `Ok(None)` when absent, null or blank.
fn optional_text(obj: &serde_json::Map<String, Value>, field: &str, max_chars: usize, errs: &mut ValidationErrors) -> Option<String> {
    match obj.get(field) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) if s.chars().count() > max_chars => {
            errs.push(field, "err-too-long");
            None
        }
        Some(Value::String(s)) => Some(s.trim().to_string()),
        // Ids are often numbers at the source; they are kept as their digits.
        Some(Value::Number(n)) if field == "external_id" => Some(n.to_string()),
        Some(_) => {
            errs.push(field, "err-not-text");
            None
        }
    }
}

fn required_text(obj: &serde_json::Map<String, Value>, field: &str, max_chars: usize, errs: &mut ValidationErrors) -> String {
    let before = errs.0.len();
    let value = optional_text(obj, field, max_chars, errs);
    if value.is_none() && errs.0.len() == before {
        errs.push(field, "err-required");
    }
    value.unwrap_or_default()
}

/// `geo` is `{"lat": …, "lon": …}` or `[lat, lon]`, inside Kazakhstan's box
/// (with a margin).
fn geo(value: Option<&Value>, errs: &mut ValidationErrors) -> Option<(f64, f64)> {
    let (lat, lon) = match value {
        None | Some(Value::Null) => return None,
        Some(Value::Object(o)) => (o.get("lat").and_then(Value::as_f64), o.get("lon").and_then(Value::as_f64)),
        Some(Value::Array(a)) if a.len() == 2 => (a[0].as_f64(), a[1].as_f64()),
        Some(_) => (None, None),
    };
    let (Some(lat), Some(lon)) = (lat, lon) else {
        errs.push("geo", "err-geo-format");
        return None;
    };
    if !(LAT_RANGE.0..=LAT_RANGE.1).contains(&lat) || !(LON_RANGE.0..=LON_RANGE.1).contains(&lon) {
        errs.push("geo", "err-outside-kazakhstan");
        return None;
    }
    Some((lat, lon))
}

/// Reads one document. `default_source` fills a missing `source` (the CLI's
/// `--source`); `now` refuses documents dated more than an hour ahead.
pub fn parse_document(value: &Value, default_source: Option<&str>, now: OffsetDateTime) -> Result<ValidDocument, ValidationErrors> {
    let mut errs = ValidationErrors::default();
    let Some(obj) = value.as_object() else {
        errs.push("document", "err-not-object");
        return Err(errs);
    };
    let source = match (optional_text(obj, "source", 100, &mut errs), default_source) {
        (Some(s), _) => s,
        (None, Some(d)) if !obj.contains_key("source") || obj["source"].is_null() => d.to_string(),
        _ => {
            if errs.for_field("source").is_none() {
                errs.push("source", "err-required");
            }
            String::new()
        }
    };
    let external_id = required_text(obj, "external_id", 200, &mut errs);
    let url = optional_text(obj, "url", 2000, &mut errs);
    if let Some(u) = &url {
        if !(u.starts_with("http://") || u.starts_with("https://")) {
            errs.push("url", "err-url-format");
        }
    }
    let author = optional_text(obj, "author", 200, &mut errs);
    let published = required_text(obj, "published_at", 64, &mut errs);
    let mut published_at = String::new();
    let mut day = String::new();
    if !published.is_empty() {
        match OffsetDateTime::parse(&published, &Rfc3339) {
            Ok(t) if t > now + FUTURE_TOLERANCE => errs.push("published_at", "err-instant-in-future"),
            Ok(t) => {
                published_at = instant_text(t);
                day = local_day(t);
            }
            Err(_) => errs.push("published_at", "err-instant-format"),
        }
    }
    let text = match obj.get("text") {
        Some(Value::String(s)) if s.trim().is_empty() => {
            errs.push("text", "err-required");
            String::new()
        }
        Some(Value::String(s)) if s.len() > MAX_TEXT_BYTES => {
            errs.push("text", "err-too-long");
            String::new()
        }
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => {
            errs.push("text", "err-required");
            String::new()
        }
        Some(_) => {
            errs.push("text", "err-not-text");
            String::new()
        }
    };
    let lang = optional_text(obj, "lang", 10, &mut errs).map(|l| l.to_ascii_lowercase());
    if let Some(l) = &lang {
        if !DOCUMENT_LANGS.contains(&l.as_str()) {
            errs.push("lang", "err-unknown-language");
        }
    }
    let region = optional_text(obj, "region", 9, &mut errs);
    if let Some(r) = &region {
        if !REGIONS.iter().any(|x| x.kato == r) {
            errs.push("region", "err-unknown-region");
        }
    }
    let geo = geo(obj.get("geo"), &mut errs);
    errs.into_result(ValidDocument { source, external_id, url, author, published_at, day, text, lang, region, geo })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn now() -> OffsetDateTime {
        OffsetDateTime::parse("2026-11-22T12:00:00Z", &Rfc3339).unwrap()
    }

    #[test]
    fn a_complete_document_is_read_with_its_time_in_utc_and_its_local_day() {
        let doc = parse_document(
            &json!({"source": "telegram", "external_id": 991, "url": "https://t.me/x/991", "author": "@bek", "published_at": "2026-11-21T23:30:00+05:00",
                    "text": "Казахи и русские вместе провели праздник", "lang": "RU", "region": "750000000", "geo": [43.25, 76.95]}),
            None,
            now(),
        )
        .unwrap();
        assert_eq!(doc.external_id, "991");
        assert_eq!(doc.published_at, "2026-11-21T18:30:00Z");
        assert_eq!(doc.day, "2026-11-21");
        assert_eq!(doc.lang.as_deref(), Some("ru"));
        assert_eq!(doc.geo, Some((43.25, 76.95)));
    }

    #[test]
    fn the_day_is_kazakhstan_time_utc_plus_5() {
        // 20:00 UTC is already the next day in Kazakhstan.
        let t = OffsetDateTime::parse("2026-03-01T20:00:00Z", &Rfc3339).unwrap();
        assert_eq!(local_day(t), "2026-03-02");
        let t = OffsetDateTime::parse("2026-03-01T18:59:59Z", &Rfc3339).unwrap();
        assert_eq!(local_day(t), "2026-03-01");
    }

    #[test]
    fn every_problem_names_its_field() {
        let errs = parse_document(&json!({"external_id": ["x"], "published_at": "yesterday", "text": "", "lang": "de", "region": "99", "url": "ftp://x", "geo": {"lat": 10, "lon": 10}}), None, now()).unwrap_err();
        assert_eq!(errs.for_field("source"), Some("err-required"));
        assert_eq!(errs.for_field("external_id"), Some("err-not-text"));
        assert_eq!(errs.for_field("published_at"), Some("err-instant-format"));
        assert_eq!(errs.for_field("text"), Some("err-required"));
        assert_eq!(errs.for_field("lang"), Some("err-unknown-language"));
        assert_eq!(errs.for_field("region"), Some("err-unknown-region"));
        assert_eq!(errs.for_field("url"), Some("err-url-format"));
        assert_eq!(errs.for_field("geo"), Some("err-outside-kazakhstan"));
        assert_eq!(parse_document(&json!([1]), None, now()).unwrap_err().for_field("document"), Some("err-not-object"));
    }

    #[test]
    fn a_default_source_fills_only_a_missing_one() {
        let base = json!({"external_id": "1", "published_at": "2026-11-20T10:00:00Z", "text": "сәлем"});
        assert_eq!(parse_document(&base, Some("vk"), now()).unwrap().source, "vk");
        let mut own = base.clone();
        own["source"] = json!("telegram");
        assert_eq!(parse_document(&own, Some("vk"), now()).unwrap().source, "telegram");
    }

    #[test]
    fn a_time_more_than_an_hour_ahead_is_refused() {
        let doc = |t: &str| json!({"source": "s", "external_id": "1", "published_at": t, "text": "x"});
        assert!(parse_document(&doc("2026-11-22T12:59:00Z"), None, now()).is_ok());
        assert_eq!(parse_document(&doc("2026-11-22T13:01:00Z"), None, now()).unwrap_err().for_field("published_at"), Some("err-instant-in-future"));
    }
}
