//! Languages: of media outlets (SPEC §2: "newspapers and magazines in 11
//! languages"), Sunday schools and language courses. ISO 639 codes.

#[derive(Debug, Clone, Copy)]
pub struct Language {
    pub code: &'static str,
    pub name_kk: &'static str,
    pub name_ru: &'static str,
    pub name_en: &'static str,
}

macro_rules! l {
    ($code:literal, $kk:literal, $ru:literal, $en:literal) => {
        Language { code: $code, name_kk: $kk, name_ru: $ru, name_en: $en }
    };
}

pub const LANGUAGES: &[Language] = &[
    l!("kk", "қазақ тілі", "казахский", "Kazakh"),
    l!("ru", "орыс тілі", "русский", "Russian"),
    l!("uz", "өзбек тілі", "узбекский", "Uzbek"),
    l!("ug", "ұйғыр тілі", "уйгурский", "Uyghur"),
    l!("ko", "корей тілі", "корейский", "Korean"),
    l!("de", "неміс тілі", "немецкий", "German"),
    l!("uk", "украин тілі", "украинский", "Ukrainian"),
    l!("tt", "татар тілі", "татарский", "Tatar"),
    l!("az", "әзербайжан тілі", "азербайджанский", "Azerbaijani"),
    l!("tr", "түрік тілі", "турецкий", "Turkish"),
    l!("dng", "дүнген тілі", "дунганский", "Dungan"),
    l!("pl", "поляк тілі", "польский", "Polish"),
    l!("en", "ағылшын тілі", "английский", "English"),
    l!("he", "иврит", "иврит", "Hebrew"),
    l!("hy", "армян тілі", "армянский", "Armenian"),
    l!("tg", "тәжік тілі", "таджикский", "Tajik"),
];

#[cfg(test)]
mod tests {
    #[test]
    fn spec_2_at_least_eleven_media_languages() {
        assert!(super::LANGUAGES.len() >= 11);
    }
}
