//! `kmsg dlq list`: a table (or one JSON document) of the dead letters in the topic, oldest
//! first, filtered by error class, original topic and age, the last `--max` of them, each with
//! its value (decoded to JSON when it is registry-framed, per `--decode`). `--filter` (a jq
//! expression, `cmd::filter`) sees the decoded value and is applied before `--max`;
//! `--count` prints only how many were selected.

use std::process::ExitCode;

use serde::Serialize;

use super::common::{
    dlq_topic, millis_to_time, original_topic_of, read_dead_letters, row, since, Row,
};
use crate::cli::{DlqListArgs, OutputFormat};
use crate::cmd::context::Context;
use crate::cmd::decode::RecordDecoder;
use crate::cmd::filter::Selection;
use crate::envelope::{Encoding, Envelope, SchemaRef, Shown};
use crate::output;
use rdkafka::message::OwnedMessage;
use rdkafka::Message;

/// `dlq list -o json`: one document.
#[derive(Debug, Serialize)]
struct Listing<'a> {
    topic: &'a str,
    count: usize,
    dead_letters: &'a [Listed],
}

/// A dead letter with its value as the envelope shows it.
#[derive(Debug, Serialize)]
struct Listed {
    #[serde(flatten)]
    row: Row,
    value: Option<serde_json::Value>,
    value_encoding: Encoding,
    #[serde(skip_serializing_if = "Option::is_none")]
    value_schema: Option<SchemaRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value_error: Option<String>,
}

pub(super) async fn run(args: DlqListArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let topic = dlq_topic(&args.dlq)?;
    let start = since(&args.since)?;
    let mut selection = Selection::new(args.filter.as_deref())?;
    let decoder = RecordDecoder::new(ctx, args.decode, original_topic_of(&topic))?;
    let messages = read_dead_letters(&ctx.settings, &topic, None, start).await?;
    let (reason, original_topic, max) = (args.reason, args.original_topic, args.max);
    // Decoding may ask the registry, and the filter sees the decoded value: a blocking thread.
    let rows = tokio::task::spawn_blocking(move || {
        let mut rows: Vec<(Row, OwnedMessage)> = messages
            .into_iter()
            .map(|m| (row(&m), m))
            .filter(|(r, _)| {
                reason
                    .as_ref()
                    .is_none_or(|want| r.info.class.as_ref() == Some(want))
            })
            .filter(|(r, _)| {
                original_topic
                    .as_ref()
                    .is_none_or(|want| r.info.original_topic.as_ref() == Some(want))
            })
            .collect();
        rows.sort_by_key(|(r, _)| (r.timestamp, r.partition, r.offset));
        // Without --filter, --max is known now: decode only the rows that are shown.
        if let (false, Some(max)) = (selection.is_active(), max) {
            let skip = rows.len().saturating_sub(max);
            rows.drain(..skip);
        }
        let mut listed = Vec::new();
        for (row, m) in rows {
            let shown = decoder.show(m.payload())?;
            if !selection.keeps(&m, &Shown::Bytes, &shown) {
                continue;
            }
            let mut env = Envelope::from_record("", 0, 0, None, None, m.payload(), Vec::new());
            env.set_decoded(false, shown);
            listed.push(Listed {
                row,
                value: env.value,
                value_encoding: env.value_encoding,
                value_schema: env.value_schema,
                value_error: env.value_error,
            });
        }
        selection.report();
        if let Some(max) = max {
            let skip = listed.len().saturating_sub(max);
            listed.drain(..skip);
        }
        Ok::<_, anyhow::Error>(listed)
    })
    .await
    .map_err(|e| anyhow::anyhow!("the decoder thread failed: {e}"))??;
    if args.count {
        return Ok(match ctx.output {
            OutputFormat::Json => output::print_json(&serde_json::json!({ "count": rows.len() })),
            OutputFormat::Table | OutputFormat::Raw => output::print_text(&rows.len().to_string()),
        }
        .map(|()| ExitCode::SUCCESS)?);
    }
    match ctx.output {
        // A finite result is one JSON document (streams print one object per line).
        OutputFormat::Json => output::print_json(&Listing {
            topic: &topic,
            count: rows.len(),
            dead_letters: &rows,
        })?,
        OutputFormat::Table | OutputFormat::Raw => {
            let mut t = output::table(&[
                "when",
                "dlq p:offset",
                "from topic/p/offset",
                "stage",
                "error class",
                "message",
                "value",
            ]);
            for listed in &rows {
                let r = &listed.row;
                let from = format!(
                    "{}/{}/{}",
                    r.info.original_topic.as_deref().unwrap_or("?"),
                    r.info
                        .original_partition
                        .map_or("?".into(), |p| p.to_string()),
                    r.info.original_offset.map_or("?".into(), |o| o.to_string())
                );
                let message = r.info.message.clone().unwrap_or_default();
                let message: String = if message.chars().count() > 70 {
                    message
                        .chars()
                        .take(69)
                        .chain(std::iter::once('…'))
                        .collect()
                } else {
                    message
                };
                t.add_row(vec![
                    r.timestamp.map(millis_to_time).unwrap_or_default(),
                    format!("{}:{}", r.partition, r.offset),
                    from,
                    r.info.stage.clone().unwrap_or_default(),
                    r.info.class.clone().unwrap_or_default(),
                    message,
                    value_cell(listed),
                ]);
            }
            output::print_text(&format!("{t}\n{} dead letter(s) in {topic}", rows.len()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The value column: the decoded JSON or the text, cut to 40 characters.
fn value_cell(listed: &Listed) -> String {
    let text = match (&listed.value, listed.value_encoding) {
        (None, _) => "(null)".to_string(),
        (Some(serde_json::Value::String(s)), Encoding::Utf8) => s.clone(),
        (Some(serde_json::Value::String(_)), _) => "(binary)".to_string(),
        (Some(v), _) => v.to_string(),
    };
    let text = match &listed.value_error {
        Some(e) => format!("(undecodable: {e}) {text}"),
        None => text,
    };
    if text.chars().count() > 40 {
        text.chars().take(39).chain(std::iter::once('…')).collect()
    } else {
        text
    }
}
