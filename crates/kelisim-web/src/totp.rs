//! TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s, one step of skew),
//! as every authenticator app understands it.

use totp_rs::{Algorithm, Secret, TOTP};

fn totp(secret_b32: &str, login: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_string()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes, Some("Kelisim".to_string()), login.replace(':', "_")).ok()
}

/// A new random secret, base32.
pub fn new_secret() -> String {
    Secret::generate_secret().to_encoded().to_string()
}

/// The `otpauth://` URI to enter in an authenticator app.
pub fn uri(secret_b32: &str, login: &str) -> String {
    totp(secret_b32, login).map(|t| t.get_url()).unwrap_or_default()
}

/// Whether `code` is valid now (or one step either side).
pub fn check(secret_b32: &str, login: &str, code: &str) -> bool {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    totp(secret_b32, login).and_then(|t| t.check_current(&code).ok()).unwrap_or(false)
}

/// The code of this moment (for tests and for the `kelisim user totp-code` helper).
pub fn current_code(secret_b32: &str, login: &str) -> Option<String> {
    totp(secret_b32, login).and_then(|t| t.generate_current().ok())
}
