//! Training and evaluation on annotated texts.
//!
//! An [`Example`] is a text with whatever labels its source gives: whether it
//! is hostile, whether it is hostile to an ethnic group, the attitude toward
//! named groups. Each head learns from the examples that carry its label.
//!
//! [`train`] first measures itself: five folds split by [`Example::fold_key`]
//! (texts of one source item stay together), a model per fold, figures on
//! the held-out part through the same [`Model::analyze`] the product uses;
//! the held-out scores also fit the calibration of the binary heads. Then it
//! trains the final model on everything. The heads also learn from each
//! Kazakh example typed without Kazakh letters (`typed_plain_copies`), in
//! its fold; the figures are the originals'.

use crate::analyze::Analysis;
use crate::embeddings::Embeddings;
use crate::features::{model_reads, read_as, reads_english, target_features, text_features, tokens, with_word_vectors, Features};
use crate::lang::{detect, detect_words, Lang};
use crate::translit::without_kazakh_letters;
use crate::groups::{from_hits, resolve};
use crate::scan::scan;
use crate::linear::{Linear, TrainConfig};
use crate::metrics::{average_precision, class_figures, macro_f1, roc_auc, ClassFigures};
use crate::model::{fit_calibration, group_term, Attitude, Calibration, Model, ETHNIC, HOSTILITY};
use crate::normalize::normalize;
use crate::refine::{balanced_weights, fit_offsets, BoostConfig, Refiner, Row, FEATURES};

/// An annotated text.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub text: String,
    pub hostile: Option<bool>,
    pub ethnic: Option<bool>,
    /// Attitude toward groups named in any language or form.
    pub targets: Vec<(String, Attitude)>,
    /// Examples with the same key fall in the same fold.
    pub fold_key: u64,
    /// Which input it came from (figures are given per source too).
    pub source: usize,
    /// Ordinary writing given as a counterweight (`--format ordinary`): not
    /// hostile, and taught although its source gives that class only (see
    /// `two_sided_sources`).
    pub ordinary: bool,
}

pub const FOLDS: u64 = 5;

/// The fold of a key (a multiplicative hash, so consecutive ids spread).
pub fn fold_of(key: u64) -> u64 {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 59) % FOLDS
}

/// Figures of a binary head.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BinaryFigures {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub roc_auc: Option<f64>,
    pub average_precision: Option<f64>,
    pub positives: usize,
    /// How many scored 0.5 or more (on ordinary text: the false alarms).
    pub flagged: usize,
    pub total: usize,
}

/// Figures of the attitude head, per instance (text × group).
#[derive(Debug, Clone, PartialEq)]
pub struct AttitudeFigures {
    pub classes: [ClassFigures; 3],
    pub macro_f1: f64,
    /// Text level: a text is ethnically hostile when some instance is
    /// negative; scored by its highest probability of negative.
    pub text_negative_average_precision: Option<f64>,
    pub instances: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    pub hostility: Option<BinaryFigures>,
    pub ethnic_hostility: Option<BinaryFigures>,
    pub attitude: Option<AttitudeFigures>,
}

fn binary_figures(scores: &[f64], labels: &[bool]) -> Option<BinaryFigures> {
    if labels.is_empty() {
        return None;
    }
    let pred: Vec<usize> = scores.iter().map(|s| usize::from(*s >= 0.5)).collect();
    let gold: Vec<usize> = labels.iter().map(|l| usize::from(*l)).collect();
    let f = class_figures(&pred, &gold, 1);
    Some(BinaryFigures {
        precision: f.precision,
        recall: f.recall,
        f1: f.f1,
        roc_auc: roc_auc(scores, labels),
        average_precision: average_precision(scores, labels),
        positives: f.support,
        flagged: pred.iter().sum(),
        total: labels.len(),
    })
}

/// Figures of `model` on labelled examples, through [`Model::analyze`].
pub fn evaluate(model: &Model, examples: &[Example]) -> Figures {
    let mut pooled = Pooled::default();
    for e in examples {
        pooled.add(&model.analyze(&e.text, None, &e.targets.iter().map(|t| t.0.as_str()).collect::<Vec<_>>()), e);
    }
    pooled.figures()
}

/// An example turned into features once, for every fold.
struct Prepared {
    /// The text part as the model scores it.
    text: Features,
    /// The text part as the heads learn it (word vectors as dense inputs).
    text_dense: Features,
    /// Text part + target part, per target.
    targets: Vec<(Features, Attitude)>,
}

fn prepare(e: &Example, vectors: &Embeddings) -> Prepared {
    let norm = normalize(&e.text);
    let mut toks = tokens(&norm.text);
    // The mentions from the same tokens (what `groups::find` would tokenise again).
    let lang = detect_words(&norm.text, &toks);
    let mentions = from_hits(&norm, &scan(&norm.text, &toks), lang == crate::lang::Lang::Kk);
    read_as(&mut toks, lang);
    let english = reads_english(&toks);
    toks.retain(|t| model_reads(t, english));
    let text = text_features(&toks, &mentions);
    let text_dense = with_word_vectors(&text, vectors);
    let targets = e.targets.iter().map(|(name, y)| (Features::sum(&text_dense, &with_word_vectors(&target_features(&toks, &mentions, resolve(name)), vectors)), *y)).collect();
    Prepared { text_dense, text, targets }
}

/// Settings of training.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub optimiser: TrainConfig,
    /// The attitude trees (trained only with the cross-validation: they learn
    /// from held-out probabilities).
    pub boost: BoostConfig,
    /// Whether the cross-validation runs (the figures, and the calibration).
    pub cross_validate: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { optimiser: TrainConfig { epochs: 15, learning_rate: 0.05, l2: 1e-5, seed: 7 }, boost: BoostConfig::default(), cross_validate: true }
    }
}

/// Counts of what a model learned from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub texts: usize,
    pub hostility_labels: usize,
    pub ethnic_labels: usize,
    pub attitude_instances: usize,
}

/// What `examples` teach: the binary labels counted only where their source
/// teaches them (`two_sided_sources`: the others teach nothing).
pub fn counts(examples: &[Example]) -> Counts {
    counts_where(examples, &|_| true)
}

/// What the examples of one source teach, among all of them (ordinary
/// writing teaches only beside a source that gives both classes).
pub fn counts_of_source(examples: &[Example], source: usize) -> Counts {
    counts_where(examples, &|e| e.source == source)
}

fn counts_where(examples: &[Example], keep: &dyn Fn(&Example) -> bool) -> Counts {
    let taught = |label: &dyn Fn(&Example) -> Option<bool>| {
        let two_sided = two_sided_sources(examples, label);
        examples.iter().filter(|e| keep(e) && label(e).is_some() && two_sided[e.source]).count()
    };
    let kept = || examples.iter().filter(|e| keep(e));
    Counts {
        texts: kept().count(),
        hostility_labels: taught(&|e| e.hostile),
        ethnic_labels: taught(&|e| e.ethnic),
        attitude_instances: kept().map(|e| e.targets.len()).sum(),
    }
}

/// The sources a head learns a binary label from: those whose examples
/// carry both of its classes, and ordinary writing (`Example::ordinary`)
/// when some source does.
///
/// A source that gives one class only teaches a head nothing but "texts
/// like mine are never the other class": the Kazakh set's neutral texts are
/// not ethnic hostility, and with no Kazakh text that is, the ethnic head
/// learnt that Kazakh is never hostile to a group, and Kazakh hate at a group
/// stayed under every alarm ("Ұйғырлар бізге керек емес, оларды қуып шығу
/// керек": 0.02).
///
/// Ordinary writing is given to teach just that, where a labelled set's
/// not-hostile class is narrower than real text: the Kazakh set's is short
/// casual sentences, its hostile classes hold most of its news and formal
/// Kazakh, and a model trained on it alone read 306 of the seeds' 317 Kazakh
/// paragraphs as hostile (docs/text-engine.md, "Ordinary Kazakh").
fn two_sided_sources(examples: &[Example], label: &dyn Fn(&Example) -> Option<bool>) -> Vec<bool> {
    let sources = examples.iter().map(|e| e.source + 1).max().unwrap_or(0);
    let mut seen = vec![[false; 2]; sources];
    let mut ordinary = vec![true; sources];
    for e in examples {
        if let Some(y) = label(e) {
            seen[e.source][usize::from(y)] = true;
        }
        ordinary[e.source] &= e.ordinary;
    }
    let two_sided: Vec<bool> = seen.iter().map(|s| s[0] && s[1]).collect();
    let any = two_sided.contains(&true);
    two_sided.iter().zip(&ordinary).map(|(t, o)| *t || (any && *o)).collect()
}

/// The weight of each example the hostility head learns from (`chosen`:
/// index into `examples`, label): within each labelled source its two
/// classes weigh alike ([`balanced_weights`] of the source's labels);
/// ordinary writing weighs 1.
///
/// The sets' shares of hostile texts are their own, not the world's: the
/// Kazakh set's texts are 83 % offensive, RuEthnoHate's 29 %. Learnt as they
/// come, the Kazakh share leaked into every Kazakh word: 92 of the UI's 526
/// Kazakh strings read as hostile ("жарайсыңдар" 0.85, "қолдаймын" 0.70).
/// Weighed alike (2026-12-07, three training seeds, docs/text-engine.md,
/// "Each set's classes weighed alike"): the UI's Kazakh strings 88–92 → 46–47
/// hostile, its Russian ones 20–26 → 7–9, the seeds' Russian paragraphs
/// 7–10 → 3–4, and the Kazakh ROC-AUC 0.9825–0.9829 → 0.9837–0.9841; the
/// cost, ordinary Kazakh posts that name groups read more hostile (the
/// demo's 34–37 → 40–44 of 193), since RuEthnoHate's hostile texts, all
/// naming groups, weigh more. The ethnic head and the attitude are not
/// weighed so.
fn source_balanced_weights(examples: &[Example], chosen: &[(usize, bool)]) -> Vec<f32> {
    let sources = examples.iter().map(|e| e.source + 1).max().unwrap_or(0);
    let per_source: Vec<Option<[f32; 2]>> = (0..sources)
        .map(|source| {
            let labels: Vec<usize> = chosen.iter().filter(|(i, _)| examples[*i].source == source).map(|(_, y)| usize::from(*y)).collect();
            // Ordinary writing, and a source that gives one class here, as they are.
            let two_classes = labels.contains(&0) && labels.contains(&1);
            two_classes.then(|| balanced_weights(labels))
        })
        .collect();
    chosen.iter().map(|&(i, y)| if examples[i].ordinary { 1.0 } else { per_source[examples[i].source].map_or(1.0, |w| w[usize::from(y)]) }).collect()
}

fn train_heads(examples: &[Example], prepared: &[Prepared], keep: &dyn Fn(usize) -> bool, cfg: TrainConfig, description: String) -> Model {
    // The examples a binary head learns from (index, label).
    let chosen = |label: &dyn Fn(&Example) -> Option<bool>| -> Vec<(usize, bool)> {
        let two_sided = two_sided_sources(examples, label);
        (0..examples.len()).filter(|i| keep(*i) && two_sided[examples[*i].source]).filter_map(|i| label(&examples[i]).map(|y| (i, y))).collect()
    };
    let binary = |chosen: &[(usize, bool)], weights: &[f32]| {
        let data: Vec<(Features, usize, f32)> = chosen.iter().zip(weights).map(|(&(i, y), &w)| (prepared[i].text_dense.clone(), usize::from(y), w)).collect();
        Linear::train(2, &data, cfg)
    };
    let for_hostility = chosen(&|e| e.hostile);
    let hostility = binary(&for_hostility, &source_balanced_weights(examples, &for_hostility));
    let for_ethnic = chosen(&|e| e.ethnic);
    let ethnic = binary(&for_ethnic, &vec![1.0; for_ethnic.len()]);
    let mut data: Vec<(Features, usize, f32)> = (0..examples.len()).filter(|i| keep(*i)).flat_map(|i| prepared[i].targets.iter().map(|(f, y)| (f.clone(), y.index(), 1.0))).collect();
    let weight: [f32; 3] = balanced_weights(data.iter().map(|d| d.1));
    for d in data.iter_mut() {
        d.2 = weight[d.1];
    }
    let attitude = Linear::train(3, &data, cfg);
    Model::from_heads(description, &hostility, &ethnic, &attitude, Embeddings::builtin())
}

/// Held-out figures: over everything and per source.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossValidated {
    pub overall: Figures,
    pub per_source: Vec<Figures>,
}

/// A trained model and its cross-validated figures (when asked for).
pub struct Trained {
    pub model: Model,
    pub cross_validated: Option<CrossValidated>,
    pub counts: Counts,
}

/// Trains a model on `examples`; `description` names the data (the figures
/// are appended to it).
pub fn train(examples: &[Example], description: &str, settings: Settings) -> Trained {
    let vectors = Embeddings::builtin();
    // The heads learn from the examples and their copies typed without
    // Kazakh letters (after them, so that `prepared[i]` is `examples[i]`'s
    // for every original); the figures, the calibration and the trees come
    // from the originals alone.
    let all: Vec<Example> = examples.iter().cloned().chain(typed_plain_copies(examples)).collect();
    let prepared: Vec<Prepared> = all.iter().map(|e| prepare(e, vectors)).collect();
    let mut calibration = [Calibration::IDENTITY; 2];
    let mut cross_validated = None;
    let mut refiner = None;
    if settings.cross_validate {
        let mut fold_models = Vec::new();
        for k in 0..FOLDS {
            let keep = |i: usize| fold_of(all[i].fold_key) != k;
            fold_models.push(train_heads(&all, &prepared, &keep, settings.optimiser, String::new()));
        }
        // The attitude trees learn from the linear attitude on held-out texts;
        // each fold's model gets trees that never saw its texts.
        if let Some((per_fold, all)) = train_refiners(&attitude_rows(examples, &fold_models), settings.boost) {
            for (m, r) in fold_models.iter_mut().zip(per_fold) {
                m.set_refiner(Some(r));
            }
            refiner = Some(all);
        }
        // Held-out raw scores fit the calibration of the binary heads.
        let held_out: Vec<(f32, f32, f32)> = examples
            .iter()
            .zip(&prepared)
            .map(|(e, p)| {
                let m = &fold_models[fold_of(e.fold_key) as usize];
                let s = m.text_scores(&p.text);
                (s[HOSTILITY], s[ETHNIC], group_term(m.analyze(&e.text, None, &e.targets.iter().map(|t| t.0.as_str()).collect::<Vec<_>>()).strongest_negative))
            })
            .collect();
        let hostility: (Vec<[f32; 2]>, Vec<bool>) = examples.iter().zip(&held_out).filter_map(|(e, h)| e.hostile.map(|y| ([h.0, 0.0], y))).unzip();
        // Ethnic hostility is calibrated where its group term means something:
        // on texts annotated with the groups they are about, when there are any.
        let with_targets = examples.iter().any(|e| e.ethnic.is_some() && !e.targets.is_empty());
        let ethnic: (Vec<[f32; 2]>, Vec<bool>) =
            examples.iter().zip(&held_out).filter(|(e, _)| !with_targets || !e.targets.is_empty()).filter_map(|(e, h)| e.ethnic.map(|y| ([h.1, h.2], y))).unzip();
        if both_kinds(&hostility.1) {
            calibration[0] = fit_calibration(&hostility.0, &hostility.1);
        }
        if both_kinds(&ethnic.1) {
            calibration[1] = fit_ethnic_calibration(&ethnic.0, &ethnic.1);
        }
        // Held-out examples, each scored by the model that did not see it.
        let sources = examples.iter().map(|e| e.source + 1).max().unwrap_or(0);
        let mut pooled = Pooled::default();
        let mut per_source: Vec<Pooled> = (0..sources).map(|_| Pooled::default()).collect();
        for m in fold_models.iter_mut() {
            m.set_calibration(HOSTILITY, calibration[0]);
            m.set_calibration(ETHNIC, calibration[1]);
        }
        for e in examples {
            let a = fold_models[fold_of(e.fold_key) as usize].analyze(&e.text, None, &e.targets.iter().map(|t| t.0.as_str()).collect::<Vec<_>>());
            pooled.add(&a, e);
            per_source[e.source].add(&a, e);
        }
        cross_validated = Some(CrossValidated { overall: pooled.figures(), per_source: per_source.iter().map(Pooled::figures).collect() });
    }
    let c = counts(examples);
    let mut model = train_heads(&all, &prepared, &|_| true, settings.optimiser, description.to_string());
    model.set_calibration(HOSTILITY, calibration[0]);
    model.set_calibration(ETHNIC, calibration[1]);
    model.set_refiner(refiner);
    Trained { model, cross_validated, counts: c }
}

/// Each Kazakh example written with Kazakh's own letters, typed as on a
/// keyboard without them (`қ` as `к`, `і` as `и` …: how much of Kazakh
/// social media is written), with the same labels and fold. Without them
/// the model knew Kazakh words only as the Kazakh set spells them: typed
/// plain, its held-out texts separated at 0.957 ROC-AUC against 0.986 as
/// written (docs/text-engine.md).
fn typed_plain_copies(examples: &[Example]) -> Vec<Example> {
    examples
        .iter()
        .filter(|e| detect(&normalize(&e.text).text) == Lang::Kk)
        .filter_map(|e| {
            let text: String = e.text.chars().map(without_kazakh_letters).collect();
            (text != e.text).then(|| Example { text, ..e.clone() })
        })
        .collect()
}

/// A held-out attitude instance: its fold, the first stage's context, its class.
struct HeldOut {
    fold: u64,
    x: [f32; FEATURES],
    y: usize,
}

/// Every annotated target, in the context the model of its fold (which did
/// not see it) gives it.
fn attitude_rows(examples: &[Example], fold_models: &[Model]) -> Vec<HeldOut> {
    let mut rows = Vec::new();
    for e in examples.iter().filter(|e| !e.targets.is_empty()) {
        let fold = fold_of(e.fold_key);
        let names: Vec<&str> = e.targets.iter().map(|t| t.0.as_str()).collect();
        for (x, (_, y)) in fold_models[fold as usize].attitude_contexts(&e.text, &names).into_iter().zip(&e.targets) {
            rows.push(HeldOut { fold, x, y: y.index() });
        }
    }
    rows
}

/// The attitude trees of each fold (trained on the other folds' rows) and
/// the trees of the final model (all rows), with their decision offsets;
/// `None` when some class has too few rows to learn from. Each class weighs
/// the same in total, as in the linear head.
fn train_refiners(rows: &[HeldOut], cfg: BoostConfig) -> Option<(Vec<Refiner>, Refiner)> {
    const MIN_PER_CLASS: usize = 10;
    if (0..3).any(|c| rows.iter().filter(|r| r.y == c).count() < MIN_PER_CLASS) {
        return None;
    }
    let learn = |chosen: &[&HeldOut]| -> Refiner {
        let weight: [f32; 3] = balanced_weights(chosen.iter().map(|r| r.y));
        let train: Vec<Row> = chosen.iter().map(|r| Row { x: r.x, y: r.y, weight: weight[r.y] }).collect();
        Refiner::train(&train, cfg)
    };
    let mut held = vec![([0f32; 3], 0usize); rows.len()];
    let mut per_fold = Vec::new();
    for k in 0..FOLDS {
        let r = learn(&rows.iter().filter(|r| r.fold != k).collect::<Vec<_>>());
        for (i, row) in rows.iter().enumerate().filter(|(_, row)| row.fold == k) {
            held[i] = (r.probabilities(&row.x), row.y);
        }
        per_fold.push(r);
    }
    for (k, r) in per_fold.iter_mut().enumerate() {
        let others: Vec<([f32; 3], usize)> = rows.iter().zip(&held).filter(|(row, _)| row.fold != k as u64).map(|(_, h)| *h).collect();
        r.offsets = fit_offsets(&others);
    }
    let mut all = learn(&rows.iter().collect::<Vec<_>>());
    all.offsets = fit_offsets(&held);
    Some((per_fold, all))
}

fn both_kinds(labels: &[bool]) -> bool {
    labels.iter().any(|l| *l) && labels.iter().any(|l| !*l)
}

/// The calibration of ethnic hostility from (head score, group term) pairs:
/// the mix of the two that ranks held-out texts best (average precision, on
/// a small grid of ratios), then Platt scaling of that mix. Fitting both
/// weights by likelihood alone ranks worse: the head is confident on the
/// Kazakh set, the group term on texts about groups.
fn fit_ethnic_calibration(inputs: &[[f32; 2]], labels: &[bool]) -> Calibration {
    const RATIOS: [f32; 10] = [0.0, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0];
    let score = |r: f32| -> f64 {
        let mixed: Vec<f64> = inputs.iter().map(|x| (r * x[0] + x[1]) as f64).collect();
        average_precision(&mixed, labels).unwrap_or(0.0)
    };
    let head_only = average_precision(&inputs.iter().map(|x| x[0] as f64).collect::<Vec<_>>(), labels).unwrap_or(0.0);
    let (best, best_ap) = RATIOS.iter().map(|r| (*r, score(*r))).fold((0.0, f64::MIN), |b, c| if c.1 > b.1 { c } else { b });
    if head_only > best_ap {
        return fit_calibration(&inputs.iter().map(|x| [x[0], 0.0]).collect::<Vec<_>>(), labels);
    }
    let mixed: Vec<[f32; 2]> = inputs.iter().map(|x| [best * x[0] + x[1], 0.0]).collect();
    let c = fit_calibration(&mixed, labels);
    Calibration { score: c.score * best, group: c.score, intercept: c.intercept }
}

/// Predictions gathered example by example.
#[derive(Default)]
struct Pooled {
    h: (Vec<f64>, Vec<bool>),
    e: (Vec<f64>, Vec<bool>),
    pred: Vec<usize>,
    gold: Vec<usize>,
    t: (Vec<f64>, Vec<bool>),
}

impl Pooled {
    fn add(&mut self, a: &Analysis, e: &Example) {
        if let Some(h) = e.hostile {
            self.h.0.push(a.hostility as f64);
            self.h.1.push(h);
        }
        if let Some(h) = e.ethnic {
            self.e.0.push(a.ethnic_hostility as f64);
            self.e.1.push(h);
        }
        if !e.targets.is_empty() {
            for (t, (_, y)) in a.targets.iter().zip(&e.targets) {
                self.pred.push(t.attitude.index());
                self.gold.push(y.index());
            }
            self.t.0.push(a.targets.iter().map(|t| t.negative as f64).fold(0.0, f64::max));
            self.t.1.push(e.targets.iter().any(|t| t.1 == Attitude::Negative));
        }
    }

    fn figures(&self) -> Figures {
        Figures {
            hostility: binary_figures(&self.h.0, &self.h.1),
            ethnic_hostility: binary_figures(&self.e.0, &self.e.1),
            attitude: (!self.gold.is_empty()).then(|| AttitudeFigures {
                classes: [0, 1, 2].map(|c| class_figures(&self.pred, &self.gold, c)),
                macro_f1: macro_f1(&self.pred, &self.gold, 3),
                text_negative_average_precision: average_precision(&self.t.0, &self.t.1),
                instances: self.gold.len(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(source: usize, ethnic: Option<bool>) -> Example {
        Example { text: String::new(), hostile: Some(true), ethnic, targets: vec![], fold_key: 0, source, ordinary: false }
    }

    #[test]
    fn each_labelled_sources_two_classes_weigh_alike_in_the_hostility_head_and_ordinary_writing_weighs_one() {
        // Source 0 is 80 % hostile (as the Kazakh set is 83 %); source 1 ordinary writing.
        let labelled = |y: bool| Example { hostile: Some(y), ..example(0, None) };
        let mut examples: Vec<Example> = (0..8).map(|_| labelled(true)).chain((0..2).map(|_| labelled(false))).collect();
        examples.push(Example { hostile: Some(false), ethnic: None, ordinary: true, ..example(1, None) });
        let chosen: Vec<(usize, bool)> = examples.iter().enumerate().map(|(i, e)| (i, e.hostile.expect("labelled"))).collect();
        let w = source_balanced_weights(&examples, &chosen);
        assert_eq!((w[0], w[8], w[10]), (0.625, 2.5, 1.0));
        let class = |y: bool| chosen.iter().zip(&w).filter(|((i, l), _)| *l == y && !examples[*i].ordinary).map(|(_, w)| w).sum::<f32>();
        assert_eq!(class(true), class(false), "the two classes of a source weigh alike");
    }

    #[test]
    fn a_head_learns_a_label_only_from_sources_that_give_both_of_its_classes() {
        // Source 0 gives ethnic hostility both ways (RuEthnoHate); source 1
        // only "not ethnic" (the Kazakh set's neutral texts); source 2 none.
        let examples = [example(0, Some(true)), example(0, Some(false)), example(1, Some(false)), example(1, None), example(2, None)];
        assert_eq!(two_sided_sources(&examples, &|e| e.ethnic), vec![true, false, false]);
        assert_eq!(two_sided_sources(&examples, &|e| e.hostile), vec![false, false, false], "hostile only, everywhere");
        let c = counts(&examples);
        assert_eq!((c.texts, c.ethnic_labels, c.hostility_labels), (5, 2, 0), "what a head learns from is what is counted");
    }

    #[test]
    fn ordinary_writing_teaches_not_hostile_where_another_source_gives_both_classes() {
        let ordinary = |source: usize| Example { hostile: Some(false), ethnic: None, ordinary: true, ..example(source, None) };
        let labelled = |hostile: bool| Example { hostile: Some(hostile), ..example(0, None) };
        // Source 0 gives hostility both ways (the Kazakh set); source 1 is
        // ordinary writing, "not hostile" only; source 2 one-sided and not ordinary.
        let examples = [labelled(true), labelled(false), ordinary(1), ordinary(1), Example { hostile: Some(false), ..example(2, None) }];
        assert_eq!(two_sided_sources(&examples, &|e| e.hostile), vec![true, true, false]);
        assert_eq!(two_sided_sources(&examples, &|e| e.ethnic), vec![false, false, false], "ordinary writing says nothing of ethnic hostility");
        assert_eq!(counts(&examples).hostility_labels, 4);
        assert_eq!((counts_of_source(&examples, 1).texts, counts_of_source(&examples, 1).hostility_labels), (2, 2), "counted beside the other sources");
        // With nothing to weigh against, ordinary writing teaches nothing.
        assert_eq!(two_sided_sources(&[labelled(true), ordinary(1)], &|e| e.hostile), vec![false, false]);
    }

    #[test]
    fn kazakh_examples_are_also_learnt_typed_without_kazakh_letters() {
        let with = |text: &str, fold_key: u64| Example { text: text.to_string(), fold_key, ..example(1, Some(false)) };
        let examples = [
            with("Ұйғырлар бізге керек емес, оларды қуып шығу керек", 3),
            with("Казахи и русские вместе провели праздник", 4),
            with("біз бүгін жиналдық", 5),
            with("Бул да казакша жазылган", 6),
        ];
        let copies = typed_plain_copies(&examples);
        let texts: Vec<&str> = copies.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["Уйгырлар бизге керек емес, оларды куып шыгу керек", "биз бугин жиналдык"], "Kazakh with its own letters only");
        assert_eq!((copies[0].fold_key, copies[0].source, copies[0].hostile, copies[0].ethnic), (3, 1, Some(true), Some(false)), "the same labels, in the same fold");
    }
}
