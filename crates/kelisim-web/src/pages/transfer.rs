//! Import pages (upload a CSV or XLSX file, see every problem or what was
//! written) and exports of the registers.

use askama::Template;
use axum::extract::{Multipart, Query, State};
use axum::http::{header, Uri};
use axum::response::{Html, IntoResponse, Response};
use kelisim_core::access;
use kelisim_store::organisations::OrganisationFilter;

use super::{render, PageCtx, PageResult};
use crate::auth::Auth;
use crate::error::{AppError, PageError};
use crate::state::AppState;
use crate::transfer::{self, Format, ImportReport};

/// Which register a page imports into.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Register {
    Organisations,
    People,
}

impl Register {
    fn action(self) -> &'static str {
        match self {
            Register::Organisations => "/registry/import",
            Register::People => "/people/import",
        }
    }
    fn title_key(self) -> &'static str {
        match self {
            Register::Organisations => "import-organisations",
            Register::People => "import-people",
        }
    }
    fn columns(self) -> String {
        match self {
            Register::Organisations => transfer::organisations::COLUMNS.join(", "),
            Register::People => transfer::people::COLUMNS.join(", "),
        }
    }
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    ctx: PageCtx,
    action: &'static str,
    title: String,
    columns: String,
    report: Option<ImportReport>,
}

/// Both registers are imported by the Secretariat and the regional
/// secretariats; each row is then checked against the caller's scope.
fn may_import(auth: &Auth) -> bool {
    access::can_import_registry(&auth.principal)
}

async fn page(state: &AppState, auth: &Auth, uri: &Uri, register: Register, report: Option<ImportReport>) -> Result<ImportPage, PageError> {
    let ctx = PageCtx::new(auth, uri, state).await?;
    Ok(ImportPage { title: ctx.t(register.title_key()), ctx, action: register.action(), columns: register.columns(), report })
}

async fn form(state: AppState, auth: Auth, uri: Uri, register: Register) -> Result<Html<String>, PageError> {
    auth.require(may_import(&auth)).page(auth.lang)?;
    render(&page(&state, &auth, &uri, register, None).await?, auth.lang)
}

/// Reads the upload: the CSRF field and the file (its name decides the format).
async fn upload(mut multipart: Multipart) -> Result<(String, Format, Vec<u8>), AppError> {
    let (mut csrf, mut file) = (String::new(), None);
    while let Some(field) = multipart.next_field().await.map_err(|e| AppError::BadRequest(e.to_string()))? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.map_err(|e| AppError::BadRequest(e.to_string()))?,
            Some("file") => {
                let format = Format::guess(field.file_name().unwrap_or(""), field.content_type().unwrap_or(""));
                file = Some((format, field.bytes().await.map_err(|e| AppError::BadRequest(e.to_string()))?.to_vec()));
            }
            _ => {}
        }
    }
    let (format, bytes) = file.ok_or_else(|| AppError::BadRequest("no file".into()))?;
    Ok((csrf, format, bytes))
}

async fn submit(state: AppState, auth: Auth, uri: Uri, register: Register, multipart: Multipart) -> Result<Response, PageError> {
    let lang = auth.lang;
    auth.require(may_import(&auth)).page(lang)?;
    let (csrf, format, bytes) = upload(multipart).await.page(lang)?;
    auth.check_csrf(&csrf).page(lang)?;
    let report = match register {
        Register::Organisations => transfer::import(&state.store, &auth.actor(), &auth.principal, format, &bytes).await,
        Register::People => transfer::people::import(&state.store, &auth.actor(), &auth.principal, format, &bytes).await,
    }
    .page(lang)?;
    let status = if report.errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, render(&page(&state, &auth, &uri, register, Some(report)).await?, lang)?).into_response())
}

pub async fn organisations_form(State(state): State<AppState>, auth: Auth, uri: Uri) -> Result<Html<String>, PageError> {
    form(state, auth, uri, Register::Organisations).await
}

pub async fn organisations_submit(State(state): State<AppState>, auth: Auth, uri: Uri, multipart: Multipart) -> Result<Response, PageError> {
    submit(state, auth, uri, Register::Organisations, multipart).await
}

pub async fn people_form(State(state): State<AppState>, auth: Auth, uri: Uri) -> Result<Html<String>, PageError> {
    form(state, auth, uri, Register::People).await
}

pub async fn people_submit(State(state): State<AppState>, auth: Auth, uri: Uri, multipart: Multipart) -> Result<Response, PageError> {
    submit(state, auth, uri, Register::People, multipart).await
}

fn download(bytes: Vec<u8>, format: Format, name: &str) -> Response {
    let (ctype, ext) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Xlsx => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    };
    ([(header::CONTENT_TYPE, ctype.to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"kelisim-{name}.{ext}\""))], bytes).into_response()
}

async fn export_organisations(state: &AppState, auth: &Auth, mut filter: OrganisationFilter, format: Format) -> Result<Response, PageError> {
    let lang = auth.lang;
    filter.only_active = !auth.principal.role.is_staff();
    let items = transfer::all_organisations(&state.store, &filter).await.page(lang)?;
    let items: Vec<_> = items.into_iter().filter(|o| access::can_read_organisation(&auth.principal, super::registry::scope(o))).collect();
    let bytes = match format {
        Format::Csv => transfer::export_csv(&items),
        Format::Xlsx => transfer::export_xlsx(&items),
    }
    .page(lang)?;
    Ok(download(bytes, format, "registry"))
}

pub async fn organisations_csv(State(state): State<AppState>, auth: Auth, Query(filter): Query<OrganisationFilter>) -> Result<Response, PageError> {
    export_organisations(&state, &auth, filter, Format::Csv).await
}

pub async fn organisations_xlsx(State(state): State<AppState>, auth: Auth, Query(filter): Query<OrganisationFilter>) -> Result<Response, PageError> {
    export_organisations(&state, &auth, filter, Format::Xlsx).await
}

async fn export_people(state: &AppState, auth: &Auth, format: Format) -> Result<Response, PageError> {
    let lang = auth.lang;
    let scope = access::people_scope(&auth.principal);
    auth.require(scope.is_some()).page(lang)?;
    let items = transfer::people::all_people(&state.store, &scope.unwrap_or(access::PeopleScope::All)).await.page(lang)?;
    Ok(download(transfer::people::export(format, &items).page(lang)?, format, "people"))
}

pub async fn people_csv(State(state): State<AppState>, auth: Auth) -> Result<Response, PageError> {
    export_people(&state, &auth, Format::Csv).await
}

pub async fn people_xlsx(State(state): State<AppState>, auth: Auth) -> Result<Response, PageError> {
    export_people(&state, &auth, Format::Xlsx).await
}
