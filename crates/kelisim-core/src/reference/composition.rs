//! The ethnic composition of each region: the largest groups' shares of the
//! population, in percent, rounded from the 2021 census (Bureau of National
//! Statistics) and laid out over the regions after the 2022 reform.
//!
//! Used only for the structural factors of the risk index (how diverse a
//! region is, how much of it lives in compactly settled groups). The figures
//! are whole or half percents as the published regional tables round them;
//! replace them with the official table when it is loaded (ARCHITECTURE.md,
//! "Known gaps"). Groups below about 1 % of a region are left in "the rest".

/// (KATO, [(group, percent)]) for the 20 regions.
pub const COMPOSITION: &[(&str, &[(&str, f64)])] = &[
    ("100000000", &[("kazakh", 82.0), ("russian", 15.0), ("tatar", 1.0)]),
    ("110000000", &[("kazakh", 53.5), ("russian", 31.0), ("ukrainian", 3.5), ("german", 3.0), ("tatar", 1.5), ("belarusian", 1.0)]),
    ("150000000", &[("kazakh", 87.0), ("russian", 8.0), ("ukrainian", 1.5), ("tatar", 1.0)]),
    ("190000000", &[("kazakh", 69.0), ("russian", 11.0), ("uyghur", 9.0), ("turkish", 2.5), ("azerbaijani", 1.0), ("kurdish", 1.0), ("korean", 1.0), ("chechen", 1.0)]),
    ("230000000", &[("kazakh", 93.0), ("russian", 5.0)]),
    ("270000000", &[("kazakh", 80.5), ("russian", 16.0), ("ukrainian", 1.0), ("tatar", 1.0)]),
    ("310000000", &[("kazakh", 76.0), ("russian", 8.0), ("dungan", 4.0), ("uzbek", 2.0), ("kyrgyz", 2.0), ("turkish", 2.0), ("azerbaijani", 1.5), ("kurdish", 1.0)]),
    ("330000000", &[("kazakh", 73.0), ("russian", 15.0), ("uyghur", 5.0), ("tatar", 1.0), ("korean", 1.0)]),
    ("350000000", &[("kazakh", 52.0), ("russian", 35.0), ("ukrainian", 3.0), ("german", 2.5), ("tatar", 2.0), ("belarusian", 1.0)]),
    ("390000000", &[("kazakh", 45.5), ("russian", 38.0), ("ukrainian", 7.0), ("german", 3.5), ("tatar", 1.5), ("belarusian", 1.0)]),
    ("430000000", &[("kazakh", 96.0), ("russian", 1.5), ("korean", 1.0)]),
    ("470000000", &[("kazakh", 92.0), ("russian", 5.0)]),
    ("550000000", &[("kazakh", 54.0), ("russian", 34.0), ("ukrainian", 4.0), ("german", 3.0), ("tatar", 1.5)]),
    ("590000000", &[("kazakh", 37.0), ("russian", 48.0), ("ukrainian", 4.0), ("german", 3.0), ("tatar", 2.0), ("belarusian", 1.0), ("polish", 1.0)]),
    ("610000000", &[("kazakh", 72.0), ("uzbek", 21.0), ("tajik", 1.5), ("russian", 1.0), ("azerbaijani", 1.0), ("turkish", 1.0)]),
    ("620000000", &[("kazakh", 85.0), ("russian", 10.0), ("ukrainian", 1.0)]),
    ("630000000", &[("kazakh", 51.0), ("russian", 45.0), ("tatar", 1.0), ("german", 1.0)]),
    ("710000000", &[("kazakh", 78.0), ("russian", 12.0), ("tatar", 1.5), ("ukrainian", 1.5), ("uzbek", 1.0)]),
    ("750000000", &[("kazakh", 60.0), ("russian", 23.0), ("uyghur", 5.5), ("korean", 2.0), ("tatar", 1.5), ("uzbek", 1.0)]),
    ("790000000", &[("kazakh", 65.0), ("uzbek", 20.0), ("russian", 7.0), ("azerbaijani", 1.0), ("tatar", 1.0)]),
];

/// The shares of a region, in percent.
pub fn composition(kato: &str) -> &'static [(&'static str, f64)] {
    COMPOSITION.iter().find(|(k, _)| *k == kato).map(|(_, c)| *c).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{ETHNIC_GROUPS, REGIONS};

    #[test]
    fn every_region_has_a_composition_of_known_groups_under_one_hundred_percent() {
        for r in REGIONS {
            let c = composition(r.kato);
            assert!(!c.is_empty(), "{}", r.name_en);
            let sum: f64 = c.iter().map(|(_, p)| p).sum();
            assert!((90.0..=100.0).contains(&sum), "{}: {sum}", r.name_en);
            for (g, _) in c {
                assert!(ETHNIC_GROUPS.iter().any(|x| x.slug == *g), "{g}");
            }
        }
    }

    #[test]
    fn the_regions_add_up_to_about_the_national_census_shares() {
        // Population-weighted, the regional tables give back SPEC §3.1's
        // national shares within a point (Kazakhs 70.4 %, Russians 15.5 %).
        let total: f64 = REGIONS.iter().map(|r| r.population as f64).sum();
        let national = |g: &str| REGIONS.iter().map(|r| r.population as f64 * composition(r.kato).iter().find(|(x, _)| *x == g).map_or(0.0, |(_, p)| *p)).sum::<f64>() / total;
        assert!((national("kazakh") - 70.4).abs() < 1.5, "{}", national("kazakh"));
        assert!((national("russian") - 15.5).abs() < 1.5, "{}", national("russian"));
        assert!((national("uzbek") - 3.2).abs() < 0.8, "{}", national("uzbek"));
    }
}
