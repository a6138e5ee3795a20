//! Days, weeks and instants as the monitoring stores them: days
//! `YYYY-MM-DD` (Kazakhstan's calendar), instants `YYYY-MM-DDTHH:MM:SSZ`
//! (UTC), weeks by their Monday. Text in, text out, so that the store's
//! queries and the rules speak one format.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime};

use super::document::{instant_text, local_day};

pub fn parse_day(day: &str) -> Option<Date> {
    Date::parse(day, format_description!("[year]-[month]-[day]")).ok()
}

pub fn day_text(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// The day `n` days after `day` (before, when negative); `day` itself when it is not a date.
pub fn add_days(day: &str, n: i64) -> String {
    parse_day(day).and_then(|d| d.checked_add(Duration::days(n))).map(day_text).unwrap_or_else(|| day.to_string())
}

/// Days from `from` to `to` (negative when `to` is earlier; 0 when either is not a date).
pub fn days_between(from: &str, to: &str) -> i64 {
    match (parse_day(from), parse_day(to)) {
        (Some(a), Some(b)) => (b - a).whole_days(),
        _ => 0,
    }
}

/// The Monday of the week of `day` (weeks run Monday to Sunday, as in Kazakhstan).
pub fn week_of(day: &str) -> String {
    match parse_day(day) {
        Some(d) => day_text(d - Duration::days(d.weekday().number_days_from_monday() as i64)),
        None => day.to_string(),
    }
}

pub fn parse_instant(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// The instant `seconds` after `instant` (stored form); `instant` itself when it cannot be read.
pub fn add_seconds(instant: &str, seconds: i64) -> String {
    parse_instant(instant).map(|t| instant_text(t + Duration::seconds(seconds))).unwrap_or_else(|| instant.to_string())
}

/// Seconds since 1970 of a stored instant (0 when it cannot be read).
pub fn epoch_seconds(instant: &str) -> i64 {
    parse_instant(instant).map_or(0, |t| t.unix_timestamp())
}

/// The start of a Kazakhstan day as a stored instant (`2026-11-20` → `2026-11-19T19:00:00Z`).
pub fn day_start_instant(day: &str) -> String {
    parse_instant(&format!("{day}T00:00:00+05:00")).map(instant_text).unwrap_or_else(|| format!("{day}T00:00:00Z"))
}

/// The Kazakhstan day of a stored instant.
pub fn day_of_instant(instant: &str) -> String {
    parse_instant(instant).map(local_day).unwrap_or_else(|| instant.chars().take(10).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday_and_days_add_across_months() {
        assert_eq!(week_of("2026-12-02"), "2026-11-30"); // a Wednesday
        assert_eq!(week_of("2026-11-30"), "2026-11-30");
        assert_eq!(week_of("2026-12-06"), "2026-11-30"); // Sunday
        assert_eq!(add_days("2026-11-30", 2), "2026-12-02");
        assert_eq!(add_days("2026-03-01", -1), "2026-02-28");
        assert_eq!(days_between("2026-11-01", "2026-12-01"), 30);
    }

    #[test]
    fn instants_shift_and_map_to_kazakhstan_days() {
        assert_eq!(add_seconds("2026-11-20T23:59:30Z", 60), "2026-11-21T00:00:30Z");
        assert_eq!(day_start_instant("2026-11-20"), "2026-11-19T19:00:00Z");
        assert_eq!(day_of_instant("2026-11-19T19:00:00Z"), "2026-11-20");
        assert_eq!(day_of_instant("2026-11-19T18:59:59Z"), "2026-11-19");
        assert_eq!(epoch_seconds("1970-01-01T00:01:00Z"), 60);
    }
}
