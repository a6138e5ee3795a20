//! Places of Kazakhstan named in a text — regions, cities and towns — in
//! Russian, Kazakh and English with their inflected forms, resolved to the
//! KATO code of the region (the 20 regions after the 2022 reform).
//!
//! Adjectives name a city or, followed by "область"/"облысы", its region:
//! "алматинский" is the city of Almaty, "Алматинская область" the region.
//! Names that are also common words are left out: Kazakh "батыс" (west) of
//! Batys Qazaqstan, "шу" (noise) of the town of Shu.


use crate::lexicon::{with_spellings, Class};
use crate::morph::ending_allowed;
use crate::normalize::Normalized;
use crate::scan::{Hit, Source};

const ABAI: &str = "100000000";
const AKMOLA: &str = "110000000";
const AKTOBE: &str = "150000000";
const ALMATY_REGION: &str = "190000000";
const ATYRAU: &str = "230000000";
const WEST: &str = "270000000";
const ZHAMBYL: &str = "310000000";
const ZHETISU: &str = "330000000";
const KARAGANDA: &str = "350000000";
const KOSTANAY: &str = "390000000";
const KYZYLORDA: &str = "430000000";
const MANGYSTAU: &str = "470000000";
const PAVLODAR: &str = "550000000";
const NORTH: &str = "590000000";
const TURKISTAN: &str = "610000000";
const ULYTAU: &str = "620000000";
const EAST: &str = "630000000";
const ASTANA: &str = "710000000";
const ALMATY: &str = "750000000";
const SHYMKENT: &str = "790000000";

/// (stem, class, KATO of the place, KATO when followed by "область"/"облысы")
type Entry = (&'static str, Class, &'static str, Option<&'static str>);

use Class::{En, Exact, Kk, RuAdj, RuNoun};

pub const PLACES: &[Entry] = &[
    // Cities of republican significance.
    ("астан", RuNoun, ASTANA, None), ("астана", Kk, ASTANA, None), ("astana", En, ASTANA, None), ("астанинск", RuAdj, ASTANA, None), ("нур-султан", RuNoun, ASTANA, None),
    ("алматы", Exact, ALMATY, Some(ALMATY_REGION)), ("алматы", Kk, ALMATY, Some(ALMATY_REGION)), ("almaty", En, ALMATY, Some(ALMATY_REGION)), ("алма-ат", RuNoun, ALMATY, None), ("алматинск", RuAdj, ALMATY, Some(ALMATY_REGION)),
    ("шымкент", RuNoun, SHYMKENT, None), ("шымкент", Kk, SHYMKENT, None), ("shymkent", En, SHYMKENT, None), ("шымкентск", RuAdj, SHYMKENT, None), ("чимкент", RuNoun, SHYMKENT, None),
    // Regional centres and towns.
    ("семе", RuNoun, ABAI, None), ("семей", Kk, ABAI, None), ("семипалатинск", RuNoun, ABAI, None), ("абайск", RuAdj, ABAI, Some(ABAI)), ("курчатов", RuNoun, ABAI, None), ("аягоз", RuNoun, ABAI, None),
    ("кокшетау", Exact, AKMOLA, None), ("көкшетау", Kk, AKMOLA, None), ("кокшетауск", RuAdj, AKMOLA, None), ("акмолинск", RuAdj, AKMOLA, Some(AKMOLA)), ("ақмола", Kk, AKMOLA, Some(AKMOLA)), ("степногорск", RuNoun, AKMOLA, None),
    ("актобе", Exact, AKTOBE, None), ("ақтөбе", Kk, AKTOBE, Some(AKTOBE)), ("aktobe", En, AKTOBE, None), ("актюбинск", RuAdj, AKTOBE, Some(AKTOBE)), ("актюбинск", RuNoun, AKTOBE, None),
    ("конаев", RuNoun, ALMATY_REGION, None), ("қонаев", Kk, ALMATY_REGION, None), ("капшагай", RuNoun, ALMATY_REGION, None), ("талгар", RuNoun, ALMATY_REGION, None), ("каскелен", RuNoun, ALMATY_REGION, None), ("есик", RuNoun, ALMATY_REGION, None),
    ("атырау", Exact, ATYRAU, Some(ATYRAU)), ("атырау", Kk, ATYRAU, Some(ATYRAU)), ("atyrau", En, ATYRAU, None), ("атырауск", RuAdj, ATYRAU, Some(ATYRAU)), ("кульсары", Exact, ATYRAU, None),
    ("уральск", RuNoun, WEST, None), ("орал", Kk, WEST, None), ("западно-казахстанск", RuAdj, WEST, Some(WEST)), ("аксай", RuNoun, WEST, None),
    ("тараз", RuNoun, ZHAMBYL, None), ("тараз", Kk, ZHAMBYL, None), ("taraz", En, ZHAMBYL, None), ("жамбылск", RuAdj, ZHAMBYL, Some(ZHAMBYL)), ("жамбыл", Kk, ZHAMBYL, Some(ZHAMBYL)), ("кордай", RuNoun, ZHAMBYL, None), ("қордай", Kk, ZHAMBYL, None), ("масанчи", Exact, ZHAMBYL, None), ("сортобе", Exact, ZHAMBYL, None),
    ("талдыкорган", RuNoun, ZHETISU, None), ("талдықорған", Kk, ZHETISU, None), ("жетысуск", RuAdj, ZHETISU, Some(ZHETISU)), ("жетісу", Kk, ZHETISU, Some(ZHETISU)), ("текели", Exact, ZHETISU, None), ("жаркент", RuNoun, ZHETISU, None),
    ("караганд", RuNoun, KARAGANDA, None), ("қарағанды", Kk, KARAGANDA, Some(KARAGANDA)), ("karaganda", En, KARAGANDA, None), ("карагандинск", RuAdj, KARAGANDA, Some(KARAGANDA)), ("темиртау", Exact, KARAGANDA, None), ("теміртау", Kk, KARAGANDA, None), ("балхаш", RuNoun, KARAGANDA, None), ("шахтинск", RuNoun, KARAGANDA, None), ("сарань", Exact, KARAGANDA, None),
    ("костана", RuNoun, KOSTANAY, None), ("қостанай", Kk, KOSTANAY, Some(KOSTANAY)), ("kostanay", En, KOSTANAY, None), ("костанайск", RuAdj, KOSTANAY, Some(KOSTANAY)), ("рудн", RuAdj, KOSTANAY, None), ("лисаковск", RuNoun, KOSTANAY, None), ("аркалык", RuNoun, KOSTANAY, None),
    ("кызылорд", RuNoun, KYZYLORDA, None), ("қызылорда", Kk, KYZYLORDA, Some(KYZYLORDA)), ("kyzylorda", En, KYZYLORDA, None), ("кызылординск", RuAdj, KYZYLORDA, Some(KYZYLORDA)), ("байконур", RuNoun, KYZYLORDA, None), ("аральск", RuNoun, KYZYLORDA, None),
    ("актау", Exact, MANGYSTAU, None), ("ақтау", Kk, MANGYSTAU, None), ("aktau", En, MANGYSTAU, None), ("жанаозен", RuNoun, MANGYSTAU, None), ("жаңаөзен", Kk, MANGYSTAU, None), ("мангистауск", RuAdj, MANGYSTAU, Some(MANGYSTAU)), ("мангыстауск", RuAdj, MANGYSTAU, Some(MANGYSTAU)), ("маңғыстау", Kk, MANGYSTAU, Some(MANGYSTAU)), ("бейнеу", Exact, MANGYSTAU, None),
    ("павлодар", RuNoun, PAVLODAR, None), ("павлодар", Kk, PAVLODAR, Some(PAVLODAR)), ("pavlodar", En, PAVLODAR, None), ("павлодарск", RuAdj, PAVLODAR, Some(PAVLODAR)), ("экибастуз", RuNoun, PAVLODAR, None), ("екібастұз", Kk, PAVLODAR, None),
    ("петропавловск", RuNoun, NORTH, None), ("петропавл", Kk, NORTH, None), ("petropavl", En, NORTH, None), ("северо-казахстанск", RuAdj, NORTH, Some(NORTH)),
    ("туркестан", RuNoun, TURKISTAN, None), ("түркістан", Kk, TURKISTAN, Some(TURKISTAN)), ("turkistan", En, TURKISTAN, None), ("туркестанск", RuAdj, TURKISTAN, Some(TURKISTAN)), ("кентау", Exact, TURKISTAN, None), ("сарыагаш", RuNoun, TURKISTAN, None), ("сарыағаш", Kk, TURKISTAN, None), ("арыс", RuNoun, TURKISTAN, None), ("мактаарал", RuNoun, TURKISTAN, None),
    ("жезказган", RuNoun, ULYTAU, None), ("жезқазған", Kk, ULYTAU, None), ("сатпаев", RuNoun, ULYTAU, None), ("улытауск", RuAdj, ULYTAU, Some(ULYTAU)), ("ұлытау", Kk, ULYTAU, Some(ULYTAU)),
    ("усть-каменогорск", RuNoun, EAST, None), ("өскемен", Kk, EAST, None), ("oskemen", En, EAST, None), ("восточно-казахстанск", RuAdj, EAST, Some(EAST)), ("риддер", RuNoun, EAST, None), ("зайсан", RuNoun, EAST, None),
];

/// [`PLACES`], then the other spellings of their Kazakh stems
/// (`lexicon::with_spellings`):
/// the order of the automaton's place patterns ([`crate::scan`]), and how
/// many of them are [`PLACES`] (the rest count in a Kazakh text only).
pub fn places() -> &'static (Vec<Entry>, usize) {
    static P: std::sync::OnceLock<(Vec<Entry>, usize)> = std::sync::OnceLock::new();
    P.get_or_init(|| (with_spellings(PLACES, |p| (p.0, p.1), |p, text| (text, Kk, p.2, p.3), 4), PLACES.len()))
}

/// [`DISTRICTS`] as [`places`] has [`PLACES`].
pub fn districts() -> &'static (Vec<District>, usize) {
    static D: std::sync::OnceLock<(Vec<District>, usize)> = std::sync::OnceLock::new();
    D.get_or_init(|| (with_spellings(DISTRICTS, |d| (d.0, d.1), |d, text| (text, Kk, d.2, d.3), 4), DISTRICTS.len()))
}

/// The word that makes a name a district, and on which side it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// "Абайский район", "Абайского района", "… р-н".
    NextRaion,
    /// "Абай ауданы", "Абай ауданында".
    NextAudan,
    /// "Abai District".
    NextDistrict,
    /// "район Биржан сал", "в районе Биржан сал".
    PrevRaion,
}

/// (stem, class, KATO of the region, the word that must stand beside it)
pub type District = (&'static str, Class, &'static str, Context);

#[path = "places_districts.rs"]
mod districts;

pub use districts::DISTRICTS;

fn is_word_char(c: char) -> bool {
    crate::chars::is_alphanumeric(c) || c == '-'
}

/// Whether the word that makes a name a district stands beside it.
fn district_context(text: &str, start: usize, word_end: usize, context: Context) -> bool {
    let next = text[word_end..].trim_start_matches(|c: char| !crate::chars::is_alphanumeric(c));
    match context {
        Context::NextRaion => next.starts_with("район") || next.starts_with("р-н"),
        Context::NextAudan => next.starts_with("аудан"),
        Context::NextDistrict => next.starts_with("district"),
        Context::PrevRaion => text[..start].trim_end_matches(|c: char| !crate::chars::is_alphanumeric(c)).rsplit(|c: char| !crate::chars::is_alphanumeric(c)).next().is_some_and(|w| w.starts_with("район")),
    }
}

/// KATO codes of the regions named in a normalised text, in order of first mention.
pub fn regions(norm: &Normalized) -> Vec<&'static str> {
    let toks = crate::features::tokens(&norm.text);
    let kazakh = crate::lang::detect_words(&norm.text, &toks) == crate::lang::Lang::Kk;
    from_hits(norm, &crate::scan::scan(&norm.text, &toks), kazakh)
}

/// Where the word a hit starts ends, when the hit starts a word.
fn word_end(text: &str, hit: &Hit) -> Option<usize> {
    if text[..hit.start].chars().next_back().is_some_and(is_word_char) {
        return None;
    }
    Some(text[hit.end..].find(|c: char| !is_word_char(c)).map_or(text.len(), |i| hit.end + i))
}

/// The regions named among the hits of a scan of the normalised text
/// (a place wins over a district that starts at the same word). `kazakh`:
/// the text is Kazakh, where a Kazakh stem or ending may also be typed
/// without Kazakh letters, as Latin letters give it ("Almatyga",
/// "алматыга"; [`places`]).
pub fn from_hits(norm: &Normalized, hits: &[Hit], kazakh: bool) -> Vec<&'static str> {
    let text = norm.text.as_str();
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    let mut starts: std::collections::HashSet<usize> = std::collections::HashSet::new();
    let (places, lexicon) = places();
    for hit in hits {
        let (start, end) = (hit.start, hit.end);
        let Source::Place(i) = hit.source else { continue };
        if i >= *lexicon && !kazakh {
            continue;
        }
        let Some(word_end) = word_end(text, hit) else { continue };
        let (_, class, kato, region) = places[i];
        if !ending_allowed(class, &text[end..word_end], kazakh) {
            continue;
        }
        let next_word = text[word_end..].trim_start_matches(|c: char| !crate::chars::is_alphanumeric(c));
        let oblast = next_word.starts_with("област") || next_word.starts_with("облыс") || next_word.starts_with("region") || next_word.starts_with("обл.");
        let code = match (oblast, region) {
            (true, Some(r)) => r,
            _ => kato,
        };
        if starts.insert(start) {
            found.push((start, code));
        }
    }
    let (districts, lexicon) = districts();
    for hit in hits {
        let (start, end) = (hit.start, hit.end);
        let Source::District(i) = hit.source else { continue };
        if i >= *lexicon && !kazakh {
            continue;
        }
        let Some(word_end) = word_end(text, hit) else { continue };
        let (_, class, region, context) = districts[i];
        if ending_allowed(class, &text[end..word_end], kazakh) && district_context(text, start, word_end, context) && starts.insert(start) {
            found.push((start, region));
        }
    }
    found.sort_by_key(|f| f.0);
    let mut out: Vec<&'static str> = Vec::new();
    for (_, code) in found {
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;

    fn r(text: &str) -> Vec<&'static str> {
        regions(&normalize(text))
    }

    #[test]
    fn cities_and_regions_in_three_languages_and_their_forms() {
        assert_eq!(r("В Шымкенте и в Астане"), vec![SHYMKENT, ASTANA]);
        assert_eq!(r("Алматыда және Қарағандыда"), vec![ALMATY, KARAGANDA]);
        assert_eq!(r("Алматинская область"), vec![ALMATY_REGION]);
        assert_eq!(r("алматинские водители"), vec![ALMATY]);
        assert_eq!(r("Алматы облысының әкімдігі"), vec![ALMATY_REGION]);
        assert_eq!(r("in Oskemen and Aktau"), vec![EAST, MANGYSTAU]);
        assert_eq!(r("Кордайский район, село Масанчи"), vec![ZHAMBYL]);
        assert_eq!(r("жители Усть-Каменогорска"), vec![EAST]);
    }

    #[test]
    fn kazakh_in_latin_letters_takes_its_endings_as_latin_gives_them() {
        assert_eq!(r("biz Almatyga jane Shymkentke bardyq"), vec![ALMATY, SHYMKENT]);
        assert_eq!(r("biz Aktobede, Oskemende jane Kyzylordaga bardyq"), vec![AKTOBE, EAST, KYZYLORDA]);
        assert_eq!(r("biz Taldykorganda jane Kostanaida boldyq"), vec![ZHETISU, KOSTANAY]);
        assert!(r("Актобе и Оскемен").len() < 2, "in a Russian text the Kazakh spellings do not count");
        assert_eq!(r("Біз Алматыга бардық"), vec![ALMATY], "typed without ғ");
    }

    #[test]
    fn districts_name_their_region_only_beside_the_word_district() {
        assert_eq!(r("в Урджарском районе"), vec![ABAI]);
        assert_eq!(r("Үржар ауданында"), vec![ABAI]);
        assert_eq!(r("Bizdin auyl Urzhar audanynda, biz sonda turamyz"), vec![ABAI], "Kazakh in Latin letters");
        assert_eq!(r("Біздің ауыл Уржар ауданында"), vec![ABAI], "typed without ү");
        assert_eq!(r("Urzhar District"), vec![ABAI]);
        assert_eq!(r("в районе Биржан сал"), vec![AKMOLA]);
        assert_eq!(r("Сайрамский район"), vec![TURKISTAN]);
        assert!(r("Биржан сал был акыном").is_empty(), "a person, not a district");
        assert!(r("Абай ауданы").is_empty(), "Abai districts are in three regions");
    }

    #[test]
    fn common_words_are_not_places() {
        assert!(r("батыс жақта шу болды").is_empty());
        assert!(r("астанавливать").is_empty());
    }
}
