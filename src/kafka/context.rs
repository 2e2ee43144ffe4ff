//! The librdkafka client context kmsg uses everywhere: librdkafka's log lines go to `tracing`
//! (with secrets scrubbed), and the last connection error is remembered so that a timeout can
//! say *why* the cluster was unreachable ("Connection refused") instead of just "timed out".
//! A security refusal (wrong password, untrusted certificate, plaintext against a TLS
//! listener) is remembered apart, so that callers can stop at once instead of waiting, and
//! so is "every broker refused the connection" (nothing listens there: the cluster is not up),
//! while a broker that accepts the connection but never answers is waited for until the timeout.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rdkafka::client::ClientContext;
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::consumer::ConsumerContext;
use rdkafka::error::KafkaError;
use rdkafka::producer::{DeliveryResult, ProducerContext};
use rdkafka::types::RDKafkaErrorCode;

pub use crate::secrets::{register_secret, scrub_secrets};

/// Why the cluster refused this client: retrying with the same settings cannot help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// SASL authentication failed (wrong user name or password, or unknown mechanism).
    Authentication(String),
    /// The TLS handshake failed (e.g. the broker certificate is not signed by `--tls-ca`).
    Tls(String),
    /// The broker closed a plaintext connection: it expects TLS and/or SASL.
    Protocol(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Authentication(cause) => write!(
                f,
                "authentication failed: {cause}; check --sasl-username and the password (KMSG_SASL_PASSWORD or --sasl-password-file) and --sasl-mechanism"
            ),
            Refusal::Tls(cause) => write!(
                f,
                "TLS handshake failed: {cause}; check --tls-ca (the CA that signed the brokers' certificates) and --security-protocol"
            ),
            Refusal::Protocol(cause) => write!(
                f,
                "the broker closed the connection: {cause}; it probably expects TLS/SASL: set --security-protocol (e.g. SASL_SSL) and its options"
            ),
        }
    }
}

/// Classifies a librdkafka error as a refusal, if it is one.
pub fn classify_refusal(code: Option<RDKafkaErrorCode>, text: &str) -> Option<Refusal> {
    let text = strip_thread_prefix(text).to_string();
    match code {
        Some(RDKafkaErrorCode::Authentication)
        | Some(RDKafkaErrorCode::SaslAuthenticationFailed) => {
            return Some(Refusal::Authentication(text))
        }
        Some(RDKafkaErrorCode::SSL) => return Some(Refusal::Tls(text)),
        _ => {}
    }
    if text.contains("SASL authentication error") || text.contains("SASL authentication failed") {
        Some(Refusal::Authentication(text))
    } else if text.contains("SSL handshake failed") || text.contains("certificate verify failed") {
        Some(Refusal::Tls(text))
    } else if text.contains("incorrect security.protocol")
        || (text.contains("connection closed by peer") && text.contains("state APIVERSION_QUERY"))
    {
        // A plaintext client's first request answered by a hang-up: a TLS listener.
        Some(Refusal::Protocol(text))
    } else {
        None
    }
}

/// Remembers the most recent client-level error librdkafka reported.
#[derive(Clone, Default)]
pub struct KmsgContext {
    last_error: Arc<Mutex<Option<String>>>,
    refusal: Arc<Mutex<Option<Refusal>>>,
    hang_ups: Arc<Mutex<(u32, Option<Refusal>)>>,
    connects: Arc<Mutex<ConnectFailures>>,
}

/// Each broker's last failed connection attempt ("Connect to ipv4#ADDR failed: ..."): whether
/// the address refused it, and whether librdkafka has since said that all brokers are down.
#[derive(Default)]
struct ConnectFailures {
    /// Broker name (as librdkafka logs it, e.g. `127.0.0.1:1/bootstrap`) -> (address, refused).
    last: BTreeMap<String, (String, bool)>,
    all_down: bool,
}

/// The broker and address of a failed connection attempt, and whether it was refused.
fn parse_connect_failure(text: &str) -> Option<(String, String, bool)> {
    let text = strip_thread_prefix(text);
    let (broker, rest) = text.split_once(": ")?;
    let rest = rest.strip_prefix("Connect to ")?;
    let (addr, cause) = rest.split_once(" failed: ")?;
    let addr = addr.split_once('#').map_or(addr, |(_, a)| a);
    Some((
        broker.to_string(),
        addr.to_string(),
        cause.starts_with("Connection refused"),
    ))
}

/// How many hang-ups during the first request make a "plaintext against TLS" refusal: one
/// can be a broker shutting down; a listener that hangs up every time expects TLS.
const HANG_UPS_FOR_REFUSAL: u32 = 3;

impl KmsgContext {
    /// The security refusal librdkafka reported, if any.
    pub fn refusal(&self) -> Option<Refusal> {
        if let Some(r) = self.refusal.lock().ok().and_then(|g| g.clone()) {
            return Some(r);
        }
        let hang_ups = self.hang_ups.lock().ok()?;
        (hang_ups.0 >= HANG_UPS_FOR_REFUSAL)
            .then(|| hang_ups.1.clone())
            .flatten()
    }

    fn note_refusal(&self, code: Option<RDKafkaErrorCode>, text: &str) {
        match classify_refusal(code, text) {
            Some(r @ Refusal::Protocol(_)) => {
                if let Ok(mut guard) = self.hang_ups.lock() {
                    guard.0 += 1;
                    guard.1.get_or_insert(r);
                }
            }
            Some(r) => {
                if let Ok(mut guard) = self.refusal.lock() {
                    guard.get_or_insert(r);
                }
            }
            None => {}
        }
    }

    /// The addresses that refused the connection, once librdkafka has reported that all
    /// brokers are down and every broker's last attempt was refused: nothing listens at any
    /// of them, so waiting longer only delays the answer. `None` while any broker is connecting,
    /// connected, or failed some other way (a timeout, a name that does not resolve).
    pub fn refused_everywhere(&self) -> Option<Vec<String>> {
        let state = self.connects.lock().ok()?;
        if !state.all_down || state.last.is_empty() || !state.last.values().all(|(_, r)| *r) {
            return None;
        }
        let mut addrs: Vec<String> = state.last.values().map(|(a, _)| a.clone()).collect();
        addrs.sort();
        addrs.dedup();
        Some(addrs)
    }

    fn note_connect_failure(&self, text: &str) {
        if let (Some((broker, addr, refused)), Ok(mut state)) =
            (parse_connect_failure(text), self.connects.lock())
        {
            state.last.insert(broker, (addr, refused));
        }
    }

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
            self.note_refusal(None, &msg);
            self.note_connect_failure(&msg);
            self.remember(strip_thread_prefix(&msg).to_string());
            return;
        }
        if (level as i32) <= RDKafkaLogLevel::Error as i32 {
            self.note_refusal(None, &msg);
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
        self.note_refusal(error.rdkafka_error_code(), &reason);
        self.note_connect_failure(&reason);
        if error.rdkafka_error_code() == Some(RDKafkaErrorCode::AllBrokersDown) {
            if let Ok(mut state) = self.connects.lock() {
                state.all_down = true;
            }
            // "N/M brokers are down" says less than the connection failure that caused it.
            if self.last_error().is_some() {
                return;
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn security_refusals_are_told_apart_from_unreachable_brokers() {
        let ctx = KmsgContext::default();
        ctx.error(
            KafkaError::Global(RDKafkaErrorCode::BrokerTransportFailure),
            "Connect to ipv4#127.0.0.1:1 failed: Connection refused",
        );
        assert_eq!(ctx.refusal(), None);
        ctx.error(
            KafkaError::Global(RDKafkaErrorCode::Authentication),
            "sasl_ssl://127.0.0.1:1/bootstrap: SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512",
        );
        assert!(matches!(ctx.refusal(), Some(Refusal::Authentication(_))));
        assert!(ctx
            .refusal()
            .unwrap()
            .to_string()
            .contains("--sasl-username"));
        assert!(matches!(
            classify_refusal(Some(RDKafkaErrorCode::SSL), "SSL handshake failed"),
            Some(Refusal::Tls(_))
        ));
        assert!(matches!(
            classify_refusal(None, "Disconnected while requesting ApiVersion: might be caused by incorrect security.protocol configuration (connecting to a SSL listener?)"),
            Some(Refusal::Protocol(_))
        ));
        let hang_up = "[thrd:127.0.0.1:1/bootstrap]: 127.0.0.1:1/bootstrap: Disconnected: connection closed by peer: receive 0 after POLLIN (after 3ms in state APIVERSION_QUERY)";
        assert!(matches!(
            classify_refusal(None, hang_up),
            Some(Refusal::Protocol(_))
        ));
        // One hang-up may be a broker going down; three are a TLS listener.
        let ctx = KmsgContext::default();
        ctx.log(RDKafkaLogLevel::Error, "FAIL", hang_up);
        assert_eq!(ctx.refusal(), None);
        ctx.log(RDKafkaLogLevel::Error, "FAIL", hang_up);
        ctx.log(RDKafkaLogLevel::Error, "FAIL", hang_up);
        assert!(matches!(ctx.refusal(), Some(Refusal::Protocol(_))));
    }

    #[test]
    fn all_brokers_down_does_not_hide_the_connection_failure() {
        let ctx = KmsgContext::default();
        ctx.log(
            RDKafkaLogLevel::Error,
            "FAIL",
            "[thrd:127.0.0.1:1/bootstrap]: 127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused",
        );
        ctx.error(
            KafkaError::Global(RDKafkaErrorCode::AllBrokersDown),
            "1/1 brokers are down",
        );
        assert!(ctx.last_error().unwrap().contains("Connection refused"));
    }

    #[test]
    fn all_brokers_refusing_is_told_apart_from_a_broker_that_is_still_connecting() {
        let refused = |port: u16| {
            format!("[thrd:127.0.0.1:{port}/bootstrap]: 127.0.0.1:{port}/bootstrap: Connect to ipv4#127.0.0.1:{port} failed: Connection refused (after 0ms in state CONNECT)")
        };
        let all_down = || KafkaError::Global(RDKafkaErrorCode::AllBrokersDown);
        let ctx = KmsgContext::default();
        ctx.log(RDKafkaLogLevel::Error, "FAIL", &refused(1));
        // Not before librdkafka says every broker is down.
        assert_eq!(ctx.refused_everywhere(), None);
        ctx.log(RDKafkaLogLevel::Error, "FAIL", &refused(2));
        ctx.error(all_down(), "2/2 brokers are down");
        assert_eq!(
            ctx.refused_everywhere(),
            Some(vec!["127.0.0.1:1".to_string(), "127.0.0.1:2".to_string()])
        );

        // One broker timed out instead: something may be there, so wait for the timeout.
        let ctx = KmsgContext::default();
        ctx.log(RDKafkaLogLevel::Error, "FAIL", &refused(1));
        ctx.log(RDKafkaLogLevel::Error, "FAIL", "[thrd:10.0.0.1:9092/bootstrap]: 10.0.0.1:9092/bootstrap: Connect to ipv4#10.0.0.1:9092 failed: Connection timed out (after 30000ms in state CONNECT)");
        ctx.error(all_down(), "2/2 brokers are down");
        assert_eq!(ctx.refused_everywhere(), None);

        // The error callback alone (same text, no log line) is enough.
        let ctx = KmsgContext::default();
        ctx.error(
            KafkaError::Global(RDKafkaErrorCode::BrokerTransportFailure),
            "127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused (after 0ms in state CONNECT)",
        );
        ctx.error(all_down(), "1/1 brokers are down");
        assert_eq!(
            ctx.refused_everywhere(),
            Some(vec!["127.0.0.1:1".to_string()])
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
