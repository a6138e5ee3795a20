//! The demo's year of the monitoring centre (issue 4 §7): the information
//! field, incidents with their response, and what the detectors, the risk
//! index and the alerts made of them — replayed day by day through the same
//! code a live installation runs, so that every figure on the screens comes
//! from the real pipeline.
//!
//! **The world.** Each region has a hidden *tension* that drifts back to the
//! region's own base level and now and then jumps (a shock). Tension raises
//! the share of hostile posts in the region's information field and the rate
//! and severity of its incidents. The detectors and the risk index do not see
//! it: they see only what it causes, as they would in life. The backtest on
//! this data therefore measures the machinery, not the world.
//!
//! **The day.** 365 days up to yesterday. Each day's documents (about
//! `total / 365`, fewer at weekends) come from [`FieldGenerator`] and go
//! through the ingestion of `kelisim ingest` (`kelisim_web::ingest::prepare`,
//! then `documents::ingest`) in four six-hour slices; after each slice the
//! incident work due in it is done (registration, verification, level
//! changes, response actions, merges, stages) through `incidents::*`, then
//! the detectors run as the server's timer would (`signals::run`). Each
//! Sunday night the week's risk index is closed (`risk::compute_week`). Alerts
//! are raised where the rules raise them; those older than three days are
//! acknowledged by a recipient of the region, the rest are left open.
//!
//! **The staged episode** (region [`super::DEMO_REGION`], Almaty, 38 days
//! before today) can be followed from the first posts to the settlement:
//! hostile posts about one group grow for two days; a land dispute between
//! neighbours is registered at level 1; a bot campaign (24 accounts, one text,
//! three hours) and a spike follow; the incident goes to level 2, then to 3
//! after a brawl (the alert), is verified, a duplicate police report is
//! merged into it, the responder acknowledges the alert, the police, the
//! mediation centre, the Council of Elders, the Council of Mothers and the
//! akimat act; the level comes down, the post-conflict settlement follows and
//! the incident is closed. In Zhambyl region tension is rising in the last
//! days, so that the current map has a region to watch.
//!
//! Deterministic: one seed, so the same data and figures on every machine
//! (up to the real date, which fixes "today").

use std::collections::BTreeMap;

use anyhow::Context;
use kelisim_core::monitoring::incident::{ActionInput, IncidentInput};
use kelisim_core::monitoring::instant_text;
use kelisim_core::reference::composition::composition;
use kelisim_core::reference::{ETHNIC_GROUPS, REGIONS};
use kelisim_store::monitoring::alerts::{self, AlertFilter};
use kelisim_store::monitoring::incidents::{self, NewIncident, Reporter};
use kelisim_store::monitoring::{documents, risk, signals};
use kelisim_store::Store;
use serde_json::{json, Value};
use time::OffsetDateTime;

use super::field::{local_time, FieldGenerator, FieldSettings, Tone};
use super::names::centre;
use super::rng::Rng;
use super::DEMO_REGION;

/// Documents of the demo's year unless `KELISIM_DEMO_DOCUMENTS` says otherwise.
pub const DEFAULT_DOCUMENTS: usize = 1_000_000;
/// Days of the demo's year.
pub const DAYS: i64 = 365;
/// The staged episode starts this many days before today.
pub const EPISODE_DAYS_AGO: i64 = 38;
/// Zhambyl region: tension rising in the last days.
const RISING_REGION: &str = "310000000";
const RISING_DAYS_AGO: i64 = 12;
/// Documents per ingestion transaction (as `kelisim ingest`).
const BATCH: usize = 4_000;
/// Alerts raised in the last days before today are left open.
const OPEN_ALERT_DAYS: i64 = 3;

const SLICE_SECONDS: i64 = 6 * 3600;
const DAY_SECONDS: i64 = 86_400;
const KZ_OFFSET: i64 = 5 * 3600;

/// What the demo's year holds.
#[derive(Debug, Default, Clone)]
pub struct CentreSummary {
    pub documents: usize,
    pub incidents: usize,
    pub spikes: usize,
    pub campaigns: usize,
    pub alerts: usize,
}

/// The documents of the demo's year: `KELISIM_DEMO_DOCUMENTS`, or [`DEFAULT_DOCUMENTS`].
pub fn documents_wanted() -> anyhow::Result<usize> {
    match std::env::var("KELISIM_DEMO_DOCUMENTS") {
        Ok(v) => v.trim().parse::<usize>().ok().filter(|n| *n >= 1_000).with_context(|| format!("KELISIM_DEMO_DOCUMENTS={v}: a whole number of documents, at least 1000")),
        Err(_) => Ok(DEFAULT_DOCUMENTS),
    }
}

/// The local day number (days since 1970-01-01, Kazakhstan time) of an epoch second.
fn local_day_of(epoch: i64) -> i64 {
    (epoch + KZ_OFFSET).div_euclid(DAY_SECONDS)
}

/// The epoch second of `second` into local day `day`.
fn epoch_of(day: i64, second: i64) -> i64 {
    day * DAY_SECONDS - KZ_OFFSET + second
}

fn instant(epoch: i64) -> String {
    instant_text(OffsetDateTime::from_unix_timestamp(epoch).unwrap_or(OffsetDateTime::UNIX_EPOCH))
}

fn day_text(day: i64) -> String {
    local_time(day, 0)[..10].to_string()
}

fn group_index(slug: &str) -> usize {
    ETHNIC_GROUPS.iter().position(|g| g.slug == slug).unwrap_or(0)
}

/// A region of the world (see the module doc).
struct RegionState {
    kato: &'static str,
    weight: f64,
    base: f64,
    tension: f64,
}

/// Work on incidents, done at its time.
enum Step {
    Create(Box<Planned>),
    Verify { key: usize, status: &'static str, reason: String },
    Level { key: usize, level: i64, reason: String },
    Action { key: usize, input: ActionInput },
    Stage { key: usize, stage: &'static str, reason: String },
    Merge { key: usize, into: usize, reason: String },
    Link { key: usize, documents: Vec<i64> },
    /// Acknowledge the alert an incident raised, with actions on it.
    AcknowledgeIncidentAlert { key: usize, actor: &'static str, note: String, actions: Vec<String> },
}

/// An incident to register, and who does it.
struct Planned {
    key: usize,
    actor: &'static str,
    new: NewIncident,
    /// The rest of its life, as (seconds after registration, step).
    then: Vec<(i64, Step)>,
}

struct World {
    rng: Rng,
    field: FieldGenerator,
    regions: Vec<RegionState>,
    steps: BTreeMap<(i64, u64), Step>,
    seq: u64,
    next_key: usize,
    /// Planned incident key → stored id.
    ids: BTreeMap<usize, i64>,
    next_document: u64,
    /// The staged episode's incidents.
    episode_keys: Vec<usize>,
    now: i64,
    summary: CentreSummary,
}

impl World {
    fn schedule(&mut self, at: i64, step: Step) {
        self.seq += 1;
        self.steps.insert((at, self.seq), step);
    }

    fn key(&mut self) -> usize {
        self.next_key += 1;
        self.next_key
    }

    /// One day's tension: back toward the base, noise, now and then a shock.
    fn drift(&mut self, day: i64, today: i64) {
        for i in 0..self.regions.len() {
            let shock = if self.rng.unit() < 0.006 { 0.3 + 0.4 * self.rng.unit() } else { 0.0 };
            let noise = (self.rng.unit() - 0.5) * 0.04;
            let r = &mut self.regions[i];
            r.tension = (r.tension + 0.06 * (r.base - r.tension) + noise + shock).clamp(0.0, 1.0);
            if r.kato == RISING_REGION && day >= today - RISING_DAYS_AGO {
                r.tension = r.tension.max(0.35 + 0.04 * (day - (today - RISING_DAYS_AGO)) as f64).min(0.85);
            }
        }
    }

    fn hostile_share(r: &RegionState) -> f64 {
        0.012 + 0.05 * r.tension
    }

    /// The day's ordinary field: (second of the day, document).
    fn field_of_day(&mut self, day: i64, per_day: f64) -> Vec<(i64, Value)> {
        let weekday = (day + 4).rem_euclid(7); // 0 = Sunday
        let factor = if weekday == 0 || weekday == 6 { 0.8 } else { 1.08 };
        let count = (per_day * factor * (0.9 + 0.2 * self.rng.unit())).round() as usize;
        let weights: Vec<f64> = self.regions.iter().map(|r| r.weight).collect();
        let mut out = Vec::with_capacity(count);
        for _ in 0..count {
            let r = self.rng.weighted(&weights);
            let tone = if self.rng.unit() < Self::hostile_share(&self.regions[r]) { Tone::Hostile } else { Tone::Ordinary };
            // Fewer posts at night.
            let second = (6 * 3600 + self.rng.below(17 * 3600) as i64 + if self.rng.unit() < 0.1 { 17 * 3600 } else { 0 }) % DAY_SECONDS;
            self.next_document += 1;
            let doc = self.field.document(self.next_document, &local_time(day, second as u32), Some(self.regions[r].kato), Some(tone), None);
            out.push((second, doc));
        }
        out
    }

    /// Background incidents of a day, by each region's tension.
    fn plan_incidents(&mut self, day: i64) {
        for i in 0..self.regions.len() {
            let (kato, weight, tension) = (self.regions[i].kato, self.regions[i].weight, self.regions[i].tension);
            let rate = 0.12 * (0.03 + weight) * (0.25 + 2.5 * tension) * 7.0;
            let mut n = 0;
            let p = self.rng.unit();
            // Poisson by inversion, rates are small.
            let mut cumulative = (-rate).exp();
            let mut term = cumulative;
            while p > cumulative && n < 6 {
                n += 1;
                term *= rate / n as f64;
                cumulative += term;
            }
            for _ in 0..n {
                let second = 7 * 3600 + self.rng.below(14 * 3600) as i64;
                let planned = self.background_incident(kato, tension, epoch_of(day, second));
                self.schedule(epoch_of(day, second), Step::Create(Box::new(planned)));
            }
        }
    }

    fn two_groups(&mut self, kato: &str) -> Vec<String> {
        let shares = composition(kato);
        let weights: Vec<f64> = shares.iter().map(|(_, p)| *p).collect();
        let a = shares[self.rng.weighted(&weights)].0;
        let others: Vec<(&str, f64)> = shares.iter().filter(|(g, _)| *g != a).copied().collect();
        let b = if others.is_empty() { "russian" } else { others[self.rng.weighted(&others.iter().map(|o| o.1).collect::<Vec<_>>())].0 };
        let mut g = vec![a.to_string(), b.to_string()];
        g.sort();
        g
    }

    fn background_incident(&mut self, kato: &'static str, tension: f64, at: i64) -> Planned {
        let rng = &mut self.rng;
        let high = rng.unit() < 0.03 + 0.45 * tension * tension;
        let level: i64 = if high {
            if rng.unit() < 0.85 {
                3
            } else {
                4
            }
        } else {
            [0, 1, 1, 2][rng.below(4)]
        };
        let (category, title) = *rng.pick(if level >= 3 { HIGH_KINDS } else { LOW_KINDS });
        let place = PLACE_NAMES.iter().find(|p| p.0 == kato).map_or("", |p| p.1);
        let (lat, lon) = centre(kato);
        let spread = if matches!(&kato[..2], "71" | "75" | "79") { 0.08 } else { 0.9 };
        let lat = ((lat + (rng.unit() - 0.5) * spread) * 1000.0).round() / 1000.0;
        let lon = ((lon + (rng.unit() - 0.5) * spread * 1.5) * 1000.0).round() / 1000.0;
        let source = *rng.pick(&["police", "akimat", "media", "social_media", "council_report", "citizen", "monitoring"]);
        let initial = if level >= 2 { level - 1 - rng.below(2) as i64 } else { level };
        let refuted = level < 3 && rng.unit() < 0.15;
        let groups = self.two_groups(kato);
        let names: Vec<String> = groups.iter().map(|g| ETHNIC_GROUPS[group_index(g)].name_ru.to_string()).collect();
        let description = format!("{title} ({place}). Стороны: {}. Источник первичной информации — {}.", names.join(" и "), source_word(source));
        let key = self.next_key + 1;
        self.next_key = key;
        let mut then: Vec<(i64, Step)> = Vec::new();
        let verify_after = 3600 * (2 + self.rng.below(28) as i64);
        if refuted {
            then.push((verify_after, Step::Verify { key, status: "refuted", reason: "Проверка на месте: информация не подтвердилась".into() }));
            then.push((verify_after + 3 * DAY_SECONDS, Step::Stage { key, stage: "closed", reason: "Сведения не подтвердились".into() }));
        } else {
            then.push((verify_after, Step::Verify { key, status: "verified", reason: "Подтверждено выездом на место".into() }));
            if level > initial {
                then.push((verify_after + 3600 * (4 + self.rng.below(40) as i64), Step::Level { key, level, reason: (*self.rng.pick(ESCALATION_REASONS)).to_string() }));
            }
            let actions = 1 + self.rng.below(2) + level.max(0) as usize / 2;
            let mut t = verify_after + 3600;
            for _ in 0..actions {
                t += 3600 * (2 + self.rng.below(30) as i64);
                let (kind, actor, what, result) = *self.rng.pick(if level >= 3 { HIGH_ACTIONS } else { LOW_ACTIONS });
                let input = ActionInput { kind: kind.into(), at: instant(at + t - 1800), actor: actor.into(), description: what.into(), result: result.into() };
                then.push((t, Step::Action { key, input }));
            }
            if level >= 3 {
                t += DAY_SECONDS * (3 + self.rng.below(6) as i64);
                then.push((t, Step::Level { key, level: 1, reason: "Напряжённость снизилась, повторных столкновений нет".into() }));
            }
            t += DAY_SECONDS * (4 + self.rng.below(12) as i64);
            then.push((t, Step::Stage { key, stage: "settlement", reason: "Стороны примирились; работа медиаторов и советов продолжается".into() }));
            t += DAY_SECONDS * (10 + self.rng.below(30) as i64);
            then.push((t, Step::Stage { key, stage: "closed", reason: "Повторных обращений нет, урегулирование завершено".into() }));
            if level >= 3 {
                let note = "Принято, выезжаем".to_string();
                then.push((1800 + self.rng.below(4 * 3600) as i64, Step::AcknowledgeIncidentAlert { key, actor: "analyst", note, actions: vec!["Передано в региональную ассамблею и центр медиации".into()] }));
            }
        }
        if self.rng.unit() < 0.05 {
            // The same event reported twice, merged the next hours.
            let dup = self.key();
            let input = IncidentInput { title: format!("{title} (сообщение полиции)"), description: description.clone(), occurred_at: instant(at - 3600), region: Some(kato.into()), district: None, lat: Some(lat), lon: Some(lon), category: category.into(), source: "police".into(), groups: groups.clone() };
            let planned = Planned { key: dup, actor: "demo", new: NewIncident { input, level: initial.min(2), reporter: None, documents: vec![], is_demo: true }, then: vec![(3600 * 5, Step::Merge { key: dup, into: key, reason: "То же событие, зарегистрировано дважды".into() })] };
            then.push((1200, Step::Create(Box::new(planned))));
        }
        let input = IncidentInput {
            title: format!("{title}: {place}"),
            description,
            occurred_at: instant(at - 3600 * (1 + self.rng.below(20) as i64)),
            region: Some(kato.into()),
            district: None,
            lat: Some(lat),
            lon: Some(lon),
            category: category.into(),
            source: source.into(),
            groups,
        };
        let reporter = (source == "citizen").then(|| Reporter { name: "Житель (демо)".into(), contact: "+7 700 000 00 00".into() });
        Planned { key, actor: "demo", new: NewIncident { input, level: initial, reporter, documents: vec![], is_demo: true }, then }
    }

    /// The staged episode's incidents and their steps (see the module doc).
    fn plan_episode(&mut self, e: i64) -> usize {
        let main = self.key();
        let dup = self.key();
        self.episode_keys.extend([main, dup]);
        let at = |day: i64, h: i64, m: i64| epoch_of(e + day, h * 3600 + m * 60);
        let (lat, lon) = (43.262, 76.813);
        let groups = vec!["kazakh".to_string(), "uyghur".to_string()];
        let input = IncidentInput {
            title: "Спор соседей из-за земельного участка, Алатауский район".into(),
            description: "Совет аксакалов района сообщил о затянувшемся споре двух семей (казахской и уйгурской) о границе участка в микрорайоне. В соцсетях появились оскорбления и призывы «разобраться».".into(),
            occurred_at: instant(at(0, 7, 10)),
            region: Some(DEMO_REGION.into()),
            district: None,
            lat: Some(lat),
            lon: Some(lon),
            category: "land_water_dispute".into(),
            source: "council_report".into(),
            groups: groups.clone(),
        };
        let action = |kind: &str, when: i64, actor: &str, what: &str, result: &str| Step::Action {
            key: main,
            input: ActionInput { kind: kind.into(), at: instant(when), actor: actor.into(), description: what.into(), result: result.into() },
        };
        let start = at(0, 7, 40);
        let rel = |t: i64| t - start;
        let mut then = vec![
            (rel(at(0, 14, 0)), Step::Level { key: main, level: 2, reason: "Скоординированная кампания в соцсетях с призывами выгнать уйгуров; угрозы семье".into() }),
            (
                rel(at(0, 15, 30)),
                action("info_group", at(0, 15, 0), "Информационно-разъяснительная группа АНК г. Алматы", "Опровержение слухов о «захвате земель» в городских СМИ и телеграм-каналах", "Опровержение опубликовано на пяти порталах"),
            ),
            (rel(at(1, 19, 30)), Step::Level { key: main, level: 3, reason: "Массовая драка у спорного участка: 12 участников, двое пострадавших".into() }),
            (
                rel(at(1, 19, 48)),
                Step::AcknowledgeIncidentAlert {
                    key: main,
                    actor: "responder",
                    note: "Принято. Мобильная группа и медиатор выезжают".into(),
                    actions: vec!["Созвонились с акимом Алатауского района и участковым".into(), "Медиатор центра медиации на месте в 20:40".into()],
                },
            ),
            (
                rel(at(1, 21, 0)),
                Step::Create(Box::new(Planned {
                    key: dup,
                    actor: "almaty.secretariat",
                    new: NewIncident {
                        input: IncidentInput {
                            title: "Драка в микрорайоне Алатауского района (сообщение полиции)".into(),
                            description: "Полиция сообщила о драке группы жителей у частного участка.".into(),
                            occurred_at: instant(at(1, 19, 5)),
                            region: Some(DEMO_REGION.into()),
                            district: None,
                            lat: Some(lat + 0.002),
                            lon: Some(lon - 0.001),
                            category: "mass_brawl".into(),
                            source: "police".into(),
                            groups: groups.clone(),
                        },
                        level: 2,
                        reporter: None,
                        documents: vec![],
                        is_demo: true,
                    },
                    then: vec![(3600, Step::Merge { key: dup, into: main, reason: "Та же драка, что в инциденте по спору об участке".into() })],
                })),
            ),
            (rel(at(1, 20, 10)), Step::Verify { key: main, status: "verified", reason: "Подтверждено полицией Алатауского района".into() }),
            (
                rel(at(1, 21, 30)),
                action("law_enforcement", at(1, 19, 50), "Полиция Алатауского района", "Наряд на месте, двое зачинщиков задержаны", "Порядок восстановлен"),
            ),
            (
                rel(at(2, 12, 0)),
                action("mediation", at(2, 11, 0), "Центр медиации АНК г. Алматы", "Встреча сторон с медиатором", "Стороны согласились на переговоры"),
            ),
            (
                rel(at(2, 17, 0)),
                action("elders_council", at(2, 16, 0), "Совет аксакалов Алатауского района", "Встреча с главами обеих семей", "Договорились решить границу участка через акимат"),
            ),
            (
                rel(at(3, 18, 0)),
                action("mothers_council", at(3, 16, 30), "Совет матерей г. Алматы", "Встреча с молодёжью обеих общин микрорайона", "Молодёжь договорилась не выходить на «разборки»"),
            ),
            (
                rel(at(4, 15, 0)),
                action("akimat", at(4, 11, 0), "Акимат Алатауского района", "Комиссия по земельному участку, обмер границы", "Граница установлена, акт подписан обеими сторонами"),
            ),
            (rel(at(5, 10, 0)), Step::Level { key: main, level: 2, reason: "Столкновений и угроз больше нет, кампания в соцсетях затихла".into() }),
            (rel(at(10, 10, 0)), Step::Level { key: main, level: 1, reason: "Обстановка спокойная, стороны выполняют договорённость".into() }),
            (rel(at(12, 11, 0)), Step::Stage { key: main, stage: "settlement", reason: "Стороны примирились; план постконфликтного урегулирования: совместный той, работа медиаторов".into() }),
            (
                rel(at(14, 20, 0)),
                action("mediation", at(14, 17, 0), "Дом дружбы г. Алматы, центр медиации", "Совместный той двух общин", "Около 300 участников, стороны приглашены вместе"),
            ),
            (rel(at(30, 10, 0)), Step::Stage { key: main, stage: "closed", reason: "Две недели наблюдения: повторных инцидентов и угроз нет".into() }),
        ];
        then.sort_by_key(|(t, _)| *t);
        let planned = Planned {
            key: main,
            actor: "almaty.secretariat",
            new: NewIncident { input, level: 1, reporter: Some(Reporter { name: "Председатель совета аксакалов (демо)".into(), contact: "+7 700 000 00 01".into() }), documents: vec![], is_demo: true },
            then,
        };
        self.schedule(start, Step::Create(Box::new(planned)));
        main
    }

    /// The staged field of the episode's days: hostile posts about the group, the campaign.
    fn episode_field(&mut self, day: i64, e: i64) -> (Vec<(i64, Value)>, Vec<usize>) {
        let extra = match day - e {
            -2 => 10,
            -1 => 18,
            0 => 40,
            1 => 30,
            2 => 12,
            3 => 6,
            _ => 0,
        };
        let target = group_index("uyghur");
        let mut out = Vec::new();
        for _ in 0..extra {
            let second = 8 * 3600 + self.rng.below(14 * 3600) as i64;
            self.next_document += 1;
            out.push((second, self.field.document(self.next_document, &local_time(day, second as u32), Some(DEMO_REGION), Some(Tone::Hostile), Some(target))));
        }
        let mut campaign = Vec::new();
        if day == e {
            for i in 0..CAMPAIGN_ACCOUNTS {
                let second = 9 * 3600 + (i as i64) * 420 + self.rng.below(300) as i64;
                self.next_document += 1;
                campaign.push(out.len());
                out.push((
                    second,
                    json!({
                        "source": "telegram",
                        "external_id": format!("{}", self.next_document),
                        "url": format!("https://telegram.com/p/{}", self.next_document),
                        "author": format!("@patriot_kz_{:02}", i + 1),
                        "published_at": local_time(day, second as u32),
                        "text": CAMPAIGN_TEXT,
                    }),
                ));
            }
        }
        (out, campaign)
    }
}

/// The bot campaign's post (one text, many accounts).
pub const CAMPAIGN_TEXT: &str = "Уйгуры в Алматы захватывают наши земли и избивают наших людей, пора выгнать их всех! Завтра все к акимату!";
pub const CAMPAIGN_ACCOUNTS: usize = 24;

/// (category, title) of lower-level incidents.
const LOW_KINDS: &[(&str, &str)] = &[
    ("household_dispute", "Бытовой конфликт соседей"),
    ("household_dispute", "Ссора на свадьбе переросла в конфликт семей"),
    ("land_water_dispute", "Спор о поливной воде между сёлами"),
    ("land_water_dispute", "Спор о пастбище"),
    ("labour_conflict", "Конфликт работников подрядчика"),
    ("online_hate", "Оскорбительные публикации в адрес этноса"),
    ("online_hate", "Видео с оскорблениями в соцсетях"),
    ("other", "Жалоба жителей на высказывания в школе"),
];
/// (category, title) of level 3 and 4.
const HIGH_KINDS: &[(&str, &str)] = &[
    ("mass_brawl", "Массовая драка"),
    ("mass_brawl", "Драка молодёжи после спортивного матча"),
    ("vandalism", "Поджог кафе после конфликта"),
    ("protest", "Стихийный сход жителей с требованиями выселить семью"),
];
const ESCALATION_REASONS: &[&str] = &[
    "В соцсетях распространяются призывы «разобраться»",
    "Конфликт вышел за пределы семей, собрались жители",
    "Повторное столкновение, есть пострадавшие",
    "Угрозы в адрес семьи, подключились родственники",
];
/// (kind, actor, what, result) of response actions.
const LOW_ACTIONS: &[(&str, &str, &str, &str)] = &[
    ("mediation", "Центр медиации АНК", "Беседа медиатора со сторонами", "Стороны пришли к соглашению"),
    ("elders_council", "Совет аксакалов", "Встреча аксакалов с семьями", "Примирение сторон"),
    ("mothers_council", "Совет матерей", "Встреча с матерями участников", "Договорённость о совместной встрече"),
    ("info_group", "Информационно-разъяснительная группа", "Разъяснение в местных СМИ", "Опровержение опубликовано"),
    ("akimat", "Акимат района", "Рабочая группа с участием сторон", "Спорный вопрос передан в комиссию"),
];
const HIGH_ACTIONS: &[(&str, &str, &str, &str)] = &[
    ("law_enforcement", "Полиция района", "Наряд на месте, зачинщики задержаны", "Порядок восстановлен"),
    ("mediation", "Центр медиации АНК", "Переговоры сторон при медиаторе", "Стороны согласились на примирение"),
    ("elders_council", "Совет аксакалов", "Встреча аксакалов обеих общин", "Общины договорились о мире"),
    ("info_group", "Информационно-разъяснительная группа", "Брифинг в акимате, опровержение слухов", "Слухи опровергнуты"),
    ("akimat", "Аким района", "Встреча акима с жителями", "Жители разошлись, требования рассмотрены"),
];
/// Where background incidents happen (the region's centre in Russian).
const PLACE_NAMES: &[(&str, &str)] = &[
    ("100000000", "область Абай"),
    ("110000000", "Акмолинская область"),
    ("150000000", "Актюбинская область"),
    ("190000000", "Алматинская область"),
    ("230000000", "Атырауская область"),
    ("270000000", "Западно-Казахстанская область"),
    ("310000000", "Жамбылская область"),
    ("330000000", "область Жетісу"),
    ("350000000", "Карагандинская область"),
    ("390000000", "Костанайская область"),
    ("430000000", "Кызылординская область"),
    ("470000000", "Мангистауская область"),
    ("550000000", "Павлодарская область"),
    ("590000000", "Северо-Казахстанская область"),
    ("610000000", "Туркестанская область"),
    ("620000000", "область Ұлытау"),
    ("630000000", "Восточно-Казахстанская область"),
    ("710000000", "г. Астана"),
    ("750000000", "г. Алматы"),
    ("790000000", "г. Шымкент"),
];

fn source_word(source: &str) -> &'static str {
    match source {
        "police" => "полиция",
        "akimat" => "акимат",
        "media" => "СМИ",
        "social_media" => "социальные сети",
        "council_report" => "совет аксакалов",
        "citizen" => "обращение гражданина",
        _ => "мониторинг информационного поля",
    }
}

/// Loads the demo's year (see the module doc). The demo's accounts exist by
/// now, so that alerts have their recipients.
pub async fn load(store: &Store, total: usize) -> anyhow::Result<CentreSummary> {
    let real_now = OffsetDateTime::now_utc();
    let now = real_now.unix_timestamp();
    let today = local_day_of(now);
    let key = kelisim_store::monitoring::authors::installation_key(store).await?;
    let mut rng = Rng::new(0x6b65_6c69_6365_6e74);
    let regions = REGIONS
        .iter()
        .map(|r| {
            let base = 0.05 + 0.2 * rng.unit() + if matches!(r.kato, "190000000" | "310000000" | "610000000" | "750000000") { 0.08 } else { 0.0 };
            RegionState { kato: r.kato, weight: r.population as f64, base, tension: base }
        })
        .collect::<Vec<_>>();
    let population: f64 = regions.iter().map(|r| r.weight).sum();
    let regions = regions.into_iter().map(|r| RegionState { weight: r.weight / population, ..r }).collect();
    let mut w = World {
        rng,
        field: FieldGenerator::new(FieldSettings { seed: 0x6b65_6c69_7369_6d01, ..Default::default() }),
        regions,
        steps: BTreeMap::new(),
        seq: 0,
        next_key: 0,
        ids: BTreeMap::new(),
        next_document: 0,
        episode_keys: Vec::new(),
        now,
        summary: CentreSummary::default(),
    };
    let episode = today - EPISODE_DAYS_AGO;
    let per_day = total as f64 / DAYS as f64;
    let mut campaign_ids: Vec<i64> = Vec::new();
    let mut episode_key = None;
    let progress_every = (DAYS / 10).max(1);
    for day in today - DAYS..today {
        w.drift(day, today);
        w.plan_incidents(day);
        if day == episode {
            episode_key = Some(w.plan_episode(episode));
        }
        let mut docs = w.field_of_day(day, per_day);
        let (staged, campaign) = w.episode_field(day, episode);
        let first_staged = docs.len();
        docs.extend(staged);
        let campaign_positions: Vec<usize> = campaign.iter().map(|i| first_staged + i).collect();
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by_key(|i| docs[*i].0);
        for slice in 0..4 {
            let (from, to) = (slice * SLICE_SECONDS, (slice + 1) * SLICE_SECONDS);
            let in_slice: Vec<usize> = order.iter().copied().filter(|i| docs[*i].0 >= from && docs[*i].0 < to).collect();
            for chunk in in_slice.chunks(BATCH) {
                let values: Vec<Result<Value, String>> = chunk.iter().map(|i| Ok(docs[*i].1.clone())).collect();
                let (prepared, rejected) = kelisim_web::ingest::prepare(values, None, real_now, &key);
                anyhow::ensure!(rejected.is_empty(), "the demo generated a document the ingestion rejects: {:?}", rejected.first().map(|r| &r.problems));
                let outcome = documents::ingest(store, "demo", &prepared).await?;
                w.summary.documents += outcome.stored.len();
                for (pos, id) in &outcome.stored {
                    if campaign_positions.contains(&chunk[*pos]) {
                        campaign_ids.push(*id);
                    }
                }
            }
            let slice_end = epoch_of(day, to);
            if !campaign_ids.is_empty() {
                if let Some(k) = episode_key {
                    let docs = std::mem::take(&mut campaign_ids);
                    w.schedule(epoch_of(episode, 14 * 3600 + 5 * 60), Step::Link { key: k, documents: docs.into_iter().take(3).collect() });
                }
            }
            run_steps(store, &mut w, slice_end).await?;
            let out = signals::run(store, &instant(slice_end - 1), true).await?;
            w.summary.spikes += out.spikes_new;
            w.summary.campaigns += out.campaigns_new;
        }
        // Sunday night: the week is closed.
        if (day + 4).rem_euclid(7) == 0 {
            let monday = day_text(day - 6);
            risk::compute_week(store, &monday, &instant(epoch_of(day + 1, 0)), true).await?;
        }
        if (day - (today - DAYS)) % progress_every == progress_every - 1 {
            println!("  information field: {} of {} days, {} documents", day - (today - DAYS) + 1, DAYS, w.summary.documents);
        }
    }
    // Today so far, and the current week as of now.
    run_steps(store, &mut w, now).await?;
    let r = kelisim_web::centre::jobs::refresh(store, &instant(now), true).await?;
    w.summary.spikes += r.signals.spikes_new;
    w.summary.campaigns += r.signals.campaigns_new;
    acknowledge_old_alerts(store, now - OPEN_ALERT_DAYS * DAY_SECONDS).await?;
    w.summary.alerts = alerts::list(store, &AlertFilter::default(), 1, 1).await?.1 as usize;
    Ok(w.summary)
}

/// Does the incident work due before `until`, in time order; work planned after now is dropped (it has not happened yet).
async fn run_steps(store: &Store, w: &mut World, until: i64) -> anyhow::Result<()> {
    while let Some((&(at, seq), _)) = w.steps.iter().next() {
        if at >= until {
            break;
        }
        let step = w.steps.remove(&(at, seq)).expect("present");
        if at > w.now {
            continue;
        }
        let when = instant(at);
        let id = |w: &World, key: usize| w.ids.get(&key).copied();
        match step {
            Step::Create(planned) => {
                let applied = incidents::create(store, planned.actor, &planned.new, &when).await.with_context(|| format!("demo incident {}", planned.new.input.title))?;
                w.ids.insert(planned.key, applied.id);
                w.summary.incidents += 1;
                for (after, step) in planned.then {
                    w.schedule(at + after.max(1), step);
                }
            }
            Step::Verify { key, status, reason } => {
                if let Some(id) = id(w, key) {
                    incidents::change_verification(store, "demo", id, status, &reason, &when).await.context("demo verification")?;
                }
            }
            Step::Level { key, level, reason } => {
                if let Some(id) = id(w, key) {
                    let actor = if is_episode_actor(key, w) { "almaty.secretariat" } else { "demo" };
                    incidents::change_level(store, actor, id, level, &reason, &when).await.context("demo level change")?;
                }
            }
            Step::Action { key, input } => {
                if let Some(id) = id(w, key) {
                    let actor = if is_episode_actor(key, w) { "mediator" } else { "demo" };
                    incidents::add_action(store, actor, id, &input, &when).await.context("demo response action")?;
                }
            }
            Step::Stage { key, stage, reason } => {
                if let Some(id) = id(w, key) {
                    let actor = if is_episode_actor(key, w) { "almaty.secretariat" } else { "demo" };
                    // A stage the rules refuse (a settlement with no action yet) is skipped, as a user would be refused.
                    match incidents::change_stage(store, actor, id, stage, &reason, &when).await {
                        Ok(()) | Err(kelisim_store::StoreError::Invalid(_)) => {}
                        Err(e) => return Err(e).context("demo stage"),
                    }
                }
            }
            Step::Merge { key, into, reason } => {
                if let (Some(id), Some(into)) = (id(w, key), id(w, into)) {
                    incidents::merge(store, "almaty.secretariat", id, into, &reason, &when).await.context("demo merge")?;
                }
            }
            Step::Link { key, documents } => {
                if let Some(id) = id(w, key) {
                    for d in documents {
                        incidents::link_document(store, "almaty.secretariat", id, d, &when).await.context("demo link")?;
                    }
                }
            }
            Step::AcknowledgeIncidentAlert { key, actor, note, actions } => {
                if let Some(id) = id(w, key) {
                    if let Some(alert) = alerts::find(store, kelisim_core::monitoring::alert::AlertKind::Incident, &id.to_string()).await? {
                        if alert.acknowledged_at.is_none() {
                            alerts::acknowledge(store, actor, alert.id, &note, &when).await?;
                            for (i, text) in actions.iter().enumerate() {
                                alerts::add_action(store, actor, alert.id, text, &instant(at + 600 * (i as i64 + 1))).await?;
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// The staged episode's incidents are worked by the demo's Almaty accounts.
fn is_episode_actor(key: usize, w: &World) -> bool {
    w.episode_keys.contains(&key)
}

/// Alerts raised before `before` are acknowledged by a recipient of their region.
async fn acknowledge_old_alerts(store: &Store, before: i64) -> anyhow::Result<()> {
    let cutoff = instant(before);
    let mut page = 1;
    loop {
        let (items, _) = alerts::list(store, &AlertFilter::default(), page, 500).await?;
        if items.is_empty() {
            break;
        }
        for a in &items {
            if a.acknowledged_at.is_some() || a.raised_at.as_str() >= cutoff.as_str() {
                continue;
            }
            let actor = if a.region.as_deref() == Some(DEMO_REGION) { "responder" } else { "analyst" };
            let at = kelisim_core::monitoring::calendar::add_seconds(&a.raised_at, 3600 + (a.id % 7) * 1200);
            let note = match a.kind.as_str() {
                "spike" => "Просмотрели тексты, передано в информационно-разъяснительную группу",
                "campaign" => "Аккаунты переданы на проверку, готовим разъяснение",
                "risk" => "Принято к сведению, на контроле",
                _ => "Принято",
            };
            alerts::acknowledge(store, actor, a.id, note, &at).await?;
        }
        page += 1;
    }
    Ok(())
}
