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

/// Whether `rest` is a chain of Kazakh suffixes filling slots from `slot` on.
fn kk_chain(rest: &str, slot: usize) -> bool {
    if rest.is_empty() {
        return true;
    }
    if slot == KK_SLOTS.len() {
        return false;
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
    fn russian_declension() {
        assert!(ending_allowed(Class::RuNoun, "ов"));
        assert!(ending_allowed(Class::RuAdj, "ого"));
        assert!(!ending_allowed(Class::RuNoun, "стан"));
        assert!(!ending_allowed(Class::RuAdj, ""));
    }
}
