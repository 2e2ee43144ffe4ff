//! `kmsg dlq show PARTITION:OFFSET`: one dead letter in full, its coordinates, decoded
//! dead-letter headers, every raw header and the value (pretty JSON when it is JSON). The
//! offset is checked against the partition's watermarks first, so a wrong one gets an error
//! naming the range the partition holds.

use std::process::ExitCode;

use anyhow::anyhow;
use rdkafka::message::OwnedMessage;
use rdkafka::Message;
use serde::Serialize;

use super::common::{dlq_topic, millis_to_time};
use crate::cli::{DlqShowArgs, OutputFormat};
use crate::cmd::context::Context;
use crate::cmd::decode::{shown_text, RecordDecoder};
use crate::envelope::{Envelope, Shown as EnvelopeShown};
use crate::error::usage;
use crate::kafka::admin::Admin;
use crate::kafka::reader::{Start, TopicReader};
use crate::output;
use crate::pipeline::dead_letter::{describe, DeadLetterInfo};

/// Parses `PARTITION:OFFSET`.
pub fn parse_coordinates(text: &str) -> Result<(i32, i64), String> {
    let err = || format!("{text:?} is not PARTITION:OFFSET (e.g. 3:1042)");
    let (p, o) = text.split_once(':').ok_or_else(err)?;
    Ok((
        p.trim().parse().map_err(|_| err())?,
        o.trim().parse().map_err(|_| err())?,
    ))
}

/// The error for a `dlq show` offset outside the partition's records `low..high` (pure).
fn offset_out_of_range(
    topic: &str,
    partition: i32,
    offset: i64,
    low: i64,
    high: i64,
) -> Option<String> {
    if (low..high).contains(&offset) {
        return None;
    }
    Some(if low >= high {
        format!(
            "no record at {topic} {partition}:{offset}: partition {partition} holds no record (its next offset is {high}); `kmsg dlq list -t {topic}` shows PARTITION:OFFSET of each dead letter"
        )
    } else {
        format!(
            "no record at {topic} {partition}:{offset}: partition {partition} holds offsets {low} to {}; give PARTITION:OFFSET in that range, e.g. `kmsg dlq show -t {topic} {partition}:{low}`",
            high - 1
        )
    })
}

#[derive(Debug, Serialize)]
struct Shown {
    #[serde(flatten)]
    record: Envelope,
    dead_letter: DeadLetterInfo,
}

pub(super) async fn run(args: DlqShowArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let topic = dlq_topic(&args.dlq)?;
    let (partition, offset) = parse_coordinates(&args.record).map_err(usage)?;
    let admin = Admin::connect(&ctx.settings).await?;
    let info = admin.topic(&topic).await?;
    drop(admin);
    if partition < 0 || partition as usize >= info.partitions.len() {
        return Err(usage(format!(
            "partition {partition} does not exist: {topic} has partitions 0 to {}",
            info.partitions.len() - 1
        )));
    }
    let settings = ctx.settings.clone();
    let t = topic.clone();
    let record = tokio::task::spawn_blocking(move || -> anyhow::Result<Option<OwnedMessage>> {
        let probe: rdkafka::consumer::BaseConsumer<crate::kafka::context::KmsgContext> = settings
            .viewer_config()
            .create_with_context(crate::kafka::context::KmsgContext::default())
            .map_err(|e| anyhow!("cannot create the reader: {e}"))?;
        let (low, high) = crate::kafka::reader::watermarks(&probe, &t, partition, settings.timeout)
            .map_err(|e| anyhow!("cannot read the offsets of {t} partition {partition}: {e}"))?;
        drop(probe);
        if let Some(e) = offset_out_of_range(&t, partition, offset, low, high) {
            return Err(usage(e));
        }
        let mut reader =
            TopicReader::open(&settings, &t, &[partition], Start::Offset(offset), false)?;
        loop {
            match reader.next_step()? {
                crate::kafka::reader::ReadStep::Record(m) => return Ok(Some(m)),
                crate::kafka::reader::ReadStep::End => return Ok(None),
                crate::kafka::reader::ReadStep::Idle => {}
            }
        }
    })
    .await
    .map_err(|e| anyhow!("the reader thread failed: {e}"))?
    .map_err(|e| match e.downcast::<crate::error::UsageError>() {
        Ok(u) => anyhow::Error::from(u),
        Err(e) => e,
    })?;
    let m = record.filter(|m| m.offset() == offset).ok_or_else(|| {
        anyhow!("no record at {topic} {partition}:{offset} (deleted, or a transaction marker)")
    })?;
    let headers = crate::kafka::producer::record_headers(&m);
    let decoder = RecordDecoder::new(ctx, args.decode, super::common::original_topic_of(&topic))?;
    let (key, value) = (m.key().map(<[u8]>::to_vec), m.payload().map(<[u8]>::to_vec));
    let (key_shown, value_shown) = tokio::task::spawn_blocking(move || {
        Ok::<_, crate::registry::RegistryError>((
            decoder.show(key.as_deref())?,
            decoder.show(value.as_deref())?,
        ))
    })
    .await
    .map_err(|e| anyhow!("the decoder thread failed: {e}"))??;
    let mut shown = Shown {
        record: Envelope::from_record(
            m.topic(),
            m.partition(),
            m.offset(),
            m.timestamp().to_millis(),
            m.key(),
            m.payload(),
            headers.clone(),
        ),
        dead_letter: describe(&headers),
    };
    shown.record.set_decoded(true, key_shown.clone());
    shown.record.set_decoded(false, value_shown.clone());
    if ctx.output == OutputFormat::Json {
        output::print_json(&shown)?;
        return Ok(ExitCode::SUCCESS);
    }
    let d = &shown.dead_letter;
    let mut t = output::table(&["field", "value"]);
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            t.add_row(vec![k.to_string(), v]);
        }
    };
    put("record", Some(format!("{topic} {partition}:{offset}")));
    put(
        "dead-lettered",
        m.timestamp().to_millis().map(millis_to_time),
    );
    put(
        "key",
        m.key().map(|k| {
            shown_text(&key_shown, Some(k), false)
                .unwrap_or_else(|| String::from_utf8_lossy(k).to_string())
        }),
    );
    if let EnvelopeShown::Decoded { schema, .. } = &value_shown {
        put(
            "value schema",
            Some(format!(
                "id {} ({}{}{})",
                schema.id,
                schema.schema_type,
                schema
                    .subject
                    .as_ref()
                    .map(|s| format!(", subject {s}"))
                    .unwrap_or_default(),
                schema
                    .version
                    .map(|v| format!(" version {v}"))
                    .unwrap_or_default()
            )),
        );
    }
    put("header format", Some(d.format.to_string()));
    put("original topic", d.original_topic.clone());
    put(
        "original partition",
        d.original_partition.map(|p| p.to_string()),
    );
    put("original offset", d.original_offset.map(|o| o.to_string()));
    put("original time", d.original_timestamp.map(millis_to_time));
    put("consumer group", d.group.clone());
    put("stage", d.stage.clone());
    put("error class", d.class.clone());
    put("error message", d.message.clone());
    put("error detail", d.detail.clone());
    put("attempts", d.attempts.map(|a| a.to_string()));
    put("failed at", d.failed_at.clone());
    put("replay count", Some(d.replay_count.to_string()));
    for (k, v) in &headers {
        let v = v
            .as_ref()
            .map_or("(null)".to_string(), |b| match std::str::from_utf8(b) {
                Ok(s) => s.to_string(),
                Err(_) => format!(
                    "0x{}",
                    b.iter().map(|x| format!("{x:02x}")).collect::<String>()
                ),
            });
        put(&format!("header {k}"), Some(v));
    }
    let value = match m.payload() {
        None => "(null)".to_string(),
        Some(b) if !matches!(value_shown, EnvelopeShown::Bytes) => {
            shown_text(&value_shown, Some(b), true).unwrap_or_default()
        }
        Some(b) => match serde_json::from_slice::<serde_json::Value>(b) {
            Ok(v) => serde_json::to_string_pretty(&v).unwrap_or_default(),
            Err(_) => b.escape_ascii().to_string(),
        },
    };
    output::print_text(&format!("{t}\nvalue:\n{value}"))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_names_the_offset_range_of_the_partition() {
        assert_eq!(offset_out_of_range("d", 3, 5, 0, 10), None);
        let e = offset_out_of_range("d", 3, 999, 2, 10).unwrap();
        assert!(
            e.contains("holds offsets 2 to 9") && e.contains("kmsg dlq show -t d 3:2"),
            "{e}"
        );
        assert!(!e.contains("--offset"));
        let e = offset_out_of_range("d", 3, 0, 4, 4).unwrap();
        assert!(e.contains("holds no record"), "{e}");
    }

    #[test]
    fn coordinates_are_partition_colon_offset() {
        assert_eq!(parse_coordinates("3:1042"), Ok((3, 1042)));
        assert!(parse_coordinates("3-1042")
            .unwrap_err()
            .contains("PARTITION:OFFSET"));
        assert!(parse_coordinates("a:1").is_err());
    }
}
