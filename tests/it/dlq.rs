//! `kmsg dlq list|show|stats` on a DLQ filled through `kmsg consume`, plus records carrying
//! Spring's and Kafka Connect's dead-letter headers written by the test.

use predicates::prelude::*;

use crate::harness::{json_lines, kmsg, kmsg_on_cluster, unique};

/// A DLQ with 10 kmsg dead letters (8 schema, 1 json_parse, 1 not_utf8), one Spring record
/// and one Connect record. Returns (input topic, dlq topic).
fn filled_dlq() -> (String, String) {
    let (input, output, dlq) = crate::harness::pipeline_topics("dlqtools", 2);
    kmsg_on_cluster()
        .args([
            "produce",
            "-t",
            &input,
            "--generate",
            "login",
            "--count",
            "100",
        ])
        .args(["--invalid-ratio", "0.1", "--seed", "5", "-q"])
        .assert()
        .success();
    kmsg_on_cluster()
        .args([
            "consume",
            "-g",
            &unique("g"),
            "-t",
            &input,
            "--output-topic",
            &output,
        ])
        .args([
            "--schema",
            concat!(env!("CARGO_MANIFEST_DIR"), "/schema.json"),
        ])
        .args(["--idle-timeout", "4s", "-o", "json"])
        .assert()
        .success();
    // Spring: partition as a 4-byte and offset as an 8-byte big-endian number (base64).
    let spring = r#"{"partition":0,"key":"spring-1","value":"{}","headers":[{"key":"kafka_dlt-original-topic","value":"orders"},{"key":"kafka_dlt-original-partition","value":"AAAAAw==","encoding":"base64"},{"key":"kafka_dlt-original-offset","value":"AAAAAAAAAE0=","encoding":"base64"},{"key":"kafka_dlt-exception-fqcn","value":"java.lang.IllegalStateException"},{"key":"kafka_dlt-exception-message","value":"boom"}]}"#;
    let connect = r#"{"partition":1,"key":"connect-1","value":"{}","headers":[{"key":"__connect.errors.topic","value":"events"},{"key":"__connect.errors.partition","value":"1"},{"key":"__connect.errors.offset","value":"12"},{"key":"__connect.errors.stage","value":"VALUE_CONVERTER"},{"key":"__connect.errors.exception.class.name","value":"org.apache.kafka.connect.errors.DataException"}]}"#;
    kmsg_on_cluster()
        .args(["produce", "-t", &dlq, "--input", "json-envelope", "-q"])
        .write_stdin(format!("{spring}\n{connect}\n"))
        .assert()
        .success();
    (input, dlq)
}

fn list(dlq: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let out = kmsg_on_cluster()
        .args(["dlq", "list", "-t", dlq, "-o", "json"])
        .args(extra)
        .assert()
        .success();
    json_lines(&out.get_output().stdout)
}

#[test]
fn dlq_list_show_and_stats_read_kmsg_spring_and_connect_dead_letters() {
    let (input, dlq) = filled_dlq();
    let all = list(&dlq, &[]);
    assert_eq!(all.len(), 12);
    assert_eq!(list(&dlq, &["--reason", "schema_validation"]).len(), 8);
    assert_eq!(list(&dlq, &["--reason", "json_parse"]).len(), 1);
    assert_eq!(list(&dlq, &["--original-topic", &input]).len(), 10);
    assert_eq!(list(&dlq, &["--original-topic", "orders"]).len(), 1);
    assert_eq!(list(&dlq, &["--since", "1h"]).len(), 12);
    assert_eq!(list(&dlq, &["-n", "3"]).len(), 3);
    let kmsg_row = all.iter().find(|r| r["class"] == "not_utf8").unwrap();
    assert_eq!(kmsg_row["format"], "kmsg");
    assert_eq!(kmsg_row["stage"], "decode");
    assert_eq!(kmsg_row["original_topic"], input.as_str());

    let spring = all.iter().find(|r| r["format"] == "spring").unwrap();
    let at = format!("{}:{}", spring["partition"], spring["offset"]);
    let out = kmsg_on_cluster()
        .args(["dlq", "show", "-t", &dlq, &at, "-o", "json"])
        .assert()
        .success();
    let shown = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(shown["key"], "spring-1");
    assert_eq!(shown["dead_letter"]["original_topic"], "orders");
    assert_eq!(shown["dead_letter"]["original_partition"], 3);
    assert_eq!(shown["dead_letter"]["original_offset"], 77);
    assert_eq!(
        shown["dead_letter"]["class"],
        "java.lang.IllegalStateException"
    );
    let connect = all.iter().find(|r| r["format"] == "connect").unwrap();
    assert_eq!(connect["stage"], "VALUE_CONVERTER");
    assert_eq!(connect["original_offset"], 12);

    let table = kmsg_on_cluster()
        .args([
            "dlq",
            "show",
            "-t",
            &dlq,
            &format!("{}:{}", kmsg_row["partition"], kmsg_row["offset"]),
        ])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&table.get_output().stdout).to_string();
    assert!(
        text.contains("| error class") && text.contains("not_utf8"),
        "{text}"
    );

    let out = kmsg_on_cluster()
        .args(["dlq", "stats", "-t", &dlq, "-o", "json"])
        .assert()
        .success();
    let stats = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(stats["total"], 12);
    assert_eq!(stats["by_class"]["schema_validation"], 8);
    assert_eq!(stats["by_class"]["not_utf8"], 1);
    assert_eq!(stats["by_original_topic"][input.as_str()], 10);
    let per_hour: u64 = stats["over_time"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(per_hour, 12);
    let chart = kmsg_on_cluster()
        .args(["dlq", "stats", "-t", &dlq])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&chart.get_output().stdout).contains('█'));
}

#[test]
fn dlq_tools_refuse_bad_input() {
    kmsg()
        .args([
            "--bootstrap",
            "127.0.0.1:1",
            "dlq",
            "show",
            "-t",
            "x.dlq",
            "3-5",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not PARTITION:OFFSET"));
    kmsg_on_cluster()
        .args(["dlq", "list", "-t", &unique("none")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not exist"));
}

#[test]
fn dlq_replay_resends_selected_records_once_strips_errors_and_refuses_ping_pong() {
    let (input, dlq) = filled_dlq();
    // A record already replayed three times, and one with no original topic, in their own DLQ.
    let replay_json = |extra: &[&str]| {
        let out = kmsg_on_cluster()
            .args(["dlq", "replay", "-t", &dlq, "-o", "json"])
            .args(extra)
            .assert()
            .success();
        json_lines(&out.get_output().stdout).pop().unwrap()
    };
    let before = crate::harness::kcat_read(&input).len();
    let dry = replay_json(&["--reason", "json_parse", "--dry-run"]);
    assert_eq!(dry["replayed"], 1);
    assert_eq!(
        crate::harness::kcat_read(&input).len(),
        before,
        "a dry run sends nothing"
    );

    let done = replay_json(&["--reason", "json_parse"]);
    assert_eq!(done["replayed"], 1, "{done}");
    assert_eq!(done["skipped_by_filter"], 11);
    let after = crate::harness::kcat_read(&input);
    assert_eq!(after.len(), before + 1);
    for r in &after[..] {
        if r.header("kmsg.dlq.replay.count").is_some() {
            assert_eq!(r.header("kmsg.dlq.replay.count"), Some("1"));
            assert_eq!(
                r.header("kmsg.dlq.error.class"),
                None,
                "error headers must be stripped"
            );
            assert_eq!(r.header("kmsg.dlq.original.topic"), Some(input.as_str()));
        }
    }
    // The same replay again resumes after what it committed: nothing is sent twice.
    let again = replay_json(&["--reason", "json_parse"]);
    assert_eq!(again["replayed"], 0, "{again}");
    assert_eq!(crate::harness::kcat_read(&input).len(), before + 1);

    let other = unique("pingpong");
    crate::harness::create_topic(&other, 1, 3);
    let lines = format!(
        "{}\n{}\n",
        format_args!(
            r#"{{"key":"tired","value":"{{}}","headers":[{{"key":"kmsg.dlq.original.topic","value":"{input}"}},{{"key":"kmsg.dlq.error.class","value":"x"}},{{"key":"kmsg.dlq.replay.count","value":"3"}}]}}"#
        ),
        r#"{"key":"orphan","value":"{}","headers":[{"key":"kmsg.dlq.error.class","value":"x"}]}"#
    );
    kmsg_on_cluster()
        .args(["produce", "-t", &other, "--input", "json-envelope", "-q"])
        .write_stdin(lines)
        .assert()
        .success();
    let out = kmsg_on_cluster()
        .args(["dlq", "replay", "-t", &other, "-o", "json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no original topic header"))
        .stderr(predicate::str::contains("give --to"));
    let s = json_lines(&out.get_output().stdout).pop().unwrap();
    assert_eq!(s["refused_max_replays"], 1, "{s}");
    assert_eq!(s["replayed"], 0);
}

#[test]
fn dlq_watch_logs_every_dead_letter_counts_it_and_commits() {
    let (_input, dlq) = filled_dlq();
    let group = unique("watch");
    let port = crate::harness::free_port();
    let addr = format!("127.0.0.1:{port}");
    let child = crate::harness::spawn_kmsg(&[
        "--log-format",
        "json",
        "dlq",
        "watch",
        "-t",
        &dlq,
        "-g",
        &group,
        "--metrics-addr",
        &addr,
        "--idle-timeout",
        "6s",
        "-o",
        "json",
    ]);
    let mut body = String::new();
    crate::harness::eventually(
        std::time::Duration::from_secs(60),
        "12 dead letters counted",
        || {
            body = crate::harness::http_get(port, "/metrics")
                .map(|r| r.1)
                .unwrap_or_default();
            body.lines()
                .filter(|l| l.starts_with("kafka_dlq_messages_total{"))
                .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
                .sum::<f64>()
                == 12.0
        },
    );
    assert!(body.contains(r#"kafka_dlq_messages_total{original_topic="orders",reason="java.lang.IllegalStateException"} 1"#), "{body}");
    let out = crate::harness::wait_bounded(child, std::time::Duration::from_secs(60));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = json_lines(&out.stdout).pop().unwrap();
    assert_eq!(s["seen"], 12);
    assert_eq!(s["by_reason"]["schema_validation"], 8);
    let logged = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains("dead letter:") && l.contains("\"reason\""))
        .count();
    assert_eq!(logged, 12, "one structured log line per dead letter");
    // Committed: the same group sees nothing new.
    let again = kmsg_on_cluster()
        .args([
            "dlq",
            "watch",
            "-t",
            &dlq,
            "-g",
            &group,
            "--idle-timeout",
            "4s",
            "-o",
            "json",
        ])
        .assert()
        .success();
    assert_eq!(
        json_lines(&again.get_output().stdout).pop().unwrap()["seen"],
        0
    );
}
