//! `kmsg dlq list`: a table (or one JSON document) of the dead letters in the topic, oldest
//! first, filtered by error class, original topic and age, the last `--max` of them.

use std::process::ExitCode;

use serde::Serialize;

use super::common::{dlq_topic, millis_to_time, read_dead_letters, row, since, Row};
use crate::cli::{DlqListArgs, OutputFormat};
use crate::cmd::context::Context;
use crate::output;

/// `dlq list -o json`: one document.
#[derive(Debug, Serialize)]
struct Listing<'a> {
    topic: &'a str,
    count: usize,
    dead_letters: &'a [Row],
}

pub(super) async fn run(args: DlqListArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let topic = dlq_topic(&args.dlq)?;
    let start = since(&args.since)?;
    let mut rows: Vec<Row> = read_dead_letters(&ctx.settings, &topic, None, start)
        .await?
        .iter()
        .map(row)
        .filter(|r| {
            args.reason
                .as_ref()
                .is_none_or(|want| r.info.class.as_ref() == Some(want))
        })
        .filter(|r| {
            args.original_topic
                .as_ref()
                .is_none_or(|want| r.info.original_topic.as_ref() == Some(want))
        })
        .collect();
    rows.sort_by_key(|r| (r.timestamp, r.partition, r.offset));
    if let Some(max) = args.max {
        let skip = rows.len().saturating_sub(max);
        rows.drain(..skip);
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
            ]);
            for r in &rows {
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
                ]);
            }
            output::print_text(&format!("{t}\n{} dead letter(s) in {topic}", rows.len()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
