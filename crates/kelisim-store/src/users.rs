//! User accounts, password hashes (argon2id), web sessions, API tokens and
//! the failed-login counter behind the rate limit.
//!
//! Session and API tokens are random 256-bit values; only their SHA-256 is
//! stored, so a copy of the database signs nobody in. Sessions live in the
//! database so that several app nodes share them.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use kelisim_core::{Role, ValidationErrors};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::{col, Store};
use crate::error::{Result, StoreError};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct User {
    pub id: i64,
    pub login: String,
    pub role: String,
    pub region: Option<String>,
    pub organisation_id: Option<i64>,
    pub totp_enabled: bool,
    pub disabled: bool,
    pub created_at: String,
    /// Where alerts are sent by e-mail.
    pub email: Option<String>,
    #[serde(skip)]
    pub password_hash: String,
    #[serde(skip)]
    pub totp_secret: Option<String>,
}

impl User {
    pub fn role(&self) -> Role {
        Role::from_slug(&self.role).unwrap_or(Role::Citizen)
    }
    pub fn principal(&self) -> kelisim_core::access::Principal {
        kelisim_core::access::Principal { user_id: Some(self.id), role: self.role(), region: self.region.clone(), organisation: self.organisation_id }
    }
}

pub struct NewUser<'a> {
    pub login: &'a str,
    pub role: &'a str,
    pub region: Option<&'a str>,
    pub organisation_id: Option<i64>,
    pub password: &'a str,
}

pub const MIN_PASSWORD_LEN: usize = 10;

pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| StoreError::Other(format!("password hashing failed: {e}")))
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok()).unwrap_or(false)
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

const COLUMNS: &str = "id, login, role, region_kato, organisation_id, totp_enabled, disabled, created_at, email, password_hash, totp_secret";

fn from_row(row: &sqlx::any::AnyRow) -> Result<User> {
    Ok(User {
        id: col(row, "id")?,
        login: col(row, "login")?,
        role: col(row, "role")?,
        region: col(row, "region_kato")?,
        organisation_id: col(row, "organisation_id")?,
        totp_enabled: col::<i64>(row, "totp_enabled")? != 0,
        disabled: col::<i64>(row, "disabled")? != 0,
        created_at: col(row, "created_at")?,
        email: col(row, "email")?,
        password_hash: col(row, "password_hash")?,
        totp_secret: col(row, "totp_secret")?,
    })
}

fn valid_login(login: &str) -> bool {
    (3..=64).contains(&login.len()) && login.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
}

/// Creates an account; checks the login, the role's scope and the password.
pub async fn create(store: &Store, actor: &str, new: &NewUser<'_>) -> Result<i64> {
    let mut errs = ValidationErrors::default();
    if !valid_login(new.login) {
        errs.push("login", "err-login-format");
    }
    let role = Role::from_slug(new.role);
    match role {
        None => errs.push("role", "err-unknown-role"),
        Some(r) if r.needs_region() && new.region.is_none() => errs.push("region", "err-required"),
        Some(r) if r.needs_organisation() && new.organisation_id.is_none() => errs.push("organisation_id", "err-required"),
        _ => {}
    }
    if let Some(region) = new.region {
        let known: Option<(String,)> = sqlx::query_as("SELECT kato FROM regions WHERE kato = $1").bind(region).fetch_optional(&store.pool).await?;
        if known.is_none() {
            errs.push("region", "err-unknown-region");
        }
    }
    if let Some(org) = new.organisation_id {
        if crate::organisations::get(store, org).await.is_err() {
            errs.push("organisation_id", "err-unknown-organisation");
        }
    }
    if new.password.chars().count() < MIN_PASSWORD_LEN {
        errs.push("password", "err-password-too-short");
    }
    if find_by_login(store, new.login).await?.is_some() {
        errs.push("login", "err-login-taken");
    }
    if !errs.is_empty() {
        return Err(StoreError::Invalid(errs));
    }
    let hash = hash_password(new.password)?;
    let mut tx = store.begin_write(actor).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO users (login, role, region_kato, organisation_id, password_hash, totp_enabled, disabled, created_at) VALUES ($1, $2, $3, $4, $5, 0, 0, $6) RETURNING id",
    )
    .bind(new.login)
    .bind(new.role)
    .bind(new.region)
    .bind(new.organisation_id)
    .bind(&hash)
    .bind(crate::now_utc())
    .fetch_one(tx.conn())
    .await?;
    tx.audit("create", "user", new.login, None, Some(&serde_json::json!({"role": new.role, "region": new.region, "organisation_id": new.organisation_id})))
        .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn find_by_login(store: &Store, login: &str) -> Result<Option<User>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM users WHERE login = $1")).bind(login).fetch_optional(&store.pool).await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn get(store: &Store, id: i64) -> Result<User> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM users WHERE id = $1")).bind(id).fetch_optional(&store.pool).await?.ok_or(StoreError::NotFound)?;
    from_row(&row)
}

pub async fn list(store: &Store) -> Result<Vec<User>> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM users ORDER BY login")).fetch_all(&store.pool).await?;
    rows.iter().map(from_row).collect()
}

pub async fn set_password(store: &Store, actor: &str, login: &str, password: &str) -> Result<()> {
    let user = find_by_login(store, login).await?.ok_or(StoreError::NotFound)?;
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(StoreError::field("password", "err-password-too-short"));
    }
    let hash = hash_password(password)?;
    let mut tx = store.begin_write(actor).await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(&hash).bind(user.id).execute(tx.conn()).await?;
    // A new password ends every open session of the account.
    sqlx::query("DELETE FROM web_sessions WHERE user_id = $1").bind(user.id).execute(tx.conn()).await?;
    tx.audit("passwd", "user", login, None, None).await?;
    tx.commit().await
}

pub async fn set_disabled(store: &Store, actor: &str, login: &str, disabled: bool) -> Result<()> {
    let user = find_by_login(store, login).await?.ok_or(StoreError::NotFound)?;
    let mut tx = store.begin_write(actor).await?;
    sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2").bind(disabled as i64).bind(user.id).execute(tx.conn()).await?;
    if disabled {
        sqlx::query("DELETE FROM web_sessions WHERE user_id = $1").bind(user.id).execute(tx.conn()).await?;
        sqlx::query("UPDATE api_tokens SET revoked = 1 WHERE user_id = $1").bind(user.id).execute(tx.conn()).await?;
    }
    tx.audit(if disabled { "disable" } else { "enable" }, "user", login, Some(&serde_json::json!({"disabled": user.disabled})), Some(&serde_json::json!({"disabled": disabled})))
        .await?;
    tx.commit().await
}

/// Stores a TOTP secret (base32) and whether it is confirmed (enabled).
pub async fn set_totp(store: &Store, actor: &str, user_id: i64, secret: Option<&str>, enabled: bool) -> Result<()> {
    let user = get(store, user_id).await?;
    let mut tx = store.begin_write(actor).await?;
    sqlx::query("UPDATE users SET totp_secret = $1, totp_enabled = $2 WHERE id = $3").bind(secret).bind(enabled as i64).bind(user_id).execute(tx.conn()).await?;
    tx.audit("totp", "user", &user.login, Some(&serde_json::json!({"totp_enabled": user.totp_enabled})), Some(&serde_json::json!({"totp_enabled": enabled})))
        .await?;
    tx.commit().await
}

/// Sets (or, with `None`, clears) the e-mail address alerts are sent to.
pub async fn set_email(store: &Store, actor: &str, user_id: i64, email: Option<&str>) -> Result<()> {
    let user = get(store, user_id).await?;
    let email = email.map(str::trim).filter(|e| !e.is_empty());
    if email.is_some_and(|e| !kelisim_core::organisation::is_email(e)) {
        return Err(StoreError::field("email", "err-email-format"));
    }
    let mut tx = store.begin_write(actor).await?;
    sqlx::query("UPDATE users SET email = $1 WHERE id = $2").bind(email).bind(user_id).execute(tx.conn()).await?;
    tx.audit("email", "user", &user.login, Some(&serde_json::json!({"email": user.email})), Some(&serde_json::json!({"email": email}))).await?;
    tx.commit().await
}

/// A web session as read back from its cookie.
#[derive(Debug, Clone)]
pub struct WebSession {
    pub user: User,
    pub csrf_token: String,
    pub second_factor_done: bool,
}

/// Opens a session; returns the cookie value. Sessions last 12 hours.
pub async fn create_session(store: &Store, user_id: i64, second_factor_done: bool) -> Result<String> {
    let token = random_token();
    let now = time::OffsetDateTime::now_utc();
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    let expires = (now + time::Duration::hours(12)).format(fmt).unwrap_or_default();
    // Expired sessions are swept as new ones open.
    sqlx::query("DELETE FROM web_sessions WHERE expires_at < $1").bind(crate::now_utc()).execute(&store.pool).await?;
    sqlx::query("INSERT INTO web_sessions (token_hash, user_id, csrf_token, second_factor_done, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(random_token())
        .bind(second_factor_done as i64)
        .bind(crate::now_utc())
        .bind(expires)
        .execute(&store.pool)
        .await?;
    Ok(token)
}

pub async fn session(store: &Store, token: &str) -> Result<Option<WebSession>> {
    let row: Option<(i64, String, i64, String)> =
        sqlx::query_as("SELECT user_id, csrf_token, second_factor_done, expires_at FROM web_sessions WHERE token_hash = $1").bind(token_hash(token)).fetch_optional(&store.pool).await?;
    let Some((user_id, csrf_token, second, expires_at)) = row else { return Ok(None) };
    if expires_at < crate::now_utc() {
        delete_session(store, token).await?;
        return Ok(None);
    }
    let user = get(store, user_id).await?;
    if user.disabled {
        return Ok(None);
    }
    Ok(Some(WebSession { user, csrf_token, second_factor_done: second != 0 }))
}

pub async fn mark_second_factor(store: &Store, token: &str) -> Result<()> {
    sqlx::query("UPDATE web_sessions SET second_factor_done = 1 WHERE token_hash = $1").bind(token_hash(token)).execute(&store.pool).await?;
    Ok(())
}

pub async fn delete_session(store: &Store, token: &str) -> Result<()> {
    sqlx::query("DELETE FROM web_sessions WHERE token_hash = $1").bind(token_hash(token)).execute(&store.pool).await?;
    Ok(())
}

/// Issues an API token for a user; the token is shown once and stored hashed.
pub async fn create_api_token(store: &Store, actor: &str, login: &str) -> Result<String> {
    let user = find_by_login(store, login).await?.ok_or(StoreError::NotFound)?;
    if user.disabled {
        return Err(StoreError::field("login", "err-user-disabled"));
    }
    let token = format!("kls_{}", random_token());
    let mut tx = store.begin_write(actor).await?;
    sqlx::query("INSERT INTO api_tokens (user_id, token_hash, created_at, revoked) VALUES ($1, $2, $3, 0)")
        .bind(user.id)
        .bind(token_hash(&token))
        .bind(crate::now_utc())
        .execute(tx.conn())
        .await?;
    tx.audit("create_token", "user", login, None, None).await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn user_by_api_token(store: &Store, token: &str) -> Result<Option<User>> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT user_id FROM api_tokens WHERE token_hash = $1 AND revoked = 0").bind(token_hash(token)).fetch_optional(&store.pool).await?;
    match row {
        None => Ok(None),
        Some((id,)) => {
            let user = get(store, id).await?;
            Ok((!user.disabled).then_some(user))
        }
    }
}

/// Records a failed sign-in under a key (login or client address).
/// Failures older than a day are forgotten as new ones arrive.
pub async fn record_failed_login(store: &Store, key: &str, at_unix: i64) -> Result<()> {
    sqlx::query("DELETE FROM login_attempts WHERE at_unix < $1").bind(at_unix - 86_400).execute(&store.pool).await?;
    sqlx::query("INSERT INTO login_attempts (login_key, at_unix) VALUES ($1, $2)").bind(key).bind(at_unix).execute(&store.pool).await?;
    Ok(())
}

pub async fn failed_logins_since(store: &Store, key: &str, since_unix: i64) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM login_attempts WHERE login_key = $1 AND at_unix >= $2").bind(key).bind(since_unix).fetch_one(&store.pool).await?;
    Ok(n)
}

pub async fn clear_failed_logins(store: &Store, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_attempts WHERE login_key = $1").bind(key).execute(&store.pool).await?;
    Ok(())
}
