//! The action plans that ship as reference data (issue 5 §6; SPEC §3.3):
//! - the action plan of the Concept 2022-2026 (seed 001, «Қосымша … іс-қимыл
//!   жоспары»): its directions and its 17 items with their sub-items, each with
//!   the completion form («Аяқталу нысаны»), the term («Аяқталу мерзімі») and
//!   the responsible executors («Жауапты орындаушылар») as printed, in Kazakh;
//! - the six main directions of the Concept to 2030 (seed 000, section 5,
//!   «Основные направления деятельности Ассамблеи») with their tasks, in
//!   Russian. The Concept to 2030 has no plan of items yet: its decree gives
//!   the Government three months to adopt one (seed 000, p.2), which users
//!   then enter.
//!
//! The appendix of seed 001 is a table whose rows the text export broke: some
//! items run over several lines, and cells merged down the table (the executors
//! of a group, a group's term) are printed once, at the group's head. The data
//! files in `data/` are that table made regular by hand, every title as
//! printed (a test reads the seed and finds each one); two reading rules
//! finish it, one function each: a sub-item with no executors of its own has
//! its group's (`executors_of`), and a sub-item whose term says nothing of when
//! falls due with its group (`term_of`).
//!
//! Executors: names marked «(келісу бойынша)» ("by agreement") are the
//! co-executors; the rest are responsible (`split_executors`).

use crate::plan::periodicity::{self, Periodicity};

const PLAN_2022_2026: &str = include_str!("data/plan_2022_2026.tsv");
const DIRECTIONS_2030: &str = include_str!("data/concept_2030_directions.tsv");

/// The code of the plan of the Concept 2022-2026.
pub const PLAN_2022_2026_CODE: &str = "concept-2022-2026";
/// The code of the Concept to 2030's directions.
pub const CONCEPT_2030_CODE: &str = "concept-2030";

/// A direction of a plan or a Concept.
#[derive(Debug, Clone, PartialEq)]
pub struct Direction {
    /// As printed: "1", "1.2", "2"...
    pub code: String,
    pub title: String,
    pub tasks: Vec<String>,
}

/// An item (or sub-item: `4.1`) of an action plan, as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub code: String,
    pub direction: String,
    pub title: String,
    pub form: String,
    /// The term as printed; `term_of` reads it.
    pub term: String,
    /// The executors as printed (empty: the group's).
    pub executors: String,
}

impl Item {
    /// The group a sub-item belongs to (`4` for `4.1`).
    pub fn parent_code(&self) -> Option<&str> {
        self.code.split_once('.').map(|(p, _)| p)
    }
}

/// A reference plan: its code, title, years, directions and items.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferencePlan {
    pub code: &'static str,
    pub title_kk: &'static str,
    pub title_ru: &'static str,
    pub title_en: &'static str,
    pub from_year: i32,
    pub to_year: i32,
    pub directions: Vec<Direction>,
    pub items: Vec<Item>,
}

/// The action plan of the Concept 2022-2026 (seed 001, appendix).
pub fn plan_2022_2026() -> ReferencePlan {
    let mut directions = Vec::new();
    let mut items = Vec::new();
    for line in PLAN_2022_2026.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let cell = |i: usize| cells.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
        match cells[0] {
            "direction" => directions.push(Direction { code: cell(1), title: cell(3), tasks: Vec::new() }),
            _ => items.push(Item { direction: cell(1), code: cell(2), title: cell(3), form: cell(4), term: cell(5), executors: cell(6) }),
        }
    }
    ReferencePlan {
        code: PLAN_2022_2026_CODE,
        title_kk: "Қазақстан халқы Ассамблеясының 2022-2026 жылдарға арналған даму тұжырымдамасын іске асыру жөніндегі іс-қимыл жоспары",
        title_ru: "План действий по реализации Концепции развития Ассамблеи народа Казахстана на 2022-2026 годы",
        title_en: "Action plan for the Concept of Development of the Assembly of People of Kazakhstan 2022-2026",
        from_year: 2022,
        to_year: 2026,
        directions,
        items,
    }
}

/// The main directions of the Concept to 2030 (seed 000, section 5), no items.
pub fn concept_2030() -> ReferencePlan {
    let mut directions: Vec<Direction> = Vec::new();
    for line in DIRECTIONS_2030.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (code, title, task) = (cells[0].trim(), cells.get(1).map(|s| s.trim()).unwrap_or(""), cells.get(2).map(|s| s.trim()).unwrap_or(""));
        if !title.is_empty() {
            directions.push(Direction { code: code.to_string(), title: title.to_string(), tasks: Vec::new() });
        } else if let Some(d) = directions.last_mut() {
            d.tasks.push(task.to_string());
        }
    }
    ReferencePlan {
        code: CONCEPT_2030_CODE,
        title_kk: "Қазақстан халқы Ассамблеясының 2030 жылға дейінгі «Әралуандықтағы бірлік» даму тұжырымдамасы: негізгі бағыттар",
        title_ru: "Концепция развития Ассамблеи народа Казахстана до 2030 года \"Единство в многообразии\": основные направления",
        title_en: "Concept of Development of the Assembly of People of Kazakhstan to 2030 \"Unity in Diversity\": main directions",
        from_year: 2026,
        to_year: 2030,
        directions,
        items: Vec::new(),
    }
}

/// Splits the executors into the responsible ones and the co-executors «by
/// agreement» («(келісу бойынша)», «(по согласованию)»).
pub fn split_executors(printed: &str) -> (String, Vec<String>) {
    const MARKS: [&str; 2] = ["(келісу бойынша)", "(по согласованию)"];
    let mut responsible = Vec::new();
    let mut by_agreement = Vec::new();
    for part in printed.split(", ") {
        let part = part.trim();
        match MARKS.iter().find(|m| part.ends_with(*m)) {
            Some(m) => by_agreement.push(part[..part.len() - m.len()].trim().to_string()),
            None if !part.is_empty() => responsible.push(part),
            None => {}
        }
    }
    (responsible.join(", "), by_agreement)
}

fn group<'a>(items: &'a [Item], item: &Item) -> Option<&'a Item> {
    item.parent_code().and_then(|p| items.iter().find(|i| i.code == p))
}

/// The executors of an item: its own, or, printed once for the group, its group's.
pub fn executors_of<'a>(items: &'a [Item], item: &'a Item) -> &'a str {
    if item.executors.is_empty() {
        group(items, item).map(|g| g.executors.as_str()).unwrap_or("")
    } else {
        &item.executors
    }
}

/// When an item falls due: its own term if it says when; else its group's
/// (a sub-item printed with only a count, «кемінде 10 тікелей эфир», falls due
/// with its group); `None` for a group heading whose sub-items carry the terms.
pub fn term_of(items: &[Item], item: &Item) -> Option<Periodicity> {
    schedule_term_of(items, item).and_then(|t| periodicity::parse(t).ok())
}

/// The wording `term_of` reads: the item's own term or its group's.
pub fn schedule_term_of<'a>(items: &'a [Item], item: &'a Item) -> Option<&'a str> {
    let says_when = |t: &str| periodicity::parse(t).is_ok();
    if says_when(&item.term) {
        Some(&item.term)
    } else {
        group(items, item).map(|g| g.term.as_str()).filter(|t| says_when(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(prefix: &str) -> Option<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
        let entry = std::fs::read_dir(&dir).ok()?.flatten().find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
        std::fs::read_to_string(entry.path()).ok()
    }

    fn squeeze(s: &str) -> String {
        s.replace("<p>", "").replace("</p>", "").chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// Items whose title the seed prints over several lines of the table.
    const PRINTED_ACROSS_LINES: [&str; 9] = ["4.1", "4.7", "7.3", "9", "11", "13", "15.5", "16.5", "17.1"];

    #[test]
    fn seed_001_appendix_every_item_of_the_action_plan_as_printed() {
        let Some(text) = seed("001_") else {
            eprintln!("seed 001 absent (../shared/seeds): skipped");
            return;
        };
        let appendix = &text[text.find("Р/с №").expect("the appendix table")..];
        let whole = squeeze(appendix);
        let plan = plan_2022_2026();
        for d in &plan.directions {
            assert!(appendix.contains(&format!("{}-бағыт. {}", d.code, d.title)), "direction {} {}", d.code, d.title);
        }
        for item in &plan.items {
            if PRINTED_ACROSS_LINES.contains(&item.code.as_str()) {
                // Word by word; a word the table broke over two lines is found in its two parts.
                for word in item.title.split_whitespace() {
                    let chars: Vec<char> = word.chars().collect();
                    let split = (1..chars.len()).any(|i| whole.contains(&chars[..i].iter().collect::<String>()) && whole.contains(&chars[i..].iter().collect::<String>()));
                    assert!(whole.contains(&squeeze(word)) || split, "item {}: {word:?} not in the seed", item.code);
                }
            } else {
                assert!(whole.contains(&squeeze(&item.title)), "item {}: {:?} not in the seed", item.code, item.title);
            }
            if !item.term.is_empty() {
                assert!(whole.contains(&squeeze(&item.term)), "item {}: term {:?}", item.code, item.term);
            }
            if !item.executors.is_empty() && !PRINTED_ACROSS_LINES.contains(&item.code.as_str()) {
                assert!(whole.contains(&squeeze(&item.executors)), "item {}: executors {:?}", item.code, item.executors);
            }
        }
    }

    #[test]
    fn the_plan_has_its_17_items_in_four_directions_and_every_one_falls_due() {
        let plan = plan_2022_2026();
        let codes: Vec<&str> = plan.directions.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["1", "1.2", "2", "3"]);
        let tops: Vec<String> = plan.items.iter().filter(|i| i.parent_code().is_none()).map(|i| i.code.clone()).collect();
        assert_eq!(tops, (1..=17).map(|n| n.to_string()).collect::<Vec<_>>());
        assert_eq!(plan.items.len(), 70, "17 items and 53 sub-items");
        for item in &plan.items {
            let has_subitems = plan.items.iter().any(|i| i.parent_code() == Some(item.code.as_str()));
            assert!(term_of(&plan.items, item).is_some() || has_subitems, "item {} never falls due", item.code);
            // The seed prints no executor for these (nor for their group).
            let unassigned = ["10", "10.2", "10.3", "15", "15.1", "15.3", "15.4", "15.5", "17", "17.2", "17.3"];
            assert_eq!(executors_of(&plan.items, item).is_empty(), unassigned.contains(&item.code.as_str()), "item {}", item.code);
            assert!(plan.directions.iter().any(|d| d.code == item.direction), "item {}", item.code);
        }
        // A group's executors serve its sub-items printed without any.
        let sub = plan.items.iter().find(|i| i.code == "1.1").unwrap();
        assert!(executors_of(&plan.items, sub).starts_with("АҚДМ, СІМ"));
        // A sub-item printed with only a count falls due with its group.
        let live = plan.items.iter().find(|i| i.code == "16.5").unwrap();
        assert_eq!(term_of(&plan.items, live), periodicity::parse("жыл сайын").ok());
    }

    #[test]
    fn executors_by_agreement_are_the_co_executors() {
        let (responsible, co) = split_executors("АҚЦМ, ҚЭЗИ, ҒЖБМ, ҚХА ҒСК (келісу бойынша)");
        assert_eq!(responsible, "АҚЦМ, ҚЭЗИ, ҒЖБМ");
        assert_eq!(co, vec!["ҚХА ҒСК"]);
        let plan = plan_2022_2026();
        let item4 = plan.items.iter().find(|i| i.code == "4").unwrap();
        let (responsible, co) = split_executors(&item4.executors);
        assert!(responsible.contains("Астана, Алматы, Шымкент қалаларының және облыстардың әкімдіктері"), "{responsible}");
        assert_eq!(co, vec!["ҚЭЗИ", "ҚХА ҒСК", "\"Ассамблея жастары\" РҚБ"]);
    }

    #[test]
    fn seed_000_section_5_the_six_directions_of_the_concept_to_2030() {
        let c = concept_2030();
        assert_eq!(c.directions.len(), 6);
        assert_eq!(c.directions[0].title, "Совершенствование организационной и институциональной модели Ассамблеи");
        assert_eq!(c.directions[5].title, "Совершенствование международного сотрудничества");
        assert!(c.directions.iter().all(|d| !d.tasks.is_empty()));
        let Some(text) = seed("000_") else {
            eprintln!("seed 000 absent (../shared/seeds): skipped");
            return;
        };
        for d in &c.directions {
            assert!(text.contains(&format!("{}. {}:", d.code, d.title)), "direction {}", d.code);
            for task in &d.tasks {
                assert!(text.contains(task.as_str()), "direction {}: task {task:?}", d.code);
            }
        }
    }
}
