//! `kmsg cluster up|down|status` on clusters of the tests' own (not the shared one): start-up,
//! health check, one node stopped, restart keeping data, the exports `up` prints, a purge
//! that refuses folders kmsg did not make, and the set-up errors.

use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, Instant};

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
    // `topics describe -o json` prints one document: the array of the topics described.
    let d = &json_lines(&out.get_output().stdout)[0][0];
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

/// Runs `script` in bash after `eval`-ing the `export` lines of `up_stdout`, as a user pasting
/// them would, from the same clean environment as `kmsg()`; `$KMSG` is the built binary.
pub fn bash_with_exports(up_stdout: &str, script: &str) -> assert_cmd::Command {
    let exports: Vec<&str> = up_stdout
        .lines()
        .filter(|l| l.starts_with("export "))
        .collect();
    assert!(!exports.is_empty(), "no export lines in: {up_stdout}");
    let mut cmd = assert_cmd::Command::new("bash");
    for var in [
        "BOOTSTRAP_SERVERS",
        "KMSG_SASL_PASSWORD",
        "KMSG_SASL_PASSWORD_FILE",
        "KMSG_SASL_USERNAME",
        "KMSG_SASL_MECHANISM",
        "KMSG_SECURITY_PROTOCOL",
        "KMSG_TLS_CA",
        "KMSG_TLS_CERT",
        "KMSG_TLS_KEY",
        "KMSG_CLUSTER_DIR",
        "RUST_LOG",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("NO_COLOR", "1")
        .env("KMSG", env!("CARGO_BIN_EXE_kmsg"))
        .env("EXPORTS", exports.join("\n"))
        .args(["-euo", "pipefail", "-c"])
        .arg(format!("eval \"$EXPORTS\"\n{script}"))
        .timeout(Duration::from_secs(180));
    cmd
}

fn all_output(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn up_prints_the_state_folder_export_so_status_and_down_find_that_cluster() {
    let home = kafka_home();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("mine");
    // The default folder is somewhere else (and empty): only the export leads to `dir`.
    let elsewhere = tmp.path().join("xdg");
    let base = free_port_block(1);
    let out = kmsg()
        .env("KAFKA_HOME", &home)
        .env("XDG_STATE_HOME", &elsewhere)
        .args(["cluster", "up", "-n", "1", "--heap", "256m", "--state-dir"])
        .arg(&dir)
        .arg("--base-port")
        .arg(base.to_string())
        .assert()
        .success();
    struct Down(std::path::PathBuf);
    impl Drop for Down {
        fn drop(&mut self) {
            let _ = crate::harness::kmsg()
                .args(["cluster", "down", "--state-dir"])
                .arg(&self.0)
                .output();
        }
    }
    let _down = Down(dir.clone());
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        stdout.contains(&format!("KMSG_CLUSTER_DIR={}", dir.display())),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("BOOTSTRAP_SERVERS=127.0.0.1:{base}")),
        "{stdout}"
    );

    // Without the export, status looks in the default folder and finds nothing there.
    kmsg()
        .env("XDG_STATE_HOME", &elsewhere)
        .args(["cluster", "status"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no local cluster"));

    let out = bash_with_exports(
        &stdout,
        r#""$KMSG" cluster status
"$KMSG" topics list >/dev/null
"$KMSG" cluster down --purge"#,
    )
    .env("XDG_STATE_HOME", &elsewhere)
    .output()
    .unwrap();
    let text = all_output(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("healthy: 1/1 brokers up"), "{text}");
    assert!(
        text.contains(&format!("removed {}", dir.display())),
        "{text}"
    );
    assert!(!dir.exists(), "the purge did not remove {}", dir.display());
}

/// Writes a `cluster.json` as `up` would (1 node on an unused port), without starting it.
fn fake_layout(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let base = free_port_block(1);
    std::fs::write(
        dir.join("cluster.json"),
        serde_json::json!({
            "nodes": 1, "base_port": base, "controller_base_port": base + 1000,
            "cluster_id": "AAAAAAAAAAAAAAAAAAAAAA", "heap": "256m"
        })
        .to_string(),
    )
    .unwrap();
}

#[test]
fn down_purge_refuses_a_folder_kmsg_did_not_make_and_deletes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = kmsg()
        .args(["cluster", "down", "--purge", "--state-dir"])
        .arg(tmp.path())
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains(&format!("refusing to purge {}", tmp.path().display())),
        "{stderr}"
    );
    assert!(stderr.contains("no cluster.json"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "not one line: {stderr}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn down_purge_refuses_a_cluster_folder_that_also_holds_other_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    fake_layout(&dir);
    std::fs::create_dir_all(dir.join("node-1")).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    kmsg()
        .args(["cluster", "down", "--purge", "--state-dir"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("it also holds notes.txt"));
    assert!(dir.join("notes.txt").exists() && dir.join("cluster.json").exists());

    // Without the stranger, the same folder goes.
    std::fs::remove_file(dir.join("notes.txt")).unwrap();
    kmsg()
        .args(["cluster", "down", "--purge", "--state-dir"])
        .arg(&dir)
        .assert()
        .success();
    assert!(!dir.exists());
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
