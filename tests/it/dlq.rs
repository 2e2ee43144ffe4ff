//! `kmsg dlq list|show|stats` on a DLQ filled through `kmsg consume`, plus records carrying
//! Spring's and Kafka Connect's dead-letter headers written by the test.

use predicates::prelude::*;

use crate::harness::{json_lines, kmsg, kmsg_on_cluster, unique, Kmsg};

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
    Kmsg::consume(&unique("g"), &input, &output)
        .flag(
            "--schema",
            concat!(env!("CARGO_MANIFEST_DIR"), "/schema.json"),
        )
        .flag("--idle-timeout", "4s")
        .json()
        .expect_code(0);
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

/// `dlq list -o json`, which must be one JSON document (a finite result), not JSON lines.
fn list(dlq: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let out = kmsg_on_cluster()
        .args(["dlq", "list", "-t", dlq, "-o", "json"])
        .args(extra)
        .assert()
        .success();
    let doc: serde_json::Value = serde_json::from_slice(&out.get_output().stdout)
        .expect("dlq list -o json prints one JSON document");
    assert_eq!(doc["topic"], dlq);
    let rows = doc["dead_letters"].as_array().expect("an array").clone();
    assert_eq!(doc["count"], rows.len());
    rows
}

/// `dlq replay -o json`: one JSON document on stdout.
fn replay_doc(dlq: &str, extra: &[&str]) -> serde_json::Value {
    let out = kmsg_on_cluster()
        .args(["dlq", "replay", "-t", dlq, "-o", "json"])
        .args(extra)
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout)
        .expect("dlq replay -o json prints one JSON document")
}

/// Writes JSON envelopes (one per line) to a topic.
fn produce_envelopes(topic: &str, lines: &str) {
    kmsg_on_cluster()
        .args(["produce", "-t", topic, "--input", "json-envelope", "-q"])
        .write_stdin(lines.to_string())
        .assert()
        .success();
}

/// One kmsg dead letter as a JSON envelope: key `key`, from `original`, of error `class`.
fn dead_letter_line(partition: i32, key: &str, original: &str, class: &str) -> String {
    serde_json::json!({
        "partition": partition,
        "key": key,
        "value": format!(r#"{{"id":"{key}"}}"#),
        "headers": [
            {"key": "kmsg.dlq.original.topic", "value": original},
            {"key": "kmsg.dlq.error.class", "value": class},
        ],
    })
    .to_string()
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
    let shown: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
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
    let replay_json = |extra: &[&str]| replay_doc(&dlq, extra);
    let before = crate::harness::kcat_read(&input).len();
    let dry = replay_json(&["--reason", "json_parse", "--dry-run"]);
    assert_eq!(dry["replayed"], 1);
    assert_eq!(dry["dry_run"], true);
    // The dry run lists each record with the table's fields: coordinates, class, decision.
    let planned = dry["records"].as_array().expect("a per-record list");
    assert_eq!(planned.len(), 1, "{dry}");
    for r in planned {
        assert_eq!(r["class"], "json_parse");
        assert_eq!(r["decision"], "replay");
        assert_eq!(r["to"], input.as_str());
        assert!(r["partition"].is_i64() && r["offset"].is_i64(), "{r}");
    }
    assert_eq!(
        crate::harness::kcat_read(&input).len(),
        before,
        "a dry run sends nothing"
    );

    let done = replay_json(&["--reason", "json_parse"]);
    assert_eq!(done["replayed"], 1, "{done}");
    assert_eq!(done["skipped_by_filter"], 11);
    assert_eq!(
        done["records"], dry["records"],
        "the dry run predicted each record"
    );
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
    // The same replay again resumes after what it committed: nothing is sent twice, and
    // that is no failure (the class is there, handled by the earlier run).
    let again = replay_json(&["--reason", "json_parse"]);
    assert_eq!(again["replayed"], 0, "{again}");
    assert_eq!(again["already_done"], 12, "{again}");
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
    produce_envelopes(&other, &lines);
    // A record with no target refuses the whole replay before anything is sent (usage: give
    // --to), in the dry run as in the real run.
    for dry in [true, false] {
        let mut cmd = kmsg_on_cluster();
        cmd.args(["dlq", "replay", "-t", &other, "-o", "json"]);
        if dry {
            cmd.arg("--dry-run");
        }
        let out = cmd
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no original topic header"))
            .stderr(predicate::str::contains("first at 0:1"))
            .stderr(predicate::str::contains("give --to"));
        assert!(out.get_output().stdout.is_empty());
    }
    assert_eq!(crate::harness::kcat_read(&input).len(), before + 1);
    let s = replay_doc(&other, &["--to", &input]);
    assert_eq!(s["refused_max_replays"], 1, "{s}");
    assert_eq!(s["replayed"], 1, "{s}");
    assert_eq!(s["records"][0]["decision"], "refused");
    assert_eq!(s["records"][1]["decision"], "replay");
    let after = crate::harness::kcat_read(&input);
    assert_eq!(after.len(), before + 2);
    assert_eq!(
        after
            .iter()
            .filter(|r| r.key.as_deref() == Some("orphan"))
            .count(),
        1
    );
    assert!(!after.iter().any(|r| r.key.as_deref() == Some("tired")));
}

#[test]
fn dlq_replay_of_a_class_no_dead_letter_has_fails_the_check_and_names_the_classes_present() {
    let (input, _output, dlq) = crate::harness::pipeline_topics("dlqnone", 1);
    let lines: Vec<String> = [("a", "json_parse"), ("b", "json_parse"), ("c", "not_utf8")]
        .iter()
        .map(|(k, class)| dead_letter_line(0, k, &input, class))
        .collect();
    produce_envelopes(&dlq, &(lines.join("\n") + "\n"));
    for dry in [true, false] {
        let mut cmd = kmsg_on_cluster();
        cmd.args(["dlq", "replay", "-t", &dlq, "--reason", "retries_exhausted"]);
        if dry {
            cmd.arg("--dry-run");
        }
        let out = cmd.assert().code(3);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(
            err.contains(&format!(
                r#"no dead letter in {dlq} has error class "retries_exhausted""#
            )) && err.contains("json_parse (2), not_utf8 (1)")
                && err.contains("nothing was replayed"),
            "{err}"
        );
    }
    assert!(
        crate::harness::kcat_read(&input).is_empty(),
        "nothing was sent"
    );
    // A class that is there passes.
    assert_eq!(replay_doc(&dlq, &["--reason", "not_utf8"])["replayed"], 1);
}

#[test]
fn dlq_show_of_an_offset_that_does_not_exist_names_the_partitions_range() {
    let (input, _output, dlq) = crate::harness::pipeline_topics("dlqshow", 2);
    let lines: Vec<String> = (0..3)
        .map(|i| dead_letter_line(0, &format!("k{i}"), &input, "json_parse"))
        .collect();
    produce_envelopes(&dlq, &(lines.join("\n") + "\n"));
    let out = kmsg_on_cluster()
        .args(["dlq", "show", "-t", &dlq, "0:999"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(&format!("no record at {dlq} 0:999"))
            && err.contains("partition 0 holds offsets 0 to 2")
            && err.contains(&format!("kmsg dlq show -t {dlq} 0:0")),
        "{err}"
    );
    assert!(!err.contains("--offset"), "dlq show has no --offset: {err}");
    let out = kmsg_on_cluster()
        .args(["dlq", "show", "-t", &dlq, "1:0"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("partition 1 holds no record"), "{err}");
    kmsg_on_cluster()
        .args(["dlq", "show", "-t", &dlq, "0:2", "-o", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains(r#""key":"k2""#));
}

/// A replay beside live consumers that dead-letter its records again: the new dead letters
/// land in the DLQ while the replay runs, and must not be replayed by the same run.
#[test]
fn dlq_replay_beside_live_consumers_sends_each_record_once_as_its_dry_run_predicted() {
    use crate::harness::{
        eventually, http_get, kcat_has_at_least, kcat_read, signal, wait_bounded,
    };
    use std::collections::BTreeMap;
    use std::time::Duration;

    const N: usize = 100;
    let (input, output, dlq) = crate::harness::pipeline_topics("dlqlive", 2);
    // Dead letters whose values fail the schema: the consumers dead-letter every replayed one.
    let lines: Vec<String> = (0..N)
        .map(|i| {
            dead_letter_line(
                (i % 2) as i32,
                &format!("id-{i:03}"),
                &input,
                "schema_validation",
            )
        })
        .collect();
    produce_envelopes(&dlq, &(lines.join("\n") + "\n"));
    assert_eq!(kcat_read(&dlq).len(), N);

    let group = unique("live");
    let ports: Vec<u16> = (0..2).map(|_| crate::harness::free_port()).collect();
    let members: Vec<_> = ports
        .iter()
        .map(|port| {
            Kmsg::consume(&group, &input, &output)
                .flag(
                    "--schema",
                    concat!(env!("CARGO_MANIFEST_DIR"), "/schema.json"),
                )
                .flag("--metrics-addr", format!("127.0.0.1:{port}"))
                .flag("--idle-timeout", "90s")
                .json()
                .spawn()
        })
        .collect();
    eventually(Duration::from_secs(60), "both members ready", || {
        ports
            .iter()
            .all(|p| http_get(*p, "/readyz").map(|r| r.0) == Some(200))
    });

    let dry = replay_doc(&dlq, &["--dry-run"]);
    let real = replay_doc(&dlq, &[]);
    for field in [
        "replayed",
        "refused_max_replays",
        "skipped_by_filter",
        "already_done",
        "by_target",
        "end_offsets",
        "records",
    ] {
        assert_eq!(dry[field], real[field], "{field}: dry {dry} real {real}");
    }
    assert_eq!(real["replayed"], N, "{real}");
    assert_eq!(real["refused_max_replays"], 0, "{real}");

    // The consumers dead-letter every replayed record once more.
    eventually(
        Duration::from_secs(60),
        "the replayed records dead-lettered again",
        || kcat_has_at_least(&dlq, 2 * N),
    );
    for m in &members {
        signal(m.id(), libc::SIGTERM);
    }
    for m in members {
        let out = wait_bounded(m, Duration::from_secs(60));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // Every record replayed exactly once (read back by kcat, every id counted).
    let mut sent: BTreeMap<String, usize> = BTreeMap::new();
    for r in kcat_read(&input) {
        assert_eq!(r.header("kmsg.dlq.replay.count"), Some("1"), "{r:?}");
        *sent.entry(r.key.clone().unwrap_or_default()).or_default() += 1;
    }
    let ids: Vec<String> = (0..N).map(|i| format!("id-{i:03}")).collect();
    assert_eq!(sent.keys().cloned().collect::<Vec<_>>(), ids);
    assert!(
        sent.values().all(|n| *n == 1),
        "replayed more than once: {sent:?}"
    );

    // The DLQ: the originals, plus one new dead letter per replayed record.
    let letters = kcat_read(&dlq);
    assert_eq!(letters.len(), 2 * N);
    let mut by_id: BTreeMap<(String, Option<String>), usize> = BTreeMap::new();
    for r in &letters {
        let replays = r.header("kmsg.dlq.replay.count").map(String::from);
        *by_id
            .entry((r.key.clone().unwrap_or_default(), replays))
            .or_default() += 1;
    }
    for id in &ids {
        assert_eq!(by_id.get(&(id.clone(), None)), Some(&1), "original {id}");
        assert_eq!(
            by_id.get(&(id.clone(), Some("1".into()))),
            Some(&1),
            "new letter of {id}"
        );
    }
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
