//! The consumer engine end to end on the mock cluster: forward, dead letter, retry, the
//! breaker's pause and resume, and a member joining mid-stream. Each test accounts for every
//! message id in what it reads back from the output topic and the DLQ.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use kmsg::consumer::ConsumerConfig;
use kmsg::pipeline::breaker::BreakerState;

use crate::mock::{eventually, group, valid, Member, Mock, DLQ, INPUT, OUTPUT};

fn keys(records: &[crate::mock::Record]) -> Vec<String> {
    let mut k: Vec<String> = records.iter().map(|r| r.key.clone()).collect();
    k.sort();
    k
}

fn sorted(ids: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut k: Vec<String> = ids.iter().map(|(id, _)| id.clone()).collect();
    k.sort();
    k
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn valid_messages_reach_the_output_topic_once_each_with_their_value_key_and_headers() {
    let mock = Mock::new(3);
    let input = valid("fwd", 60);
    mock.produce(INPUT, &input).await;
    let config = ConsumerConfig::builder(group("fwd"), INPUT)
        .output_topic(OUTPUT)
        .build(&mock.settings)
        .unwrap();
    let member = Member::start(config, &mock.settings);
    eventually(Duration::from_secs(30), "60 messages forwarded", || {
        member.done() >= 60 || member.is_finished()
    })
    .await;
    let summary = member.finish().await;

    let out = mock.read_back(OUTPUT);
    assert_eq!(keys(&out), sorted(&input), "every id exactly once");
    let values: BTreeMap<&str, &[u8]> = input.iter().map(|(k, v)| (k.as_str(), &v[..])).collect();
    for r in &out {
        assert_eq!(r.value, values[r.key.as_str()], "{}: value changed", r.key);
        assert_eq!(r.header("trace"), r.key, "headers preserved");
    }
    assert!(mock.read_back(DLQ).is_empty(), "nothing dead-lettered");
    assert_eq!(
        (
            summary.consumed,
            summary.forwarded,
            summary.dead_lettered_total
        ),
        (60, 60, 0)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poison_goes_to_the_dlq_with_its_context_headers_and_the_rest_is_forwarded() {
    let mock = Mock::new(3);
    let good = valid("ok", 30);
    let poison: Vec<(String, Vec<u8>)> = (0..10)
        .map(|i| {
            (
                format!("bad-{i:04}"),
                format!("{{not json {i}").into_bytes(),
            )
        })
        .collect();
    let mut all = good.clone();
    all.extend(poison.iter().cloned());
    let landed = mock.produce(INPUT, &all).await;
    let g = group("dlq");
    let config = ConsumerConfig::builder(g.clone(), INPUT)
        .output_topic(OUTPUT)
        .build(&mock.settings)
        .unwrap();
    let member = Member::start(config, &mock.settings);
    eventually(Duration::from_secs(30), "40 outcomes", || {
        member.done() >= 40 || member.is_finished()
    })
    .await;
    let summary = member.finish().await;

    assert_eq!(keys(&mock.read_back(OUTPUT)), sorted(&good));
    let dlq = mock.read_back(DLQ);
    assert_eq!(keys(&dlq), sorted(&poison));
    for r in &dlq {
        let (partition, offset) = landed[&r.key];
        let original = &poison.iter().find(|(k, _)| *k == r.key).unwrap().1;
        assert_eq!(&r.value, original, "{}: the value is kept as it was", r.key);
        assert_eq!(r.header("kmsg.dlq.original.topic"), INPUT);
        assert_eq!(
            r.header("kmsg.dlq.original.partition"),
            partition.to_string()
        );
        assert_eq!(r.header("kmsg.dlq.original.offset"), offset.to_string());
        assert_eq!(r.header("kmsg.dlq.consumer.group"), g);
        assert_eq!(r.header("kmsg.dlq.error.class"), "json_parse");
        assert_eq!(r.header("kmsg.dlq.attempts"), "1");
        assert!(!r.header("kmsg.dlq.error.message").is_empty());
        assert!(!r.header("kmsg.dlq.failed.at").is_empty());
        assert_eq!(r.header("trace"), r.key, "original headers kept");
    }
    assert_eq!((summary.forwarded, summary.dead_lettered_total), (30, 10));
    assert_eq!(
        summary.dead_lettered.get("json_parse"),
        Some(&10),
        "{:?}",
        summary.dead_lettered
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transient_failures_are_retried_then_forwarded_and_each_retry_is_counted() {
    let mock = Mock::new(3);
    let input = valid("retry", 30);
    mock.produce(INPUT, &input).await;
    let config = ConsumerConfig::builder(group("retry"), INPUT)
        .output_topic(OUTPUT)
        .faults(2, 0.0, 0)
        .retries(3, Duration::from_millis(1), Duration::from_millis(5))
        .build(&mock.settings)
        .unwrap();
    let member = Member::start(config, &mock.settings);
    eventually(Duration::from_secs(30), "30 messages forwarded", || {
        member.done() >= 30 || member.is_finished()
    })
    .await;
    let summary = member.finish().await;

    assert_eq!(keys(&mock.read_back(OUTPUT)), sorted(&input));
    assert!(mock.read_back(DLQ).is_empty());
    assert_eq!(summary.retries, 60, "two failed attempts per message");
    assert_eq!(
        summary.breaker_opened, 0,
        "a success resets the breaker's count"
    );
    assert_eq!(summary.forwarded, 30);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_that_keeps_failing_is_dead_lettered_as_retries_exhausted() {
    let mock = Mock::new(1);
    let input = valid("exhaust", 5);
    mock.produce(INPUT, &input).await;
    let config = ConsumerConfig::builder(group("exhaust"), INPUT)
        .output_topic(OUTPUT)
        .faults(10, 0.0, 0)
        .retries(2, Duration::from_millis(1), Duration::from_millis(2))
        .breaker(50, Duration::from_secs(1))
        .build(&mock.settings)
        .unwrap();
    let member = Member::start(config, &mock.settings);
    eventually(Duration::from_secs(30), "5 dead letters", || {
        member.done() >= 5 || member.is_finished()
    })
    .await;
    let summary = member.finish().await;

    assert!(mock.read_back(OUTPUT).is_empty());
    let dlq = mock.read_back(DLQ);
    assert_eq!(keys(&dlq), sorted(&input));
    for r in &dlq {
        assert_eq!(r.header("kmsg.dlq.error.class"), "retries_exhausted");
        assert_eq!(
            r.header("kmsg.dlq.attempts"),
            "3",
            "the first attempt and 2 retries"
        );
    }
    assert_eq!((summary.retries, summary.dead_lettered_total), (10, 5));
}

/// A downstream that answers 503 for `outage` from its first request, then 204; it records
/// the ids it accepted.
struct Downstream {
    outage: Duration,
    first: OnceLock<Instant>,
    accepted: Mutex<Vec<String>>,
    refused: Mutex<u64>,
}

async fn ingest(State(d): State<Arc<Downstream>>, body: String) -> StatusCode {
    let first = *d.first.get_or_init(Instant::now);
    if first.elapsed() < d.outage {
        *d.refused.lock().unwrap() += 1;
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    let id = serde_json::from_str::<serde_json::Value>(&body).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    d.accepted.lock().unwrap().push(id);
    StatusCode::NO_CONTENT
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outage_opens_the_breaker_which_resumes_after_it_with_nothing_dead_lettered_or_lost() {
    let mock = Mock::new(3);
    let input = valid("brk", 20);
    mock.produce(INPUT, &input).await;
    let downstream = Arc::new(Downstream {
        outage: Duration::from_millis(1500),
        first: OnceLock::new(),
        accepted: Mutex::new(Vec::new()),
        refused: Mutex::new(0),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/ingest", listener.local_addr().unwrap());
    let app = Router::new()
        .route("/ingest", post(ingest))
        .with_state(downstream.clone());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let config = ConsumerConfig::builder(group("brk"), INPUT)
        .output_topic(OUTPUT)
        .sink(url, Duration::from_secs(2), 1)
        .breaker(3, Duration::from_millis(400))
        .retries(5, Duration::from_millis(10), Duration::from_millis(100))
        .build(&mock.settings)
        .unwrap();
    let member = Member::start(config, &mock.settings);
    eventually(Duration::from_secs(30), "20 messages forwarded", || {
        member.done() >= 20 || member.is_finished()
    })
    .await;
    let timeline = member.metrics.breaker_timeline();
    let summary = member.finish().await;
    server.abort();

    let steps: Vec<(BreakerState, BreakerState)> =
        timeline.iter().map(|(_, t)| (t.from, t.to)).collect();
    let opened = steps
        .iter()
        .position(|s| *s == (BreakerState::Closed, BreakerState::Open))
        .unwrap_or_else(|| panic!("the breaker never opened: {steps:?}"));
    assert!(
        steps[opened..].contains(&(BreakerState::HalfOpen, BreakerState::Closed)),
        "the breaker never closed again after opening: {steps:?}"
    );
    assert_eq!(
        steps.last().map(|s| s.1),
        Some(BreakerState::Closed),
        "{steps:?}"
    );
    assert!(summary.breaker_opened >= 1);
    assert!(
        *downstream.refused.lock().unwrap() >= 3,
        "the outage was seen"
    );

    let mut accepted = downstream.accepted.lock().unwrap().clone();
    accepted.sort();
    accepted.dedup();
    assert_eq!(accepted, sorted(&input), "the downstream accepted every id");
    assert_eq!(
        keys(&mock.read_back(OUTPUT)),
        sorted(&input),
        "nothing lost"
    );
    assert!(
        mock.read_back(DLQ).is_empty(),
        "nothing dead-lettered by the outage"
    );
    assert_eq!(summary.dead_lettered_total, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_joining_mid_stream_takes_partitions_over_and_every_id_is_forwarded() {
    let mock = Mock::new(6);
    let g = group("join");
    // Processing is slowed (one failed attempt and a short backoff per message) so that the
    // first member still has work in progress when its partitions are revoked.
    let member_config = |instance: &str| {
        ConsumerConfig::builder(g.clone(), INPUT)
            .output_topic(OUTPUT)
            .instance_id(instance)
            .faults(1, 0.0, 0)
            .retries(3, Duration::from_millis(20), Duration::from_millis(40))
            .build(&mock.settings)
            .unwrap()
    };
    let first = valid("before", 120);
    mock.produce(INPUT, &first).await;
    let a = Member::start(member_config("a"), &mock.settings);
    eventually(
        Duration::from_secs(30),
        "the first member is under way",
        || a.done() >= 10 || a.is_finished(),
    )
    .await;
    assert!(
        a.done() < 120,
        "the first member finished before the second joined"
    );

    let b = Member::start(member_config("b"), &mock.settings);
    eventually(
        Duration::from_secs(40),
        "the second member has partitions",
        || b.metrics.is_ready() || b.is_finished(),
    )
    .await;
    let second = valid("after", 120);
    mock.produce(INPUT, &second).await;
    let mut all = first.clone();
    all.extend(second.iter().cloned());
    let want: BTreeSet<String> = all.iter().map(|(k, _)| k.clone()).collect();
    // Outcome counts include redeliveries after the revoke, so they can reach 240 before
    // every id is done: then ask the output topic itself.
    eventually(
        Duration::from_secs(40),
        "every id in the output topic",
        || {
            if a.is_finished() || b.is_finished() {
                return true;
            }
            a.done() + b.done() >= 240 && {
                let got: BTreeSet<String> =
                    mock.read_back(OUTPUT).into_iter().map(|r| r.key).collect();
                got.is_superset(&want)
            }
        },
    )
    .await;
    let (sa, sb) = (a.finish().await, b.finish().await);

    let out = mock.read_back(OUTPUT);
    let got: BTreeSet<String> = out.iter().map(|r| r.key.clone()).collect();
    let missing: Vec<&String> = want.difference(&got).collect();
    assert!(missing.is_empty(), "ids lost in the rebalance: {missing:?}");
    assert_eq!(got.len(), 240, "only the ids that were sent");
    assert!(mock.read_back(DLQ).is_empty());
    assert!(sb.consumed > 0, "the second member took no partition over");
    assert!(sa.consumed > 0);
    // At-least-once: a revoke may redeliver, never lose.
    assert!(sa.forwarded + sb.forwarded >= 240);
    assert_eq!(
        out.len() as u64,
        sa.forwarded + sb.forwarded,
        "every forward is in the topic once"
    );
}
