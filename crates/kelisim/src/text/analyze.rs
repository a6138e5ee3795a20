//! `kelisim text analyze`: JSON Lines in, JSON Lines out, in order.
//!
//! In: `{"id", "text", "lang"?, "targets"?}` per line. Out, per line:
//! `{"id", "lang", "hostility", "ethnic_hostility", "groups", "targets",
//! "regions", "signature"}`, or `{"id", "error"}` for a line that cannot be
//! analysed (the run goes on). Blank lines are skipped.

use std::io::{BufRead, Write};

use kelisim_text::{Analysis, Lang, Model};
use serde_json::{json, Value};

fn round(x: f32) -> f64 {
    (x as f64 * 10_000.0).round() / 10_000.0
}

pub fn to_json(id: &Value, text: &str, a: &Analysis) -> Value {
    let groups: Vec<Value> = a
        .groups
        .iter()
        .map(|g| {
            let mentions: Vec<Value> = g.mentions.iter().map(|m| json!({"start": m.start, "end": m.end, "form": &text[m.start..m.end]})).collect();
            json!({"group": g.group, "mentions": mentions, "attitude": g.attitude.code(), "negative": round(g.negative)})
        })
        .collect();
    let targets: Vec<Value> = a.targets.iter().map(|t| json!({"target": t.target, "group": t.group, "attitude": t.attitude.code(), "negative": round(t.negative)})).collect();
    json!({
        "id": id,
        "lang": a.lang.code(),
        "hostility": round(a.hostility),
        "ethnic_hostility": round(a.ethnic_hostility),
        "groups": groups,
        "targets": targets,
        "regions": a.regions,
        "signature": format!("{:016x}", a.signature),
    })
}

/// A parsed input line.
pub struct Input {
    pub id: Value,
    pub text: String,
    pub lang: Option<Lang>,
    pub targets: Vec<String>,
}

/// Reads one input line; the error names the field and keeps the id when it can.
pub fn parse_line(line: &str) -> Result<Input, (Value, String)> {
    let v: Value = serde_json::from_str(line).map_err(|e| (Value::Null, format!("not a JSON object: {e}")))?;
    let Value::Object(o) = v else { return Err((Value::Null, "not a JSON object".into())) };
    let id = o.get("id").cloned().unwrap_or(Value::Null);
    let fail = |m: &str| Err((id.clone(), m.to_string()));
    let text = match o.get("text") {
        Some(Value::String(t)) => t.clone(),
        Some(_) => return fail("`text` must be a string"),
        None => return fail("`text` is missing"),
    };
    let lang = match o.get("lang") {
        None | Some(Value::Null) => None,
        Some(Value::String(code)) => match Lang::from_code(code) {
            Some(l) => Some(l),
            None => return fail("`lang` must be one of kk, ru, en, mixed, other"),
        },
        Some(_) => return fail("`lang` must be a string"),
    };
    let targets = match o.get("targets") {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(items)) => {
            let mut out = vec![];
            for t in items {
                match t {
                    Value::String(s) => out.push(s.clone()),
                    _ => return fail("`targets` must be an array of strings"),
                }
            }
            out
        }
        Some(_) => return fail("`targets` must be an array of strings"),
    };
    Ok(Input { id, text, lang, targets })
}

pub fn run(model: &Model, input: impl BufRead, output: impl Write) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(output);
    for line in input.split(b'\n') {
        let line = line?;
        let line = String::from_utf8_lossy(&line);
        if line.trim().is_empty() {
            continue;
        }
        let answer = match parse_line(&line) {
            Ok(i) => {
                let targets: Vec<&str> = i.targets.iter().map(String::as_str).collect();
                to_json(&i.id, &i.text, &model.analyze(&i.text, i.lang, &targets))
            }
            Err((id, error)) => json!({"id": id, "error": error}),
        };
        serde_json::to_writer(&mut out, &answer)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str) -> Vec<Value> {
        let mut out = Vec::new();
        run(Model::builtin(), input.as_bytes(), &mut out).unwrap();
        String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    #[test]
    fn one_answer_per_line_in_order_and_errors_name_the_field() {
        let out = lines(concat!(
            r#"{"id": 1, "text": "Орыстар мен қазақтар бірге тойлады", "targets": ["орыс", "марсиане"]}"#, "\n",
            "not json\n",
            "\n",
            r#"{"id": "b", "text": 5}"#, "\n",
            r#"{"id": "c", "text": "x", "lang": "fr"}"#, "\n",
            r#"{"id": "d", "text": "в Астане", "lang": "ru"}"#, "\n",
        ));
        assert_eq!(out.len(), 5);
        assert_eq!(out[0]["id"], 1);
        assert_eq!(out[0]["lang"], "kk");
        assert_eq!(out[0]["groups"][0]["group"], "russian");
        assert_eq!(out[0]["groups"][0]["mentions"][0]["form"], "Орыстар");
        assert_eq!(out[0]["targets"][0]["group"], "russian");
        assert_eq!(out[0]["targets"][1]["group"], Value::Null);
        assert_eq!(out[0]["signature"].as_str().unwrap().len(), 16);
        assert_eq!(out[1]["id"], Value::Null);
        assert!(out[1]["error"].as_str().unwrap().contains("not a JSON object"));
        assert_eq!(out[2], json!({"id": "b", "error": "`text` must be a string"}));
        assert!(out[3]["error"].as_str().unwrap().contains("`lang`"));
        assert_eq!(out[4]["regions"], json!(["710000000"]));
    }
}
