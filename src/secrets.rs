//! Secret values this process knows (the SASL password), and the one function that masks
//! them, and librdkafka's password properties, in any text: log lines and error messages.
//! Pure and below every other layer, so that `error` and the Kafka context can both use it.

use std::sync::Mutex;

/// Secret values this process knows (the SASL password), masked wherever they appear.
static KNOWN_SECRETS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Registers a secret value so that `scrub_secrets` masks it in any text (log lines, errors).
pub fn register_secret(value: &str) {
    if value.len() < 4 {
        return; // too short to mask without mangling ordinary text
    }
    if let Ok(mut known) = KNOWN_SECRETS.lock() {
        if !known.iter().any(|k| k == value) {
            known.push(value.to_string());
        }
    }
}

/// librdkafka's debug output can echo configuration, including `sasl.password`; mask it, and
/// every registered secret value wherever it appears.
pub fn scrub_secrets(line: &str) -> String {
    const KEYS: &[&str] = &["sasl.password", "ssl.key.password", "ssl.keystore.password"];
    let mut out = line.to_string();
    if let Ok(known) = KNOWN_SECRETS.lock() {
        for secret in known.iter() {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), "***");
            }
        }
    }
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
        // (Other tests register secrets too: this one shares no text with theirs.)
        register_secret("zq9-unique-value-77");
        let out = scrub_secrets("SASL: auth as bob with zq9-unique-value-77 failed");
        assert_eq!(out, "SASL: auth as bob with *** failed");
    }
}
