//! Mentions of ethnic groups: every stem of the lexicon is searched at once
//! (one Aho-Corasick pass over the normalised text, [`crate::scan`]); a hit counts when it starts a word
//! and the rest of the word is an ending its class allows (`crate::morph`).
//! Each mention is reported at its place in the original text.

use std::sync::OnceLock;


use crate::lexicon::{is_place_name, with_spellings, Class, Stem, GROUPS};
use crate::morph::ending_allowed;
use crate::normalize::Normalized;
use crate::scan::{Hit, Source};

/// One mention of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub group: &'static str,
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    /// Byte span in the normalised text.
    pub norm_start: usize,
    pub norm_end: usize,
    /// The mention is a slur aimed at the group.
    pub slur: bool,
}

/// Every stem of the lexicon with its group, flattened, then the other
/// spellings of its Kazakh stems (the order of the automaton's group
/// patterns, see [`crate::scan`]).
pub fn patterns() -> &'static [(&'static str, Stem)] {
    &table().0
}

/// [`patterns`], and how many of them are the lexicon's own stems (the rest
/// are the other spellings of its Kazakh stems, [`with_spellings`]: how
/// Kazakh in Latin letters reads back or Kazakh typed without its own
/// letters, "uiğyrlar", "uigyrlar" and "уйгырлар" being Uyghurs as
/// "ұйғырлар" is). They count in a Kazakh text only: in a Russian one
/// "китай" (from "qytai") is China, not the Chinese. A spelling of a Russian
/// stem ("казак", a Cossack, from "kazak") is kept: the ending decides.
fn table() -> &'static (Vec<(&'static str, Stem)>, usize) {
    static P: OnceLock<(Vec<(&'static str, Stem)>, usize)> = OnceLock::new();
    P.get_or_init(|| {
        let lexicon: Vec<(&'static str, Stem)> = GROUPS.iter().flat_map(|g| g.stems.iter().filter(|s| !s.text.is_empty()).map(move |s| (g.id, *s))).collect();
        let len = lexicon.len();
        (with_spellings(&lexicon, |p| (p.1.text, p.1.class), |p, text| (p.0, Stem { text, class: Class::Kk, slur: p.1.slur }), 3), len)
    })
}

fn is_word_char(c: char) -> bool {
    crate::chars::is_alphanumeric(c) || c == '\''
}

/// Resolves a name of a group given in any language or form ("казах",
/// "орыстарды", "чурка", "Uyghurs") to its id. A name that does not resolve
/// as it reads is taken for a Kazakh one, as a caller who gives it means a
/// group: typed without Kazakh letters ("уйгырлар"), or in Latin letters
/// ("uighurlar", which alone does not look Kazakh to [`crate::normalize()`]).
pub fn resolve(name: &str) -> Option<&'static str> {
    use crate::translit::{to_cyrillic, LatinSpelling};
    // The mention the name starts with.
    let first = |n: &Normalized, kazakh: Option<bool>| {
        let start = n.text.find(|c: char| crate::chars::is_alphanumeric(c)).unwrap_or(0);
        read(n, kazakh).first().filter(|m| m.norm_start == start).map(|m| m.group)
    };
    let n = crate::normalize(name);
    first(&n, None).or_else(|| first(&n, Some(true))).or_else(|| {
        let latin = n.text.bytes().any(|b| b.is_ascii_alphabetic());
        let read_back = [LatinSpelling::Informal, LatinSpelling::Official2021].map(|s| crate::normalize(&to_cyrillic(&n.text, s)));
        read_back.iter().filter(|_| latin).find_map(|r| first(r, Some(true)))
    })
}

/// Finds the mentions in a normalised text, in order (reading it as Kazakh
/// when its words say it is, as the analysis does).
pub fn find(norm: &Normalized) -> Vec<Mention> {
    read(norm, None)
}

/// The mentions of a normalised text, read as Kazakh or not as `kazakh`
/// says, or as its words say when it says nothing.
fn read(norm: &Normalized, kazakh: Option<bool>) -> Vec<Mention> {
    let toks = crate::features::tokens(&norm.text);
    let kazakh = kazakh.unwrap_or_else(|| crate::lang::detect_words(&norm.text, &toks) == crate::lang::Lang::Kk);
    from_hits(norm, &crate::scan::scan(&norm.text, &toks), kazakh)
}

/// The mentions among the hits of a scan of the normalised text (in order of
/// start, as [`crate::scan::scan`] gives them). `kazakh`: the text is
/// Kazakh, where the Kazakh stems' other spellings and endings count too.
pub fn from_hits(norm: &Normalized, hits: &[Hit], kazakh: bool) -> Vec<Mention> {
    let text = norm.text.as_str();
    let (patterns, lexicon) = table();
    // The best hit per word start: the longest stem whose ending fits. (The
    // hits of one start come together: the scan gives them in order of start.)
    let mut best: Vec<(usize, usize, usize)> = Vec::with_capacity(hits.len()); // (word start, word end, pattern)
    for hit in hits {
        let Source::Group(pattern) = hit.source else { continue };
        if pattern >= *lexicon && !kazakh {
            continue;
        }
        let start = hit.start;
        if text[..start].chars().next_back().is_some_and(is_word_char) {
            continue;
        }
        let word_end = text[hit.end..].find(|c: char| !is_word_char(c)).map_or(text.len(), |i| hit.end + i);
        let (_, stem) = patterns[pattern];
        let rest = &text[hit.end..word_end];
        let rest = if stem.class == Class::En { rest } else { rest.trim_end_matches('\'') };
        if !ending_allowed(stem.class, rest, kazakh) {
            continue;
        }
        match best.last_mut() {
            Some(b) if b.0 == start => {
                // The longest stem; of two alike, a Kazakh spelling over a Russian stem.
                let held = patterns[b.2].1;
                if held.text.len() < stem.text.len() || (pattern >= *lexicon && held.text.len() == stem.text.len() && held.class != Class::Kk) {
                    *b = (start, word_end, pattern);
                }
            }
            _ => best.push((start, word_end, pattern)),
        }
    }
    debug_assert!(best.windows(2).all(|w| w[0].0 < w[1].0), "hits come in order of start");
    // A word that names a place spelled like a group is no mention (one look per word).
    best.into_iter()
        .filter(|&(s, e, _)| !is_place_name(&text[s..e]))
        .map(|(s, e, p)| {
            let (group, stem) = patterns[p];
            let (start, end) = norm.original_span(s, e);
            Mention { group, start, end, norm_start: s, norm_end: e, slur: stem.slur }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;

    use crate::lexicon::NOT_SPELLINGS;

    /// Spellings that begin words of the Kazakh set as they are meant: the
    /// Kazakhs written "казак" ("казактарды").
    const ALSO_WRITTEN_SO: &[&str] = &["казак"];

    #[test]
    fn no_spelling_begins_another_word_of_kazakh() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/");
        let files = ["data/kk-offensive/train.csv", "seeds/001_66d8cb455d994174.txt"].map(|f| std::fs::read_to_string(format!("{root}{f}")));
        let [Ok(set), Ok(seed)] = files else {
            eprintln!("skipped: the Kazakh set and the seed documents are not here ({root})");
            return;
        };
        let mut words = std::collections::BTreeSet::new();
        for line in set.lines().chain(seed.lines()) {
            let n = normalize(line);
            words.extend(crate::features::tokens(&n.text).iter().map(|t| t.text.to_string()));
        }
        // Every spelling of the groups', places' and districts' Kazakh stems, the refused ones too.
        let stems = GROUPS.iter().flat_map(|g| g.stems).filter(|s| s.class == Class::Kk).map(|s| s.text);
        let places = crate::places::PLACES.iter().filter(|p| p.1 == Class::Kk).map(|p| p.0);
        let districts = crate::places::DISTRICTS.iter().filter(|d| d.1 == Class::Kk).map(|d| d.0);
        let spellings: Vec<String> = stems.chain(places).chain(districts).flat_map(crate::translit::kazakh_spellings).collect();
        let mut begin = std::collections::BTreeSet::new();
        for s in &spellings {
            if words.iter().any(|w| w.strip_prefix(s.as_str()).is_some_and(|rest| ending_allowed(Class::Kk, rest, true))) {
                begin.insert(s.as_str());
            }
        }
        let unsaid: Vec<&&str> = begin.iter().filter(|s| !NOT_SPELLINGS.contains(s) && !ALSO_WRITTEN_SO.contains(s)).collect();
        assert!(unsaid.is_empty(), "these spellings begin words of Kazakh as it is spelled: refuse them (NOT_SPELLINGS) or say they are meant (ALSO_WRITTEN_SO): {unsaid:?}");
        assert!(begin.contains("қарайм") && begin.contains("казак"), "the test reads the words: {begin:?}");
    }

    #[test]
    fn kazakh_in_latin_letters_or_without_its_own_letters_names_the_groups() {
        for (text, id) in [
            ("Bizdiń aýylda uiğyrlar turady", "uyghur"),
            ("bizdin auylda uighurlar men qazaqtar turady", "uyghur"),
            ("bizdin auylda uygurlar turady", "uyghur"),
            ("Qytailar men orystar birge jumys istedi", "chinese"),
            ("kyrgyzdar bizge keldi, bizdin auyl", "kyrgyz"),
            ("bizdin auylda nemisterdin uii bar", "german"),
            ("orystarga komek kerek, biz qazaqtar", "russian"),
            ("Біздің ауылда уйгырлар мен казактар тұрады", "uyghur"),
            ("Біздің ауылда озбектер тұрады", "uzbek"),
        ] {
            let found: Vec<_> = groups(text).into_iter().map(|g| g.0).collect();
            assert!(found.contains(&id), "{text}: {found:?}");
        }
        // Not in a Russian text: "Китай" is China, "Марии" is Maria's.
        assert!(groups("Китай и Марии").is_empty());
        // Not other words of Kazakh.
        assert!(groups("Мен саған қараймын, ол кітапты кіргізді").is_empty());
    }

    fn groups(text: &str) -> Vec<(&'static str, String, bool)> {
        find(&normalize(text)).into_iter().map(|m| (m.group, text[m.start..m.end].to_string(), m.slur)).collect()
    }

    #[test]
    fn russian_declension_and_adjectives() {
        assert_eq!(groups("Казахи, казахов, казахский язык"), vec![
            ("kazakh", "Казахи".to_string(), false),
            ("kazakh", "казахов".to_string(), false),
            ("kazakh", "казахский".to_string(), false)
        ]);
        assert_eq!(groups("русские и немцы").iter().map(|g| g.0).collect::<Vec<_>>(), vec!["russian", "german"]);
        assert!(groups("Казахстан и казахстанцы").is_empty(), "the country and its citizens are not an ethnic group");
    }

    #[test]
    fn kazakh_agglutination_with_harmony() {
        let found: Vec<&str> = groups("орыстар орыстарды өзбектерге ұйғырлардың қазақпыз").iter().map(|g| g.0).collect();
        assert_eq!(found, vec!["russian", "russian", "uzbek", "uyghur", "kazakh"]);
        assert!(groups("Қазақстан").is_empty());
    }

    #[test]
    fn obfuscated_spellings_and_slurs() {
        let found = groups("эти ч у р к и... нет: чуррррки, хохлы и k@з@хи");
        assert!(found.contains(&("ukrainian", "хохлы".to_string(), true)));
        assert!(found.contains(&("kazakh", "k@з@хи".to_string(), false)));
        assert!(found.contains(&("central_asian", "чуррррки".to_string(), true)));
    }

    #[test]
    fn an_at_handle_names_no_group() {
        assert!(groups("@kazakh_news сообщает о погоде").is_empty(), "an account's name");
        assert!(groups("пишите на russian@mail.ru или kazakh.tili@gov.kz").is_empty(), "e-mail addresses");
        assert_eq!(groups("kazakh.@user").iter().map(|g| g.0).collect::<Vec<_>>(), ["kazakh"], "a word before a handle is no address");
        assert!(groups("@news_kazakh сообщает о погоде").is_empty(), "to the next space");
        assert!(groups("@_kazakh_news и @__kazakh сообщают о погоде").is_empty(), "a handle may begin with underscores");
        assert_eq!(groups("_kazakh_ и @_ казахи").iter().map(|g| g.0).collect::<Vec<_>>(), ["kazakh", "kazakh"], "underscores with no @, or no name after them, hide nothing");
        assert_eq!(groups("@_казахи").iter().map(|g| g.0).collect::<Vec<_>>(), ["kazakh"], "a handle's name is ASCII");
        assert_eq!(groups("@aidos_kz: казахи молодцы").iter().map(|g| g.0).collect::<Vec<_>>(), vec!["kazakh"]);
        assert_eq!(groups("@рмяне").iter().map(|g| g.0).collect::<Vec<_>>(), vec!["armenian"], "@ for а, not a handle");
    }

    #[test]
    fn english_names_and_slurs_are_found() {
        let found = groups("Gypsies, Romani, russkies, Ruski, kikes and gyppos; Uyghurs' songs");
        assert_eq!(
            found.iter().map(|g| (g.0, g.2)).collect::<Vec<_>>(),
            vec![("roma", false), ("roma", false), ("russian", true), ("russian", true), ("jewish", true), ("roma", true), ("uyghur", false)]
        );
        assert!(groups("Romania and Russia signed an agreement; a chink in the wall").is_empty());
    }

    #[test]
    fn slurs_that_decline_as_adjectives_are_found() {
        // The three slurs were written with noun endings and never matched
        // "черножопые" (RuEthnoHate annotates 119 instances of them, 105
        // negative); "среднеазиаты" (29 instances) was missing.
        let found = groups("черножопые, узкоглазых и черномазый; среднеазиаты");
        assert_eq!(found.iter().map(|g| (g.0, g.2)).collect::<Vec<_>>(), vec![("caucasian", true), ("asian", true), ("caucasian", true), ("central_asian", false)]);
    }

    #[test]
    fn slurs_the_held_out_texts_showed_missing_are_found() {
        // "пиндосы" (RuEthnoHate's "пендос" spelt with и), the compounds of
        // Ukrainians' slurs and "каклы", the feminine noun of "узкоглазый".
        let found = groups("пиндосам, укропитеки, хохлопитеков, каклы, ниггеры, нигеры, бульбаши, узкоглазки, хачики");
        assert_eq!(found.iter().map(|g| (g.0, g.2)).collect::<Vec<_>>(), vec![("american", true), ("ukrainian", true), ("ukrainian", true), ("ukrainian", true), ("black", true), ("black", true), ("belarusian", true), ("asian", true), ("caucasian", true)]);
        // "хачики" is RuEthnoHate's "хач" (Caucasians), as "хачи" are; Niger the country is no slur.
        assert!(groups("Нигер и Мали подписали соглашение").is_empty());
    }

    #[test]
    fn adjectives_of_slurs_and_womens_names_in_the_genitive_plural_are_found() {
        // Found missing in RuEthnoHate texts whose annotated group the lexicon
        // did not see: "салоедская нация", "кацапских эмигрантов", "чеченок".
        let found = groups("салоедская нация, хохляцкий народ, кацапских эмигрантов, руснявый");
        assert_eq!(found.iter().map(|g| (g.0, g.2)).collect::<Vec<_>>(), vec![("ukrainian", true), ("ukrainian", true), ("russian", true), ("russian", true)]);
        for (name, id, slur) in [
            ("чеченок", "chechen", false),
            ("ингушек", "ingush", false),
            ("аварка", "avar", false),
            ("ногаек", "nogai", false),
            ("балкарок", "balkar", false),
            ("даргинках", "dargin", false),
            ("руские", "russian", false),
            ("русичи", "russian", false),
            ("нацменок", "non_russian", true),
            ("нерусью", "non_russian", true),
            ("армяшек", "armenian", true),
            ("татарва", "tatar", true),
        ] {
            assert_eq!(groups(name).iter().map(|g| (g.0, g.2)).collect::<Vec<_>>(), vec![(id, slur)], "{name}");
        }
    }

    #[test]
    fn peoples_of_dagestan_and_nations_beyond_the_region() {
        for (name, id) in [("лакцы", "lak"), ("шорцев", "shor"), ("арабам", "arab"), ("японцы", "japanese"), ("француженка", "french"), ("румынов", "romanian"), ("мадьяры", "hungarian"), ("пендосы", "american"), ("жапондар", "japanese"), ("армянином", "armenian"), ("татарина", "tatar"), ("даги", "dagestani"), ("неруси", "non_russian"), ("армяшки", "armenian"), ("ляхов", "polish"), ("эрзи", "mordvin"), ("эрзян", "mordvin"), ("мокшу", "mordvin"), ("адыгейки", "adyghe"), ("кабардинок", "kabardian"), ("карачаевка", "karachay"), ("тувинка", "tuvan"), ("кавказская", "caucasian")] {
            assert_eq!(resolve(name), Some(id), "{name}");
        }
        assert!(groups("шведский стол и японский сад").iter().all(|g| !g.2), "a national adjective is a mention, not a slur");
    }

    #[test]
    fn a_place_spelled_like_its_people_is_no_mention() {
        // "Украина", "Кавказ", "Америка" are where, not who: the war in
        // Ukraine or a trip to the Caucasus says nothing of Ukrainians or
        // Caucasians (RuEthnoHate texts read them as groups nobody annotated).
        let places = "на Украине, из Украины, про Украину; Кавказ, на Кавказе; Америка, в Америке; Литва; Беларусь; портрет Бандеры; Украинаға, Америкада, Кавказдан, Қытайда, Қытайдан, Әзірбайжанға";
        assert!(groups(places).is_empty(), "{:?}", groups(places));
        let peoples = "украинцы, кавказцы, американцы, литовцы, беларусы, бандеровцы, украиндар, америкалықтар, кавказдықтар, укры, қытай жұмысшылары, қытайлар";
        let found: Vec<(&str, bool)> = groups(peoples).iter().map(|g| (g.0, g.2)).collect();
        assert_eq!(found, vec![("ukrainian", false), ("caucasian", false), ("american", false), ("lithuanian", false), ("belarusian", false), ("ukrainian", true), ("ukrainian", false), ("american", false), ("caucasian", false), ("ukrainian", true), ("chinese", false), ("chinese", false)]);
    }

    #[test]
    fn latin_kazakh_and_english() {
        assert_eq!(groups("Qazaqtar men orystar").iter().map(|g| g.0).collect::<Vec<_>>(), vec!["kazakh", "russian"]);
        assert_eq!(groups("Uyghurs and Koreans").iter().map(|g| g.0).collect::<Vec<_>>(), vec!["uyghur", "korean"]);
    }

    #[test]
    fn spans_are_in_the_original() {
        let text = "Мы, <b>КАЗАХИ</b>, и &#1088;усские";
        let found = groups(text);
        assert_eq!(found[0].1, "КАЗАХИ");
        assert_eq!(found[1].1, "&#1088;усские");
    }

    #[test]
    fn names_resolve_from_any_language_and_form() {
        for (name, id) in [("казах", "kazakh"), ("Орыстарды", "russian"), ("чурка", "central_asian"), ("Uyghurs", "uyghur"), ("хохол", "ukrainian"), ("немцев", "german")] {
            assert_eq!(resolve(name), Some(id), "{name}");
        }
        assert_eq!(resolve("стол"), None);
        // A name alone, typed without Kazakh letters or in Latin letters, is taken for a Kazakh one.
        for (name, id) in [("уйгырлар", "uyghur"), ("uighurlar", "uyghur"), ("ozbekter", "uzbek"), ("qytailar", "chinese")] {
            assert_eq!(resolve(name), Some(id), "{name}");
        }
        assert_eq!(resolve("table"), None);
    }
}
