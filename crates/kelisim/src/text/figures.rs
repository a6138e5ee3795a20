//! Figures as JSON (the `eval` output, the `train` report) and in words
//! (the model's description).

use std::path::{Path, PathBuf};

use kelisim_text::training::{AttitudeFigures, BinaryFigures, Counts, CrossValidated, Figures};
use kelisim_text::Attitude;
use serde_json::{json, Value};

use super::DataFormat;

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn binary(f: &BinaryFigures) -> Value {
    json!({
        "precision": round(f.precision), "recall": round(f.recall), "f1": round(f.f1),
        "roc_auc": f.roc_auc.map(round), "average_precision": f.average_precision.map(round),
        "positives": f.positives, "flagged": f.flagged, "total": f.total,
    })
}

fn attitude(f: &AttitudeFigures) -> Value {
    let mut v = json!({
        "macro_f1": round(f.macro_f1),
        "text_negative_average_precision": f.text_negative_average_precision.map(round),
        "instances": f.instances,
    });
    for (a, c) in Attitude::ALL.iter().zip(&f.classes) {
        v[a.code()] = json!({"precision": round(c.precision), "recall": round(c.recall), "f1": round(c.f1), "support": c.support});
    }
    v
}

pub fn to_json(f: &Figures) -> Value {
    json!({
        "hostility": f.hostility.as_ref().map(binary),
        "ethnic_hostility": f.ethnic_hostility.as_ref().map(binary),
        "attitude": f.attitude.as_ref().map(attitude),
    })
}

/// One line in words.
pub fn summary(f: &Figures) -> String {
    let mut parts = vec![];
    if let Some(a) = &f.attitude {
        parts.push(format!("attitude macro-F1 {:.3} on {} instances", a.macro_f1, a.instances));
    }
    if let Some(e) = &f.ethnic_hostility {
        parts.push(format!("ethnic hostility AP {:.3}", e.average_precision.unwrap_or(0.0)));
    }
    if let Some(h) = &f.hostility {
        parts.push(format!("hostility ROC-AUC {:.3}", h.roc_auc.unwrap_or(0.0)));
    }
    parts.join("; ")
}

pub fn train_report(sources: &[(PathBuf, DataFormat, Counts)], cv: Option<&CrossValidated>, out: &Path, bytes: usize) -> Value {
    let learned_from: Vec<Value> = sources
        .iter()
        .enumerate()
        .map(|(k, (path, format, c))| {
            json!({
                "file": path.display().to_string(), "format": format!("{format:?}").to_lowercase(),
                "texts": c.texts, "hostility_labels": c.hostility_labels, "ethnic_labels": c.ethnic_labels, "attitude_instances": c.attitude_instances,
                "cross_validated": cv.map(|cv| to_json(&cv.per_source[k])),
            })
        })
        .collect();
    json!({
        "learned_from": learned_from,
        "cross_validated": cv.map(|cv| to_json(&cv.overall)),
        "model": out.display().to_string(),
        "bytes": bytes,
    })
}
