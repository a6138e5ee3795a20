//! The periodicity of an item of an action plan (SPEC §3.3; the column
//! «Орындау мерзімі» of the plan of the Concept 2022-2026, seed 001), read
//! from its Kazakh or Russian wording and expanded into due dates per year.
//!
//! The wordings of seed 001 and what they mean here:
//!
//! | wording | meaning | due dates in a year |
//! |---|---|---|
//! | «жыл сайын», «жылына 1 рет», «жыл ішінде», «жыл бойы», «үнемі» (ежегодно, 1 раз в год, в течение года, постоянно) | once a year | 31 Dec |
//! | «жылына 1 рет, II тоқсан» (1 раз в год, II квартал) | in that quarter | the quarter's last day |
//! | «жылына 1 рет, 2-жарты жылдық» (во втором полугодии) | in that half-year | 30 Jun or 31 Dec |
//! | «жылына N рет», «N отырыс, жыл сайын» with «тоқсан сайын» (ежеквартально) | N times, spread | the ends of months ⌈12k/N⌉ |
//! | «тоқсан сайын», «тоқсанына 2 жарияланым» (ежеквартально) | each quarter | 31 Mar, 30 Jun, 30 Sep, 31 Dec |
//! | «жарты жылдықта 1 рет» (раз в полугодие) | each half-year | 30 Jun, 31 Dec |
//! | «жыл сайын, 1 мамыр», «1 мамырға дейін» (до 1 мая) | by a day | that day |
//! | «2022 және 2025 жылдар», «2022-2024 жылдар», «2023 жыл» (2022 и 2025 годы) | in those years only | as the rest says, 31 Dec by default |
//!
//! A count of outputs written beside («18 отырыс», «кемінде 50 жарияланым»,
//! «жыл ішінде 5 ролик») is kept as the item's target (`outputs`); it does not
//! multiply the reports, which stay one per due date. A wording that says
//! nothing of when («4», an empty cell) is an error naming it.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// When in a year an item falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Within {
    /// Once, by the end of the year.
    Year,
    /// Once, in quarter 1..4.
    Quarter { quarter: u8 },
    /// Once, in half-year 1..2.
    HalfYear { half: u8 },
    /// `times` times, spread over the year.
    Times { times: u8 },
    /// By a day of the year.
    ByDay { month: u8, day: u8 },
}

/// An item's periodicity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Periodicity {
    pub within: Within,
    /// Only these years (empty: every year of the plan).
    pub years: Vec<i32>,
    /// The count of outputs the item promises in a year (or a period), if written.
    pub outputs: Option<u32>,
}

/// Month names as their words begin, in Kazakh and in Russian (any case ending).
const MONTHS_KK: [&str; 12] = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"];
const MONTHS_RU: [&str; 12] = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];

fn roman(word: &str) -> Option<u8> {
    match word {
        "i" => Some(1),
        "ii" => Some(2),
        "iii" => Some(3),
        "iv" => Some(4),
        _ => None,
    }
}

fn month_of(word: &str) -> Option<u8> {
    let kk = MONTHS_KK.iter().position(|m| word.starts_with(m));
    // «ма» is May only as «май», «мая», «мае» (not «март»).
    let ru = || MONTHS_RU.iter().position(|m| word.starts_with(m) && (*m != "ма" || matches!(word, "май" | "мая" | "мае")));
    kk.or_else(ru).map(|i| i as u8 + 1)
}

/// Reads a periodicity (see the module doc); the error is an i18n key.
pub fn parse(text: &str) -> Result<Periodicity, &'static str> {
    let lower = text.to_lowercase().replace(['"', '«', '»', '(', ')'], " ").replace("жарты- жыл", "жарты жыл").replace("жарты-жыл", "жарты жыл").replace("-жарты", " жарты");
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == ',' || c == ';').filter(|w| !w.is_empty()).collect();
    let number = |w: &str| w.trim_end_matches(['-', '.']).parse::<u32>().ok();
    let mut years: Vec<i32> = Vec::new();
    let mut within: Option<Within> = None;
    let mut outputs: Option<u32> = None;
    let mut said_when = false;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let next = words.get(i + 1).copied().unwrap_or("");
        // Years: «2022», «2022-2024», «2022 және 2025 жылдар».
        if let Some((a, b)) = w.split_once('-').and_then(|(a, b)| Some((a.parse::<i32>().ok()?, b.trim_start_matches('-').parse::<i32>().ok()?))) {
            if (2000..2100).contains(&a) && (a..2100).contains(&b) {
                years.extend(a..=b);
                said_when = true;
                i += 1;
                continue;
            }
        }
        if let Ok(y) = w.parse::<i32>() {
            if (2000..2100).contains(&y) {
                years.push(y);
                said_when = true;
                i += 1;
                continue;
            }
        }
        // A day and a month: «1 мамыр», «1 мамырға дейін», «до 1 мая».
        if let (Some(day), Some(month)) = (number(w), month_of(next)) {
            if (1..=31).contains(&day) {
                within = Some(Within::ByDay { month, day: day as u8 });
                said_when = true;
                i += 2;
                continue;
            }
        }
        // A quarter or a half-year: «II тоқсан», «IV квартал», «2-жарты жылдық».
        if let Some(q) = roman(w).or_else(|| number(w).filter(|n| (1..=4).contains(n)).map(|n| n as u8)) {
            if next.starts_with("тоқсан") || next.starts_with("квартал") {
                within = Some(Within::Quarter { quarter: q });
                said_when = true;
                i += 2;
                continue;
            }
            if (next == "жарты" || next.starts_with("полугод")) && q <= 2 {
                within = Some(Within::HalfYear { half: q });
                said_when = true;
                i += if next == "жарты" { 3 } else { 2 };
                continue;
            }
        }
        // «жылына N рет», «N раз в год».
        if let Some(n) = number(w) {
            if next == "рет" || next.starts_with("раз") {
                if n > 1 && !matches!(within, Some(Within::Quarter { .. } | Within::HalfYear { .. } | Within::ByDay { .. })) {
                    within = Some(Within::Times { times: n.min(12) as u8 });
                }
                said_when = true;
                i += 2;
                continue;
            }
            // A count of outputs: «18 отырыс», «кемінде 50 жарияланым», «5 ролик».
            if !next.is_empty() {
                outputs = Some(outputs.map_or(n, |o| o.max(n)));
            }
            i += 1;
            continue;
        }
        match w {
            "тоқсан" if next == "сайын" => {
                within = Some(Within::Times { times: 4 });
                said_when = true;
                i += 2;
                continue;
            }
            "тоқсанына" | "ежеквартально" => {
                within = Some(Within::Times { times: 4 });
                said_when = true;
            }
            "жарты" if next.starts_with("жылдықта") => {
                within = Some(Within::Times { times: 2 });
                said_when = true;
                i += 2;
                continue;
            }
            "полугодие" | "полугодно" | "раз-в-полугодие" => {
                within = Some(Within::Times { times: 2 });
                said_when = true;
            }
            "жыл" if matches!(next, "сайын" | "сайынғы" | "ішінде" | "бойы") => {
                said_when = true;
                i += 2;
                continue;
            }
            "жыл" | "жылы" | "жылдар" | "жылдары" | "годы" | "год" | "году" | "года" => {}
            "жылына" | "ежегодно" | "үнемі" | "постоянно" | "ежегодный" => said_when = true,
            "течение" => said_when = true,
            _ => {}
        }
        i += 1;
    }
    if !said_when {
        return Err("err-periodicity-unknown");
    }
    years.sort_unstable();
    years.dedup();
    Ok(Periodicity { within: within.unwrap_or(Within::Year), years, outputs })
}

fn last_day(year: i32, month: u8) -> Date {
    let m = Month::try_from(month).expect("a month");
    Date::from_calendar_date(year, m, m.length(year)).expect("a day")
}

/// The due dates of an item in `year` (none when its years exclude it).
pub fn due_dates(p: &Periodicity, year: i32) -> Vec<Date> {
    if !p.years.is_empty() && !p.years.contains(&year) {
        return Vec::new();
    }
    match p.within {
        Within::Year => vec![last_day(year, 12)],
        Within::Quarter { quarter } => vec![last_day(year, 3 * quarter.clamp(1, 4))],
        Within::HalfYear { half } => vec![last_day(year, 6 * half.clamp(1, 2))],
        Within::Times { times } => {
            let n = u32::from(times.max(1));
            (1..=n).map(|k| last_day(year, (12 * k).div_ceil(n) as u8)).collect()
        }
        Within::ByDay { month, day } => {
            let m = Month::try_from(month).expect("a month");
            vec![Date::from_calendar_date(year, m, day.min(m.length(year))).expect("a day")]
        }
    }
}

/// The due dates of an item over the years of a plan (`from..=to`).
pub fn schedule(p: &Periodicity, from: i32, to: i32) -> Vec<Date> {
    (from..=to).flat_map(|y| due_dates(p, y)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn dates(text: &str, year: i32) -> Vec<Date> {
        due_dates(&parse(text).unwrap_or_else(|e| panic!("{text}: {e}")), year)
    }

    #[test]
    fn seed_001_every_wording_of_the_plan_is_read() {
        // Every distinct value of the column in the appendix of seed 001.
        let annual = ["жыл сайын", "жылына 1 рет", "жыл ішінде", "жыл бойы", "үнемі", "18 отырыс, жыл сайын", "20 клуб, жыл сайын", "жыл сайын, кемінде 50 жарияланым", "жыл сайын, кемінде 2 брифинг", "жыл сайын кемінде 5 іс-шара", "жыл сайын кемінде 10 материал", "жыл сайын 17 жарияланым, (графикке сәйкес)", "жыл ішінде 5 ролик"];
        for t in annual {
            assert_eq!(dates(t, 2023), vec![date!(2023 - 12 - 31)], "{t}");
        }
        assert_eq!(dates("жылына 1 рет, IV тоқсан", 2024), vec![date!(2024 - 12 - 31)]);
        assert_eq!(dates("жылына 1 рет, II тоқсан", 2024), vec![date!(2024 - 06 - 30)]);
        assert_eq!(dates("жылына 1 рет, III тоқсан", 2024), vec![date!(2024 - 09 - 30)]);
        assert_eq!(dates("жылына 1 рет, I тоқсан", 2024), vec![date!(2024 - 03 - 31)]);
        assert_eq!(dates("жылына 1 рет, 2-жарты- жылдық", 2024), vec![date!(2024 - 12 - 31)]);
        assert_eq!(dates("жарты- жылдықта 1 рет", 2024), vec![date!(2024 - 06 - 30), date!(2024 - 12 - 31)]);
        let quarterly = vec![date!(2025 - 03 - 31), date!(2025 - 06 - 30), date!(2025 - 09 - 30), date!(2025 - 12 - 31)];
        for t in ["жылына 4 рет", "4 отырыс, тоқсан сайын", "жыл сайын, жылына 4 рет", "тоқсанына 2 жарияланым"] {
            assert_eq!(dates(t, 2025), quarterly, "{t}");
        }
        assert_eq!(dates("жылына 2 рет", 2025), vec![date!(2025 - 06 - 30), date!(2025 - 12 - 31)]);
        assert_eq!(dates("жылына 3 рет", 2025), vec![date!(2025 - 04 - 30), date!(2025 - 08 - 31), date!(2025 - 12 - 31)]);
        assert_eq!(dates("жылына 9 рет", 2025).len(), 9);
        assert_eq!(dates("жыл сайын, 1 мамыр", 2022), vec![date!(2022 - 05 - 01)]);
        assert_eq!(dates("жыл сайын, 1 мамырға дейін", 2022), vec![date!(2022 - 05 - 01)]);
        assert_eq!(dates("жыл сайын, 1 наурыз", 2022), vec![date!(2022 - 03 - 01)]);
        assert_eq!(dates("жыл сайын, 1 маусым", 2022), vec![date!(2022 - 06 - 01)]);
        // In given years only.
        let p = parse("2022 және 2025 жылдар").unwrap();
        assert_eq!(p.years, vec![2022, 2025]);
        assert_eq!(schedule(&p, 2022, 2026), vec![date!(2022 - 12 - 31), date!(2025 - 12 - 31)]);
        assert_eq!(parse("2022-2024 жылдар, жылына 1 рет").unwrap().years, vec![2022, 2023, 2024]);
        for (t, y) in [("2023 жыл, жылына 1 рет", 2023), ("2022 жыл", 2022), ("2022 жылы", 2022), ("2022 жыл, жылына 1 рет", 2022)] {
            let p = parse(t).unwrap();
            assert_eq!(p.years, vec![y], "{t}");
            assert_eq!(schedule(&p, 2022, 2026), vec![last_day(y, 12)], "{t}");
        }
        // The count of outputs is the target, not more reports.
        assert_eq!(parse("18 отырыс, жыл сайын").unwrap().outputs, Some(18));
        assert_eq!(parse("жыл сайын, кемінде 50 жарияланым").unwrap().outputs, Some(50));
        // Wordings that say nothing of when.
        for t in ["4", "", "Аяқталу мерзімі", " кемінде 10 тікелей эфир"] {
            assert_eq!(parse(t), Err("err-periodicity-unknown"), "{t:?}");
        }
    }

    #[test]
    fn russian_wordings_of_the_same_periodicities() {
        assert_eq!(dates("ежегодно", 2026), vec![date!(2026 - 12 - 31)]);
        assert_eq!(dates("1 раз в год, IV квартал", 2026), vec![date!(2026 - 12 - 31)]);
        assert_eq!(dates("ежегодно, до 1 мая", 2026), vec![date!(2026 - 05 - 01)]);
        assert_eq!(dates("4 раза в год", 2026).len(), 4);
        assert_eq!(dates("ежеквартально", 2026).len(), 4);
        assert_eq!(parse("2022 и 2025 годы").unwrap().years, vec![2022, 2025]);
        assert_eq!(dates("постоянно", 2026), vec![date!(2026 - 12 - 31)]);
    }
}
