//! The librdkafka client context kmsg uses everywhere: librdkafka's log lines go to `tracing`
//! (with secrets scrubbed), and the last connection error is remembered so that a timeout can
//! say *why* the cluster was unreachable ("Connection refused") instead of just "timed out".

use std::sync::{Arc, Mutex};

use rdkafka::client::ClientContext;
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::consumer::ConsumerContext;
use rdkafka::error::KafkaError;
use rdkafka::producer::{DeliveryResult, ProducerContext};

/// Remembers the most recent client-level error librdkafka reported.
#[derive(Clone, Default)]
pub struct KmsgContext {
    last_error: Arc<Mutex<Option<String>>>,
}

impl KmsgContext {
    /// The last error librdkafka reported (e.g. a refused connection), if any.
    pub fn last_error(&self) -> Option<String> {
        self.last_error.lock().ok().and_then(|g| g.clone())
    }

    fn remember(&self, text: String) {
        if let Ok(mut guard) = self.last_error.lock() {
            *guard = Some(text);
        }
    }
}

impl ClientContext for KmsgContext {
    fn log(&self, level: RDKafkaLogLevel, fac: &str, log_message: &str) {
        let msg = scrub_secrets(log_message);
        if fac == "FAIL" {
            // Connection failures ("Connect to ipv4#127.0.0.1:1 failed: Connection refused"):
            // remembered for the error message that ends the command, logged at debug only.
            tracing::debug!(target: "librdkafka", fac, "{msg}");
            self.remember(strip_thread_prefix(&msg).to_string());
            return;
        }
        match level {
            RDKafkaLogLevel::Emerg
            | RDKafkaLogLevel::Alert
            | RDKafkaLogLevel::Critical
            | RDKafkaLogLevel::Error => tracing::error!(target: "librdkafka", fac, "{msg}"),
            RDKafkaLogLevel::Warning => tracing::warn!(target: "librdkafka", fac, "{msg}"),
            RDKafkaLogLevel::Notice | RDKafkaLogLevel::Info => {
                tracing::info!(target: "librdkafka", fac, "{msg}")
            }
            RDKafkaLogLevel::Debug => tracing::debug!(target: "librdkafka", fac, "{msg}"),
        }
    }

    fn error(&self, error: KafkaError, reason: &str) {
        let reason = scrub_secrets(reason);
        tracing::debug!(target: "librdkafka", %error, "{reason}");
        self.remember(reason);
    }
}

impl ConsumerContext for KmsgContext {}

/// Used by the metadata probe, whose delivery reports never carry anything.
impl ProducerContext for KmsgContext {
    type DeliveryOpaque = ();

    fn delivery(&self, _result: &DeliveryResult<'_>, _opaque: Self::DeliveryOpaque) {}
}

/// Drops librdkafka's "[thrd:...]: " prefix, which means nothing to a user.
fn strip_thread_prefix(line: &str) -> &str {
    match line.strip_prefix("[thrd:") {
        Some(rest) => rest.split_once("]: ").map_or(line, |(_, msg)| msg),
        None => line,
    }
}

/// librdkafka's debug output can echo configuration, including `sasl.password`; mask it.
pub fn scrub_secrets(line: &str) -> String {
    const KEYS: &[&str] = &["sasl.password", "ssl.key.password", "ssl.keystore.password"];
    let mut out = line.to_string();
    for key in KEYS {
        let mut search_from = 0;
        while let Some(pos) = out[search_from..].find(key) {
            let start = search_from + pos + key.len();
            let rest = &out[start..];
            let value_start = rest
                .find(|c: char| c != ' ' && c != '=' && c != ':' && c != '"')
                .unwrap_or(rest.len());
            let value_len = rest[value_start..]
                .find([' ', ',', '"', '\n'])
                .unwrap_or(rest.len() - value_start);
            let range = start + value_start..start + value_start + value_len;
            out.replace_range(range, "***");
            search_from = start + value_start + 3;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_passwords_from_log_lines() {
        let line = "CONF: sasl.password = hunter2, sasl.username = bob";
        let out = scrub_secrets(line);
        assert!(!out.contains("hunter2"), "{out}");
        assert!(out.contains("bob"));
        assert_eq!(scrub_secrets("nothing here"), "nothing here");
    }

    #[test]
    fn connection_failures_are_remembered_without_the_thread_prefix() {
        let ctx = KmsgContext::default();
        ctx.log(
            RDKafkaLogLevel::Error,
            "FAIL",
            "[thrd:127.0.0.1:1/bootstrap]: 127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused",
        );
        assert_eq!(
            ctx.last_error().unwrap(),
            "127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused"
        );
    }

    #[test]
    fn remembers_the_last_error() {
        let ctx = KmsgContext::default();
        assert_eq!(ctx.last_error(), None);
        ctx.error(
            KafkaError::Global(rdkafka::types::RDKafkaErrorCode::BrokerTransportFailure),
            "Connect to ipv4#127.0.0.1:1 failed: Connection refused",
        );
        assert!(ctx.last_error().unwrap().contains("Connection refused"));
    }
}
