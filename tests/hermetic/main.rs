//! The hermetic tier: the consumer engine run through its library API
//! (`kmsg::consumer::{ConsumerConfig, run}`) on librdkafka's in-process mock cluster, so
//! `cargo test` exercises forwarding, dead letters, retries, the breaker and a rebalance with
//! no Kafka installed and no environment set. Every test writes with, and reads back with, a
//! plain rdkafka client of its own, accounts for every message id, and is bounded in time.

mod engine;
mod mock;
