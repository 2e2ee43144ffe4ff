//! The consumer engine: one member of the pipeline's consumer group.
//!
//! Per message: decode (JSON text, or the schema registry's wire format) → validate
//! (`pipeline::outcome`) → process (the fault injector; the
//! HTTP downstream and circuit breaker plug in here) → forward to the output topic, or
//! dead-letter with context headers (`pipeline::dead_letter`). Poison goes to the DLQ at once;
//! transient failures are retried in partition order with backoff while the consumer keeps
//! polling (its partitions paused) so it stays in the group.
//!
//! Offsets (at-least-once): a message's offset becomes committable only when the delivery
//! report of its outcome arrives (`pipeline::offsets::OffsetTracker`); commits are
//! asynchronous on an interval and synchronous on revoke and at shutdown. A DLQ write that
//! keeps failing stops the member with exit 1 without committing past that message.
//!
//! The Kafka loop runs on a blocking thread; deliveries are pipelined (a `ThreadedProducer`
//! reports them on its own thread), never one synchronous wait per message. With
//! `--sink-url`, messages wait in per-partition lanes (`pipeline::lanes`) and up to
//! `--sink-concurrency` HTTP calls run on the async runtime at once, at most one per
//! partition, so each partition keeps its order while the loop goes on polling.
//!
//! The files, one responsibility each, from the bottom up: each imports only files listed
//! before it, and those from `txn` to `dispatch` add their part of the member as
//! `impl Member` blocks:
//! - `options`: [`ConsumerOptions`], what a member is asked to do, and its setters;
//! - `config`: the checked [`ConsumerConfig`] and its refusal rules (`ConsumerOptions::build`);
//! - `decode`: the value stage (JSON text, or decoded through the schema registry with
//!   `--value-format registry`; a registry that cannot be asked holds the record);
//! - `labels`: the fixed label values the member counts with (shown at 0 from start-up);
//! - `summary`: the run summary;
//! - `lag`: the lag arithmetic (pure): the position, and the lag in time;
//! - `records`: the plain data of records and transactions (delivery opaques, failures);
//! - `revoke_book`: the revoke bookkeeping (pure);
//! - `calls`: the `--sink-url` path's state (each message's call, the lanes, the pauses);
//! - `shared`: the state shared by the loop and the librdkafka callbacks (delivery reports,
//!   rebalances, statistics), and those callbacks;
//! - `member`: the member's state and the small bookkeeping every path shares;
//! - `txn`: exactly-once transactions (commit, abort, rewind);
//! - `emit`: forwards, dead letters and failed deliveries;
//! - `revoke`: what a revoke does to work in progress;
//! - `breaker`: the circuit breaker's gate and results;
//! - `burst`: the path straight from the poll, with the validator threads;
//! - `retry`: the synchronous path with blocking retries and backoff buffering;
//! - `dispatch`: the `--sink-url` path (per-partition lanes, concurrent calls);
//!   both ask `pipeline::decide` what happens to a message after an attempt;
//! - `stop`: when a member stops and how (pure): leaving the group or not, the shutdown
//!   budget, the idle rule;
//! - `drive`: the main loop, its stop reasons and the orderly shutdown;
//! - `run`: building a member and running it to its summary.

mod breaker;
mod burst;
mod calls;
mod config;
mod decode;
mod dispatch;
mod drive;
mod emit;
mod labels;
/// The `reason`s a dead letter can carry (its `kmsg.dlq.error.class`).
pub use self::labels::DLQ_REASONS;
mod lag;
mod member;
mod options;
mod records;
mod retry;
mod revoke;
mod revoke_book;
mod run;
mod shared;
mod stop;
mod summary;
mod txn;

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use anyhow::anyhow;

pub use config::{ConsumerConfig, ConsumerOptions, ValueFormat, DEFAULT_INPUT_TOPIC};
pub use summary::{DecodeSummary, StopReason, Summary, TxnCounts};

use crate::error::usage;
use crate::kafka::admin::Admin;
use crate::kafka::config::ClientSettings;
use crate::metrics::ConsumerMetrics;
use crate::sink::http::HttpSink;

/// Runs one member until `stop` (or its own stop conditions), with the caller's metrics.
/// Refuses at start-up what would fail later (a missing input, output or DLQ topic), then
/// consumes on a blocking thread.
pub async fn run(
    config: ConsumerConfig,
    settings: &ClientSettings,
    metrics: Arc<ConsumerMetrics>,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<Summary> {
    // Refuse at start-up what would fail later: missing input, output or DLQ topic.
    let admin = Admin::connect(settings).await?;
    for topic in [
        Some(&config.topic),
        config.output_topic.as_ref(),
        Some(&config.dlq_topic),
    ]
    .into_iter()
    .flatten()
    {
        admin.topic(topic).await?;
    }
    drop(admin);

    let sink = match &config.sink_url {
        Some(url) => {
            let sink = HttpSink::new(url, config.sink_timeout, tokio::runtime::Handle::current())
                .map_err(usage)?;
            let probe = HttpSink::new(url, config.sink_timeout, tokio::runtime::Handle::current())
                .map_err(usage)?;
            let reachable = tokio::task::spawn_blocking(move || probe.reachable())
                .await
                .unwrap_or(false);
            if !reachable {
                tracing::warn!(url = %sink.url(), "the downstream does not answer yet; the circuit breaker will hold messages until it does");
            }
            Some(sink)
        }
        None => None,
    };
    // Every series known before any event exists from the first scrape.
    metrics.expose_topic(&config.topic, &labels::KNOWN);
    if let Some(addr) = config.metrics_addr {
        crate::metrics::serve(addr, metrics.clone()).await?;
    }
    tokio::task::spawn_blocking(move || run::run_member(config, sink, metrics, stop))
        .await
        .map_err(|e| anyhow!("the consumer thread failed: {e}"))?
}
