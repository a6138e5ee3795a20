//! Kazakh written in Latin letters, to Cyrillic, so that one lexicon serves
//! every spelling.
//!
//! Two spellings are met in the information field:
//! - the official Latin alphabet of 2021 (Ä Ğ I İ Ñ Ö Q Ş Ū Ü Y …), where
//!   `ı` is і ("älıpbi" = әліпби), `i` is и (й after a vowel) and `y` is ы
//!   ("Respublikasy");
//! - informal spellings of social networks (earlier drafts with acutes or
//!   apostrophes, and plain ASCII with digraphs: `sh`, `zh`, `ch`, `gh`,
//!   `q`), where `i` is і and `y` is ы.
//!
//! A text is transliterated only when it looks like Kazakh in Latin letters
//! ([`looks_kazakh_latin`]), so English stays English.

/// The spelling system of a Kazakh Latin text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LatinSpelling {
    /// The 2021 alphabet: `ı` = і, `i` = и/й, `y` = ы.
    Official2021,
    /// Informal ASCII and older drafts: `i` = і, `y` = ы.
    Informal,
}

/// Letters of the 2021 alphabet (and of the 2017-2018 drafts) that English never uses.
fn is_kazakh_latin_letter(c: char) -> bool {
    matches!(c, 'ä' | 'ö' | 'ü' | 'ū' | 'ğ' | 'ş' | 'ı' | 'ñ' | 'á' | 'ó' | 'ú' | 'ǵ' | 'ń' | 'ý')
}

/// Words that mark informal Kazakh in ASCII (not ambiguous with English).
const MARKER_WORDS: &[&str] = &[
    "jane", "zhane", "emes", "ushin", "joq", "zhoq", "kerek", "biz", "olar", "sizder", "bizdin", "menin", "sondyqtan", "qazaq", "kazak", "qazaqtar",
    "kazaktar", "kazakhtar", "orys", "orystar", "ozbek", "ozbekter", "uighyr", "uigyr", "uiguyr", "qytai", "qytaylar", "qalay", "nege", "qashan", "osy",
    "bul", "sol", "bari", "baryn", "tugel", "eshkim", "adamdar", "olardy", "olarga", "olardyn", "bizdi", "bizge", "bizdyn", "jiberu",
    "ketsin", "qazir", "kazir", "barlyq", "barlyk", "barlygy", "degen", "eken", "bolady", "boldy", "bolyp", "bolsa", "jatyr", "zhatyr", "turady",
    "keldi", "jok", "zhok", "birge", "qandai", "kandai", "osyndai", "sondai",
];

/// Whether the text is Kazakh written in Latin letters.
pub fn looks_kazakh_latin(text: &str) -> Option<LatinSpelling> {
    let mut latin_words = 0usize;
    let mut cyrillic_letters = 0usize;
    let mut latin_letters = 0usize;
    let mut markers = 0usize;
    let mut official = false;
    for word in text.split(|c: char| !(crate::chars::is_letter(c) || c == '\'' || c == '’')) {
        if word.is_empty() {
            continue;
        }
        let cyrillic = word.chars().filter(|c| ('\u{400}'..='\u{4ff}').contains(c)).count();
        cyrillic_letters += cyrillic;
        if cyrillic == word.len() / 2 {
            continue; // all Cyrillic (two bytes a letter): nothing Latin to look at
        }
        let lower = word.to_lowercase();
        let lat = lower.chars().filter(|c| c.is_ascii_alphabetic() || is_kazakh_latin_letter(*c)).count();
        if lat == 0 {
            continue;
        }
        latin_letters += lat;
        latin_words += 1;
        if lower.chars().any(|c| matches!(c, 'ä' | 'ö' | 'ü' | 'ū' | 'ğ' | 'ş' | 'ı' | 'ñ')) {
            official = true;
            markers += 1;
        } else if lower.chars().any(is_kazakh_latin_letter) || MARKER_WORDS.contains(&lower.as_str()) || has_kazakh_q(&lower) {
            markers += 1;
        }
    }
    if latin_words == 0 || cyrillic_letters > latin_letters || markers == 0 {
        return None;
    }
    if official {
        return Some(LatinSpelling::Official2021);
    }
    (markers * 5 >= latin_words).then_some(LatinSpelling::Informal)
}

/// `q` not followed by `u`: Kazakh қ, rare in English.
fn has_kazakh_q(word: &str) -> bool {
    let b = word.as_bytes();
    b.iter().enumerate().any(|(i, &c)| c == b'q' && b.get(i + 1) != Some(&b'u'))
}

/// Whether the `ts` at `word[i]` is the letter ц: at the start of a word
/// ("tsirk", "tsentr") and before `i` and a vowel (the loans in -ция and
/// -циональ: "politsiia", "natsionaldyq", "spetsialist"). Elsewhere it is т
/// and с, as Kazakh's own words join them at a suffix: "ketsin" (кетсін, let
/// them go), "ketse" (кетсе), "bitsin", "otsyz"; read as ц, "ketsin" was
/// "кецін", which no lexicon knows (the Kazakh bridge's "кетсін", a call to
/// expel).
fn ts_is_tse(word: &[char], i: usize) -> bool {
    i == 0 || (matches!(word.get(i + 2), Some('i' | 'ı')) && word.get(i + 3).is_some_and(|c| is_vowel(*c)))
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ä' | 'ö' | 'ü' | 'ū' | 'ı' | 'á' | 'ó' | 'ú')
}

/// Transliterates one lower-case word. Each output letter carries the index
/// of the first input letter it came from (for offsets).
pub fn word_to_cyrillic(word: &[char], spelling: LatinSpelling) -> Vec<(char, usize)> {
    let mut out = Vec::with_capacity(word.len());
    let mut i = 0;
    while i < word.len() {
        let c = word[i];
        let next = word.get(i + 1).copied();
        let apostrophe = matches!(next, Some('\'') | Some('’'));
        let two = match (c, next) {
            ('s', Some('h')) => Some('ш'),
            ('c', Some('h')) => Some('ч'),
            ('z', Some('h')) => Some('ж'),
            ('k', Some('h')) => Some('х'),
            ('g', Some('h')) => Some('ғ'),
            ('t', Some('s')) if ts_is_tse(word, i) => Some('ц'),
            ('y', Some('a')) if spelling == LatinSpelling::Informal || i == 0 => Some('я'),
            ('y', Some('u')) if spelling == LatinSpelling::Informal || i == 0 => Some('ю'),
            ('y', Some('o')) if spelling == LatinSpelling::Informal || i == 0 => Some('е'),
            ('n', Some('g')) if !word.get(i + 2).is_some_and(|c| is_vowel(*c)) => Some('ң'),
            ('a', _) if apostrophe => Some('ә'),
            ('o', _) if apostrophe => Some('ө'),
            ('u', _) if apostrophe => Some('ү'),
            ('g', _) if apostrophe => Some('ғ'),
            ('n', _) if apostrophe => Some('ң'),
            ('s', _) if apostrophe => Some('ш'),
            ('c', _) if apostrophe => Some('ч'),
            ('i', _) if apostrophe => Some('ы'),
            _ => None,
        };
        if let Some(t) = two {
            out.push((t, i));
            i += 2;
            continue;
        }
        let one = match c {
            'a' => Some('а'),
            'ä' | 'á' => Some('ә'),
            'b' => Some('б'),
            'c' => Some('с'),
            'd' => Some('д'),
            'e' => Some('е'),
            'f' => Some('ф'),
            'g' => Some('г'),
            'ğ' | 'ǵ' => Some('ғ'),
            'h' => Some('х'),
            'ı' => Some('і'),
            'i' if spelling == LatinSpelling::Official2021 => {
                let after_vowel = i > 0 && is_vowel(word[i - 1]);
                let before_vowel = next.is_some_and(is_vowel);
                Some(if after_vowel && !before_vowel { 'й' } else { 'и' })
            }
            'i' => Some('і'),
            'j' => Some('ж'),
            'k' => Some('к'),
            'l' => Some('л'),
            'm' => Some('м'),
            'n' => Some('н'),
            'ñ' | 'ń' => Some('ң'),
            'o' => Some('о'),
            'ö' | 'ó' => Some('ө'),
            'p' => Some('п'),
            'q' => Some('қ'),
            'r' => Some('р'),
            's' => Some('с'),
            'ş' => Some('ш'),
            't' => Some('т'),
            'u' | 'ý' => Some('у'),
            'ū' => Some('ұ'),
            'ü' | 'ú' => Some('ү'),
            'v' => Some('в'),
            'w' => Some('у'),
            'x' => Some('х'),
            'y' => Some('ы'),
            'z' => Some('з'),
            '\'' | '’' => None,
            other => Some(other),
        };
        if let Some(t) = one {
            out.push((t, i));
        }
        i += 1;
    }
    out
}

/// Transliterates a whole lower-case string (for tests and lexicon building).
pub fn to_cyrillic(text: &str, spelling: LatinSpelling) -> String {
    let chars: Vec<char> = text.chars().collect();
    word_to_cyrillic(&chars, spelling).into_iter().map(|(c, _)| c).collect()
}

/// The ways Kazakh is written in Latin letters in the information field, as
/// the letters that differ from [`ascii`]: the 2021 alphabet, the 2018
/// (acutes) and 2017 (apostrophes) drafts, and four habits of plain ASCII.
const WRITINGS: [fn(char) -> Option<&'static str>; 7] = [
    |c| Some(match c {
        'ә' => "ä", 'ғ' => "ğ", 'ң' => "ñ", 'ө' => "ö", 'ұ' => "ū", 'ү' => "ü", 'і' => "ı", 'ш' => "ş", 'ж' => "j", 'х' | 'һ' => "h", 'ю' => "iu", 'я' => "ia",
        _ => return None,
    }),
    |c| Some(match c {
        'ә' => "á", 'ғ' => "ǵ", 'ң' => "ń", 'ө' => "ó", 'ү' => "ú", 'у' => "ý", 'и' | 'й' => "ı", 'ж' => "j", 'х' | 'һ' => "h",
        _ => return None,
    }),
    |c| Some(match c {
        'ә' => "a'", 'ғ' => "g'", 'ң' => "n'", 'ө' => "o'", 'ү' => "u'", 'ш' => "s'", 'ж' => "j", 'х' | 'һ' => "h",
        _ => return None,
    }),
    |_| None,
    |c| Some(match c {
        'ғ' => "gh", 'қ' => "k", 'ң' => "ng", 'й' => "y", 'ж' => "j", 'х' | 'һ' => "h",
        _ => return None,
    }),
    |c| Some(match c {
        'қ' => "k", 'ы' => "i", 'й' => "y", 'у' => "w",
        _ => return None,
    }),
    |c| Some(match c {
        'қ' => "k",
        _ => return None,
    }),
];

/// A Cyrillic letter of Kazakh in plain ASCII (the letters [`WRITINGS`]
/// leave as they are).
fn ascii(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' | 'і' => "i",
        'к' => "k",
        'қ' => "q",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' | 'һ' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ы' => "y",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// Kazakh's own letters written with the Russian letter they are typed as
/// when the keyboard has none (`қазақ` as `казак`, `Ұйғыр` as `Уйгыр`).
pub(crate) fn without_kazakh_letters(c: char) -> char {
    match c {
        'ә' => 'а',
        'ғ' => 'г',
        'қ' => 'к',
        'ң' => 'н',
        'ө' => 'о',
        'ұ' | 'ү' => 'у',
        'і' => 'и',
        'һ' => 'х',
        'Ә' => 'А',
        'Ғ' => 'Г',
        'Қ' => 'К',
        'Ң' => 'Н',
        'Ө' => 'О',
        'Ұ' | 'Ү' => 'У',
        'І' => 'И',
        'Һ' => 'Х',
        other => other,
    }
}

/// A Kazakh word or text (Cyrillic) typed without Kazakh's own letters:
/// all of them as `without_kazakh_letters` types them, and all but `і`
/// (which Latin `i` reads back as).
pub fn typed_without_kazakh_letters(word: &str) -> [String; 2] {
    [word.chars().map(without_kazakh_letters).collect(), word.chars().map(|c| if c == 'і' { c } else { without_kazakh_letters(c) }).collect()]
}

/// The other Cyrillic spellings a Kazakh word (lower case, Cyrillic) comes
/// out as, without the word itself: the word written in each of the
/// `WRITINGS` and read back by [`to_cyrillic`] in either spelling (Latin
/// loses letters: `u` is у, ұ or ү, so "uighur" reads back as "уігур"), and
/// the word typed without Kazakh's own letters (`уйгыр`).
pub fn kazakh_spellings(word: &str) -> Vec<String> {
    let writings = WRITINGS.iter().map(|way| word.chars().map(|c| way(c).or_else(|| ascii(c)).map_or_else(|| c.to_string(), str::to_string)).collect::<String>());
    let read_back = writings.flat_map(|w| [LatinSpelling::Official2021, LatinSpelling::Informal].map(|s| to_cyrillic(&w, s)));
    let mut out: Vec<String> = Vec::new();
    for spelling in read_back.chain(typed_without_kazakh_letters(word)) {
        if spelling != word && !out.contains(&spelling) {
            out.push(spelling);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_2021_alphabet() {
        assert_eq!(to_cyrillic("qazaqtar", LatinSpelling::Official2021), "қазақтар");
        assert_eq!(to_cyrillic("özbekterge", LatinSpelling::Official2021), "өзбектерге");
        assert_eq!(to_cyrillic("ūiğyrlardyñ", LatinSpelling::Official2021), "ұйғырлардың");
        assert_eq!(to_cyrillic("orystardy", LatinSpelling::Official2021), "орыстарды");
        assert_eq!(to_cyrillic("şymkent", LatinSpelling::Official2021), "шымкент");
        assert_eq!(to_cyrillic("älıpbi", LatinSpelling::Official2021), "әліпби");
        assert_eq!(to_cyrillic("respublikasy", LatinSpelling::Official2021), "республикасы");
        assert_eq!(to_cyrillic("nemısterdı", LatinSpelling::Official2021), "немістерді");
    }

    #[test]
    fn ts_is_two_letters_at_a_kazakh_suffix_and_one_in_loans() {
        for (latin, cyrillic) in [("ketsin", "кетсін"), ("ketse", "кетсе"), ("bitsin", "бітсін"), ("otsyz", "отсыз")] {
            assert_eq!(to_cyrillic(latin, LatinSpelling::Informal), cyrillic, "{latin}");
        }
        for latin in ["politsiia", "natsionaldyq", "tsentr", "spetsialist"] {
            let read = to_cyrillic(latin, LatinSpelling::Informal);
            assert!(read.contains('ц') && !read.contains("тс"), "{latin}: {read}");
        }
    }

    #[test]
    fn informal_spellings() {
        assert_eq!(to_cyrillic("orystardy", LatinSpelling::Informal), "орыстарды");
        assert_eq!(to_cyrillic("zhane", LatinSpelling::Informal), "жане");
        assert_eq!(to_cyrillic("qazaqstannyng", LatinSpelling::Informal), "қазақстанның");
        assert_eq!(to_cyrillic("o'zbekter", LatinSpelling::Informal), "өзбектер");
        assert_eq!(to_cyrillic("shymkent", LatinSpelling::Informal), "шымкент");
    }

    #[test]
    fn a_kazakh_word_comes_back_from_every_latin_writing() {
        let spellings = kazakh_spellings("ұйғыр");
        for latin in ["ūiğyr", "uiǵyr", "uigyr", "uiğyr", "uighyr"] {
            for s in [LatinSpelling::Official2021, LatinSpelling::Informal] {
                let back = to_cyrillic(latin, s);
                assert!(back == "ұйғыр" || spellings.contains(&back), "{latin} as {s:?}: {back} not in {spellings:?}");
            }
        }
        assert!(spellings.contains(&"уйгыр".to_string()), "typed without Kazakh letters");
        assert!(!spellings.contains(&"ұйғыр".to_string()), "not the word itself");
    }

    #[test]
    fn detects_kazakh_latin_but_not_english() {
        assert_eq!(looks_kazakh_latin("Qazaqtar men orystar birge toi jasady"), Some(LatinSpelling::Informal));
        assert_eq!(looks_kazakh_latin("Özbekter men qazaqtar"), Some(LatinSpelling::Official2021));
        assert_eq!(looks_kazakh_latin("The men went to the bar"), None);
        assert_eq!(looks_kazakh_latin("Uigyrlar satkyndar, olardy kuyp jiberu kerek"), Some(LatinSpelling::Informal));
        assert_eq!(looks_kazakh_latin("Please tell the sender that the parcel is in the bar with Kim"), None);
        assert_eq!(looks_kazakh_latin("Казахи и русские вместе, qazaq"), None);
    }
}
