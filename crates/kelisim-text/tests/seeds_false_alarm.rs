//! No false alarm on ordinary text about the subject (issue 3): no paragraph
//! of the seed documents in `../shared/seeds/` — official and press texts in
//! Russian and Kazakh that name many ethnic groups with respect — gets an
//! ethnic-hostility probability of 0.5 or more from the built-in model.
//! And most of their Kazakh paragraphs are not read as hostile at all
//! (`hostility`), which the model learnt from ordinary Kazakh writing of its
//! own: the Kazakh offensive-language set alone taught it that formal
//! Kazakh is hostile. The model never saw the seeds.
//! Reads the seeds where they are present (as in CI) and says it skipped
//! where they are not.

use std::path::PathBuf;

use kelisim_text::{Lang, Model};

/// The seed documents, in order; `None` where the folder is not present.
fn seed_files() -> Option<Vec<PathBuf>> {
    let dir = format!("{}/../../../shared/seeds", env!("CARGO_MANIFEST_DIR"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {dir} not present");
        return None;
    };
    let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    files.sort();
    assert!(!files.is_empty(), "the seeds folder holds the documents");
    Some(files)
}

#[test]
fn no_seed_paragraph_reads_as_ethnic_hostility() {
    let Some(files) = seed_files() else { return };
    let model = Model::builtin();
    let (mut paragraphs, mut with_groups) = (0, 0);
    let mut alarms = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for (n, paragraph) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let a = model.analyze(paragraph, None, &[]);
            paragraphs += 1;
            with_groups += usize::from(!a.groups.is_empty());
            if a.ethnic_hostility >= 0.5 {
                let head: String = paragraph.chars().take(90).collect();
                alarms.push(format!("{}:{}: {:.2} {head}", path.file_name().unwrap().to_string_lossy(), n + 1, a.ethnic_hostility));
            }
        }
    }
    eprintln!("{paragraphs} paragraphs read, {with_groups} naming ethnic groups");
    assert!(paragraphs > 500 && with_groups > 10, "the seeds were read");
    assert!(alarms.is_empty(), "false alarms on the seed documents:\n{}", alarms.join("\n"));
}

#[test]
fn most_kazakh_seed_paragraphs_are_not_read_as_hostile() {
    let Some(files) = seed_files() else { return };
    let model = Model::builtin();
    let (mut kazakh, mut hostile) = (0, 0);
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for paragraph in text.lines().filter(|l| !l.trim().is_empty()) {
            let a = model.analyze(paragraph, None, &[]);
            if a.lang == Lang::Kk {
                kazakh += 1;
                hostile += usize::from(a.hostility >= 0.5);
            }
        }
    }
    // 306 of 317 before the model learnt ordinary Kazakh writing; 64 after, 37 with twice
    // the lines (docs/text-engine.md, "More ordinary Kazakh").
    eprintln!("Kazakh paragraphs read as hostile: {hostile} of {kazakh}");
    assert!(kazakh > 300, "the Kazakh seed was read");
    assert!(hostile * 5 <= kazakh, "Kazakh seed paragraphs read as hostile: {hostile} of {kazakh} (at most 20 %)");
}
