//! Printed reports: the PDF layout (`pdf.rs`) and the documents printed with it —
//! the minutes of a session or Council meeting (`minutes.rs`), the action
//! plan execution report, XLSX and PDF (`plan_execution.rs`).

pub mod minutes;
pub mod pdf;
pub mod plan_execution;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use kelisim_store::{governance, organisations, Store, StoreError};

use crate::i18n::{self, Lang};

/// A report's words in `lang`.
fn t(lang: Lang, key: &str) -> String {
    i18n::t(lang, key)
}

fn ta(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    i18n::get().t_args(lang, key, args)
}

/// Gathers what the minutes of session `id` are made of.
pub async fn minutes_data(store: &Store, id: i64, lang: Lang, now: &str) -> Result<minutes::MinutesData, StoreError> {
    let session = governance::get(store, id).await?;
    let org = organisations::get(store, session.organisation_id).await?;
    let assembly = org.name.shown(lang.code()).to_string();
    Ok(minutes::MinutesData {
        assembly,
        attendance: governance::attendance(store, id).await?,
        roll: governance::roll_named(store, id).await?,
        agenda: governance::agenda(store, id).await?,
        questions: governance::questions(store, id).await?,
        decisions: governance::decisions(store, id).await?,
        signatories: governance::signatories(store, id).await?.len(),
        printed_at: now.replacen('T', " ", 1).chars().take(16).collect(),
        session,
    })
}

/// A PDF answered inline, named `name`.
pub fn pdf_response(bytes: Vec<u8>, name: &str) -> Response {
    ([(header::CONTENT_TYPE, "application/pdf".to_string()), (header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}.pdf\""))], bytes).into_response()
}
