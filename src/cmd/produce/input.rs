//! Where `produce`'s messages come from: the running source (generated, piped lines or one
//! message), the reader thread that hands piped lines over in batches, and the pure parsing
//! of one input line into a message (unit-tested).

use std::io::{BufRead, BufReader, Read};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError};
use std::time::Duration;

use anyhow::Context as _;

use crate::cli::InputFormat;
use crate::envelope::{Envelope, Registered};
use crate::kafka::producer::Outgoing;
use crate::pipeline::generate::{Generator, InvalidKind};
use crate::pipeline::json_scan;

use super::plan::SourcePlan;

/// Input lines per message from the reader thread: one channel hand-over (and thread wake-up)
/// per batch, not per line. A batch is also handed over as soon as the input has nothing more
/// buffered, so slow input is never held back.
const LINE_BATCH: usize = 512;

/// Batches the reader thread may have handed over and the sender not yet taken: a few
/// milliseconds of input at full speed, to ride out a pause of either side (each batch is
/// about 100 KB of 200-byte lines).
const LINE_BATCHES: usize = 4;

/// An input line with its number, or the read error met there.
type Line = (u64, std::io::Result<Vec<u8>>);

/// A message as read, before any registry encoding (`encode`).
#[derive(Debug)]
pub(super) struct Parsed {
    pub(super) msg: Outgoing,
    /// An envelope's key with encoding `registry` (then `msg.key` is empty): to be encoded
    /// again.
    pub(super) key_registered: Option<Box<Registered>>,
    /// The same for the value.
    pub(super) value_registered: Option<Box<Registered>>,
}

impl From<Outgoing> for Parsed {
    fn from(msg: Outgoing) -> Self {
        Parsed {
            msg,
            key_registered: None,
            value_registered: None,
        }
    }
}

/// Turns one input line into a message (pure; unit-tested). The line's buffer becomes the
/// value, without a copy.
pub(super) fn parse_line(
    mut line: Vec<u8>,
    format: InputFormat,
    key_separator: Option<&[u8]>,
) -> Result<Parsed, String> {
    if format == InputFormat::JsonEnvelope {
        let text = std::str::from_utf8(&line).map_err(|_| "the line is not UTF-8".to_string())?;
        let mut env: Envelope = serde_json::from_str(text)
            .map_err(|e| crate::envelope::EnvelopeError::Json(e.to_string()).to_string())?;
        let mut registered = |is_key| match env.take_registered(is_key) {
            Ok(r) => Ok(r.map(Box::new)),
            Err(e) => Err(e.to_string()),
        };
        let key_registered = registered(true)?;
        let value_registered = registered(false)?;
        let raw = env.into_raw().map_err(|e| e.to_string())?;
        return Ok(Parsed {
            msg: Outgoing {
                key: raw.key,
                value: raw.value,
                headers: raw.headers,
                partition: raw.partition,
                timestamp: raw.timestamp,
            },
            key_registered,
            value_registered,
        });
    }
    let (key, value) = match key_separator {
        Some(sep) => match find(&line, sep) {
            Some(at) => {
                let value = line.split_off(at + sep.len());
                line.truncate(at);
                (Some(line), value)
            }
            None => return Err("the key separator is missing".into()),
        },
        None => (None, line),
    };
    // The fast scan answers for almost every line; serde_json has the last word (and the
    // error message) on the rest.
    if format == InputFormat::Json && !json_scan::is_json(&value) {
        serde_json::from_slice::<serde::de::IgnoredAny>(&value)
            .map_err(|e| format!("not valid JSON: {e}"))?;
    }
    Ok(Outgoing {
        key,
        value: Some(value),
        ..Outgoing::default()
    }
    .into())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// One step of a source.
pub(super) enum Next {
    Message(Parsed, Option<InvalidKind>, u64),
    Bad { line: u64, reason: String },
    Wait,
    End,
}

/// A running source.
pub(super) enum Source {
    Generate(Box<Generator>),
    Lines {
        rx: Receiver<Vec<Line>>,
        pending: std::vec::IntoIter<Line>,
        format: InputFormat,
        key_separator: Option<Vec<u8>>,
    },
    Single(Option<Outgoing>),
}

impl Source {
    pub(super) fn start(plan: &SourcePlan) -> anyhow::Result<Source> {
        Ok(match plan {
            SourcePlan::Generate {
                kind,
                seed,
                invalid_ratio,
                size,
            } => Source::Generate(Box::new(Generator::new(
                *kind,
                *seed,
                *invalid_ratio,
                *size,
            ))),
            SourcePlan::Single(msg) => Source::Single(Some(msg.clone())),
            SourcePlan::Lines {
                file,
                format,
                key_separator,
            } => {
                let reader: Box<dyn Read + Send> = match file {
                    Some(path) => Box::new(
                        std::fs::File::open(path)
                            .with_context(|| format!("cannot open {}", path.display()))?,
                    ),
                    None => Box::new(std::io::stdin()),
                };
                let (tx, rx) = sync_channel(LINE_BATCHES);
                std::thread::spawn(move || read_lines(reader, tx));
                Source::Lines {
                    rx,
                    pending: Vec::new().into_iter(),
                    format: *format,
                    key_separator: key_separator.clone(),
                }
            }
        })
    }

    pub(super) fn next(&mut self) -> Next {
        match self {
            Source::Generate(g) => {
                let m = g.next_message();
                let mut headers = Vec::new();
                if let Some(kind) = m.invalid {
                    headers.push((
                        "kmsg.invalid".to_string(),
                        Some(kind.as_str().as_bytes().to_vec()),
                    ));
                }
                Next::Message(
                    Outgoing {
                        key: Some(m.key.into_bytes()),
                        value: Some(m.value),
                        headers,
                        ..Outgoing::default()
                    }
                    .into(),
                    m.invalid,
                    0,
                )
            }
            Source::Single(msg) => match msg.take() {
                Some(m) => Next::Message(m.into(), None, 0),
                None => Next::End,
            },
            Source::Lines {
                rx,
                pending,
                format,
                key_separator,
            } => loop {
                match pending.next() {
                    Some((line, Ok(bytes))) => {
                        return match parse_line(bytes, *format, key_separator.as_deref()) {
                            Ok(m) => Next::Message(m, None, line),
                            Err(reason) => Next::Bad { line, reason },
                        }
                    }
                    Some((line, Err(e))) => {
                        return Next::Bad {
                            line,
                            reason: format!("cannot read input: {e}"),
                        }
                    }
                    None => match rx.recv_timeout(Duration::from_millis(50)) {
                        Ok(batch) => *pending = batch.into_iter(),
                        Err(RecvTimeoutError::Timeout) => return Next::Wait,
                        Err(RecvTimeoutError::Disconnected) => return Next::End,
                    },
                }
            },
        }
    }
}

/// The reader thread: numbered non-blank lines, without their line ending, in batches of up
/// to `LINE_BATCH`; a read error ends the input after being passed on.
fn read_lines(reader: Box<dyn Read + Send>, tx: std::sync::mpsc::SyncSender<Vec<Line>>) {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut line_no = 0u64;
    let mut batch = Vec::with_capacity(LINE_BATCH);
    // Lines tend to be alike: start each buffer at the last line's size, so most lines are
    // read with one allocation and no regrowth.
    let mut last_len = 64;
    loop {
        let mut buf = Vec::with_capacity(last_len + 2);
        line_no += 1;
        let end = match reader.read_until(b'\n', &mut buf) {
            Ok(0) => true,
            Ok(_) => {
                last_len = buf.len();
                while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    buf.pop();
                }
                if !buf.iter().all(u8::is_ascii_whitespace) {
                    batch.push((line_no, Ok(buf)));
                }
                false
            }
            Err(e) => {
                batch.push((line_no, Err(e)));
                true
            }
        };
        let more_buffered = !reader.buffer().is_empty();
        if !batch.is_empty() && (end || batch.len() >= LINE_BATCH || !more_buffered) {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(LINE_BATCH));
            if tx.send(full).is_err() {
                return;
            }
        }
        if end {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_must_be_json() {
        assert!(parse_line(br#"{"a":1}"#.to_vec(), InputFormat::Json, None).is_ok());
        let err = parse_line(b"{nope".to_vec(), InputFormat::Json, None).unwrap_err();
        assert!(err.starts_with("not valid JSON"), "{err}");
        assert!(parse_line(b"{nope".to_vec(), InputFormat::Raw, None).is_ok());
    }

    #[test]
    fn a_key_separator_splits_at_its_first_occurrence() {
        let m = parse_line(br#"k1:{"a":"b:c"}"#.to_vec(), InputFormat::Json, Some(b":"))
            .unwrap()
            .msg;
        assert_eq!(m.key.as_deref(), Some(&b"k1"[..]));
        assert_eq!(m.value.as_deref(), Some(&br#"{"a":"b:c"}"#[..]));
        let err = parse_line(br#"{"a":1}"#.to_vec(), InputFormat::Json, Some(b"\t")).unwrap_err();
        assert!(err.contains("separator"), "{err}");
    }

    #[test]
    fn envelopes_keep_key_headers_and_partition() {
        let line = r#"{"partition":3,"key":"k","value":"{}","headers":[{"key":"h","value":"v"}]}"#;
        let m = parse_line(line.as_bytes().to_vec(), InputFormat::JsonEnvelope, None)
            .unwrap()
            .msg;
        assert_eq!(m.partition, Some(3));
        assert_eq!(m.key.as_deref(), Some(&b"k"[..]));
        assert_eq!(m.headers, vec![("h".to_string(), Some(b"v".to_vec()))]);
    }

    #[test]
    fn an_envelope_keeps_a_registry_value_as_json_with_its_schema() {
        let line = r#"{"key":"k","value":{"a":1},"value_encoding":"registry","value_schema":{"id":9,"type":"avro"},"headers":[{"key":"h","value":"v"}]}"#;
        let p = parse_line(line.as_bytes().to_vec(), InputFormat::JsonEnvelope, None).unwrap();
        assert_eq!(p.msg.value, None);
        assert_eq!(p.msg.key.as_deref(), Some(&b"k"[..]));
        assert_eq!(p.msg.headers.len(), 1);
        let value = p.value_registered.unwrap();
        assert_eq!(
            (value.json, value.schema.id),
            (serde_json::json!({"a": 1}), 9)
        );
        assert!(p.key_registered.is_none());
        let err = parse_line(b"{nope".to_vec(), InputFormat::JsonEnvelope, None).unwrap_err();
        assert!(err.starts_with("not a JSON envelope"), "{err}");
    }
}
