//! Language of a text: `kk`, `ru`, `en`, `mixed` (Kazakh and Russian share the
//! text) or `other`; offline and cheap.
//!
//! Each word of the normalised text votes when it carries evidence: a letter
//! only Kazakh uses (ә ғ қ ң ө ұ ү һ і), a letter only Russian uses (ё ъ щ э,
//! rare in Kazakh words), or a frequent function word of one language. Words
//! without evidence do not vote. Kazakh written in Latin letters was already
//! transliterated by normalisation.

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
}

fn is_kk_word(word: &str) -> bool {
    matches!(
        word,
        "және" | "мен" | "бұл" | "деп" | "бар" | "жоқ" | "емес" | "үшін" | "біз" | "олар" | "сен" | "ол" | "еді" | "екен" | "болып" | "керек" |
        "бір" | "осы" | "сол" | "ғой" | "ма" | "ме" | "ба" | "бе" | "па" | "пе" | "туралы" | "бойынша" | "қазір" | "барлық" | "бәрі" | "кім" |
        "неге" | "қалай" | "енді" | "тек" | "әлі" | "сияқты" | "арқылы" | "кейін" | "бірақ" | "себебі" | "жатыр" | "отыр" | "болды" | "болса" |
        "деген" | "дейді" | "мына" | "анау" | "біздің" | "сенің" | "оның" | "менің" | "жерде" | "елде" | "адам" | "адамдар" | "халық" | "халқы" |
        "жаңа" | "үлкен" | "көп" | "аз"
    )
}
fn is_ru_word(word: &str) -> bool {
    matches!(
        word,
        "и" | "в" | "не" | "на" | "что" | "с" | "это" | "как" | "а" | "по" | "они" | "мы" | "все" | "так" | "его" | "но" | "да" | "ты" | "к" | "у" |
        "же" | "вы" | "за" | "бы" | "от" | "из" | "о" | "для" | "только" | "уже" | "или" | "когда" | "если" | "их" | "был" | "была" | "было" |
        "были" | "нет" | "есть" | "очень" | "там" | "тут" | "где" | "чтобы" | "потому" | "этого" | "этот" | "эти" | "всех" | "который" | "которые" |
        "свой" | "себя" | "при" | "без" | "до" | "под" | "над" | "про" | "вот" | "ну" | "может" | "надо" | "нужно" | "будет" | "люди" | "народ"
    )
}
fn is_en_word(word: &str) -> bool {
    matches!(
        word,
        "the" | "and" | "of" | "to" | "is" | "in" | "that" | "it" | "for" | "you" | "are" | "was" | "with" | "on" | "as" | "have" | "be" | "this" |
        "they" | "we" | "not" | "but" | "by" | "from" | "at" | "or" | "an" | "will" | "all" | "there" | "their" | "what" | "about" | "which" |
        "people"
    )
}

fn is_kk_letter(c: char) -> bool {
    matches!(c, 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і')
}

fn is_ru_letter(c: char) -> bool {
    matches!(c, 'ё' | 'ъ' | 'щ' | 'э')
}

/// The language of a normalised text.
pub fn detect(normalized: &str) -> Lang {
    let (mut kk, mut ru, mut en) = (0usize, 0usize, 0usize);
    let (mut cyrillic_words, mut latin_words) = (0usize, 0usize);
    for word in normalized.split(|c: char| !crate::chars::is_letter(c)).filter(|w| !w.is_empty()) {
        // One pass over the letters: any Cyrillic, any letter only Kazakh or only Russian uses.
        let (mut cyr, mut kk_letter, mut ru_letter) = (false, false, false);
        for c in word.chars() {
            cyr |= ('\u{400}'..='\u{4ff}').contains(&c);
            kk_letter |= is_kk_letter(c);
            ru_letter |= is_ru_letter(c);
        }
        if cyr {
            cyrillic_words += 1;
            if kk_letter || is_kk_word(word) {
                kk += 1;
            } else if ru_letter || is_ru_word(word) {
                ru += 1;
            }
        } else if word.chars().all(|c| c.is_ascii_alphabetic()) {
            latin_words += 1;
            if is_en_word(word) {
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

    fn d(s: &str) -> &'static str {
        detect(&normalize(s).text).code()
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
}
