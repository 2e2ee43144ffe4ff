//! `kmsg topics alter` against the real cluster, read back with independent clients: Kafka's
//! own `ConfigCommand` (from the jars in `KAFKA_HOME`) for the topic's configs, kcat for its
//! partition count.

use std::collections::BTreeMap;
use std::time::Duration;

use predicates::prelude::*;

use crate::harness::{bootstrap, eventually, kafka_home, kmsg_on_cluster, unique};

/// The topic's own (dynamic) configs as Kafka's `ConfigCommand --describe` lists them; a key
/// at the broker default is not among them.
fn dynamic_configs(topic: &str) -> BTreeMap<String, String> {
    let out = std::process::Command::new("java")
        .arg("-cp")
        .arg(format!("{}/libs/*", kafka_home()))
        .args([
            "kafka.admin.ConfigCommand",
            "--bootstrap-server",
            &bootstrap(),
        ])
        .args([
            "--entity-type",
            "topics",
            "--entity-name",
            topic,
            "--describe",
        ])
        .output()
        .expect("java must be installed (the test cluster runs on it)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "ConfigCommand failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Dynamic configs for topic"), "{stdout}");
    // Lines like "  retention.ms=1000 sensitive=false synonyms={...}".
    stdout
        .lines()
        .filter_map(|l| l.trim().split(' ').next()?.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The topic's partition count as kcat's metadata shows it.
fn kcat_partitions(topic: &str) -> usize {
    let out = std::process::Command::new("kcat")
        .args(["-L", "-J", "-b", &bootstrap(), "-t", topic])
        .output()
        .expect("kcat must be installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    md["topics"][0]["partitions"].as_array().map_or(0, Vec::len)
}

fn create(topic: &str, partitions: &str, configs: &[&str]) {
    let mut cmd = kmsg_on_cluster();
    cmd.args(["topics", "create", topic, "-p", partitions, "-r", "3"]);
    for c in configs {
        cmd.args(["-c", c]);
    }
    cmd.assert().success();
}

#[test]
fn alter_sets_and_deletes_configs_incrementally_and_leaves_the_others_as_they_were() {
    let topic = unique("alter-cfg");
    create(
        &topic,
        "1",
        &["cleanup.policy=compact", "retention.ms=5000"],
    );
    let out = kmsg_on_cluster()
        .args(["topics", "alter", &topic, "--config", "segment.ms=600000"])
        .args(["--delete-config", "retention.ms", "-o", "json"])
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(report["topic"], topic.as_str());
    assert_eq!(report["dry_run"], false);
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{report}");
    assert_eq!(changes[0]["name"], "segment.ms");
    assert_eq!(changes[0]["after"], "600000");
    assert_eq!(changes[1]["name"], "retention.ms");
    assert_eq!(changes[1]["before"], "5000");
    assert_eq!(changes[1]["after"], serde_json::Value::Null);

    let configs = dynamic_configs(&topic);
    assert_eq!(
        configs.get("segment.ms").map(String::as_str),
        Some("600000"),
        "{configs:?}"
    );
    // Incremental: the key not named keeps its value; the deleted one is back at the default.
    assert_eq!(
        configs.get("cleanup.policy").map(String::as_str),
        Some("compact"),
        "{configs:?}"
    );
    assert!(!configs.contains_key("retention.ms"), "{configs:?}");
}

#[test]
fn alter_grows_partitions_warns_about_keys_and_refuses_fewer_naming_the_current_count() {
    let topic = unique("alter-parts");
    create(&topic, "2", &[]);
    let out = kmsg_on_cluster()
        .args(["topics", "alter", &topic, "--partitions", "5"])
        .assert()
        .success()
        .stderr(predicate::str::contains("keyed").or(predicate::str::contains("with a key")))
        .stderr(predicate::str::contains("from 2 to 5 partitions"));
    let table = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        table.contains("partitions") && table.contains('5'),
        "{table}"
    );
    eventually(Duration::from_secs(10), "kcat to see 5 partitions", || {
        kcat_partitions(&topic) == 5
    });

    kmsg_on_cluster()
        .args(["topics", "alter", &topic, "--partitions", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "topic {topic} has 5 partitions"
        )));
    let same = kmsg_on_cluster()
        .args(["topics", "alter", &topic, "--partitions", "5", "-o", "json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing to do"));
    let report: serde_json::Value = serde_json::from_slice(&same.get_output().stdout).unwrap();
    assert_eq!(report["changes"], serde_json::json!([]), "{report}");
    assert_eq!(kcat_partitions(&topic), 5);
}

#[test]
fn alter_dry_run_reports_the_change_and_changes_nothing() {
    let topic = unique("alter-dry");
    create(&topic, "3", &[]);
    let out = kmsg_on_cluster()
        .args([
            "topics",
            "alter",
            &topic,
            "-c",
            "retention.ms=1000",
            "-p",
            "6",
        ])
        .args(["--dry-run", "-o", "json"])
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["changes"].as_array().unwrap().len(), 2, "{report}");
    assert_eq!(kcat_partitions(&topic), 3);
    assert!(!dynamic_configs(&topic).contains_key("retention.ms"));

    // The brokers validate a dry run: a bad value is refused there too.
    kmsg_on_cluster()
        .args([
            "topics",
            "alter",
            &topic,
            "-c",
            "retention.ms=soon",
            "--dry-run",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Invalid value soon for configuration retention.ms",
        ));
}

#[test]
fn alter_refuses_an_unknown_key_or_a_bad_value_with_the_brokers_reason_and_changes_nothing() {
    let topic = unique("alter-bad");
    create(&topic, "3", &[]);
    kmsg_on_cluster()
        .args(["topics", "alter", &topic, "-c", "retention.ms=1000"])
        .args(["-c", "retention.msx=1", "-p", "4"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Unknown topic config name: retention.msx",
        ))
        .stderr(predicate::str::contains(format!("topic {topic} unchanged")));
    kmsg_on_cluster()
        .args([
            "topics",
            "alter",
            &topic,
            "-c",
            "min.insync.replicas=zero",
            "-p",
            "4",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Invalid value zero for configuration min.insync.replicas",
        ));
    // Neither the valid key beside the bad one nor the partitions were applied.
    assert_eq!(kcat_partitions(&topic), 3);
    assert!(!dynamic_configs(&topic).contains_key("retention.ms"));
}

#[test]
fn alter_of_a_missing_topic_fails_naming_it() {
    let topic = unique("alter-missing");
    kmsg_on_cluster()
        .args(["topics", "alter", &topic, "-c", "retention.ms=1000"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "topic {topic} does not exist"
        )));
}
