//! The error of a request, and how it is answered.
//!
//! Policy (as crates.io and realworld-axum-sqlx): handlers return
//! `Result<_, AppError>`. Invalid input is 422 with every field named and a
//! reason key translated; a conflict is 409; a missing record 404; a refusal
//! 403 (401 when nobody is signed in); database and other internal causes are
//! logged with their detail and answered with a bare 500. JSON routes answer
//! JSON, HTML routes answer a page in the user's language.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use kelisim_core::ValidationErrors;
use kelisim_store::StoreError;
use serde::Serialize;

use crate::i18n::{self, Lang};

#[derive(Debug)]
pub enum AppError {
    Unauthorized,
    Forbidden,
    NotFound,
    Invalid(ValidationErrors),
    Conflict(String),
    BadRequest(String),
    TooManyRequests,
    /// The body is larger than the route accepts (the string says what the limit is).
    TooLarge(String),
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Invalid(errs) => AppError::Invalid(errs),
            StoreError::Conflict(f) => AppError::Conflict(f),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The i18n key of the error as a whole.
    pub fn key(&self) -> &'static str {
        match self {
            AppError::Unauthorized => "err-unauthorized",
            AppError::Forbidden => "err-forbidden",
            AppError::NotFound => "err-not-found",
            AppError::Invalid(_) => "err-invalid",
            AppError::Conflict(_) => "err-conflict",
            AppError::BadRequest(_) => "err-bad-request",
            AppError::TooManyRequests => "err-too-many-attempts",
            AppError::TooLarge(_) => "err-too-large",
            AppError::Internal(_) => "err-internal",
        }
    }

    fn log(&self) {
        if let AppError::Internal(detail) = self {
            tracing::error!(%detail, "internal error");
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    pub field: String,
    /// Reason key, e.g. `err-required`.
    pub reason: String,
    /// The reason in English.
    pub message: String,
}

/// The body of every JSON error.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Error key, e.g. `err-invalid`.
    pub error: String,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldProblem>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let lang = Lang::En;
        let mut message = i18n::t(lang, self.key());
        match &self {
            AppError::BadRequest(detail) => message = format!("{message}: {detail}"),
            AppError::Conflict(field) => message = format!("{message}: {field}"),
            AppError::TooLarge(limit) => message = format!("{message}: {limit}"),
            _ => {}
        }
        let fields = match &self {
            AppError::Invalid(errs) => errs
                .0
                .iter()
                .map(|e| FieldProblem { field: e.field.clone(), reason: e.reason.clone(), message: i18n::t(lang, &e.reason) })
                .collect(),
            _ => Vec::new(),
        };
        let body = ErrorBody { error: self.key().to_string(), message, fields };
        (self.status(), axum::Json(body)).into_response()
    }
}

/// An error on an HTML route: answered with a page in the user's language.
pub struct PageError {
    pub error: AppError,
    pub lang: Lang,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.error.log();
        if matches!(self.error, AppError::Unauthorized) {
            return axum::response::Redirect::to("/login").into_response();
        }
        let title = i18n::t(self.lang, self.error.key());
        let home = i18n::t(self.lang, "nav-dashboard");
        let body = format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title><link rel=\"stylesheet\" href=\"/assets/app.css\"></head>\
             <body><main class=\"narrow\"><h1>{title}</h1><p><a href=\"/\">{home}</a></p></main></body></html>",
            self.lang.code()
        );
        (self.error.status(), Html(body)).into_response()
    }
}

pub type ApiResult<T> = Result<T, AppError>;
