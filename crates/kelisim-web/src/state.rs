//! What every handler can reach: the store, the configuration, the metrics.

use std::sync::Arc;

use kelisim_store::Store;

use crate::metrics::Metrics;

/// Web settings chosen by the binary's configuration.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (on whenever the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Failed sign-ins allowed per login in the window before refusing.
    pub login_attempts_per_login: i64,
    /// Failed sign-ins allowed per client address in the window.
    pub login_attempts_per_address: i64,
    /// The rate-limit window in seconds.
    pub login_window_seconds: i64,
    /// How alerts go out (SMTP server, the site's address for links).
    pub delivery: crate::centre::delivery::DeliveryConfig,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig { secure_cookies: true, login_attempts_per_login: 5, login_attempts_per_address: 30, login_window_seconds: 900, delivery: Default::default() }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub metrics: Arc<Metrics>,
    /// The installation's key for pseudonymising authors, read once.
    author_key: Arc<tokio::sync::OnceCell<Vec<u8>>>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        AppState { store, config: Arc::new(config), metrics: Arc::new(Metrics::default()), author_key: Arc::default() }
    }

    /// The key that pseudonymises authors (`kelisim_store::monitoring::authors`).
    pub async fn author_key(&self) -> kelisim_store::error::Result<Vec<u8>> {
        self.author_key.get_or_try_init(|| kelisim_store::monitoring::authors::installation_key(&self.store)).await.cloned()
    }
}
