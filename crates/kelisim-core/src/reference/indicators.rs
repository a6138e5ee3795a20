//! The target indicators of the two Concepts (issue 5 §7), as printed:
//! - the Concept to 2030 "Единство в многообразии" (seed 000, «Раздел 6.
//!   Целевые индикаторы…»): five indicators, the 2024 fact, the 2025
//!   estimate and the plan for 2026-2030;
//! - the Concept 2022-2026 (seed 001, «6-бөлім … нысаналы индикаторлары»):
//!   three indicators, the 2021 estimate (the 2020 fact is printed as "-")
//!   and the plan for 2022-2026.
//!
//! Where the seed prints an indicator in one language only, the other names
//! are ours (the Concept to 2030 is in Russian; the 2022-2026 one in Kazakh;
//! the three indicators the two share keep the printed wording of each).
//! Seed 001 repeats its indicators in the action plan with one difference —
//! the first indicator's 2026 value is 80,9 there and 81,0 % in section 6; the
//! section's table is the one loaded. A test reads both seeds (where present)
//! and checks every value against them.

/// What a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Fact,
    Estimate,
    Plan,
}

impl ValueKind {
    pub fn slug(self) -> &'static str {
        match self {
            ValueKind::Fact => "fact",
            ValueKind::Estimate => "estimate",
            ValueKind::Plan => "plan",
        }
    }
}

/// One target indicator as printed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Indicator {
    /// Stable code: the Concept and the indicator's number.
    pub code: &'static str,
    pub name_kk: &'static str,
    pub name_ru: &'static str,
    pub name_en: &'static str,
    pub unit: &'static str,
    /// «социологическое исследование» / «әлеуметтанушылық зерттеу».
    pub source_ru: &'static str,
    pub values: &'static [(i32, ValueKind, f64)],
}

use ValueKind::{Estimate as E, Fact as F, Plan as P};

const SURVEY: &str = "социологическое исследование";

const CONSENT_KK: &str = "Қоғамдық келісім мен жалпыұлттық бірлікті нығайту деңгейі";
const CONSENT_RU: &str = "Уровень укрепления общественного согласия и общенационального единства";
const CONSENT_EN: &str = "Level of strengthening of public accord and national unity";
const TOLERANCE_KK: &str = "Қазақстан этностары арасындағы толеранттылық деңгейі";
const TOLERANCE_RU: &str = "Уровень толерантности среди этносов Казахстана";
const TOLERANCE_EN: &str = "Level of tolerance among the ethnic groups of Kazakhstan";
const WELLBEING_KK: &str = "Қазақстан этностарының әлеуметтік көңіл-күйінің деңгейі";
const WELLBEING_RU: &str = "Уровень социального самочувствия этносов Казахстана";
const WELLBEING_EN: &str = "Level of social well-being of the ethnic groups of Kazakhstan";

pub const INDICATORS: &[Indicator] = &[
    Indicator {
        code: "c2030-1",
        name_kk: "Этносаралық келісімді нығайту жөніндегі мемлекеттік саясатты іске асырудың тиімділік деңгейі",
        name_ru: "Уровень эффективности реализации государственной политики по укреплению межэтнического согласия",
        name_en: "Effectiveness of the state policy of strengthening inter-ethnic accord",
        unit: "%",
        source_ru: SURVEY,
        values: &[(2024, F, 73.2), (2025, E, 81.5), (2026, P, 82.0), (2027, P, 82.5), (2028, P, 83.0), (2029, P, 83.5), (2030, P, 84.0)],
    },
    Indicator {
        code: "c2030-2",
        name_kk: "Халықтың этносаралық келісімді қамтамасыз ету саласындағы мемлекеттік саясатқа қанағаттану деңгейі",
        name_ru: "Уровень удовлетворенности населения государственной политикой в сфере обеспечения межэтнического согласия",
        name_en: "Public satisfaction with the state policy of ensuring inter-ethnic accord",
        unit: "%",
        source_ru: SURVEY,
        values: &[(2024, F, 87.23), (2025, E, 87.3), (2026, P, 87.4), (2027, P, 87.5), (2028, P, 87.6), (2029, P, 87.7), (2030, P, 87.8)],
    },
    Indicator {
        code: "c2030-3",
        name_kk: CONSENT_KK,
        name_ru: CONSENT_RU,
        name_en: CONSENT_EN,
        unit: "%",
        source_ru: SURVEY,
        values: &[(2024, F, 88.3), (2025, E, 80.8), (2026, P, 81.0), (2027, P, 81.2), (2028, P, 81.4), (2029, P, 81.6), (2030, P, 81.8)],
    },
    Indicator {
        code: "c2030-4",
        name_kk: WELLBEING_KK,
        name_ru: WELLBEING_RU,
        name_en: WELLBEING_EN,
        unit: "%",
        source_ru: SURVEY,
        values: &[(2024, F, 85.5), (2025, E, 77.0), (2026, P, 77.5), (2027, P, 78.0), (2028, P, 78.5), (2029, P, 79.0), (2030, P, 79.5)],
    },
    Indicator {
        code: "c2030-5",
        name_kk: TOLERANCE_KK,
        name_ru: TOLERANCE_RU,
        name_en: TOLERANCE_EN,
        unit: "%",
        source_ru: SURVEY,
        values: &[(2024, F, 69.0), (2025, E, 69.0), (2026, P, 69.5), (2027, P, 70.0), (2028, P, 70.5), (2029, P, 71.0), (2030, P, 71.5)],
    },
    Indicator {
        code: "c2022-1",
        name_kk: CONSENT_KK,
        name_ru: CONSENT_RU,
        name_en: CONSENT_EN,
        unit: "%",
        source_ru: SURVEY,
        values: &[(2021, E, 80.0), (2022, P, 80.2), (2023, P, 80.4), (2024, P, 80.6), (2025, P, 80.8), (2026, P, 81.0)],
    },
    Indicator {
        code: "c2022-2",
        name_kk: TOLERANCE_KK,
        name_ru: TOLERANCE_RU,
        name_en: TOLERANCE_EN,
        unit: "%",
        source_ru: SURVEY,
        values: &[(2021, E, 67.0), (2022, P, 67.5), (2023, P, 68.0), (2024, P, 68.5), (2025, P, 69.0), (2026, P, 69.5)],
    },
    Indicator {
        code: "c2022-3",
        name_kk: WELLBEING_KK,
        name_ru: WELLBEING_RU,
        name_en: WELLBEING_EN,
        unit: "%",
        source_ru: SURVEY,
        values: &[(2021, E, 75.0), (2022, P, 75.5), (2023, P, 76.0), (2024, P, 76.5), (2025, P, 77.0), (2026, P, 77.5)],
    },
];

/// The deviation of a fact from the plan, in the indicator's unit (positive: above plan).
pub fn deviation(fact: f64, plan: f64) -> f64 {
    ((fact - plan) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "73,2 %" → 73.2; "-" → None.
    fn number(cell: &str) -> Option<f64> {
        cell.trim().trim_end_matches('%').trim().replace(',', ".").parse().ok()
    }

    fn seed(prefix: &str) -> Option<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
        let entry = std::fs::read_dir(&dir).ok()?.flatten().find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
        std::fs::read_to_string(entry.path()).ok()
    }

    fn by_code(code: &str) -> &'static Indicator {
        INDICATORS.iter().find(|i| i.code == code).unwrap()
    }

    #[test]
    fn seed_000_section_6_the_five_indicators_of_the_concept_to_2030_as_printed() {
        let Some(text) = seed("000_") else {
            eprintln!("seed 000 absent (../shared/seeds): skipped");
            return;
        };
        let start = text.find("Раздел 6. Целевые индикаторы и ожидаемые").expect("section 6");
        let rows: Vec<&str> = text[start..].lines().filter(|l| l.starts_with(|c: char| c.is_ascii_digit()) && l.contains("социологическое")).take(5).collect();
        assert_eq!(rows.len(), 5);
        for (n, row) in rows.iter().enumerate() {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let ind = by_code(&format!("c2030-{}", n + 1));
            assert_eq!(cells[1], ind.name_ru, "the printed name");
            assert_eq!(cells[2], ind.unit);
            assert_eq!(cells[3], ind.source_ru);
            let printed: Vec<f64> = cells[4..11].iter().map(|c| number(c).unwrap_or_else(|| panic!("{c}"))).collect();
            let ours: Vec<f64> = ind.values.iter().map(|v| v.2).collect();
            assert_eq!(printed, ours, "{}", ind.code);
            assert_eq!(ind.values[0].1, ValueKind::Fact);
            assert_eq!(ind.values[1].1, ValueKind::Estimate);
        }
    }

    #[test]
    fn seed_001_section_6_the_three_indicators_of_the_concept_2022_2026_as_printed() {
        let Some(text) = seed("001_") else {
            eprintln!("seed 001 absent (../shared/seeds): skipped");
            return;
        };
        let start = text.find("р/с №\tНысаналы индикатор").expect("the table of section 6");
        let rows: Vec<&str> = text[start..].lines().filter(|l| l.contains("әлеуметтанушылық зерттеу")).take(3).collect();
        assert_eq!(rows.len(), 3);
        for (n, row) in rows.iter().enumerate() {
            let cells: Vec<&str> = row.split('\t').map(str::trim).collect();
            let ind = by_code(&format!("c2022-{}", n + 1));
            assert_eq!(cells[1], ind.name_kk, "the printed name");
            assert_eq!(cells[4], "-", "no 2020 fact printed");
            let printed: Vec<f64> = cells[5..11].iter().map(|c| number(c).unwrap_or_else(|| panic!("{c}"))).collect();
            let ours: Vec<f64> = ind.values.iter().map(|v| v.2).collect();
            assert_eq!(printed, ours, "{}", ind.code);
        }
    }

    #[test]
    fn deviations_are_in_the_unit_rounded_to_hundredths() {
        assert_eq!(deviation(73.2, 82.0), -8.8);
        assert_eq!(deviation(88.3, 81.0), 7.3);
    }
}
