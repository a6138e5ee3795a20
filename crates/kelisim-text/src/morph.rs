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
const EN: &[&str] = &["", "s", "'s", "es", "s'", "es'"];

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

/// The Kazakh suffix inventory a recognition uses: per slot, its suffixes
/// and the letters a chain of suffixes from that slot on can start with (by
/// [`crate::chars::cyrillic_offset`]: every suffix is Cyrillic). The Russian
/// endings that follow a stem Kazakh shares ("татар-ин", "украин-цы") are
/// thus refused at their first letter, not after every way through the slots.
struct Slots {
    suffixes: [Vec<&'static str>; KK_SLOTS.len()],
    starts: [[bool; 256]; KK_SLOTS.len()],
}

impl Slots {
    fn new(suffixes: [Vec<&'static str>; KK_SLOTS.len()]) -> Slots {
        let mut starts = [[false; 256]; KK_SLOTS.len()];
        for slot in (0..KK_SLOTS.len()).rev() {
            if slot + 1 < KK_SLOTS.len() {
                starts[slot] = starts[slot + 1];
            }
            for suffix in &suffixes[slot] {
                let b = suffix.as_bytes();
                starts[slot][crate::chars::cyrillic_offset(b[0], b[1])] = true;
            }
        }
        Slots { suffixes, starts }
    }
}

/// The suffixes as Kazakh spells them.
fn strict() -> &'static Slots {
    static S: std::sync::OnceLock<Slots> = std::sync::OnceLock::new();
    S.get_or_init(|| Slots::new(KK_SLOTS.map(|slot| slot.to_vec())))
}

/// The suffixes also as they are typed without Kazakh's own letters, and as
/// Kazakh written in Latin letters reads back ("-ға" as "-га", "-дың" as
/// "-дын", "-лық" as "-лык"): for a Kazakh text only (in a Russian one,
/// "-и" after "мари" is the genitive of Мария, not a Mari).
fn loose() -> &'static Slots {
    static S: std::sync::OnceLock<Slots> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        Slots::new(KK_SLOTS.map(|slot| {
            let mut all = slot.to_vec();
            for suffix in slot {
                // Each Kazakh letter of the suffix as it is or as typed without it.
                let mut spellings = vec![String::new()];
                for c in suffix.chars() {
                    let plain = crate::translit::without_kazakh_letters(c);
                    spellings = spellings.iter().flat_map(|s| [format!("{s}{c}"), format!("{s}{plain}")]).collect();
                    spellings.dedup();
                }
                for spelling in spellings {
                    if !all.contains(&spelling.as_str()) {
                        // Built once, for the life of the program, like the constants above.
                        all.push(Box::leak(spelling.into_boxed_str()));
                    }
                }
            }
            all
        }))
    })
}

/// Whether `rest` is a chain of Kazakh suffixes of `slots` filling slots from `slot` on.
fn kk_chain(slots: &Slots, rest: &str, slot: usize) -> bool {
    if rest.is_empty() {
        return true;
    }
    if slot == KK_SLOTS.len() {
        return false;
    }
    match rest.as_bytes() {
        [lead @ 0xd0..=0xd3, second, ..] if slots.starts[slot][crate::chars::cyrillic_offset(*lead, *second)] => {}
        _ => return false,
    }
    slots.suffixes[slot].iter().any(|suffix| strip_prefix(rest, suffix).is_some_and(|r| kk_chain(slots, r, slot + 1))) || kk_chain(slots, rest, slot + 1)
}

/// Whether `rest` is a Kazakh ending without derivation or plural (possessive,
/// case, personal): what follows a place name that still names the place
/// ("Америкада", in America), where `-лық` would make its people ("америкалықтар").
pub fn kk_inflection_only(rest: &str) -> bool {
    kk_chain(strict(), rest, 2)
}

/// Whether `rest` (what follows the stem up to the end of the word) is an
/// ending of the class. `kazakh`: the word is in a Kazakh text, where a
/// Kazakh ending may also be spelled as `loose` says.
pub fn ending_allowed(class: Class, rest: &str, kazakh: bool) -> bool {
    match class {
        Class::Exact => rest.is_empty(),
        Class::RuNoun => one_of(rest, RU_NOUN),
        Class::RuAdj => one_of(rest, RU_ADJ),
        Class::En => one_of(rest, EN),
        Class::Kk => kk_chain(if kazakh { loose() } else { strict() }, rest, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_agglutination() {
        for rest in ["", "тар", "тарды", "тарға", "тардың", "ша", "тармен", "пыз", "тарымыз", "тарымызға", "тың", "қа"] {
            assert!(ending_allowed(Class::Kk, rest, false), "{rest}");
        }
        for rest in ["стан", "стандық", "тарх", "ылар"] {
            assert!(!ending_allowed(Class::Kk, rest, false), "{rest}");
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
            assert_eq!(kk_chain(strict(), r, 0), slow(r, 0), "{r}");
        }
    }

    #[test]
    fn a_kazakh_text_takes_its_endings_also_without_kazakh_letters() {
        for rest in ["тарга", "тардын", "тердін", "тарымызга", "лык"] {
            assert!(ending_allowed(Class::Kk, rest, true), "{rest}");
            assert!(!ending_allowed(Class::Kk, rest, false), "{rest} as Kazakh spells it");
        }
        assert!(!ending_allowed(Class::Kk, "стан", true));
    }

    #[test]
    fn russian_declension() {
        assert!(ending_allowed(Class::RuNoun, "ов", false));
        assert!(ending_allowed(Class::RuAdj, "ого", false));
        assert!(!ending_allowed(Class::RuNoun, "стан", false));
        assert!(!ending_allowed(Class::RuAdj, "", false));
    }
}
