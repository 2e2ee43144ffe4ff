//! `kmsg consume` against the real cluster: group sharing, outcomes, DLQ headers, retries,
//! crash recovery without loss, a failing DLQ, metrics. Output and DLQ are read back with kcat.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::harness::{
    eventually, free_port, http_get, json_lines, kcat_has_at_least, kcat_read, kmsg,
    kmsg_on_cluster, metric, signal, topic_listed, unique, wait_bounded, Kmsg, ReadRecord,
};

/// Creates input, output and DLQ topics (6 partitions, RF 3) and returns their names.
fn pipeline_topics(prefix: &str) -> (String, String, String) {
    crate::harness::pipeline_topics(prefix, 6)
}

fn produce_logins(topic: &str, count: u32, invalid_ratio: &str, seed: &str) {
    kmsg_on_cluster()
        .args([
            "produce",
            "-t",
            topic,
            "--generate",
            "login",
            "--count",
            &count.to_string(),
        ])
        .args(["--invalid-ratio", invalid_ratio, "--seed", seed, "-q"])
        .assert()
        .success();
}

fn schema() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/schema.json")
}

fn summary(out: &std::process::Output) -> serde_json::Value {
    json_lines(&out.stdout).pop().unwrap_or_else(|| {
        panic!(
            "no JSON summary; stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// Starts a `kmsg consume` member of `group` reading `input`, forwarding to `output` and
/// dead-lettering to `dlq`, that stops after 5 s without messages and prints a JSON summary;
/// `extra` arguments follow.
fn spawn_member(
    group: &str,
    (input, output, dlq): (&str, &str, &str),
    extra: &[&str],
) -> crate::harness::Spawned {
    Kmsg::consume(group, input, output)
        .flag("--dlq-topic", dlq)
        .flag("--idle-timeout", "5s")
        .json()
        .args(extra)
        .spawn()
}

/// A member's summary accounts for every message it consumed: each has an outcome or was
/// left, uncommitted, to the new owner of its revoked partition; none is left unfinished.
fn assert_every_message_accounted_for(s: &serde_json::Value) {
    let n = |k: &str| s[k].as_u64().unwrap();
    assert_eq!(
        n("consumed"),
        n("forwarded") + n("dead_lettered_total") + n("dropped_on_revoke"),
        "every consumed message has an outcome or was left to the new owner: {s}"
    );
    assert_eq!(n("not_finished_at_exit"), 0, "{s}");
}

/// A member started by [`spawn_member`] exited 0, stopped by its idle timeout.
fn assert_stopped_idle(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(summary(out)["stopped_by"], "idle timeout");
}

/// Sends JSON-envelope lines (key, value, headers per record) to `topic` with kmsg produce.
fn produce_envelopes(topic: &str, lines: String) {
    kmsg_on_cluster()
        .args(["produce", "-t", topic, "--input", "json-envelope", "-q"])
        .write_stdin(lines)
        .assert()
        .success();
}

/// A dead letter keeps the original's value and headers (each test record carries
/// `origin=test`) and names its topic, partition and offset.
fn assert_keeps_the_original(dead: &ReadRecord, orig: &ReadRecord, input: &str) {
    let key = orig.key.as_deref().unwrap_or_default();
    assert_eq!(
        dead.value, orig.value,
        "{key}: the value must be copied unchanged"
    );
    assert_eq!(
        dead.header("origin"),
        Some("test"),
        "{key}: original headers are kept"
    );
    assert_eq!(dead.header("kmsg.dlq.original.topic"), Some(input));
    assert_eq!(
        dead.header("kmsg.dlq.original.partition"),
        Some(orig.partition.to_string().as_str())
    );
    assert_eq!(
        dead.header("kmsg.dlq.original.offset"),
        Some(orig.offset.to_string().as_str())
    );
}

#[test]
fn three_instances_share_six_partitions_two_each_and_forward_every_message_once() {
    let (input, output, _dlq) = pipeline_topics("share");
    let group = unique("g");
    let ports: Vec<u16> = (0..3).map(|_| free_port()).collect();
    let children: Vec<_> = ports
        .iter()
        .enumerate()
        .map(|(i, port)| {
            let addr = format!("127.0.0.1:{port}");
            let id = format!("member-{i}");
            Kmsg::consume(&group, &input, &output)
                .flag("--schema", schema())
                .flag("--metrics-addr", addr)
                .flag("--instance-id", id)
                .json()
                .spawn()
        })
        .collect();
    let assigned = |port: u16| {
        http_get(port, "/metrics")
            .and_then(|(_, body)| {
                metric(
                    &body,
                    &format!("kafka_consumer_assigned_partitions{{topic=\"{input}\"}}"),
                )
            })
            .unwrap_or(-1.0)
    };
    eventually(
        Duration::from_secs(60),
        "three members with two partitions each",
        || ports.iter().all(|p| assigned(*p) == 2.0),
    );
    for port in &ports {
        assert_eq!(http_get(*port, "/readyz").map(|r| r.0), Some(200));
        assert_eq!(http_get(*port, "/healthz").map(|r| r.0), Some(200));
    }

    produce_logins(&input, 600, "0", "21");
    eventually(Duration::from_secs(60), "600 forwarded messages", || {
        kcat_has_at_least(&output, 600)
    });
    for child in &children {
        signal(child.id(), libc::SIGTERM);
    }
    let mut consumed = 0;
    for child in children {
        let out = wait_bounded(child, Duration::from_secs(60));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let s = summary(&out);
        assert_eq!(s["stopped_by"], "signal");
        consumed += s["consumed"].as_u64().unwrap();
    }
    assert_eq!(consumed, 600, "a clean run consumes each message once");
    let records = kcat_read(&output);
    let keys: HashSet<_> = records.iter().filter_map(|r| r.key.clone()).collect();
    assert_eq!(records.len(), 600, "duplicates in a clean run");
    assert_eq!(keys.len(), 600);
}

#[test]
fn every_poison_kind_lands_in_the_dlq_once_with_context_headers_and_unchanged_bytes() {
    let (input, output, dlq) = pipeline_topics("poison");
    let good = serde_json::json!({"user_id":"u","app_version":"1.0.0","device_type":"web","ip":"10.0.0.1","locale":"en","device_id":"d","timestamp":1});
    let mut cases: Vec<(String, serde_json::Value, &str)> = vec![
        (
            "malformed".into(),
            serde_json::json!({"value": "{\"a\" 1}"}),
            "json_parse",
        ),
        (
            "truncated".into(),
            serde_json::json!({"value": "{\"user_id\":\"u\",\"app"}),
            "json_parse",
        ),
        (
            "not-utf8".into(),
            serde_json::json!({"value": "/+4oKHsifQ==", "value_encoding": "base64"}),
            "not_utf8",
        ),
        (
            "empty".into(),
            serde_json::json!({"value": ""}),
            "empty_value",
        ),
        (
            "null".into(),
            serde_json::json!({"value": null}),
            "null_value",
        ),
        (
            "json-null".into(),
            serde_json::json!({"value": "null"}),
            "null_value",
        ),
        (
            "deep".into(),
            serde_json::json!({"value": "[".repeat(5000) + &"]".repeat(5000)}),
            "json_parse",
        ),
        (
            "big".into(),
            serde_json::json!({"value": format!("{{\"blob\":\"{}\"}}", "x".repeat(900_000))}),
            "schema_validation",
        ),
        (
            "bad-ip".into(),
            serde_json::json!({"value": good.to_string().replace("10.0.0.1", "10.0.0.999")}),
            "schema_validation",
        ),
    ];
    for field in [
        "user_id",
        "app_version",
        "device_type",
        "ip",
        "locale",
        "device_id",
        "timestamp",
    ] {
        let mut doc = good.clone();
        doc.as_object_mut().unwrap().remove(field);
        cases.push((
            format!("missing-{field}"),
            serde_json::json!({"value": doc.to_string()}),
            "schema_validation",
        ));
    }
    cases.push((
        "valid".into(),
        serde_json::json!({"value": good.to_string()}),
        "valid",
    ));
    let lines: String = cases
        .iter()
        .map(|(key, env, _)| {
            let mut env = env.clone();
            env["key"] = serde_json::json!(key);
            env["headers"] = serde_json::json!([{"key": "origin", "value": "test"}]);
            format!("{env}\n")
        })
        .collect();
    produce_envelopes(&input, lines);

    let group = unique("g");
    let out = Kmsg::consume(&group, &input, &output)
        .flag("--schema", schema())
        .flag("--idle-timeout", "4s")
        .json()
        .expect_code(0);
    let s = summary(&out);
    assert_eq!(s["consumed"], cases.len());
    assert_eq!(s["forwarded"], 1);
    assert_eq!(s["dead_lettered_total"], cases.len() - 1);

    let dead = kcat_read(&dlq);
    assert_eq!(dead.len(), cases.len() - 1);
    let by_key: HashMap<String, _> = dead.iter().map(|r| (r.key.clone().unwrap(), r)).collect();
    assert_eq!(
        by_key.len(),
        dead.len(),
        "a poison message was dead-lettered twice"
    );
    let originals: HashMap<String, _> = kcat_read(&input)
        .into_iter()
        .map(|r| (r.key.clone().unwrap(), r))
        .collect();
    for (key, _, class) in &cases {
        if *class == "valid" {
            assert!(!by_key.contains_key(key));
            continue;
        }
        let r = by_key
            .get(key)
            .unwrap_or_else(|| panic!("{key} not in the DLQ"));
        let orig = &originals[key];
        assert_eq!(r.header("kmsg.dlq.error.class"), Some(*class), "{key}");
        assert_keeps_the_original(r, orig, &input);
        assert_eq!(r.header("kmsg.dlq.consumer.group"), Some(group.as_str()));
        assert_eq!(r.header("kmsg.dlq.attempts"), Some("1"));
        assert!(r.header("kmsg.dlq.failed.at").is_some());
        let stage = if *class == "schema_validation" {
            "validate"
        } else {
            "decode"
        };
        assert_eq!(r.header("kmsg.dlq.stage"), Some(stage), "{key}");
        if key.starts_with("missing-") {
            let field = key.strip_prefix("missing-").unwrap();
            let msg = r.header("kmsg.dlq.error.message").unwrap();
            assert!(
                msg.contains("required") && msg.contains(field),
                "{key}: {msg}"
            );
        }
    }
    assert!(by_key["bad-ip"]
        .header("kmsg.dlq.error.message")
        .unwrap()
        .contains("/ip: format"));
}

/// Forwards are written in lz4-compressed batches unless `-z none`: readers get the same keys,
/// values and headers either way (every record read back with kcat), and the brokers' own
/// account of the two output topics' sizes shows the compression.
/// The -X rule on consume's forwarding producer, read where it lands: the codec of the
/// record batches the brokers stored (Kafka's DumpLogSegments), for the default, -z and -X.
#[test]
fn forwards_are_stored_with_the_codec_of_the_default_z_or_x_compression_type() {
    let (input, _, dlq) = pipeline_topics("fwdcodec");
    produce_logins(&input, 600, "0", "23");
    for (args, codec) in [
        (&[][..], "lz4"),
        (&["-z", "gzip"][..], "gzip"),
        (&["-X", "compression.type=zstd"][..], "zstd"),
    ] {
        let output = format!("{input}.{codec}");
        crate::harness::create_topic(&output, 6, 3);
        let out = Kmsg::consume(&unique("g"), &input, &output)
            .flag("--dlq-topic", &dlq)
            .flag("--max-messages", 600)
            .json()
            .args(args)
            .timeout(Duration::from_secs(90))
            .expect_code(0);
        let s = summary(&out);
        assert_eq!(s["forwarded"], 600, "{args:?}: {s}");
        let codecs = crate::harness::stored_codecs(&output, 600);
        assert_eq!(
            codecs,
            [(codec.to_string(), 600)].into(),
            "{args:?}: the brokers stored {codecs:?}"
        );
    }
}

#[test]
fn forwards_are_lz4_compressed_by_default_and_read_back_unchanged() {
    let (input, compressed, dlq) = pipeline_topics("lz4");
    let plain = format!("{input}.plain");
    crate::harness::create_topic(&plain, 6, 3);
    produce_logins(&input, 3000, "0", "17");
    for (output, codec) in [(&compressed, None), (&plain, Some("none"))] {
        let mut cmd = Kmsg::consume(&unique("g"), &input, output)
            .flag("--dlq-topic", &dlq)
            .flag("--schema", schema())
            .flag("--max-messages", 3000)
            .json();
        if let Some(codec) = codec {
            cmd = cmd.flag("-z", codec);
        }
        let out = cmd.timeout(Duration::from_secs(90)).expect_code(0);
        let s = summary(&out);
        assert_eq!(s["forwarded"], 3000, "{s}");
    }
    let records = |topic: &str| {
        let mut all: Vec<_> = kcat_read(topic)
            .into_iter()
            .map(|r| (r.key, r.value, r.headers))
            .collect();
        all.sort();
        all
    };
    let originals = records(&input);
    assert_eq!(originals.len(), 3000);
    assert_eq!(records(&compressed), originals);
    assert_eq!(records(&plain), originals);
    let sizes = crate::harness::topic_sizes(&[&compressed, &plain]);
    assert!(
        sizes[&compressed] > 0 && sizes[&compressed] * 2 < sizes[&plain],
        "lz4 batches must take less than half the bytes of uncompressed ones: {sizes:?}"
    );
}

/// A forward the output topic refuses (each record is larger than its max.message.bytes,
/// also lz4-compressed: the blob is random hex) is dead-lettered as `produce_failed` with the consumed message's key, value, headers and
/// coordinates, although the member kept no copy of the message (it forwards from
/// librdkafka's buffer and rebuilds the message from the failed record); and its offset is
/// committed only then, so a second run of the group finds nothing left.
#[test]
fn a_forward_the_output_topic_refuses_is_dead_lettered_with_the_original_record() {
    let input = unique("fwdfail");
    let output = format!("{input}.out");
    let dlq = format!("{input}.dlq");
    crate::harness::create_topic(&input, 3, 3);
    crate::harness::create_topic(&dlq, 3, 3);
    kmsg_on_cluster()
        .args(["topics", "create", &output, "-p", "3", "-r", "3"])
        .args(["--config", "max.message.bytes=1024"])
        .assert()
        .success();
    let ids: Vec<String> = (0..4).map(|i| format!("big-{i}")).collect();
    let lines: String = ids
        .iter()
        .map(|id| {
            let blob: String = (0..100)
                .map(|_| uuid::Uuid::new_v4().simple().to_string())
                .collect();
            let value = format!("{{\"id\":\"{id}\",\"blob\":\"{blob}\"}}");
            let env = serde_json::json!({
                "key": id,
                "value": value,
                "headers": [{"key": "origin", "value": "test"}],
            });
            format!("{env}\n")
        })
        .collect();
    produce_envelopes(&input, lines);

    let group = unique("g");
    let run = || {
        Kmsg::consume(&group, &input, &output)
            .flag("--idle-timeout", "4s")
            .json()
            .timeout(Duration::from_secs(60))
            .expect_code(0)
    };
    let s = summary(&run());
    assert_eq!(s["consumed"], 4, "{s}");
    assert_eq!(s["forwarded"], 0, "{s}");
    assert_eq!(s["dead_lettered"]["produce_failed"], 4, "{s}");
    assert_eq!(s["errors"]["produce"], 4, "{s}");
    assert!(kcat_read(&output).is_empty());

    let originals: HashMap<String, _> = kcat_read(&input)
        .into_iter()
        .map(|r| (r.key.clone().unwrap(), r))
        .collect();
    let dead = kcat_read(&dlq);
    assert_eq!(dead.len(), 4, "{dead:?}");
    let mut seen = HashSet::new();
    for r in &dead {
        let key = r.key.clone().expect("the key is kept");
        assert!(seen.insert(key.clone()), "{key} dead-lettered twice");
        assert_keeps_the_original(r, &originals[&key], &input);
        assert_eq!(r.header("kmsg.dlq.error.class"), Some("produce_failed"));
        assert_eq!(r.header("kmsg.dlq.stage"), Some("produce"));
        let message = r.header("kmsg.dlq.error.message").unwrap_or_default();
        assert!(message.contains(&output), "{message}");
    }
    assert_eq!(seen, ids.iter().cloned().collect::<HashSet<_>>());

    // Committed once durable in the DLQ: nothing is left for the group.
    let again = summary(&run());
    assert_eq!(again["consumed"], 0, "{again}");
}

#[test]
fn fail_first_counts_retries_then_succeeds_and_metrics_agree() {
    let (input, output, dlq) = pipeline_topics("retry");
    produce_logins(&input, 20, "0", "3");
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let group = unique("g");
    let child = Kmsg::consume(&group, &input, &output)
        .flag("--fail-first", 2)
        .flag("--max-retries", 3)
        .flag("--retry-backoff", "10ms")
        .flag("--metrics-addr", addr)
        .json()
        .spawn();
    eventually(Duration::from_secs(60), "20 forwarded", || {
        kcat_has_at_least(&output, 20)
    });
    let body = http_get(port, "/metrics").unwrap().1;
    let series = |s: &str| metric(&body, s).unwrap_or_else(|| panic!("{s} missing:\n{body}"));
    assert_eq!(
        series(&format!(
            "kafka_consumer_message_retries_total{{topic=\"{input}\"}}"
        )),
        40.0
    );
    assert_eq!(
        series(&format!(
            "kafka_consumer_messages_processed_total{{status=\"success\",topic=\"{input}\"}}"
        )),
        20.0
    );
    assert_eq!(
        series(&format!(
            "kafka_consumer_processing_errors_total{{error_type=\"transient\",topic=\"{input}\"}}"
        )),
        40.0
    );
    assert!(body.contains("kafka_consumer_processing_seconds_bucket"));
    // Lag comes from librdkafka's statistics (every 3 s): all caught up, per partition.
    eventually(
        Duration::from_secs(20),
        "lag of 0 on all six partitions",
        || {
            let body = http_get(port, "/metrics").map(|r| r.1).unwrap_or_default();
            (0..6).all(|p| {
                metric(
                    &body,
                    &format!("kafka_consumer_lag{{partition=\"{p}\",topic=\"{input}\"}}"),
                ) == Some(0.0)
            })
        },
    );
    signal(child.id(), libc::SIGTERM);
    let out = wait_bounded(child, Duration::from_secs(60));
    assert!(out.status.success());
    let s = summary(&out);
    assert_eq!(s["retries"], 40);
    assert_eq!(s["forwarded"], 20);
    assert_eq!(s["dead_lettered_total"], 0);
    assert!(kcat_read(&dlq).is_empty());
}

/// Now, in ms since the epoch (the clock of record timestamps).
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[test]
fn lag_in_seconds_is_the_age_of_the_oldest_unfinished_record_and_zero_once_caught_up() {
    let (input, output, dlq) = crate::harness::pipeline_topics("lagsec", 1);
    let group = unique("g");
    let before = now_ms();
    produce_logins(&input, 5, "0", "6");
    let after = now_ms();
    // A member whose downstream always fails: its first message opens the breaker and is
    // held, unfinished, so the partition's next record is that first message.
    let port = free_port();
    let stalled = Kmsg::consume(&group, &input, &output)
        .flag("--dlq-topic", &dlq)
        .flag("--fail-rate", 1)
        .flag("--breaker-threshold", 1)
        .flag("--breaker-timeout", "10m")
        .flag("--metrics-addr", format!("127.0.0.1:{port}"))
        .json()
        .spawn();
    let seconds = format!("kafka_consumer_lag_seconds{{partition=\"0\",topic=\"{input}\"}}");
    let lag = format!("kafka_consumer_lag{{partition=\"0\",topic=\"{input}\"}}");
    let scrape = |port: u16| http_get(port, "/metrics").map(|r| r.1).unwrap_or_default();
    // Updated every 3 s from the statistics, every 5 s from the broker while paused.
    eventually(Duration::from_secs(60), "a lag in time of 8 s", || {
        metric(&scrape(port), &seconds).is_some_and(|v| v >= 8.0)
    });
    let asked = now_ms();
    let body = scrape(port);
    let answered = now_ms();
    let value = metric(&body, &seconds).expect("the lag in time");
    // The records were written between `before` and `after`; the value was computed at
    // most one refresh (5 s) plus one statistics interval (3 s) before it was scraped.
    let most = (answered - before) as f64 / 1000.0;
    let least = (asked - after) as f64 / 1000.0 - 8.0;
    assert!(
        value <= most && value >= least,
        "lag in time {value} s, want {least}..{most}:\n{body}"
    );
    assert_eq!(metric(&body, &lag), Some(5.0), "{body}");
    signal(stalled.id(), libc::SIGTERM);
    let out = wait_bounded(stalled, Duration::from_secs(60));
    assert!(out.status.success(), "{out:?}");

    // A healthy member of the same group finishes them: 0 messages, 0 seconds.
    let port = free_port();
    let healthy = Kmsg::consume(&group, &input, &output)
        .flag("--dlq-topic", &dlq)
        .flag("--metrics-addr", format!("127.0.0.1:{port}"))
        .json()
        .spawn();
    eventually(Duration::from_secs(60), "caught up: 0 s", || {
        let body = scrape(port);
        metric(&body, &lag) == Some(0.0) && metric(&body, &seconds) == Some(0.0)
    });
    assert!(kcat_has_at_least(&output, 5));
    signal(healthy.id(), libc::SIGTERM);
    assert!(wait_bounded(healthy, Duration::from_secs(60))
        .status
        .success());
}

#[test]
fn a_caught_up_reader_of_a_transactional_topic_has_no_lag_despite_the_commit_marker() {
    let (input, output, dlq) = crate::harness::pipeline_topics("lagtxn", 1);
    produce_logins(&input, 5, "0", "7");
    // Written to `output` in one transaction: 5 records, then the commit marker at offset 5.
    let s = Kmsg::consume(&unique("g"), &input, &output)
        .flag("--dlq-topic", &dlq)
        .arg("--exactly-once")
        .flag("--instance-id", "lagtxn")
        .flag("--idle-timeout", "5s")
        .expect_json(0);
    assert_eq!(s.last().expect("a summary")["forwarded"], 5);
    // A reader of `output` finishes the 5 records; librdkafka skips the marker, so the
    // reader is caught up: lag 0 and 0 s (not 1 message, and seconds growing, for ever).
    let port = free_port();
    let reader = Kmsg::new(["consume"])
        .on_cluster()
        .flag("-g", unique("g"))
        .flag("-t", &output)
        .flag("--dlq-topic", &dlq)
        .flag("--metrics-addr", format!("127.0.0.1:{port}"))
        .json()
        .spawn();
    let series = |name: &str| format!("{name}{{partition=\"0\",topic=\"{output}\"}}");
    let mut body = String::new();
    eventually(Duration::from_secs(60), "5 consumed and no lag", || {
        body = http_get(port, "/metrics").map(|r| r.1).unwrap_or_default();
        metric(&body, &series("kafka_consumer_messages_consumed_total")) == Some(5.0)
            && metric(&body, &series("kafka_consumer_lag")) == Some(0.0)
            && metric(&body, &series("kafka_consumer_lag_seconds")) == Some(0.0)
    });
    signal(reader.id(), libc::SIGTERM);
    assert!(wait_bounded(reader, Duration::from_secs(60))
        .status
        .success());
}

#[test]
fn a_permanent_failure_is_dead_lettered_as_retries_exhausted_after_exactly_max_retries() {
    let (input, output, dlq) = pipeline_topics("exhaust");
    produce_logins(&input, 10, "0", "4");
    let out = Kmsg::consume(&unique("g"), &input, &output)
        .flag("--fail-first", 1000)
        .flag("--max-retries", 2)
        .flag("--retry-backoff", "5ms")
        // A breaker that cannot open, so every message runs out of retries on its own.
        .flag("--breaker-threshold", 1000)
        .flag("--idle-timeout", "4s")
        .json()
        .expect_code(0);
    let s = summary(&out);
    assert_eq!(s["retries"], 20, "2 retries for each of 10 messages: {s}");
    assert_eq!(s["dead_lettered"]["retries_exhausted"], 10);
    assert!(kcat_read(&output).is_empty());
    let dead = kcat_read(&dlq);
    assert_eq!(dead.len(), 10);
    for r in &dead {
        assert_eq!(r.header("kmsg.dlq.error.class"), Some("retries_exhausted"));
        assert_eq!(r.header("kmsg.dlq.attempts"), Some("3"));
        assert_eq!(r.header("kmsg.dlq.stage"), Some("process"));
    }
}

/// Every produced key is in the output or the DLQ; returns the number of duplicates.
fn account_for_every_id(input: &str, output: &str, dlq: &str) -> usize {
    accounting(input, output, dlq)
        .1
        .iter()
        .map(|(_, n)| n - 1)
        .sum()
}

/// Reads input, output and DLQ with kcat and asserts no produced key is missing from the
/// output and DLQ together; returns how many keys were produced and the duplicated ones.
fn accounting(input: &str, output: &str, dlq: &str) -> (usize, Vec<(String, usize)>) {
    let produced: HashSet<String> = kcat_read(input).into_iter().filter_map(|r| r.key).collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for r in kcat_read(output).into_iter().chain(kcat_read(dlq)) {
        *seen.entry(r.key.unwrap()).or_default() += 1;
    }
    let missing: Vec<_> = produced
        .iter()
        .filter(|k| !seen.contains_key(*k))
        .take(5)
        .collect();
    assert!(missing.is_empty(), "lost messages, e.g. {missing:?}");
    let duplicates = seen.into_iter().filter(|(_, n)| *n > 1).collect();
    (produced.len(), duplicates)
}

/// Two members and a paced producer (8 s at 400 msgs/s, 5% bad); once the members have
/// forwarded a second's worth, the first member is killed with SIGKILL and started again with
/// the same instance id. Returns the outputs of the member that survived and of the
/// restarted one.
fn crash_and_restart(input: &str, output: &str, extra: &[&str]) -> Vec<std::process::Output> {
    let group = unique("g");
    let member = |id: &str| {
        Kmsg::consume(&group, input, output)
            .flag("--schema", schema())
            .flag("--instance-id", id)
            .flag("-X", "session.timeout.ms=6000")
            .flag("--idle-timeout", "10s")
            .json()
            .args(extra)
            .spawn()
    };
    let producer = Kmsg::new(["produce"])
        .on_cluster()
        .flag("-t", input)
        .flag("--generate", "login")
        .flag("--rate", 400)
        .flag("--duration", "8s")
        .flag("--invalid-ratio", "0.05")
        .arg("-q")
        .json()
        .spawn();
    let a = member("m1");
    let b = member("m2");
    eventually(Duration::from_secs(60), "400 forwarded", || {
        kcat_has_at_least(output, 400)
    });
    signal(a.id(), libc::SIGKILL);
    let _ = wait_bounded(a, Duration::from_secs(10));
    let a2 = member("m1");
    assert!(wait_bounded(producer, Duration::from_secs(60))
        .status
        .success());
    [b, a2]
        .into_iter()
        .map(|child| {
            let out = wait_bounded(child, Duration::from_secs(120));
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            out
        })
        .collect()
}

#[test]
fn kill_9_of_a_member_mid_stream_and_a_restart_lose_nothing() {
    let (input, output, dlq) = pipeline_topics("crash");
    crash_and_restart(&input, &output, &[]);
    let duplicates = account_for_every_id(&input, &output, &dlq);
    eprintln!("kill -9 and restart (at-least-once): {duplicates} duplicate(s), no loss");
}

#[test]
fn a_member_joining_while_another_works_through_a_backlog_loses_nothing() {
    // A backlog is read in bursts of up to 512, validated on a second thread while the
    // previous burst is forwarded; the second member's join revokes partitions of the first
    // while bursts of theirs are polled and not yet forwarded. The members heartbeat every
    // 500 ms (librdkafka's 3 s let the first read most of the backlog before it rejoined,
    // and once all of it).
    let (input, output, dlq) = pipeline_topics("join");
    produce_logins(&input, 200_000, "0.05", "31");
    let group = unique("g");
    let (port_a, port_b) = (free_port(), free_port());
    let member = |id: &str, port: u16| {
        let addr = format!("127.0.0.1:{port}");
        let extra = [
            "--schema",
            schema(),
            "--instance-id",
            id,
            "--metrics-addr",
            &addr,
            "-X",
            "heartbeat.interval.ms=500",
        ];
        spawn_member(&group, (&input, &output, &dlq), &extra)
    };
    let consumed = |port: u16| {
        http_get(port, "/metrics")
            .and_then(|(_, body)| {
                metric(
                    &body,
                    &format!("kafka_consumer_messages_processed_total{{status=\"success\",topic=\"{input}\"}}"),
                )
            })
            .unwrap_or(0.0)
    };
    let a = member("member-a", port_a);
    eventually(Duration::from_secs(120), "member a forwarding", || {
        consumed(port_a) >= 10_000.0
    });
    let b = member("member-b", port_b);
    let a_out = wait_bounded(a, Duration::from_secs(300));
    let b_out = wait_bounded(b, Duration::from_secs(300));
    for out in [&a_out, &b_out] {
        assert_stopped_idle(out);
    }
    let (a_sum, b_sum) = (summary(&a_out), summary(&b_out));
    for s in [&a_sum, &b_sum] {
        assert_every_message_accounted_for(s);
    }
    assert!(
        String::from_utf8_lossy(&a_out.stderr).contains("kind=\"revoke\""),
        "member a was never revoked: {}",
        String::from_utf8_lossy(&a_out.stderr)
    );
    assert!(
        b_sum["consumed"].as_u64().unwrap() > 0,
        "member b joined after the backlog was done, so nothing was revoked mid-stream: a {a_sum}, b {b_sum}"
    );
    let duplicates = account_for_every_id(&input, &output, &dlq);
    eprintln!(
        "join mid-backlog: a consumed {}, b consumed {}, {duplicates} duplicate(s), no loss",
        a_sum["consumed"], b_sum["consumed"]
    );
    // Everything was committed: the group has nothing left to read.
    let again = Kmsg::consume(&group, &input, &output)
        .flag("--dlq-topic", &dlq)
        .flag("--idle-timeout", "3s")
        .json()
        .expect_code(0);
    assert_eq!(summary(&again)["consumed"], 0);
}

/// Two members of a new group read `count` logins of which every one fails once and waits
/// `backoff` (one at a time, in partition order); the second joins once the first has
/// forwarded `head_start`, so the join's eager rebalance revokes the first's partitions
/// while it waits. Both stop by their idle timeout with every consumed message accounted
/// for and every id read back from the output; returns their summaries.
fn join_during_backoffs(
    prefix: &str,
    count: u32,
    backoff: &str,
    head_start: usize,
) -> (serde_json::Value, serde_json::Value) {
    let (input, output, dlq) = pipeline_topics(prefix);
    produce_logins(&input, count, "0", "41");
    let group = unique("g");
    let member = |id: &str| {
        let extra = [
            "--instance-id",
            id,
            "--fail-first",
            "1",
            "--retry-backoff",
            backoff,
            "--retry-backoff-max",
            backoff,
            "--breaker-threshold",
            "1000",
        ];
        spawn_member(&group, (&input, &output, &dlq), &extra)
    };
    let a = member("member-a");
    eventually(Duration::from_secs(60), "member a forwarding", || {
        kcat_has_at_least(&output, head_start)
    });
    let b = member("member-b");
    let a_out = wait_bounded(a, Duration::from_secs(150));
    let b_out = wait_bounded(b, Duration::from_secs(150));
    for out in [&a_out, &b_out] {
        assert_stopped_idle(out);
        assert_every_message_accounted_for(&summary(out));
    }
    let (a_sum, b_sum) = (summary(&a_out), summary(&b_out));
    let duplicates = account_for_every_id(&input, &output, &dlq);
    let forwarded = a_sum["forwarded"].as_u64().unwrap() + b_sum["forwarded"].as_u64().unwrap();
    assert!(
        forwarded >= u64::from(count),
        "forwarded {forwarded}: a {a_sum}, b {b_sum}"
    );
    eprintln!("{prefix}: a {a_sum}, b {b_sum}, {duplicates} duplicate(s), no loss");
    (a_sum, b_sum)
}

#[test]
fn a_message_given_up_in_a_retry_backoff_on_a_revoke_is_counted_and_reread_by_its_new_owner() {
    // The message the first member was retrying when the second joined is given up
    // uncommitted and read again by whoever owns its partition next.
    let (a_sum, _) = join_during_backoffs("backoffrevoke", 24, "1s", 3);
    assert!(
        a_sum["dropped_on_revoke"].as_u64().unwrap() >= 1,
        "member a gave up no message in a backoff: {a_sum}"
    );
}

#[test]
fn messages_fetched_after_a_partition_comes_back_during_a_backoff_are_not_lost() {
    // With 2 s backoffs the first member is nearly always waiting when the second joins:
    // the eager rebalance revokes all its partitions and gives half of them back within
    // that wait, and it fetches their messages again from the committed offsets while it
    // still waits. Those are new work, not stale buffered work of the revoked assignment:
    // dropping them would move the fetch position past messages nobody handles, and the
    // next commit would skip them (5 of 36 ids were lost that way).
    join_during_backoffs("backinbackoff", 36, "2s", 1);
}

#[test]
fn a_rebalance_restarts_the_idle_clock_of_a_member_given_partitions() {
    // The first member idles on an empty topic with an 8 s idle timeout; 3 s after its first
    // assignment a second member joins and the first is given partitions anew. Had its idle
    // clock kept counting from its start, it would stop about 5 s after that assignment,
    // before a message left uncommitted by a member that left could reach it; it stops 8 s
    // after its last assignment. The second member's readiness (/readyz: joined with an
    // assignment) tells when that rebalance was done, whatever the join took on a busy
    // machine.
    let (input, output, dlq) = pipeline_topics("idleassign");
    let group = unique("g");
    let idle = Duration::from_secs(8);
    let member = |id: &str, port: u16| {
        let addr = format!("127.0.0.1:{port}");
        Kmsg::consume(&group, &input, &output)
            .flag("--dlq-topic", &dlq)
            .flag("--idle-timeout", "8s")
            .json()
            .flag("--instance-id", id)
            .flag("--metrics-addr", addr)
            .spawn()
    };
    let ready = |port: u16| http_get(port, "/readyz").map(|r| r.0) == Some(200);
    let (port_a, port_b) = (free_port(), free_port());
    let started = Instant::now();
    let a = member("member-a", port_a);
    eventually(Duration::from_secs(60), "member a assigned", || {
        ready(port_a)
    });
    // Not a wait for a condition: the 3 s between member a's assignment and member b's join
    // are the case under test (its idle clock must restart at the rebalance, not run on).
    std::thread::sleep(Duration::from_secs(3));
    let b = member("member-b", port_b);
    eventually(Duration::from_secs(60), "member b assigned", || {
        ready(port_b)
    });
    let b_assigned = started.elapsed();
    let a_out = wait_bounded(a, Duration::from_secs(60));
    let a_ran = started.elapsed();
    let b_out = wait_bounded(b, Duration::from_secs(60));
    for out in [&a_out, &b_out] {
        assert_stopped_idle(out);
    }
    // Member a's new assignment came with member b's, seen at most one poll of /readyz
    // (300 ms) after it: 1 s of slack.
    assert!(
        a_ran + Duration::from_secs(1) >= b_assigned + idle,
        "member a stopped {a_ran:?} after its start, less than {idle:?} after the rebalance that member b's join made (done by {b_assigned:?})"
    );
}

#[test]
fn a_dlq_deleted_mid_run_stops_the_member_uncommitted_and_a_restart_loses_nothing() {
    let (input, output, dlq) = pipeline_topics("dlqgone");
    produce_logins(&input, 200, "0", "8");
    // Poison arrives only after the DLQ is gone.
    let group = unique("g");
    let child = Kmsg::consume(&group, &input, &output)
        .flag("--schema", schema())
        .flag("-X", "message.timeout.ms=1500")
        .json()
        .spawn();
    eventually(Duration::from_secs(60), "200 forwarded", || {
        kcat_has_at_least(&output, 200)
    });
    kmsg_on_cluster()
        .args(["topics", "delete", &dlq, "--yes"])
        .assert()
        .success();
    eventually(
        Duration::from_secs(60),
        "the DLQ gone from the topic list",
        || !topic_listed(&dlq),
    );
    produce_logins(&input, 200, "0.1", "9");
    let out = wait_bounded(child, Duration::from_secs(120));
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("cannot write to the DLQ topic {dlq}")),
        "{stderr}"
    );
    assert!(
        stderr.contains("stopping without committing past"),
        "{stderr}"
    );

    // Put the DLQ back and restart: everything must be accounted for.
    kmsg_on_cluster()
        .args(["topics", "create", &dlq])
        .assert()
        .success();
    Kmsg::consume(&group, &input, &output)
        .flag("--schema", schema())
        .flag("--idle-timeout", "5s")
        .expect_code(0);
    let dead = kcat_read(&dlq);
    assert!(
        dead.len() >= 20,
        "the 20 poison messages must reach the new DLQ: {}",
        dead.len()
    );
    account_for_every_id(&input, &output, &dlq);
}

#[test]
fn start_up_refuses_missing_topics_and_bad_settings() {
    let (input, _output, _dlq) = pipeline_topics("refuse");
    let missing = unique("nope");
    kmsg_on_cluster()
        .args(["consume", "-g", "g", "-t", &input, "--dlq-topic", &missing])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "topic {missing} does not exist"
        )));
    kmsg_on_cluster()
        .args([
            "consume",
            "-g",
            "g",
            "-t",
            &input,
            "--output-topic",
            &missing,
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "topic {missing} does not exist"
        )));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("s.json");
    std::fs::write(&bad, "{\"type\":").unwrap();
    for (args, needle) in [
        (vec!["--schema", bad.to_str().unwrap()], "is not valid JSON"),
        (vec!["--fail-rate", "2"], "--fail-rate 2 is invalid"),
        (
            vec!["--max-retries", "100", "--retry-backoff-max", "10s"],
            "longer than max.poll.interval.ms",
        ),
        (
            vec!["--output-topic", "posts"],
            "must differ from the input topic",
        ),
    ] {
        kmsg()
            .args([
                "--bootstrap",
                "127.0.0.1:1",
                "consume",
                "-g",
                "g",
                "-t",
                "posts",
            ])
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(needle));
    }
}

/// Every key of the input, read with read_committed, appears exactly once across output and
/// DLQ; returns the number of keys (panics listing losses and duplicates otherwise).
fn every_id_exactly_once(input: &str, output: &str, dlq: &str) -> usize {
    let (produced, duplicates) = accounting(input, output, dlq);
    assert!(
        duplicates.is_empty(),
        "duplicates under --exactly-once, e.g. {duplicates:?}"
    );
    produced
}

#[test]
fn exactly_once_survives_kill_9_mid_transaction_with_no_loss_and_no_duplicate() {
    let (input, output, dlq) = pipeline_topics("eos");
    let outs = crash_and_restart(
        &input,
        &output,
        &["--exactly-once", "--txn-max-interval", "1s"],
    );
    let committed: u64 = outs
        .iter()
        .map(|o| summary(o)["transactions"]["committed"].as_u64().unwrap())
        .sum();
    assert!(committed > 0);
    let n = every_id_exactly_once(&input, &output, &dlq);
    assert!(n > 2000, "only {n} messages were produced");
    eprintln!("exactly-once, kill -9 and restart: {n} ids, 0 duplicates, 0 lost");
}

#[test]
fn incremental_rebalance_settings_are_refused_naming_them() {
    for (setting, needle) in [
        (
            "partition.assignment.strategy=cooperative-sticky",
            "cannot honour -X partition.assignment.strategy=cooperative-sticky: use range or roundrobin",
        ),
        (
            "group.protocol=consumer",
            "cannot honour -X group.protocol=consumer (incremental): use classic",
        ),
    ] {
        let out = kmsg()
            .args(["--bootstrap", "127.0.0.1:1", "consume", "-g", "g", "-X", setting])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(needle))
            .get_output()
            .clone();
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).trim().lines().count(),
            1,
            "one line: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn exactly_once_refuses_settings_it_cannot_honour() {
    for (args, needle) in [
        (vec!["--exactly-once"], "needs a stable --instance-id"),
        (
            vec![
                "--exactly-once",
                "--instance-id",
                "a",
                "-X",
                "isolation.level=read_uncommitted",
            ],
            "cannot honour -X isolation.level",
        ),
        (
            vec![
                "--exactly-once",
                "--instance-id",
                "a",
                "-X",
                "transactional.id=x",
            ],
            "do not set it with -X",
        ),
        (
            vec![
                "--exactly-once",
                "--instance-id",
                "a",
                "--max-retries",
                "10",
                "--retry-backoff-max",
                "20s",
            ],
            "longer than transaction.timeout.ms",
        ),
    ] {
        kmsg()
            .args([
                "--bootstrap",
                "127.0.0.1:1",
                "consume",
                "-g",
                "g",
                "-t",
                "posts",
            ])
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(needle));
    }
}

#[test]
fn a_consume_without_a_topic_says_on_stderr_and_in_its_summary_that_it_took_the_default() {
    // Before connecting: the note names the default input topic and the DLQ it writes to.
    kmsg()
        .args(["--bootstrap", "127.0.0.1:1", "--timeout", "2s"])
        .args(["consume", "-g", &unique("g")])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no --topic (or INPUT_TOPIC) given: consuming the default topic posts and dead-lettering to posts.dlq",
        ));
    // A real run on the default topic: the JSON summary says the topic was the default one.
    kmsg_on_cluster()
        .args(["topics", "create", "posts", "-p", "6", "-r", "3"])
        .assert()
        .success();
    kmsg_on_cluster()
        .args(["topics", "create", "posts.dlq", "-p", "6", "-r", "3"])
        .assert()
        .success();
    let out = kmsg_on_cluster()
        .args(["consume", "-g", &unique("g"), "--offset-reset", "latest"])
        .args(["--idle-timeout", "2s", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let s = summary(&out);
    assert_eq!(s["topic"], "posts", "{s}");
    assert_eq!(s["topic_is_default"], true, "{s}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("consuming the default topic posts"));
    // Named by INPUT_TOPIC (as compose files do), no note and not the default.
    let (input, _output, _dlq) = pipeline_topics("named");
    let out = kmsg_on_cluster()
        .env("INPUT_TOPIC", &input)
        .args([
            "consume",
            "-g",
            &unique("g"),
            "--idle-timeout",
            "2s",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let s = summary(&out);
    assert_eq!(s["topic"], input.as_str(), "{s}");
    assert_eq!(s["topic_is_default"], false, "{s}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("default topic"));
}

#[test]
fn the_summary_throughput_counts_the_time_the_messages_took_not_the_idle_wait() {
    let (input, output, _dlq) = pipeline_topics("rate");
    produce_logins(&input, 2000, "0", "3");
    let out = Kmsg::consume(&unique("g"), &input, &output)
        .flag("--idle-timeout", "6s")
        .json()
        .run();
    assert!(out.status.success(), "{out:?}");
    let s = summary(&out);
    let consumed = s["consumed"].as_f64().unwrap();
    let duration = s["duration_secs"].as_f64().unwrap();
    let active = s["active_secs"].as_f64().unwrap();
    let rate = s["msgs_per_sec"].as_f64().unwrap();
    assert_eq!(consumed, 2000.0, "{s}");
    // The run idled 6 s after its last message (plus the group join before the first):
    // none of that is in the active span or the rate.
    assert!(active + 6.0 <= duration, "{s}");
    assert!(rate > 2.0 * consumed / duration, "{s}");
    // The rate is the messages over the active span (one gap more, see `Activity::rate`).
    let expected = consumed / (active * consumed / (consumed - 1.0));
    assert!((rate - expected).abs() / expected < 0.01, "{s}");
}
