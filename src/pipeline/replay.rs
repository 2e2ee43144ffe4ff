//! What `kmsg dlq replay` does with its snapshot of a dead letter topic, decided without
//! Kafka: which dead letters the filters select, where each goes (its original topic or
//! `--to`), which are refused because they were replayed `--max-replays` times already (a
//! poison pill must not ping-pong), which an earlier run of the same replay handled, and the
//! headers a replayed copy carries. The dry run prints this plan; the real run carries it
//! out (`cmd::dlq::replay`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::dead_letter::DeadLetterInfo;

/// What a replay selects and where it sends it: the filters, `--to` and `--max-replays` of
/// `kmsg dlq replay`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplaySelection {
    /// Only this error class (`--reason`).
    pub reason: Option<String>,
    /// Only dead letters that came from this topic (`--original-topic`).
    pub original_topic: Option<String>,
    /// Send here instead of each record's original topic (`--to`).
    pub to: Option<String>,
    /// Refuse records already replayed this many times (`--max-replays`).
    pub max_replays: u32,
}

/// What `replay` decided for one dead letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplayDecision {
    /// Send it to this topic.
    Send(String),
    /// Filtered out.
    Skip,
    /// Replayed `--max-replays` times already.
    Refuse,
}

/// Decides what to do with one dead letter (pure; unit-tested).
pub fn decide(
    info: &DeadLetterInfo,
    selection: &ReplaySelection,
) -> Result<ReplayDecision, String> {
    if selection
        .reason
        .as_ref()
        .is_some_and(|r| info.class.as_ref() != Some(r))
        || selection
            .original_topic
            .as_ref()
            .is_some_and(|t| info.original_topic.as_ref() != Some(t))
    {
        return Ok(ReplayDecision::Skip);
    }
    if info.replay_count >= selection.max_replays {
        return Ok(ReplayDecision::Refuse);
    }
    match (&selection.to, &info.original_topic) {
        (Some(to), _) => Ok(ReplayDecision::Send(to.clone())),
        (None, Some(original)) => Ok(ReplayDecision::Send(original.clone())),
        (None, None) => Err("it has no original topic header (kmsg.dlq.original.topic, kafka_dlt-original-topic or __connect.errors.topic): give --to".into()),
    }
}

/// The headers of a replayed record: `kmsg.dlq.error.*` (and attempts/failed-at) stripped,
/// `original.*` kept, `kmsg.dlq.replay.count` incremented.
pub fn replay_headers(
    headers: &[(String, Option<Vec<u8>>)],
    count: u32,
) -> Vec<(String, Option<Vec<u8>>)> {
    let mut out: Vec<(String, Option<Vec<u8>>)> = headers
        .iter()
        .filter(|(k, _)| {
            !(k.starts_with("kmsg.dlq.error.")
                || k == "kmsg.dlq.replay.count"
                || k == "kmsg.dlq.attempts"
                || k == "kmsg.dlq.failed.at"
                || k == "kmsg.dlq.stage")
        })
        .cloned()
        .collect();
    out.push((
        "kmsg.dlq.replay.count".into(),
        Some((count + 1).to_string().into_bytes()),
    ));
    out
}

/// One dead letter of the replay's snapshot, as the planner sees it.
#[derive(Debug, Clone)]
pub struct Letter {
    pub partition: i32,
    pub offset: i64,
    pub info: DeadLetterInfo,
    /// Below the replay group's committed progress: an earlier run of this replay handled it.
    pub done: bool,
}

/// One selected dead letter and what the replay does with it: the per-record list that the
/// dry run predicts and the real run reports (the dry run's table shows the same fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Planned {
    pub partition: i32,
    pub offset: i64,
    pub class: Option<String>,
    pub replay_count: u32,
    /// `replay` or `refused` (replayed `--max-replays` times already).
    pub decision: &'static str,
    /// The topic a `replay` goes to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// What one replay does with its snapshot of the DLQ (pure; unit-tested). The dry run and
/// the real run both print this plan; the real run then carries it out.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// The selected dead letters not handled yet, in (partition, offset) order.
    pub records: Vec<Planned>,
    pub skipped_by_filter: u64,
    pub already_done: u64,
    /// Dead letters the filters select, handled earlier or not.
    pub matched: u64,
    /// Every error class in the snapshot, with its count (`(none)` for none).
    pub classes: BTreeMap<String, u64>,
    /// Every original topic in the snapshot, with its count (`(unknown)` for none).
    pub original_topics: BTreeMap<String, u64>,
}

/// Why a replay refuses to start.
#[derive(Debug, PartialEq, Eq)]
pub enum PlanError {
    /// `--reason`/`--original-topic` select no dead letter at all (exit 3): what no dead
    /// letter has, and what is there.
    NothingMatched(String),
    /// Some selected dead letters have no target (exit 2: give `--to`).
    NoTarget(String),
}

/// Plans a replay of `letters` (in any order): decides each one with `decide`, refuses a
/// plan that selects nothing or cannot send a record, and lists what is to be done.
pub fn plan(mut letters: Vec<Letter>, selection: &ReplaySelection) -> Result<Plan, PlanError> {
    letters.sort_by_key(|l| (l.partition, l.offset));
    let mut p = Plan::default();
    let mut no_target: Vec<(i32, i64, String)> = Vec::new();
    for l in &letters {
        *p.classes
            .entry(l.info.class.clone().unwrap_or_else(|| "(none)".into()))
            .or_default() += 1;
        *p.original_topics
            .entry(
                l.info
                    .original_topic
                    .clone()
                    .unwrap_or_else(|| "(unknown)".into()),
            )
            .or_default() += 1;
        let decision = decide(&l.info, selection);
        if decision != Ok(ReplayDecision::Skip) {
            p.matched += 1;
        }
        if l.done {
            p.already_done += 1;
            continue;
        }
        let (decision, to) = match decision {
            Ok(ReplayDecision::Skip) => {
                p.skipped_by_filter += 1;
                continue;
            }
            Ok(ReplayDecision::Refuse) => ("refused", None),
            Ok(ReplayDecision::Send(to)) => ("replay", Some(to)),
            Err(e) => {
                no_target.push((l.partition, l.offset, e));
                continue;
            }
        };
        p.records.push(Planned {
            partition: l.partition,
            offset: l.offset,
            class: l.info.class.clone(),
            replay_count: l.info.replay_count,
            decision,
            to,
        });
    }
    if p.matched == 0 && (selection.reason.is_some() || selection.original_topic.is_some()) {
        let present = |m: &BTreeMap<String, u64>| {
            if m.is_empty() {
                "none: the DLQ is empty".to_string()
            } else {
                m.iter()
                    .map(|(k, n)| format!("{k} ({n})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let mut what = Vec::new();
        if let Some(r) = &selection.reason {
            what.push(format!(
                "error class {r:?} (classes present: {})",
                present(&p.classes)
            ));
        }
        if let Some(t) = &selection.original_topic {
            what.push(format!(
                "original topic {t:?} (original topics present: {})",
                present(&p.original_topics)
            ));
        }
        return Err(PlanError::NothingMatched(what.join(" and ")));
    }
    if let Some((part, off, e)) = no_target.first() {
        return Err(PlanError::NoTarget(format!(
            "{} selected dead letter(s) cannot be replayed, the first at {part}:{off}: {e}",
            no_target.len()
        )));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selection(reason: Option<&str>, to: Option<&str>) -> ReplaySelection {
        ReplaySelection {
            reason: reason.map(String::from),
            original_topic: None,
            to: to.map(String::from),
            max_replays: 3,
        }
    }

    #[test]
    fn replay_sends_to_the_original_topic_refuses_ping_pong_and_needs_a_target() {
        let mut info = DeadLetterInfo {
            format: "kmsg",
            class: Some("json_parse".into()),
            original_topic: Some("posts".into()),
            ..DeadLetterInfo::default()
        };
        assert_eq!(
            decide(&info, &selection(None, None)),
            Ok(ReplayDecision::Send("posts".into()))
        );
        assert_eq!(
            decide(&info, &selection(None, Some("x"))),
            Ok(ReplayDecision::Send("x".into()))
        );
        assert_eq!(
            decide(&info, &selection(Some("retries_exhausted"), None)),
            Ok(ReplayDecision::Skip)
        );
        info.replay_count = 3;
        assert_eq!(
            decide(&info, &selection(None, None)),
            Ok(ReplayDecision::Refuse)
        );
        info.replay_count = 0;
        info.original_topic = None;
        assert!(decide(&info, &selection(None, None))
            .unwrap_err()
            .contains("give --to"));
    }

    fn letter(partition: i32, offset: i64, class: &str, replays: u32, done: bool) -> Letter {
        Letter {
            partition,
            offset,
            info: DeadLetterInfo {
                format: "kmsg",
                class: Some(class.into()),
                original_topic: Some("posts".into()),
                replay_count: replays,
                ..DeadLetterInfo::default()
            },
            done,
        }
    }

    #[test]
    fn a_plan_lists_the_selected_records_in_order_and_leaves_done_ones_alone() {
        let letters = vec![
            letter(1, 0, "json_parse", 0, false),
            letter(0, 5, "json_parse", 3, false),
            letter(0, 4, "schema_validation", 0, false),
            letter(0, 2, "json_parse", 0, true),
            letter(0, 3, "json_parse", 0, false),
        ];
        let p = plan(letters, &selection(Some("json_parse"), None)).unwrap();
        let at: Vec<(i32, i64, &str)> = p
            .records
            .iter()
            .map(|r| (r.partition, r.offset, r.decision))
            .collect();
        assert_eq!(at, [(0, 3, "replay"), (0, 5, "refused"), (1, 0, "replay")]);
        assert_eq!(p.records[0].to.as_deref(), Some("posts"));
        assert_eq!(p.records[1].to, None);
        assert_eq!((p.skipped_by_filter, p.already_done, p.matched), (1, 1, 4));
        assert_eq!(p.classes["json_parse"], 4);
    }

    #[test]
    fn a_filter_that_matches_nothing_names_what_is_there() {
        let letters = vec![
            letter(0, 0, "json_parse", 0, false),
            letter(0, 1, "json_parse", 0, false),
            letter(0, 2, "not_utf8", 0, true),
        ];
        match plan(letters.clone(), &selection(Some("nope"), None)) {
            Err(PlanError::NothingMatched(e)) => assert!(
                e.contains(r#"error class "nope""#) && e.contains("json_parse (2), not_utf8 (1)"),
                "{e}"
            ),
            other => panic!("{other:?}"),
        }
        // Everything handled by an earlier run is not "nothing matched".
        let done: Vec<Letter> = letters
            .into_iter()
            .map(|l| Letter { done: true, ..l })
            .collect();
        let p = plan(done, &selection(Some("json_parse"), None)).unwrap();
        assert!(p.records.is_empty());
        assert_eq!(p.already_done, 3);
        // No filter, empty DLQ: nothing to do, not a failure.
        assert_eq!(plan(vec![], &selection(None, None)), Ok(Plan::default()));
    }

    #[test]
    fn a_plan_with_a_record_that_has_no_target_is_refused_whole() {
        let mut orphan = letter(0, 7, "x", 0, false);
        orphan.info.original_topic = None;
        let letters = vec![letter(0, 6, "x", 0, false), orphan];
        match plan(letters.clone(), &selection(None, None)) {
            Err(PlanError::NoTarget(e)) => {
                assert!(e.contains("at 0:7") && e.contains("give --to"), "{e}")
            }
            other => panic!("{other:?}"),
        }
        let p = plan(letters, &selection(None, Some("other"))).unwrap();
        assert_eq!(p.records.len(), 2);
    }

    #[test]
    fn replayed_headers_drop_the_error_and_count_the_replay() {
        let h = vec![
            ("trace".to_string(), Some(b"t".to_vec())),
            (
                "kmsg.dlq.original.topic".to_string(),
                Some(b"posts".to_vec()),
            ),
            (
                "kmsg.dlq.error.class".to_string(),
                Some(b"json_parse".to_vec()),
            ),
            ("kmsg.dlq.replay.count".to_string(), Some(b"1".to_vec())),
        ];
        let out = replay_headers(&h, 1);
        let keys: Vec<&str> = out.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["trace", "kmsg.dlq.original.topic", "kmsg.dlq.replay.count"]
        );
        assert_eq!(out[2].1.as_deref(), Some(&b"2"[..]));
    }
}
