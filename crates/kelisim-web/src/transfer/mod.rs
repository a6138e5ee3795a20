//! Import and export of the registers (organisations, people) as CSV and XLSX.
//!
//! The columns are the same both ways, so an exported file imports back
//! unchanged (round trip). On import every row is checked first (fields,
//! reference codes, links, the caller's scope); any problem rejects the whole
//! file with a report of every problem (row, column, reason) and nothing is
//! written; then all rows are written in one transaction. Rows count the
//! header as row 1, as a spreadsheet shows them.

pub mod organisations;
pub mod people;

use std::io::Cursor;

use serde::Serialize;

pub use organisations::{all_organisations, export_csv, export_xlsx, import};

use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// XLSX when the file name or content type says so, CSV otherwise.
    pub fn guess(name: &str, content_type: &str) -> Format {
        if name.to_lowercase().ends_with(".xlsx") || content_type.contains("spreadsheetml") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }
}

/// One problem in an import file. `row` counts the header as row 1.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RowError {
    pub row: usize,
    pub column: String,
    /// Reason key (`err-required`, ...).
    pub reason: String,
    /// The reason in English.
    pub message: String,
}

/// What an import did, or why it did nothing.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    /// Empty when the file was written; otherwise nothing was written.
    pub errors: Vec<RowError>,
}

impl ImportReport {
    pub fn rejected(rows: usize, errors: Vec<RowError>) -> Self {
        ImportReport { rows, created: 0, updated: 0, errors }
    }
}

pub fn row_error(row: usize, column: &str, reason: &str) -> RowError {
    RowError { row, column: column.to_string(), reason: reason.to_string(), message: crate::i18n::t(crate::i18n::Lang::En, reason) }
}

/// The trimmed text of column `name` in a row ("" when absent).
pub fn cell(header: &[String], cells: &[String], name: &str) -> String {
    header.iter().position(|h| h.trim() == name).and_then(|i| cells.get(i)).map(|s| s.trim().to_string()).unwrap_or_default()
}

/// Checks that the header has the required columns.
pub fn require_columns(header: &[String], required: &[&str]) -> Vec<RowError> {
    required.iter().filter(|c| !header.iter().any(|h| h.trim() == **c)).map(|c| row_error(1, c, "err-column-missing")).collect()
}

pub fn write_csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>, AppError> {
    let err = |e: csv::Error| AppError::Internal(e.to_string());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(err)?;
    for r in rows {
        w.write_record(&r).map_err(err)?;
    }
    w.into_inner().map_err(|e| AppError::Internal(e.to_string()))
}

pub fn write_xlsx(sheet: &str, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>, AppError> {
    let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).map_err(err)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, name) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &bold).map_err(err)?;
    }
    for (r, row) in rows.enumerate() {
        for (c, v) in row.iter().enumerate() {
            // Everything as text: codes such as KATO keep their leading digits.
            ws.write_string(r as u32 + 1, c as u16, v).map_err(err)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}

/// A file's header and data rows, or the report that rejects it (unreadable,
/// empty, or missing a required column).
pub fn read_table(format: Format, bytes: &[u8], required: &[&str]) -> Result<(Vec<String>, Vec<Vec<String>>), ImportReport> {
    let mut table = read_rows(format, bytes).map_err(|e| ImportReport::rejected(0, vec![e]))?;
    if table.is_empty() {
        return Err(ImportReport::rejected(0, vec![row_error(1, "", "err-file-empty")]));
    }
    let header = table.remove(0);
    let missing = require_columns(&header, required);
    if !missing.is_empty() {
        return Err(ImportReport::rejected(table.len(), missing));
    }
    Ok((header, table))
}

/// Reads the file into rows of text cells, header first.
pub fn read_rows(format: Format, bytes: &[u8]) -> Result<Vec<Vec<String>>, RowError> {
    match format {
        Format::Csv => {
            let text = std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)).map_err(|_| row_error(1, "", "err-file-not-utf8"))?;
            let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for (i, rec) in r.records().enumerate() {
                let rec = rec.map_err(|_| row_error(i + 1, "", "err-file-unreadable"))?;
                rows.push(rec.iter().map(|s| s.to_string()).collect());
            }
            Ok(rows)
        }
        Format::Xlsx => {
            use calamine::{Data, Reader};
            let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).map_err(|_| row_error(1, "", "err-file-unreadable"))?;
            let range = wb.worksheet_range_at(0).ok_or_else(|| row_error(1, "", "err-file-unreadable"))?.map_err(|_| row_error(1, "", "err-file-unreadable"))?;
            Ok(range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::Empty => String::new(),
                            Data::String(s) => s.clone(),
                            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                            Data::Float(f) => f.to_string(),
                            Data::Int(i) => i.to_string(),
                            Data::Bool(b) => b.to_string(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect())
        }
    }
}
