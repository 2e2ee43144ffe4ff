//! `kmsg demo`: on the embedded cluster (needs nothing but the binary) and on the real one;
//! its summary must add up, and on the real cluster its topics, read back with kcat, must
//! hold every produced id in the output or the DLQ.

use std::collections::BTreeSet;

use predicates::prelude::*;

use crate::harness::{kcat_read, Kmsg};

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
    let out = Kmsg::new(["demo"])
        .flag("--duration", "4s")
        .json()
        .command()
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "embedded in-memory 3-broker cluster",
        ));
    check(&crate::harness::json_lines(&out.get_output().stdout)[0]);
}

#[test]
fn demo_on_the_real_cluster_adds_up() {
    let lines = Kmsg::new(["demo"])
        .on_cluster()
        .flag("--duration", "4s")
        .timeout(std::time::Duration::from_secs(120))
        .expect_json(0);
    let s = &lines[0];
    assert!(
        s["cluster"].as_str().unwrap().starts_with("the cluster at"),
        "{s}"
    );
    check(s);

    // The topics themselves, read with kcat rather than taken from the demo's own summary.
    let topics: Vec<&str> = s["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let [input, out, dlq] = topics[..] else {
        panic!("three topics: {s}")
    };
    let (input_records, out_records, dlq_records) =
        (kcat_read(input), kcat_read(out), kcat_read(dlq));
    let ids = |records: &[crate::harness::ReadRecord]| -> BTreeSet<String> {
        records
            .iter()
            .map(|r| r.key.clone().expect("every demo message has a key"))
            .collect()
    };
    let produced = ids(&input_records);
    assert_eq!(
        input_records.len() as u64,
        s["produced"].as_u64().unwrap(),
        "the input holds what the demo says it produced"
    );
    assert_eq!(produced.len(), input_records.len(), "ids are unique");
    let (forwarded, dead) = (ids(&out_records), ids(&dlq_records));
    let delivered: BTreeSet<String> = forwarded.union(&dead).cloned().collect();
    let missing: Vec<&String> = produced.difference(&delivered).collect();
    assert!(
        missing.is_empty(),
        "ids in neither output nor DLQ: {missing:?}"
    );
    let stray: Vec<&String> = delivered.difference(&produced).collect();
    assert!(stray.is_empty(), "ids that were never produced: {stray:?}");
    assert!(!dead.is_empty(), "5% bad messages, none dead-lettered");
    assert_eq!(
        (out_records.len() as u64, dlq_records.len() as u64),
        (
            s["forwarded"].as_u64().unwrap(),
            s["dead_lettered_total"].as_u64().unwrap()
        ),
        "every outcome the demo counted is in the topics"
    );
    for r in &dlq_records {
        assert_eq!(r.header("kmsg.dlq.original.topic"), Some(input), "{r:?}");
        assert!(
            r.header("kmsg.dlq.error.class")
                .is_some_and(|c| !c.is_empty()),
            "{r:?}"
        );
    }
    for r in &out_records {
        let value = r.value.as_deref().unwrap_or_default();
        assert!(
            serde_json::from_str::<serde_json::Value>(value).is_ok(),
            "forwarded but not JSON: {r:?}"
        );
    }
}

#[test]
fn demo_refuses_a_zero_duration() {
    Kmsg::new(["demo"])
        .flag("--duration", "0s")
        .command()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--duration 0"));
}
