//! CLI behaviour that needs no cluster: help, version, usage errors and their exit codes,
//! refusal of bad connection options before connecting, and committed completions.

use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::harness::{kmsg, Kmsg};

#[test]
fn help_lists_the_working_subcommands_and_the_exit_codes() {
    let out = kmsg().arg("--help").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    // The "Commands:" section, one subcommand a line: exactly these, each with its summary.
    let listed: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        listed,
        [
            "topics",
            "cluster",
            "produce",
            "consume",
            "view",
            "metrics",
            "group",
            "verify",
            "breaker-test",
            "demo",
            "dlq",
            "acl",
            "registry",
            "profile",
            "completions",
            "help"
        ],
        "{text}"
    );
    assert!(text.contains("Exit codes: 0 success, 1 runtime failure, 2 usage error"));
}

#[test]
fn global_connection_options_are_listed_once_under_kmsg_help_and_work_after_a_subcommand() {
    let top = kmsg().arg("--help").output().unwrap();
    let top = String::from_utf8_lossy(&top.stdout).to_string();
    for flag in [
        "--bootstrap",
        "--sasl-username",
        "--tls-ca",
        "--log-format",
        "--timeout",
    ] {
        assert!(top.contains(flag), "kmsg --help lacks {flag}");
    }
    for sub in [
        &["dlq"][..],
        &["dlq", "replay"],
        &["topics", "list"],
        &["consume"],
    ] {
        let out = kmsg().args(sub).arg("--help").output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let help = String::from_utf8_lossy(&out.stdout);
        for flag in [
            "--bootstrap <",
            "--sasl-username <",
            "--tls-ca <",
            "--log-format <",
        ] {
            assert!(
                !help.contains(flag),
                "{sub:?} --help repeats {flag}:\n{help}"
            );
        }
        assert!(help.contains("see `kmsg --help`"), "{sub:?}: {help}");
        assert!(help.contains("--output"), "{sub:?}: -o stays visible");
    }
    // Hidden is not gone: a global option after the subcommand still takes effect (here a
    // bootstrap nobody listens on fails as a runtime error, exit 1, not a usage error).
    kmsg()
        .args([
            "topics",
            "list",
            "--bootstrap",
            "127.0.0.1:1",
            "--timeout",
            "2s",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("127.0.0.1:1"));
}

#[test]
fn an_unknown_flag_is_a_usage_error_with_exit_2() {
    kmsg()
        .args(["topics", "list", "--no-such-flag"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--no-such-flag"));
}

#[test]
fn usage_errors_are_one_kmsg_error_line_that_keeps_clap_s_tip() {
    for (argv, needles) in [
        (
            vec!["produce", "--rat", "5"],
            vec![
                "unexpected argument '--rat'",
                "a similar argument exists: '--rate'",
                "`kmsg produce --help`",
            ],
        ),
        (
            vec!["consume"],
            vec!["required arguments were not provided: --group <GROUP>"],
        ),
        (vec!["frob"], vec!["unrecognized subcommand 'frob'"]),
        (
            vec!["topics", "create", "-p", "x", "t"],
            vec!["invalid value 'x' for '--partitions"],
        ),
    ] {
        let out = kmsg().args(&argv).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{argv:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{argv:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{argv:?}: not one line: {err}");
        assert!(err.starts_with("kmsg: error: "), "{argv:?}: {err}");
        for needle in needles {
            assert!(err.contains(needle), "{argv:?}: {err} lacks {needle}");
        }
    }
    // Help is not an error: clap's text on stdout, exit 0.
    let out = kmsg().args(["produce", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("--rate"));
}

#[test]
fn an_unknown_rdkafka_property_is_refused_before_connecting() {
    let start = Instant::now();
    kmsg()
        .args([
            "--bootstrap",
            "127.0.0.1:1",
            "-X",
            "no.such.property=1",
            "topics",
            "list",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-X no.such.property"))
        .stderr(predicate::str::contains("panicked").not());
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "it connected first"
    );
}

#[test]
fn an_rdkafka_property_that_has_a_typed_flag_is_refused() {
    kmsg()
        .args(["-X", "bootstrap.servers=x:1", "topics", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use --bootstrap instead"));
}

#[test]
fn a_missing_password_file_is_refused_naming_the_option() {
    kmsg()
        .args([
            "--sasl-mechanism",
            "SCRAM-SHA-512",
            "--sasl-username",
            "u",
            "--sasl-password-file",
            "/no/such/pw",
            "topics",
            "list",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "kmsg: error: --sasl-password-file /no/such/pw",
        ));
}

#[test]
fn an_unreadable_tls_file_is_refused_naming_the_option() {
    kmsg()
        .args(["--tls-ca", "/no/such/ca.pem", "topics", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--tls-ca /no/such/ca.pem"));
}

#[test]
fn a_refused_connection_fails_at_once_naming_the_address_and_the_fix() {
    let start = Instant::now();
    let out = kmsg()
        .args([
            "--bootstrap",
            "127.0.0.1:1",
            "--timeout",
            "20s",
            "topics",
            "list",
        ])
        .assert()
        .code(1);
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("nothing listens at 127.0.0.1:1 (connection refused)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("kmsg cluster status"),
        "fix missing: {stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "not one line: {stderr}");
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
}

#[test]
fn a_broker_that_accepts_but_never_answers_is_waited_for_until_the_timeout() {
    // A listening socket nobody reads from: the connection succeeds, no answer ever comes.
    let silent = crate::harness::bind_listener_below_ephemeral();
    let addr = format!("127.0.0.1:{}", silent.local_addr().unwrap().port());
    let start = Instant::now();
    let out = kmsg()
        .args(["--bootstrap", &addr, "--timeout", "3s", "topics", "list"])
        .assert()
        .code(1);
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains(&format!("cannot reach the cluster at {addr} within 3s")),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "not one line: {stderr}");
    assert!(
        elapsed >= Duration::from_secs(3) && elapsed < Duration::from_secs(10),
        "took {elapsed:?}"
    );
}

#[test]
fn invalid_topic_names_and_zero_partitions_are_usage_errors() {
    kmsg()
        .args(["--bootstrap", "127.0.0.1:1", "topics", "create", "bad/name"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "topic name \"bad/name\" contains '/'",
        ));
    kmsg()
        .args([
            "--bootstrap",
            "127.0.0.1:1",
            "topics",
            "create",
            "ok",
            "--partitions",
            "0",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--partitions 0 is invalid"));
}

#[test]
fn delete_without_yes_is_refused() {
    let out = Kmsg::new(["topics", "delete", "posts"])
        .flag("--bootstrap", "127.0.0.1:1")
        .timeout(Duration::from_secs(10))
        .expect_code(2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--yes"), "{stderr}");
}

#[test]
fn committed_completions_are_up_to_date() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/completions");
    for (shell, file) in [
        ("bash", "kmsg.bash"),
        ("zsh", "_kmsg"),
        ("fish", "kmsg.fish"),
        ("powershell", "_kmsg.ps1"),
        ("elvish", "kmsg.elv"),
    ] {
        let out = kmsg().args(["completions", shell]).assert().success();
        let generated = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        let committed = std::fs::read_to_string(format!("{dir}/{file}"))
            .unwrap_or_else(|e| panic!("completions/{file}: {e}; run scripts/gen-completions.sh"));
        assert!(
            generated == committed,
            "completions/{file} is out of date: run scripts/gen-completions.sh"
        );
    }
}

#[test]
fn completions_piped_into_head_exit_quietly() {
    // The script is larger than a pipe's buffer, so the write meets the closed pipe.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "RUST_BACKTRACE=1 '{}' completions bash | head -n 1",
            env!("CARGO_BIN_EXE_kmsg")
        ))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("_kmsg() {\n"), "{stdout}");
    assert!(
        out.stderr.is_empty(),
        "a closed pipe must not panic: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn verify_refuses_the_same_topic_twice_and_a_missing_output_before_connecting() {
    // Nothing listens at 127.0.0.1:1: exit 2 and these messages mean nothing was asked.
    let out = Kmsg::new(["verify", "-i", "in", "--output-topic", "in"])
        .flag("--bootstrap", "127.0.0.1:1")
        .timeout(Duration::from_secs(10))
        .expect_code(2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("three different topics"), "{stderr}");
    let out = Kmsg::new(["verify", "-i", "in"])
        .flag("--bootstrap", "127.0.0.1:1")
        .timeout(Duration::from_secs(10))
        .expect_code(2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--output-topic"), "{stderr}");
}

#[test]
fn cluster_restart_needs_one_of_node_or_rolling_and_a_running_node() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cluster");
    std::fs::create_dir_all(&dir).unwrap();
    // A cluster.json as `up` writes it, for three nodes that do not run.
    std::fs::write(
        dir.join("cluster.json"),
        serde_json::json!({
            "nodes": 3, "base_port": 1092, "controller_base_port": 2092,
            "cluster_id": "AAAAAAAAAAAAAAAAAAAAAA", "heap": "256m"
        })
        .to_string(),
    )
    .unwrap();
    let dir = dir.to_str().unwrap();
    let run = |extra: &[&str]| {
        kmsg()
            .args(["cluster", "restart", "--state-dir", dir])
            .args(extra)
            .output()
            .unwrap()
    };
    let stderr = |out: &std::process::Output| String::from_utf8_lossy(&out.stderr).to_string();

    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--rolling"), "{}", stderr(&out));

    let out = run(&["--node", "4"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("nodes 1 to 3"), "{}", stderr(&out));

    let out = run(&["--node", "1", "--rolling"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    // Nothing runs: a runtime failure naming the node and how to start it.
    let out = run(&["--node", "2"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("node 2 is not running") && stderr(&out).contains("cluster up"),
        "{}",
        stderr(&out)
    );
}
