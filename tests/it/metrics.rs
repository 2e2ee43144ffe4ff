//! `kmsg metrics`: group lag against what the test produced and consumed, and a running
//! consumer's figures read from its /metrics endpoint.

use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::harness::{
    bind_listener_below_ephemeral, create_topic, eventually, free_port, free_port_block, kmsg,
    kmsg_on_cluster, signal, spawn_kmsg, unique, wait_bounded, HttpServer, Reply, TestDownstream,
};

#[test]
fn group_lag_is_what_was_produced_minus_what_was_consumed() {
    let topic = unique("lag");
    create_topic(&topic, 2, 3);
    let group = unique("g");
    kmsg_on_cluster()
        .args([
            "produce",
            "-t",
            &topic,
            "--generate",
            "posts",
            "--count",
            "50",
            "-q",
        ])
        .assert()
        .success();
    kmsg_on_cluster()
        .args([
            "consume",
            "-g",
            &group,
            "-t",
            &topic,
            "--dlq-topic",
            &topic.replace("lag", "lagdlq"),
        ])
        .assert()
        .code(1); // the DLQ topic does not exist: refused at start-up, nothing consumed
    let dlq = format!("{topic}.dlq");
    create_topic(&dlq, 1, 3);
    kmsg_on_cluster()
        .args([
            "consume",
            "-g",
            &group,
            "-t",
            &topic,
            "--max-messages",
            "20",
            "-o",
            "json",
        ])
        .assert()
        .success();
    let out = kmsg_on_cluster()
        .args(["metrics", "--group", &group, "-t", &topic, "-o", "json"])
        .assert()
        .success();
    // One JSON document for the whole report.
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(r["total_lag"], 30, "{r}");
    let committed: i64 = r["partitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["committed"].as_i64().unwrap_or(0))
        .sum();
    assert_eq!(committed, 20);
    assert_eq!(r["members"].as_array().unwrap().len(), 0);
    let table = kmsg_on_cluster()
        .args(["metrics", "--group", &group, "-t", &topic])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&table.get_output().stdout).contains("total lag 30"));
}

#[test]
fn metrics_from_a_running_consumer_show_its_figures() {
    let topic = unique("figs");
    create_topic(&topic, 1, 3);
    create_topic(&format!("{topic}.dlq"), 1, 3);
    kmsg_on_cluster()
        .args([
            "produce",
            "-t",
            &topic,
            "--generate",
            "login",
            "--count",
            "40",
        ])
        .args(["--invalid-ratio", "0.25", "--seed", "2", "-q"])
        .assert()
        .success();
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.json");
    let child = spawn_kmsg(&[
        "consume",
        "-g",
        &unique("g"),
        "-t",
        &topic,
        "--schema",
        schema,
        "--metrics-addr",
        &addr,
    ]);
    let url = format!("http://{addr}");
    let figures = || {
        kmsg()
            .args(["metrics", "--from", &url, "-o", "json"])
            .output()
            .ok()
            .and_then(|o| serde_json::from_slice::<serde_json::Value>(&o.stdout).ok())
    };
    eventually(Duration::from_secs(60), "40 processed", || {
        figures().is_some_and(|f| {
            f["processed"]["success"].as_u64().unwrap_or(0)
                + f["processed"]["dlq"].as_u64().unwrap_or(0)
                >= 40
        })
    });
    let f = figures().unwrap();
    // Counts are JSON integers, not floats.
    assert_eq!(f["processed"]["success"].as_u64(), Some(30), "{f}");
    assert_eq!(f["processed"]["dlq"].as_u64(), Some(10), "{f}");
    assert_eq!(
        f["dlq_by_reason"]["schema_validation"].as_u64(),
        Some(8),
        "{f}"
    );
    // Without a scheme, host:port means http://host:port.
    let bare = kmsg()
        .args(["metrics", "--from", &addr, "-o", "json"])
        .assert()
        .success();
    let bare: serde_json::Value = serde_json::from_slice(&bare.get_output().stdout).unwrap();
    assert_eq!(bare["processed"]["success"].as_u64(), Some(30), "{bare}");
    signal(child.id(), libc::SIGTERM);
    assert!(wait_bounded(child, Duration::from_secs(60))
        .status
        .success());

    let not_prometheus = TestDownstream::start(|_, _, _| Reply::Status(200));
    kmsg()
        .args([
            "metrics",
            "--from",
            &format!("http://127.0.0.1:{}", not_prometheus.port),
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no kafka_consumer_* metrics"));
}

#[test]
fn metrics_of_an_unknown_group_fails_naming_the_known_groups() {
    let group = unique("nosuchgroup");
    kmsg_on_cluster()
        .args(["metrics", "--group", &group])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains(format!("group \"{group}\" is unknown to the cluster"))
                .and(predicate::str::contains("known groups: ")),
        );
}

/// Fails (exit 1) within `limit`; returns how long it took and stderr.
fn from_fails(url: &str, timeout: &str, limit: Duration) -> (Duration, String) {
    let started = Instant::now();
    let out = kmsg()
        .args(["--timeout", timeout, "metrics", "--from", url])
        .timeout(limit)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    (took, err)
}

#[test]
fn metrics_from_a_closed_port_fails_at_once_and_from_a_silent_one_after_the_timeout() {
    // Nothing listens on this port (below the ephemeral range, checked free just now).
    let closed = free_port_block(1);
    let (took, err) = from_fails(
        &format!("http://127.0.0.1:{closed}"),
        "20s",
        Duration::from_secs(30),
    );
    assert!(took < Duration::from_secs(5), "took {took:?}: {err}");
    assert!(
        err.contains(&format!(
            "connection refused: nothing listens at 127.0.0.1:{closed}; is the consumer running with --metrics-addr"
        )),
        "{err}"
    );

    // A socket that accepts connections (the kernel completes them from the backlog) and
    // never answers; dropped at the end of the test.
    let silent = bind_listener_below_ephemeral();
    let port = silent.local_addr().unwrap().port();
    let (took, err) = from_fails(
        &format!("http://127.0.0.1:{port}"),
        "2s",
        Duration::from_secs(30),
    );
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_secs(15),
        "took {took:?}: {err}"
    );
    assert!(err.contains("no answer within 2s"), "{err}");
    drop(silent);
}

#[test]
fn a_metrics_url_with_a_wrong_scheme_is_a_usage_error() {
    kmsg()
        .args(["metrics", "--from", "ftp://127.0.0.1:1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--from \"ftp://127.0.0.1:1\" must be an http:// or https:// URL",
        ));
}

/// Serves `body` as /metrics (text/plain) until dropped.
fn serve_metrics(body: &'static str) -> HttpServer {
    let app = axum::Router::new().route(
        "/metrics",
        axum::routing::get(move || async move {
            ([(axum::http::header::CONTENT_TYPE, "text/plain")], body)
        }),
    );
    HttpServer::start(app)
}

#[test]
fn metrics_table_and_json_show_the_same_processing_times() {
    // Two topics' histograms: 6 in the 2.5 ms bucket, 4 in the 25 ms one: p50 2.5, p99 25.
    let body = r#"# TYPE kafka_consumer_messages_processed_total counter
kafka_consumer_messages_processed_total{status="success",topic="a"} 6
kafka_consumer_messages_processed_total{status="success",topic="b"} 4
# TYPE kafka_consumer_processing_seconds histogram
kafka_consumer_processing_seconds_bucket{topic="a",le="0.001"} 0
kafka_consumer_processing_seconds_bucket{topic="a",le="0.0025"} 6
kafka_consumer_processing_seconds_bucket{topic="a",le="0.025"} 6
kafka_consumer_processing_seconds_bucket{topic="a",le="+Inf"} 6
kafka_consumer_processing_seconds_sum{topic="a"} 0.012
kafka_consumer_processing_seconds_count{topic="a"} 6
kafka_consumer_processing_seconds_bucket{topic="b",le="0.001"} 0
kafka_consumer_processing_seconds_bucket{topic="b",le="0.0025"} 0
kafka_consumer_processing_seconds_bucket{topic="b",le="0.025"} 4
kafka_consumer_processing_seconds_bucket{topic="b",le="+Inf"} 4
kafka_consumer_processing_seconds_sum{topic="b"} 0.08
kafka_consumer_processing_seconds_count{topic="b"} 4
"#;
    let server = serve_metrics(body);
    let url = format!("http://127.0.0.1:{}", server.port);
    let json = kmsg()
        .args(["metrics", "--from", &url, "-o", "json"])
        .assert()
        .success();
    let f: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    assert_eq!(f["processed"]["success"].as_u64(), Some(10), "{f}");
    assert_eq!(f["processing_samples"].as_u64(), Some(10), "{f}");
    let (p50, p99) = (
        f["processing_p50_ms"].as_f64().unwrap(),
        f["processing_p99_ms"].as_f64().unwrap(),
    );
    assert_eq!((p50, p99), (2.5, 25.0), "{f}");
    let table = kmsg().args(["metrics", "--from", &url]).assert().success();
    let table = String::from_utf8_lossy(&table.get_output().stdout).to_string();
    let row = table
        .lines()
        .find(|l| l.contains("processing p50 / p99, ms"))
        .unwrap_or_else(|| panic!("no processing row: {table}"));
    let shown: Vec<f64> = row
        .split('|')
        .nth(2)
        .unwrap()
        .split('/')
        .map(|v| v.trim().parse().unwrap())
        .collect();
    assert_eq!(shown, [p50, p99], "{table}");
}
