//! Language of a text: `kk`, `ru`, `en`, `mixed` (Kazakh and Russian share the
//! text) or `other`; offline and cheap.
//!
//! Each word of the normalised text votes when it carries evidence: a letter
//! only Kazakh uses (ә ғ қ ң ө ұ ү һ і), a letter only Russian uses (ё ъ щ э,
//! rare in Kazakh words), a frequent function word of one language, or, in
//! Latin letters, an English plural name of a group ("russians"). Words
//! without evidence do not vote. Kazakh written in Latin letters was already
//! transliterated by normalisation.

use crate::features::{word_key, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Kk,
    Ru,
    En,
    Mixed,
    Other,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
            Lang::Mixed => "mixed",
            Lang::Other => "other",
        }
    }

    /// The language a code names (`kk`, `ru`, `en`, `mixed`, `other`).
    pub fn from_code(code: &str) -> Option<Lang> {
        [Lang::Kk, Lang::Ru, Lang::En, Lang::Mixed, Lang::Other].into_iter().find(|l| l.code() == code)
    }
}

/// Frequent function words of each language (a word of them votes).
const KK_WORDS: &[&str] = &[
    "және", "мен", "бұл", "деп", "бар", "жоқ", "емес", "үшін", "біз", "олар", "сен", "ол", "еді", "екен", "болып", "керек", "бір", "осы",
    "сол", "ғой", "ма", "ме", "ба", "бе", "па", "пе", "туралы", "бойынша", "қазір", "барлық", "бәрі", "кім", "неге", "қалай", "енді", "тек",
    "әлі", "сияқты", "арқылы", "кейін", "бірақ", "себебі", "жатыр", "отыр", "болды", "болса", "деген", "дейді", "мына", "анау", "біздің",
    "сенің", "оның", "менің", "жерде", "елде", "адам", "адамдар", "халық", "халқы", "жаңа", "үлкен", "көп", "аз",
];
const RU_WORDS: &[&str] = &[
    "и", "в", "не", "на", "что", "с", "это", "как", "а", "по", "они", "мы", "все", "так", "его", "но", "да", "ты", "к", "у", "же", "вы",
    "за", "бы", "от", "из", "о", "для", "только", "уже", "или", "когда", "если", "их", "был", "была", "было", "были", "нет", "есть",
    "очень", "там", "тут", "где", "чтобы", "потому", "этого", "этот", "эти", "всех", "который", "которые", "свой", "себя", "при", "без",
    "до", "под", "над", "про", "вот", "ну", "может", "надо", "нужно", "будет", "люди", "народ",
];
const EN_WORDS: &[&str] = &[
    "the", "and", "of", "to", "is", "in", "that", "it", "for", "you", "are", "was", "with", "on", "as", "have", "be", "this", "they", "we",
    "not", "but", "by", "from", "at", "or", "an", "will", "all", "there", "their", "what", "about", "which", "people",
];

/// A small open-addressing table from `u64` keys to values, built once: a
/// probe or two per look-up. `N` is a power of two over twice the keys.
struct KeyTable<V: Copy, const N: usize>([Option<(u64, V)>; N]);

impl<V: Copy, const N: usize> KeyTable<V, N> {
    fn new() -> Self {
        KeyTable([None; N])
    }

    /// The slot a key starts from: the high bits of a multiplicative hash
    /// (the ending keys' low bytes are the few lead bytes of Cyrillic).
    fn home(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize % N
    }

    /// The value of `key`, set by `f` from the value it had (if any).
    fn update(&mut self, key: u64, f: impl FnOnce(Option<V>) -> V) {
        let mut at = Self::home(key);
        while let Some((k, v)) = self.0[at] {
            if k == key {
                self.0[at] = Some((key, f(Some(v))));
                return;
            }
            at = (at + 1) % N;
        }
        self.0[at] = Some((key, f(None)));
    }

    #[inline]
    fn get(&self, key: u64) -> Option<V> {
        let mut at = Self::home(key);
        while let Some((k, v)) = self.0[at] {
            if k == key {
                return Some(v);
            }
            at = (at + 1) % N;
        }
        None
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.iter().filter(|slot| slot.is_some()).count()
    }
}

/// The function words keyed by their [`word_key`] (which every token carries).
fn table() -> &'static KeyTable<Lang, 512> {
    static T: std::sync::OnceLock<KeyTable<Lang, 512>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = KeyTable::new();
        let typed = kazakh_words_typed_plain();
        let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
        for (words, lang) in [(KK_WORDS, Lang::Kk), (typed.as_slice(), Lang::Kk), (RU_WORDS, Lang::Ru), (EN_WORDS, Lang::En)] {
            for w in words {
                t.update(word_key(w), |_| lang);
            }
        }
        t
    })
}

/// The English plural names of the groups ("russians", "uzbeks", "jews",
/// "gypsies", "englishmen", "chinese"): English evidence in a text of Latin letters
/// (where a short slogan has no function word: "Russians go home"). Plural
/// only: a Kazakh or Uzbek text in Latin letters may write a singular
/// "kazakh" or "turk", never an English plural. Built from the lexicon's
/// English stems (`lexicon::Class::En`).
fn english_group_plurals() -> &'static KeyTable<(), 1024> {
    static T: std::sync::OnceLock<KeyTable<(), 1024>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = KeyTable::new();
        let stems = crate::groups::patterns().iter().filter(|(_, s)| s.class == crate::lexicon::Class::En).map(|(_, s)| s.text);
        for stem in stems {
            // "englishmen" is plural already; "chinese" is its own plural, and
            // no Kazakh or Uzbek word in Latin letters ends in -ese.
            if stem.ends_with("men") || stem.ends_with("ese") {
                t.update(word_key(stem), |_| ());
            } else {
                for ending in ["s", "es"] {
                    t.update(word_key(&format!("{stem}{ending}")), |_| ());
                }
            }
        }
        t
    })
}

/// Whether a word of Latin letters is an English plural name of a group
/// ([`english_group_plurals`]).
#[inline]
fn english_group_plural(word: &Token) -> bool {
    english_group_plurals().get(word.key).is_some()
}

/// Kazakh function words typed without Kazakh letters that are also Russian
/// words or names ("али" for "әлі", "коп" for "көп", "ким" for "кім",
/// "жана" for "жаңа"): they do not vote.
const NOT_TYPED_PLAIN: &[&str] = &["али", "коп", "ким", "жана"];

/// The Kazakh function words as typed without Kazakh letters ("бул", "ушин",
/// "жок", "биз"): what informal Kazakh looks like on a Russian keyboard.
/// Not those that are Russian words or names ("али" for "әлі", "коп" for
/// "көп", "ким" for "кім", "жана" for "жаңа").
fn kazakh_words_typed_plain() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in KK_WORDS {
        for typed in crate::translit::typed_without_kazakh_letters(w) {
            if typed != *w && !KK_WORDS.contains(&typed.as_str()) && !RU_WORDS.contains(&typed.as_str()) && !NOT_TYPED_PLAIN.contains(&typed.as_str()) && !out.contains(&typed) {
                out.push(typed);
            }
        }
    }
    out
}

/// The longest function word, in bytes (seven Cyrillic letters): longer
/// words are not looked up.
const LONGEST_FUNCTION_WORD: usize = 14;

/// The language whose function word `word` is, if it is one.
#[inline]
fn function_word(word: &Token) -> Option<Lang> {
    if word.text.len() > LONGEST_FUNCTION_WORD {
        return None;
    }
    table().get(word.key)
}

/// Letters a word must have beyond an ending to vote by it.
const BEYOND_ENDING: usize = 3;

/// The lead bytes of four Cyrillic letters read as a little-endian number
/// (`D0`..`D3` at bytes 0, 2, 4 and 6), under their mask.
const CYRILLIC_LEADS: (u64, u64) = (0x00fc_00fc_00fc_00fc, 0x00d0_00d0_00d0_00d0);

/// An ending's key: its bytes as a little-endian number (three letters fill
/// six bytes, four all eight, so the two lengths never share a key).
fn ending_key(ending: &str) -> u64 {
    let mut bytes = [0u8; 8];
    bytes[..ending.len()].copy_from_slice(ending.as_bytes());
    u64::from_le_bytes(bytes)
}

/// What a word's last three letters say: the language of that ending, if
/// it is one, and whether a four-letter ending ends with them (then the
/// fourth letter from the end is looked up too).
#[derive(Clone, Copy, Default)]
struct LastThree {
    lang: Option<Lang>,
    longer: bool,
}

/// The endings of `lang_endings` keyed by [`ending_key`]: the three-letter
/// ones (with the last three letters of every four-letter one), and the
/// four-letter ones.
struct Endings {
    three: KeyTable<LastThree, 2048>,
    four: KeyTable<Lang, 512>,
}

fn endings() -> &'static Endings {
    static T: std::sync::OnceLock<Endings> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = Endings { three: KeyTable::new(), four: KeyTable::new() };
        for (list, lang) in [(&crate::lang_endings::KAZAKH_ENDINGS[..], Lang::Kk), (&crate::lang_endings::RUSSIAN_ENDINGS[..], Lang::Ru)] {
            for e in list {
                assert!(e.len() == 6 || e.len() == 8, "{e}: three or four Cyrillic letters");
                if e.len() == 8 {
                    t.four.update(ending_key(e), |_| lang);
                    t.three.update(ending_key(&e[2..]), |v| LastThree { longer: true, ..v.unwrap_or_default() });
                } else {
                    t.three.update(ending_key(e), |v| LastThree { lang: Some(lang), ..v.unwrap_or_default() });
                }
            }
        }
        t
    })
}

/// The language a word's ending speaks for, for a Cyrillic word with no
/// letter evidence and no function word: Kazakh typed without its own
/// letters ("оларды", "елимизден", "жойындар") or Russian ("известный"),
/// by its last four or three letters when it has [`BEYOND_ENDING`] more
/// (`tools/language_endings.py` chose them from the data, and says how well
/// they do on rows it did not choose from). A Kazakh ending speaks first.
/// One look-up for most words: the last eight bytes read at once.
#[inline]
fn ending_vote(word: &[u8]) -> Option<Lang> {
    if word.len() < 2 * (3 + BEYOND_ENDING) {
        return None;
    }
    let last = u64::from_le_bytes(word[word.len() - 8..].try_into().ok()?);
    let (mask, leads) = CYRILLIC_LEADS;
    if (last >> 16) & (mask >> 16) != leads >> 16 {
        return None;
    }
    let t = endings();
    let three = t.three.get(last >> 16)?;
    let four = if three.longer && word.len() >= 2 * (4 + BEYOND_ENDING) && last & mask == leads { t.four.get(last) } else { None };
    if four == Some(Lang::Kk) || three.lang == Some(Lang::Kk) {
        Some(Lang::Kk)
    } else {
        four.or(three.lang)
    }
}

/// What a word's letters say: whether it has Cyrillic letters, a letter
/// only Kazakh uses, a letter only Russian uses, and whether it is all ASCII
/// letters (each [`Token`] carries it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Letters {
    pub cyrillic: bool,
    pub kazakh: bool,
    pub russian: bool,
    pub ascii: bool,
}

/// What a word's bytes say, as bits gathered while reading it
/// ([`Letters::from_marks`]): a Cyrillic letter, a letter only Kazakh uses, a
/// letter only Russian uses, a character that is not an ASCII letter.
pub const CYRILLIC: u8 = 1;
pub const KAZAKH: u8 = 2;
pub const RUSSIAN: u8 = 4;
pub const NOT_ASCII_LETTER: u8 = 8;

/// The marks of each Cyrillic letter U+0400..U+04FF, by its offset in the
/// block ([`crate::chars::cyrillic_offset`] of its two bytes).
pub const CYRILLIC_MARKS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut k = 0;
    while k < 256 {
        t[k] = CYRILLIC | NOT_ASCII_LETTER | cyrillic_evidence(0xd0 | (k >> 6) as u8, 0x80 | (k & 0x3f) as u8);
        k += 1;
    }
    t
};

/// Whether the Cyrillic letter of bytes `lead`, `second` is one only Kazakh
/// uses (ә ғ қ ң ө ұ ү һ і) or only Russian (ё ъ щ э, rare in Kazakh words).
const fn cyrillic_evidence(lead: u8, second: u8) -> u8 {
    match (lead, second) {
        (0xd1, 0x96) | (0xd2, 0x93 | 0x9b | 0xa3 | 0xaf | 0xb1 | 0xbb) | (0xd3, 0x99 | 0xa9) => KAZAKH,
        (0xd1, 0x91 | 0x8a | 0x89 | 0x8d) => RUSSIAN,
        _ => 0,
    }
}

impl Letters {
    /// Read off the UTF-8 bytes: U+0400..U+04FF are the two-byte characters
    /// whose first byte is `D0`..`D3` (a byte no other character starts
    /// with or contains).
    pub fn of(word: &[u8]) -> Letters {
        let mut marks = 0;
        let mut i = 0;
        while i < word.len() {
            let b = word[i];
            if (0xd0..=0xd3).contains(&b) && i + 1 < word.len() {
                marks |= CYRILLIC_MARKS[crate::chars::cyrillic_offset(b, word[i + 1])];
                i += 2;
            } else {
                marks |= if b.is_ascii_alphabetic() { 0 } else { NOT_ASCII_LETTER };
                i += 1;
            }
        }
        Letters::from_marks(marks)
    }

    /// From the marks of a word's characters, or-ed together.
    #[inline]
    pub fn from_marks(marks: u8) -> Letters {
        Letters { cyrillic: marks & CYRILLIC != 0, kazakh: marks & KAZAKH != 0, russian: marks & RUSSIAN != 0, ascii: marks & NOT_ASCII_LETTER == 0 }
    }
}

/// The language of a normalised text.
pub fn detect(normalized: &str) -> Lang {
    detect_words(normalized, &crate::features::tokens(normalized))
}

/// The language of the words of a normalised text (its
/// [`crate::features::tokens`]). The words of a link, an @handle or an
/// e-mail address ([`crate::features::link_end`]) do not count: a Kazakh
/// post that shares a video link is Kazakh, not a text in Latin letters.
pub fn detect_words(normalized: &str, words: &[Token]) -> Lang {
    let (mut kk, mut ru, mut en) = (0usize, 0usize, 0usize);
    let (mut cyrillic_words, mut latin_words) = (0usize, 0usize);
    for (word, link) in crate::features::words_past_links(normalized.as_bytes(), words) {
        if link {
            continue;
        }
        let letters = word.letters;
        if letters.cyrillic {
            cyrillic_words += 1;
            let function = function_word(word);
            if letters.kazakh || function == Some(Lang::Kk) {
                kk += 1;
            } else if letters.russian || function == Some(Lang::Ru) {
                ru += 1;
            } else if function.is_none() {
                match ending_vote(word.text.as_bytes()) {
                    Some(Lang::Kk) => kk += 1,
                    Some(Lang::Ru) => ru += 1,
                    _ => {}
                }
            }
        } else if letters.ascii {
            latin_words += 1;
            if function_word(word) == Some(Lang::En) || english_group_plural(word) {
                en += 1;
            }
        }
    }
    if kk >= 2 && ru >= 2 && kk.min(ru) * 5 >= (kk + ru) {
        return Lang::Mixed;
    }
    if cyrillic_words >= latin_words && cyrillic_words > 0 {
        // Russian is the default of Cyrillic text without Kazakh evidence.
        return if kk > ru { Lang::Kk } else { Lang::Ru };
    }
    if en > 0 || (latin_words > 0 && kk + ru == 0 && en * 10 >= latin_words) {
        return if en > 0 { Lang::En } else { Lang::Other };
    }
    Lang::Other
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;

    fn token(w: &str) -> Token<'_> {
        Token { start: 0, text: w, key: word_key(w), letters: Letters::of(w.as_bytes()), kazakh_text: false, bridge: 0, hostile: None, gloss: 0 }
    }

    fn d(s: &str) -> &'static str {
        detect(&normalize(s).text).code()
    }

    /// The letters only Kazakh uses, and only Russian (rare in Kazakh words).
fn is_kk_letter(c: char) -> bool {
    matches!(c, 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і')
}

fn is_ru_letter(c: char) -> bool {
    matches!(c, 'ё' | 'ъ' | 'щ' | 'э')
}

    #[test]
    fn the_letters_are_read_off_the_bytes_as_off_the_characters() {
        for c in ('\u{0}'..='\u{52f}').chain(['ä', '€', '😀']) {
            let w = format!("a{c}б");
            let l = Letters::of(w.as_bytes());
            assert!(l.cyrillic, "{c:?}");
            assert_eq!((l.kazakh, l.russian), (is_kk_letter(c), is_ru_letter(c)), "{c:?}");
            let l = Letters::of(c.to_string().as_bytes());
            assert_eq!(l.cyrillic, ('\u{400}'..='\u{4ff}').contains(&c), "{c:?}");
            assert_eq!(l.ascii, c.is_ascii_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn each_function_word_is_found_for_its_own_language_only() {
        let all = [(KK_WORDS, Lang::Kk), (RU_WORDS, Lang::Ru), (EN_WORDS, Lang::En)];
        for (words, lang) in all {
            for w in words {
                assert_eq!(function_word(&token(w)), Some(lang), "{w}");
                assert!(w.len() <= LONGEST_FUNCTION_WORD, "{w} is longer than the length check allows");
            }
        }
        assert!(table().len() * 2 < 512, "the table stays under half full");
        for w in ["бул", "ушин", "жок", "биз", "биздин"] {
            assert_eq!(function_word(&token(w)), Some(Lang::Kk), "{w}, typed without Kazakh letters");
        }
        for w in ["али", "коп", "ким"] {
            assert_eq!(function_word(&token(w)), None, "{w} is also Russian");
        }
        for w in ["казахи", "men", "", "ә", "theirs"] {
            assert_eq!(function_word(&token(w)), None, "{w}");
        }
    }

    #[test]
    fn the_endings_are_cyrillic_and_each_speaks_for_one_language() {
        let kazakh = &crate::lang_endings::KAZAKH_ENDINGS;
        let russian = &crate::lang_endings::RUSSIAN_ENDINGS;
        for e in kazakh.iter().chain(russian.iter()) {
            assert!((3..=4).contains(&e.chars().count()), "{e}");
            assert!(e.chars().all(|c| ('а'..='я').contains(&c)), "{e}: plain Cyrillic letters only");
        }
        assert!(kazakh.iter().all(|e| !russian.contains(e)));
        let fours = kazakh.iter().chain(russian.iter()).filter(|e| e.chars().count() == 4).count();
        assert_eq!(endings().four.len(), fours, "no two endings share a key");
        assert!(endings().three.len() * 2 < 2048 && fours * 2 < 512, "the tables stay under half full");
        // Every ending speaks for its language, in a word long enough.
        for (list, lang) in [(&kazakh[..], Lang::Kk), (&russian[..], Lang::Ru)] {
            for e in list.iter() {
                assert_eq!(ending_vote(format!("жжжж{e}").as_bytes()), Some(lang), "{e}");
            }
        }
        // Words shorter than the ending and three letters more do not vote.
        assert_eq!(ending_vote("оларды".as_bytes()), Some(Lang::Kk));
        assert_eq!(ending_vote("ларды".as_bytes()), None);
        assert_eq!(ending_vote("известный".as_bytes()), Some(Lang::Ru));
        assert_eq!(ending_vote("zzzzzzzzz".as_bytes()), None);
    }

    #[test]
    fn kazakh_typed_without_kazakh_letters_reads_as_kazakh_by_its_endings() {
        // No letter only Kazakh uses and no function word: before the endings
        // voted, each of these read as Russian.
        for text in ["Озбектер шошка, оларды елимизден жойындар", "Ауылымыздагы балалар мектепке барады", "Казахстандагы улттар достыкта омир суреди"] {
            assert_eq!(d(text), "kk", "{text}");
        }
        // Russian without function words reads as Russian, Kazakh names in it or not.
        for text in ["Известный блогер задержан", "Жители Караганды вышли на субботник", "Поздравляю всех казахстанцев с Наурызом", "Кыргызы и узбеки"] {
            assert_eq!(d(text), "ru", "{text}");
        }
    }

    #[test]
    fn the_languages_of_the_information_field() {
        assert_eq!(d("Казахи и русские вместе провели праздник"), "ru");
        assert_eq!(d("Қазақтар мен орыстар бірге той өткізді"), "kk");
        assert_eq!(d("Qazaqtar men orystar birge toi otkizdi"), "kk");
        assert_eq!(d("Kazakhs and Russians celebrated together"), "en");
        assert_eq!(d("Бүгін біз барлығымыз жиналдық, и это было очень хорошо, все пришли"), "mixed");
        assert_eq!(d("Zusammen feiern wir"), "other");
        assert_eq!(d("12345 !!!"), "other");
    }

    #[test]
    fn a_short_english_slogan_naming_groups_is_english() {
        // No English function word: the plural name of a group is the evidence.
        for text in ["Russians go home", "Uzbeks = rats", "Happy Nauryz, Uyghurs!", "Gypsies out", "Jews", "Englishmen", "Chinese out"] {
            assert_eq!(d(text), "en", "{text}");
        }
        // A singular name is no evidence (Kazakh in Latin letters writes "kazakh" too),
        // nor a name in another language, nor Kazakh or Uzbek in Latin letters.
        for text in ["Kazakh eli", "Russen raus", "Ruslar ketsin", "o'zbeklar keldi"] {
            assert_ne!(d(text), "en", "{text}");
        }
        assert!(english_group_plurals().len() * 2 < 1024, "the table stays under half full");
    }

    #[test]
    fn links_handles_and_addresses_are_no_words_of_a_language() {
        // A Kazakh or Russian post that shares a link is in its own language
        // (before: "other", its link's words outnumbering its own).
        assert_eq!(d("Бауырлар, мына видеоны көріңдер https://www.youtube.com/watch?v=Xy12abc"), "kk");
        assert_eq!(d("Смотрите все https://www.youtube.com/watch?v=Xy12abc&list=top"), "ru");
        assert_eq!(d("Қазақтар мен орыстар бірге той өткізді www.nur.kz/society/the-best-of-it"), "kk");
        assert_eq!(d("@kazakh_news @aidos_kz_official, info.desk@gov.kz: ұйғырлар келді"), "kk");
        // An English post with a link is English; a link alone is no language.
        assert_eq!(d("Kazakhs and Russians celebrated together: https://t.me/astana_news/123"), "en");
        assert_eq!(d("https://www.youtube.com/watch?v=Xy12abc"), "other");
        // A link's words are passed over to the next space only: the words after it count.
        assert_eq!(d("https://t.me/x1 the people of the city are all here"), "en");
        // Words that only look like a link's ("www" with no dot after it) are words.
        assert_eq!(d("http www fileflyer com view it http www turboupload com files it html"), "en");
    }
}
