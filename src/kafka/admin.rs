//! Admin operations on a cluster, returned as plain data: metadata (brokers, controller,
//! partitions), topic create/delete/configs, and "wait until every partition has a leader"
//! (changing a topic is `alter`'s).
//!
//! librdkafka's metadata call blocks, so it runs under `block_in_place`; admin requests are
//! futures. Every failure to reach the cluster becomes `AdminError::Unreachable`, which names
//! the bootstrap, the timeout and the last transport error librdkafka saw, or, at once, when
//! every broker refused the connection, `AdminError::NotListening`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, ResourceSpecifier, TopicReplication};
use rdkafka::error::KafkaError;
use rdkafka::producer::{BaseProducer, Producer};
use rdkafka::types::RDKafkaErrorCode;
use serde::Serialize;

use super::config::ClientSettings;
use super::context::KmsgContext;

/// Errors of admin operations, each naming the thing and, where it can, the fix.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("cannot reach the cluster at {bootstrap} within {timeout}: {cause}; is it running? (set --bootstrap or BOOTSTRAP_SERVERS, or --timeout)")]
    Unreachable {
        bootstrap: String,
        timeout: String,
        cause: String,
    },
    #[error("nothing listens at {addresses} (connection refused): is the cluster up? check with `kmsg cluster status`, or set --bootstrap / BOOTSTRAP_SERVERS")]
    NotListening { addresses: String },
    #[error("cluster at {bootstrap} refused the connection: {refusal}")]
    Refused {
        bootstrap: String,
        refusal: super::context::Refusal,
    },
    #[error("topic {0} does not exist (create it with `kmsg topics create {0}`)")]
    TopicMissing(String),
    #[error("cannot create a Kafka client: {0}")]
    Client(String),
    #[error("{0}")]
    Kafka(String),
}

/// One broker as metadata reports it.
#[derive(Debug, Clone, Serialize)]
pub struct BrokerInfo {
    pub id: i32,
    pub host: String,
    pub port: i32,
}

/// One partition as metadata reports it.
#[derive(Debug, Clone, Serialize)]
pub struct PartitionInfo {
    pub partition: i32,
    pub leader: i32,
    pub replicas: Vec<i32>,
    pub isr: Vec<i32>,
}

/// One topic as metadata reports it.
#[derive(Debug, Clone, Serialize)]
pub struct TopicInfo {
    pub name: String,
    pub partitions: Vec<PartitionInfo>,
}

impl TopicInfo {
    pub fn replication_factor(&self) -> usize {
        self.partitions
            .iter()
            .map(|p| p.replicas.len())
            .max()
            .unwrap_or(0)
    }

    pub fn is_internal(&self) -> bool {
        self.name.starts_with("__")
    }

    pub fn under_replicated(&self) -> usize {
        self.partitions
            .iter()
            .filter(|p| p.isr.len() < p.replicas.len())
            .count()
    }

    pub fn leaderless(&self) -> usize {
        self.partitions.iter().filter(|p| p.leader < 0).count()
    }
}

/// A snapshot of the cluster's metadata.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterMetadata {
    pub brokers: Vec<BrokerInfo>,
    /// The active controller as reported to clients (in KRaft, a broker id chosen by the cluster), if known.
    pub controller: Option<i32>,
    pub topics: Vec<TopicInfo>,
}

/// A connected admin client plus what is needed for good error messages.
///
/// Metadata goes through a `BaseProducer` rather than the admin client: polling it serves
/// librdkafka's main queue, which is where connection-failure log lines arrive, so an
/// unreachable cluster can be reported with its cause.
pub struct Admin {
    client: AdminClient<KmsgContext>,
    probe: BaseProducer<KmsgContext>,
    context: KmsgContext,
    settings: ClientSettings,
}

impl Admin {
    /// Creates the client (no network yet) and checks that the cluster answers within the timeout.
    pub async fn connect(settings: &ClientSettings) -> Result<Admin, AdminError> {
        let context = KmsgContext::default();
        let config = settings.base_config();
        let client: AdminClient<KmsgContext> = config
            .create_with_context(context.clone())
            .map_err(|e| AdminError::Client(e.to_string()))?;
        let probe: BaseProducer<KmsgContext> = config
            .create_with_context(context.clone())
            .map_err(|e| AdminError::Client(e.to_string()))?;
        let admin = Admin {
            client,
            probe,
            context,
            settings: settings.clone(),
        };
        admin.wait_reachable().await?;
        Ok(admin)
    }

    /// Asks for metadata in short rounds until the timeout, so that a security refusal
    /// (wrong password, untrusted CA, plaintext against TLS) or every broker refusing the
    /// connection (nothing listens there) ends the wait at once.
    async fn wait_reachable(&self) -> Result<(), AdminError> {
        let deadline = Instant::now() + self.timeout();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let round = left.min(Duration::from_millis(500));
            let result = tokio::task::block_in_place(|| {
                self.probe
                    .client()
                    .fetch_metadata(None, round.max(Duration::from_millis(1)))
            });
            self.probe.poll(Duration::ZERO);
            let err = match result {
                Ok(_) => return Ok(()),
                Err(e) => e,
            };
            if let Some(refusal) = self.context.refusal() {
                return Err(AdminError::Refused {
                    bootstrap: self.settings.describe_target(),
                    refusal,
                });
            }
            if let Some(addresses) = self.context.refused_everywhere() {
                return Err(AdminError::NotListening {
                    addresses: addresses.join(", "),
                });
            }
            if Instant::now() >= deadline {
                return Err(self.unreachable(&err));
            }
        }
    }

    pub(crate) fn timeout(&self) -> Duration {
        self.settings.timeout
    }

    /// The admin client, for requests rust-rdkafka has no API for (ACLs in `acl_ffi`,
    /// incremental config changes and partition growth in `alter_ffi`).
    pub(crate) fn client(&self) -> &AdminClient<KmsgContext> {
        &self.client
    }

    fn unreachable(&self, err: &KafkaError) -> AdminError {
        // Serve queued log events so the context learns the transport error.
        self.probe.poll(Duration::ZERO);
        let cause = self.context.last_error().unwrap_or_else(|| err.to_string());
        AdminError::Unreachable {
            bootstrap: self.settings.describe_target(),
            timeout: humantime::format_duration(self.timeout()).to_string(),
            cause,
        }
    }

    fn options(&self) -> AdminOptions {
        AdminOptions::new()
            .request_timeout(Some(self.timeout()))
            .operation_timeout(Some(self.timeout()))
    }

    /// Fetches metadata for one topic or all of them. A topic reported missing is asked for
    /// twice more, 300 ms apart: a broker that lags in applying the cluster's metadata (a
    /// loaded machine) can miss a topic created moments ago that another broker knows.
    pub async fn metadata(&self, topic: Option<&str>) -> Result<ClusterMetadata, AdminError> {
        let mut tries = 0;
        loop {
            match self.metadata_once(topic).await {
                Err(AdminError::TopicMissing(_)) if tries < 2 => {
                    tries += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                }
                other => return other,
            }
        }
    }

    async fn metadata_once(&self, topic: Option<&str>) -> Result<ClusterMetadata, AdminError> {
        let timeout = self.timeout();
        let md = tokio::task::block_in_place(|| self.probe.client().fetch_metadata(topic, timeout))
            .map_err(|e| self.unreachable(&e))?;
        let controller = tokio::task::block_in_place(|| {
            // SAFETY: the pointer is valid for the lifetime of `self.client`.
            unsafe {
                rdkafka::bindings::rd_kafka_controllerid(self.probe.client().native_ptr(), 1000)
            }
        });
        let brokers = md
            .brokers()
            .iter()
            .map(|b| BrokerInfo {
                id: b.id(),
                host: b.host().to_string(),
                port: b.port(),
            })
            .collect();
        let mut topics = Vec::new();
        for t in md.topics() {
            if let Some(err) = t.error() {
                let code = RDKafkaErrorCode::from(err);
                if code == RDKafkaErrorCode::UnknownTopicOrPartition {
                    if topic.is_some() {
                        return Err(AdminError::TopicMissing(t.name().to_string()));
                    }
                    continue;
                }
                return Err(AdminError::Kafka(format!("topic {}: {code}", t.name())));
            }
            let mut partitions: Vec<PartitionInfo> = t
                .partitions()
                .iter()
                .map(|p| PartitionInfo {
                    partition: p.id(),
                    leader: p.leader(),
                    replicas: p.replicas().to_vec(),
                    isr: p.isr().to_vec(),
                })
                .collect();
            partitions.sort_by_key(|p| p.partition);
            topics.push(TopicInfo {
                name: t.name().to_string(),
                partitions,
            });
        }
        topics.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(ClusterMetadata {
            brokers,
            controller: (controller >= 0).then_some(controller),
            topics,
        })
    }

    /// Metadata of one existing topic.
    pub async fn topic(&self, name: &str) -> Result<TopicInfo, AdminError> {
        let md = self.metadata(Some(name)).await?;
        md.topics
            .into_iter()
            .find(|t| t.name == name)
            .ok_or_else(|| AdminError::TopicMissing(name.to_string()))
    }

    /// Creates one topic. `Ok(false)` means it already existed (the caller compares settings).
    pub async fn create_topic(
        &self,
        name: &str,
        partitions: i32,
        replication_factor: i32,
        configs: &BTreeMap<String, String>,
    ) -> Result<bool, AdminError> {
        let mut new = NewTopic::new(
            name,
            partitions,
            TopicReplication::Fixed(replication_factor),
        );
        for (k, v) in configs {
            new = new.set(k, v);
        }
        let results = self
            .client
            .create_topics([&new], &self.options())
            .await
            .map_err(|e| self.unreachable(&e))?;
        match results.into_iter().next() {
            Some(Ok(_)) => Ok(true),
            Some(Err((_, RDKafkaErrorCode::TopicAlreadyExists))) => Ok(false),
            Some(Err((_, code))) => Err(AdminError::Kafka(format!(
                "cannot create topic {name}: {}",
                explain_code(code)
            ))),
            None => Err(AdminError::Kafka(format!(
                "cannot create topic {name}: the cluster gave no answer"
            ))),
        }
    }

    /// Deletes topics; returns per-topic errors as text.
    pub async fn delete_topics(
        &self,
        names: &[&str],
    ) -> Result<Vec<(String, Option<String>)>, AdminError> {
        let results = self
            .client
            .delete_topics(names, &self.options())
            .await
            .map_err(|e| self.unreachable(&e))?;
        Ok(results
            .into_iter()
            .map(|r| match r {
                Ok(name) => (name, None),
                Err((name, code)) => (name, Some(explain_code(code))),
            })
            .collect())
    }

    /// The topic's configs: every entry with its value and whether it is the default.
    pub async fn topic_configs(&self, name: &str) -> Result<Vec<ConfigValue>, AdminError> {
        let results = self
            .client
            .describe_configs([&ResourceSpecifier::Topic(name)], &self.options())
            .await
            .map_err(|e| self.unreachable(&e))?;
        let resource = match results.into_iter().next() {
            Some(Ok(r)) => r,
            Some(Err(code)) => {
                return Err(AdminError::Kafka(format!(
                    "cannot read configs of {name}: {}",
                    explain_code(code)
                )))
            }
            None => return Ok(Vec::new()),
        };
        let mut out: Vec<ConfigValue> = resource
            .entries
            .into_iter()
            .map(|e| ConfigValue {
                name: e.name,
                value: if e.is_sensitive { None } else { e.value },
                is_default: e.is_default,
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Waits until metadata shows the topic with `partitions` partitions, each with a leader.
    pub async fn wait_for_leaders(
        &self,
        name: &str,
        partitions: usize,
    ) -> Result<TopicInfo, AdminError> {
        let deadline = Instant::now() + self.timeout();
        loop {
            let last = match self.topic(name).await {
                Ok(t) if t.partitions.len() >= partitions && t.leaderless() == 0 => return Ok(t),
                Ok(t) => format!(
                    "{} of {} partitions have a leader",
                    t.partitions.len() - t.leaderless(),
                    partitions
                ),
                Err(AdminError::TopicMissing(_)) => "the topic is not in metadata yet".to_string(),
                Err(e) => return Err(e),
            };
            if Instant::now() >= deadline {
                return Err(AdminError::Kafka(format!(
                    "topic {name}: the brokers accepted the change, but not every partition has a leader after {}: {last}",
                    humantime::format_duration(self.timeout())
                )));
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

/// A topic config entry.
#[derive(Debug, Clone, Serialize)]
pub struct ConfigValue {
    pub name: String,
    pub value: Option<String>,
    pub is_default: bool,
}

/// Turns a broker error code into a sentence with a hint where one helps.
pub fn explain_code(code: RDKafkaErrorCode) -> String {
    let hint = match code {
        RDKafkaErrorCode::InvalidReplicationFactor => {
            "; the replication factor cannot exceed the number of brokers"
        }
        RDKafkaErrorCode::InvalidPartitions => "; partitions must be at least 1",
        RDKafkaErrorCode::InvalidTopic => {
            "; topic names use letters, digits, '.', '_' and '-', at most 249 characters"
        }
        RDKafkaErrorCode::TopicAuthorizationFailed
        | RDKafkaErrorCode::ClusterAuthorizationFailed => "; check the user's ACLs",
        RDKafkaErrorCode::UnknownTopicOrPartition => "; the topic does not exist",
        _ => "",
    };
    format!("{code}{hint}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(parts: &[(i32, &[i32], &[i32])]) -> TopicInfo {
        TopicInfo {
            name: "t".into(),
            partitions: parts
                .iter()
                .enumerate()
                .map(|(i, (leader, replicas, isr))| PartitionInfo {
                    partition: i as i32,
                    leader: *leader,
                    replicas: replicas.to_vec(),
                    isr: isr.to_vec(),
                })
                .collect(),
        }
    }

    #[test]
    fn counts_under_replicated_and_leaderless_partitions() {
        let t = topic(&[
            (1, &[1, 2, 3], &[1, 2, 3]),
            (-1, &[1, 2, 3], &[1]),
            (2, &[2, 3, 1], &[2, 3]),
        ]);
        assert_eq!(t.replication_factor(), 3);
        assert_eq!(t.under_replicated(), 2);
        assert_eq!(t.leaderless(), 1);
    }

    #[test]
    fn explains_replication_factor_errors() {
        let text = explain_code(RDKafkaErrorCode::InvalidReplicationFactor);
        assert!(text.contains("number of brokers"), "{text}");
    }
}
