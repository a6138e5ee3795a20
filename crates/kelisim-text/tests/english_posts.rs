//! Hostility aimed at an ethnic group in English posts (SPEC §3.4: the
//! information field's texts in Kazakh, Russian and English; issue 3: the
//! hostility and the attitude toward each group a text names).
//!
//! No English text was ever annotated for the model: an English text is read
//! through the English glossary of `bridge.rs`, word by word as a Russian
//! post (docs/text-engine.md, "English"). Two sets of short English posts
//! written by the developers, in `tests/data/`, labelled `ethnic` 1 (hostile
//! to a group: insult, dehumanisation, a call to expel or kill, crime pinned
//! on a people) or 0 (news, praise, history, talk *about* hostility):
//! - `english-posts.csv` (50 + 50), written beside the glossary: its words
//!   were chosen while reading these posts' scores;
//! - `english-posts-heldout.csv` (40 + 40), written after the glossary was
//!   settled and not used to change it: the figure to trust.
//!
//! Before the glossary the built-in model ranked them at ROC-AUC 0.65 and
//! 0.56 and flagged none of the hostile posts.
//!
//! Two more sets are slogans and headlines of two to six words with no
//! English function word ("Russians go home", "Jews mark Hanukkah"), which
//! language detection knows by the plural name of a group (`lang.rs`):
//! - `english-slogans.csv` (30 + 30), written beside that rule and the one
//!   that reads a text with no word of the glossary as it is
//!   (`features::reads_english`);
//! - `english-slogans-heldout.csv` (25 + 25), written after both.
//!
//! Before those rules they were `other`, ranked at ROC-AUC 0.61 and 0.51,
//! and one of the 55 hostile ones was flagged. A name whose plural is its
//! singular gives no evidence ("Kyrgyz", which Kazakh in Latin letters
//! writes too), but for those in -ese ("Chinese"): such a slogan stays
//! `other` and reads as before.

use kelisim_text::metrics::{average_precision, roc_auc};
use kelisim_text::{Lang, Model};

struct Figures {
    roc_auc: f64,
    average_precision: f64,
    hostile_flagged: usize,
    hostile: usize,
    ordinary_flagged: usize,
    ordinary: usize,
}

/// `ethnic_hostility` of the built-in model over one of the sets, flagged at
/// 0.5 as the monitoring centre flags; `all_english`: every text must be
/// detected as English.
fn figures(file: &str, all_english: bool) -> Figures {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let model = Model::builtin();
    let (mut scores, mut labels) = (Vec::new(), Vec::new());
    for (row, record) in reader.records().enumerate() {
        let record = record.unwrap_or_else(|e| panic!("{path}, row {}: {e}", row + 2));
        let (label, text) = (&record[0], &record[1]);
        let a = model.analyze(text, None, &[]);
        assert!(!all_english || a.lang == Lang::En, "{path}, row {}: {text} is {:?}", row + 2, a.lang);
        scores.push(f64::from(a.ethnic_hostility));
        labels.push(match label {
            "1" => true,
            "0" => false,
            other => panic!("{path}, row {}: ethnic is 0 or 1, not {other:?}", row + 2),
        });
    }
    let flagged = |want: bool| scores.iter().zip(&labels).filter(|(s, y)| **y == want && **s >= 0.5).count();
    let hostile = labels.iter().filter(|y| **y).count();
    let f = Figures {
        roc_auc: roc_auc(&scores, &labels).expect("both kinds"),
        average_precision: average_precision(&scores, &labels).expect("both kinds"),
        hostile_flagged: flagged(true),
        hostile,
        ordinary_flagged: flagged(false),
        ordinary: labels.len() - hostile,
    };
    eprintln!(
        "{file}: ROC-AUC {:.3}, AP {:.3}, hostile flagged {} of {}, ordinary flagged {} of {}",
        f.roc_auc, f.average_precision, f.hostile_flagged, f.hostile, f.ordinary_flagged, f.ordinary
    );
    f
}

/// The set's figures hold: ROC-AUC and average precision at least these, at
/// least `share` (a fraction: numerator, denominator) of the hostile texts
/// flagged, at most `ordinary` of the ordinary ones.
fn assert_holds(f: &Figures, roc_auc: f64, average_precision: f64, share: (usize, usize), ordinary: usize) {
    assert!(f.roc_auc >= roc_auc && f.average_precision >= average_precision, "ROC-AUC {:.3}, AP {:.3}", f.roc_auc, f.average_precision);
    assert!(f.hostile_flagged * share.1 >= f.hostile * share.0, "{} of {} hostile texts flagged", f.hostile_flagged, f.hostile);
    assert!(f.ordinary_flagged <= ordinary, "{} of {} ordinary texts flagged", f.ordinary_flagged, f.ordinary);
}

#[test]
fn english_posts_hostile_to_a_group_rank_above_ordinary_ones_and_few_ordinary_ones_are_flagged() {
    // Today: 0.982, AP 0.975, 42 of 50 flagged, 1 of 50 ordinary ("Saying
    // that all Chechens are bandits is stupid and wrong": talk about hate).
    assert_holds(&figures("english-posts.csv", true), 0.95, 0.95, (7, 10), 2);
}

#[test]
fn english_posts_written_after_the_glossary_are_ranked_as_well_and_no_ordinary_one_is_flagged() {
    // Today: 0.969, AP 0.971, 25 of 40 flagged, none of the 40 ordinary ones.
    assert_holds(&figures("english-posts-heldout.csv", true), 0.93, 0.0, (1, 2), 1);
}

#[test]
fn english_slogans_without_function_words_are_read_as_english() {
    // Today: 0.957, 22 of 30 flagged, none of the 30 ordinary ones (before
    // the plural names counted as English: 0.607, 1 of 30).
    assert_holds(&figures("english-slogans.csv", false), 0.9, 0.0, (1, 2), 1);
}

#[test]
fn english_slogans_written_after_the_rules_are_ranked_as_well_and_no_ordinary_one_is_flagged() {
    // Today: 0.931, 18 of 25 flagged, none of the 25 ordinary ones (before:
    // 0.510, none flagged).
    assert_holds(&figures("english-slogans-heldout.csv", false), 0.88, 0.0, (1, 2), 1);
}
