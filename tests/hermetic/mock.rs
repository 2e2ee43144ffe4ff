//! One in-process mock cluster per test (librdkafka's, three brokers, in memory), and a plain
//! rdkafka client of the test's own to write the input and read every output back.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kmsg::consumer::{self, ConsumerConfig, Summary};
use kmsg::kafka::config::ClientSettings;
use kmsg::metrics::ConsumerMetrics;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Header, Headers, OwnedHeaders};
use rdkafka::mocking::MockCluster;
use rdkafka::producer::{DefaultProducerContext, FutureProducer, FutureRecord};
use rdkafka::{ClientConfig, Message, Offset, TopicPartitionList};

/// The input, output and DLQ topics every test uses (each test has a cluster of its own).
pub const INPUT: &str = "in";
pub const OUTPUT: &str = "out";
pub const DLQ: &str = "in.dlq";

/// A mock cluster with the three pipeline topics, and connection settings for the engine.
pub struct Mock {
    // Kept alive for the test; dropped (and the brokers with it) at its end.
    _cluster: MockCluster<'static, DefaultProducerContext>,
    pub bootstrap: String,
    pub settings: ClientSettings,
    pub partitions: i32,
}

impl Mock {
    pub fn new(partitions: i32) -> Mock {
        let cluster = MockCluster::new(3).expect("start the mock cluster");
        for topic in [INPUT, OUTPUT, DLQ] {
            cluster
                .create_topic(topic, partitions, 3)
                .expect("create a topic on the mock cluster");
        }
        let bootstrap = cluster.bootstrap_servers();
        let mut settings = ClientSettings::for_bootstrap(&bootstrap, Duration::from_secs(10));
        // As `kmsg demo` does on the mock cluster: a member that left unannounced holds up a
        // rebalance until its session times out; 6 s bounds that.
        for (k, v) in [
            ("session.timeout.ms", "6000"),
            ("heartbeat.interval.ms", "1000"),
        ] {
            settings.consumer_defaults.insert(k.into(), v.into());
        }
        Mock {
            _cluster: cluster,
            bootstrap,
            settings,
            partitions,
        }
    }

    /// Writes each (key, value) to `topic` with a `trace` header carrying the key; returns
    /// where each key landed.
    pub async fn produce(
        &self,
        topic: &str,
        records: &[(String, Vec<u8>)],
    ) -> HashMap<String, (i32, i64)> {
        let producer: FutureProducer = ClientConfig::new()
            .set("bootstrap.servers", &self.bootstrap)
            .set("linger.ms", "5")
            .create()
            .expect("create the test producer");
        let sends = records.iter().map(|(key, value)| {
            let record = FutureRecord::to(topic)
                .key(key.as_bytes())
                .payload(value.as_slice())
                .headers(OwnedHeaders::new().insert(Header {
                    key: "trace",
                    value: Some(key.as_bytes()),
                }));
            let producer = &producer;
            async move {
                let d = producer
                    .send(record, Duration::from_secs(10))
                    .await
                    .unwrap_or_else(|(e, _)| panic!("the test producer could not send {key}: {e}"));
                (key.clone(), (d.partition, d.offset))
            }
        });
        futures::future::join_all(sends).await.into_iter().collect()
    }

    /// Every record of `topic`, read from the beginning up to each partition's high watermark.
    pub fn read_back(&self, topic: &str) -> Vec<Record> {
        let reader: BaseConsumer = ClientConfig::new()
            .set("bootstrap.servers", &self.bootstrap)
            .set("group.id", format!("reader-{}", uuid::Uuid::new_v4()))
            .set("enable.auto.commit", "false")
            .create()
            .expect("create the test reader");
        let mut assignment = TopicPartitionList::new();
        let mut remaining = BTreeMap::new();
        for p in 0..self.partitions {
            let (low, high) = reader
                .fetch_watermarks(topic, p, Duration::from_secs(10))
                .expect("fetch the watermarks");
            if high > low {
                assignment
                    .add_partition_offset(topic, p, Offset::Beginning)
                    .expect("assign");
                remaining.insert(p, high);
            }
        }
        if remaining.is_empty() {
            return Vec::new();
        }
        reader.assign(&assignment).expect("assign the partitions");
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut records = Vec::new();
        while !remaining.is_empty() {
            assert!(
                Instant::now() < deadline,
                "{topic}: partitions {remaining:?} not read to their high watermark in 15s"
            );
            let Some(m) = reader.poll(Duration::from_millis(200)) else {
                continue;
            };
            let m = m.expect("read a record back");
            let headers = m
                .headers()
                .map(|h| {
                    h.iter()
                        .map(|h| {
                            let v = h.value.map(|v| String::from_utf8_lossy(v).to_string());
                            (h.key.to_string(), v.unwrap_or_default())
                        })
                        .collect()
                })
                .unwrap_or_default();
            records.push(Record {
                key: String::from_utf8_lossy(m.key().unwrap_or_default()).to_string(),
                value: m.payload().unwrap_or_default().to_vec(),
                headers,
            });
            if remaining
                .get(&m.partition())
                .is_some_and(|high| m.offset() + 1 >= *high)
            {
                remaining.remove(&m.partition());
            }
        }
        records
    }
}

/// One record read back.
#[derive(Debug)]
pub struct Record {
    pub key: String,
    pub value: Vec<u8>,
    pub headers: BTreeMap<String, String>,
}

impl Record {
    pub fn header(&self, key: &str) -> &str {
        self.headers
            .get(key)
            .unwrap_or_else(|| panic!("{}: header {key} missing: {:?}", self.key, self.headers))
    }
}

/// A consumer member running on the test's runtime through the library API.
pub struct Member {
    task: tokio::task::JoinHandle<anyhow::Result<Summary>>,
    stop: Arc<AtomicBool>,
    pub metrics: Arc<ConsumerMetrics>,
}

impl Member {
    pub fn start(config: ConsumerConfig, settings: &ClientSettings) -> Member {
        let stop = Arc::new(AtomicBool::new(false));
        let metrics = Arc::new(ConsumerMetrics::new());
        let (s, m, settings) = (stop.clone(), metrics.clone(), settings.clone());
        let task = tokio::spawn(async move { consumer::run(config, &settings, m, s).await });
        Member {
            task,
            stop,
            metrics,
        }
    }

    /// Messages of the input with an outcome (forwarded or dead-lettered).
    pub fn done(&self) -> u64 {
        self.metrics.processed(INPUT, "success") + self.metrics.processed(INPUT, "dlq")
    }

    pub fn is_finished(&self) -> bool {
        self.task.is_finished()
    }

    /// Sets the stop flag and waits (at most 30 s) for the member's summary.
    pub async fn finish(self) -> Summary {
        self.stop.store(true, Ordering::Relaxed);
        tokio::time::timeout(Duration::from_secs(30), self.task)
            .await
            .expect("the member did not stop within 30s of its stop flag")
            .expect("the member's task panicked")
            .expect("the member failed")
    }
}

/// Waits until `f` holds, checking every 50 ms; panics naming `what` after `limit`.
pub async fn eventually(limit: Duration, what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !f() {
        assert!(Instant::now() < deadline, "not within {limit:?}: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `n` ids with a prefix, and a valid JSON value for each.
pub fn valid(prefix: &str, n: usize) -> Vec<(String, Vec<u8>)> {
    (0..n)
        .map(|i| {
            let id = format!("{prefix}-{i:04}");
            let value = format!(r#"{{"id":"{id}","n":{i}}}"#).into_bytes();
            (id, value)
        })
        .collect()
}

/// A unique group name.
pub fn group(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    )
}
