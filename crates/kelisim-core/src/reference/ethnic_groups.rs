//! Ethnic groups (этнос) with their names and the 2021 census shares.
//!
//! Shares of the fifteen largest groups are those SPEC §3.1 quotes from the
//! 2021 census; for smaller groups the share is `None` (under 0.2 % each).
//! Slugs are stable English ids shared with the text engine (`kazakh`,
//! `russian`, `uyghur`, ...).

#[derive(Debug, Clone, Copy)]
pub struct EthnicGroup {
    pub slug: &'static str,
    pub name_kk: &'static str,
    pub name_ru: &'static str,
    pub name_en: &'static str,
    /// Percent of the population at the 2021 census.
    pub census_share: Option<f64>,
}

macro_rules! g {
    ($slug:literal, $kk:literal, $ru:literal, $en:literal, $share:expr) => {
        EthnicGroup { slug: $slug, name_kk: $kk, name_ru: $ru, name_en: $en, census_share: $share }
    };
}

pub const ETHNIC_GROUPS: &[EthnicGroup] = &[
    g!("kazakh", "қазақтар", "казахи", "Kazakhs", Some(70.4)),
    g!("russian", "орыстар", "русские", "Russians", Some(15.5)),
    g!("uzbek", "өзбектер", "узбеки", "Uzbeks", Some(3.2)),
    g!("ukrainian", "украиндар", "украинцы", "Ukrainians", Some(2.0)),
    g!("uyghur", "ұйғырлар", "уйгуры", "Uyghurs", Some(1.5)),
    g!("german", "немістер", "немцы", "Germans", Some(1.2)),
    g!("tatar", "татарлар", "татары", "Tatars", Some(1.1)),
    g!("azerbaijani", "әзербайжандар", "азербайджанцы", "Azerbaijanis", Some(0.8)),
    g!("korean", "корейлер", "корейцы", "Koreans", Some(0.6)),
    g!("turkish", "түріктер", "турки", "Turks", Some(0.5)),
    g!("dungan", "дүнгендер", "дунгане", "Dungans", Some(0.4)),
    g!("belarusian", "беларустар", "белорусы", "Belarusians", Some(0.4)),
    g!("tajik", "тәжіктер", "таджики", "Tajiks", Some(0.3)),
    g!("kurdish", "күрдтер", "курды", "Kurds", Some(0.3)),
    g!("chechen", "шешендер", "чеченцы", "Chechens", Some(0.2)),
    g!("kyrgyz", "қырғыздар", "кыргызы", "Kyrgyz", None),
    g!("bashkir", "башқұрттар", "башкиры", "Bashkirs", None),
    g!("polish", "поляктар", "поляки", "Poles", None),
    g!("ingush", "ингуштар", "ингуши", "Ingush", None),
    g!("moldovan", "молдавандар", "молдаване", "Moldovans", None),
    g!("armenian", "армяндар", "армяне", "Armenians", None),
    g!("greek", "гректер", "греки", "Greeks", None),
    g!("chuvash", "чуваштар", "чуваши", "Chuvash", None),
    g!("mordvin", "мордвалар", "мордва", "Mordvins", None),
    g!("lezgin", "лезгиндер", "лезгины", "Lezgins", None),
    g!("karachay", "қарашайлар", "карачаевцы", "Karachays", None),
    g!("balkar", "балқарлар", "балкарцы", "Balkars", None),
    g!("bulgarian", "болгарлар", "болгары", "Bulgarians", None),
    g!("udmurt", "удмурттар", "удмурты", "Udmurts", None),
    g!("jewish", "еврейлер", "евреи", "Jews", None),
    g!("mari", "марийлер", "марийцы", "Mari", None),
    g!("avar", "аварлар", "аварцы", "Avars", None),
    g!("dargin", "даргиндер", "даргинцы", "Dargins", None),
    g!("turkmen", "түрікмендер", "туркмены", "Turkmens", None),
    g!("georgian", "грузиндер", "грузины", "Georgians", None),
    g!("lithuanian", "литвалықтар", "литовцы", "Lithuanians", None),
    g!("latvian", "латыштар", "латыши", "Latvians", None),
    g!("estonian", "эстондар", "эстонцы", "Estonians", None),
    g!("persian", "парсылар", "персы", "Persians", None),
    g!("kalmyk", "қалмақтар", "калмыки", "Kalmyks", None),
    g!("nogai", "ноғайлар", "ногайцы", "Nogais", None),
    g!("karakalpak", "қарақалпақтар", "каракалпаки", "Karakalpaks", None),
    g!("mongol", "моңғолдар", "монголы", "Mongols", None),
    g!("chinese", "қытайлар", "китайцы", "Chinese", None),
    g!("afghan", "ауғандар", "афганцы", "Afghans", None),
];

pub fn group_by_slug(slug: &str) -> Option<&'static EthnicGroup> {
    ETHNIC_GROUPS.iter().find(|g| g.slug == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_3_1_census_shares_of_2021() {
        let share = |s| group_by_slug(s).and_then(|g| g.census_share);
        assert_eq!(share("kazakh"), Some(70.4));
        assert_eq!(share("russian"), Some(15.5));
        assert_eq!(share("uzbek"), Some(3.2));
        assert_eq!(share("chechen"), Some(0.2));
        assert!(ETHNIC_GROUPS.len() >= 40);
        let mut slugs: Vec<&str> = ETHNIC_GROUPS.iter().map(|g| g.slug).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), ETHNIC_GROUPS.len());
    }
}
