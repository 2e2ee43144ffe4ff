//! The group report `kmsg group describe` and `kmsg metrics --group` both print: what
//! `kafka-consumer-groups --describe` shows (state, members with client id, host and
//! partitions, per partition committed offset, end offset and lag) plus how old each
//! partition's lag is (`lag_seconds`: now minus the timestamp of the record at the committed
//! offset, the oldest one not consumed) and how soon the group drains it at its recent pace.
//!
//! The pace comes from two looks at the committed offsets `--rate-window` apart (2 s by
//! default; 0 turns it off): `consume_rate` is how many records the group committed per second
//! in the window, `drain_seconds` the lag divided by the rate it shrank at; it is unknown
//! (`null`, "unknown") when the group made no progress in the window or producers kept pace.
//! Under `metrics --watch` the previous refresh is the first look, so only the first report
//! waits for the window.
//!
//! A group the cluster does not know (no members, no committed offsets) is an error (exit 1)
//! naming the groups it knows.

use std::collections::BTreeMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::anyhow;
use serde::Serialize;

use crate::cmd::context::Context;
use crate::kafka::admin::{Admin, ClusterMetadata};
use crate::kafka::config::ClientSettings;
use crate::kafka::group::{timestamps_at, GroupClient, GroupDescription, Tp};
use crate::output;
use crate::pipeline::group_offsets::{drain, lag_seconds};

/// The longest the report waits for the records at the committed offsets (their timestamps).
const READ_LIMIT: Duration = Duration::from_secs(5);

#[derive(Debug, Serialize)]
pub struct PartitionLag {
    pub topic: String,
    pub partition: i32,
    pub committed: Option<i64>,
    pub end: i64,
    pub lag: Option<i64>,
    /// Age in seconds of the oldest record not consumed; 0 without lag; null when unknown.
    pub lag_seconds: Option<f64>,
    pub member: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Member {
    pub id: String,
    pub client_id: String,
    pub host: String,
    pub partitions: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct GroupReport {
    pub group: String,
    pub state: String,
    pub members: Vec<Member>,
    pub partitions: Vec<PartitionLag>,
    pub total_lag: i64,
    /// The largest `lag_seconds` of the partitions (null when one with lag is unknown).
    pub max_lag_seconds: Option<f64>,
    /// Seconds between the two looks at the committed offsets (null: no estimate made).
    pub rate_window_seconds: Option<f64>,
    /// Records committed per second in the window.
    pub consume_rate: Option<f64>,
    /// Seconds to drain the lag at the pace it shrank in the window; null: unknown.
    pub drain_seconds: Option<f64>,
}

/// One look at the group's positions: where each partition's consumption stands (the
/// committed offset, or the first offset when there is none) and the total lag.
#[derive(Debug, Clone)]
pub struct Sample {
    at: Instant,
    positions: BTreeMap<Tp, i64>,
    total_lag: i64,
}

/// Committed and end offsets of the partitions the report covers, with the members.
struct Snapshot {
    description: GroupDescription,
    owner: BTreeMap<Tp, String>,
    /// (committed, low, high) per partition.
    offsets: BTreeMap<Tp, (Option<i64>, i64, i64)>,
}

impl Snapshot {
    fn sample(&self, at: Instant) -> Sample {
        let mut total_lag = 0;
        let mut positions = BTreeMap::new();
        for (tp, (committed, low, high)) in &self.offsets {
            let pos = committed.unwrap_or(*low);
            positions.insert(tp.clone(), pos);
            total_lag += (high - pos).max(0);
        }
        Sample {
            at,
            positions,
            total_lag,
        }
    }

    /// The group never showed up: no members, not listed, no committed offset here.
    fn unknown(&self) -> bool {
        self.description.state == "Dead"
            && self.description.members.is_empty()
            && self.offsets.values().all(|(c, _, _)| c.is_none())
    }
}

fn snapshot(
    client: &GroupClient,
    md: &ClusterMetadata,
    topics: &[String],
) -> anyhow::Result<Snapshot> {
    let description = client.describe()?;
    let mut owner = BTreeMap::new();
    for m in &description.members {
        for tp in &m.assignment {
            owner.insert(tp.clone(), m.client_id.clone());
        }
    }
    let wanted: Vec<Tp> = md
        .topics
        .iter()
        .filter(|t| !t.is_internal())
        .filter(|t| topics.is_empty() || topics.contains(&t.name))
        .flat_map(|t| t.partitions.iter().map(|p| (t.name.clone(), p.partition)))
        .collect();
    if let Some(missing) = topics
        .iter()
        .find(|t| !md.topics.iter().any(|w| &w.name == *t))
    {
        return Err(anyhow!("topic {missing} does not exist"));
    }
    let committed = client.committed(&wanted)?;
    let mut offsets = BTreeMap::new();
    for (tp, c) in committed {
        // Without --topic, partitions the group never touched are not its business.
        if c.is_none() && !owner.contains_key(&tp) && topics.is_empty() {
            continue;
        }
        let (low, high) = client.watermarks(&tp.0, tp.1)?;
        offsets.insert(tp, (c, low, high));
    }
    Ok(Snapshot {
        description,
        owner,
        offsets,
    })
}

/// Builds the report of `group` over `topics` (all when empty). `previous` is the sample of an
/// earlier report (`metrics --watch`); without one, the report takes a first look and waits
/// `window` (unless it is 0). Returns the report and the sample the next one can start from.
pub async fn group_report(
    ctx: &Context,
    group: &str,
    topics: &[String],
    window: Duration,
    previous: Option<Sample>,
) -> anyhow::Result<(GroupReport, Sample)> {
    let admin = Admin::connect(&ctx.settings).await?;
    let md = admin.metadata(None).await?;
    drop(admin);
    let settings = ctx.settings.clone();
    let group = group.to_string();
    let topics = topics.to_vec();
    tokio::task::spawn_blocking(move || build(&settings, &md, &group, &topics, window, previous))
        .await
        .map_err(|e| anyhow!("the group report's thread failed: {e}"))?
}

fn build(
    settings: &ClientSettings,
    md: &ClusterMetadata,
    group: &str,
    topics: &[String],
    window: Duration,
    previous: Option<Sample>,
) -> anyhow::Result<(GroupReport, Sample)> {
    let client = GroupClient::open(settings, group)?;
    let mut first = previous;
    if first.is_none() && !window.is_zero() {
        let early = snapshot(&client, md, topics)?;
        if early.unknown() {
            return Err(unknown_group(group, known_groups(&client)));
        }
        first = Some(early.sample(Instant::now()));
        tracing::debug!(
            group,
            "first look at the committed offsets taken; the next in {}",
            humantime::format_duration(window)
        );
        std::thread::sleep(window);
    }
    let snap = snapshot(&client, md, topics)?;
    if snap.unknown() {
        return Err(unknown_group(group, known_groups(&client)));
    }
    let now = Instant::now();
    let sample = snap.sample(now);
    // The oldest record not consumed of each partition with lag: the one at its position.
    let lagging: BTreeMap<Tp, i64> = snap
        .offsets
        .iter()
        .filter(|(_, (c, low, high))| c.unwrap_or(*low).max(*low) < *high)
        .map(|(tp, (c, low, _))| (tp.clone(), c.unwrap_or(*low).max(*low)))
        .collect();
    let times = timestamps_at(settings, &lagging, READ_LIMIT)?;
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    let mut partitions = Vec::new();
    for (tp, (committed, low, end)) in &snap.offsets {
        // No committed offset: everything still in the partition is unread.
        let lag = (end - committed.unwrap_or(*low)).max(0);
        // A partition whose remaining records are all transaction markers has nothing left
        // to read: no record, nothing old.
        let oldest = match (lagging.contains_key(tp), times.get(tp)) {
            (true, Some(ms)) => Some(*ms),
            (true, None) => None,
            (false, _) => Some(now_ms),
        };
        partitions.push(PartitionLag {
            topic: tp.0.clone(),
            partition: tp.1,
            committed: *committed,
            end: *end,
            lag: Some(lag),
            lag_seconds: lag_seconds(lag, oldest, now_ms),
            member: snap.owner.get(tp).cloned(),
        });
    }
    let total_lag = partitions.iter().filter_map(|p| p.lag).sum();
    let max_lag_seconds = partitions
        .iter()
        .map(|p| p.lag_seconds)
        .try_fold(0.0f64, |m, s| s.map(|s| m.max(s)));
    let (rate_window_seconds, consume_rate, drain_seconds) = match &first {
        Some(first) => {
            let elapsed = now.saturating_duration_since(first.at);
            let advance: i64 = sample
                .positions
                .iter()
                .filter_map(|(tp, pos)| first.positions.get(tp).map(|before| pos - before))
                .sum();
            let d = drain(first.total_lag, sample.total_lag, advance, elapsed);
            (
                Some((elapsed.as_secs_f64() * 1000.0).round() / 1000.0),
                Some(d.consume_rate),
                d.drain_seconds,
            )
        }
        None => (None, None, None),
    };
    let members = snap
        .description
        .members
        .iter()
        .map(|m| Member {
            id: m.id.clone(),
            client_id: m.client_id.clone(),
            host: m.host.clone(),
            partitions: m
                .assignment
                .iter()
                .map(|(t, p)| format!("{t}/{p}"))
                .collect(),
        })
        .collect();
    Ok((
        GroupReport {
            group: group.to_string(),
            state: snap.description.state.clone(),
            members,
            partitions,
            total_lag,
            max_lag_seconds,
            rate_window_seconds,
            consume_rate,
            drain_seconds,
        },
        sample,
    ))
}

/// The names of the groups the cluster knows (empty when it cannot say).
pub fn known_groups(client: &GroupClient) -> Vec<String> {
    client
        .list()
        .map(|l| l.into_iter().map(|g| g.group).collect())
        .unwrap_or_default()
}

/// The error for a group the cluster does not know (no members, no committed offsets), naming
/// the groups it does know so a typo is easy to fix. Exit code 1.
pub fn unknown_group(group: &str, mut known: Vec<String>) -> anyhow::Error {
    known.sort();
    const SHOWN: usize = 10;
    let list = match known.len() {
        0 => "the cluster has no consumer groups".to_string(),
        n if n <= SHOWN => format!("known groups: {}", known.join(", ")),
        n => format!(
            "known groups: {} and {} more",
            known[..SHOWN].join(", "),
            n - SHOWN
        ),
    };
    anyhow!("group {group:?} is unknown to the cluster (no members, no committed offsets); {list}")
}

fn seconds(s: Option<f64>) -> String {
    s.map_or("unknown".into(), |s| format!("{s:.1}"))
}

/// The report as text: a summary line, the members, the partitions.
pub fn render(r: &GroupReport) -> String {
    let mut t = output::table(&[
        "topic",
        "partition",
        "committed",
        "end",
        "lag",
        "lag (s)",
        "member",
    ]);
    for p in &r.partitions {
        t.add_row(vec![
            p.topic.clone(),
            p.partition.to_string(),
            p.committed.map_or("-".into(), |c| c.to_string()),
            p.end.to_string(),
            p.lag.map_or("-".into(), |l| l.to_string()),
            seconds(p.lag_seconds),
            p.member.clone().unwrap_or_else(|| "-".into()),
        ]);
    }
    let mut m = output::table(&["member", "host", "partitions"]);
    for mem in &r.members {
        m.add_row(vec![
            mem.client_id.clone(),
            mem.host.clone(),
            mem.partitions.join(" "),
        ]);
    }
    let pace = match (r.rate_window_seconds, r.consume_rate) {
        (Some(w), Some(rate)) => format!(
            ", {rate} records/s over {w}s, time to drain {}",
            match r.drain_seconds {
                Some(s) => format!("{s:.1}s"),
                None if rate == 0.0 => "unknown (no progress in the window)".into(),
                None => "unknown (the lag did not shrink in the window)".into(),
            }
        ),
        _ => String::new(),
    };
    format!(
        "group {}: {}, {} member(s), total lag {}, oldest unconsumed {}s{pace}\n{m}\n{t}",
        r.group,
        r.state,
        r.members.len(),
        r.total_lag,
        seconds(r.max_lag_seconds),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_group_names_the_known_ones() {
        let e = unknown_group("gx", vec!["b".into(), "a".into()]).to_string();
        assert!(e.contains("group \"gx\" is unknown") && e.ends_with("known groups: a, b"));
        let many = (0..12).map(|i| format!("g{i:02}")).collect();
        assert!(unknown_group("gx", many)
            .to_string()
            .ends_with("g09 and 2 more"));
        let none = unknown_group("gx", vec![]).to_string();
        assert!(none.ends_with("the cluster has no consumer groups"));
    }

    #[test]
    fn the_text_report_says_when_the_drain_time_is_unknown() {
        let mut r = GroupReport {
            group: "g".into(),
            state: "Empty".into(),
            members: vec![],
            partitions: vec![PartitionLag {
                topic: "t".into(),
                partition: 0,
                committed: Some(5),
                end: 10,
                lag: Some(5),
                lag_seconds: Some(61.25),
                member: None,
            }],
            total_lag: 5,
            max_lag_seconds: Some(61.25),
            rate_window_seconds: Some(2.0),
            consume_rate: Some(0.0),
            drain_seconds: None,
        };
        let text = render(&r);
        assert!(
            text.contains("total lag 5, oldest unconsumed 61.2s"),
            "{text}"
        );
        assert!(
            text.contains("time to drain unknown (no progress"),
            "{text}"
        );
        r.consume_rate = Some(2.5);
        r.drain_seconds = Some(2.0);
        assert!(render(&r).contains("2.5 records/s over 2s, time to drain 2.0s"));
    }
}
