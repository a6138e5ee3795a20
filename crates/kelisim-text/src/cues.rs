//! Cue words of hostility and of respect, in Russian and Kazakh (stems of the
//! normalised text). They are features of the model, not verdicts: "геноцид"
//! is named in history lessons too, and the model weighs each cue by context.

/// Insult, dehumanisation, threat, call to violence or expulsion, contempt.
pub const HOSTILE: &[&str] = &[
    "убить", "убива", "убей", "убьем", "резать", "вырез", "перереза", "сжечь", "сжига", "уничтож", "истреб", "выгнать", "выгоня", "гнать", "вон", "понаех", "депорт",
    "выселить", "скот", "твар", "животн", "обезьян", "свинь", "свиньи", "мраз", "урод", "туп", "ненавиж", "ненавист", "паразит", "нелюд", "дикар", "быдл", "гнид", "грязн",
    "вонюч", "ублюд", "сволоч", "чмо", "дерьм", "оккупант", "захватчик", "зверь", "звер", "бараны", "баран", "ишак", "рабы", "раб", "отброс", "мусор", "нечист", "поганы",
    "проклят", "сдохн", "сдох", "долой", "позор", "мерзк", "мерзост", "ворье", "вор", "бандит", "террорист", "фашист", "нацист", "расист", "отребье", "чурбан",
    "өлтір", "жою", "жойы", "қуу", "қуып", "кетсін", "кетіңдер", "жек", "хайуан", "мал", "ит", "шошқа", "ақымақ", "надан", "жау", "жауы", "сатқын", "арам", "лас", "құрт",
];

/// Respect, friendship, solidarity, praise.
pub const FRIENDLY: &[&str] = &[
    "уваж", "друж", "брат", "любл", "люби", "молодц", "горд", "спасибо", "благодар", "хорош", "добр", "красив", "талант", "трудолюб", "гостеприим", "мир", "вместе", "дружн",
    "соглас", "единств", "поддерж", "помог", "помощ", "праздн", "поздравл", "уважени", "почет", "ценн", "замечател", "прекрасн", "умн", "честн", "родн", "сосед",
    "дос", "достық", "бауыр", "құрмет", "сыйла", "бірлік", "ынтымақ", "татулық", "келісім", "мереке", "құттықта", "рахмет", "жақсы", "көмек", "бірге",
];

/// The cue a word starts with, if any: (`true` for hostile, the stem).
pub fn cue(word: &str) -> Option<(bool, &'static str)> {
    HOSTILE.iter().filter(|s| word.starts_with(**s) && word.len() <= s.len() + 10).max_by_key(|s| s.len()).map(|s| (true, *s)).or_else(|| {
        FRIENDLY.iter().filter(|s| word.starts_with(**s) && word.len() <= s.len() + 10).max_by_key(|s| s.len()).map(|s| (false, *s))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn cues_are_found_by_stem() {
        assert_eq!(super::cue("понаехали"), Some((true, "понаех")));
        assert_eq!(super::cue("дружбы"), Some((false, "друж")));
        assert_eq!(super::cue("стол"), None);
    }
}
