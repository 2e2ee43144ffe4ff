//! Dead-letter records: the original key, value bytes and headers unchanged, plus the
//! `kmsg.dlq.*` context headers of the error-handling spec (UTF-8 text, numbers in decimal,
//! so kcat and people can read them).

use std::borrow::Cow;
use std::time::SystemTime;

/// The largest `kmsg.dlq.error.detail`, so a message with thousands of errors stays small.
const MAX_DETAIL: usize = 4096;

/// Why and where a message was given up on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetter {
    pub original_topic: String,
    pub original_partition: i32,
    pub original_offset: i64,
    pub original_timestamp: Option<i64>,
    pub group: String,
    /// `decode`, `validate`, `process`, `produce`.
    pub stage: String,
    /// `json_parse`, `not_utf8`, `deserialization`, `schema_validation`,
    /// `retries_exhausted`, ...
    pub class: String,
    pub message: String,
    pub detail: String,
    pub attempts: u32,
    pub failed_at: SystemTime,
}

impl DeadLetter {
    /// The record's headers, each handed to `put` in order: the original ones first (but the
    /// error headers of an earlier failure, which this letter replaces), then kmsg's context.
    /// No header is copied on the way: `put` writes each straight into the record.
    pub fn write_headers<'a>(
        &self,
        original: impl IntoIterator<Item = (&'a str, Option<&'a [u8]>)>,
        mut put: impl FnMut(&str, Option<&[u8]>),
    ) {
        for (k, v) in original {
            if !(k.starts_with("kmsg.dlq.error.")
                || k == "kmsg.dlq.attempts"
                || k == "kmsg.dlq.failed.at")
            {
                put(k, v);
            }
        }
        let mut text = |k: &str, v: &str| put(k, Some(v.as_bytes()));
        let mut n = itoa::Buffer::new();
        text("kmsg.dlq.original.topic", &self.original_topic);
        text(
            "kmsg.dlq.original.partition",
            n.format(self.original_partition),
        );
        text("kmsg.dlq.original.offset", n.format(self.original_offset));
        if let Some(ts) = self.original_timestamp {
            text("kmsg.dlq.original.timestamp", n.format(ts));
        }
        text("kmsg.dlq.consumer.group", &self.group);
        text("kmsg.dlq.stage", &self.stage);
        text("kmsg.dlq.error.class", &self.class);
        text("kmsg.dlq.error.message", &one_line(&self.message));
        text("kmsg.dlq.error.detail", &cap(&self.detail, MAX_DETAIL));
        text("kmsg.dlq.attempts", n.format(self.attempts));
        text(
            "kmsg.dlq.failed.at",
            &humantime::format_rfc3339_millis(self.failed_at).to_string(),
        );
    }

    /// [`write_headers`](Self::write_headers) collected into a list.
    #[cfg(test)]
    pub fn headers(
        &self,
        original: &[(String, Option<Vec<u8>>)],
    ) -> Vec<(String, Option<Vec<u8>>)> {
        let mut out = Vec::new();
        self.write_headers(
            original.iter().map(|(k, v)| (k.as_str(), v.as_deref())),
            |k, v| out.push((k.to_string(), v.map(<[u8]>::to_vec))),
        );
        out
    }
}

/// What a dead-letter record says about itself, read from kmsg's `kmsg.dlq.*` headers, or
/// Spring Kafka's `kafka_dlt-*` (numbers as big-endian binary) or Kafka Connect's
/// `__connect.errors.*` headers.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DeadLetterInfo {
    /// `kmsg`, `spring`, `connect`, or `unknown`.
    pub format: &'static str,
    pub original_topic: Option<String>,
    pub original_partition: Option<i32>,
    pub original_offset: Option<i64>,
    pub original_timestamp: Option<i64>,
    pub group: Option<String>,
    pub stage: Option<String>,
    pub class: Option<String>,
    pub message: Option<String>,
    pub detail: Option<String>,
    pub attempts: Option<u32>,
    pub failed_at: Option<String>,
    pub replay_count: u32,
}

fn text(v: &Option<Vec<u8>>) -> Option<String> {
    v.as_ref().map(|b| String::from_utf8_lossy(b).to_string())
}

fn be_int(v: &Option<Vec<u8>>) -> Option<i64> {
    let b = v.as_ref()?;
    match b.len() {
        4 => Some(i32::from_be_bytes(b[..4].try_into().ok()?) as i64),
        8 => Some(i64::from_be_bytes(b[..8].try_into().ok()?)),
        _ => std::str::from_utf8(b).ok()?.trim().parse().ok(),
    }
}

/// Reads the dead-letter context out of a record's headers.
pub fn describe(headers: &[(String, Option<Vec<u8>>)]) -> DeadLetterInfo {
    let get = |k: &str| {
        headers
            .iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
    };
    let num = |k: &str| {
        get(k)
            .and_then(|v| text(&v))
            .and_then(|t| t.trim().parse::<i64>().ok())
    };
    let replay_count = num("kmsg.dlq.replay.count").unwrap_or(0).max(0) as u32;
    if get("kmsg.dlq.error.class").is_some() || get("kmsg.dlq.original.topic").is_some() {
        return DeadLetterInfo {
            format: "kmsg",
            original_topic: get("kmsg.dlq.original.topic").and_then(|v| text(&v)),
            original_partition: num("kmsg.dlq.original.partition").map(|p| p as i32),
            original_offset: num("kmsg.dlq.original.offset"),
            original_timestamp: num("kmsg.dlq.original.timestamp"),
            group: get("kmsg.dlq.consumer.group").and_then(|v| text(&v)),
            stage: get("kmsg.dlq.stage").and_then(|v| text(&v)),
            class: get("kmsg.dlq.error.class").and_then(|v| text(&v)),
            message: get("kmsg.dlq.error.message").and_then(|v| text(&v)),
            detail: get("kmsg.dlq.error.detail").and_then(|v| text(&v)),
            attempts: num("kmsg.dlq.attempts").map(|a| a.max(0) as u32),
            failed_at: get("kmsg.dlq.failed.at").and_then(|v| text(&v)),
            replay_count,
        };
    }
    if get("kafka_dlt-original-topic").is_some() || get("kafka_dlt-exception-fqcn").is_some() {
        return DeadLetterInfo {
            format: "spring",
            original_topic: get("kafka_dlt-original-topic").and_then(|v| text(&v)),
            original_partition: get("kafka_dlt-original-partition")
                .and_then(|v| be_int(&v))
                .map(|p| p as i32),
            original_offset: get("kafka_dlt-original-offset").and_then(|v| be_int(&v)),
            original_timestamp: get("kafka_dlt-original-timestamp").and_then(|v| be_int(&v)),
            group: get("kafka_dlt-original-consumer-group").and_then(|v| text(&v)),
            stage: None,
            class: get("kafka_dlt-exception-fqcn").and_then(|v| text(&v)),
            message: get("kafka_dlt-exception-message").and_then(|v| text(&v)),
            detail: get("kafka_dlt-exception-stacktrace").and_then(|v| text(&v)),
            attempts: get("kafka_deliveryAttempt")
                .and_then(|v| be_int(&v))
                .map(|a| a.max(0) as u32),
            failed_at: None,
            replay_count,
        };
    }
    if headers
        .iter()
        .any(|(k, _)| k.starts_with("__connect.errors."))
    {
        return DeadLetterInfo {
            format: "connect",
            original_topic: get("__connect.errors.topic").and_then(|v| text(&v)),
            original_partition: num("__connect.errors.partition").map(|p| p as i32),
            original_offset: num("__connect.errors.offset"),
            original_timestamp: None,
            group: None,
            stage: get("__connect.errors.stage").and_then(|v| text(&v)),
            class: get("__connect.errors.exception.class.name").and_then(|v| text(&v)),
            message: get("__connect.errors.exception.message").and_then(|v| text(&v)),
            detail: get("__connect.errors.exception.stacktrace").and_then(|v| text(&v)),
            attempts: None,
            failed_at: None,
            replay_count,
        };
    }
    DeadLetterInfo {
        format: "unknown",
        replay_count,
        ..DeadLetterInfo::default()
    }
}

fn one_line(s: &str) -> Cow<'_, str> {
    if s.contains(['\n', '\r']) {
        Cow::Owned(s.replace(['\n', '\r'], " "))
    } else {
        Cow::Borrowed(s)
    }
}

fn cap(s: &str, max: usize) -> Cow<'_, str> {
    if s.len() <= max {
        return Cow::Borrowed(s);
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}… (truncated)", &s[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter() -> DeadLetter {
        DeadLetter {
            original_topic: "posts".into(),
            original_partition: 4,
            original_offset: 1234,
            original_timestamp: Some(1_700_000_000_000),
            group: "g1".into(),
            stage: "validate".into(),
            class: "schema_validation".into(),
            message: "/ip: format: bad\nsecond line".into(),
            detail: "x".repeat(10_000),
            attempts: 1,
            failed_at: SystemTime::UNIX_EPOCH,
        }
    }

    fn get<'a>(h: &'a [(String, Option<Vec<u8>>)], k: &str) -> &'a str {
        let v = h
            .iter()
            .find(|(n, _)| n == k)
            .unwrap_or_else(|| panic!("{k} missing"));
        std::str::from_utf8(v.1.as_ref().unwrap()).unwrap()
    }

    #[test]
    fn headers_carry_the_context_as_readable_text() {
        let h = letter().headers(&[("trace".into(), Some(b"abc".to_vec()))]);
        assert_eq!(
            h[0],
            ("trace".to_string(), Some(b"abc".to_vec())),
            "original headers first"
        );
        assert_eq!(get(&h, "kmsg.dlq.original.topic"), "posts");
        assert_eq!(get(&h, "kmsg.dlq.original.partition"), "4");
        assert_eq!(get(&h, "kmsg.dlq.original.offset"), "1234");
        assert_eq!(get(&h, "kmsg.dlq.original.timestamp"), "1700000000000");
        assert_eq!(get(&h, "kmsg.dlq.consumer.group"), "g1");
        assert_eq!(get(&h, "kmsg.dlq.stage"), "validate");
        assert_eq!(get(&h, "kmsg.dlq.error.class"), "schema_validation");
        assert_eq!(
            get(&h, "kmsg.dlq.error.message"),
            "/ip: format: bad second line"
        );
        assert!(get(&h, "kmsg.dlq.error.detail").len() < 4200);
        assert_eq!(get(&h, "kmsg.dlq.attempts"), "1");
        assert_eq!(get(&h, "kmsg.dlq.failed.at"), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn describes_kmsg_spring_and_connect_dead_letters() {
        let kmsg = letter().headers(&[]);
        let info = describe(&kmsg);
        assert_eq!(info.format, "kmsg");
        assert_eq!(info.original_partition, Some(4));
        assert_eq!(info.class.as_deref(), Some("schema_validation"));

        let spring = vec![
            (
                "kafka_dlt-original-topic".to_string(),
                Some(b"orders".to_vec()),
            ),
            (
                "kafka_dlt-original-partition".to_string(),
                Some(3i32.to_be_bytes().to_vec()),
            ),
            (
                "kafka_dlt-original-offset".to_string(),
                Some(77i64.to_be_bytes().to_vec()),
            ),
            (
                "kafka_dlt-exception-fqcn".to_string(),
                Some(b"java.lang.IllegalStateException".to_vec()),
            ),
            (
                "kafka_dlt-exception-message".to_string(),
                Some(b"boom".to_vec()),
            ),
        ];
        let info = describe(&spring);
        assert_eq!(info.format, "spring");
        assert_eq!(
            (info.original_partition, info.original_offset),
            (Some(3), Some(77))
        );
        assert_eq!(
            info.class.as_deref(),
            Some("java.lang.IllegalStateException")
        );

        let connect = vec![
            (
                "__connect.errors.topic".to_string(),
                Some(b"events".to_vec()),
            ),
            (
                "__connect.errors.partition".to_string(),
                Some(b"1".to_vec()),
            ),
            ("__connect.errors.offset".to_string(), Some(b"12".to_vec())),
            (
                "__connect.errors.stage".to_string(),
                Some(b"VALUE_CONVERTER".to_vec()),
            ),
            (
                "__connect.errors.exception.class.name".to_string(),
                Some(b"org.apache.kafka.connect.errors.DataException".to_vec()),
            ),
        ];
        let info = describe(&connect);
        assert_eq!(info.format, "connect");
        assert_eq!(
            (info.original_partition, info.original_offset),
            (Some(1), Some(12))
        );
        assert_eq!(info.stage.as_deref(), Some("VALUE_CONVERTER"));
        assert_eq!(describe(&[]).format, "unknown");
    }

    #[test]
    fn old_error_headers_of_a_replayed_record_are_replaced_not_doubled() {
        let old = vec![
            (
                "kmsg.dlq.error.class".to_string(),
                Some(b"json_parse".to_vec()),
            ),
            ("kmsg.dlq.replay.count".to_string(), Some(b"1".to_vec())),
        ];
        let h = letter().headers(&old);
        assert_eq!(
            h.iter()
                .filter(|(k, _)| k == "kmsg.dlq.error.class")
                .count(),
            1
        );
        assert_eq!(get(&h, "kmsg.dlq.replay.count"), "1");
    }
}
