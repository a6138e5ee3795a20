//! `kelisim text …` as a user runs it: analyse JSON Lines, train a model on
//! an annotated file, evaluate it, benchmark it (issue 3's contracts).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kelisim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kelisim");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn json_lines(o: &Output) -> Vec<Value> {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kelisim-text-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn analyze_answers_every_line_in_order_with_the_contract_fields() {
    let input = concat!(
        r#"{"id": "a", "text": "Эти <b>ЧУРКИ</b> понаехали, выгнать их всех из Алматы!", "targets": ["чурка", "казах"]}"#, "\n",
        r#"{"id": "b", "text": "Qazaqtar men orystar Astanada birge toi jasady"}"#, "\n",
        "{broken\n",
        r#"{"id": 4, "text": "Ұйғырлардың мерекесі Түркістан облысында өтті", "lang": "kk"}"#, "\n",
    );
    let out = json_lines(&run(&["text", "analyze"], input));
    assert_eq!(out.len(), 4, "one answer per line");
    let a = &out[0];
    for field in ["id", "lang", "hostility", "ethnic_hostility", "groups", "targets", "regions", "signature"] {
        assert!(a.get(field).is_some(), "field {field} in {a}");
    }
    assert_eq!(a["lang"], "ru");
    assert_eq!(a["groups"][0]["group"], "central_asian");
    assert_eq!(a["groups"][0]["mentions"][0]["form"], "ЧУРКИ", "the form is the original text at the offsets");
    assert_eq!(a["targets"][0]["group"], "central_asian");
    assert_eq!(a["targets"][1]["group"], "kazakh");
    assert_eq!(a["regions"], serde_json::json!(["750000000"]));
    assert_eq!(out[1]["lang"], "kk", "Kazakh in Latin letters is Kazakh");
    assert_eq!(out[1]["groups"].as_array().unwrap().len(), 2);
    assert_eq!(out[2]["id"], Value::Null);
    assert!(out[2]["error"].is_string());
    assert_eq!(out[3]["id"], 4);
    assert_eq!(out[3]["groups"][0]["group"], "uyghur");
    assert_eq!(out[3]["regions"], serde_json::json!(["610000000"]));
    let hostile = a["ethnic_hostility"].as_f64().unwrap();
    let friendly = out[1]["ethnic_hostility"].as_f64().unwrap();
    assert!(hostile > friendly, "a call to drive out a group reads as more hostile than a celebration ({hostile} vs {friendly})");
}

/// `labelled.csv` in `dir`: `copies` times a hostile, a friendly and a
/// neutral text about the Kazakhs, each annotated (`hostile`, `target`, `attitude`).
fn labelled_csv(dir: &Path, copies: usize) -> PathBuf {
    let csv = dir.join("labelled.csv");
    let mut rows = String::from("text,hostile,target,attitude\n");
    for i in 0..copies {
        rows.push_str(&format!("\"Эти казахи {i} понаехали, выгнать их вон\",1,казах,negative\n"));
        rows.push_str(&format!("\"Казахи {i} и русские вместе провели праздник дружбы\",0,казах,positive\n"));
        rows.push_str(&format!("\"Казахи {i} живут в Павлодаре\",0,казах,neutral\n"));
    }
    std::fs::write(&csv, rows).unwrap();
    csv
}

#[test]
fn train_then_eval_then_bench_on_an_annotated_file() {
    let dir = temp("train");
    let csv = labelled_csv(&dir, 30);
    let model = dir.join("model.kmodel");
    let o = run(&["text", "train", "--input", csv.to_str().unwrap(), "--format", "csv", "--out", model.to_str().unwrap()], "");
    let report = &json_lines(&o)[0];
    assert_eq!(report["learned_from"][0]["texts"], 90);
    assert_eq!(report["learned_from"][0]["attitude_instances"], 90);
    assert!(report["cross_validated"]["attitude"]["macro_f1"].as_f64().unwrap() > 0.9, "{report}");
    assert!(model.exists());

    let o = run(&["text", "eval", "--input", csv.to_str().unwrap(), "--format", "csv", "--model", model.to_str().unwrap()], "");
    let figures = &json_lines(&o)[0];
    for key in ["precision", "recall", "f1", "roc_auc", "average_precision"] {
        assert!(figures["hostility"][key].is_number(), "{key} in {figures}");
    }
    assert!(figures["attitude"]["macro_f1"].as_f64().unwrap() > 0.9);
    assert!(figures["attitude"]["negative"]["f1"].is_number());

    let out = run(&["text", "analyze", "--model", model.to_str().unwrap()], r#"{"id": 1, "text": "Эти казахи понаехали, выгнать их вон", "targets": ["казах"]}"#);
    assert_eq!(json_lines(&out)[0]["targets"][0]["attitude"], "negative", "the trained model is the one used");

    let jsonl = dir.join("bench.jsonl");
    std::fs::write(&jsonl, (0..50).map(|i| format!("{{\"id\": {i}, \"text\": \"Казахи и русские {i} в Астане\"}}\n")).collect::<String>()).unwrap();
    let o = run(&["text", "bench", "--input", jsonl.to_str().unwrap(), "--seconds", "0.2"], "");
    let b = &json_lines(&o)[0];
    for key in ["pipeline_mb_per_s", "pipeline_docs_per_s", "pipeline_first_pass_mb_per_s", "scan_mb_per_s", "ratio", "scan_dfa_mb_per_s", "ratio_dfa"] {
        assert!(b[key].as_f64().unwrap() > 0.0, "{key} in {b}");
    }
}

#[test]
fn the_training_seed_is_a_flag_whose_default_makes_the_same_model() {
    let dir = temp("seed");
    let csv = labelled_csv(&dir, 20);
    let train = |name: &str, seed: Option<&str>| {
        let out = dir.join(name);
        let mut args = vec!["text", "train", "--no-cross-validation", "--input", csv.to_str().unwrap(), "--format", "csv", "--out", out.to_str().unwrap()];
        if let Some(seed) = seed {
            args.extend(["--seed", seed]);
        }
        run(&args, "");
        std::fs::read(out).unwrap()
    };
    let default = train("default.kmodel", None);
    assert_eq!(default, train("seven.kmodel", Some("7")), "the default seed is 7, the default model's");
    assert_ne!(default, train("eight.kmodel", Some("8")), "another seed trains in another order");
}

#[test]
fn ordinary_writing_teaches_the_hostility_head_beside_a_labelled_file() {
    let dir = temp("ordinary");
    let csv = dir.join("labelled.csv");
    let mut rows = String::from("text,hostile\n");
    for i in 0..30 {
        rows.push_str(&format!("\"Эти {i} понаехали, выгнать их вон\",1\n\"Привет {i}, как дела\",0\n"));
    }
    std::fs::write(&csv, rows).unwrap();
    let ordinary = dir.join("ordinary.txt");
    let lines: String = (0..30).map(|i| format!("Акимат сообщил о ремонте дорог на улице номер {i}, движение ограничат\n")).collect();
    std::fs::write(&ordinary, format!("# ordinary notices\n{lines}")).unwrap();
    let (with, without) = (dir.join("with.kmodel"), dir.join("without.kmodel"));
    let o = run(&["text", "train", "--input", csv.to_str().unwrap(), "--format", "csv", "--input", ordinary.to_str().unwrap(), "--format", "ordinary", "--out", with.to_str().unwrap()], "");
    let report = &json_lines(&o)[0];
    assert_eq!(report["learned_from"][1]["texts"], 30, "{report}");
    assert_eq!(report["learned_from"][1]["hostility_labels"], 30, "taught beside the labelled file: {report}");
    assert_eq!(report["learned_from"][1]["cross_validated"]["hostility"]["total"], 30);
    assert!(report["learned_from"][1]["cross_validated"]["hostility"]["flagged"].is_number(), "{report}");
    run(&["text", "train", "--input", csv.to_str().unwrap(), "--format", "csv", "--out", without.to_str().unwrap()], "");
    let notice = r#"{"id": 1, "text": "Акимат сообщил о ремонте дорог в центре, движение ограничат"}"#;
    let score = |model: &PathBuf| json_lines(&run(&["text", "analyze", "--model", model.to_str().unwrap()], notice))[0]["hostility"].as_f64().unwrap();
    assert!(score(&with) < score(&without), "a notice reads as less hostile once ordinary notices were learnt: {} vs {}", score(&with), score(&without));
    // Alone, ordinary writing has nothing to weigh against and teaches nothing.
    let o = run(&["text", "train", "--no-cross-validation", "--input", ordinary.to_str().unwrap(), "--format", "ordinary", "--out", dir.join("alone.kmodel").to_str().unwrap()], "");
    assert_eq!(json_lines(&o)[0]["learned_from"][0]["hostility_labels"], 0);
}

#[test]
fn bad_training_data_is_named_by_line_and_no_model_is_written() {
    let dir = temp("bad");
    let csv = dir.join("bad.csv");
    std::fs::write(&csv, "text,hostile\nfine,1\nbroken,perhaps\n").unwrap();
    let model = dir.join("m.kmodel");
    let o = run(&["text", "train", "--input", csv.to_str().unwrap(), "--format", "csv", "--out", model.to_str().unwrap()], "");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("line 3") && err.contains("`hostile`"), "{err}");
    assert!(!model.exists());
    let o = run(&["text", "analyze", "--model", csv.to_str().unwrap()], "");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a Kelisim text model"));
}
