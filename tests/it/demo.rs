//! `kmsg demo`: on the embedded cluster (needs nothing but the binary) and on the real one;
//! its summary must add up.

use predicates::prelude::*;

use crate::harness::{json_lines, kmsg, kmsg_on_cluster};

fn check(s: &serde_json::Value) {
    let produced = s["produced"].as_u64().unwrap();
    // 4 s at 200/s is 800; a loaded machine sends fewer, never more.
    assert!((100..=1000).contains(&produced), "4 s at 200/s: {s}");
    assert_eq!(s["adds_up"], true, "{s}");
    assert_eq!(
        s["distinct_ids_delivered"].as_u64().unwrap(),
        produced,
        "{s}"
    );
    // At-least-once: outcomes are one per message plus what a rebalance redelivered.
    assert_eq!(
        s["forwarded"].as_u64().unwrap() + s["dead_lettered_total"].as_u64().unwrap(),
        produced + s["redelivered"].as_u64().unwrap(),
        "{s}"
    );
    assert!(
        s["dead_lettered_total"].as_u64().unwrap() > 0,
        "5% bad messages: {s}"
    );
    let per_instance = s["consumed_per_instance"].as_object().unwrap();
    assert_eq!(per_instance.len(), 3);
    assert!(
        per_instance.values().all(|n| n.as_u64().unwrap() > 0),
        "{s}"
    );
}

#[test]
fn demo_on_the_embedded_cluster_adds_up() {
    let out = kmsg()
        .args(["demo", "--duration", "4s", "-o", "json"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "embedded in-memory 3-broker cluster",
        ));
    check(&json_lines(&out.get_output().stdout)[0]);
}

#[test]
fn demo_on_the_real_cluster_adds_up() {
    let out = kmsg_on_cluster()
        .args(["demo", "--duration", "4s", "-o", "json"])
        .assert()
        .success();
    let s = &json_lines(&out.get_output().stdout)[0];
    assert!(
        s["cluster"].as_str().unwrap().starts_with("the cluster at"),
        "{s}"
    );
    check(s);
}

#[test]
fn demo_refuses_a_zero_duration() {
    kmsg()
        .args(["demo", "--duration", "0s"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--duration 0"));
}
