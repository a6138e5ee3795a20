//! Properties of normalisation (issue 3): normalising is idempotent, and every
//! span reported for the normalised text is a valid, ordered span of the
//! original, whatever the input.

use kelisim_text::normalize;
use kelisim_text::translit::{to_cyrillic, LatinSpelling};
use proptest::prelude::*;

/// Pieces the information field is made of: Cyrillic (Russian and Kazakh),
/// Latin, look-alikes, digits, markup, entities, spaces, combining marks.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[а-яёәғқңөұүһі]{1,8}",
        "[А-ЯЁӘҒҚҢӨҰҮҺІ]{1,4}",
        "[a-zäöüūğşıñ]{1,8}",
        "[A-Z]{1,3}",
        "[0-9@$]{1,3}",
        "[a-z0-9]{1,4}@[a-z]{1,4}[.][a-z]{1,3}",
        "@_{1,2}[a-z0-9]{0,4}",
        Just("<b>".to_string()),
        Just("</b>".to_string()),
        Just("<br/>".to_string()),
        Just("<font color=\"red\">".to_string()),
        Just("&amp;".to_string()),
        Just("&lt;".to_string()),
        Just("&#1082;".to_string()),
        Just("&nbsp;".to_string()),
        Just("&".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("'".to_string()),
        Just("\u{301}".to_string()),
        Just("\u{200b}".to_string()),
        "[ \t\n.,!?«»-]{1,3}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn normalising_twice_changes_nothing(s in text()) {
        let once = normalize(&s).text;
        let twice = normalize(&once).text;
        prop_assert_eq!(&once, &twice, "input {:?}", s);
    }

    #[test]
    fn every_span_is_a_valid_ordered_span_of_the_original(s in text()) {
        check_spans(&s)?;
    }

    #[test]
    fn spans_are_valid_for_any_unicode(s in "\\PC{0,60}") {
        check_spans(&s)?;
    }

    #[test]
    fn kazakh_cyrillic_letters_survive_transliteration_of_latin(word in "[a-z]{1,12}") {
        let out = to_cyrillic(&word, LatinSpelling::Informal);
        prop_assert!(out.chars().all(|c| ('\u{400}'..='\u{4ff}').contains(&c)), "{:?} -> {:?}", word, out);
        prop_assert!(out.chars().count() <= word.chars().count());
    }

    /// A Kazakh word written in the 2021 Latin alphabet comes back letter for
    /// letter (words built of syllables whose spelling is unambiguous).
    #[test]
    fn official_latin_comes_back_to_the_same_cyrillic(syllables in proptest::collection::vec((0usize..CONSONANTS.len(), 0usize..VOWELS.len()), 1..6)) {
        let (mut cyrillic, mut latin) = (String::new(), String::new());
        for (c, v) in syllables {
            cyrillic.push(CONSONANTS[c].0);
            latin.push(CONSONANTS[c].1);
            cyrillic.push(VOWELS[v].0);
            latin.push(VOWELS[v].1);
        }
        prop_assert_eq!(to_cyrillic(&latin, LatinSpelling::Official2021), cyrillic.clone());
        // And through the whole normalisation, when the text reads as Kazakh Latin.
        let text = format!("qazaqtar men {latin} älıpbi");
        prop_assert_eq!(normalize(&text).text, format!("қазақтар мен {cyrillic} әліпби"));
    }
}

/// Cyrillic letters and their 2021 Latin spelling, one to one.
const CONSONANTS: &[(char, char)] = &[
    ('б', 'b'), ('в', 'v'), ('г', 'g'), ('ғ', 'ğ'), ('д', 'd'), ('ж', 'j'), ('з', 'z'), ('к', 'k'), ('қ', 'q'), ('л', 'l'), ('м', 'm'), ('н', 'n'), ('п', 'p'),
    ('р', 'r'), ('с', 's'), ('т', 't'), ('ф', 'f'), ('ш', 'ş'),
];
const VOWELS: &[(char, char)] = &[('а', 'a'), ('ә', 'ä'), ('е', 'e'), ('о', 'o'), ('ө', 'ö'), ('ұ', 'ū'), ('ү', 'ü'), ('ы', 'y'), ('і', 'ı'), ('у', 'u')];

fn check_spans(s: &str) -> Result<(), TestCaseError> {
    let n = normalize(s);
    let boundaries: Vec<usize> = n.text.char_indices().map(|(i, _)| i).chain(std::iter::once(n.text.len())).collect();
    let mut last_start = 0;
    for w in boundaries.windows(2) {
        let (a, b) = n.original_span(w[0], w[1]);
        prop_assert!(a <= b && b <= s.len(), "span {a}..{b} of {}", s.len());
        prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
        prop_assert!(a >= last_start, "spans go forward");
        last_start = a;
    }
    Ok(())
}
