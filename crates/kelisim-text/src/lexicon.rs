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
    /// English: -s, -'s.
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
/// A Kazakh slur.
const fn sk(text: &'static str) -> Stem {
    Stem { text, class: Class::Kk, slur: true }
}

macro_rules! group {
    ($id:literal: $($stem:expr),* $(,)?) => {
        Group { id: $id, stems: &[$($stem),*] }
    };
}

/// The 40+ largest groups of Kazakhstan, the neighbouring region, and the
/// umbrella groups that slurs aim at ("чурка" targets Central Asians as a whole).
pub const GROUPS: &[Group] = &[
    group!("kazakh": n("казах"), x("казахи"), n("казашк"), x("казашек"), a("казахск"), k("қазақ"), e("kazakh"), e("kazak"), sn("калбит"), sn("кизяк"), sn("казачн")),
    group!("russian": a("русск"), n("россиян"), x("россиянин"), n("россиянк"), x("россиянок"), n("русак"), k("орыс"), e("russian"), sn("кацап"), sn("москал"), sn("русн"), sn("рашист"), sk("кацап")),
    group!("uzbek": n("узбек"), n("узбечк"), x("узбечек"), a("узбекск"), k("өзбек"), e("uzbek"), sn("узбечат")),
    group!("ukrainian": n("украинц"), x("украинец"), n("украинк"), x("украинок"), a("украинск"), k("украин"), e("ukrainian"), sn("хохл"), x("хохол"), sn("хохлушк"), sn("укроп"), sn("бандер"), sk("хохол")),
    group!("uyghur": n("уйгур"), n("уйгурк"), a("уйгурск"), k("ұйғыр"), e("uyghur"), e("uighur")),
    group!("german": n("немц"), x("немец"), n("немк"), x("немок"), a("немецк"), k("неміс"), e("german"), sn("фриц"), sn("немчур")),
    group!("tatar": n("татар"), x("татарин"), n("татарк"), x("татарок"), a("татарск"), k("татар"), e("tatar")),
    group!("azerbaijani": n("азербайджанц"), x("азербайджанец"), n("азербайджанк"), a("азербайджанск"), n("азер"), sn("азербот"), k("әзербайжан"), k("әзірбайжан"), e("azerbaijani"), e("azeri")),
    group!("korean": n("корейц"), x("кореец"), n("кореянк"), x("кореянок"), a("корейск"), k("корей"), e("korean")),
    group!("turkish": n("турк"), x("турок"), n("турчанк"), a("турецк"), k("түрік"), e("turk"), e("turkish")),
    group!("dungan": n("дунган"), x("дунганин"), n("дунганк"), a("дунганск"), k("дүнген"), e("dungan")),
    group!("belarusian": n("белорус"), n("белоруск"), a("белорусск"), n("беларус"), k("беларус"), e("belarusian")),
    group!("tajik": n("таджик"), n("таджичк"), a("таджикск"), k("тәжік"), e("tajik")),
    group!("kurdish": n("курд"), n("курдянк"), a("курдск"), k("күрд"), e("kurd"), e("kurdish")),
    group!("chechen": n("чеченц"), x("чеченец"), n("чеченк"), a("чеченск"), k("шешен"), e("chechen")),
    group!("kyrgyz": n("кыргыз"), n("киргиз"), n("кыргызк"), n("киргизк"), a("кыргызск"), a("киргизск"), k("қырғыз"), e("kyrgyz")),
    group!("bashkir": n("башкир"), n("башкирк"), a("башкирск"), k("башқұрт"), e("bashkir")),
    group!("polish": n("поляк"), n("полячк"), a("польск"), k("поляк"), e("polish")),
    group!("ingush": n("ингуш"), n("ингушк"), a("ингушск"), k("ингуш"), e("ingush")),
    group!("moldovan": n("молдаван"), x("молдаванин"), n("молдаванк"), a("молдавск"), k("молдаван"), e("moldovan")),
    group!("armenian": n("армян"), x("армянин"), n("армянк"), a("армянск"), k("армян"), e("armenian"), sn("хачик")),
    group!("greek": n("грек"), n("гречанк"), a("греческ"), k("грек"), e("greek")),
    group!("chuvash": n("чуваш"), n("чувашк"), a("чувашск"), k("чуваш"), e("chuvash")),
    group!("mordvin": n("мордвин"), n("мордв"), a("мордовск"), k("мордва"), e("mordvin")),
    group!("lezgin": n("лезгин"), a("лезгинск"), k("лезгин"), e("lezgin")),
    group!("karachay": n("карачаевц"), x("карачаевец"), a("карачаевск"), k("қарашай"), e("karachay")),
    group!("balkar": n("балкарц"), x("балкарец"), a("балкарск"), k("балқар"), e("balkar")),
    group!("bulgarian": n("болгар"), x("болгарин"), n("болгарк"), a("болгарск"), k("болгар"), e("bulgarian")),
    group!("udmurt": n("удмурт"), n("удмуртк"), a("удмуртск"), k("удмурт"), e("udmurt")),
    group!("jewish": n("евре"), x("еврей"), n("евреек"), n("еврейк"), a("еврейск"), k("еврей"), e("jew"), e("jewish"), sn("жид"), sn("жидовк"), a("жидовск"), sk("жөйт")),
    group!("mari": n("марийц"), x("мариец"), n("марийк"), a("марийск"), k("мари"), e("mari")),
    group!("avar": n("аварц"), x("аварец"), a("аварск"), k("авар"), e("avar")),
    group!("dargin": n("даргинц"), x("даргинец"), a("даргинск"), k("даргин"), e("dargin")),
    group!("turkmen": n("туркмен"), n("туркменк"), a("туркменск"), k("түрікмен"), e("turkmen")),
    group!("georgian": n("грузин"), n("грузинк"), a("грузинск"), k("грузин"), e("georgian")),
    group!("lithuanian": n("литовц"), x("литовец"), n("литовк"), a("литовск"), k("литва"), e("lithuanian")),
    group!("latvian": n("латыш"), n("латышк"), a("латышск"), k("латыш"), e("latvian")),
    group!("estonian": n("эстонц"), x("эстонец"), n("эстонк"), a("эстонск"), k("эстон"), e("estonian")),
    group!("persian": n("перс"), n("персиянк"), a("персидск"), k("парсы"), e("persian")),
    group!("kalmyk": n("калмык"), n("калмычк"), a("калмыцк"), k("қалмақ"), e("kalmyk")),
    group!("nogai": n("ногайц"), x("ногаец"), a("ногайск"), k("ноғай"), e("nogai")),
    group!("karakalpak": n("каракалпак"), n("каракалпачк"), a("каракалпакск"), k("қарақалпақ"), e("karakalpak")),
    group!("mongol": n("монгол"), n("монголк"), a("монгольск"), k("моңғол"), e("mongol"), e("mongolian")),
    group!("chinese": n("китайц"), x("китаец"), n("китаянк"), a("китайск"), k("қытай"), e("chinese"), sn("китаез")),
    group!("afghan": n("афганц"), x("афганец"), a("афганск"), k("ауған"), e("afghan")),
    group!("roma": n("цыган"), n("цыганк"), a("цыганск"), k("сыған"), e("roma"), e("gypsy")),
    group!("central_asian": sn("чурк"), x("чурок"), sn("чучмек"), sn("чучмечк")),
    group!("caucasian": n("кавказц"), x("кавказец"), sn("хач"), sn("хачик"), sn("черножоп"), sn("чернозад"), k("кавказ")),
    group!("asian": sn("узкоглаз")),
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
        for g in GROUPS.iter().filter(|g| !matches!(g.id, "central_asian" | "caucasian" | "asian")) {
            assert!(g.stems.iter().any(|s| s.class == Class::Kk && !s.text.is_empty()), "{} has a Kazakh stem", g.id);
            assert!(g.stems.iter().any(|s| matches!(s.class, Class::RuNoun | Class::RuAdj) && !s.text.is_empty()), "{} has a Russian stem", g.id);
            assert!(g.stems.iter().any(|s| s.class == Class::En), "{} has an English name", g.id);
        }
    }
}
