//! A deterministic synthetic information field (issue 4 §7-8): documents in
//! Kazakh, Russian and mixed text, from templates, the way crawlers would send
//! them. Mostly ordinary news and posts (weather, prices, sport, festivals that
//! name ethnic groups with respect), with a small share of hostile posts aimed
//! at a group. Groups appear by their census weight; each document's place is a
//! region picked by population, named in the text by its centre and sent as
//! `region` by regional outlets.
//!
//! The same seed gives the same documents everywhere (SplitMix64), so the demo,
//! the benchmark and their figures can be reproduced.

use kelisim_core::reference::{ETHNIC_GROUPS, REGIONS};
use serde_json::{json, Value};

use super::rng::Rng;

/// (KATO, Russian "in the centre", Kazakh locative of the centre).
const PLACES: &[(&str, &str, &str)] = &[
    ("100000000", "в Семее", "Семейде"),
    ("110000000", "в Кокшетау", "Көкшетауда"),
    ("150000000", "в Актобе", "Ақтөбеде"),
    ("190000000", "в Конаеве", "Қонаевта"),
    ("230000000", "в Атырау", "Атырауда"),
    ("270000000", "в Уральске", "Оралда"),
    ("310000000", "в Таразе", "Таразда"),
    ("330000000", "в Талдыкоргане", "Талдықорғанда"),
    ("350000000", "в Караганде", "Қарағандыда"),
    ("390000000", "в Костанае", "Қостанайда"),
    ("430000000", "в Кызылорде", "Қызылордада"),
    ("470000000", "в Актау", "Ақтауда"),
    ("550000000", "в Павлодаре", "Павлодарда"),
    ("590000000", "в Петропавловске", "Петропавлда"),
    ("610000000", "в Туркестане", "Түркістанда"),
    ("620000000", "в Жезказгане", "Жезқазғанда"),
    ("630000000", "в Усть-Каменогорске", "Өскеменде"),
    ("710000000", "в Астане", "Астанада"),
    ("750000000", "в Алматы", "Алматыда"),
    ("790000000", "в Шымкенте", "Шымкентте"),
];

/// Ordinary Russian texts: `{in}` the place, `{a}` `{b}` two groups (plural).
const RU_ORDINARY: &[&str] = &[
    "{in} прошёл фестиваль национальных культур: {a} и {b} представили свои песни и блюда.",
    "{in} открылся новый Дом дружбы, где {a} и {b} вместе изучают государственный язык.",
    "Акимат сообщил о ремонте дорог {in}, движение ограничат до конца недели.",
    "{in} ожидается снег и похолодание до минус пятнадцати градусов.",
    "Ассамблея народа Казахстана провела {in} встречу молодежи, {a} и {b} обсудили волонтерские проекты.",
    "Цены на продукты {in} выросли на три процента за месяц, сообщает статистика.",
    "Спортсмены {in} завоевали пять медалей на республиканском турнире по борьбе.",
    "{a} {in} отметили национальный праздник вместе с соседями, было много гостей.",
    "{in} завершился ремонт школы, дети вернутся в классы после каникул.",
    "Совет матерей {in} собрал помощь для многодетных семей.",
];

/// Ordinary Kazakh texts: `{in}` the place (locative), `{a}` `{b}` groups (plural).
const KK_ORDINARY: &[&str] = &[
    "{in} ұлттық мәдениеттер фестивалі өтті, {a} мен {b} ән мен тағам ұсынды.",
    "{in} жаңа Достық үйі ашылды, оған барлық этнос өкілдері келді.",
    "{in} жол жөндеу жұмыстары басталды, көлік қозғалысы апта соңына дейін шектеледі.",
    "{in} қар жауып, аяз күшейеді деп күтілуде.",
    "Қазақстан халқы Ассамблеясы {in} жастар кездесуін өткізді, {a} мен {b} бірге жобаларды талқылады.",
    "{a} мен {b} {in} Наурыз мерекесін бірге тойлады.",
    "{in} азық-түлік бағасы бір айда үш пайызға өсті.",
    "{in} аналар кеңесі көпбалалы отбасыларға көмек жинады.",
    "{in} мектеп жөндеуден кейін қайта ашылды.",
];

/// Russian and Kazakh in one post.
const MIXED_ORDINARY: &[&str] = &[
    "Сегодня {in} той болды, {a} и {b} бірге тойлады, очень красиво!",
    "Ребята, {in} бүгін концерт бар, приходите все, {a} и {b} вместе поют.",
];

/// Hostile Russian posts aimed at a group `{a}`.
const RU_HOSTILE: &[&str] = &[
    "{a} совсем обнаглели {in}, пора гнать их отсюда!",
    "{a} грязные свиньи, их надо гнать из страны.",
    "Все {a} воры и бандиты, нельзя пускать таких как они {in}.",
    "{a} тупые животные, выгнать их всех, {in} им не место.",
];

/// Hostile Kazakh posts aimed at a group `{a}`. With no Kazakh annotation of
/// attitude, the engine reads them through its Kazakh bridge
/// (`kelisim_text::bridge`: "қуып", "басынды" read as the Russian words of
/// expulsion and insolence it learnt from).
const KK_HOSTILE: &[&str] = &["{a} бізге керек емес, оларды {in} қуып шығу керек!", "Бұл {a} әбден басынды, елден қуу керек."];

/// Details appended to ordinary Russian posts, so that two posts about the
/// same thing differ as real ones do (`{n}` a number, `{h}` an hour).
const RU_DETAILS: &[&str] = &[
    "Участвовали около {n} человек.",
    "Начало в {h}:00, вход свободный.",
    "Фото: пресс-служба акимата.",
    "Подробности у нас в канале.",
    "Помощь получили {n} семей.",
    "Следующая встреча пройдёт через {h} дней.",
    "Организаторы благодарят {n} волонтёров.",
    "По данным синоптиков, ветер до {h} метров в секунду.",
    "Комментарии открыты, пишите.",
    "Трансляция начнётся в {h}:30.",
    "На это выделено {n} миллионов тенге.",
    "Работы продлятся до {h} декабря.",
];

/// Details appended to ordinary Kazakh posts.
const KK_DETAILS: &[&str] = &[
    "Іс-шараға {n} адам қатысты.",
    "Басталуы сағат {h}:00-де, кіру тегін.",
    "Сурет: әкімдіктің баспасөз қызметі.",
    "Толығырақ арнамызда.",
    "{n} отбасы көмек алды.",
    "Ұйымдастырушылар {n} еріктіге алғыс айтты.",
    "Келесі кездесу {h} күннен кейін өтеді.",
    "Пікірлеріңізді жазыңыздар.",
    "Бұған {n} миллион теңге бөлінді.",
];

/// How hostile Russian posts open and close (a post is an opening, a template and a closing).
const RU_HOSTILE_OPENINGS: &[&str] = &["", "Люди, послушайте.", "Сколько можно терпеть?", "Скажу прямо.", "Опять то же самое.", "Я не расист, но", "Читаю новости и злюсь.", "Сосед рассказал."];
const RU_HOSTILE_CLOSINGS: &[&str] = &["", "Согласны?", "Доколе?", "Репост.", "Достали уже.", "Власти молчат.", "Пишите своё мнение.", "Хватит это терпеть."];
const KK_HOSTILE_OPENINGS: &[&str] = &["", "Айтып қояйын.", "Қанша шыдаймыз?", "Тағы да сол.", "Көршім айтты.", "Ашығын айтам."];
const KK_HOSTILE_CLOSINGS: &[&str] = &["", "Келісесіздер ме?", "Жетер енді.", "Билік үндемейді.", "Пікір жазыңдар.", "Шыдамымыз таусылды."];

/// Where documents come from: (source, whether it is a regional outlet that sends `region`).
const SOURCES: &[(&str, bool)] = &[("telegram", false), ("vk", false), ("instagram", false), ("facebook", false), ("tengrinews.kz", true), ("kaztag.kz", true), ("youtube", false)];

/// What kind of text a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Ordinary,
    Hostile,
}

/// The generator's settings.
#[derive(Debug, Clone)]
pub struct FieldSettings {
    pub seed: u64,
    /// Share of hostile posts (the rest is ordinary).
    pub hostile_share: f64,
    /// Authors per source.
    pub authors: usize,
}

impl Default for FieldSettings {
    fn default() -> Self {
        FieldSettings { seed: 0x6b65_6c69_7369_6d00, hostile_share: 0.03, authors: 20_000 }
    }
}

/// Makes documents one by one.
pub struct FieldGenerator {
    rng: Rng,
    settings: FieldSettings,
    region_weights: Vec<f64>,
    group_weights: Vec<f64>,
}

/// The place of a document: an index into [`PLACES`].
fn place_index(kato: &str) -> usize {
    PLACES.iter().position(|p| p.0 == kato).unwrap_or(0)
}

impl FieldGenerator {
    pub fn new(settings: FieldSettings) -> Self {
        let region_weights = PLACES.iter().map(|p| REGIONS.iter().find(|r| r.kato == p.0).map_or(1.0, |r| r.population as f64)).collect();
        // Small groups still appear now and then.
        let group_weights = ETHNIC_GROUPS.iter().map(|g| g.census_share.unwrap_or(0.05)).collect();
        FieldGenerator { rng: Rng::new(settings.seed), settings, region_weights, group_weights }
    }

    /// A region weighted by population.
    pub fn region(&mut self) -> &'static str {
        PLACES[self.rng.weighted(&self.region_weights)].0
    }

    /// A group weighted by census share.
    pub fn group(&mut self) -> usize {
        self.rng.weighted(&self.group_weights)
    }

    /// A group of a region: mostly by the region's composition, now and then
    /// any group of the country (people write about others too).
    pub fn group_in(&mut self, kato: &str) -> usize {
        let shares = kelisim_core::reference::composition::composition(kato);
        if shares.is_empty() || self.rng.unit() < 0.15 {
            return self.group();
        }
        let weights: Vec<f64> = shares.iter().map(|(_, p)| *p).collect();
        let slug = shares[self.rng.weighted(&weights)].0;
        ETHNIC_GROUPS.iter().position(|g| g.slug == slug).unwrap_or(0)
    }

    /// One document published at `published_at` (RFC 3339) with id `n`, in
    /// `region` (None: picked by population), of the given tone (None: by the
    /// hostile share).
    pub fn document(&mut self, n: u64, published_at: &str, region: Option<&str>, tone: Option<Tone>, target: Option<usize>) -> Value {
        let kato = region.map(str::to_string).unwrap_or_else(|| self.region().to_string());
        let place = &PLACES[place_index(&kato)];
        let tone = tone.unwrap_or_else(|| if self.rng.unit() < self.settings.hostile_share { Tone::Hostile } else { Tone::Ordinary });
        let a = target.unwrap_or_else(|| self.group_in(&kato));
        let mut b = self.group_in(&kato);
        if b == a {
            b = (a + 1) % ETHNIC_GROUPS.len();
        }
        let roll = self.rng.unit();
        // (template, the place and first group in Kazakh, the second group in Kazakh)
        let (template, kazakh, second_kazakh) = match tone {
            Tone::Ordinary if roll < 0.45 => (*self.rng.pick(RU_ORDINARY), false, false),
            Tone::Ordinary if roll < 0.92 => (*self.rng.pick(KK_ORDINARY), true, true),
            Tone::Ordinary => (*self.rng.pick(MIXED_ORDINARY), false, true),
            Tone::Hostile if roll < 0.7 => (*self.rng.pick(RU_HOSTILE), false, false),
            Tone::Hostile => (*self.rng.pick(KK_HOSTILE), true, true),
        };
        let name = |g: usize, kk: bool| if kk { ETHNIC_GROUPS[g].name_kk } else { ETHNIC_GROUPS[g].name_ru };
        let mut text = template.replace("{in}", if kazakh { place.2 } else { place.1 }).replace("{a}", name(a, kazakh)).replace("{b}", name(b, second_kazakh));
        match tone {
            Tone::Ordinary => {
                let details = if kazakh { KK_DETAILS } else { RU_DETAILS };
                for _ in 0..2 {
                    let detail = self.rng.pick(details).replace("{n}", &(2 + self.rng.below(400)).to_string()).replace("{h}", &(8 + self.rng.below(12)).to_string());
                    text = format!("{text} {detail}");
                }
            }
            Tone::Hostile => {
                let (openings, closings) = if kazakh { (KK_HOSTILE_OPENINGS, KK_HOSTILE_CLOSINGS) } else { (RU_HOSTILE_OPENINGS, RU_HOSTILE_CLOSINGS) };
                let opening = *self.rng.pick(openings);
                let closing = *self.rng.pick(closings);
                text = format!("{opening} {text} {closing}").trim().to_string();
            }
        }
        let (source, regional) = *self.rng.pick(SOURCES);
        let author = format!("@{}{}", source.split('.').next().unwrap_or(source), self.rng.below(self.settings.authors));
        let mut doc = json!({
            "source": source,
            "external_id": format!("{n}"),
            "url": format!("https://{}/p/{n}", if source.contains('.') { source.to_string() } else { format!("{source}.com") }),
            "author": author,
            "published_at": published_at,
            "text": text,
        });
        if regional {
            doc["region"] = json!(kato);
        }
        doc
    }
}

/// `YYYY-MM-DDTHH:MM:SS+05:00` for a day (days since 1970-01-01) and a second of that day, Kazakhstan time.
pub fn local_time(day: i64, second: u32) -> String {
    let date = time::Date::from_julian_day(2_440_588 + day as i32).unwrap_or(time::Date::MIN);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+05:00", date.year(), u8::from(date.month()), date.day(), second / 3600, second / 60 % 60, second % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kelisim_text::Model;

    fn analyse(doc: &Value) -> kelisim_text::Analysis {
        Model::builtin().analyze(doc["text"].as_str().unwrap(), None, &[])
    }

    #[test]
    fn the_same_seed_gives_the_same_documents() {
        let mut a = FieldGenerator::new(FieldSettings::default());
        let mut b = FieldGenerator::new(FieldSettings::default());
        for n in 0..50 {
            assert_eq!(a.document(n, "2026-11-20T10:00:00+05:00", None, None, None), b.document(n, "2026-11-20T10:00:00+05:00", None, None, None));
        }
    }

    #[test]
    fn the_engine_finds_the_place_of_every_region_in_both_languages() {
        for (kato, ru, kk) in PLACES {
            for phrase in [ru.to_string(), format!("{kk} жиын өтті")] {
                let a = Model::builtin().analyze(&phrase, None, &[]);
                assert_eq!(a.regions.first().copied(), Some(*kato), "{phrase}");
            }
        }
    }

    /// The demo's figures depend on the engine seeing the generated posts as
    /// they are meant: hostile Russian posts flagged, hostile Kazakh posts
    /// hostile, ordinary posts not flagged, and ordinary posts mostly not
    /// hostile. Before the engine learnt ordinary Kazakh writing
    /// (`crates/kelisim-text/training/kk-ordinary.txt`, none of it these
    /// templates), 182 of the 193 ordinary Kazakh posts scored hostile: the
    /// Kazakh set it learnt from holds its news and formal Kazakh in the
    /// hostile classes.
    #[test]
    fn hostile_posts_are_flagged_and_ordinary_ones_are_not() {
        let mut g = FieldGenerator::new(FieldSettings::default());
        let (mut ru, mut ru_flagged, mut kk, mut kk_hostile, mut ordinary_flagged) = (0, 0, 0, 0, 0);
        let (mut ordinary_ru, mut ordinary_ru_hostile, mut ordinary_kk, mut ordinary_kk_hostile) = (0, 0, 0, 0);
        for n in 0..400 {
            let h = analyse(&g.document(n, "2026-11-20T10:00:00+05:00", None, Some(Tone::Hostile), None));
            if h.lang == kelisim_text::Lang::Kk {
                kk += 1;
                kk_hostile += (h.hostility >= 0.5) as usize;
            } else {
                ru += 1;
                ru_flagged += (h.ethnic_hostility >= 0.5) as usize;
            }
            let o = analyse(&g.document(n, "2026-11-20T10:00:00+05:00", None, Some(Tone::Ordinary), None));
            ordinary_flagged += (o.ethnic_hostility >= 0.5) as usize;
            if o.lang == kelisim_text::Lang::Ru {
                ordinary_ru += 1;
                ordinary_ru_hostile += (o.hostility >= 0.5) as usize;
            }
            if o.lang == kelisim_text::Lang::Kk {
                ordinary_kk += 1;
                ordinary_kk_hostile += (o.hostility >= 0.5) as usize;
            }
        }
        // The margin, for whoever retrains the model (run with --nocapture).
        eprintln!("hostile Russian posts flagged: {ru_flagged} of {ru} (at least 90 %); hostile Kazakh posts hostile: {kk_hostile} of {kk}; ordinary posts flagged: {ordinary_flagged} of 400; ordinary Kazakh posts hostile: {ordinary_kk_hostile} of {ordinary_kk}");
        assert!(ru_flagged * 10 >= ru * 9, "hostile Russian posts flagged: {ru_flagged} of {ru}");
        assert!(kk_hostile * 10 >= kk * 9, "hostile Kazakh posts hostile: {kk_hostile} of {kk}");
        assert!(ordinary_flagged <= 4, "ordinary posts flagged: {ordinary_flagged} of 400");
        assert!(ordinary_ru_hostile * 50 <= ordinary_ru, "ordinary Russian posts hostile: {ordinary_ru_hostile} of {ordinary_ru}");
        // 182 of 193 before the model learnt ordinary Kazakh, 40 with 337 lines of it, 20 with 705,
        // 10 with 780 (casual posts naming groups, docs/text-engine.md).
        assert!(ordinary_kk_hostile * 10 <= ordinary_kk, "ordinary Kazakh posts hostile: {ordinary_kk_hostile} of {ordinary_kk} (at most 10 %)");
    }
}
