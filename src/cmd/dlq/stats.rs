//! `kmsg dlq stats`: the dead letters counted by error class, by original topic and per
//! hour (or minute), each table with a bar chart; the counting itself is pure (`count`).

use std::collections::BTreeMap;
use std::process::ExitCode;

use serde::Serialize;

use super::common::{dlq_topic, millis_to_time, read_dead_letters, row, since, Row};
use crate::cli::{DlqStatsArgs, OutputFormat};
use crate::cmd::context::Context;
use crate::output;

/// Width of the longest bar in `stats`.
const BAR_WIDTH: usize = 40;

#[derive(Debug, Serialize)]
struct Stats {
    topic: String,
    total: usize,
    by_class: BTreeMap<String, usize>,
    by_original_topic: BTreeMap<String, usize>,
    /// Counts per hour (or minute), keyed by the start of the interval (RFC 3339).
    over_time: BTreeMap<String, usize>,
}

/// Counts dead letters (pure; unit-tested).
fn count(topic: &str, rows: &[Row], per_minute: bool) -> Stats {
    let mut s = Stats {
        topic: topic.to_string(),
        total: rows.len(),
        by_class: BTreeMap::new(),
        by_original_topic: BTreeMap::new(),
        over_time: BTreeMap::new(),
    };
    let bucket = if per_minute { 60_000 } else { 3_600_000 };
    for r in rows {
        *s.by_class
            .entry(r.info.class.clone().unwrap_or_else(|| "(none)".into()))
            .or_default() += 1;
        *s.by_original_topic
            .entry(
                r.info
                    .original_topic
                    .clone()
                    .unwrap_or_else(|| "(unknown)".into()),
            )
            .or_default() += 1;
        if let Some(ts) = r.timestamp {
            *s.over_time
                .entry(millis_to_time(ts - ts.rem_euclid(bucket)))
                .or_default() += 1;
        }
    }
    s
}

/// A horizontal bar scaled so the largest count fills `BAR_WIDTH`.
fn bar(n: usize, max: usize) -> String {
    let len = if max == 0 {
        0
    } else {
        (n * BAR_WIDTH).div_ceil(max)
    };
    "█".repeat(len)
}

pub(super) async fn run(args: DlqStatsArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let topic = dlq_topic(&args.dlq)?;
    let start = since(&args.since)?;
    let rows: Vec<Row> = read_dead_letters(&ctx.settings, &topic, None, start)
        .await?
        .iter()
        .map(row)
        .collect();
    let s = count(&topic, &rows, args.per_minute);
    if ctx.output == OutputFormat::Json {
        output::print_json(&s)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = format!("{} dead letter(s) in {topic}\n", s.total);
    for (title, map) in [
        ("by error class", &s.by_class),
        ("by original topic", &s.by_original_topic),
        (
            if args.per_minute {
                "per minute"
            } else {
                "per hour"
            },
            &s.over_time,
        ),
    ] {
        let max = map.values().copied().max().unwrap_or(0);
        let mut t = output::table(&[title, "count", ""]);
        for (k, n) in map {
            t.add_row(vec![k.clone(), n.to_string(), bar(*n, max)]);
        }
        text.push('\n');
        text.push_str(&t.to_string());
        text.push('\n');
    }
    output::print_text(text.trim_end())?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::dead_letter::DeadLetterInfo;

    #[test]
    fn stats_count_by_class_topic_and_hour() {
        let mk = |class: &str, ts: i64| Row {
            partition: 0,
            offset: 0,
            timestamp: Some(ts),
            key: None,
            info: DeadLetterInfo {
                format: "kmsg",
                class: Some(class.into()),
                original_topic: Some("posts".into()),
                ..DeadLetterInfo::default()
            },
        };
        let rows = vec![mk("a", 3_600_000), mk("a", 3_600_500), mk("b", 7_200_000)];
        let s = count("posts.dlq", &rows, false);
        assert_eq!(s.by_class["a"], 2);
        assert_eq!(s.by_original_topic["posts"], 3);
        assert_eq!(s.over_time["1970-01-01T01:00:00Z"], 2);
        assert_eq!(s.over_time["1970-01-01T02:00:00Z"], 1);
        assert_eq!(bar(2, 2).chars().count(), BAR_WIDTH);
        assert_eq!(bar(1, 2).chars().count(), BAR_WIDTH / 2);
    }
}
