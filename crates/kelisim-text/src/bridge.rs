//! The Kazakh bridge: hostile Kazakh words read as the Russian words the
//! model learned hostility at a group from.
//!
//! The only annotations of attitude toward a group are Russian (RuEthnoHate);
//! the Kazakh set says offensive or neutral, never at whom. A Kazakh text is
//! read with features of its own ([`crate::features::read_as`]), so on its
//! own the attitude head knows nothing of a Kazakh word: "Ұйғырлар бізге
//! керек емес, оларды қуып шығу керек" (the Uyghurs must be driven out) scored
//! as neutral toward the Uyghurs as a festival post. Here each of a few dozen
//! unambiguous Kazakh words of expulsion, extermination, killing, hatred and
//! dehumanisation names its Russian counterpart ("қуып" → "выгнать", "жойылсын"
//! → "уничтожить", "шошқа" → "свиньи"); a Kazakh word that matches also
//! carries that Russian word's unigram, window features and word vector
//! ([`crate::features::Token::bridge`]), which the Russian annotations taught.
//! A cross-lingual lexicon, the usual start where one language has the labels
//! and the other does not. Kazakh posts often switch to Russian and back, so
//! a word with a letter only Kazakh uses is bridged in any text, a mixed or
//! Russian one too; the other forms only in a Kazakh text
//! ([`crate::features::read_as`]).
//!
//! Each form is also matched as typed without Kazakh letters
//! ([`crate::translit::typed_without_kazakh_letters`]: "саткындар", and Latin
//! "satkyndar", which reads back so, are "сатқындар"), in a Kazakh text only
//! as the other forms without a letter only Kazakh uses. Not in every Latin
//! spelling: "qyryp" written "kirip" reads back as "кіріп" (entered).
//!
//! Only words that are hostile whatever their context: "жау" (enemy) is
//! left out because "қар жауып" is snow falling, "құрт" because it is also
//! a worm and a cheese, "шығару" because it also means to produce.

use std::sync::OnceLock;

use crate::features::word_key;
use crate::hostile_words::Kind;
use crate::normalize::normalize;

use crate::forms::{Forms, Match, Match::Prefix, Match::Word};

/// (Kazakh form, how it matches, the Russian word it reads as).
const BRIDGE: &[(&str, Match, &str)] = &[
    // Expulsion: қуу "to drive out".
    ("қуу", Word, "выгнать"),
    ("қуып", Prefix, "выгнать"),
    ("қуыл", Prefix, "выгнать"),
    ("қуың", Prefix, "выгнать"),
    ("қуамыз", Prefix, "выгнать"),
    ("кетсін", Prefix, "выгнать"),
    // Extermination: жою "to destroy", құрту "to exterminate", қыру "to
    // slaughter", in the forms of a call or a threat only ("кедейлікті жою",
    // eradicating poverty, and "жойылды", was abolished, are official prose).
    ("жойылсын", Prefix, "уничтожить"),
    ("жойың", Prefix, "уничтожить"),
    ("жоямыз", Prefix, "уничтожить"),
    ("құртың", Prefix, "уничтожить"),
    ("құртамыз", Prefix, "уничтожить"),
    ("құртылсын", Prefix, "уничтожить"),
    ("қырып", Prefix, "убить"),
    // Killing and wishing death.
    ("өлтір", Prefix, "убить"),
    ("өлсін", Prefix, "смерть"),
    // Hatred: "жек көремін" (I hate).
    ("жек", Word, "ненавижу"),
    // Dehumanisation and insult.
    ("ит", Word, "собаки"),
    ("иттер", Prefix, "собаки"),
    ("шошқа", Prefix, "свиньи"),
    ("хайуан", Prefix, "животные"),
    ("жабайы", Prefix, "дикие"),
    ("сатқын", Prefix, "предатели"),
    ("оңбаған", Prefix, "сволочи"),
    ("сұмырай", Prefix, "сволочи"),
    ("азғын", Prefix, "мразь"),
    ("ақымақ", Prefix, "тупые"),
    ("жиіркенішті", Prefix, "отвратительно"),
    ("басынды", Prefix, "нагло"),
    ("басынып", Prefix, "нагло"),
    ("ұрылар", Prefix, "воры"),
];

/// The bridge as the engine matches it: normalised Kazakh forms (each also
/// as typed without Kazakh letters) with the key of their normalised Russian
/// word and that word's kind of enmity.
fn table() -> &'static Forms<(u64, Option<Kind>)> {
    static TABLE: OnceLock<Forms<(u64, Option<Kind>)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        Forms::new(BRIDGE.iter().flat_map(|(kk, how, ru)| {
            let form = normalize(kk).text;
            let ru = normalize(ru).text;
            let value = (word_key(&ru), crate::hostile_words::kind(&ru));
            // The form also as typed without Kazakh letters ("саткындар",
            // "куып"; Latin "satkyndar" and "kuyp" read back so too).
            let spellings: Vec<String> = std::iter::once(form.clone()).chain(crate::translit::typed_without_kazakh_letters(&form)).collect();
            spellings.into_iter().map(move |s| (s, *how, value))
        }))
    })
}

/// The bridge's Kazakh forms, in each of their spellings (patterns of the
/// engine's lexicons).
pub fn forms() -> impl Iterator<Item = &'static str> {
    table().forms()
}

/// The key of the Russian word a Kazakh word reads as (its [`word_key`]), and that word's kind
/// of enmity ([`crate::hostile_words`]), if the word is one of the bridge's.
pub fn russian(word: &str) -> Option<(u64, Option<Kind>)> {
    table().get(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_hostile_kazakh_words_read_as_their_russian_counterparts() {
        let key = |w: &str| Some(word_key(w));
        for (kk, ru) in [("қуып", "выгнать"), ("қуылсын", "выгнать"), ("жойыңдар", "уничтожить"), ("жойылсын", "уничтожить"), ("өлтіру", "убить"), ("шошқалар", "свиньи"), ("сатқындар", "предатели"), ("иттер", "собаки"), ("ит", "собаки")] {
            assert_eq!(russian(kk).map(|r| r.0), key(ru), "{kk}");
        }
    }

    #[test]
    fn every_russian_word_of_the_bridge_has_a_word_vector() {
        let vectors = crate::embeddings::Embeddings::builtin();
        let missing: Vec<&str> = BRIDGE.iter().map(|b| b.2).filter(|ru| vectors.vector(word_key(&normalize(ru).text)).is_none()).collect();
        assert!(missing.is_empty(), "not among the word vectors: {missing:?}");
    }

    #[test]
    fn kazakh_hate_at_a_group_reads_as_ethnic_hostility_and_ordinary_kazakh_posts_about_groups_do_not() {
        // SPEC §3.4: hostile language aimed at ethnic groups in Kazakh and Russian.
        let m = crate::Model::builtin();
        for text in ["Өзбектер шошқа, оларды елімізден жойыңдар", "Ұйғырлардың бәрі сатқындар, оларды өлтіру керек", "Қытайлар ит, бәрін қуып жіберу керек", "Орыстар жабайы хайуандар, елден кетсін"] {
            let a = m.analyze(text, None, &[]);
            assert_eq!(a.lang, crate::Lang::Kk);
            assert!(a.ethnic_hostility >= 0.5, "{text}: {a:?}");
            assert_eq!(a.groups[0].attitude, crate::Attitude::Negative, "{text}: {a:?}");
        }
        for text in ["Ұйғырлар мен қазақтар Наурызды бірге тойлады", "Дүнгендер Алматыда мейрам өткізді, кедейлікті жою бағдарламасы талқыланды", "Орыстар мен корейлер достық үйінде концерт берді", "Татарлар мешітте ифтар өткізді, барлығы шақырылды"] {
            let a = m.analyze(text, None, &[]);
            assert!(a.ethnic_hostility < 0.3, "{text}: {a:?}");
            assert!(a.groups.iter().all(|g| g.attitude != crate::Attitude::Negative), "{text}: {a:?}");
        }
    }

    #[test]
    fn kazakh_hate_typed_without_kazakh_letters_or_in_latin_letters_reads_as_in_kazakh_letters() {
        let m = crate::Model::builtin();
        for text in ["Уйгырлар саткындар, оларды куып жиберу керек", "Озбектер шошка, оларды бизге керек емес, олтиру керек", "Uigyrlar satkyndar, olardy kuyp jiberu kerek"] {
            let a = m.analyze(text, None, &[]);
            assert_eq!(a.lang, crate::Lang::Kk, "{text}");
            assert!(a.ethnic_hostility >= 0.5, "{text}: {a:?}");
        }
        for text in ["Уйгырлар мен казактар Наурызды бирге тойлады", "Uigyrlar men qazaqtar Nauryzdy birge toilady"] {
            let a = m.analyze(text, None, &[]);
            assert!(!a.groups.is_empty() && a.ethnic_hostility < 0.3, "{text}: {a:?}");
        }
    }

    #[test]
    fn a_kazakh_word_is_bridged_in_a_mixed_or_russian_text_only_with_a_letter_only_kazakh_uses() {
        use crate::features::{read_as, tokens};
        let bridged = |text: &str| {
            let norm = normalize(text).text;
            let mut toks = tokens(&norm);
            let lang = crate::lang::detect_words(&toks);
            read_as(&mut toks, lang);
            (lang, toks.iter().filter(|t| t.bridge != 0).map(|t| t.text.to_string()).collect::<Vec<_>>())
        };
        // A Kazakh phrase inside a Russian post.
        assert_eq!(bridged("Я вот что скажу: ұйғырлар сатқындар, оларды қуып жіберу керек"), (crate::Lang::Mixed, vec!["сатқындар".to_string(), "қуып".to_string()]));
        // "ИТ" in Russian is information technology, not "ит" (dog).
        assert_eq!(bridged("ИТ компании Казахстана нанимают всех, ит отрасль растет"), (crate::Lang::Ru, vec![]));
        // In a Kazakh text every form is.
        assert_eq!(bridged("Қытайлар ит, бәрін қуып жіберу керек").1, vec!["ит".to_string(), "қуып".to_string()]);
    }

    #[test]
    fn kazakh_hate_inside_a_russian_post_reads_as_hostile_to_the_group() {
        // SPEC §3.4: posts switch between Kazakh and Russian; hostility in the
        // Kazakh words is hostility all the same (without the bridge in mixed
        // texts the Uyghurs read neutral, 0.34 negative).
        let m = crate::Model::builtin();
        let a = m.analyze("Я вот что скажу: ұйғырлар сатқындар, оларды қуып жіберу керек", None, &[]);
        assert_eq!(a.lang, crate::Lang::Mixed);
        assert_eq!((a.groups[0].group, a.groups[0].attitude), ("uyghur", crate::Attitude::Negative), "{a:?}");
        let a = m.analyze("Вчера в доме дружбы қазақтар мен ұйғырлар вместе отметили Наурыз, было здорово", None, &[]);
        assert!(a.ethnic_hostility < 0.3 && a.groups.iter().all(|g| g.attitude != crate::Attitude::Negative), "{a:?}");
    }

    #[test]
    fn ordinary_kazakh_words_that_begin_alike_are_not_bridged() {
        // Snow falling, a quarrel, forty, joy, a worm, a translation.
        for w in ["жауып", "ұрыс", "қырық", "қуаныш", "құрт", "аударма", "жою", "жойылды", "итальян", "жекпе", "кеткен", "басында"] {
            assert_eq!(russian(w), None, "{w}");
        }
    }
}
