//! `--filter EXPR` of `view` and `dlq list` on Kafka records: compiles the expression before
//! any network call (a bad one is a usage error, exit 2), shows each record to it as
//! `pipeline::filter` describes (with the key and value `--decode` decoded), and counts the
//! records the expression failed on, which do not match: one warning at the end says how
//! many and shows the first error, so a mistyped path does not pass silently.

use rdkafka::message::{Headers, OwnedMessage};
use rdkafka::Message;

use crate::envelope::Shown;
use crate::error::usage;
use crate::pipeline::filter::{Part, RecordFields, RecordFilter};

/// The first error of the expression, and where.
struct FirstError {
    partition: i32,
    offset: i64,
    reason: String,
}

/// A compiled `--filter` and its tally of failed records.
pub struct Selection {
    filter: Option<RecordFilter>,
    failed: u64,
    first: Option<FirstError>,
}

impl Selection {
    /// Compiles `--filter` (none: every record matches); a bad expression is a usage error.
    pub fn new(code: Option<&str>) -> anyhow::Result<Self> {
        let filter = code
            .map(RecordFilter::compile)
            .transpose()
            .map_err(|e| usage(e.to_string()))?;
        Ok(Selection {
            filter,
            failed: 0,
            first: None,
        })
    }

    /// Whether there is an expression (without one every record matches).
    pub fn is_active(&self) -> bool {
        self.filter.is_some()
    }

    /// Whether the record matches; an error of the expression counts and means no.
    pub fn keeps(&mut self, m: &OwnedMessage, key: &Shown, value: &Shown) -> bool {
        let Some(filter) = &self.filter else {
            return true;
        };
        let headers: Vec<(&str, Option<&[u8]>)> = m
            .headers()
            .map(|h| h.iter().map(|h| (h.key, h.value)).collect())
            .unwrap_or_default();
        let fields = RecordFields {
            topic: m.topic(),
            partition: m.partition(),
            offset: m.offset(),
            timestamp: m.timestamp().to_millis(),
            key: part(key, m.key()),
            value: part(value, m.payload()),
            headers: &headers,
        };
        match filter.matches(&fields) {
            Ok(keep) => keep,
            Err(reason) => {
                self.failed += 1;
                self.first.get_or_insert(FirstError {
                    partition: m.partition(),
                    offset: m.offset(),
                    reason,
                });
                false
            }
        }
    }

    /// One warning on stderr when the expression failed on some records.
    pub fn report(&self) {
        if let Some(first) = &self.first {
            tracing::warn!(
                "--filter failed on {} record(s), which did not match; the first, at partition {} offset {}: {} (jq's `?` ignores an error: .value.a? == 1)",
                self.failed,
                first.partition,
                first.offset,
                first.reason
            );
        }
    }
}

/// A key or value as the filter sees it: the JSON `--decode` decoded, else the bytes.
fn part<'a>(shown: &'a Shown, bytes: Option<&'a [u8]>) -> Part<'a> {
    match shown {
        Shown::Decoded { json, .. } => Part::Decoded(json),
        Shown::Bytes | Shown::Failed(_) => Part::Bytes(bytes),
    }
}
