//! Signing in and out, the second factor, the account page, the language switch.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use kelisim_store::users;
use serde::Deserialize;

use super::{render, PageCtx, PageResult};
use crate::auth::{self, Auth, LANG_COOKIE, PRE_CSRF_COOKIE, SESSION_COOKIE};
use crate::error::{AppError, PageError};
use crate::i18n::Lang;
use crate::metrics::Metrics;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: PageCtx,
    login: String,
    next: String,
    error: String,
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: Option<String>,
}

/// Only local paths are followed after sign-in (no open redirect).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains("\\") => n.to_string(),
        _ => "/".to_string(),
    }
}

/// The pre-session CSRF cookie: reuse the caller's or mint one.
fn pre_csrf(auth: &Auth) -> (String, Option<String>) {
    if auth.csrf.is_empty() {
        let token = auth::random_hex(16);
        (token.clone(), Some(token))
    } else {
        (auth.csrf.clone(), None)
    }
}

pub async fn login_form(State(state): State<AppState>, auth: Auth, uri: Uri, Query(q): Query<NextQuery>) -> Result<Response, PageError> {
    let (csrf, new_cookie) = pre_csrf(&auth);
    let mut ctx = PageCtx::new(&auth, &uri, &state).await?;
    ctx.csrf = csrf.clone();
    let page = LoginPage { ctx, login: String::new(), next: safe_next(q.next.as_deref()), error: String::new() };
    let html = render(&page, auth.lang)?;
    let mut resp = html.into_response();
    if let Some(c) = new_cookie {
        if let Ok(v) = auth::set_cookie(PRE_CSRF_COOKIE, &c, state.config.secure_cookies, None).parse() {
            resp.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    Ok(resp)
}

#[derive(Deserialize)]
pub struct LoginForm {
    login: String,
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: Option<String>,
}

fn now_unix() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Sign-in is refused for a while after too many failures for the same login
/// or from the same address (SPEC §4: login rate limiting).
async fn throttled(state: &AppState, keys: &[(String, i64)]) -> Result<bool, AppError> {
    let since = now_unix() - state.config.login_window_seconds;
    for (key, limit) in keys {
        if users::failed_logins_since(&state.store, key, since).await? >= *limit {
            return Ok(true);
        }
    }
    Ok(false)
}

pub async fn login_submit(State(state): State<AppState>, auth: Auth, uri: Uri, req_ext: axum::extract::Request) -> Result<Response, PageError> {
    let lang = auth.lang;
    let address = auth::client_address(req_ext.extensions());
    let Form(form): Form<LoginForm> = Form::from_request(req_ext, &state).await.map_err(|_| PageError { error: AppError::BadRequest("form".into()), lang })?;
    auth.check_csrf(&form.csrf).page(lang)?;
    let login = form.login.trim().to_lowercase();
    let keys = [(format!("login:{login}"), state.config.login_attempts_per_login), (format!("addr:{address}"), state.config.login_attempts_per_address)];
    let mut ctx = PageCtx::new(&auth, &uri, &state).await?;
    ctx.csrf = auth.csrf.clone();
    let next = safe_next(form.next.as_deref());
    if throttled(&state, &keys).await.page(lang)? {
        Metrics::inc(&state.metrics.logins_throttled);
        let page = LoginPage { error: ctx.t("err-too-many-attempts"), ctx, login, next };
        return Ok((axum::http::StatusCode::TOO_MANY_REQUESTS, render(&page, lang)?).into_response());
    }
    let user = users::find_by_login(&state.store, &login).await.page(lang)?;
    let ok = match &user {
        Some(u) => !u.disabled && users::verify_password(&u.password_hash, &form.password),
        None => {
            // Same work whether or not the login exists (no user enumeration by timing).
            let _ = users::verify_password("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$hCOHAE2ZgSS3Hy4gQbA2pXr8MHbq6iv2g0bbdjNhXgk", &form.password);
            false
        }
    };
    let Some(user) = user.filter(|_| ok) else {
        Metrics::inc(&state.metrics.logins_failed);
        for (key, _) in &keys {
            users::record_failed_login(&state.store, key, now_unix()).await.page(lang)?;
        }
        let page = LoginPage { error: ctx.t("err-bad-credentials"), ctx, login, next };
        return Ok((axum::http::StatusCode::UNAUTHORIZED, render(&page, lang)?).into_response());
    };
    users::clear_failed_logins(&state.store, &keys[0].0).await.page(lang)?;
    Metrics::inc(&state.metrics.logins_ok);
    let needs_second = user.totp_enabled || user.role().requires_totp();
    let token = users::create_session(&state.store, user.id, !needs_second).await.page(lang)?;
    let target = if !needs_second {
        next
    } else if user.totp_enabled {
        format!("/login/totp?next={}", urlencode(&next))
    } else {
        "/account/totp".to_string()
    };
    Ok(with_cookie(Redirect::to(&target).into_response(), &auth::set_cookie(SESSION_COOKIE, &token, state.config.secure_cookies, None)))
}

use axum::extract::FromRequest;

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).map(|e| e.trim_start_matches('=').to_string()).unwrap_or_default()
}

fn with_cookie(mut resp: Response, cookie: &str) -> Response {
    if let Ok(v) = cookie.parse() {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

#[derive(Template)]
#[template(path = "totp.html")]
struct TotpPage {
    ctx: PageCtx,
    next: String,
    error: String,
}

pub async fn totp_form(State(state): State<AppState>, auth: Auth, uri: Uri, Query(q): Query<NextQuery>) -> Result<Response, PageError> {
    if auth.pending_second_factor.is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    Ok(render(&TotpPage { ctx, next: safe_next(q.next.as_deref()), error: String::new() }, auth.lang)?.into_response())
}

#[derive(Deserialize)]
pub struct CodeForm {
    code: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: Option<String>,
}

pub async fn totp_submit(State(state): State<AppState>, auth: Auth, uri: Uri, Form(form): Form<CodeForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    let Some(user) = auth.pending_second_factor.clone() else { return Ok(Redirect::to("/login").into_response()) };
    auth.check_csrf(&form.csrf).page(lang)?;
    let key = [(format!("totp:{}", user.login), state.config.login_attempts_per_login)];
    let ctx = PageCtx::new(&auth, &uri, &state).await?;
    let next = safe_next(form.next.as_deref());
    if throttled(&state, &key).await.page(lang)? {
        let page = TotpPage { error: ctx.t("err-too-many-attempts"), ctx, next };
        return Ok((axum::http::StatusCode::TOO_MANY_REQUESTS, render(&page, lang)?).into_response());
    }
    let secret = user.totp_secret.clone().unwrap_or_default();
    if !user.totp_enabled || !crate::totp::check(&secret, &user.login, &form.code) {
        users::record_failed_login(&state.store, &key[0].0, now_unix()).await.page(lang)?;
        let page = TotpPage { error: ctx.t("err-bad-code"), ctx, next };
        return Ok((axum::http::StatusCode::UNAUTHORIZED, render(&page, lang)?).into_response());
    }
    users::clear_failed_logins(&state.store, &key[0].0).await.page(lang)?;
    if let Some(token) = &auth.session_token {
        users::mark_second_factor(&state.store, token).await.page(lang)?;
    }
    Ok(Redirect::to(&next).into_response())
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    ctx: PageCtx,
    totp_enabled: bool,
    /// Set while enrolling: the secret and its URI.
    enrol: Option<(String, String)>,
    required: bool,
    error: String,
    notice: String,
}

/// The account page; also where a user enrols a second factor (admins must
/// before they can do anything else).
pub async fn account(State(state): State<AppState>, auth: Auth, uri: Uri) -> Result<Response, PageError> {
    let lang = auth.lang;
    let Some(user) = auth.user.clone().or_else(|| auth.pending_second_factor.clone()) else {
        return Ok(Redirect::to("/login").into_response());
    };
    let required = user.role().requires_totp() && !user.totp_enabled;
    let enrol = if !user.totp_enabled && (required || uri.path() == "/account/totp") {
        // Keep an unconfirmed secret across reloads; make one when there is none.
        let secret = match user.totp_secret.clone() {
            Some(s) => s,
            None => {
                let s = crate::totp::new_secret();
                users::set_totp(&state.store, &user.login, user.id, Some(&s), false).await.page(lang)?;
                s
            }
        };
        Some((secret.clone(), crate::totp::uri(&secret, &user.login)))
    } else {
        None
    };
    let mut ctx = PageCtx::new(&auth, &uri, &state).await?;
    ctx.login = Some(user.login.clone());
    ctx.role = Some(user.role());
    let page = AccountPage { ctx, totp_enabled: user.totp_enabled, enrol, required, error: String::new(), notice: String::new() };
    Ok(render(&page, lang)?.into_response())
}

/// Confirms enrolment with a first code.
pub async fn account_totp_confirm(State(state): State<AppState>, auth: Auth, uri: Uri, Form(form): Form<CodeForm>) -> Result<Response, PageError> {
    let lang = auth.lang;
    let Some(user) = auth.user.clone().or_else(|| auth.pending_second_factor.clone()) else {
        return Ok(Redirect::to("/login").into_response());
    };
    auth.check_csrf(&form.csrf).page(lang)?;
    let secret = user.totp_secret.clone().unwrap_or_default();
    if secret.is_empty() || !crate::totp::check(&secret, &user.login, &form.code) {
        let mut ctx = PageCtx::new(&auth, &uri, &state).await?;
        ctx.login = Some(user.login.clone());
        let page = AccountPage {
            error: ctx.t("err-bad-code"),
            ctx,
            totp_enabled: false,
            enrol: Some((secret.clone(), crate::totp::uri(&secret, &user.login))),
            required: user.role().requires_totp(),
            notice: String::new(),
        };
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page, lang)?).into_response());
    }
    users::set_totp(&state.store, &user.login, user.id, Some(&secret), true).await.page(lang)?;
    if let Some(token) = &auth.session_token {
        users::mark_second_factor(&state.store, token).await.page(lang)?;
    }
    Ok(Redirect::to("/account").into_response())
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn logout(State(state): State<AppState>, auth: Auth, Form(form): Form<CsrfForm>) -> Result<Response, PageError> {
    auth.check_csrf(&form.csrf).page(auth.lang)?;
    if let Some(token) = &auth.session_token {
        users::delete_session(&state.store, token).await.page(auth.lang)?;
    }
    Ok(with_cookie(Redirect::to("/").into_response(), &auth::set_cookie(SESSION_COOKIE, "", state.config.secure_cookies, Some(0))))
}

/// The language switch (a link): remembers the choice for a year and returns
/// to the page. It changes nothing but the caller's own preference.
pub async fn switch_language(State(state): State<AppState>, Path(code): Path<String>, headers: HeaderMap, Query(form): Query<NextQuery>) -> Response {
    let lang = Lang::from_code(&code).unwrap_or_else(|| auth::language(&headers));
    let next = safe_next(form.next.as_deref());
    with_cookie(Redirect::to(&next).into_response(), &auth::set_cookie(LANG_COOKIE, lang.code(), state.config.secure_cookies, Some(31_536_000)))
}
