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
//!
//! English has no annotations at all, and the same way serves it further
//! (`ENGLISH`): a glossary of about 400 English words, the words of enmity
//! and of friendship and the everyday words of news and posts, each read as
//! its Russian counterpart ("thieves" → "воры", "expel" → "выгнать",
//! "together" → "вместе", "students" → "студенты"), wholly (the Russian
//! word's unigram, character grams, vector and kind), in a text the engine
//! detects as English. An English text is read through its glossary words alone
//! ([`crate::features::model_reads`]): word by word it reads as a Russian
//! post, which the Russian annotations taught, so that "All Uzbeks are
//! thieves, expel them" is hostility at the Uzbeks as its Russian
//! counterpart is and a short news item naming a group is not. A word of
//! enmity that is also everyday English is not among them or reads as a
//! plain word: "deported" is Kazakhstan's history, "burn", "beat", "drive",
//! "wipe" and "death" have other senses ("die" reads as "умирают", to die,
//! not a wish of death). The glossary is exact words, each form listed.

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
    // The singular as a predicate ("өзбектер ұры бәрі", the Uzbeks are all
    // thieves); exactly the word: "ұрып" is beating, "ұрыс" a quarrel.
    ("ұры", Word, "воры"),
];

/// (English words, the Russian word they read as): a glossary of the words
/// of enmity and of everyday English, each word listed in every form it is
/// matched in (exactly: English endings are few). Words that are not here
/// are not read at all in an English text ([`crate::features::model_reads`]);
/// articles are left out on purpose (Russian has none).
const ENGLISH: &[(&str, &str)] = &[
    // Expulsion: calls, not history ("deported", "deportation" are told of
    // Kazakhstan's past and are not here).
    ("expel expels expelling expelled", "выгнать"),
    ("deport", "выгнать"),
    ("thrown", "выкинуть"),
    ("leave", "уехать"),
    ("invaders invader occupiers colonizers colonisers", "захватчики"),
    ("migrants", "мигранты"),
    // Violence: calls to kill and exterminate.
    ("kill", "убить"),
    ("exterminate exterminated extermination", "уничтожить"),
    ("annihilate annihilated destroy", "уничтожить"),
    ("slaughter slaughtered", "резать"),
    ("die", "умирают"),
    // Dehumanisation.
    ("animals animal", "животные"),
    ("beasts beast", "звери"),
    ("pigs pig swine", "свиньи"),
    ("dogs", "собаки"),
    ("rats", "крысы"),
    ("cockroaches cockroach", "тараканы"),
    ("vermin parasites parasite", "паразиты"),
    ("locusts locust", "саранча"),
    ("monkeys monkey apes", "обезьяны"),
    ("savages savage", "дикари"),
    ("subhuman subhumans", "нелюди"),
    ("barbarians", "варвары"),
    ("cattle sheep", "скоты"),
    ("jackals", "шакалы"),
    ("lice", "вши"),
    ("orcs", "орки"),
    ("plague", "чума"),
    ("human humans", "люди"),
    ("caged cage", "клетка"),
    ("breed", "плодятся"),
    // Insult.
    ("scum filth", "мразь"),
    ("bastards bastard", "сволочи"),
    ("stupid dumb", "тупые"),
    ("idiots idiot", "идиоты"),
    ("morons moron retards retarded", "дебилы"),
    ("dirty filthy", "грязные"),
    ("stinking stinky smelly stink stinks", "вонючие"),
    ("disgusting vile", "мерзкие"),
    ("freaks", "уроды"),
    ("degenerates degenerate", "дегенераты"),
    ("rabble", "сброд"),
    ("backward", "отсталые"),
    ("freeloaders freeloader spongers", "нахлебники"),
    ("bitches bitch", "суки"),
    ("slaves", "рабы"),
    ("beggars", "попрошайки"),
    ("disgrace", "позор"),
    ("toilets", "туалеты"),
    // Hatred.
    ("hate hates", "ненавижу"),
    ("despise", "презираю"),
    // Crime cast on a group.
    ("thieves thief", "воры"),
    ("steal stealing", "воруют"),
    ("rob", "грабят"),
    ("cheat", "обманывают"),
    ("rapists rapist", "насильники"),
    ("murderers killers", "убийцы"),
    ("traitors traitor", "предатели"),
    ("bandits", "бандиты"),
    ("criminals crime crimes", "преступники"),
    ("terrorists", "террористы"),
    ("enemies enemy", "враги"),
    ("nazis fascists", "фашисты"),
    // Obscenity.
    ("fuck fucking fucked", "нахуй"),
    ("shit", "говно"),
    ("asshole assholes", "мудак"),
    ("whores whore", "шлюхи"),
    // Vices cast on a group.
    ("arrogant insolent impudent", "наглые"),
    ("liars", "лжецы"),
    ("cowards cowardly", "трусливые"),
    ("drunkards drunks drunk", "алкаши"),
    ("lazy", "ленивые"),
    ("greedy", "жадные"),
    ("sneaky sly cunning", "хитрые"),
    // Friendship and praise.
    ("together", "вместе"),
    ("friendship", "дружба"),
    ("friends friend", "друзья"),
    ("respect respected respects", "уважение"),
    ("brotherly", "братский"),
    ("brothers", "братья"),
    ("hospitable", "гостеприимные"),
    ("hardworking", "трудолюбивые"),
    ("unity", "единство"),
    ("harmony", "согласие"),
    ("proud", "горжусь"),
    ("thanks thank", "спасибо"),
    ("neighbours neighbors", "соседи"),
    ("celebrate celebrated celebrates celebration celebrations", "праздновали"),
    ("festival holiday", "праздник"),
    ("culture", "культура"),
    ("cultural", "культурный"),
    ("traditions tradition", "традиции"),
    ("peace", "мир"),
    ("peaceful", "мирно"),
    ("love", "люблю"),
    ("help helped helps", "помогли"),
    ("welcome", "добро"),
    ("good", "хорошие"),
    ("great", "великий"),
    // Everyday words: a sentence reads as a Russian one, so a short post is
    // not its group's name alone.
    ("and", "и"),
    ("or", "или"),
    ("but", "но"),
    ("in into", "в"),
    ("on", "на"),
    ("at", "у"),
    ("of", "из"),
    ("from", "из"),
    ("to", "к"),
    ("for", "для"),
    ("with", "с"),
    ("about", "о"),
    ("by", "по"),
    ("after", "после"),
    ("before", "до"),
    ("under", "под"),
    ("between", "между"),
    ("against", "против"),
    ("without", "без"),
    ("not no", "не"),
    ("never", "никогда"),
    ("only", "только"),
    ("also", "также"),
    ("every each", "каждый"),
    ("everyone everybody", "все"),
    ("all", "все"),
    ("they", "они"),
    ("them", "их"),
    ("their", "их"),
    ("we", "мы"),
    ("us", "нас"),
    ("our", "наш"),
    ("i", "я"),
    ("my", "мой"),
    ("you", "вы"),
    ("your", "ваш"),
    ("he", "он"),
    ("she", "она"),
    ("it", "это"),
    ("this these", "эти"),
    ("that those", "те"),
    ("who", "кто"),
    ("what", "что"),
    ("why", "почему"),
    ("here", "здесь"),
    ("there", "там"),
    ("now", "сейчас"),
    ("today", "сегодня"),
    ("is are", "есть"),
    ("was were", "был"),
    ("will", "будет"),
    ("be", "быть"),
    ("have has had", "есть"),
    ("must should", "должны"),
    ("can", "могут"),
    ("cannot", "не"),
    ("do does did", "делают"),
    ("let", "пусть"),
    ("like", "как"),
    ("as", "как"),
    ("more", "больше"),
    ("very", "очень"),
    ("other", "других"),
    ("many", "много"),
    ("new", "новый"),
    ("old", "старый"),
    ("first", "первый"),
    ("last", "последний"),
    ("local", "местные"),
    ("national", "национальный"),
    ("ethnic", "этнических"),
    ("people", "люди"),
    ("person", "человек"),
    ("man men", "мужчины"),
    ("women woman", "женщины"),
    ("children", "дети"),
    ("youth young", "молодежь"),
    ("family families", "семьи"),
    ("elders", "старейшины"),
    ("community communities", "община"),
    ("association associations", "ассоциация"),
    ("centre center", "центр"),
    ("house houses", "дом"),
    ("school schools", "школа"),
    ("university universities", "университет"),
    ("students", "студенты"),
    ("pupils", "ученики"),
    ("teachers", "учителя"),
    ("language languages", "язык"),
    ("books", "книги"),
    ("history", "история"),
    ("story", "история"),
    ("music", "музыка"),
    ("songs", "песни"),
    ("concert", "концерт"),
    ("dance", "танец"),
    ("sport", "спорт"),
    ("football", "футбол"),
    ("tournament", "турнир"),
    ("country", "страна"),
    ("land", "земля"),
    ("city", "город"),
    ("town", "город"),
    ("village villages", "село"),
    ("region", "область"),
    ("district", "район"),
    ("border", "граница"),
    ("street", "улица"),
    ("park", "парк"),
    ("bazaar market", "базар"),
    ("work", "работа"),
    ("jobs", "работа"),
    ("money", "деньги"),
    ("taxes", "налоги"),
    ("business", "бизнес"),
    ("factory", "завод"),
    ("farmers", "фермеры"),
    ("water", "вода"),
    ("government", "правительство"),
    ("president presidents", "президент"),
    ("police", "полиция"),
    ("law", "закон"),
    ("court", "суд"),
    ("war", "война"),
    ("religion", "религия"),
    ("faith faiths", "вера"),
    ("mosque", "мечеть"),
    ("church", "церковь"),
    ("year years", "год"),
    ("day", "день"),
    ("week", "неделя"),
    ("live lives living lived", "живут"),
    ("come came", "приехали"),
    ("go", "идти"),
    ("home", "домой"),
    ("back", "обратно"),
    ("say says said", "говорят"),
    ("know", "знаю"),
    ("think", "думаю"),
    ("want", "хотят"),
    ("need", "нужно"),
    ("make made", "делают"),
    ("build built", "построят"),
    ("open opened opens", "открыли"),
    ("held hold holds", "провели"),
    ("met meet meeting", "встреча"),
    ("took take", "взяли"),
    ("give gave", "дать"),
    ("won win", "победили"),
    ("sang sing", "пели"),
    ("played play", "играли"),
    ("discussed discuss", "обсудили"),
    ("signed", "подписали"),
    ("organised organized", "организовали"),
    ("invites invite", "приглашает"),
    ("presented", "представили"),
    ("arrested", "задержали"),
    ("fight fights", "драка"),
    ("dispute conflict", "конфликт"),
];

/// The bridge as the engine matches it: normalised Kazakh forms (each also
/// as typed without Kazakh letters) with the key of their normalised Russian
/// word and that word's kind of enmity.
fn table() -> &'static Forms<(u64, Option<Kind>)> {
    static TABLE: OnceLock<Forms<(u64, Option<Kind>)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        Forms::new(BRIDGE.iter().flat_map(|(kk, how, ru)| {
            let form = normalize(kk).text;
            let Gloss { key, kind, .. } = Gloss::of(ru);
            let value = (key, kind);
            // The form also as typed without Kazakh letters ("саткындар",
            // "куып"; Latin "satkyndar" and "kuyp" read back so too).
            let spellings: Vec<String> = std::iter::once(form.clone()).chain(crate::translit::typed_without_kazakh_letters(&form)).collect();
            spellings.into_iter().map(move |s| (s, *how, value))
        }))
    })
}

/// The Russian word an English word of the glossary reads as: its
/// normalised text (whose character grams the English word takes), its
/// [`word_key`] and its kind of enmity.
#[derive(Debug, PartialEq, Eq)]
pub struct Gloss {
    pub text: String,
    pub key: u64,
    pub kind: Option<Kind>,
}

impl Gloss {
    /// Russian word `ru` as a bridged or glossed word carries it.
    fn of(ru: &str) -> Gloss {
        let text = normalize(ru).text;
        Gloss { key: word_key(&text), kind: crate::hostile_words::kind(&text), text }
    }
}

/// The English glossary as the engine looks it up: each English word (lower
/// case), sorted, with the number of its [`Gloss`] (from 1: a token's 0 is
/// none), and the glosses.
fn english_table() -> &'static (Vec<(&'static str, u16)>, Vec<Gloss>) {
    static TABLE: OnceLock<(Vec<(&'static str, u16)>, Vec<Gloss>)> = OnceLock::new();
    TABLE.get_or_init(|| {
        let (mut words, mut glosses): (Vec<(&'static str, u16)>, Vec<Gloss>) = (Vec::new(), Vec::new());
        for (english, ru) in ENGLISH {
            glosses.push(Gloss::of(ru));
            let number = u16::try_from(glosses.len()).expect("fewer glosses than u16");
            // Each word is listed once (a test holds it).
            words.extend(english.split(' ').map(|word| (word, number)));
        }
        words.sort_by_key(|(w, _)| *w);
        (words, glosses)
    })
}

/// The number of the [`Gloss`] an English word (lower case) reads as, if it
/// is one of the glossary's.
pub fn english(word: &str) -> Option<u16> {
    let words = &english_table().0;
    words.binary_search_by(|(w, _)| (*w).cmp(word)).ok().map(|i| words[i].1)
}

/// The gloss of number `number` ([`english`]).
pub fn gloss(number: u16) -> &'static Gloss {
    &english_table().1[usize::from(number) - 1]
}

/// The bridge's Kazakh forms, in each of their spellings (patterns of the
/// engine's lexicons). Not the English glossary: its words are looked up
/// whole, and as patterns its words of one to three letters ("i", "in",
/// "on") would have a bare scan report most letter pairs of any text.
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
        for (kk, ru) in [("ұры", "воры"), ("қуып", "выгнать"), ("қуылсын", "выгнать"), ("жойыңдар", "уничтожить"), ("жойылсын", "уничтожить"), ("өлтіру", "убить"), ("шошқалар", "свиньи"), ("сатқындар", "предатели"), ("иттер", "собаки"), ("ит", "собаки")] {
            assert_eq!(russian(kk).map(|r| r.0), key(ru), "{kk}");
        }
    }

    #[test]
    fn every_russian_word_of_the_kazakh_bridge_has_a_word_vector() {
        // A bridged Kazakh word keeps its own grams, so its Russian word must bring
        // a vector; a glossed English word takes its Russian word's grams instead.
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

    /// `f` of a text's detected language and its words as `read_as` reads them there.
    fn with_words<R>(text: &str, f: impl FnOnce(crate::Lang, &[crate::features::Token]) -> R) -> R {
        let norm = normalize(text).text;
        let mut toks = crate::features::tokens(&norm);
        let lang = crate::lang::detect_words(&norm, &toks);
        crate::features::read_as(&mut toks, lang);
        f(lang, &toks)
    }

    #[test]
    fn a_kazakh_word_is_bridged_in_a_mixed_or_russian_text_only_with_a_letter_only_kazakh_uses() {
        let bridged = |text: &str| with_words(text, |lang, toks| (lang, toks.iter().filter(|t| t.bridge != 0).map(|t| t.text.to_string()).collect::<Vec<_>>()));
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
    fn english_words_read_as_their_russian_counterparts_in_an_english_text() {
        use crate::features::{model_reads, reads_english};
        use crate::hostile_words::Kind;
        let read = |text: &str| {
            with_words(text, |lang, toks| {
                let glossed = toks.iter().filter(|t| t.gloss != 0).map(|t| (t.text.to_string(), gloss(t.gloss).text.as_str(), t.hostile)).collect::<Vec<_>>();
                let english = reads_english(toks);
                (lang, glossed, toks.iter().filter(|t| model_reads(t, english)).count())
            })
        };
        let (lang, glossed, read_words) = read("All Uzbeks are thieves, expel them");
        assert_eq!(lang, crate::Lang::En);
        assert_eq!(glossed, vec![("all".to_string(), "все", None), ("are".to_string(), "есть", None), ("thieves".to_string(), "воры", Some(Kind::Crime)), ("expel".to_string(), "выгнать", Some(Kind::Expulsion)), ("them".to_string(), "их", None)]);
        assert_eq!(read_words, 5, "an English text is read through its glossed words alone: not \"uzbeks\"");
        // An English word inside a Russian post (a link, a quote) is read as
        // it is, as the Russian texts taught the model, and every word is read.
        let (lang, glossed, read_words) = read("Эти ребята просто rats, по другому не скажешь: www.love.com");
        assert_eq!((lang, glossed, read_words), (crate::Lang::Ru, vec![], 11));
        // History and news: deportation told, people killed, a photo shoot.
        let (_, glossed, _) = read("Koreans were deported in 1937 and killed, the shoot burned");
        assert!(glossed.iter().all(|g| g.2.is_none()), "{glossed:?}");
        // An English headline with no word of the glossary is read as it is,
        // every word: through its glossed words alone it would be nothing but
        // the groups it names, which the model takes for hostility.
        let (lang, glossed, read_words) = read("Jews mark Hanukkah");
        assert_eq!((lang, glossed, read_words), (crate::Lang::En, vec![], 3));
        // Not in a Kazakh text written in Latin letters, which reads back into Cyrillic.
        assert!(read("Qazaqtar men orystar birge toi otkizdi").1.is_empty());
        // Nor in a Kazakh post full of a link's words, its punctuation stripped,
        // which reads as English by its letters.
        let (lang, glossed, read_words) = read("медиа батальонындағы бауырларыңыздың сәлемдері http www fileflyer com view it http www turboupload com files it html");
        assert_eq!((lang, glossed, read_words), (crate::Lang::En, vec![], 17));
    }

    #[test]
    fn every_english_word_of_the_glossary_is_listed_once_in_lower_case() {
        let mut seen = std::collections::HashSet::new();
        for (words, ru) in ENGLISH {
            for word in words.split(' ') {
                assert!(seen.insert(word), "{word:?} is listed twice");
                assert!(!word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()), "{word:?} ({ru})");
            }
        }
    }

    #[test]
    fn a_glossed_english_word_scores_as_its_russian_word() {
        // The English word takes the Russian word's unigram, grams, vector and
        // kind: the same share of the text's scores, remembered apart.
        let m = crate::Model::builtin();
        let word = |text: &str, lang: crate::Lang| {
            let norm = normalize(text).text;
            let mut toks = crate::features::tokens(&norm);
            crate::features::read_as(&mut toks, lang);
            let tok = toks[0];
            (tok.gloss, tok.feature_key(), tok.memo_key(), m.word_scores(&toks)[0])
        };
        let (english, russian, plain) = (word("thieves", crate::Lang::En), word("воры", crate::Lang::Ru), word("thieves", crate::Lang::Ru));
        assert_eq!((english.3.sums, english.3.window, english.3.values), (russian.3.sums, russian.3.window, russian.3.values));
        assert_eq!(english.1, russian.1);
        assert_ne!(english.2, russian.2);
        // The same English word in a Russian text is not glossed, and is remembered apart.
        assert_eq!(plain.0, 0);
        assert_ne!(plain.2, english.2);
        assert_ne!(plain.3.sums, english.3.sums);
    }

    #[test]
    fn english_hate_at_a_group_reads_as_ethnic_hostility_and_ordinary_english_posts_about_groups_do_not() {
        // SPEC §3.4: the language of enmity at a group, whatever the language.
        let m = crate::Model::builtin();
        for text in ["Uzbeks are thieves and bandits, expel them all", "Kazakhs are filthy animals", "Exterminate the Uyghurs, they are vermin"] {
            let a = m.analyze(text, None, &[]);
            assert_eq!(a.lang, crate::Lang::En);
            assert!(a.ethnic_hostility >= 0.5, "{text}: {a:?}");
            assert_eq!(a.groups[0].attitude, crate::Attitude::Negative, "{text}: {a:?}");
        }
        // Issue 3: a text that praises one group while attacking another. The
        // window around "Uzbeks" is read although "uzbeks" itself is not
        // (features::Window): without it both groups read neutral.
        let a = m.analyze("Kazakhs are hospitable and hardworking people, but the Uzbeks are thieves and bandits", None, &[]);
        let attitude = |group: &str| a.groups.iter().find(|g| g.group == group).map(|g| g.attitude);
        assert_eq!((attitude("kazakh"), attitude("uzbek")), (Some(crate::Attitude::Positive), Some(crate::Attitude::Negative)), "{a:?}");
        for text in ["Uyghurs and Kazakhs celebrated Nauryz together", "Koreans were deported to Kazakhstan in 1937", "Russian and Tatar neighbours are friends"] {
            let a = m.analyze(text, None, &[]);
            assert!(a.ethnic_hostility < 0.3, "{text}: {a:?}");
            assert!(a.groups.iter().all(|g| g.attitude != crate::Attitude::Negative), "{text}: {a:?}");
        }
    }

    #[test]
    fn ordinary_kazakh_words_that_begin_alike_are_not_bridged() {
        // Snow falling, a quarrel, forty, joy, a worm, a translation.
        for w in ["жауып", "ұрыс", "қырық", "қуаныш", "құрт", "аударма", "жою", "жойылды", "итальян", "жекпе", "кеткен", "басында"] {
            assert_eq!(russian(w), None, "{w}");
        }
    }
}
