//! The plan execution report (issue 5 §6; SPEC §3.6 "action-plan execution
//! report"): every item of a plan with its completion form, executors and
//! each due date of the year with where it stands, and the totals — as XLSX
//! (one row per item, for the Secretariat's own tables) and as PDF.

use kelisim_store::plans::Execution;

use super::pdf::{Block, Printed};
use super::{t, ta};
use crate::i18n::Lang;

fn plan_title(lang: Lang, e: &Execution) -> String {
    e.plan.title.shown(lang.code()).to_string()
}

fn region_name(lang: Lang, region: Option<&str>) -> String {
    match region {
        Some(kato) => crate::centre::messages::region_name(lang, kato),
        None => t(lang, "plan-republic"),
    }
}

/// "2026-05-01 — reported (1)" for each due date, one per line.
fn due_cell(lang: Lang, row: &kelisim_store::plans::ExecutionRow) -> String {
    row.due
        .iter()
        .map(|d| {
            let state = t(lang, &format!("plan-state-{}", d.state));
            if d.reports > 0 {
                format!("{} — {} ({})", d.due_on, state, d.reports)
            } else {
                format!("{} — {}", d.due_on, state)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// "reported N · due N · overdue N".
pub fn counts(lang: Lang, e: &Execution) -> String {
    ta(lang, "plan-counts", &[("reported", e.reported.to_string()), ("due", e.due.to_string()), ("overdue", e.overdue.to_string())])
}

fn totals(lang: Lang, e: &Execution) -> String {
    let counts = counts(lang, e);
    match e.executed_percent {
        Some(p) => format!("{counts} · {}", ta(lang, "plan-executed", &[("percent", format!("{p:.1}"))])),
        None => counts,
    }
}

fn header(lang: Lang) -> Vec<String> {
    vec![t(lang, "plan-item"), t(lang, "plan-item-title"), t(lang, "plan-form"), t(lang, "plan-term"), t(lang, "plan-responsible"), t(lang, "plan-co-responsible"), t(lang, "plan-due")]
}

/// The execution report as XLSX: a title, the totals, then one row per item.
pub fn xlsx(lang: Lang, e: &Execution) -> Result<Vec<u8>, String> {
    let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(e.year.to_string()).map_err(err)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let wrap = rust_xlsxwriter::Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    ws.write_string_with_format(0, 0, format!("{} — {} {}, {}", t(lang, "plan-report-title"), e.year, t(lang, "plan-year"), region_name(lang, e.region.as_deref())), &bold).map_err(err)?;
    ws.write_string(1, 0, plan_title(lang, e)).map_err(err)?;
    ws.write_string(2, 0, totals(lang, e)).map_err(err)?;
    for (c, name) in header(lang).iter().enumerate() {
        ws.write_string_with_format(4, c as u16, name, &bold).map_err(err)?;
    }
    for (c, width) in [8.0, 60.0, 24.0, 22.0, 40.0, 30.0, 36.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, width).map_err(err)?;
    }
    for (r, row) in e.rows.iter().enumerate() {
        let r = r as u32 + 5;
        let item = &row.item;
        let cells = [item.code.clone(), item.title.clone(), item.completion_form.clone(), item.term.clone(), item.responsible.clone(), item.co_responsible.join(", "), due_cell(lang, row)];
        for (c, v) in cells.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, v, &wrap).map_err(err)?;
        }
    }
    wb.save_to_buffer().map_err(err)
}

/// The execution report as printed blocks (for the PDF).
pub fn printed(lang: Lang, e: &Execution) -> Printed {
    let title = format!("{} — {}", t(lang, "plan-report-title"), e.year);
    let mut blocks = vec![Block::Title(title.clone()), Block::Subtitle(plan_title(lang, e)), Block::Subtitle(region_name(lang, e.region.as_deref())), Block::Gap, Block::Paragraph(totals(lang, e))];
    // One table per direction that has items, under the direction's heading.
    for d in &e.directions {
        if !e.rows.iter().any(|row| row.item.direction == d.code) {
            continue;
        }
        let direction = d.code.as_str();
        blocks.push(Block::Heading(format!("{direction}. {}", d.title)));
        let rows = e
            .rows
            .iter()
            .filter(|row| row.item.direction == direction)
            .map(|row| {
                let item = &row.item;
                let mut executors = item.responsible.clone();
                if !item.co_responsible.is_empty() {
                    executors.push_str(&format!("; {}: {}", t(lang, "plan-co-responsible"), item.co_responsible.join(", ")));
                }
                vec![item.code.clone(), item.title.clone(), format!("{}\n{}", item.completion_form, item.term), executors, due_cell(lang, row)]
            })
            .collect();
        blocks.push(Block::Table {
            widths: vec![0.06, 0.36, 0.16, 0.2, 0.22],
            header: vec!["№".into(), t(lang, "plan-item-title"), format!("{} / {}", t(lang, "plan-form"), t(lang, "plan-term")), t(lang, "plan-responsible"), t(lang, "plan-due")],
            rows,
        });
    }
    Printed { title, lang: lang.code().to_string(), blocks }
}
