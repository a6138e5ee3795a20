//! Annotated files the engine learns from and is measured on.
//!
//! - `ruethnohate`: JSON Lines, one line per (text, group) pair:
//!   `text_id`, `ethnic_group` (a name in any form), `text`, `class`
//!   (-1 negative, 0 neutral, 1 positive). Lines of one `text_id` make one
//!   text; the text is ethnically hostile (and hostile) when some pair is
//!   negative. Texts with no negative pair count as not hostile: the set is
//!   about hostility toward groups, so this is its nearest reading.
//! - `csv`: a header row and a text column `text` (or `message`), with any
//!   of these labels: `hostile` and `ethnic` (0/1, true/false, yes/no),
//!   `target` with `attitude` (negative/neutral/positive or -1/0/1), or
//!   `label_name` (`label` when it is not a number) as in the Kazakh
//!   offensive-language set: `neutral` is neither hostile nor ethnic
//!   hostility, any other label is hostile (whether at an ethnic group, the
//!   label does not reliably say). An optional `id`
//!   column keeps rows of one text in one fold.
//! - `ordinary`: plain text, one ordinary text a line (news, notices,
//!   everyday posts), none of them hostile; blank lines and lines starting
//!   with `#` are skipped. It teaches the hostility head "not hostile" beside
//!   a labelled set whose own not-hostile class is narrower than real text
//!   (`Example::ordinary`), and says nothing of ethnic hostility or attitude.
//!
//! A bad row stops the reading with its file, line and reason: nothing is
//! trained on half a file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use clap::ValueEnum;
use kelisim_text::training::{Counts, Example};
use kelisim_text::Attitude;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    Ruethnohate,
    Csv,
    Ordinary,
}

impl DataFormat {
    fn name(self) -> &'static str {
        match self {
            DataFormat::Ruethnohate => "ruethnohate",
            DataFormat::Csv => "csv",
            DataFormat::Ordinary => "ordinary",
        }
    }
}

pub fn read(path: &Path, format: DataFormat, source: usize) -> anyhow::Result<Vec<Example>> {
    let data = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let examples = match format {
        DataFormat::Ruethnohate => ruethnohate(&data, source),
        DataFormat::Csv => csv_rows(&data, source),
        DataFormat::Ordinary => Ok(ordinary_lines(&data, source)),
    }
    .with_context(|| format!("{} ({} format)", path.display(), format.name()))?;
    if examples.is_empty() {
        bail!("{}: no annotated texts", path.display());
    }
    Ok(examples)
}

fn ruethnohate(data: &str, source: usize) -> anyhow::Result<Vec<Example>> {
    let mut by_id: HashMap<u64, usize> = HashMap::new();
    let mut out: Vec<Example> = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("line {}", n + 1);
        let v: serde_json::Value = serde_json::from_str(line).with_context(|| format!("{}: not JSON", at()))?;
        let id = v["text_id"].as_u64().ok_or_else(|| anyhow!("{}: `text_id` must be a non-negative integer", at()))?;
        let group = v["ethnic_group"].as_str().ok_or_else(|| anyhow!("{}: `ethnic_group` must be a string", at()))?;
        let text = v["text"].as_str().ok_or_else(|| anyhow!("{}: `text` must be a string", at()))?;
        let class = v["class"].as_i64().and_then(|c| Attitude::parse(&c.to_string())).ok_or_else(|| anyhow!("{}: `class` must be -1, 0 or 1", at()))?;
        let k = *by_id.entry(id).or_insert_with(|| {
            out.push(Example { text: text.to_string(), hostile: Some(false), ethnic: Some(false), targets: vec![], fold_key: id, source, ordinary: false });
            out.len() - 1
        });
        let e = &mut out[k];
        if e.text != text {
            bail!("{}: text {id} appeared earlier with a different text", at());
        }
        e.targets.push((group.to_string(), class));
        if class == Attitude::Negative {
            e.hostile = Some(true);
            e.ethnic = Some(true);
        }
    }
    Ok(out)
}

fn flag(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

fn csv_rows(data: &str, source: usize) -> anyhow::Result<Vec<Example>> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(data.as_bytes());
    let headers: Vec<String> = reader.headers().context("cannot read the header row")?.iter().map(|h| h.trim().to_lowercase()).collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let text_col = col("text").or_else(|| col("message")).ok_or_else(|| anyhow!("the header has no `text` (or `message`) column"))?;
    let (hostile_col, ethnic_col, target_col, attitude_col, id_col) = (col("hostile"), col("ethnic"), col("target"), col("attitude"), col("id"));
    let label_col = col("label_name").or_else(|| col("label"));
    if hostile_col.is_none() && ethnic_col.is_none() && attitude_col.is_none() && label_col.is_none() {
        bail!("the header names no label column: give `hostile`, `ethnic`, `target` + `attitude` or `label_name`");
    }
    if target_col.is_some() != attitude_col.is_some() {
        bail!("`target` and `attitude` go together");
    }
    let mut out: Vec<Example> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (n, row) in reader.records().enumerate() {
        let line = n + 2;
        let row = row.with_context(|| format!("line {line}: not a valid CSV row"))?;
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).map(str::trim).filter(|v| !v.is_empty());
        let text = get(Some(text_col)).ok_or_else(|| anyhow!("line {line}: the text is empty"))?;
        let mut hostile = get(hostile_col).map(|v| flag(v).ok_or_else(|| anyhow!("line {line}: `hostile` must be 0/1, true/false or yes/no, not {v:?}"))).transpose()?;
        let mut ethnic = get(ethnic_col).map(|v| flag(v).ok_or_else(|| anyhow!("line {line}: `ethnic` must be 0/1, true/false or yes/no, not {v:?}"))).transpose()?;
        if let Some(label) = get(label_col) {
            if label.parse::<f64>().is_err() || label_col == col("label_name") {
                let label = label.to_lowercase();
                hostile = hostile.or(Some(label != "neutral"));
                // Neutral text is not ethnic hostility; which of the offensive
                // labels aim at an ethnic group the label does not say reliably
                // ("racism" in the Kazakh set is largely translated from English).
                ethnic = ethnic.or((label == "neutral").then_some(false));
            }
        }
        let target = match (get(target_col), get(attitude_col)) {
            (Some(t), Some(a)) => Some((t.to_string(), Attitude::parse(a).ok_or_else(|| anyhow!("line {line}: `attitude` must be negative, neutral or positive (or -1, 0, 1), not {a:?}"))?)),
            (None, None) => None,
            _ => bail!("line {line}: `target` and `attitude` go together"),
        };
        if hostile.is_none() && ethnic.is_none() && target.is_none() {
            bail!("line {line}: the row carries no label");
        }
        let key = get(id_col).map(str::to_string).unwrap_or_else(|| format!("#{line}"));
        let fold_key = kelisim_text::hash::fnv1a(key.as_bytes());
        match by_id.get(&key) {
            Some(&k) => {
                let e = &mut out[k];
                if e.text != text {
                    bail!("line {line}: id {key} appeared earlier with a different text");
                }
                e.hostile = e.hostile.or(hostile);
                e.ethnic = e.ethnic.or(ethnic);
                e.targets.extend(target);
            }
            None => {
                by_id.insert(key, out.len());
                out.push(Example { text: text.to_string(), hostile, ethnic, targets: target.into_iter().collect(), fold_key, source, ordinary: false });
            }
        }
    }
    Ok(out)
}

/// Each line a text that is not hostile; a line's fold follows its text.
fn ordinary_lines(data: &str, source: usize) -> Vec<Example> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|text| Example { text: text.to_string(), hostile: Some(false), ethnic: None, targets: vec![], fold_key: kelisim_text::hash::fnv1a(text.as_bytes()), source, ordinary: true })
        .collect()
}

/// The description a model carries: what it learned from.
pub fn describe(sources: &[(PathBuf, DataFormat, Counts)]) -> String {
    let mut out = String::from("Kelisim text model. Trained on:");
    for (path, format, c) in sources {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let set = match format {
            DataFormat::Ruethnohate => "RuEthnoHate format",
            DataFormat::Csv => "CSV",
            DataFormat::Ordinary => "ordinary text, not hostile",
        };
        out.push_str(&format!(
            "\n- {name} ({set}): {} texts, {} hostility labels, {} ethnic-hostility labels, {} attitude instances",
            c.texts, c.hostility_labels, c.ethnic_labels, c.attitude_instances
        ));
    }
    out.push_str("\n- word vectors: navec news embeddings (Russian, 100,000 words; MIT)");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruethnohate_lines_of_one_text_make_one_example() {
        let data = r#"{"text_id": 7, "ethnic_group": "казах", "instance_id": "7_казах", "text": "t", "class": -1}
{"text_id": 7, "ethnic_group": "русский", "instance_id": "7_русский", "text": "t", "class": 1}
{"text_id": 8, "ethnic_group": "узбек", "instance_id": "8_узбек", "text": "u", "class": 0}"#;
        let e = ruethnohate(data, 0).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].targets, vec![("казах".to_string(), Attitude::Negative), ("русский".to_string(), Attitude::Positive)]);
        assert_eq!((e[0].ethnic, e[1].ethnic), (Some(true), Some(false)));
        let err = ruethnohate(r#"{"text_id": 1, "ethnic_group": "x", "text": "t", "class": 5}"#, 0).unwrap_err();
        assert!(err.to_string().contains("line 1: `class` must be -1, 0 or 1"), "{err}");
    }

    #[test]
    fn csv_reads_kazakh_set_labels_and_names_bad_rows() {
        let e = csv_rows("label,label_name,message\n0,neutral,сәлем\n2,racism,x\n3,bullying,y\n", 0).unwrap();
        assert_eq!(e.iter().map(|e| (e.hostile, e.ethnic)).collect::<Vec<_>>(), vec![(Some(false), Some(false)), (Some(true), None), (Some(true), None)]);
        let e = csv_rows("id,text,target,attitude\n1,a,казах,negative\n1,a,орыс,1\n", 0).unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].targets.len(), 2);
        let err = csv_rows("text,hostile\nok,1\nbad,maybe\n", 0).unwrap_err();
        assert!(err.to_string().contains("line 3: `hostile` must be"), "{err}");
        assert!(csv_rows("body,hostile\nx,1\n", 0).unwrap_err().to_string().contains("no `text`"));
    }

    #[test]
    fn ordinary_lines_are_texts_that_are_not_hostile() {
        let e = ordinary_lines("# a comment\n\nБүгін жиын өтті.\n  Концерт болды.  \n", 3);
        assert_eq!(e.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(), ["Бүгін жиын өтті.", "Концерт болды."]);
        assert!(e.iter().all(|e| e.hostile == Some(false) && e.ethnic.is_none() && e.targets.is_empty() && e.ordinary && e.source == 3));
    }
}
