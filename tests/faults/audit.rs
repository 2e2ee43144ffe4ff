//! Checking every record after a fault, with an independent reader (kcat, read_committed):
//! which ids are missing, which came more than once, and the recovery figures (from the
//! brokers' append times, for topics created with `message.timestamp.type=LogAppendTime`).

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::harness::bootstrap;

/// One record as kcat read it: partition, the broker's append time (ms), key and value.
pub struct Timed {
    pub partition: i32,
    pub appended_ms: i64,
    pub key: String,
    pub value: String,
}

/// kcat over a whole topic (from the beginning to the current end, read_committed) with a
/// `-f` format.
fn kcat(topic: &str, format: &str) -> String {
    let out = std::process::Command::new("kcat")
        .args(["-C", "-b", &bootstrap(), "-t", topic])
        .args(["-o", "beginning", "-e", "-q", "-f", format])
        .args(["-X", "isolation.level=read_committed"])
        .output()
        .expect("kcat must be installed (scripts/test.sh installs it)");
    assert!(
        out.status.success(),
        "kcat -t {topic} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("kcat output is UTF-8")
}

/// The keys of every record of `topic`, in partition order.
pub fn keys(topic: &str) -> Vec<String> {
    kcat(topic, "%k\\n").lines().map(str::to_string).collect()
}

/// Every record of `topic` with its append time (keys and values without tabs or newlines,
/// as kmsg's generated posts are).
pub fn timed(topic: &str) -> Vec<Timed> {
    kcat(topic, "%p\\t%T\\t%k\\t%s\\n")
        .lines()
        .map(|line| {
            let mut f = line.splitn(4, '\t');
            let mut next = || f.next().unwrap_or_else(|| panic!("kcat line {line:?}"));
            Timed {
                partition: next().parse().unwrap(),
                appended_ms: next().parse().unwrap(),
                key: next().to_string(),
                value: next().to_string(),
            }
        })
        .collect()
}

/// What came out of a pipeline against what went in.
#[derive(Debug, Default)]
pub struct Tally {
    /// Distinct ids in the input.
    pub ids: usize,
    /// Ids of the input found in none of the outputs (up to 10 of them).
    pub lost: Vec<String>,
    pub lost_count: usize,
    /// Extra copies across the outputs (a record seen n times counts n - 1).
    pub duplicates: usize,
}

/// Every input id must be in one of `outputs`; counts extra copies.
pub fn tally(input: &[String], outputs: &[Vec<String>]) -> Tally {
    let ids: HashSet<&String> = input.iter().collect();
    let mut seen: HashMap<&String, usize> = HashMap::new();
    for key in outputs.iter().flatten() {
        *seen.entry(key).or_default() += 1;
    }
    let mut lost: Vec<String> = ids
        .iter()
        .filter(|k| !seen.contains_key(*k))
        .map(|k| k.to_string())
        .collect();
    lost.sort();
    Tally {
        ids: ids.len(),
        lost_count: lost.len(),
        lost: lost.into_iter().take(10).collect(),
        duplicates: seen.values().map(|n| n - 1).sum(),
    }
}

/// The ids kmsg's generator gave `count` posts: `<run>-<sequence, 9 digits>` for sequences
/// 0 to count - 1, where the run prefix is the one the topic's records carry.
pub fn generated_ids(records: &[Timed], count: u64) -> Vec<String> {
    let prefix = records
        .first()
        .and_then(|r| r.key.rsplit_once('-'))
        .map(|(p, _)| p.to_string())
        .expect("no record to take the run's id prefix from");
    (0..count).map(|i| format!("{prefix}-{i:09}")).collect()
}

/// How fast producing recovered from a fault at `fault_ms` (wall clock, ms) on the
/// partitions `stalled` (those the failed broker led).
#[derive(Debug)]
pub struct Recovery {
    /// From the fault to the first record appended to a stalled partition after it.
    pub first_ack_after_ms: Option<i64>,
    /// p99 and max of append time minus generation time, for records generated from 5 s
    /// before the fault to 30 s after it.
    pub p99_ms: i64,
    pub max_ms: i64,
    /// The same p99 for the records generated before that window (the baseline).
    pub p99_before_ms: i64,
}

impl Recovery {
    /// The figures of a FAULT line: `first_ack_after_fault=… p99_latency_around_fault=…`.
    pub fn figures(&self) -> String {
        format!(
            "first_ack_after_fault={}ms p99_latency_around_fault={}ms (max {}ms, before {}ms)",
            self.first_ack_after_ms
                .map_or("-".into(), |m| m.to_string()),
            self.p99_ms,
            self.max_ms,
            self.p99_before_ms,
        )
    }

    /// Producing reached the failed broker's partitions again after the fault.
    pub fn assert_resumed(&self, victim: i32) {
        assert!(
            self.first_ack_after_ms.is_some(),
            "no record reached the partitions broker {victim} led after the fault"
        );
    }
}

/// The generation time kmsg's posts carry (`"timestamp":"2026-12-03T12:44:03.586Z"`), in ms.
fn generated_ms(value: &str) -> Option<i64> {
    let v: serde_json::Value = serde_json::from_str(value).ok()?;
    let ts = v["timestamp"].as_str()?;
    Some(
        chrono::DateTime::parse_from_rfc3339(ts)
            .ok()?
            .timestamp_millis(),
    )
}

fn p99(mut v: Vec<i64>) -> i64 {
    if v.is_empty() {
        return 0;
    }
    v.sort_unstable();
    v[((v.len() as f64 * 0.99).ceil() as usize).saturating_sub(1)]
}

pub fn recovery(records: &[Timed], fault_ms: i64, stalled: &HashSet<i32>) -> Recovery {
    let first_ack_after_ms = records
        .iter()
        .filter(|r| stalled.contains(&r.partition) && r.appended_ms > fault_ms)
        .map(|r| r.appended_ms - fault_ms)
        .min();
    let mut around = Vec::new();
    let mut before = Vec::new();
    for r in records {
        if let Some(generated) = generated_ms(&r.value) {
            let latency = r.appended_ms - generated;
            if generated < fault_ms - 5_000 {
                before.push(latency);
            } else if generated <= fault_ms + 30_000 {
                around.push(latency);
            }
        }
    }
    Recovery {
        first_ack_after_ms,
        max_ms: around.iter().copied().max().unwrap_or(0),
        p99_ms: p99(around),
        p99_before_ms: p99(before),
    }
}

/// The partitions each broker led, inverted: which partitions `node` led.
pub fn led_by(leaders: &BTreeMap<i32, i32>, node: i32) -> HashSet<i32> {
    leaders
        .iter()
        .filter(|(_, l)| **l == node)
        .map(|(p, _)| *p)
        .collect()
}

/// Now, as wall-clock milliseconds (to compare with the brokers' append times).
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_id_is_lost_and_a_second_copy_is_a_duplicate() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let t = tally(&s(&["a", "b", "c"]), &[s(&["a", "a"]), s(&["c"])]);
        assert_eq!((t.ids, t.lost_count, t.duplicates), (3, 1, 1));
        assert_eq!(t.lost, ["b"]);
    }

    #[test]
    fn p99_of_a_hundred_is_the_99th() {
        assert_eq!(p99((1..=100).collect()), 99);
        assert_eq!(p99(vec![]), 0);
        assert_eq!(
            generated_ms(r#"{"timestamp":"1970-01-01T00:00:01.500Z"}"#),
            Some(1500)
        );
    }
}
