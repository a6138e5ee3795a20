//! Prometheus metrics in the text exposition format, kept in atomics: no
//! registry crate for a handful of counters.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Default)]
pub struct Metrics {
    pub requests: AtomicU64,
    pub responses_4xx: AtomicU64,
    pub responses_5xx: AtomicU64,
    pub logins_ok: AtomicU64,
    pub logins_failed: AtomicU64,
    pub logins_throttled: AtomicU64,
    /// Sum of request durations in microseconds.
    pub request_micros: AtomicU64,
}

impl Metrics {
    pub fn inc(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The exposition text, with the gauges the caller measured.
    pub fn render(&self, gauges: &[(&str, &str, f64)]) -> String {
        let mut out = String::new();
        let counters = [
            ("kelisim_http_requests_total", "HTTP requests served", &self.requests),
            ("kelisim_http_responses_4xx_total", "HTTP responses with a 4xx status", &self.responses_4xx),
            ("kelisim_http_responses_5xx_total", "HTTP responses with a 5xx status", &self.responses_5xx),
            ("kelisim_logins_ok_total", "Successful sign-ins", &self.logins_ok),
            ("kelisim_logins_failed_total", "Failed sign-ins", &self.logins_failed),
            ("kelisim_logins_throttled_total", "Sign-ins refused by the rate limit", &self.logins_throttled),
        ];
        for (name, help, v) in counters {
            out.push_str(&format!("# HELP {name} {help}\n# TYPE {name} counter\n{name} {}\n", v.load(Ordering::Relaxed)));
        }
        let secs = self.request_micros.load(Ordering::Relaxed) as f64 / 1e6;
        out.push_str(&format!(
            "# HELP kelisim_http_request_seconds_total Time spent serving HTTP requests\n# TYPE kelisim_http_request_seconds_total counter\nkelisim_http_request_seconds_total {secs}\n"
        ));
        for (name, help, value) in gauges {
            out.push_str(&format!("# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n"));
        }
        out
    }
}
