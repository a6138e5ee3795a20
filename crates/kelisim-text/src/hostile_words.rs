//! Words of the language of enmity, pooled by what they do to a group.
//!
//! RuEthnoHate's 3,366 texts are few for the words of hostility: most of
//! "выдворить", "истребить", "нелюди", "отребье" occur in a handful of texts
//! or none, so the model learns little or nothing of each word alone, and a
//! held-out text that uses another one than the texts it learned from reads
//! as talk. Here each such word also carries one feature shared with the
//! others of its kind (expulsion, violence, dehumanisation, insult, hatred,
//! crime, obscenity, vices), learned from all of them together ([`crate::features::Token::hostile`]):
//! in the text part and in the window around a mention, as a word is; and
//! the attitude's second stage reads how many stand around a group
//! ([`crate::features::hostile_near`], [`crate::refine`]).
//!
//! The kinds hold words that call for or do harm, not words that speak of
//! it: "депортация", "геноцид", "уничтожение", "ненависть" are mostly
//! history and talk about hatred in RuEthnoHate (25 texts with
//! "депортация", none labelled hostile), and a kind is only as good as its
//! words agree, so they are not here; the calls ("уничтожить") are. Obscenity
//! (the roots of *мат*: one root, endless forms) and the vices cast on a group
//! were added later, checked against the data (docs/text-engine.md,
//! "Obscenity, vices and more slurs").
//!
//! A kind's feature is only evidence the model weighs: it learns how much a
//! kind says from the annotations, so a word that is hostile in one text and
//! not in another ("грязные улицы") costs its kind some weight, not an alarm.
//! Forms are normalised Russian words (as [`crate::normalize()`] gives them),
//! matched whole or as the beginning of the word (its endings). A Kazakh word
//! of [`crate::bridge`] carries the kind of the Russian word it reads as.

use std::sync::OnceLock;

use crate::forms::{Forms, Match, Match::Prefix, Match::Word};
use crate::normalize::normalize;

/// What a word does to the group it is said of. The number keys the kind's
/// features (`kind as u64`): a trained model's weights sit where they hash,
/// so a kind keeps its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Drive out, throw out, "понаехали" (calls, not deportation talked about).
    Expulsion = 0,
    /// Kill, exterminate, burn, a wish of death.
    Violence = 1,
    /// Beasts, vermin, non-humans.
    Dehumanisation = 2,
    /// Abuse and contempt.
    Insult = 3,
    /// Hatred said as such.
    Hatred = 4,
    /// A group cast as criminals or invaders.
    Crime = 5,
    /// Obscenity (Russian *мат*) and sexual abuse: the register of a text
    /// that insults, whoever it is said of.
    Obscenity = 6,
    /// Vices cast on a group (insolent, base, lying, cowardly, venal).
    Vice = 7,
}

use Kind::{Crime, Dehumanisation, Expulsion, Hatred, Insult, Obscenity, Vice, Violence};

/// (form, how it matches, kind). Beginnings are chosen so that no ordinary
/// word begins alike ("скотовод" is why "скотов" is a whole word; "животн"
/// would be "животноводство": the animals are whole words). No group's name
/// or slur is here ("нерусь", "инородцы" name a group: the lexicon of
/// groups reads them, and a test holds the two lists apart).
const WORDS: &[(&str, Match, Kind)] = &[
    // Expulsion.
    ("выгнать", Word, Expulsion),
    ("выгнат", Prefix, Expulsion),
    ("выгонят", Prefix, Expulsion),
    ("выгоня", Prefix, Expulsion),
    ("выгоним", Prefix, Expulsion),
    ("выселит", Prefix, Expulsion),
    ("выселя", Prefix, Expulsion),
    ("выдворит", Prefix, Expulsion),
    ("выдворя", Prefix, Expulsion),
    ("изгнат", Prefix, Expulsion),
    ("изгоня", Prefix, Expulsion),
    ("понаех", Prefix, Expulsion),
    ("убирайт", Prefix, Expulsion),
    ("убирались", Word, Expulsion),
    ("катитесь", Word, Expulsion),
    ("валите", Word, Expulsion),
    ("валят", Word, Expulsion),
    ("гнать", Word, Expulsion),
    ("гоните", Word, Expulsion),
    ("вышвырн", Prefix, Expulsion),
    ("чемодан", Prefix, Expulsion),
    ("вали", Word, Expulsion),
    ("валить", Word, Expulsion),
    ("выкинуть", Word, Expulsion),
    ("выкинем", Word, Expulsion),
    ("выпроводит", Prefix, Expulsion),
    ("метлой", Word, Expulsion),
    // Violence: calls and threats ("уничтожение", "геноцид", "расстрел" are
    // mostly history talked about).
    ("уничтожить", Word, Violence),
    ("уничтожать", Word, Violence),
    ("уничтожим", Word, Violence),
    ("уничтожьте", Word, Violence),
    ("истребить", Word, Violence),
    ("расстрелять", Word, Violence),
    ("перебить", Word, Violence),
    ("перебьем", Word, Violence),
    ("вырезать", Word, Violence),
    ("вырежем", Word, Violence),
    ("резать", Word, Violence),
    ("резня", Word, Violence),
    ("резню", Word, Violence),
    ("убить", Word, Violence),
    ("убивать", Word, Violence),
    ("убивают", Word, Violence),
    ("убей", Word, Violence),
    ("убейте", Word, Violence),
    ("убьем", Word, Violence),
    ("мочить", Word, Violence),
    ("мочите", Word, Violence),
    ("сжечь", Word, Violence),
    ("сжигать", Word, Violence),
    ("повесить", Word, Violence),
    ("вешать", Word, Violence),
    ("перевешать", Word, Violence),
    ("зачистит", Prefix, Violence),
    ("зачистк", Prefix, Violence),
    ("смерть", Word, Violence),
    ("сдохн", Prefix, Violence),
    ("подохн", Prefix, Violence),
    ("передох", Prefix, Violence),
    ("бить", Word, Violence),
    ("бейте", Word, Violence),
    ("душить", Word, Violence),
    ("жечь", Word, Violence),
    ("добить", Word, Violence),
    ("перерезать", Word, Violence),
    ("кастрирова", Prefix, Violence),
    ("стерилизова", Prefix, Violence),
    // Dehumanisation.
    ("скоты", Word, Dehumanisation),
    ("скотов", Word, Dehumanisation),
    ("скотам", Word, Dehumanisation),
    ("скотина", Prefix, Dehumanisation),
    ("скотины", Word, Dehumanisation),
    ("животные", Word, Dehumanisation),
    ("животных", Word, Dehumanisation),
    ("животным", Word, Dehumanisation),
    ("животными", Word, Dehumanisation),
    ("звери", Word, Dehumanisation),
    ("зверей", Word, Dehumanisation),
    ("зверье", Prefix, Dehumanisation),
    ("зверьми", Word, Dehumanisation),
    ("обезьян", Prefix, Dehumanisation),
    ("макак", Prefix, Dehumanisation),
    ("свиньи", Word, Dehumanisation),
    ("свиней", Word, Dehumanisation),
    ("свиньям", Word, Dehumanisation),
    ("свинья", Word, Dehumanisation),
    ("собаки", Word, Dehumanisation),
    ("собак", Word, Dehumanisation),
    ("псы", Word, Dehumanisation),
    ("крысы", Word, Dehumanisation),
    ("крыс", Word, Dehumanisation),
    ("таракан", Prefix, Dehumanisation),
    ("паразит", Prefix, Dehumanisation),
    ("нелюд", Prefix, Dehumanisation),
    ("выродк", Prefix, Dehumanisation),
    ("выродок", Word, Dehumanisation),
    ("нечисть", Prefix, Dehumanisation),
    ("отброс", Prefix, Dehumanisation),
    ("биомусор", Prefix, Dehumanisation),
    ("быдл", Prefix, Dehumanisation),
    ("орки", Word, Dehumanisation),
    ("орков", Word, Dehumanisation),
    ("недочелов", Prefix, Dehumanisation),
    ("саранч", Prefix, Dehumanisation),
    ("дикари", Word, Dehumanisation),
    ("дикарь", Word, Dehumanisation),
    ("дикарей", Word, Dehumanisation),
    ("дикие", Word, Dehumanisation),
    ("диких", Word, Dehumanisation),
    ("стадо", Word, Dehumanisation),
    ("недолюд", Prefix, Dehumanisation),
    ("бараны", Word, Dehumanisation),
    ("баранов", Word, Dehumanisation),
    ("шакал", Prefix, Dehumanisation),
    ("гиены", Word, Dehumanisation),
    ("клопы", Word, Dehumanisation),
    ("вши", Word, Dehumanisation),
    ("глисты", Word, Dehumanisation),
    ("варвар", Prefix, Dehumanisation),
    ("людоед", Prefix, Dehumanisation),
    ("ишак", Prefix, Dehumanisation),
    // Insult and contempt.
    ("мразь", Prefix, Insult),
    ("мрази", Prefix, Insult),
    ("твари", Word, Insult),
    ("тварь", Word, Insult),
    ("тварей", Word, Insult),
    ("урод", Word, Insult),
    ("уроды", Prefix, Insult),
    ("уродов", Word, Insult),
    ("уродам", Prefix, Insult),
    ("уродск", Prefix, Insult),
    ("ублюд", Prefix, Insult),
    ("сволоч", Prefix, Insult),
    ("гнид", Prefix, Insult),
    ("падл", Prefix, Insult),
    ("падаль", Word, Insult),
    ("дебил", Prefix, Insult),
    ("тупые", Word, Insult),
    ("тупых", Word, Insult),
    ("тупым", Word, Insult),
    ("тупой", Word, Insult),
    ("тупая", Word, Insult),
    ("тупого", Word, Insult),
    ("тупорыл", Prefix, Insult),
    ("идиот", Prefix, Insult),
    ("придур", Prefix, Insult),
    ("козлы", Word, Insult),
    ("козлов", Word, Insult),
    ("ничтожеств", Prefix, Insult),
    ("вонюч", Prefix, Insult),
    ("грязные", Word, Insult),
    ("грязных", Word, Insult),
    ("чмо", Word, Insult),
    ("шваль", Word, Insult),
    ("сброд", Prefix, Insult),
    ("отребье", Prefix, Insult),
    ("мерзк", Prefix, Insult),
    ("мерзост", Prefix, Insult),
    ("гады", Word, Insult),
    ("гадов", Word, Insult),
    ("поганы", Prefix, Insult),
    ("суки", Word, Insult),
    ("сука", Word, Insult),
    ("сучь", Prefix, Insult),
    ("пидор", Prefix, Insult),
    ("пидар", Prefix, Insult),
    ("недоум", Prefix, Insult),
    ("дегенерат", Prefix, Insult),
    ("отсталы", Prefix, Insult),
    ("презренн", Prefix, Insult),
    ("мразот", Prefix, Insult),
    ("сволота", Word, Insult),
    ("нахлебник", Prefix, Insult),
    ("дармоед", Prefix, Insult),
    ("иждивенц", Prefix, Insult),
    ("чурбан", Prefix, Insult),
    ("подонк", Prefix, Insult),
    ("подонок", Word, Insult),
    // Hatred.
    ("ненавиж", Prefix, Hatred),
    ("презира", Prefix, Hatred),
    ("бесят", Word, Hatred),
    // Crime and invasion.
    ("воры", Word, Crime),
    ("воров", Word, Crime),
    ("ворье", Word, Crime),
    ("ворюг", Prefix, Crime),
    ("насильник", Prefix, Crime),
    ("головорез", Prefix, Crime),
    ("убийц", Prefix, Crime),
    ("педофил", Prefix, Crime),
    ("захватчик", Prefix, Crime),
    ("колонизатор", Prefix, Crime),
    ("предател", Prefix, Crime),
    ("иуды", Word, Crime),
    ("чужак", Prefix, Crime),
    // Obscenity: the roots of *мат* at a word's beginning (a RuEthnoHate text
    // with "ебан…" is labelled hostile to a group 91 % of the time, with
    // "бляд…" 92 %, "шлюх…" 82 %, "пизд…" 75 %, against 29 % for all), the
    // forms each too rare to learn alone. No ordinary word begins alike
    // ("худой", "хуже" begin "ху" only; "сучки" are also knots: whole words).
    ("хуй", Prefix, Obscenity),
    ("хуя", Prefix, Obscenity),
    ("хуе", Prefix, Obscenity),
    ("хуи", Prefix, Obscenity),
    ("нахуй", Word, Obscenity),
    ("нахуя", Word, Obscenity),
    ("похуй", Prefix, Obscenity),
    ("пизд", Prefix, Obscenity),
    ("еба", Prefix, Obscenity),
    ("ебе", Prefix, Obscenity),
    ("еби", Prefix, Obscenity),
    ("ебл", Prefix, Obscenity),
    ("ебн", Prefix, Obscenity),
    ("ебу", Prefix, Obscenity),
    ("уеб", Prefix, Obscenity),
    ("выеб", Prefix, Obscenity),
    ("заеб", Prefix, Obscenity),
    ("наеб", Prefix, Obscenity),
    ("поеб", Prefix, Obscenity),
    ("съеб", Prefix, Obscenity),
    ("долбоеб", Prefix, Obscenity),
    ("долбаеб", Prefix, Obscenity),
    ("бляд", Prefix, Obscenity),
    ("блять", Word, Obscenity),
    ("бля", Word, Obscenity),
    ("шлюх", Prefix, Obscenity),
    ("шалав", Prefix, Obscenity),
    ("шмар", Prefix, Obscenity),
    ("сучка", Word, Obscenity),
    ("сучку", Word, Obscenity),
    ("сучкой", Word, Obscenity),
    ("сучек", Word, Obscenity),
    ("мудак", Prefix, Obscenity),
    ("мудач", Prefix, Obscenity),
    ("мудил", Prefix, Obscenity),
    ("гандон", Prefix, Obscenity),
    ("гондон", Prefix, Obscenity),
    ("залуп", Prefix, Obscenity),
    ("жоп", Prefix, Obscenity),
    ("хитрожоп", Prefix, Obscenity),
    ("говн", Prefix, Obscenity),
    ("гавн", Prefix, Obscenity),
    ("хер", Word, Obscenity),
    ("херн", Prefix, Obscenity),
    ("нахер", Word, Obscenity),
    ("похер", Word, Obscenity),
    ("дерьм", Prefix, Obscenity),
    ("засран", Prefix, Obscenity),
    ("трахн", Prefix, Obscenity),
    ("траха", Prefix, Obscenity),
    // Vices cast on a group: those whose texts RuEthnoHate labels hostile more
    // often than the rest ("нагл…" 73 %, "продажн…" 88 %); "наглядно",
    // "подлог", "подлодка" begin alike, so "нагл" and "подл" are longer
    // beginnings or whole words.
    ("наглы", Prefix, Vice),
    ("наглая", Word, Vice),
    ("наглое", Word, Vice),
    ("наглую", Word, Vice),
    ("наглой", Word, Vice),
    ("наглост", Prefix, Vice),
    ("наглец", Prefix, Vice),
    ("наглеют", Word, Vice),
    ("нагло", Word, Vice),
    ("подлы", Prefix, Vice),
    ("подлая", Word, Vice),
    ("подлое", Word, Vice),
    ("подлой", Word, Vice),
    ("подлост", Prefix, Vice),
    ("подлец", Prefix, Vice),
    ("подло", Word, Vice),
    ("лжив", Prefix, Vice),
    ("лжец", Prefix, Vice),
    ("трусл", Prefix, Vice),
    ("злобн", Prefix, Vice),
    ("продажн", Prefix, Vice),
    ("алкаш", Prefix, Vice),
    ("наркоман", Prefix, Vice),
    ("ничтожн", Prefix, Vice),
];

/// The table as the engine matches it: a [`Forms`], whose bit for a word's
/// first three letters spares most words of a Russian text the search (two
/// letters begin too many of them: "по", "не", "пр").
pub fn table() -> &'static Forms<Kind> {
    static TABLE: OnceLock<Forms<Kind>> = OnceLock::new();
    TABLE.get_or_init(|| Forms::new(WORDS.iter().map(|(form, how, kind)| (normalize(form).text, *how, *kind))))
}

/// The forms (patterns of the engine's lexicons).
pub fn forms() -> impl Iterator<Item = &'static str> {
    table().forms()
}

/// The kind of word of enmity `word` (normalised) is, if it is one.
pub fn kind(word: &str) -> Option<Kind> {
    table().get(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_hostile_words_have_their_kind_and_ordinary_words_that_begin_alike_none() {
        for (w, k) in [("выгнать", Expulsion), ("понаехавшие", Expulsion), ("уничтожить", Violence), ("мочить", Violence), ("нелюди", Dehumanisation), ("скоты", Dehumanisation), ("мрази", Insult), ("ублюдки", Insult), ("ненавижу", Hatred), ("захватчики", Crime), ("ебанутые", Obscenity), ("шлюхи", Obscenity), ("хитрожопые", Obscenity), ("наглые", Vice), ("подлость", Vice), ("продажные", Vice)] {
            assert_eq!(kind(w), Some(k), "{w}");
        }
        for w in ["скотоводство", "животноводство", "уродился", "урожай", "наглядно", "подлог", "подлодка", "подлокотник", "подлинный", "подлежит", "худой", "хуже", "художник", "сучковатый", "свинина", "собака", "бандероль", "ворота", "воробей", "убираться", "смерти", "депортация", "геноцид", "ненависть", "ко", "нелю"] {
            assert_eq!(kind(w), None, "{w}");
        }
    }

    #[test]
    fn every_form_has_three_letters_so_that_a_word_is_sifted_by_its_first_three() {
        // `Forms` sifts by the first bytes every form has: one form of two
        // letters would let "по", "не", "пр" … through to the search.
        let short: Vec<&str> = forms().filter(|f| f.len() < 6).collect();
        assert!(short.is_empty(), "{short:?}");
    }

    #[test]
    fn no_word_of_enmity_names_a_group() {
        // A group's name or slur is the lexicon of groups' to read (its
        // mention, its slur feature); a kind beside it would count it twice.
        let named: Vec<&str> = forms().filter(|f| !crate::groups::find(&normalize(f)).is_empty()).collect();
        assert!(named.is_empty(), "{named:?}");
    }

    #[test]
    fn a_word_has_its_kind_in_a_russian_or_mixed_text_and_a_bridged_kazakh_word_its_russian_words() {
        use crate::features::{hostile_near, read_as, tokens};
        use crate::lang::Lang;
        let read = |text: &str, lang: Lang| {
            let norm = normalize(text).text;
            let mut toks = tokens(&norm);
            let n = read_as(&mut toks, lang);
            let kinds: Vec<Option<Kind>> = toks.iter().map(|t| t.hostile).collect();
            (n, kinds, norm)
        };
        assert_eq!(read("Нелюди, выгнать их", Lang::Ru), (2, vec![Some(Dehumanisation), Some(Expulsion), None], "нелюди, выгнать их".into()));
        assert_eq!(read("НЕЛЮДИ выгнать", Lang::Mixed).0, 2, "normalised first: any case");
        // "қуып" reads as "выгнать" (the bridge), so it is an expulsion too.
        assert_eq!(read("оларды қуып жіберу керек", Lang::Kk).1, vec![None, Some(Expulsion), None, None]);
        // A Kazakh text's other words have none, even where a Russian form begins alike.
        assert_eq!(read("бить", Lang::Kk).0, 0);
        // The words around a mention, where the target part reads.
        let norm = normalize("эти уйгуры паразиты и их надо гнать, а в другой раз и в другом месте поговорим о погоде и о котах, вот такие твари");
        let mut toks = tokens(&norm.text);
        assert_eq!(read_as(&mut toks, Lang::Ru), 3);
        let mentions = crate::groups::find(&norm);
        assert_eq!(mentions.len(), 1);
        assert_eq!(hostile_near(&toks, &mentions[0]), 2, "паразиты and гнать; nothing beyond the window");
    }

    #[test]
    fn hate_in_words_of_enmity_the_annotations_seldom_or_never_show_reads_as_negative_and_ordinary_texts_do_not() {
        // SPEC §3.4: the language of enmity aimed at ethnic groups. These words
        // occur in no or few RuEthnoHate texts ("саранча", "вышвырнуть",
        // "перевешать": none); before their kinds the groups read neutral or
        // positive (negative 0.18–0.30).
        let m = crate::Model::builtin();
        for text in ["Таджики — саранча, вышвырнуть их всех", "Цыгане отребье, перевешать бы их", "Армяне дегенераты и выродки"] {
            let a = m.analyze(text, None, &[]);
            assert_eq!(a.groups[0].attitude, crate::Attitude::Negative, "{text}: {a:?}");
        }
        // Obscenity and vices (docs/text-engine.md, "Obscenity, vices and more
        // slurs"): before them "грузинские бляди …" had the Georgians at 0.02.
        for text in ["грузинские бляди всегда отличались подлостью и трусостью", "дагестанки такие шалавы", "эти наглые продажные армяне"] {
            let a = m.analyze(text, None, &[]);
            assert_eq!(a.groups[0].attitude, crate::Attitude::Negative, "{text}: {a:?}");
        }
        let a = m.analyze("Этих нелюдей узбеков надо выдворить из страны", None, &[]);
        assert!(a.ethnic_hostility >= 0.5, "{a:?}");
        // History and talk about hatred are not hatred.
        for text in ["В музее рассказали о депортации чеченцев в 1944 году", "Депортация чеченцев и ингушей в 1944 году — трагедия, которую помнят до сих пор", "Ненависть к мигрантам разжигают в интернете, об этом говорили на круглом столе", "В Алматы прошёл фестиваль: уйгуры, дунгане и казахи пели вместе"] {
            let a = m.analyze(text, None, &[]);
            assert!(a.ethnic_hostility < 0.3 && a.groups.iter().all(|g| g.attitude != crate::Attitude::Negative), "{text}: {a:?}");
        }
    }
}
