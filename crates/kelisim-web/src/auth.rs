//! Who is asking: the session cookie or the API token of a request, the
//! user's language, and CSRF protection.
//!
//! - Browsers sign in with a password (argon2id) and, for admins always and
//!   for others when they enabled it, a TOTP code; the session lives in the
//!   database (several app nodes share it), its cookie is HttpOnly,
//!   SameSite=Lax and Secure when served over HTTPS.
//! - Machine clients send `Authorization: Bearer kls_…` (see `kelisim token create`).
//! - Every form carries a CSRF token: the session's own, or before sign-in a
//!   double-submit cookie. JSON writes with a session cookie must send the
//!   session's token in `X-CSRF-Token`; bearer-token clients need none.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use kelisim_core::access::Principal;
use kelisim_store::users::{self, User};

use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "kelisim_session";
pub const LANG_COOKIE: &str = "kelisim_lang";
pub const PRE_CSRF_COOKIE: &str = "kelisim_csrf";

/// The caller of a request.
#[derive(Debug, Clone)]
pub struct Auth {
    pub principal: Principal,
    pub user: Option<User>,
    pub lang: Lang,
    /// The raw session token (cookie value), when signed in by cookie.
    pub session_token: Option<String>,
    /// The session's CSRF token, or the pre-session double-submit cookie.
    pub csrf: String,
    /// Signed in by API token (no CSRF needed).
    pub via_api_token: bool,
    /// Password accepted, second factor still to come (or to be set up).
    pub pending_second_factor: Option<User>,
    /// `X-CSRF-Token` as sent.
    csrf_header: Option<String>,
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get_all(axum::http::header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

/// The language: the switch's cookie, else Kazakh (SPEC §4: "Kazakh is the
/// default UI language"), whatever the browser prefers.
pub fn language(headers: &HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE).and_then(|c| Lang::from_code(&c)).unwrap_or(Lang::Kk)
}

/// Constant-time comparison of two tokens.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && !a.is_empty() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Auth {
    pub fn is_signed_in(&self) -> bool {
        self.user.is_some()
    }

    /// Refuses a form whose CSRF token does not match.
    pub fn check_csrf(&self, sent: &str) -> Result<(), AppError> {
        if same_token(&self.csrf, sent) {
            Ok(())
        } else {
            Err(AppError::BadRequest("CSRF token missing or wrong; reload the page".into()))
        }
    }

    /// For JSON writes: bearer-token clients pass; cookie sessions must send
    /// `X-CSRF-Token`; anonymous callers are refused.
    pub fn check_api_write(&self) -> Result<(), AppError> {
        if self.user.is_none() {
            return Err(AppError::Unauthorized);
        }
        if self.via_api_token {
            return Ok(());
        }
        match &self.csrf_header {
            Some(h) if same_token(&self.csrf, h) => Ok(()),
            _ => Err(AppError::BadRequest("X-CSRF-Token header missing or wrong".into())),
        }
    }

    /// The actor name written to the audit log.
    pub fn actor(&self) -> String {
        self.user.as_ref().map(|u| u.login.clone()).unwrap_or_else(|| "anonymous".into())
    }

    /// Refuses anonymous callers with 401, others without the permission with 403.
    pub fn require(&self, allowed: bool) -> Result<(), AppError> {
        match (allowed, self.user.is_some()) {
            (true, _) => Ok(()),
            (false, false) => Err(AppError::Unauthorized),
            (false, true) => Err(AppError::Forbidden),
        }
    }
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let headers = &parts.headers;
        let lang = language(headers);
        let csrf_header = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).map(String::from);
        let pre_csrf = cookie(headers, PRE_CSRF_COOKIE).unwrap_or_default();
        let mut auth = Auth {
            principal: Principal::anonymous(),
            user: None,
            lang,
            session_token: None,
            csrf: pre_csrf,
            via_api_token: false,
            pending_second_factor: None,
            csrf_header,
        };
        if let Some(bearer) = headers.get(axum::http::header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")) {
            let user = users::user_by_api_token(&state.store, bearer.trim()).await?.ok_or(AppError::Unauthorized)?;
            auth.principal = user.principal();
            auth.user = Some(user);
            auth.via_api_token = true;
            return Ok(auth);
        }
        if let Some(token) = cookie(headers, SESSION_COOKIE) {
            if let Some(session) = users::session(&state.store, &token).await? {
                auth.session_token = Some(token);
                auth.csrf = session.csrf_token;
                let needs_second = session.user.totp_enabled || session.user.role().requires_totp();
                if needs_second && !session.second_factor_done {
                    auth.pending_second_factor = Some(session.user);
                } else {
                    auth.principal = session.user.principal();
                    auth.user = Some(session.user);
                }
            }
        }
        Ok(auth)
    }
}

/// The client's address (for the per-address sign-in limit).
pub fn client_address(parts_ext: &axum::http::Extensions) -> String {
    parts_ext.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_else(|| "local".into())
}

/// `Set-Cookie` value for a cookie of this site.
pub fn set_cookie(name: &str, value: &str, secure: bool, max_age_seconds: Option<i64>) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if secure {
        c.push_str("; Secure");
    }
    if let Some(age) = max_age_seconds {
        c.push_str(&format!("; Max-Age={age}"));
    }
    c
}

/// A fresh random token (hex) for the pre-session CSRF cookie.
pub fn random_hex(bytes: usize) -> String {
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}
