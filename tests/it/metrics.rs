//! `kmsg metrics`: group lag against what the test produced and consumed, and a running
//! consumer's figures read from its /metrics endpoint.

use std::time::Duration;

use predicates::prelude::*;

use crate::harness::{
    create_topic, eventually, free_port, json_lines, kmsg, kmsg_on_cluster, signal, spawn_kmsg,
    unique, wait_bounded, Reply, TestDownstream,
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
    let r = &json_lines(&out.get_output().stdout)[0];
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
            .and_then(|o| json_lines(&o.stdout).pop())
    };
    eventually(Duration::from_secs(60), "40 processed", || {
        figures().is_some_and(|f| {
            f["processed"]["success"].as_f64().unwrap_or(0.0)
                + f["processed"]["dlq"].as_f64().unwrap_or(0.0)
                >= 40.0
        })
    });
    let f = figures().unwrap();
    assert_eq!(f["processed"]["success"], 30.0, "{f}");
    assert_eq!(f["processed"]["dlq"], 10.0);
    assert_eq!(f["dlq_by_reason"]["schema_validation"], 8.0);
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
    kmsg()
        .args([
            "--timeout",
            "2s",
            "metrics",
            "--from",
            &format!("http://127.0.0.1:{}", free_port()),
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no answer"));
}
