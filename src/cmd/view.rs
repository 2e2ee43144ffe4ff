//! `kmsg view --topic T`: reads records without joining a group or committing (assign and
//! seek), `read_committed`, from a chosen start (beginning, an offset, the last N per
//! partition, or a time), and stops at the end of every partition unless `--follow`, and in
//! any case at `--until` (an offset or a time, per partition; `kafka::reader::Until`).
//! `--filter` keeps the records a jq expression is true for (`cmd::filter`); `--count`
//! prints how many instead of the records; `--format` prints each by a kcat `-f` template
//! (`pipeline::template`), the record's bytes as they are (not decoded).
//!
//! Output: a table (printed as it grows: the first rows set the column widths, a wider row
//! later starts a new table), one binary-safe JSON envelope per record with `--output json`
//! (what `produce --input json-envelope` reads back), or values only with `--output raw`.
//! Every format streams, so memory does not grow with the topic, and a closed stdout
//! (`kmsg view | head`) ends quietly with exit 0. Registry-framed keys and values (Avro,
//! Protobuf, JSON Schema) are shown as their JSON, per `--decode` (see `cmd::decode`).

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::anyhow;
use rdkafka::message::{Headers, OwnedMessage};
use rdkafka::Message;

use super::context::Context;
use super::decode::{shown_text, RecordDecoder};
use super::filter::Selection;
use crate::cli::{OutputFormat, ViewArgs};
use crate::envelope::{Envelope, Shown};
use crate::error::usage;
use crate::kafka::admin::Admin;
use crate::kafka::reader::{parse_since, parse_until, ReadStep, Start, TopicReader};
use crate::output;
use crate::pipeline::template::{FormatRecord, Template};

/// Widest value shown in the table.
const VALUE_WIDTH: usize = 80;

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn pretty(value: &[u8]) -> Option<String> {
    serde_json::from_slice::<serde_json::Value>(value)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
}

pub async fn run(args: ViewArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    crate::pipeline::topic_name::validate_topic_name(&args.topic).map_err(usage)?;
    if args.last.is_some_and(|n| n < 1) {
        return Err(usage("--last needs a number of records of at least 1"));
    }
    if args.max == Some(0) {
        return Err(usage("--max 0 would show nothing"));
    }
    let selection = Selection::new(args.filter.as_deref())?;
    let template = args
        .format
        .as_deref()
        .map(Template::parse)
        .transpose()
        .map_err(|e| usage(e.to_string()))?;
    let now = SystemTime::now();
    let start = match (args.offset, args.last, &args.since) {
        (Some(o), _, _) => Start::Offset(o),
        (_, Some(n), _) => Start::Last(n),
        (_, _, Some(text)) => Start::Since(parse_since(text, now).map_err(usage)?),
        _ => Start::Beginning,
    };
    let until = match &args.until {
        None => None,
        Some(text) => {
            let from = match start {
                Start::Since(ms) => ms,
                _ => now
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_millis() as i64)
                    .unwrap_or(0),
            };
            Some(parse_until(text, from).map_err(usage)?)
        }
    };
    let admin = Admin::connect(&ctx.settings).await?;
    let info = admin.topic(&args.topic).await?;
    drop(admin);
    let partitions: Vec<i32> = match args.partition {
        Some(p) if p < 0 || p as usize >= info.partitions.len() => {
            return Err(usage(format!(
                "--partition {p} does not exist: {} has partitions 0 to {}",
                args.topic,
                info.partitions.len() - 1
            )))
        }
        Some(p) => vec![p],
        None => info.partitions.iter().map(|p| p.partition).collect(),
    };

    let stop = Arc::new(AtomicBool::new(false));
    let s = stop.clone();
    let signals = tokio::spawn(async move {
        crate::signals::wait_for_stop().await;
        s.store(true, Ordering::Relaxed);
    });
    let decoder = RecordDecoder::new(ctx, args.decode, &args.topic)?;
    let settings = ctx.settings.clone();
    let format = ctx.output;
    let result = tokio::task::spawn_blocking(move || {
        let reader = TopicReader::open(&settings, &args.topic, &partitions, start, args.follow)?
            .until(until)?;
        read(args, reader, format, template, stop, decoder, selection)
    })
    .await
    .map_err(|e| anyhow!("the reader thread failed: {e}"))?;
    signals.abort();
    result
}

fn read(
    args: ViewArgs,
    mut reader: TopicReader,
    format: OutputFormat,
    template: Option<Template>,
    stop: Arc<AtomicBool>,
    decoder: RecordDecoder,
    mut selection: Selection,
) -> anyhow::Result<ExitCode> {
    let mut printer =
        (!args.count).then(|| Printer::new(format, template, args.pretty, args.follow));
    let mut shown = 0u64;
    while !stop.load(Ordering::Relaxed) {
        if args.follow && stdout_closed() {
            // `kmsg view --follow | head`: the reader is gone; end quietly.
            return Ok(ExitCode::SUCCESS);
        }
        if args.max.is_some_and(|m| shown >= m) {
            break;
        }
        match reader.next_step()? {
            ReadStep::End => break,
            ReadStep::Idle => {
                if let Some(p) = &mut printer {
                    p.idle()?;
                }
            }
            ReadStep::Record(m) => {
                let key = decoder.show(m.key())?;
                let value = decoder.show(m.payload())?;
                if !selection.keeps(&m, &key, &value) {
                    continue;
                }
                shown += 1;
                if let Some(p) = &mut printer {
                    p.record(&m, key, value)?;
                }
            }
        }
    }
    match printer {
        Some(p) => p.finish()?,
        None => print_count(format, shown)?,
    }
    selection.report();
    Ok(ExitCode::SUCCESS)
}

/// `--count`: the number alone, or one JSON document.
fn print_count(format: OutputFormat, count: u64) -> std::io::Result<()> {
    match format {
        OutputFormat::Json => output::print_json(&serde_json::json!({ "count": count })),
        OutputFormat::Table | OutputFormat::Raw => output::print_text(&count.to_string()),
    }
}

/// True when stdout is a pipe whose reader has gone (poll reports an error or hang-up), so a
/// follower that has nothing to write still notices.
fn stdout_closed() -> bool {
    let mut fds = libc::pollfd {
        fd: libc::STDOUT_FILENO,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, zero timeout.
    let n = unsafe { libc::poll(&mut fds, 1, 0) };
    n > 0 && fds.revents & (libc::POLLERR | libc::POLLHUP) != 0
}

/// Rows of the table held to choose its column widths before any is printed.
const TABLE_HOLD: usize = 500;

/// When following, the longest a row waits in the held rows before it is shown.
const FOLLOW_HOLD: Duration = Duration::from_millis(300);

/// Where the records go: lines (JSON, raw), a kcat template, or a table printed as it grows.
enum Sink {
    Lines(std::io::BufWriter<std::io::Stdout>),
    Template(Template, std::io::BufWriter<std::io::Stdout>),
    Table(output::StreamTable<std::io::BufWriter<std::io::Stdout>>),
}

/// Prints records as they come, in every format: nothing but the first rows of a table is
/// held, so memory does not grow with the topic.
struct Printer {
    format: OutputFormat,
    pretty: bool,
    /// Following: records must show as they arrive (flush after each, release held rows soon).
    follow: bool,
    /// When the oldest row still held by the table arrived.
    held_since: Option<Instant>,
    sink: Sink,
}

impl Printer {
    fn new(format: OutputFormat, template: Option<Template>, pretty: bool, follow: bool) -> Self {
        let out = std::io::BufWriter::new(std::io::stdout());
        let sink = if let Some(t) = template {
            Sink::Template(t, out)
        } else if format == OutputFormat::Table {
            let frame = if output::stdout_is_tty() {
                output::Frame::Boxed
            } else {
                output::Frame::Markdown
            };
            let headers = [
                "partition",
                "offset",
                "timestamp",
                "key",
                "value",
                "headers",
            ];
            Sink::Table(output::StreamTable::new(out, frame, &headers, TABLE_HOLD))
        } else {
            Sink::Lines(out)
        };
        Printer {
            format,
            pretty,
            follow,
            held_since: None,
            sink,
        }
    }

    /// Prints a record, its key and value shown as `--decode` decoded them.
    fn record(
        &mut self,
        m: &OwnedMessage,
        key_shown: Shown,
        value_shown: Shown,
    ) -> anyhow::Result<()> {
        let value = m.payload();
        match &mut self.sink {
            Sink::Template(template, out) => {
                let headers: Vec<(&str, Option<&[u8]>)> = m
                    .headers()
                    .map(|h| h.iter().map(|h| (h.key, h.value)).collect())
                    .unwrap_or_default();
                template.render(
                    out,
                    &FormatRecord {
                        topic: m.topic(),
                        partition: m.partition(),
                        offset: m.offset(),
                        timestamp: m.timestamp().to_millis(),
                        key: m.key(),
                        value,
                        headers: &headers,
                    },
                )?;
            }
            Sink::Lines(out) if self.format == OutputFormat::Json => {
                let mut env = Envelope::from_record(
                    m.topic(),
                    m.partition(),
                    m.offset(),
                    m.timestamp().to_millis(),
                    m.key(),
                    value,
                    crate::kafka::producer::record_headers(m),
                );
                env.set_decoded(true, key_shown);
                env.set_decoded(false, value_shown);
                serde_json::to_writer(&mut *out, &env)?;
                out.write_all(b"\n")?;
            }
            Sink::Lines(out) => {
                let decoded = shown_text(&value_shown, value, self.pretty);
                match decoded
                    .or_else(|| value.and_then(|v| self.pretty.then(|| pretty(v)).flatten()))
                {
                    Some(text) => out.write_all(text.as_bytes())?,
                    None => out.write_all(value.unwrap_or_default())?,
                }
                out.write_all(b"\n")?;
            }
            Sink::Table(table) => {
                table.row(table_row(m, (&key_shown, &value_shown), self.pretty))?;
                self.held_since.get_or_insert_with(Instant::now);
            }
        }
        if self.follow {
            self.show_now()?;
        }
        Ok(())
    }

    /// Nothing arrived this time: when following, show what waits.
    fn idle(&mut self) -> anyhow::Result<()> {
        if self.follow {
            self.show_now()?;
        }
        Ok(())
    }

    /// Flushes; rows held by the table are released once the oldest has waited `FOLLOW_HOLD`
    /// (a table of a trickle still shows each record within a moment).
    fn show_now(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Lines(out) | Sink::Template(_, out) => out.flush(),
            Sink::Table(table) => {
                if self.held_since.is_some_and(|t| t.elapsed() >= FOLLOW_HOLD) {
                    table.release()?;
                    self.held_since = None;
                }
                table.flush()
            }
        }
    }

    fn finish(self) -> anyhow::Result<()> {
        match self.sink {
            Sink::Lines(mut out) | Sink::Template(_, mut out) => out.flush()?,
            Sink::Table(table) => {
                table.finish()?;
            }
        }
        Ok(())
    }
}

/// One record as a table row: partition, offset, time, key and value (decoded when they
/// were registry-framed; cut to a width unless pretty-printed), number of headers.
fn table_row(
    m: &OwnedMessage,
    (key_shown, value_shown): (&Shown, &Shown),
    pretty_json: bool,
) -> Vec<String> {
    let shown = |b: Option<&[u8]>| match b {
        None => "(null)".to_string(),
        Some(b) => String::from_utf8_lossy(b).to_string(),
    };
    let value = m.payload();
    let text = match (shown_text(value_shown, value, pretty_json), pretty_json) {
        (Some(t), true) => t,
        (Some(t), false) => truncate(&t, VALUE_WIDTH),
        (None, _) => match value.and_then(|v| pretty_json.then(|| pretty(v)).flatten()) {
            Some(p) => p,
            None => truncate(&shown(value), VALUE_WIDTH),
        },
    };
    let key = shown_text(key_shown, m.key(), false).unwrap_or_else(|| shown(m.key()));
    let time = m
        .timestamp()
        .to_millis()
        .map(|ms| {
            humantime::format_rfc3339_millis(UNIX_EPOCH + Duration::from_millis(ms.max(0) as u64))
                .to_string()
        })
        .unwrap_or_default();
    let headers = m.headers().map_or(0, |h| h.count());
    vec![
        m.partition().to_string(),
        m.offset().to_string(),
        time,
        truncate(&key, 40),
        text,
        headers.to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_to_the_width() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
