//! Consumer groups as plain data: the groups a cluster knows, one group's state and members
//! (with their assignments decoded), its committed offsets, a partition's watermarks, the
//! offset for a time, the timestamp of the record at an offset, and the three changes
//! `kmsg group` makes: commit offsets (as a client that has not joined the group, which the
//! broker accepts only while the group has no members), delete the group, delete some of its
//! offsets (`group_ffi`).
//!
//! Every call blocks (librdkafka's group listing, offset and fetch calls do); the commands run
//! them under `spawn_blocking` or `block_in_place`.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::{Offset, TopicPartitionList};
use serde::Serialize;

use super::admin::{explain_code, Admin};
use super::config::ClientSettings;
use super::context::KmsgContext;
use super::group_ffi;

/// A topic and partition.
pub type Tp = (String, i32);

/// Errors of group operations, each naming what was being done.
#[derive(Debug, thiserror::Error)]
pub enum GroupError {
    #[error("cannot create a Kafka client: {0}")]
    Client(String),
    #[error("cannot {what}: {cause}")]
    Kafka { what: String, cause: String },
}

fn failed(what: impl Into<String>) -> impl FnOnce(KafkaError) -> GroupError {
    let what = what.into();
    move |e| GroupError::Kafka {
        what,
        cause: e.to_string(),
    }
}

/// One group as the cluster lists it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct GroupListing {
    pub group: String,
    /// Stable, Empty, PreparingRebalance, CompletingRebalance or Dead.
    pub state: String,
    /// `consumer` for consumer groups; other clients (Connect) use other types.
    pub protocol_type: String,
    /// The assignor the members agreed on (range, cooperative-sticky, …); empty when none.
    pub protocol: String,
    pub members: usize,
}

/// One member of a group.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct GroupMember {
    pub id: String,
    pub client_id: String,
    pub host: String,
    /// Its partitions (consumer protocol); empty when it has none or another protocol.
    pub assignment: Vec<Tp>,
}

/// A group's state and members; `state` is `Dead` for a group the cluster does not know.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct GroupDescription {
    pub group: String,
    pub state: String,
    pub members: Vec<GroupMember>,
}

impl GroupDescription {
    /// Whether the group has members (or is between generations with some): the broker then
    /// refuses offset commits from outside the group, and resetting under a running consumer
    /// would be overwritten by its next commit.
    pub fn is_active(&self) -> bool {
        !self.members.is_empty()
            || matches!(
                self.state.as_str(),
                "Stable" | "PreparingRebalance" | "CompletingRebalance"
            )
    }

    /// The members as `client-id@host (member id)`, for error messages.
    pub fn member_list(&self) -> String {
        self.members
            .iter()
            .map(|m| {
                format!(
                    "{}@{} ({})",
                    m.client_id,
                    m.host.trim_start_matches('/'),
                    m.id
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Reads a classic consumer-protocol assignment (version, then topics with partitions).
pub fn parse_assignment(bytes: &[u8]) -> Option<Vec<(String, Vec<i32>)>> {
    let mut at = 0usize;
    let mut take = |n: usize| -> Option<&[u8]> {
        let s = bytes.get(at..at + n)?;
        at += n;
        Some(s)
    };
    let _version = i16::from_be_bytes(take(2)?.try_into().ok()?);
    let topics = i32::from_be_bytes(take(4)?.try_into().ok()?);
    let mut out = Vec::new();
    for _ in 0..topics.max(0) {
        let len = i16::from_be_bytes(take(2)?.try_into().ok()?);
        let name = String::from_utf8(take(len.max(0) as usize)?.to_vec()).ok()?;
        let n = i32::from_be_bytes(take(4)?.try_into().ok()?);
        let mut partitions = Vec::new();
        for _ in 0..n.max(0) {
            partitions.push(i32::from_be_bytes(take(4)?.try_into().ok()?));
        }
        out.push((name, partitions));
    }
    Some(out)
}

/// A client that reads and commits one group's offsets without joining it.
pub struct GroupClient {
    consumer: BaseConsumer<KmsgContext>,
    group: String,
    timeout: Duration,
}

impl GroupClient {
    pub fn open(settings: &ClientSettings, group: &str) -> Result<GroupClient, GroupError> {
        let consumer = settings
            .group_reader_config(group)
            .create_with_context(KmsgContext::default())
            .map_err(|e| GroupError::Client(e.to_string()))?;
        Ok(GroupClient {
            consumer,
            group: group.to_string(),
            timeout: settings.timeout,
        })
    }

    /// Every group the cluster knows, sorted by name.
    pub fn list(&self) -> Result<Vec<GroupListing>, GroupError> {
        let list = self
            .consumer
            .fetch_group_list(None, self.timeout)
            .map_err(failed("list the consumer groups"))?;
        let mut out: Vec<GroupListing> = list
            .groups()
            .iter()
            .map(|g| GroupListing {
                group: g.name().to_string(),
                state: g.state().to_string(),
                protocol_type: g.protocol_type().to_string(),
                protocol: g.protocol().to_string(),
                members: g.members().len(),
            })
            .collect();
        out.sort_by(|a, b| a.group.cmp(&b.group));
        Ok(out)
    }

    /// The group's state and members.
    pub fn describe(&self) -> Result<GroupDescription, GroupError> {
        let list = self
            .consumer
            .fetch_group_list(Some(&self.group), self.timeout)
            .map_err(failed(format!("describe group {}", self.group)))?;
        let info = list.groups().iter().find(|g| g.name() == self.group);
        let members = info
            .map(|g| g.members())
            .unwrap_or_default()
            .iter()
            .map(|m| GroupMember {
                id: m.id().to_string(),
                client_id: m.client_id().to_string(),
                host: m.client_host().to_string(),
                assignment: m
                    .assignment()
                    .and_then(parse_assignment)
                    .unwrap_or_default()
                    .into_iter()
                    .flat_map(|(t, ps)| ps.into_iter().map(move |p| (t.clone(), p)))
                    .collect(),
            })
            .collect();
        Ok(GroupDescription {
            group: self.group.clone(),
            state: info.map_or("Dead".to_string(), |g| g.state().to_string()),
            members,
        })
    }

    /// The group's committed offset of each partition (`None`: it has none).
    pub fn committed(&self, partitions: &[Tp]) -> Result<BTreeMap<Tp, Option<i64>>, GroupError> {
        let mut tpl = TopicPartitionList::new();
        for (t, p) in partitions {
            tpl.add_partition(t, *p);
        }
        let committed = self
            .consumer
            .committed_offsets(tpl, self.timeout)
            .map_err(failed(format!(
                "read the committed offsets of {}",
                self.group
            )))?;
        Ok(committed
            .elements()
            .iter()
            .map(|e| {
                let offset = match e.offset() {
                    Offset::Offset(o) => Some(o),
                    _ => None,
                };
                ((e.topic().to_string(), e.partition()), offset)
            })
            .collect())
    }

    /// The partition's low and high watermarks (first offset, one past the last).
    pub fn watermarks(&self, topic: &str, partition: i32) -> Result<(i64, i64), GroupError> {
        super::reader::watermarks(&self.consumer, topic, partition, self.timeout)
            .map_err(failed(format!("read the offsets of {topic}/{partition}")))
    }

    /// The first offset at or after `ms` (since the epoch) in each partition; `None` where no
    /// record is that recent.
    pub fn offsets_for_time(
        &self,
        partitions: &[Tp],
        ms: i64,
    ) -> Result<BTreeMap<Tp, Option<i64>>, GroupError> {
        let mut tpl = TopicPartitionList::new();
        for (t, p) in partitions {
            tpl.add_partition_offset(t, *p, Offset::Offset(ms))
                .map_err(failed("build the offset-for-time request"))?;
        }
        let found = self
            .consumer
            .offsets_for_times(tpl, self.timeout)
            .map_err(failed("look up offsets by time"))?;
        Ok(found
            .elements()
            .iter()
            .map(|e| {
                let offset = match e.offset() {
                    Offset::Offset(o) if o >= 0 => Some(o),
                    _ => None,
                };
                ((e.topic().to_string(), e.partition()), offset)
            })
            .collect())
    }

    /// Commits these offsets for the group, as a client outside it (generation -1): the
    /// broker accepts that only while the group has no members.
    pub fn commit(&self, offsets: &BTreeMap<Tp, i64>) -> Result<(), GroupError> {
        if offsets.is_empty() {
            return Ok(());
        }
        let mut tpl = TopicPartitionList::new();
        for ((t, p), o) in offsets {
            tpl.add_partition_offset(t, *p, Offset::Offset(*o))
                .map_err(failed("build the commit"))?;
        }
        self.consumer
            .commit(&tpl, CommitMode::Sync)
            .map_err(failed(format!("commit the offsets of {}", self.group)))
    }
}

/// The timestamp (ms since the epoch) of the first record each partition holds at or after its
/// offset, read with a reader outside any group. A partition whose offset is at its end (or
/// that holds only transaction markers from there) is absent; so is one not answered within
/// `limit` (for all of them), so a slow partition costs at most that. Topics are read one
/// after the other, since librdkafka reports a partition's end by its number only.
pub fn timestamps_at(
    settings: &ClientSettings,
    at: &BTreeMap<Tp, i64>,
    limit: Duration,
) -> Result<BTreeMap<Tp, i64>, GroupError> {
    let mut out = BTreeMap::new();
    if at.is_empty() {
        return Ok(out);
    }
    let deadline = Instant::now() + limit;
    let topics: BTreeSet<&String> = at.keys().map(|(t, _)| t).collect();
    for topic in topics {
        let consumer: BaseConsumer<KmsgContext> = settings
            .viewer_config()
            .create_with_context(KmsgContext::default())
            .map_err(|e| GroupError::Client(e.to_string()))?;
        let mut tpl = TopicPartitionList::new();
        let mut pending = BTreeSet::new();
        for ((_, p), o) in at.iter().filter(|((t, _), _)| t == topic) {
            tpl.add_partition_offset(topic, *p, Offset::Offset(*o))
                .map_err(failed("build the read"))?;
            pending.insert(*p);
        }
        consumer
            .assign(&tpl)
            .map_err(failed(format!("assign the partitions of {topic} to read")))?;
        while !pending.is_empty() && Instant::now() < deadline {
            match consumer.poll(Duration::from_millis(100)) {
                None => {}
                Some(Ok(m)) if pending.remove(&m.partition()) => {
                    if let Some(ms) = m.timestamp().to_millis() {
                        out.insert((topic.clone(), m.partition()), ms);
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(KafkaError::PartitionEOF(p))) => {
                    pending.remove(&p);
                }
                Some(Err(e)) => {
                    tracing::debug!(topic, "reading the oldest unconsumed records: {e}")
                }
            }
        }
    }
    Ok(out)
}

/// Deletes the group (its committed offsets with it). The broker refuses a group with members.
pub async fn delete_group(admin: &Admin, group: &str) -> Result<(), GroupError> {
    let options = rdkafka::admin::AdminOptions::new()
        .request_timeout(Some(admin.timeout()))
        .operation_timeout(Some(admin.timeout()));
    let results = admin
        .client()
        .delete_groups(&[group], &options)
        .await
        .map_err(failed(format!("delete group {group}")))?;
    match results.into_iter().next() {
        Some(Err((_, code))) => Err(GroupError::Kafka {
            what: format!("delete group {group}"),
            cause: explain_code(code),
        }),
        _ => Ok(()),
    }
}

/// Deletes the group's committed offsets of these partitions; a partition the broker refused
/// (e.g. the group, active, is subscribed to its topic) fails the whole call, naming it.
pub async fn delete_offsets(
    admin: &Admin,
    group: &str,
    partitions: &[Tp],
) -> Result<(), GroupError> {
    let mut tpl = TopicPartitionList::new();
    for (t, p) in partitions {
        tpl.add_partition(t, *p);
    }
    let what = || format!("delete the offsets of group {group}");
    let outcome = tokio::task::block_in_place(|| {
        group_ffi::delete_offsets(admin.client(), group, &tpl, admin.timeout())
    })
    .map_err(|e| GroupError::Kafka {
        what: what(),
        cause: e.to_string(),
    })?;
    let refused: Vec<String> = outcome
        .into_iter()
        .filter_map(|(t, p, err)| err.map(|e| format!("{t}/{p}: {e}")))
        .collect();
    if refused.is_empty() {
        Ok(())
    } else {
        Err(GroupError::Kafka {
            what: what(),
            cause: refused.join("; "),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_consumer_protocol_assignment() {
        let mut b = vec![0, 0, 0, 0, 0, 1, 0, 5];
        b.extend_from_slice(b"posts");
        b.extend_from_slice(&[0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 0]);
        assert_eq!(
            parse_assignment(&b),
            Some(vec![("posts".to_string(), vec![1, 4])])
        );
        assert_eq!(parse_assignment(&[0, 0, 0]), None);
    }

    #[test]
    fn a_group_with_members_or_rebalancing_is_active() {
        let mut g = GroupDescription {
            group: "g".into(),
            state: "Empty".into(),
            members: vec![],
        };
        assert!(!g.is_active());
        g.state = "PreparingRebalance".into();
        assert!(g.is_active());
        g.state = "Dead".into();
        g.members.push(GroupMember {
            id: "m-1".into(),
            client_id: "kmsg-1".into(),
            host: "/10.0.0.1".into(),
            assignment: vec![],
        });
        assert!(g.is_active());
        assert_eq!(g.member_list(), "kmsg-1@10.0.0.1 (m-1)");
    }
}
