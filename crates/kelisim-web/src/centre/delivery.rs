//! Sending alerts (issue 4 §5): e-mail over SMTP and webhooks as signed JSON.
//!
//! [`deliver_due`] takes the deliveries whose attempt is due, claims each
//! (so two nodes never send one twice), sends it and records the attempt:
//! sent, or failed with the error, to be retried on the schedule of
//! `kelisim_core::monitoring::alert` and given up (shown as failed) after the
//! last attempt. An e-mail delivery with no SMTP server configured fails
//! with that reason, visibly, rather than vanishing.
//!
//! A webhook is `POST`ed as JSON with
//! `X-Kelisim-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`
//! and `X-Kelisim-Timestamp: <unix seconds>`; the receiver recomputes the
//! signature with the channel's secret and refuses old timestamps.

use std::time::Duration;

use hmac::{Hmac, Mac};
use kelisim_core::monitoring::calendar::add_seconds;
use kelisim_store::monitoring::alerts::{self, DueDelivery};
use kelisim_store::Store;
use sha2::Sha256;

use super::messages;
use crate::i18n::Lang;

/// The SMTP server alerts are sent through.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `smtp://host:25` (plain, for a relay on the same network),
    /// `smtp://user:password@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:password@host:465` (TLS).
    pub url: String,
    /// The sender, `Kelisim <alerts@example.kz>`.
    pub from: String,
}

/// What sending needs.
#[derive(Debug, Clone)]
pub struct DeliveryConfig {
    pub mail: Option<MailConfig>,
    /// The address of the site, for the links in messages.
    pub public_url: String,
    pub timeout: Duration,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        DeliveryConfig { mail: None, public_url: "http://127.0.0.1:8080".into(), timeout: Duration::from_secs(10) }
    }
}

/// A delivery is held this long while it is being sent.
const LEASE_SECONDS: i64 = 120;

/// Sends what is due at `now`; answers (sent, failed) attempts.
pub async fn deliver_due(store: &Store, cfg: &DeliveryConfig, now: &str) -> kelisim_store::error::Result<(usize, usize)> {
    let mut sent = 0;
    let mut failed = 0;
    for due in alerts::due(store, now, 100).await? {
        if !alerts::claim(store, &due.delivery, &add_seconds(now, LEASE_SECONDS)).await? {
            continue;
        }
        let outcome = match due.delivery.channel.as_str() {
            "email" => send_mail(cfg, &due).await,
            "webhook" => send_webhook(cfg, &due).await,
            other => Err(format!("unknown channel {other}")),
        };
        if let Err(e) = &outcome {
            tracing::warn!(delivery = due.delivery.id, channel = %due.delivery.channel, target = %due.delivery.target, error = %e, "alert delivery failed");
        }
        match alerts::record_attempt(store, due.delivery.id, outcome, &kelisim_store::now_utc()).await?.as_str() {
            "sent" => sent += 1,
            _ => failed += 1,
        }
    }
    Ok((sent, failed))
}

fn link(cfg: &DeliveryConfig, alert_id: i64) -> String {
    format!("{}/alerts/{alert_id}", cfg.public_url.trim_end_matches('/'))
}

/// The webhook's body: the alert, its line in each language, its link.
pub fn webhook_body(cfg: &DeliveryConfig, due: &DueDelivery) -> String {
    let a = &due.alert;
    serde_json::json!({
        "event": "alert",
        "delivery_id": due.delivery.id,
        "alert": { "id": a.id, "kind": a.kind, "region": a.region, "subject_id": a.subject_id, "facts": a.facts, "raised_at": a.raised_at },
        "messages": { "kk": messages::text(Lang::Kk, a), "ru": messages::text(Lang::Ru, a), "en": messages::text(Lang::En, a) },
        "url": link(cfg, a.id),
    })
    .to_string()
}

/// `sha256=<hex>` of HMAC-SHA256 over `"<timestamp>.<body>"`.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

async fn send_webhook(cfg: &DeliveryConfig, due: &DueDelivery) -> Result<(), String> {
    let body = webhook_body(cfg, due);
    let timestamp = time::OffsetDateTime::now_utc().unix_timestamp();
    let sig = due.secret.as_deref().map(|s| signature(s, timestamp, &body));
    let url = due.delivery.target.clone();
    let timeout = cfg.timeout;
    let delivery_id = due.delivery.id.to_string();
    tokio::task::spawn_blocking(move || {
        let agent = ureq::AgentBuilder::new().timeout(timeout).redirects(0).build();
        let mut req = agent.post(&url).set("Content-Type", "application/json").set("X-Kelisim-Event", "alert").set("X-Kelisim-Delivery", &delivery_id).set("X-Kelisim-Timestamp", &timestamp.to_string());
        if let Some(sig) = &sig {
            req = req.set("X-Kelisim-Signature", sig);
        }
        match req.send_string(&body) {
            Ok(resp) if (200..300).contains(&resp.status()) => Ok(()),
            Ok(resp) => Err(format!("HTTP {}", resp.status())),
            Err(ureq::Error::Status(code, _)) => Err(format!("HTTP {code}")),
            Err(e) => Err(e.to_string()),
        }
    })
    .await
    .map_err(|e| format!("webhook task: {e}"))?
}

/// The e-mail of an alert: subject and text in Kazakh and Russian, and the link.
pub fn mail_text(cfg: &DeliveryConfig, due: &DueDelivery) -> (String, String) {
    let a = &due.alert;
    let subject = format!("Kelisim: {}", messages::text(Lang::Ru, a));
    let body = format!("{}\n\n{}\n\n{}\n", messages::text(Lang::Kk, a), messages::text(Lang::Ru, a), link(cfg, a.id));
    (subject, body)
}

async fn send_mail(cfg: &DeliveryConfig, due: &DueDelivery) -> Result<(), String> {
    use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
    let Some(mail) = &cfg.mail else { return Err("no SMTP server configured (KELISIM_SMTP_URL)".into()) };
    let (subject, body) = mail_text(cfg, due);
    let message = Message::builder()
        .from(mail.from.parse().map_err(|e| format!("sender {}: {e}", mail.from))?)
        .to(due.delivery.target.parse().map_err(|e| format!("recipient {}: {e}", due.delivery.target))?)
        .subject(subject)
        .header(lettre::message::header::ContentType::TEXT_PLAIN)
        // Quoted-printable keeps the link readable in the raw message.
        .body(lettre::message::Body::new_with_encoding(body, lettre::message::header::ContentTransferEncoding::QuotedPrintable).map_err(|_| "the message cannot be encoded".to_string())?)
        .map_err(|e| e.to_string())?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&mail.url).map_err(|e| format!("SMTP URL: {e}"))?.timeout(Some(cfg.timeout)).build();
    transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
}
