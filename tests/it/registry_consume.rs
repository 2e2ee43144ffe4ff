//! `kmsg consume --value-format registry` against the real cluster and registry: login
//! events written by Confluent's own Python serializers (Avro and Protobuf) are decoded,
//! validated with schema.json and forwarded byte for byte; values that cannot be decoded
//! (plain JSON text, a truncated header, an unknown schema id, a truncated payload) are
//! dead-lettered as `deserialization` with their original bytes, the schema-invalid ones as
//! `schema_validation`; a registry that cannot be asked dead-letters nothing and commits
//! nothing past the held record. Every topic is read back with kcat.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{json, Value};

use crate::harness::{
    eventually, free_port, http_get, json_lines, kcat_read, kcat_values, metric, registry_get,
    registry_url, repo_file, signal, sr_write, unique, wait_bounded, Kmsg, ReadRecord,
};

/// `n` login events valid per schema.json, then the two that are valid Avro and Protobuf
/// but break schema.json (a three-letter locale, an IP that is not IPv4).
fn login_events(n: usize) -> (Vec<Value>, Vec<Value>) {
    let valid = (0..n)
        .map(|i| {
            json!({"user_id": format!("4a381a71-5a66-4288-b2f8-7935c19aa7{i:02}"),
                   "app_version": "2.3.0", "device_type": "android",
                   "ip": format!("80.222.149.{}", i + 1), "locale": "CO",
                   "device_id": "798f2ad2-d955-4152-adef-e6e54a979b63",
                   "timestamp": 1741724761 + i as i64})
        })
        .collect();
    let invalid = vec![
        json!({"user_id": "c7d2b5e3-0f4a-4b8e-9a51-2f6d3c1e8b90", "app_version": "2.4.1",
               "device_type": "iOS", "ip": "10.1.2.3", "locale": "COL",
               "device_id": "0b9e7f62-3c1d-4e5a-8f70-6a2b1c9d4e38", "timestamp": 1741724822}),
        json!({"user_id": "d1d2b5e3-0f4a-4b8e-9a51-2f6d3c1e8b91", "app_version": "2.4.1",
               "device_type": "web", "ip": "999.1.1.1", "locale": "AR",
               "device_id": "1b9e7f62-3c1d-4e5a-8f70-6a2b1c9d4e39", "timestamp": 1741724823}),
    ];
    (valid, invalid)
}

/// Input, output and DLQ topics with one partition each (so kcat's order is offset order).
fn topics(prefix: &str) -> (String, String, String) {
    crate::harness::pipeline_topics(prefix, 1)
}

/// Writes one raw record (key `key`, value `value` byte for byte) with kcat.
fn kcat_write(topic: &str, key: &str, value: &[u8]) {
    let file = std::env::temp_dir().join(unique("kmsg-raw"));
    std::fs::write(&file, value).unwrap();
    let out = std::process::Command::new("kcat")
        .args([
            "-P",
            "-b",
            &crate::harness::bootstrap(),
            "-t",
            topic,
            "-k",
            key,
        ])
        .arg(&file)
        .output()
        .expect("kcat must be installed");
    let _ = std::fs::remove_file(&file);
    assert!(
        out.status.success(),
        "kcat -P failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The id the registry gives `subject`'s latest version.
fn schema_id(subject: &str) -> u32 {
    let (status, v) = registry_get(&format!("/subjects/{subject}/versions/latest"));
    assert_eq!(status, 200, "{subject}: {v}");
    v["id"].as_u64().unwrap() as u32
}

/// The subject kmsg reports for schema id `id`: the first the registry lists for it (the
/// registry shares one id between subjects registering the same schema, e.g. Apicurio for
/// identical content under other tests' subjects).
fn subject_of(id: u32) -> String {
    let (status, v) = registry_get(&format!("/schemas/ids/{id}/versions"));
    assert_eq!(status, 200, "id {id}: {v}");
    v[0]["subject"].as_str().unwrap().to_string()
}

fn framed(id: u32, body: &[u8]) -> Vec<u8> {
    let mut out = vec![0];
    out.extend_from_slice(&id.to_be_bytes());
    out.extend_from_slice(body);
    out
}

/// The topic's records (kcat -J for coordinates, keys and headers) zipped with their
/// values byte for byte (kcat's `%S:%s`); every record must have a value.
fn records_with_bytes(topic: &str) -> Vec<(ReadRecord, Vec<u8>)> {
    let records = kcat_read(topic);
    let values = kcat_values(topic);
    assert_eq!(
        records.len(),
        values.len(),
        "{topic}: a record without a value"
    );
    records.into_iter().zip(values).collect()
}

fn summary(out: &std::process::Output) -> Value {
    assert!(
        out.status.success(),
        "kmsg consume failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out.stdout).pop().unwrap_or_else(|| {
        panic!(
            "no JSON summary; stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// A member reading `input` with `--value-format registry --schema schema.json`, stopping
/// 5 s after the last message; `extra` arguments follow.
fn member(group: &str, (input, output, dlq): (&str, &str, &str), extra: &[&str]) -> Kmsg {
    Kmsg::consume(group, input, output)
        .flag("--dlq-topic", dlq)
        .flag("--value-format", "registry")
        .flag("--schema", repo_file("schema.json").display())
        .flag("--idle-timeout", "5s")
        .json()
        .args(extra)
}

/// What a dead letter must say: its class, stage and a piece of its message.
type Expected = (&'static str, &'static str, String);

/// Every DLQ record is the input record at its original offset, value byte for byte, with
/// the expected class, stage and message; every expected offset is there exactly once.
fn assert_dead_letters(
    dlq: &str,
    input: &str,
    group: &str,
    originals: &BTreeMap<i64, (ReadRecord, Vec<u8>)>,
    expected: &BTreeMap<i64, Expected>,
) {
    let dead = records_with_bytes(dlq);
    let mut seen = BTreeMap::new();
    for (record, bytes) in &dead {
        let offset: i64 = record
            .header("kmsg.dlq.original.offset")
            .and_then(|o| o.parse().ok())
            .unwrap_or_else(|| panic!("a dead letter without its offset: {record:?}"));
        *seen.entry(offset).or_insert(0) += 1;
        let (orig, orig_bytes) = &originals[&offset];
        let (class, stage, message) = expected
            .get(&offset)
            .unwrap_or_else(|| panic!("offset {offset} should not be dead-lettered: {record:?}"));
        assert_eq!(bytes, orig_bytes, "offset {offset}: the original bytes");
        assert_eq!(record.key, orig.key, "offset {offset}: the original key");
        assert_eq!(
            record.header("kmsg.dlq.error.class"),
            Some(*class),
            "{record:?}"
        );
        assert_eq!(record.header("kmsg.dlq.stage"), Some(*stage), "{record:?}");
        assert_eq!(record.header("kmsg.dlq.original.topic"), Some(input));
        assert_eq!(record.header("kmsg.dlq.original.partition"), Some("0"));
        assert_eq!(record.header("kmsg.dlq.consumer.group"), Some(group));
        assert_eq!(record.header("kmsg.dlq.attempts"), Some("1"));
        let said = record.header("kmsg.dlq.error.message").unwrap_or_default();
        assert!(
            said.contains(message.as_str()),
            "offset {offset}: {said:?} should say {message:?}"
        );
    }
    let wanted: BTreeMap<i64, i32> = expected.keys().map(|o| (*o, 1)).collect();
    assert_eq!(seen, wanted, "each undecodable or invalid record once");
}

/// The output holds exactly the input's values at `offsets`, byte for byte, in order.
fn assert_forwarded(
    output: &str,
    originals: &BTreeMap<i64, (ReadRecord, Vec<u8>)>,
    offsets: &[i64],
) {
    let want: Vec<&Vec<u8>> = offsets.iter().map(|o| &originals[o].1).collect();
    let got = kcat_values(output);
    assert_eq!(got.len(), want.len(), "forwarded records");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g, w, "forward {i}: the wire-format bytes, unchanged");
    }
}

#[test]
fn avro_records_are_decoded_validated_and_forwarded_byte_for_byte_and_the_undecodable_dead_lettered_as_deserialization(
) {
    let (input, output, dlq) = topics("reg-avro");
    let group = unique("reg-avro-g");
    let (valid, invalid) = login_events(6);
    let events: Vec<Value> = valid.iter().chain(&invalid).cloned().collect();
    sr_write(
        &input,
        "avro",
        &repo_file("schemas/login.avsc"),
        None,
        &events,
    );
    let id = schema_id(&format!("{input}-value"));
    let subject = subject_of(id);
    let first = kcat_values(&input).remove(0);
    kcat_write(&input, "raw-json", br#"{"user_id":"plain JSON text"}"#);
    kcat_write(&input, "raw-short", &[0, 0, 0]);
    kcat_write(&input, "raw-unknown", &framed(0x7fff_ffff, &first[5..]));
    kcat_write(&input, "raw-truncated", &first[..8]);
    let originals: BTreeMap<i64, (ReadRecord, Vec<u8>)> = records_with_bytes(&input)
        .into_iter()
        .map(|(r, b)| (r.offset, (r, b)))
        .collect();
    assert_eq!(originals.len(), 12);

    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let spawned = member(&group, (&input, &output, &dlq), &["--metrics-addr", &addr])
        .env("SCHEMA_REGISTRY_URL", registry_url())
        .spawn();
    // Scraped while it runs: decodes and failures by subject.
    let series = |name: &str| {
        http_get(port, "/metrics")
            .and_then(|(_, body)| metric(&body, name))
            .unwrap_or(-1.0)
    };
    let decoded =
        format!("kafka_consumer_records_decoded_total{{subject=\"{subject}\",topic=\"{input}\"}}");
    eventually(Duration::from_secs(60), "8 decodes in /metrics", || {
        series(&decoded) == 8.0
    });
    for (s, reason) in [
        ("unknown", "wrong_magic_byte"),
        ("unknown", "truncated_header"),
        ("unknown", "unknown_schema_id"),
        (subject.as_str(), "undecodable_payload"),
    ] {
        let name = format!(
            "kafka_consumer_decode_failures_total{{reason=\"{reason}\",subject=\"{s}\",topic=\"{input}\"}}"
        );
        eventually(Duration::from_secs(30), &name, || series(&name) == 1.0);
    }
    let s = summary(&wait_bounded(spawned, Duration::from_secs(120)));

    assert_eq!(s["consumed"], 12, "{s}");
    assert_eq!(s["forwarded"], 6, "{s}");
    assert_eq!(
        s["dead_lettered"],
        json!({"deserialization": 4, "schema_validation": 2}),
        "{s}"
    );
    assert_eq!(
        s["registry"]["decoded"],
        json!({ subject.clone(): 8 }),
        "{s}"
    );
    assert_eq!(
        s["registry"]["decode_failures"],
        json!({"unknown": {"wrong_magic_byte": 1, "truncated_header": 1, "unknown_schema_id": 1},
               subject.clone(): {"undecodable_payload": 1}}),
        "{s}"
    );
    assert_eq!(s["registry"]["held_for_registry"], 0, "{s}");

    // Offsets: 0-5 valid, 6-7 schema-invalid, then the four raw records.
    let expected: BTreeMap<i64, Expected> = BTreeMap::from([
        (6, ("schema_validation", "validate", "/locale".to_string())),
        (7, ("schema_validation", "validate", "/ip".to_string())),
        (
            8,
            (
                "deserialization",
                "decode",
                "magic byte 0x7b is not the registry's 0x00".to_string(),
            ),
        ),
        (
            9,
            (
                "deserialization",
                "decode",
                "truncated header: 3 byte(s)".to_string(),
            ),
        ),
        (
            10,
            (
                "deserialization",
                "decode",
                "schema id 2147483647 not found in the schema registry".to_string(),
            ),
        ),
        (
            11,
            (
                "deserialization",
                "decode",
                format!("schema id {id} (avro, subject {subject}) does not decode the payload"),
            ),
        ),
    ]);
    assert_dead_letters(&dlq, &input, &group, &originals, &expected);
    assert_forwarded(&output, &originals, &[0, 1, 2, 3, 4, 5]);
}

#[test]
fn protobuf_records_are_decoded_and_the_http_sink_gets_their_json_while_forwards_keep_the_wire_bytes(
) {
    let (input, output, dlq) = topics("reg-proto");
    let group = unique("reg-proto-g");
    let (valid, invalid) = login_events(3);
    let events: Vec<Value> = valid.iter().chain(&invalid[1..]).cloned().collect();
    sr_write(
        &input,
        "protobuf",
        &repo_file("schemas/login.proto"),
        None,
        &events,
    );
    let id = schema_id(&format!("{input}-value"));
    let subject = subject_of(id);
    let first = kcat_values(&input).remove(0);
    kcat_write(&input, "raw-json", br#"{"user_id":"plain JSON text"}"#);
    // The header and message index of a real record, then 4 bytes of its first field.
    kcat_write(&input, "raw-truncated", &first[..10]);
    let originals: BTreeMap<i64, (ReadRecord, Vec<u8>)> = records_with_bytes(&input)
        .into_iter()
        .map(|(r, b)| (r.offset, (r, b)))
        .collect();
    assert_eq!(originals.len(), 6);

    let downstream =
        crate::harness::TestDownstream::start(|_, _, _| crate::harness::Reply::Status(200));
    let url = downstream.url();
    let out = member(&group, (&input, &output, &dlq), &["--sink-url", &url])
        .env("SCHEMA_REGISTRY_URL", registry_url())
        .run();
    let s = summary(&out);
    assert_eq!(s["consumed"], 6, "{s}");
    assert_eq!(s["forwarded"], 3, "{s}");
    assert_eq!(
        s["dead_lettered"],
        json!({"deserialization": 2, "schema_validation": 1}),
        "{s}"
    );
    assert_eq!(
        s["registry"]["decoded"],
        json!({ subject.clone(): 4 }),
        "{s}"
    );

    let expected: BTreeMap<i64, Expected> = BTreeMap::from([
        (3, ("schema_validation", "validate", "/ip".to_string())),
        (
            4,
            (
                "deserialization",
                "decode",
                "magic byte 0x7b is not the registry's 0x00".to_string(),
            ),
        ),
        (
            5,
            (
                "deserialization",
                "decode",
                format!("schema id {id} (protobuf, subject {subject}) does not decode the payload"),
            ),
        ),
    ]);
    assert_dead_letters(&dlq, &input, &group, &originals, &expected);
    assert_forwarded(&output, &originals, &[0, 1, 2]);
    // The downstream got the decoded JSON (proto3 JSON of the events), not the wire bytes.
    let mut bodies: Vec<(i64, Value)> = downstream
        .requests()
        .into_iter()
        .map(|r| (r.offset.unwrap(), serde_json::from_str(&r.body).unwrap()))
        .collect();
    bodies.sort_by_key(|(o, _)| *o);
    let offsets: Vec<i64> = bodies.iter().map(|(o, _)| *o).collect();
    assert_eq!(offsets, [0, 1, 2], "one call per valid record");
    for ((_, body), event) in bodies.iter().zip(&valid) {
        assert_eq!(body["user_id"], event["user_id"], "{body}");
        assert_eq!(body["ip"], event["ip"], "{body}");
    }
}

#[test]
fn value_format_registry_without_a_registry_is_refused_at_once_with_exit_2() {
    let out = Kmsg::new([
        "consume",
        "-g",
        "g",
        "-t",
        "some-topic",
        "--value-format",
        "registry",
    ])
    .env("BOOTSTRAP_SERVERS", "127.0.0.1:1")
    .timeout(Duration::from_secs(10))
    .expect_code(2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--value-format registry needs a schema registry"),
        "{err}"
    );
}

#[test]
fn an_unreachable_registry_holds_the_records_dead_letters_nothing_and_commits_nothing_past_them() {
    let (input, output, dlq) = topics("reg-down");
    let group = unique("reg-down-g");
    let (valid, _) = login_events(4);
    sr_write(
        &input,
        "avro",
        &repo_file("schemas/login.avsc"),
        None,
        &valid,
    );

    // Nothing listens on this port: every lookup is refused.
    let down = format!("http://127.0.0.1:{}/apis/ccompat/v7", free_port());
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let spawned = member(&group, (&input, &output, &dlq), &["--metrics-addr", &addr])
        .env("SCHEMA_REGISTRY_URL", down)
        .spawn();
    let pid = spawned.id();
    let held = format!(
        "kafka_consumer_processing_errors_total{{error_type=\"registry_unavailable\",topic=\"{input}\"}}"
    );
    eventually(Duration::from_secs(60), "two lookups held", || {
        http_get(port, "/metrics")
            .and_then(|(_, body)| metric(&body, &held))
            .is_some_and(|n| n >= 2.0)
    });
    signal(pid, libc::SIGTERM);
    let s = summary(&wait_bounded(spawned, Duration::from_secs(60)));
    assert_eq!(s["dead_lettered_total"], 0, "{s}");
    assert_eq!(s["forwarded"], 0, "{s}");
    assert!(
        s["registry"]["held_for_registry"].as_u64().unwrap() >= 2,
        "{s}"
    );
    assert!(kcat_read(&dlq).is_empty(), "nothing dead-lettered");
    assert!(kcat_read(&output).is_empty(), "nothing forwarded");

    // Nothing was committed past the held record: the group, back with the registry, reads
    // and forwards every record.
    let s = summary(
        &member(&group, (&input, &output, &dlq), &[])
            .env("SCHEMA_REGISTRY_URL", registry_url())
            .run(),
    );
    assert_eq!(s["forwarded"], 4, "{s}");
    assert_eq!(s["dead_lettered_total"], 0, "{s}");
    assert_eq!(kcat_values(&output), kcat_values(&input), "byte for byte");
}
