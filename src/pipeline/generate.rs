//! Generated messages for `produce --generate`: the original system's post messages and
//! user-login events shaped like its login generator's, plus bad messages of several kinds on
//! request (`--invalid-ratio`) to exercise the DLQ.
//!
//! A login is what the original producer sends and its consumer accepts under `schema.json`
//! (the original draft-07 contract): UUID `user_id` and `device_id`, `device_type` as the app
//! reports it (`android`, `iOS`), an upper-case two-letter region code as `locale` (`CO`,
//! `AR`, `RU`, ...), a version like `2.3.0`, a public-looking IPv4 address and an integer
//! timestamp in UNIX seconds. It also passes the opt-in `schema.strict.json`. The bad logins
//! are the faults real login feeds carry: an IP out of range, a three-letter locale, a missing
//! field, a timestamp sent as a string, text that is not JSON, bytes that are not UTF-8.
//!
//! Everything is reproducible from the seed. Every message carries a unique id that is also
//! its key (posts also carry it as `message_id`), so tests can count loss and duplication.
//! Which messages are bad is exact, not random: of the first N messages, exactly
//! floor(N × ratio) are bad, and the bad kinds take turns, so each kind's count is known.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GenerateKind {
    /// Post messages: message_id, sender_id, content, timestamp, metadata
    Posts,
    /// User-login events matching schema.json
    Login,
}

/// The kinds of bad message `--invalid-ratio` produces; each bad message carries its kind in
/// the `kmsg.invalid` header. Every kind breaks `schema.json` (the field-level ones) or cannot
/// be decoded at all (the others), so a consumer dead-letters exactly the marked messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvalidKind {
    /// A login whose `ip` has an octet out of range, e.g. `512.1.2.3` (schema `format`).
    BadIp,
    /// A login whose `locale` is a three-letter code, e.g. `COL` (schema `maxLength`).
    BadLocale,
    /// A login with one of its seven fields left out, e.g. `device_type` (schema `required`).
    MissingField,
    /// A login whose `timestamp` is sent as a string of digits (schema `type`).
    TimestampAsString,
    /// Text that is not JSON.
    MalformedJson,
    /// JSON cut off in the middle.
    TruncatedJson,
    /// Bytes that are not UTF-8.
    NotUtf8,
    /// An empty value.
    EmptyValue,
}

impl InvalidKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InvalidKind::BadIp => "bad_ip",
            InvalidKind::BadLocale => "bad_locale",
            InvalidKind::MissingField => "missing_field",
            InvalidKind::TimestampAsString => "timestamp_as_string",
            InvalidKind::MalformedJson => "malformed_json",
            InvalidKind::TruncatedJson => "truncated_json",
            InvalidKind::NotUtf8 => "not_utf8",
            InvalidKind::EmptyValue => "empty_value",
        }
    }
}

const LOGIN_BAD_KINDS: &[InvalidKind] = &[
    InvalidKind::BadIp,
    InvalidKind::BadLocale,
    InvalidKind::MissingField,
    InvalidKind::TimestampAsString,
    InvalidKind::MalformedJson,
    InvalidKind::NotUtf8,
];
const POSTS_BAD_KINDS: &[InvalidKind] = &[
    InvalidKind::MalformedJson,
    InvalidKind::TruncatedJson,
    InvalidKind::NotUtf8,
    InvalidKind::EmptyValue,
];

const WORDS: &[&str] = &[
    "kafka",
    "stream",
    "event",
    "broker",
    "message",
    "partition",
    "offset",
    "replica",
    "leader",
    "consumer",
    "producer",
    "topic",
    "schema",
    "retry",
    "circuit",
    "queue",
    "latency",
    "hello",
    "world",
    "today",
    "great",
    "news",
    "update",
    "launch",
];
/// `device_type` as the original app reports it.
const DEVICES: &[&str] = &["android", "iOS"];
/// `locale`: ISO 3166-1 alpha-2 region codes, as the original generator sends them.
const LOCALES: &[&str] = &[
    "AR", "BR", "CA", "CL", "CN", "CO", "DE", "EG", "ES", "FR", "GB", "ID", "IN", "IT", "JP", "KR",
    "MX", "NG", "NL", "PE", "PL", "PT", "RU", "SA", "SE", "TR", "UA", "US", "VN", "ZA",
];
/// Three-letter region codes (ISO 3166-1 alpha-3): the locale fault of real login feeds.
const LOCALES_ALPHA3: &[&str] = &["ARG", "BRA", "COL", "DEU", "FRA", "RUS", "USA"];
/// The fields of a login, in the original generator's order; `MissingField` leaves one out.
const LOGIN_FIELDS: &[&str] = &[
    "user_id",
    "app_version",
    "ip",
    "locale",
    "device_id",
    "timestamp",
    "device_type",
];
const PRIORITIES: &[&str] = &["low", "normal", "high"];

/// One generated message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub key: String,
    pub value: Vec<u8>,
    /// `Some` for a message that is bad on purpose.
    pub invalid: Option<InvalidKind>,
}

/// Parts per million, so "which message is bad" is exact integer arithmetic.
const PPM: u64 = 1_000_000;

/// Produces messages one after the other.
pub struct Generator {
    kind: GenerateKind,
    rng: StdRng,
    run_id: String,
    seq: u64,
    invalid_ppm: u64,
    invalid_so_far: u64,
    size: Option<usize>,
    /// Reused text buffers of `post`.
    content: String,
    tail: String,
}

impl Generator {
    /// `invalid_ratio` in 0..=1; `size` pads post content so the value is about that many bytes.
    pub fn new(kind: GenerateKind, seed: u64, invalid_ratio: f64, size: Option<usize>) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let run_id = format!("{:08x}", rng.random::<u32>());
        Generator {
            kind,
            rng,
            run_id,
            seq: 0,
            invalid_ppm: (invalid_ratio.clamp(0.0, 1.0) * PPM as f64).round() as u64,
            invalid_so_far: 0,
            size,
            content: String::new(),
            tail: String::new(),
        }
    }

    /// Whether message number `seq` (0-based) is one of the bad ones.
    fn is_invalid(&self, seq: u64) -> bool {
        (seq + 1) * self.invalid_ppm / PPM > seq * self.invalid_ppm / PPM
    }

    pub fn next_message(&mut self) -> Generated {
        let seq = self.seq;
        self.seq += 1;
        let key = format!("{}-{seq:09}", self.run_id);
        let invalid = if self.is_invalid(seq) {
            let kinds = match self.kind {
                GenerateKind::Login => LOGIN_BAD_KINDS,
                GenerateKind::Posts => POSTS_BAD_KINDS,
            };
            let k = kinds[(self.invalid_so_far % kinds.len() as u64) as usize];
            self.invalid_so_far += 1;
            Some(k)
        } else {
            None
        };
        let value = match self.kind {
            GenerateKind::Posts => self.post(&key, seq, invalid),
            GenerateKind::Login => self.login(invalid),
        };
        Generated {
            key,
            value,
            invalid,
        }
    }

    /// A post, written straight as JSON text (keys in sorted order, as `serde_json` writes
    /// them): no `serde_json::Value` per message, which cost about 8 µs per post at high rates.
    /// Every string in it is made of plain ASCII that needs no escaping.
    fn post(&mut self, id: &str, seq: u64, invalid: Option<InvalidKind>) -> Vec<u8> {
        use std::fmt::Write as _;
        const HEAD: &str = r#"{"content":""#;
        let words = self.rng.random_range(4..12);
        let mut content = std::mem::take(&mut self.content);
        content.clear();
        for i in 0..words {
            if i > 0 {
                content.push(' ');
            }
            content.push_str(WORDS[self.rng.random_range(0..WORDS.len())]);
        }
        let sender = self.rng.random_range(1..=1000);
        let priority = PRIORITIES[self.rng.random_range(0..PRIORITIES.len())];
        let mut tail = std::mem::take(&mut self.tail);
        tail.clear();
        let _ = write!(
            tail,
            r#"","message_id":"{id}","metadata":{{"priority":"{priority}","producer_id":"kmsg-{}","sequence":{seq}}},"sender_id":"user_{sender}","timestamp":"{}"}}"#,
            self.run_id,
            humantime::format_rfc3339_millis(std::time::SystemTime::now()),
        );
        if let Some(size) = self.size {
            let target = size.saturating_sub(HEAD.len() + tail.len());
            while content.len() < target {
                content.push(' ');
                content.push_str(WORDS[self.rng.random_range(0..WORDS.len())]);
            }
            content.truncate(target.max(1));
        }
        let mut good = Vec::with_capacity(HEAD.len() + content.len() + tail.len());
        good.extend_from_slice(HEAD.as_bytes());
        good.extend_from_slice(content.as_bytes());
        good.extend_from_slice(tail.as_bytes());
        self.content = content;
        self.tail = tail;
        match invalid {
            None => good,
            Some(kind) => bad_bytes(
                kind,
                &serde_json::from_slice(&good).expect("a generated post is JSON"),
            ),
        }
    }

    /// A login like the original generator's, or the bad variant `invalid` asks for.
    fn login(&mut self, invalid: Option<InvalidKind>) -> Vec<u8> {
        let ip = format!(
            "{}.{}.{}.{}",
            self.rng.random_range(1..=223),
            self.rng.random_range(0..=255),
            self.rng.random_range(0..=255),
            self.rng.random_range(1..=254)
        );
        let mut doc = json!({
            "user_id": self.uuid4(),
            "app_version": format!("{}.{}.{}", self.rng.random_range(1..=3), self.rng.random_range(0..=9), self.rng.random_range(0..=9)),
            "ip": ip,
            "locale": LOCALES[self.rng.random_range(0..LOCALES.len())],
            "device_id": self.uuid4(),
            "timestamp": std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
            "device_type": DEVICES[self.rng.random_range(0..DEVICES.len())],
        });
        match invalid {
            None => {}
            Some(InvalidKind::BadIp) => {
                doc["ip"] = json!(format!("{}.1.2.3", self.rng.random_range(256..=999)));
            }
            Some(InvalidKind::BadLocale) => {
                doc["locale"] =
                    json!(LOCALES_ALPHA3[self.rng.random_range(0..LOCALES_ALPHA3.len())]);
            }
            Some(InvalidKind::MissingField) => {
                let field = LOGIN_FIELDS[self.rng.random_range(0..LOGIN_FIELDS.len())];
                doc.as_object_mut()
                    .expect("a login is an object")
                    .remove(field);
            }
            Some(InvalidKind::TimestampAsString) => {
                doc["timestamp"] = json!(doc["timestamp"].to_string());
            }
            Some(kind) => return bad_bytes(kind, &doc),
        }
        serde_json::to_vec(&doc).expect("json")
    }

    /// A random (version 4) UUID drawn from the seeded generator, so runs are reproducible.
    fn uuid4(&mut self) -> String {
        uuid::Builder::from_random_bytes(self.rng.random())
            .into_uuid()
            .hyphenated()
            .to_string()
    }
}

/// The bytes of a structurally bad message derived from a good document. The field-level
/// kinds are made by [`Generator::login`]; here they leave the document as it is.
fn bad_bytes(kind: InvalidKind, doc: &serde_json::Value) -> Vec<u8> {
    let good = serde_json::to_vec(doc).expect("json");
    match kind {
        InvalidKind::MalformedJson => {
            let mut text = String::from_utf8(good).expect("utf8");
            text = text.replacen(':', " ", 1);
            text.into_bytes()
        }
        InvalidKind::TruncatedJson => good[..good.len() / 2].to_vec(),
        InvalidKind::NotUtf8 => {
            let mut bytes = b"{\"bytes\": \"".to_vec();
            bytes.extend_from_slice(&[0xff, 0xfe, 0xc3, 0x28]);
            bytes.extend_from_slice(b"\"}");
            bytes
        }
        InvalidKind::EmptyValue => Vec::new(),
        InvalidKind::BadIp
        | InvalidKind::BadLocale
        | InvalidKind::MissingField
        | InvalidKind::TimestampAsString => good,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::validate::SchemaValidator;
    use std::collections::{BTreeMap, HashSet};

    fn repo_schema(name: &str) -> SchemaValidator {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
        SchemaValidator::from_file(&path).unwrap()
    }

    /// `schema.json`: the original system's contract.
    fn schema() -> SchemaValidator {
        repo_schema("schema.json")
    }

    fn is_uuid4(s: &str) -> bool {
        s.len() == 36
            && uuid::Uuid::parse_str(s).is_ok_and(|u| u.get_version_num() == 4)
            && !s.bytes().any(|b| b.is_ascii_uppercase())
    }

    #[test]
    fn generated_logins_are_shaped_like_the_original_generators_and_pass_both_schemas() {
        let (schema, strict) = (schema(), repo_schema("schema.strict.json"));
        let mut g = Generator::new(GenerateKind::Login, 7, 0.0, None);
        let mut keys = HashSet::new();
        let (mut devices, mut locales) = (HashSet::new(), HashSet::new());
        for _ in 0..2000 {
            let m = g.next_message();
            let v: serde_json::Value = serde_json::from_slice(&m.value).unwrap();
            assert!(schema.violations(&v).is_empty(), "{v}");
            assert!(strict.violations(&v).is_empty(), "{v}");
            assert_eq!(v.as_object().unwrap().len(), 7, "{v}");
            assert!(is_uuid4(v["user_id"].as_str().unwrap()), "{v}");
            assert!(is_uuid4(v["device_id"].as_str().unwrap()), "{v}");
            let version: Vec<&str> = v["app_version"].as_str().unwrap().split('.').collect();
            assert_eq!(version.len(), 3, "{v}");
            assert!(version.iter().all(|p| p.parse::<u32>().is_ok()), "{v}");
            assert!(v["timestamp"].is_u64(), "{v}");
            let locale = v["locale"].as_str().unwrap();
            assert!(
                locale.len() == 2 && locale.bytes().all(|b| b.is_ascii_uppercase()),
                "{v}"
            );
            devices.insert(v["device_type"].as_str().unwrap().to_string());
            locales.insert(locale.to_string());
            assert!(keys.insert(m.key));
        }
        assert_eq!(
            devices,
            HashSet::from(["android".to_string(), "iOS".to_string()])
        );
        assert_eq!(locales.len(), LOCALES.len());
    }

    #[test]
    fn each_bad_login_kind_breaks_the_contract_rule_it_is_named_for() {
        let schema = schema();
        let mut g = Generator::new(GenerateKind::Login, 5, 1.0, None);
        let mut missing = HashSet::new();
        let mut seen = HashSet::new();
        for _ in 0..600 {
            let m = g.next_message();
            let kind = m.invalid.expect("a ratio of 1 makes every message bad");
            seen.insert(kind);
            let Ok(v) = serde_json::from_slice::<serde_json::Value>(&m.value) else {
                assert!(
                    matches!(kind, InvalidKind::MalformedJson | InvalidKind::NotUtf8),
                    "{m:?}"
                );
                continue;
            };
            let violations = schema.violations(&v);
            assert_eq!(violations.len(), 1, "{kind:?}: {violations:?}");
            let (field, rule) = (violations[0].field.as_str(), violations[0].rule.as_str());
            match kind {
                InvalidKind::BadIp => assert_eq!((field, rule), ("/ip", "format")),
                InvalidKind::BadLocale => assert_eq!((field, rule), ("/locale", "maxLength")),
                InvalidKind::TimestampAsString => {
                    assert_eq!((field, rule), ("/timestamp", "type"));
                    assert!(v["timestamp"].as_str().unwrap().parse::<u64>().is_ok());
                }
                InvalidKind::MissingField => {
                    assert_eq!(rule, "required");
                    assert_eq!(v.as_object().unwrap().len(), 6);
                    missing.insert(LOGIN_FIELDS.iter().find(|f| v.get(**f).is_none()).unwrap());
                }
                other => panic!("{other:?} is JSON: {v}"),
            }
        }
        assert_eq!(seen.len(), LOGIN_BAD_KINDS.len());
        assert_eq!(
            missing.len(),
            7,
            "every field is left out at times: {missing:?}"
        );
    }

    #[test]
    fn posts_carry_their_id_as_message_id_and_key() {
        let mut g = Generator::new(GenerateKind::Posts, 1, 0.0, None);
        let m = g.next_message();
        let v: serde_json::Value = serde_json::from_slice(&m.value).unwrap();
        assert_eq!(v["message_id"], m.key.as_str());
        assert_eq!(v["metadata"]["sequence"], 0);
        for field in ["sender_id", "content", "timestamp"] {
            assert!(v.get(field).is_some(), "{field}");
        }
    }

    #[test]
    fn posts_are_the_json_serde_would_write() {
        let mut g = Generator::new(GenerateKind::Posts, 3, 0.0, None);
        for _ in 0..100 {
            let m = g.next_message();
            let v: serde_json::Value = serde_json::from_slice(&m.value).unwrap();
            assert_eq!(serde_json::to_vec(&v).unwrap(), m.value);
            let words = v["content"].as_str().unwrap().split(' ').count();
            assert!((4..12).contains(&words), "{v}");
            assert!(v["sender_id"].as_str().unwrap().starts_with("user_"));
            assert!(v["metadata"]["producer_id"]
                .as_str()
                .unwrap()
                .starts_with("kmsg-"));
        }
    }

    #[test]
    fn size_pads_posts_to_about_the_target() {
        let mut g = Generator::new(GenerateKind::Posts, 1, 0.0, Some(1000));
        let len = g.next_message().value.len();
        assert!((990..=1010).contains(&len), "{len}");
    }

    #[test]
    fn the_invalid_ratio_is_exact_and_kinds_share_it_evenly() {
        let schema = schema();
        let mut g = Generator::new(GenerateKind::Login, 42, 0.06, None);
        let mut kinds: BTreeMap<InvalidKind, usize> = BTreeMap::new();
        for _ in 0..1000 {
            let m = g.next_message();
            let parsed = std::str::from_utf8(&m.value)
                .ok()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok());
            let valid = parsed.is_some_and(|v| schema.violations(&v).is_empty());
            assert_eq!(valid, m.invalid.is_none(), "{m:?}");
            if let Some(k) = m.invalid {
                *kinds.entry(k).or_default() += 1;
            }
        }
        assert_eq!(kinds.values().sum::<usize>(), 60);
        assert_eq!(kinds.len(), 6);
        assert!(kinds.values().all(|&n| n == 10), "{kinds:?}");
    }

    #[test]
    fn the_same_seed_gives_the_same_messages() {
        let mut a = Generator::new(GenerateKind::Posts, 9, 0.1, None);
        let mut b = Generator::new(GenerateKind::Posts, 9, 0.1, None);
        for _ in 0..50 {
            let (x, y) = (a.next_message(), b.next_message());
            assert_eq!(x.key, y.key);
            assert_eq!(x.invalid, y.invalid);
        }
    }
}
