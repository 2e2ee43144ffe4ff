//! `kmsg topics` against the real three-broker cluster.

use std::collections::BTreeSet;

use predicates::prelude::*;

use crate::harness::{create_topic, json_lines, kmsg_on_cluster, unique};

fn describe(topic: &str) -> serde_json::Value {
    let out = kmsg_on_cluster()
        .args(["topics", "describe", topic, "--output", "json"])
        .assert()
        .success();
    // One JSON document: an array of one description per topic.
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    all.into_iter().next().unwrap()
}

#[test]
fn create_makes_the_pipeline_topics_with_6_partitions_rf_3_min_isr_2_and_leaders_on_all_brokers() {
    let input = unique("posts");
    let output = format!("{input}.processed");
    let out = kmsg_on_cluster()
        .env("INPUT_TOPIC", &input)
        .env("OUTPUT_TOPIC", &output)
        .args(["topics", "create", "--output", "json"])
        .assert()
        .success();
    // One JSON document (an array) for the finite result, one element per topic.
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["topic"].as_str().unwrap()).collect();
    let dlq = format!("{input}.dlq");
    assert_eq!(names, [input.as_str(), output.as_str(), dlq.as_str()]);
    assert!(rows.iter().all(|r| r["status"] == "created"), "{rows:?}");

    for topic in [&input, &output, &dlq] {
        let d = describe(topic);
        assert_eq!(d["partition_count"], 6, "{d}");
        assert_eq!(d["replication_factor"], 3, "{d}");
        assert_eq!(d["configs"]["min.insync.replicas"], "2", "{d}");
        let partitions = d["partitions"].as_array().unwrap();
        let leaders: BTreeSet<i64> = partitions
            .iter()
            .map(|p| p["leader"].as_i64().unwrap())
            .collect();
        assert_eq!(
            leaders,
            BTreeSet::from([1, 2, 3]),
            "leaders not spread: {d}"
        );
        for p in partitions {
            assert_eq!(p["replicas"].as_array().unwrap().len(), 3, "{p}");
            assert_eq!(p["isr"].as_array().unwrap().len(), 3, "{p}");
        }
    }
}

#[test]
fn create_is_idempotent_for_the_same_settings() {
    let topic = unique("idem");
    create_topic(&topic, 3, 2);
    let out = kmsg_on_cluster()
        .args([
            "topics", "create", &topic, "-p", "3", "-r", "2", "--output", "json",
        ])
        .assert()
        .success();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["status"], "exists");
    assert_eq!(rows[0]["partitions"], 3);
}

#[test]
fn create_reports_an_existing_topic_with_other_partitions_or_rf_and_fails() {
    let topic = unique("mismatch");
    create_topic(&topic, 3, 1);
    kmsg_on_cluster()
        .args(["topics", "create", &topic, "-p", "4", "-r", "2"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "already exists with different settings",
        ))
        .stderr(predicate::str::contains("3 partitions (wanted 4)"))
        .stderr(predicate::str::contains("replication factor 1 (wanted 2)"));
}

#[test]
fn create_refuses_a_replication_factor_above_the_broker_count() {
    let topic = unique("rf4");
    kmsg_on_cluster()
        .args(["topics", "create", &topic, "-r", "4"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "replication factor 4 is more than the 3 broker(s) in the cluster",
        ));
}

#[test]
fn list_shows_a_created_topic_with_its_partitions_and_rf() {
    let topic = unique("listed");
    create_topic(&topic, 2, 3);
    let out = kmsg_on_cluster()
        .args(["topics", "list", "--output", "json"])
        .assert()
        .success();
    // One JSON document (an array), as `python3 -m json.tool` or `jq` expect.
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let row = rows
        .iter()
        .find(|r| r["topic"] == topic.as_str())
        .unwrap_or_else(|| panic!("{topic} not listed"));
    assert_eq!(row["partitions"], 2);
    assert_eq!(row["replication_factor"], 3);
    assert!(rows
        .iter()
        .all(|r| !r["topic"].as_str().unwrap().starts_with("__")));
}

#[test]
fn describe_prints_a_table_with_every_partition() {
    let topic = unique("table");
    create_topic(&topic, 2, 3);
    let out = kmsg_on_cluster()
        .args(["topics", "describe", &topic])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains(&format!(
            "topic {topic}: 2 partitions, replication factor 3"
        )),
        "{text}"
    );
    assert!(text.contains("| 0 ") && text.contains("| 1 "), "{text}");
}

#[test]
fn describe_of_a_missing_topic_fails_naming_it() {
    let topic = unique("missing");
    kmsg_on_cluster()
        .args(["topics", "describe", &topic])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "topic {topic} does not exist"
        )));
}

#[test]
fn delete_with_yes_removes_the_topic() {
    let topic = unique("gone");
    create_topic(&topic, 1, 1);
    let out = kmsg_on_cluster()
        .args(["topics", "delete", &topic, "--yes", "-o", "json"])
        .assert()
        .success();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["topic"], topic.as_str());
    assert_eq!(rows[0]["deleted"], true, "{rows:?}");
    // Deletion propagates through metadata asynchronously; wait for it, bounded.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let out = kmsg_on_cluster()
            .args(["topics", "list", "--output", "json"])
            .assert()
            .success();
        let rows: Vec<serde_json::Value> =
            serde_json::from_slice(&out.get_output().stdout).unwrap();
        let still_there = rows.iter().any(|r| r["topic"] == topic.as_str());
        if !still_there {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{topic} still listed after delete"
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
}

#[test]
fn status_of_the_shared_cluster_is_healthy_with_three_brokers_and_fails_when_expecting_four() {
    let out = kmsg_on_cluster()
        .args(["cluster", "status", "--output", "json"])
        .assert()
        .success();
    let report = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(report["brokers_up"], 3, "{report}");
    assert_eq!(report["healthy"], true);
    assert!(report["controller"].as_i64().is_some(), "{report}");
    kmsg_on_cluster()
        .args(["cluster", "status", "--expect-brokers", "4"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("UNHEALTHY: 3/4 brokers up"));
}
