//! Inflection: whether what follows a stem in a word is an ending the stem's
//! class allows.
//!
//! Russian: the noun and adjective endings of the declension. Kazakh is
//! agglutinative: a stem takes, in this order, an optional derivational
//! suffix (-ша "in the language", -лық), plural (-лар/-лер/-дар/-дер/-тар/
//! -тер), possessive, case and personal suffixes; each slot lists its
//! allomorphs (vowel harmony and consonant assimilation give the variants).
//! Recognition accepts any allomorph: it is lenient on harmony, strict on
//! the order and the inventory of suffixes.

use crate::lexicon::Class;
use crate::short::{one_of, strip_prefix};

const RU_NOUN: &[&str] = &[
    "", "а", "у", "ом", "ем", "е", "ы", "и", "ов", "ев", "ам", "ям", "ами", "ями", "ах", "ях", "ой", "ей", "ою", "ею", "ь", "я", "ю", "ня", "ню", "ни", "ней",
];
const RU_ADJ: &[&str] = &["ий", "ый", "ой", "ая", "яя", "ое", "ее", "ие", "ые", "ого", "его", "ому", "ему", "ом", "ем", "ую", "юю", "им", "ым", "их", "ых", "ими", "ыми", "ей", "и"];
const EN: &[&str] = &["", "s", "'s", "es"];

const KK_DERIV: &[&str] = &["ша", "ше", "лық", "лік", "дық", "дік", "тық", "тік", "шыл", "шіл"];
const KK_PLURAL: &[&str] = &["лар", "лер", "дар", "дер", "тар", "тер"];
const KK_POSSESSIVE: &[&str] = &["ы", "і", "сы", "сі", "ым", "ім", "м", "ың", "ің", "ң", "мыз", "міз", "ымыз", "іміз", "ңыз", "ңіз", "ыңыз", "іңіз"];
const KK_CASE: &[&str] = &[
    "ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не", "а", "е", "ны", "ні", "ды", "ді", "ты", "ті", "н", "да", "де", "та", "те", "нда", "нде",
    "дан", "ден", "тан", "тен", "нан", "нен", "мен", "бен", "пен", "менен", "бенен", "пенен", "дай", "дей", "тай", "тей",
];
const KK_PERSONAL: &[&str] = &["мын", "мін", "бын", "бін", "пын", "пін", "мыз", "міз", "быз", "біз", "пыз", "піз", "сың", "сің", "сыз", "сіз"];

/// The Kazakh suffix slots, in order.
const KK_SLOTS: [&[&str]; 5] = [KK_DERIV, KK_PLURAL, KK_POSSESSIVE, KK_CASE, KK_PERSONAL];

/// Per slot, the letters a chain of suffixes from that slot on can start
/// with (by [`crate::chars::cyrillic_offset`]: every suffix is Cyrillic). The
/// Russian endings that follow a stem Kazakh shares ("татар-ин", "украин-цы")
/// are thus refused at their first letter, not after every way through the
/// slots.
fn chain_starts() -> &'static [[bool; 256]; KK_SLOTS.len()] {
    static T: std::sync::OnceLock<[[bool; 256]; KK_SLOTS.len()]> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = [[false; 256]; KK_SLOTS.len()];
        for slot in (0..KK_SLOTS.len()).rev() {
            if slot + 1 < KK_SLOTS.len() {
                t[slot] = t[slot + 1];
            }
            for suffix in KK_SLOTS[slot] {
                let b = suffix.as_bytes();
                t[slot][crate::chars::cyrillic_offset(b[0], b[1])] = true;
            }
        }
        t
    })
}

/// Whether `rest` is a chain of Kazakh suffixes filling slots from `slot` on.
fn kk_chain(rest: &str, slot: usize) -> bool {
    if rest.is_empty() {
        return true;
    }
    if slot == KK_SLOTS.len() {
        return false;
    }
    match rest.as_bytes() {
        [lead @ 0xd0..=0xd3, second, ..] if chain_starts()[slot][crate::chars::cyrillic_offset(*lead, *second)] => {}
        _ => return false,
    }
    KK_SLOTS[slot].iter().any(|suffix| strip_prefix(rest, suffix).is_some_and(|r| kk_chain(r, slot + 1))) || kk_chain(rest, slot + 1)
}

/// Whether `rest` is a Kazakh ending without derivation or plural (possessive,
/// case, personal): what follows a place name that still names the place
/// ("Америкада", in America), where `-лық` would make its people ("америкалықтар").
pub fn kk_inflection_only(rest: &str) -> bool {
    kk_chain(rest, 2)
}

/// Whether `rest` (what follows the stem up to the end of the word) is an
/// ending of the class.
pub fn ending_allowed(class: Class, rest: &str) -> bool {
    match class {
        Class::Exact => rest.is_empty(),
        Class::RuNoun => one_of(rest, RU_NOUN),
        Class::RuAdj => one_of(rest, RU_ADJ),
        Class::En => one_of(rest, EN),
        Class::Kk => kk_chain(rest, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_agglutination() {
        for rest in ["", "тар", "тарды", "тарға", "тардың", "ша", "тармен", "пыз", "тарымыз", "тарымызға", "тың", "қа"] {
            assert!(ending_allowed(Class::Kk, rest), "{rest}");
        }
        for rest in ["стан", "стандық", "тарх", "ылар"] {
            assert!(!ending_allowed(Class::Kk, rest), "{rest}");
        }
    }

    #[test]
    fn every_kazakh_suffix_is_cyrillic_and_the_first_letters_refuse_only_what_no_chain_takes() {
        for slot in KK_SLOTS {
            for suffix in slot {
                assert!(matches!(suffix.as_bytes(), [0xd0..=0xd3, _, ..]), "{suffix}");
            }
        }
        // Without the first-letter check: every way through the slots.
        fn slow(rest: &str, slot: usize) -> bool {
            rest.is_empty() || (slot < KK_SLOTS.len() && (KK_SLOTS[slot].iter().any(|s| rest.strip_prefix(s).is_some_and(|r| slow(r, slot + 1))) || slow(rest, slot + 1)))
        }
        let letters = ["а", "е", "ы", "і", "ш", "л", "д", "т", "с", "м", "ң", "н", "ғ", "г", "қ", "к", "б", "п", "й", "р", "и", "о", "ц", "z"];
        let mut rests = vec![String::new()];
        for _ in 0..4 {
            rests = rests.iter().flat_map(|r| letters.iter().map(move |l| format!("{r}{l}"))).chain(rests.iter().cloned()).collect();
            rests.dedup();
        }
        for r in rests.iter().chain(&["тарымызға".to_string(), "лықтарымызбен".to_string(), "ин".to_string(), "цы".to_string()]) {
            assert_eq!(kk_chain(r, 0), slow(r, 0), "{r}");
        }
    }

    #[test]
    fn russian_declension() {
        assert!(ending_allowed(Class::RuNoun, "ов"));
        assert!(ending_allowed(Class::RuAdj, "ого"));
        assert!(!ending_allowed(Class::RuNoun, "стан"));
        assert!(!ending_allowed(Class::RuAdj, ""));
    }
}
