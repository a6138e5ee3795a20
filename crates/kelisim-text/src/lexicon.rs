//! The lexicon of ethnic groups: stable English ids, and the stems by which
//! each group is named in Russian, Kazakh and English, with the inflection
//! class each stem takes (see [`crate::morph`]), and the slurs that target a
//! group (a slur is itself a hostility signal).
//!
//! Stems are written normalised (lower case, `е` for `ё`). A Russian stem is
//! chosen so that no common non-ethnic word is the stem plus an ending of its
//! class (`турк-и`, not `тур-ки`; `казах` does not reach `казахстан`, whose
//! `стан` is no ending). Words that are an ethnonym only sometimes are left
//! out: `казахстанцы` (a civic, not an ethnic, name), `чех` (also Czech),
//! `лезгинка` (a dance), `турка` is kept for `турки` at the price of the coffee
//! pot, Kazakh `түркі` (Turkic) is not `түрік` (Turkish).

/// How a stem inflects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Russian noun: казах, казаха, казахи, казахов …
    RuNoun,
    /// Russian adjective or adjectival noun: русский, русские, казахского …
    RuAdj,
    /// Exactly this word, no ending.
    Exact,
    /// Kazakh noun with plural, possessive, case and personal suffixes.
    Kk,
    /// English: -s, -'s, -es, -s'.
    En,
}

/// One way of naming a group.
#[derive(Debug, Clone, Copy)]
pub struct Stem {
    pub text: &'static str,
    pub class: Class,
    /// A slur: the mention is itself hostile.
    pub slur: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Group {
    pub id: &'static str,
    pub stems: &'static [Stem],
}

const fn n(text: &'static str) -> Stem {
    Stem { text, class: Class::RuNoun, slur: false }
}
const fn a(text: &'static str) -> Stem {
    Stem { text, class: Class::RuAdj, slur: false }
}
const fn x(text: &'static str) -> Stem {
    Stem { text, class: Class::Exact, slur: false }
}
const fn k(text: &'static str) -> Stem {
    Stem { text, class: Class::Kk, slur: false }
}
const fn e(text: &'static str) -> Stem {
    Stem { text, class: Class::En, slur: false }
}
/// A Russian slur (noun endings).
const fn sn(text: &'static str) -> Stem {
    Stem { text, class: Class::RuNoun, slur: true }
}
/// A Russian slur that declines as an adjective ("черномазый", "узкоглазых").
const fn sa(text: &'static str) -> Stem {
    Stem { text, class: Class::RuAdj, slur: true }
}
/// A Russian slur in exactly this form (a genitive plural the endings miss:
/// "армяшек").
const fn sx(text: &'static str) -> Stem {
    Stem { text, class: Class::Exact, slur: true }
}
/// A Kazakh slur.
const fn sk(text: &'static str) -> Stem {
    Stem { text, class: Class::Kk, slur: true }
}
/// An English slur (only the unambiguous ones: "chink" is also a gap).
const fn se(text: &'static str) -> Stem {
    Stem { text, class: Class::En, slur: true }
}

/// A place whose name is spelled like a group's name (a country, a region,
/// a man): the word names the place, not its people, and is no mention.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// The place's name up to its endings, normalised.
    pub stem: &'static str,
    /// The Russian endings that keep it the place ("Украин-а", "Украин-е";
    /// "украин-ец" is a Ukrainian).
    pub russian: &'static [&'static str],
    /// Which Kazakh forms of the stem name the place.
    pub kazakh: KazakhPlace,
}

/// The Kazakh forms of a [`Place`]'s stem that name the place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KazakhPlace {
    /// The stem is not the place's Kazakh name.
    None,
    /// Any inflection but derivation and plural ("Америка", "Америка-да";
    /// "америка-лық-тар" are Americans).
    Inflected,
    /// Only where-to, where and where-from ("Қытай-да", "Қытай-дан",
    /// "Қытай-ға"): the bare name is also the people's ("қытай жұмысшылары").
    Cases,
}

/// Russian noun endings of a feminine place name in -а ("Америка", "Литва").
const RU_PLACE_A: &[&str] = &["а", "ы", "и", "е", "у", "ой", "ою"];
/// Kazakh dative, locative and ablative endings.
const KK_PLACE_CASES: &[&str] = &["ға", "ге", "қа", "ке", "да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен"];

/// The places the lexicon's stems would otherwise take for their people.
pub const PLACES: &[Place] = &[
    Place { stem: "украин", russian: RU_PLACE_A, kazakh: KazakhPlace::None },
    Place { stem: "украина", russian: &[], kazakh: KazakhPlace::Inflected },
    Place { stem: "америк", russian: RU_PLACE_A, kazakh: KazakhPlace::None },
    Place { stem: "америка", russian: &[], kazakh: KazakhPlace::Inflected },
    Place { stem: "литв", russian: RU_PLACE_A, kazakh: KazakhPlace::None },
    Place { stem: "литва", russian: &[], kazakh: KazakhPlace::Inflected },
    Place { stem: "кавказ", russian: &["", "а", "е", "у", "ом"], kazakh: KazakhPlace::Inflected },
    Place { stem: "беларус", russian: &["ь", "и", "ью"], kazakh: KazakhPlace::None },
    Place { stem: "беларусь", russian: &[], kazakh: KazakhPlace::Inflected },
    Place { stem: "қытай", russian: &[], kazakh: KazakhPlace::Cases },
    Place { stem: "әзірбайжан", russian: &[], kazakh: KazakhPlace::Cases },
    Place { stem: "әзербайжан", russian: &[], kazakh: KazakhPlace::Cases },
    // Stepan Bandera, the man; his followers' name, "бандеровцы", is the slur.
    Place { stem: "бандер", russian: &["а", "ы", "е", "у", "ой"], kazakh: KazakhPlace::None },
];

/// Whether `word` (normalised) names one of [`PLACES`].
pub fn is_place_name(word: &str) -> bool {
    PLACES.iter().any(|p| {
        crate::short::strip_prefix(word, p.stem).is_some_and(|rest| {
            crate::short::one_of(rest, p.russian)
                || match p.kazakh {
                    KazakhPlace::None => false,
                    KazakhPlace::Inflected => crate::morph::kk_inflection_only(rest),
                    KazakhPlace::Cases => crate::short::one_of(rest, KK_PLACE_CASES),
                }
        })
    })
}

/// `entries`, then the other spellings of their Kazakh stems (`stem` gives
/// an entry's stem and class), each as a Kazakh stem of the same entry
/// (`respell`): how Kazakh in Latin letters reads back, and Kazakh typed
/// without its own letters ([`crate::translit::kazakh_spellings`]: "Aktobede"
/// is "актобеде", "uigyrlar" "уігырлар"); not those shorter than `shortest`
/// letters, those in [`NOT_SPELLINGS`], nor those another entry already has
/// as a Kazakh stem (ambiguous, or already there). The groups, places and
/// districts each make their patterns so.
pub(crate) fn with_spellings<E: Copy>(entries: &[E], stem: impl Fn(&E) -> (&'static str, Class), respell: impl Fn(&E, &'static str) -> E, shortest: usize) -> Vec<E> {
    let mut all = entries.to_vec();
    for e in entries.iter().filter(|e| stem(e).1 == Class::Kk) {
        for text in crate::translit::kazakh_spellings(stem(e).0) {
            if text.chars().count() >= shortest && !NOT_SPELLINGS.contains(&text.as_str()) && !all.iter().any(|a| stem(a) == (text.as_str(), Class::Kk)) {
                // Built once, for the life of the program, like the tables they join.
                all.push(respell(e, Box::leak(text.into_boxed_str())));
            }
        }
    }
    all
}

/// Spellings of Kazakh stems that are, or begin, other words of Kazakh:
/// "қарайм-ын" (I look) is no Karaim, "кіргіз-ді" (brought in) no Kyrgyz,
/// "кірім" (income) no Crimean, "оріс" is "өріс" (range) typed without ө,
/// "жаксы" is "жақсы" (good), not the district of Жақсы. Found by reading
/// every spelling of the groups', places' and districts' stems (a test holds
/// the list to the Kazakh set and the Kazakh seed document: a spelling that
/// begins a word of them is here, or is said to be meant).
pub const NOT_SPELLINGS: &[&str] = &["қарайм", "карайм", "кіргіз", "кірім", "кирим", "оріс", "орис", "жаксы", "індер"];

macro_rules! group {
    ($id:literal: $($stem:expr),* $(,)?) => {
        Group { id: $id, stems: &[$($stem),*] }
    };
}

/// The 40+ largest groups of Kazakhstan, the neighbouring region, and the
/// umbrella groups that slurs aim at ("чурка" targets Central Asians as a whole).
pub const GROUPS: &[Group] = &[
    group!("kazakh": n("казах"), x("казахи"), n("казашк"), x("казашек"), a("казахск"), k("қазақ"), e("kazakh"), e("kazak"), sn("калбит"), sn("кизяк"), sn("казачн")),
    group!("russian": a("русск"), n("россиян"), n("великорос"), n("великоросс"), x("росс"), x("россы"), n("помор"), n("россиянин"), n("россиянк"), x("россиянок"), n("русак"), k("орыс"), e("russian"), se("russki"), se("russkie"), se("ruski"), se("ruskie"), sn("кацап"), sn("москал"), sn("русн"), sn("рашист"), sk("кацап"), a("руск"), n("русич"), sa("кацапск"), sa("русняв")),
    group!("uzbek": n("узбек"), n("узбечк"), x("узбечек"), a("узбекск"), k("өзбек"), e("uzbek"), sn("узбечат"), sn("узбечик")),
    group!("ukrainian": n("украинц"), x("украинец"), n("украинк"), x("украинок"), a("украинск"), k("украин"), e("ukrainian"), sn("хохл"), x("хохол"), sn("хохлушк"), sn("укроп"), sn("бандер"), sn("бандеровц"), x("бандеровец"), sn("укр"), n("малорос"), n("малоросс"), sn("западенц"), x("западенец"), sn("салоед"), sn("укропитек"), sn("хохлопитек"), sn("какл"), sx("какол"), sn("вышиватник"), sk("хохол"), sa("хохляцк"), sa("салоедск"), a("малоросск"), n("малороссиян")),
    group!("uyghur": n("уйгур"), n("уйгурк"), a("уйгурск"), k("ұйғыр"), k("уйғур"), e("uyghur"), e("uighur"), e("uygur")),
    group!("german": n("немц"), x("немец"), n("немк"), x("немок"), a("немецк"), k("неміс"), e("german"), sn("фриц"), sn("немчур")),
    group!("tatar": n("татар"), n("татарин"), n("татарк"), x("татарок"), a("татарск"), k("татар"), e("tatar"), sn("татарв")),
    group!("azerbaijani": n("азербайджанц"), x("азербайджанец"), n("азербайджанк"), a("азербайджанск"), n("азер"), sn("азербот"), k("әзербайжан"), k("әзірбайжан"), e("azerbaijani"), e("azeri")),
    group!("korean": n("корейц"), x("кореец"), n("кореянк"), x("кореянок"), a("корейск"), k("корей"), k("кәріс"), e("korean")),
    group!("turkish": n("турк"), x("турок"), n("турчанк"), a("турецк"), k("түрік"), e("turk"), e("turkish")),
    group!("dungan": n("дунган"), n("дунганин"), n("дунганк"), a("дунганск"), k("дүнген"), k("дұңған"), e("dungan")),
    group!("belarusian": n("белорус"), n("белоруск"), a("белорусск"), n("беларус"), k("беларус"), e("belarusian"), sn("бульбаш")),
    group!("tajik": n("таджик"), n("таджичк"), a("таджикск"), k("тәжік"), e("tajik"), x("таджичек")),
    group!("kurdish": n("курд"), n("курдянк"), a("курдск"), k("күрд"), e("kurd"), e("kurdish")),
    group!("chechen": n("чеченц"), x("чеченец"), n("чечен"), n("чеченк"), a("чеченск"), k("шешен"), e("chechen"), x("чеченок")),
    group!("kyrgyz": n("кыргыз"), n("киргиз"), n("кыргызк"), n("киргизк"), a("кыргызск"), a("киргизск"), k("қырғыз"), e("kyrgyz")),
    group!("bashkir": n("башкир"), n("башкирк"), a("башкирск"), k("башқұрт"), e("bashkir")),
    group!("polish": n("поляк"), n("полячк"), a("польск"), k("поляк"), e("polish"), sn("лях")),
    group!("ingush": n("ингуш"), n("ингушк"), a("ингушск"), k("ингуш"), e("ingush"), x("ингушек")),
    group!("moldovan": n("молдаван"), n("молдаванин"), n("молдаванк"), a("молдавск"), k("молдаван"), e("moldovan"), sn("мамалыжник")),
    group!("armenian": n("армян"), n("армянин"), n("армянк"), a("армянск"), k("армян"), e("armenian"), sn("армяшк"), sx("армяшек")),
    group!("greek": n("грек"), n("гречанк"), a("греческ"), k("грек"), e("greek")),
    group!("chuvash": n("чуваш"), n("чувашк"), a("чувашск"), k("чуваш"), e("chuvash")),
    group!("mordvin": n("мордвин"), n("мордв"), n("эрз"), n("эрзян"), x("эрзянин"), n("мокш"), a("мордовск"), k("мордва"), e("mordvin"), n("мордвинк")),
    group!("lezgin": n("лезгин"), a("лезгинск"), k("лезгин"), e("lezgin")),
    group!("karachay": n("карачаевц"), x("карачаевец"), n("карачаевк"), a("карачаевск"), k("қарашай"), e("karachay")),
    group!("balkar": n("балкарц"), x("балкарец"), a("балкарск"), k("балқар"), e("balkar"), n("балкарк"), x("балкарок")),
    group!("bulgarian": n("болгар"), n("болгарин"), n("болгарк"), a("болгарск"), k("болгар"), e("bulgarian")),
    group!("udmurt": n("удмурт"), n("удмуртк"), a("удмуртск"), k("удмурт"), e("udmurt")),
    group!("jewish": n("евре"), x("еврей"), n("евреек"), n("еврейк"), a("еврейск"), k("еврей"), e("jew"), e("jewish"), se("kike"), sn("жид"), sn("жидовк"), a("жидовск"), sk("жөйт"), sn("жидят")),
    group!("mari": n("марийц"), x("мариец"), n("марийк"), a("марийск"), k("мари"), e("mari"), n("черемис")),
    group!("avar": n("аварц"), x("аварец"), a("аварск"), k("авар"), e("avar"), n("аварк"), x("аварок")),
    group!("dargin": n("даргинц"), x("даргинец"), a("даргинск"), k("даргин"), e("dargin"), n("даргинк"), x("даргинок")),
    group!("turkmen": n("туркмен"), n("туркменк"), a("туркменск"), k("түрікмен"), e("turkmen")),
    group!("georgian": n("грузин"), n("грузинк"), a("грузинск"), k("грузин"), e("georgian"), n("сван")),
    group!("lithuanian": n("литовц"), x("литовец"), n("литовк"), a("литовск"), k("литва"), e("lithuanian")),
    group!("latvian": n("латыш"), n("латышк"), a("латышск"), k("латыш"), e("latvian")),
    group!("estonian": n("эстонц"), x("эстонец"), n("эстонк"), a("эстонск"), k("эстон"), e("estonian")),
    group!("persian": n("перс"), n("персиянк"), a("персидск"), k("парсы"), e("persian")),
    group!("kalmyk": n("калмык"), n("калмычк"), a("калмыцк"), k("қалмақ"), e("kalmyk")),
    group!("nogai": n("ногайц"), x("ногаец"), a("ногайск"), k("ноғай"), e("nogai"), n("ногайк"), x("ногаек")),
    group!("karakalpak": n("каракалпак"), n("каракалпачк"), a("каракалпакск"), k("қарақалпақ"), e("karakalpak")),
    group!("mongol": n("монгол"), n("монголк"), a("монгольск"), k("моңғол"), e("mongol"), e("mongolian"), x("монголок")),
    group!("chinese": n("китайц"), x("китаец"), n("китаянк"), a("китайск"), k("қытай"), e("chinese"), sn("китаез")),
    group!("afghan": n("афганц"), x("афганец"), a("афганск"), k("ауған"), e("afghan")),
    group!("roma": n("цыган"), n("цыганк"), a("цыганск"), k("сыған"), e("roma"), e("romani"), e("gypsy"), e("gypsi"), se("gyppo"), se("gypo"), n("цыганят")),
    // Peoples of Russia and of the wider region that Russian-language texts name.
    group!("dagestani": n("дагестанц"), n("даг"), x("дагестанец"), n("дагестанк"), a("дагестанск"), k("дағыстан"), e("dagestani")),
    group!("lak": n("лакц"), x("лакец"), n("лачк"), a("лакск"), e("lak")),
    group!("ossetian": n("осетин"), n("осетинк"), a("осетинск"), k("осетин"), e("ossetian")),
    group!("buryat": n("бурят"), n("бурятк"), a("бурятск"), k("бурят"), e("buryat")),
    group!("yakut": n("якут"), n("якутк"), a("якутск"), x("саха"), k("якут"), e("yakut")),
    group!("kumyk": n("кумык"), n("кумычк"), a("кумыкск"), k("құмық"), e("kumyk")),
    group!("adyghe": n("адыг"), n("адыгейц"), x("адыгеец"), n("адыгейк"), a("адыгейск"), k("адыг"), e("adyghe"), a("адыгск")),
    group!("kabardian": n("кабардинц"), x("кабардинец"), n("кабардинк"), x("кабардинок"), a("кабардинск"), k("кабардин"), e("kabardian")),
    group!("circassian": n("черкес"), n("черкешенк"), a("черкесск"), k("черкес"), e("circassian")),
    group!("abkhaz": n("абхаз"), n("абхазц"), n("абхазк"), a("абхазск"), k("абхаз"), e("abkhaz")),
    group!("abazin": n("абазин"), n("абазинк"), a("абазинск"), k("абазин"), e("abazin")),
    group!("karelian": n("карел"), n("карелк"), a("карельск"), k("карел"), e("karelian")),
    group!("evenk": n("эвенк"), n("эвенкийк"), a("эвенкийск"), n("тунгус"), k("эвенк"), e("evenk")),
    group!("mansi": x("манси"), a("мансийск"), k("манси"), e("mansi")),
    group!("khanty": n("хант"), x("ханты"), a("хантыйск"), k("ханты"), e("khanty")),
    group!("khakas": n("хакас"), n("хакаск"), a("хакасск"), k("хакас"), e("khakas")),
    group!("nenets": n("ненц"), x("ненец"), a("ненецк"), k("ненец"), e("nenets")),
    group!("chukchi": n("чукч"), x("чукча"), a("чукотск"), k("чукча"), e("chukchi")),
    group!("altai": n("алтайц"), x("алтаец"), e("altaian")),
    group!("shor": n("шорц"), x("шорец"), n("шорк"), a("шорск"), e("shor")),
    group!("tuvan": n("тувинц"), x("тувинец"), n("тувинк"), a("тувинск"), x("тува"), k("тува"), e("tuvan")),
    group!("veps": n("вепс"), n("вепсянк"), a("вепсск"), k("вепс"), e("veps")),
    group!("gagauz": n("гагауз"), n("гагаузк"), a("гагаузск"), k("гагауз"), e("gagauz")),
    group!("karaim": n("караим"), n("караимк"), a("караимск"), k("қараим"), e("karaim")),
    group!("alan": n("алан"), a("аланск"), e("alans")),
    group!("aleut": n("алеут"), n("алеутк"), a("алеутск"), k("алеут"), e("aleut")),
    group!("nanai": n("нанайц"), x("нанаец"), a("нанайск"), k("нанай"), e("nanai")),
    group!("koryak": n("коряк"), n("корячк"), a("корякск"), k("коряк"), e("koryak")),
    group!("sami": n("саам"), n("саамк"), a("саамск"), k("саам"), e("sami")),
    group!("komi": x("коми"), n("коми-пермяк"), n("пермяк"), k("коми"), e("komi")),
    group!("eskimo": n("эскимос"), n("эскимоск"), a("эскимосск"), k("эскимос"), e("eskimo")),
    group!("finnish": n("финн"), n("финк"), a("финск"), k("фин"), e("finn"), e("finnish")),
    group!("finnic": n("чухон"), x("чухонец"), n("чухонц"), x("чудь"), a("чудск"), e("finnic")),
    group!("baltic": n("прибалт"), n("прибалтк"), a("прибалтийск"), k("прибалт"), e("baltic"), n("прибалтийк")),
    group!("serbian": n("серб"), n("сербк"), a("сербск"), k("серб"), e("serb"), e("serbian")),
    group!("czech": n("чех"), n("чешк"), a("чешск"), k("чех"), e("czech")),
    group!("rusyn": n("русин"), n("русинк"), a("русинск"), e("rusyn")),
    group!("crimean": n("крымчан"), n("крымчанин"), n("крымчанк"), k("қырым"), e("crimean")),
    group!("cossack": n("казак"), n("казачк"), x("казачек"), a("казачь"), e("cossack")),
    // Nations beyond the region that Russian-language social media name
    // (RuEthnoHate annotates them).
    group!("arab": n("араб"), n("арабк"), a("арабск"), k("араб"), e("arab")),
    group!("romanian": n("румын"), n("румынк"), a("румынск"), k("румын"), e("romanian")),
    group!("hungarian": n("венгр"), n("венгерк"), a("венгерск"), n("мадьяр"), a("мадьярск"), k("мажар"), e("hungarian")),
    group!("japanese": n("японц"), x("японец"), n("японк"), a("японск"), k("жапон"), e("japanese"), sn("япошк")),
    group!("vietnamese": n("вьетнамц"), x("вьетнамец"), n("вьетнамк"), a("вьетнамск"), k("вьетнам"), e("vietnamese")),
    group!("indian": n("индийц"), x("индиец"), n("индианк"), n("индус"), k("үнді"), e("indian")),
    group!("english": n("англичан"), n("англичанин"), n("англичанк"), k("ағылшын"), e("englishman"), e("englishmen")),
    group!("french": n("француз"), n("француженк"), a("французск"), k("француз"), e("frenchman"), e("frenchmen")),
    group!("italian": n("итальянц"), x("итальянец"), n("итальянк"), a("итальянск"), k("итальян"), e("italian")),
    group!("spanish": n("испанц"), x("испанец"), n("испанк"), a("испанск"), k("испан"), e("spaniard")),
    group!("swedish": n("швед"), n("шведк"), a("шведск"), k("швед"), e("swede")),
    group!("iranian": n("иранц"), x("иранец"), e("iranian")),
    group!("syrian": n("сирийц"), x("сириец"), e("syrian")),
    group!("african": n("африканц"), x("африканец"), n("африканк"), e("african"), a("африканск")),
    group!("slovak": n("словак"), n("словачк"), a("словацк"), e("slovak")),
    group!("croatian": n("хорват"), n("хорватк"), a("хорватск"), e("croat")),
    group!("albanian": n("албанц"), x("албанец"), n("албанк"), a("албанск"), e("albanian")),
    group!("scottish": n("шотландц"), x("шотландец"), n("шотландк"), e("scot")),
    group!("tibetan": n("тибетц"), x("тибетец"), e("tibetan")),
    group!("american": n("американц"), x("американец"), n("американк"), a("американск"), k("америка"), e("american"), sn("пендос"), sn("пиндос"), sn("америкос")),
    group!("black": n("негр"), n("негритянк"), a("негритянск"), a("темнокож"), k("негр"), n("негроид"), sn("ниггер"), sx("нигеры"), sx("нигеров"), sx("нигерам"), sx("нигерами")),
    group!("european": n("европейц"), x("европеец"), n("европейк"), k("еуропа"), e("european")),
    group!("east_european": n("восточноевропейц"), x("восточноевропеец"), e("east european"), a("восточноевропейск")),
    group!("slavic": n("славян"), n("славянин"), n("славянк"), a("славянск"), k("славян"), e("slav"), e("slavic"), x("славянок")),
    group!("turkic": n("тюрк"), a("тюркск"), k("түркі"), e("turkic")),
    group!("ugric": n("угр"), a("угорск"), n("финно-угр"), e("ugric")),
    group!("vainakh": n("вайнах"), a("вайнахск"), e("vainakh"), n("вайнашк")),
    group!("eurasian": n("евразийц"), x("евразиец"), e("eurasian")),
    group!("russian_speaking": a("русскоязычн"), k("орыстілді"), e("russian-speaking")),
    group!("migrant_worker": n("гастарбайтер"), n("мигрант"), k("мигрант"), e("migrant")),
    group!("highlander": n("горц"), x("горец"), n("горянк"), e("highlander")),
    group!("non_russian": n("инородц"), x("инородец"), sn("нерус"), a("нерусск"), sn("нацмен"), sn("басурман"), sn("басурманин"), e("non-russian"), sx("нерусью"), sn("нацменк"), sx("нацменок")),
    group!("central_asian": n("среднеазиат"), a("среднеазиатск"), sn("чурк"), x("чурок"), sn("чучмек"), sn("чучмечк")),
    // "черномазые", like "черножопые", is the slur for dark-haired southerners of
    // the Caucasus (RuEthnoHate annotates the two as one: 23 of the 28 texts
    // annotated for "черномазый" call their target "черножопые").
    group!("caucasian": n("кавказц"), x("кавказец"), sn("хач"), sn("хачик"), sn("хачевк"), sa("черножоп"), sa("чернозад"), sa("черномаз"), a("кавказск"), k("кавказ")),
    group!("asian": sa("узкоглаз"), sn("узкоглазк"), n("монголоид"), n("азиат"), n("азиатк"), a("азиатск"), k("азиат"), e("asian")),
];

/// The group with this id.
pub fn group(id: &str) -> Option<&'static Group> {
    GROUPS.iter().find(|g| g.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_cover_forty_groups_and_more() {
        let mut ids: Vec<&str> = GROUPS.iter().map(|g| g.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), GROUPS.len());
        assert!(GROUPS.len() >= 45);
        // The groups of Kazakhstan (the table up to "roma") are named in all three languages.
        let kazakhstan = GROUPS.iter().position(|g| g.id == "roma").unwrap() + 1;
        assert!(kazakhstan >= 40);
        for g in &GROUPS[..kazakhstan] {
            assert!(g.stems.iter().any(|s| s.class == Class::Kk && !s.text.is_empty()), "{} has a Kazakh stem", g.id);
            assert!(g.stems.iter().any(|s| matches!(s.class, Class::RuNoun | Class::RuAdj) && !s.text.is_empty()), "{} has a Russian stem", g.id);
            assert!(g.stems.iter().any(|s| s.class == Class::En), "{} has an English name", g.id);
        }
        for g in GROUPS {
            assert!(g.stems.iter().any(|s| matches!(s.class, Class::RuNoun | Class::RuAdj | Class::Exact)), "{} has a Russian form", g.id);
        }
    }
}
