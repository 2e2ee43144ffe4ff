//! `--filter EXPR` of the reading commands (`view`, `dlq list`): a jq expression, run by the
//! `jaq` crates (jaq-core, jaq-std, jaq-json: the maintained Rust jq), over one object per
//! record, compiled once and evaluated per record without a JSON text round trip.
//!
//! The object a record is seen as:
//!
//! - `key`: the key as a string when it is UTF-8, base64 of its bytes otherwise (as the JSON
//!   envelope of `view -o json` writes it), the registry-decoded JSON when `--decode`
//!   decoded it, `null` for a null key;
//! - `value`: the value parsed as JSON when it is JSON, else a string (UTF-8 text, or base64
//!   of binary bytes), the registry-decoded JSON when `--decode` decoded it, `null` for a
//!   null value (a tombstone);
//! - `headers`: an object, header name → value (a string; base64 when not UTF-8; `null` for
//!   a null value); when a name repeats, the last value wins (Kafka's `lastHeader`);
//! - `topic`, `partition`, `offset`, and `timestamp` (milliseconds since the epoch, `null`
//!   when the record has none).
//!
//! A record matches when the expression yields a truthy value (jq's truthiness: anything
//! but `false` and `null`) before any error. An error on a record (`.value.a` on a text
//! value) means that record does not match; the caller counts them and reports the first
//! (jq's `?` silences one: `.value.a? == 1`). `halt`, `input` and `$ENV` are not offered.

use std::fmt::Write as _;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use jaq_core::compile::Undefined;
use jaq_core::load::{Arena, File, Loader};
use jaq_core::{data, Ctx, Vars};
use jaq_json::{Map, Num, Val};

/// A `--filter` expression that does not parse or compile: a usage error, with jaq's reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--filter {code:?} is not a valid jq expression: {reason}")]
pub struct FilterError {
    pub code: String,
    pub reason: String,
}

type Data = data::JustLut<Val>;

/// A compiled `--filter` expression.
pub struct RecordFilter {
    filter: jaq_core::Filter<Data>,
}

/// A key or value as the filter sees it.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// The record's bytes (`None`: a Kafka null).
    Bytes(Option<&'a [u8]>),
    /// JSON a schema registry decoded the bytes to.
    Decoded(&'a serde_json::Value),
}

/// One record, borrowed, for [`RecordFilter::matches`].
#[derive(Debug, Clone, Copy)]
pub struct RecordFields<'a> {
    pub topic: &'a str,
    pub partition: i32,
    pub offset: i64,
    pub timestamp: Option<i64>,
    pub key: Part<'a>,
    pub value: Part<'a>,
    /// Header names and values in the record's order.
    pub headers: &'a [(&'a str, Option<&'a [u8]>)],
}

impl RecordFilter {
    /// Parses and compiles `code` once, with jq's standard library.
    pub fn compile(code: &str) -> Result<Self, FilterError> {
        let fail = |reason: String| FilterError {
            code: code.to_string(),
            reason,
        };
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        let funs = jaq_core::funs()
            .chain(jaq_std::funs())
            .chain(jaq_json::funs());
        let arena = Arena::default();
        let modules = Loader::new(defs)
            .load(&arena, File { code, path: () })
            .map_err(|errs| fail(load_reason(code, errs)))?;
        let filter = jaq_core::Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|errs| {
                let mut reason = String::new();
                for (_, undefined) in errs {
                    for (name, what) in undefined {
                        if !reason.is_empty() {
                            reason.push_str("; ");
                        }
                        let _ = match what {
                            Undefined::Filter(arity) => {
                                write!(reason, "undefined filter {name}/{arity}")
                            }
                            other => write!(reason, "undefined {} {name}", other.as_str()),
                        };
                    }
                }
                fail(reason)
            })?;
        Ok(RecordFilter { filter })
    }

    /// Whether the record matches: the expression yields a truthy value before any error.
    /// `Err` holds the error that came first (the record does not match).
    pub fn matches(&self, record: &RecordFields<'_>) -> Result<bool, String> {
        self.matches_value(record_value(record))
    }

    /// [`Self::matches`] on a value already built.
    pub fn matches_value(&self, input: Val) -> Result<bool, String> {
        let ctx = Ctx::<Data>::new(&self.filter.lut, Vars::new([]));
        for out in self.filter.id.run((ctx, input)) {
            match out {
                Ok(v) if truthy(&v) => return Ok(true),
                Ok(_) => {}
                Err(exn) => {
                    return Err(match exn.get_err() {
                        Ok(e) => e.to_string(),
                        Err(_) => "halt and break are not supported in --filter".to_string(),
                    })
                }
            }
        }
        Ok(false)
    }
}

fn truthy(v: &Val) -> bool {
    !matches!(v, Val::Null | Val::Bool(false))
}

/// jaq's load (lex and parse) errors as one line: what it expected, what it found, where.
fn load_reason(code: &str, errs: jaq_core::load::Errors<&str, ()>) -> String {
    use jaq_core::load::Error;
    let mut parts = Vec::new();
    let at = |found: &str| {
        let col = jaq_core::load::span(code, found).start + 1;
        match found.chars().next() {
            None => format!("at the end (column {col})"),
            Some(_) => {
                let shown: String = found.chars().take(12).collect();
                format!("at column {col} ({shown:?})")
            }
        }
    };
    for (_, e) in errs {
        match e {
            Error::Io(io) => parts.extend(io.into_iter().map(|(path, e)| format!("{path}: {e}"))),
            Error::Lex(lex) => parts.extend(
                lex.into_iter()
                    .map(|(expect, found)| format!("expected {} {}", expect.as_str(), at(found))),
            ),
            Error::Parse(parse) => parts.extend(
                parse
                    .into_iter()
                    .map(|(expect, found)| format!("expected {} {}", expect.as_str(), at(found))),
            ),
        }
    }
    parts.join("; ")
}

/// Bytes as a jaq string: UTF-8 text, or base64 when not UTF-8 (as the envelope writes it).
fn bytes_text(bytes: &[u8]) -> Val {
    match std::str::from_utf8(bytes) {
        Ok(_) => Val::utf8_str(bytes.to_vec()),
        Err(_) => Val::utf8_str(B64.encode(bytes).into_bytes()),
    }
}

/// A key or value: JSON it parses as (values only), else text.
fn part_value(part: Part<'_>, parse_json: bool) -> Val {
    match part {
        Part::Bytes(None) => Val::Null,
        Part::Decoded(json) => from_json(json),
        Part::Bytes(Some(bytes)) => {
            if parse_json && looks_like_json(bytes) {
                if let Ok(v) = jaq_json::read::parse_single(bytes) {
                    return v;
                }
            }
            bytes_text(bytes)
        }
    }
}

/// jaq's reader accepts `#` comments; text that starts with one is not taken for JSON.
fn looks_like_json(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b != b'#')
}

fn key(name: &'static str) -> Val {
    Val::utf8_str(name.as_bytes())
}

/// The object the expression runs on (see the module doc).
pub fn record_value(r: &RecordFields<'_>) -> Val {
    let mut headers = Map::with_capacity_and_hasher(r.headers.len(), Default::default());
    for (name, value) in r.headers {
        headers.insert(
            Val::utf8_str(name.as_bytes().to_vec()),
            value.map_or(Val::Null, bytes_text),
        );
    }
    // Sized once: growing the map rehashed it on every record.
    let mut m = Map::with_capacity_and_hasher(7, Default::default());
    m.insert(key("key"), part_value(r.key, false));
    m.insert(key("value"), part_value(r.value, true));
    m.insert(key("headers"), Val::obj(headers));
    m.insert(key("topic"), Val::utf8_str(r.topic.as_bytes().to_vec()));
    m.insert(key("partition"), Val::Num(Num::from_integral(r.partition)));
    m.insert(key("offset"), Val::Num(Num::from_integral(r.offset)));
    m.insert(
        key("timestamp"),
        r.timestamp
            .map_or(Val::Null, |t| Val::Num(Num::from_integral(t))),
    );
    Val::obj(m)
}

/// serde_json's value as jaq's, directly.
fn from_json(v: &serde_json::Value) -> Val {
    use serde_json::Value as J;
    match v {
        J::Null => Val::Null,
        J::Bool(b) => Val::Bool(*b),
        J::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Val::Num(Num::from_integral(i)),
            (_, Some(u)) => Val::Num(Num::from_integral(u)),
            _ => Val::from(n.as_f64().unwrap_or(f64::NAN)),
        },
        J::String(s) => Val::utf8_str(s.clone().into_bytes()),
        J::Array(a) => a.iter().map(from_json).collect(),
        J::Object(o) => Val::obj(
            o.iter()
                .map(|(k, v)| (Val::utf8_str(k.clone().into_bytes()), from_json(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record<'a>(
        key: Option<&'a [u8]>,
        value: Option<&'a [u8]>,
        headers: &'a [(&'a str, Option<&'a [u8]>)],
    ) -> RecordFields<'a> {
        RecordFields {
            topic: "logins",
            partition: 2,
            offset: 41,
            timestamp: Some(1_700_000_000_000),
            key: Part::Bytes(key),
            value: Part::Bytes(value),
            headers,
        }
    }

    fn check(code: &str, r: &RecordFields<'_>) -> Result<bool, String> {
        RecordFilter::compile(code).unwrap().matches(r)
    }

    #[test]
    fn values_and_headers_are_seen_as_json_and_strings() {
        let headers: &[(&str, Option<&[u8]>)] = &[
            ("kmsg.dlq.error.class", Some(b"schema_validation")),
            ("n", None),
        ];
        let r = record(
            Some(b"user-1"),
            Some(br#"{"device_type":"iOS","n":3}"#),
            headers,
        );
        let ok = |code| check(code, &r).unwrap();
        assert!(ok(
            r#".value.device_type == "iOS" and .headers["kmsg.dlq.error.class"] == "schema_validation""#
        ));
        assert!(!ok(r#".value.device_type == "Android""#));
        assert!(ok(
            r#".key == "user-1" and .partition == 2 and .offset == 41"#
        ));
        assert!(ok(".timestamp == 1700000000000 and .topic == \"logins\""));
        assert!(ok(".value.n > 2"));
        assert!(ok(r#".headers | has("n") and .n == null"#));
        assert!(ok(r#".key | startswith("user-")"#));
        assert!(ok(r#".key | test("^user-[0-9]+$")"#));
    }

    #[test]
    fn truthiness_is_jqs_and_any_truthy_output_matches() {
        let r = record(None, Some(br#"{"a":[0,false,null]}"#), &[]);
        let ok = |code| check(code, &r).unwrap();
        assert!(ok(".value.a[0]"), "0 is truthy in jq");
        assert!(!ok(".value.a[1]"));
        assert!(!ok(".value.a[2]"));
        assert!(!ok("empty"));
        assert!(ok(".value.a[]"), "0 comes first");
        assert!(ok(".key == null"));
    }

    #[test]
    fn text_binary_and_null_values_are_strings_or_null() {
        let text = record(Some(b"k"), Some(b"hello there"), &[]);
        assert!(check(r#".value == "hello there""#, &text).unwrap());
        let hash = record(None, Some(b"# 5"), &[]);
        assert!(check(r##".value == "# 5""##, &hash).unwrap());
        let bin = record(Some(&[0xff, 0x00, 0xfe]), Some(&[0, 1, 2, 0xff]), &[]);
        assert!(check(r#".key == "/wD+" and .value == "AAEC/w==""#, &bin).unwrap());
        let tomb = record(Some(b"k"), None, &[]);
        assert!(check(".value == null", &tomb).unwrap());
        let number = record(None, Some(b" 42 "), &[]);
        assert!(check(".value == 42", &number).unwrap());
    }

    #[test]
    fn an_error_on_a_record_is_returned_not_a_panic() {
        let r = record(None, Some(b"plain text"), &[]);
        let err = check(".value.device_type == 1", &r).unwrap_err();
        assert!(err.contains("cannot index"), "{err}");
        assert_eq!(check(".value.device_type? == 1", &r), Ok(false));
        assert!(check("halt", &r).is_err());
        assert!(check(r#"error("boom")"#, &r).unwrap_err().contains("boom"));
    }

    #[test]
    fn bad_expressions_are_refused_with_jaqs_reason() {
        let err = RecordFilter::compile(".value ==").err().unwrap();
        assert!(err.reason.contains("expected term"), "{err}");
        let err = RecordFilter::compile(".a | nosuchfn(1)").err().unwrap();
        assert!(err.reason.contains("undefined filter nosuchfn/1"), "{err}");
        let err = RecordFilter::compile("$ENV.HOME").err().unwrap();
        assert!(err.reason.contains("undefined variable"), "{err}");
        let err = RecordFilter::compile(r#"."a"#).err().unwrap();
        assert!(err.to_string().starts_with("--filter"), "{err}");
    }

    #[test]
    fn registry_decoded_json_is_seen_as_itself() {
        let json = serde_json::json!({"user": {"id": 7, "tags": ["a"]}, "big": 18446744073709551615u64, "x": 1.5});
        let r = RecordFields {
            value: Part::Decoded(&json),
            ..record(None, None, &[])
        };
        assert!(check(
            r#".value.user.id == 7 and .value.user.tags[0] == "a" and .value.x == 1.5 and .value.big > 1e19"#,
            &r
        )
        .unwrap());
    }
}
