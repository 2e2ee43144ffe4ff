//! `kmsg cluster up|down|status` on clusters of the tests' own (not the shared one): start-up,
//! health check, one node stopped, restart keeping data, and the set-up errors.

use std::net::TcpListener;
use std::time::Instant;

use predicates::prelude::*;

use crate::harness::{free_port_block, json_lines, kafka_home, kmsg, unique};

#[test]
fn a_three_node_cluster_starts_reports_health_loses_a_node_and_keeps_data_across_restarts() {
    let home = kafka_home();
    let state = tempfile::tempdir().unwrap();
    let dir = state.path().join("cluster");
    let dir = dir.to_str().unwrap();
    let base = free_port_block(3);
    let bootstrap = format!("127.0.0.1:{base}");
    let topic = unique("kept");

    let started = Instant::now();
    let out = kmsg()
        .env("KAFKA_HOME", &home)
        .args(["cluster", "up", "--state-dir", dir, "--base-port"])
        .arg(base.to_string())
        .args(["--output", "json"])
        .assert()
        .success();
    eprintln!("three-node cluster up in {:?}", started.elapsed());
    let report = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(report["brokers"], 3);
    assert_eq!(report["started"].as_array().unwrap().len(), 3);

    // Stop everything even when an assertion below fails.
    struct Down(String);
    impl Drop for Down {
        fn drop(&mut self) {
            let _ = crate::harness::kmsg()
                .args(["cluster", "down", "--state-dir", &self.0])
                .output();
        }
    }
    let _down = Down(dir.to_string());

    kmsg()
        .args(["cluster", "status", "--state-dir", dir])
        .assert()
        .success()
        .stdout(predicate::str::contains("healthy: 3/3 brokers up"));
    for flags in node_jvm_flags(dir) {
        assert!(
            flags.contains(&"-XX:+UseParallelGC".to_string()),
            "{flags:?}"
        );
        assert!(flags.contains(&"-Xmx512m".to_string()), "{flags:?}");
    }

    kmsg()
        .args([
            "--bootstrap",
            &bootstrap,
            "topics",
            "create",
            &topic,
            "-p",
            "3",
            "-r",
            "3",
        ])
        .assert()
        .success();

    // A second `up` while running starts nothing.
    let out = kmsg()
        .env("KAFKA_HOME", &home)
        .args(["cluster", "up", "--state-dir", dir, "--output", "json"])
        .assert()
        .success();
    assert_eq!(
        json_lines(&out.get_output().stdout)[0]["started"],
        serde_json::json!([])
    );

    kmsg()
        .args(["cluster", "down", "--state-dir", dir, "--node", "3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("stopped 1 node(s): 3"));
    let out = kmsg()
        .args(["cluster", "status", "--state-dir", dir, "--output", "json"])
        .assert()
        .code(3);
    let status = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(status["healthy"], false);
    assert_eq!(status["brokers_up"], 2, "{status}");

    kmsg()
        .args(["cluster", "down", "--state-dir", dir])
        .assert()
        .success();
    kmsg()
        .args(["cluster", "status", "--state-dir", dir, "--timeout", "2s"])
        .assert()
        .code(3);

    // Kafka's own variable replaces the collector and JIT flags, as in kafka-run-class.sh.
    kmsg()
        .env("KAFKA_HOME", &home)
        .env(
            "KAFKA_JVM_PERFORMANCE_OPTS",
            "-XX:+UseSerialGC  -XX:TieredStopAtLevel=1",
        )
        .args(["cluster", "up", "--state-dir", dir])
        .assert()
        .success();
    for flags in node_jvm_flags(dir) {
        assert!(flags.contains(&"-XX:+UseSerialGC".to_string()), "{flags:?}");
        assert!(
            flags.contains(&"-XX:TieredStopAtLevel=1".to_string()),
            "{flags:?}"
        );
        assert!(!flags.iter().any(|f| f.contains("ParallelGC")), "{flags:?}");
    }
    let out = kmsg()
        .args([
            "--bootstrap",
            &bootstrap,
            "topics",
            "describe",
            &topic,
            "--output",
            "json",
        ])
        .assert()
        .success();
    let d = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(d["partition_count"], 3, "topic lost across restart: {d}");
    assert_eq!(d["replication_factor"], 3);
}

#[test]
fn up_without_a_kafka_distribution_says_how_to_get_one() {
    let state = tempfile::tempdir().unwrap();
    kmsg()
        .env_remove("KAFKA_HOME")
        .current_dir(state.path())
        .args(["cluster", "up", "--state-dir"])
        .arg(state.path().join("c"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no Kafka distribution"))
        .stderr(predicate::str::contains("fetch-kafka.sh"));
}

#[test]
fn up_without_java_says_java_is_missing() {
    let state = tempfile::tempdir().unwrap();
    kmsg()
        .env("PATH", "/nonexistent")
        .env_remove("JAVA_HOME")
        .env("KAFKA_HOME", kafka_home())
        .args(["cluster", "up", "--state-dir"])
        .arg(state.path().join("c"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("java not found"));
}

#[test]
fn up_names_a_port_that_is_already_taken() {
    let base = free_port_block(3);
    let _holder = TcpListener::bind(("127.0.0.1", base + 1)).unwrap();
    let state = tempfile::tempdir().unwrap();
    kmsg()
        .env("KAFKA_HOME", kafka_home())
        .args(["cluster", "up", "--state-dir"])
        .arg(state.path().join("c"))
        .arg("--base-port")
        .arg(base.to_string())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "port {} (node 2) is already in use",
            base + 1
        )));
}

#[test]
fn status_without_a_local_cluster_says_how_to_start_one() {
    let state = tempfile::tempdir().unwrap();
    kmsg()
        .args(["cluster", "status", "--state-dir"])
        .arg(state.path().join("none"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("kmsg cluster up"));
}

/// The JVM flags (arguments before the class path) of each running node of a local cluster,
/// read from `/proc/<pid>/cmdline` of the pids in its state folder.
fn node_jvm_flags(dir: &str) -> Vec<Vec<String>> {
    (1..=3)
        .map(|n| {
            let pid_file = format!("{dir}/node-{n}/kafka.pid");
            let pid = std::fs::read_to_string(&pid_file)
                .unwrap_or_else(|e| panic!("cannot read {pid_file}: {e}"));
            let cmdline = std::fs::read(format!("/proc/{}/cmdline", pid.trim()))
                .unwrap_or_else(|e| panic!("node {n} (pid {}) is not running: {e}", pid.trim()));
            cmdline
                .split(|b| *b == 0)
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .take_while(|a| a != "-cp")
                .collect()
        })
        .collect()
}
