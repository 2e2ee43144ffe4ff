//! Dead-letter records: the original key, value bytes and headers unchanged, plus the
//! `kmsg.dlq.*` context headers of the error-handling spec (UTF-8 text, numbers in decimal,
//! so kcat and people can read them).

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
    /// `json_parse`, `not_utf8`, `schema_validation`, `retries_exhausted`, ...
    pub class: String,
    pub message: String,
    pub detail: String,
    pub attempts: u32,
    pub failed_at: SystemTime,
}

impl DeadLetter {
    /// The record's headers: the original ones first, then kmsg's context.
    pub fn headers(
        &self,
        original: &[(String, Option<Vec<u8>>)],
    ) -> Vec<(String, Option<Vec<u8>>)> {
        let mut out: Vec<(String, Option<Vec<u8>>)> = original
            .iter()
            .filter(|(k, _)| {
                !k.starts_with("kmsg.dlq.error.")
                    && k != "kmsg.dlq.attempts"
                    && k != "kmsg.dlq.failed.at"
            })
            .cloned()
            .collect();
        let mut put = |k: &str, v: String| out.push((k.to_string(), Some(v.into_bytes())));
        put("kmsg.dlq.original.topic", self.original_topic.clone());
        put(
            "kmsg.dlq.original.partition",
            self.original_partition.to_string(),
        );
        put("kmsg.dlq.original.offset", self.original_offset.to_string());
        if let Some(ts) = self.original_timestamp {
            put("kmsg.dlq.original.timestamp", ts.to_string());
        }
        put("kmsg.dlq.consumer.group", self.group.clone());
        put("kmsg.dlq.stage", self.stage.clone());
        put("kmsg.dlq.error.class", self.class.clone());
        put("kmsg.dlq.error.message", one_line(&self.message));
        put("kmsg.dlq.error.detail", cap(&self.detail, MAX_DETAIL));
        put("kmsg.dlq.attempts", self.attempts.to_string());
        put(
            "kmsg.dlq.failed.at",
            humantime::format_rfc3339_millis(self.failed_at).to_string(),
        );
        out
    }
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

fn cap(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… (truncated)", &s[..end])
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
