//! Arbitrary bytes through the whole pipeline: normalisation, language,
//! groups, places, model, signature. The input is read as text lossily (as
//! `kelisim text analyze` does) and split into a text and targets; every
//! reported span must be a valid range of the text. Normalisation's plain
//! path must give what its general path gives, text and spans, and the
//! words it cuts while writing must be the words of what it wrote.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (text, targets) = input.split_once('\u{1}').unwrap_or((&input, ""));
    let targets: Vec<&str> = targets.split('\u{1}').filter(|t| !t.is_empty()).collect();
    let a = kelisim_text::Model::builtin().analyze(text, None, &targets);
    for g in &a.groups {
        for m in &g.mentions {
            assert!(m.start < m.end && m.end <= text.len());
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
    assert!((0.0..=1.0).contains(&a.hostility) && (0.0..=1.0).contains(&a.ethnic_hostility));
    assert_eq!(a.targets.len(), targets.len());
    let (fast, general) = (kelisim_text::normalize(text), kelisim_text::normalize::normalize_general(text));
    assert_eq!(fast.text, general.text);
    assert_eq!(kelisim_text::features::tokens_of(&fast), kelisim_text::features::tokens(&fast.text), "the words cut while normalising are the text's");
    for (i, c) in fast.text.char_indices() {
        assert_eq!(fast.original_span(i, i + c.len_utf8()), general.original_span(i, i + c.len_utf8()));
    }
});
