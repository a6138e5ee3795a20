//! The 20 regions after the 2022 reform: 17 oblasts and the cities of
//! republican significance Astana, Almaty and Shymkent.
//!
//! KATO codes are the region level of the official classifier (КАТО,
//! classifier of administrative-territorial objects): two digits followed by
//! seven zeros. `osm_id` links a region to its shape in
//! `kz-regions.geojson` (OpenStreetMap relation). Population is the
//! rounded estimate at the start of 2025 (Bureau of National Statistics),
//! used only for per-capita rates on the map; the national total in SPEC §2
//! is 20,283,399.

#[derive(Debug, Clone, Copy)]
pub struct Region {
    pub kato: &'static str,
    pub osm_id: i64,
    pub name_kk: &'static str,
    pub name_ru: &'static str,
    pub name_en: &'static str,
    pub population: i64,
    /// Administrative centre, for map labels and demo addresses.
    pub centre_en: &'static str,
}

macro_rules! r {
    ($kato:literal, $osm:literal, $kk:literal, $ru:literal, $en:literal, $pop:literal, $centre:literal) => {
        Region { kato: $kato, osm_id: $osm, name_kk: $kk, name_ru: $ru, name_en: $en, population: $pop, centre_en: $centre }
    };
}

pub const REGIONS: &[Region] = &[
    r!("100000000", 85126, "Абай облысы", "Абайская область", "Abai Region", 603_000, "Semey"),
    r!("110000000", 85115, "Ақмола облысы", "Акмолинская область", "Akmola Region", 785_000, "Kokshetau"),
    r!("150000000", 85101, "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", 940_000, "Aktobe"),
    r!("190000000", 85102, "Алматы облысы", "Алматинская область", "Almaty Region", 1_535_000, "Konaev"),
    r!("230000000", 85104, "Атырау облысы", "Атырауская область", "Atyrau Region", 705_000, "Atyrau"),
    r!("270000000", 85122, "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region", 690_000, "Oral"),
    r!("310000000", 85105, "Жамбыл облысы", "Жамбылская область", "Zhambyl Region", 1_220_000, "Taraz"),
    r!("330000000", 85127, "Жетісу облысы", "Область Жетісу", "Zhetisu Region", 700_000, "Taldykorgan"),
    r!("350000000", 85106, "Қарағанды облысы", "Карагандинская область", "Karaganda Region", 1_135_000, "Karaganda"),
    r!("390000000", 85109, "Қостанай облысы", "Костанайская область", "Kostanay Region", 828_000, "Kostanay"),
    r!("430000000", 85107, "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region", 845_000, "Kyzylorda"),
    r!("470000000", 85117, "Маңғыстау облысы", "Мангистауская область", "Mangystau Region", 790_000, "Aktau"),
    r!("550000000", 85111, "Павлодар облысы", "Павлодарская область", "Pavlodar Region", 750_000, "Pavlodar"),
    r!("590000000", 85112, "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region", 527_000, "Petropavl"),
    r!("610000000", 85116, "Түркістан облысы", "Туркестанская область", "Turkistan Region", 2_150_000, "Turkistan"),
    r!("620000000", 85128, "Ұлытау облысы", "Улытауская область", "Ulytau Region", 222_000, "Zhezkazgan"),
    r!("630000000", 85103, "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region", 710_000, "Oskemen"),
    r!("710000000", 85123, "Астана қаласы", "город Астана", "Astana", 1_480_000, "Astana"),
    r!("750000000", 85124, "Алматы қаласы", "город Алматы", "Almaty", 2_290_000, "Almaty"),
    r!("790000000", 85125, "Шымкент қаласы", "город Шымкент", "Shymkent", 1_230_000, "Shymkent"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_2_twenty_regions_with_unique_kato_codes() {
        assert_eq!(REGIONS.len(), 20);
        let mut codes: Vec<&str> = REGIONS.iter().map(|r| r.kato).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 20);
        assert!(REGIONS.iter().all(|r| r.kato.len() == 9 && r.kato.ends_with("0000000")));
    }

    #[test]
    fn population_adds_up_to_the_national_figure_within_two_percent() {
        let total: i64 = REGIONS.iter().map(|r| r.population).sum();
        let spec = 20_283_399_i64;
        assert!((total - spec).abs() * 100 < spec * 2, "{total}");
    }
}
