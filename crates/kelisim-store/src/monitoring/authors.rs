//! Authors are stored pseudonymised (SPEC §4, personal data): a handle
//! becomes HMAC-SHA256(installation key, source ␀ handle), cut to 128 bits.
//! The same handle on the same source always gives the same key, so campaigns
//! can count distinct authors; the handle cannot be read back without the key.
//!
//! The key is 32 random bytes made on first use and kept in `settings`
//! (`monitoring_author_key`), so that every app node on one database agrees.
//! Whoever can read the database and that row can test guesses of handles:
//! keep database dumps as restricted as the data they hold.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::db::Store;
use crate::error::Result;

const KEY_SETTING: &str = "monitoring_author_key";

/// The installation's pseudonymisation key, made on first use. Two nodes
/// starting at once both try to insert; the first wins and both read it back.
pub async fn installation_key(store: &Store) -> Result<Vec<u8>> {
    if let Some(k) = crate::settings::get(store, KEY_SETTING).await? {
        if let Ok(bytes) = hex::decode(&k) {
            return Ok(bytes);
        }
    }
    let mut fresh = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut fresh);
    // A technical row, like the session rows: not a user's change, not audited.
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(KEY_SETTING)
        .bind(hex::encode(fresh))
        .execute(&store.pool)
        .await?;
    let stored = crate::settings::get(store, KEY_SETTING).await?.unwrap_or_default();
    hex::decode(stored).map_err(|_| crate::StoreError::Other("the monitoring author key in settings is not hex".into()))
}

/// The pseudonym of `handle` on `source` (32 hex characters).
pub fn author_key(key: &[u8], source: &str, handle: &str) -> String {
    // HMAC accepts keys of any length.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(source.as_bytes());
    mac.update(&[0]);
    mac.update(handle.trim().trim_start_matches('@').to_lowercase().as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_handle_on_the_same_source_gives_the_same_key_and_nothing_readable() {
        let k = b"installation key";
        let a = author_key(k, "telegram", "@Bekzat");
        assert_eq!(a, author_key(k, "telegram", "bekzat"));
        assert_ne!(a, author_key(k, "vk", "bekzat"));
        assert_ne!(a, author_key(b"other installation", "telegram", "bekzat"));
        assert_eq!(a.len(), 32);
        assert!(!a.contains("bekzat"));
    }
}
