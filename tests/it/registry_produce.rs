//! `kmsg produce --value-schema`: JSON lines, generated logins and envelopes encoded into the
//! Confluent wire format with a subject's schema (Avro, Protobuf, JSON Schema) in the shared
//! registry, read back by the independent Python client (Confluent's deserializers) and
//! checked byte for byte with kcat; bad lines, a missing or unreachable registry and unknown
//! subjects refused before (or exactly where) they should be.

use std::time::Duration;

use predicates::prelude::*;
use serde_json::{json, Value};

use crate::harness::{
    create_topic, json_lines, kcat_read, kcat_values, kmsg_on_cluster, registry_get, registry_url,
    repo_file, sr_read, sr_write, unique,
};

/// Registers `schema` (a file of the repository) under `subject` with an HTTP POST to the
/// registry's Confluent API; returns the id it gives.
fn register(subject: &str, schema_type: &str, schema: &str) -> u32 {
    let text = std::fs::read_to_string(repo_file(schema)).expect("the schema file");
    let body = json!({"schemaType": schema_type, "schema": text}).to_string();
    let url = format!("{}/subjects/{subject}/versions", registry_url());
    let (status, answer) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(async {
            let response = reqwest::Client::builder()
                .no_proxy()
                .timeout(Duration::from_secs(10))
                .build()?
                .post(&url)
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .body(body)
                .send()
                .await?;
            let status = response.status().as_u16();
            Ok::<_, reqwest::Error>((status, response.text().await?))
        })
        .unwrap_or_else(|e| panic!("POST {url}: {e}"));
    assert_eq!(status, 200, "POST {url}: {answer}");
    let answer: Value = serde_json::from_str(&answer).expect("the registry's JSON answer");
    let id = answer["id"].as_u64().expect("the registered schema's id");
    // The id the subject's latest version has (what an encoder must frame with).
    let (status, latest) = registry_get(&format!("/subjects/{subject}/versions/latest"));
    assert_eq!(status, 200, "{subject}: {latest}");
    assert_eq!(latest["id"].as_u64(), Some(id), "{latest}");
    u32::try_from(id).expect("a 32-bit schema id")
}

/// `count` login events as the schemas in schemas/ describe them, each different.
fn logins(count: usize) -> Vec<Value> {
    (0..count)
        .map(|i| {
            let device = ["android", "iOS"][i % 2];
            let locale = ["CO", "AR", "RU", "DE"][i % 4];
            json!({"user_id": format!("user-{i:04}"), "app_version": format!("2.{}.0", i % 5),
                   "device_type": device, "ip": format!("10.0.{}.{}", i / 200, i % 200 + 1),
                   "locale": locale, "device_id": format!("dev-{i}"),
                   "timestamp": 1_741_724_761_i64 + i as i64 * 61})
        })
        .collect()
}

fn lines(events: &[Value]) -> String {
    events.iter().map(|e| format!("{e}\n")).collect()
}

/// The run summary `-o json` prints last.
fn summary(stdout: &[u8]) -> Value {
    json_lines(stdout).pop().expect("a JSON summary on stdout")
}

/// Every raw value starts with the magic byte and `id`.
#[track_caller]
fn assert_framed_with(topic: &str, id: u32, count: usize) {
    let values = kcat_values(topic);
    assert_eq!(values.len(), count, "values in {topic}");
    for v in &values {
        assert!(v.len() > 5, "a value shorter than the header: {v:?}");
        assert_eq!(v[0], 0, "the magic byte");
        assert_eq!(&v[1..5], &id.to_be_bytes(), "the schema id in the header");
    }
}

/// JSON lines encoded with `schema` (registered as `schema_type` under `<topic>-value`)
/// decode in Python to exactly the input.
fn json_lines_round_trip(prefix: &str, format: &str, schema_type: &str, schema: &str) {
    let topic = unique(prefix);
    create_topic(&topic, 1, 3);
    let subject = format!("{topic}-value");
    let id = register(&subject, schema_type, schema);
    let events = logins(20);
    let out = kmsg_on_cluster()
        .args(["--schema-registry", &registry_url()])
        .args([
            "produce",
            "-t",
            &topic,
            "--value-schema",
            &subject,
            "-o",
            "json",
        ])
        .write_stdin(lines(&events))
        .assert()
        .success();
    let s = summary(&out.get_output().stdout);
    assert_eq!(s["sent"], 20, "{s}");
    assert_eq!(s["acknowledged"], 20, "{s}");
    assert_eq!(s["value_schema"]["subject"], subject.as_str(), "{s}");
    assert_eq!(s["value_schema"]["version"], 1, "{s}");
    assert_eq!(s["value_schema"]["id"], id, "{s}");
    assert_eq!(s["value_schema"]["type"], format, "{s}");
    assert!(s.get("key_schema").is_none(), "{s}");

    let read = sr_read(
        &topic,
        format,
        &repo_file(schema),
        events.len(),
        Duration::from_secs(60),
    );
    assert_eq!(read, events, "{format}: what Python decoded");
    assert_framed_with(&topic, id, events.len());
}

#[test]
fn json_lines_encoded_with_avro_decode_in_python_to_the_input() {
    json_lines_round_trip("sr-prod-avro", "avro", "AVRO", "schemas/login.avsc");
}

#[test]
fn json_lines_encoded_with_protobuf_decode_in_python_to_the_input() {
    json_lines_round_trip(
        "sr-prod-proto",
        "protobuf",
        "PROTOBUF",
        "schemas/login.proto",
    );
    // Login is the file's first message: its index is the single byte 0 after the header.
}

#[test]
fn json_lines_encoded_with_json_schema_decode_in_python_to_the_input() {
    json_lines_round_trip("sr-prod-json", "json", "JSON", "schema.json");
}

#[test]
fn generated_logins_encode_with_the_shipped_avro_and_protobuf_schemas() {
    for (format, schema_type, schema) in [
        ("avro", "AVRO", "schemas/login.avsc"),
        ("protobuf", "PROTOBUF", "schemas/login.proto"),
    ] {
        let topic = unique(&format!("sr-prod-gen-{format}"));
        create_topic(&topic, 1, 3);
        let subject = format!("{topic}-value");
        let id = register(&subject, schema_type, schema);
        let out = kmsg_on_cluster()
            .args(["--schema-registry", &registry_url()])
            .args([
                "produce",
                "-t",
                &topic,
                "--generate",
                "login",
                "--count",
                "30",
            ])
            .args(["--value-schema", &format!("{subject}:latest"), "-o", "json"])
            .assert()
            .success();
        let s = summary(&out.get_output().stdout);
        assert_eq!(s["acknowledged"], 30, "{s}");
        assert_eq!(s["value_schema"]["id"], id, "{s}");
        let read = sr_read(
            &topic,
            format,
            &repo_file(schema),
            30,
            Duration::from_secs(60),
        );
        assert_eq!(read.len(), 30);
        for login in &read {
            let fields: Vec<&String> = login.as_object().expect("an object").keys().collect();
            assert_eq!(fields.len(), 7, "{format}: {login}");
            assert!(
                login["timestamp"].as_i64().unwrap() > 1_700_000_000,
                "{login}"
            );
            assert_eq!(login["locale"].as_str().unwrap().len(), 2, "{login}");
        }
        assert_framed_with(&topic, id, 30);
    }
}

#[test]
fn generated_bad_logins_that_do_not_fit_stop_the_run_or_are_skipped_and_the_rest_keep_their_mark() {
    let topic = unique("sr-prod-genbad");
    create_topic(&topic, 1, 3);
    let subject = format!("{topic}-value");
    register(&subject, "AVRO", "schemas/login.avsc");
    let produce = |extra: &[&str]| {
        kmsg_on_cluster()
            .args(["--schema-registry", &registry_url()])
            .args([
                "produce",
                "-t",
                &topic,
                "--generate",
                "login",
                "--count",
                "12",
            ])
            .args([
                "--invalid-ratio",
                "0.5",
                "--seed",
                "7",
                "--value-schema",
                &subject,
            ])
            .args(["-o", "json"])
            .args(extra)
            .assert()
    };
    // The bad kinds come in turn: bad_ip and bad_locale fit Avro's strings, missing_field
    // (the third) does not.
    produce(&[])
        .code(1)
        .stderr(predicate::str::contains("(bad on purpose: missing_field)"))
        .stderr(predicate::str::contains("does not fit the Avro schema"));
    let before = kcat_read(&topic).len();
    assert!(before > 0, "the messages before the bad one are sent");

    let out = produce(&["--on-invalid", "skip"]).success();
    let s = summary(&out.get_output().stdout);
    // 6 bad on purpose in 12: bad_ip, bad_locale, missing_field, timestamp_as_string,
    // malformed_json, not_utf8; the last four do not fit.
    assert_eq!(s["skipped_invalid"], 4, "{s}");
    assert_eq!(s["sent"], 8, "{s}");
    assert_eq!(
        s["generated_invalid"],
        json!({"bad_ip": 1, "bad_locale": 1}),
        "{s}"
    );
    let reasons = s["skipped_invalid_reasons"].as_object().unwrap();
    for kind in [
        "missing_field",
        "timestamp_as_string",
        "malformed_json",
        "not_utf8",
    ] {
        assert!(
            reasons.keys().any(|r| r.starts_with(&format!("{kind}: "))),
            "{kind} in {reasons:?}"
        );
    }
    let records = kcat_read(&topic);
    assert_eq!(records.len(), before + 8);
    let marked: Vec<&str> = records[before..]
        .iter()
        .filter_map(|r| r.header("kmsg.invalid"))
        .collect();
    assert_eq!(marked, ["bad_ip", "bad_locale"]);
}

#[test]
fn a_line_that_does_not_fit_stops_the_run_there_or_is_skipped_and_counted() {
    let topic = unique("sr-prod-badline");
    create_topic(&topic, 1, 3);
    let subject = format!("{topic}-value");
    let id = register(&subject, "AVRO", "schemas/login.avsc");
    let mut events = logins(5);
    events[2]["timestamp"] = json!("1741724761");
    let input = lines(&events);
    let produce = || {
        let mut cmd = kmsg_on_cluster();
        cmd.args(["--schema-registry", &registry_url()])
            .args(["produce", "-t", &topic, "--value-schema", &subject])
            .args(["-o", "json"])
            .write_stdin(input.clone());
        cmd
    };
    produce().assert().code(1).stderr(predicate::str::contains(
        "line 3: value does not fit the Avro schema: timestamp: expected a long",
    ));
    assert_framed_with(&topic, id, 2);

    let out = produce().args(["--on-invalid", "skip"]).assert().success();
    let s = summary(&out.get_output().stdout);
    assert_eq!(s["sent"], 4, "{s}");
    assert_eq!(s["skipped_invalid"], 1, "{s}");
    let reasons = s["skipped_invalid_reasons"].as_object().unwrap();
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    let (reason, n) = reasons.iter().next().unwrap();
    assert!(reason.contains("timestamp: expected a long"), "{reason}");
    assert_eq!(n, 1);
    assert_framed_with(&topic, id, 6);
}

/// stderr is one line, `kmsg: error: ...`, and it contains `needle`.
#[track_caller]
fn assert_one_line_error(out: &std::process::Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(needle), "{needle:?} in {stderr}");
}

#[test]
fn a_missing_or_unreachable_registry_or_an_unknown_subject_stops_before_sending() {
    let topic = unique("sr-prod-refused");
    create_topic(&topic, 1, 3);
    let subject = format!("{topic}-value");
    register(&subject, "AVRO", "schemas/login.avsc");
    let input = lines(&logins(3));
    let run = |registry: Option<&str>, subject: &str| {
        let mut cmd = kmsg_on_cluster();
        if let Some(url) = registry {
            cmd.args(["--schema-registry", url]);
        }
        cmd.args(["produce", "-t", &topic, "--value-schema", subject])
            .write_stdin(input.clone())
            .timeout(Duration::from_secs(60))
            .output()
            .expect("run kmsg")
    };

    let out = run(None, &subject);
    assert_eq!(out.status.code(), Some(2), "without a registry");
    assert_one_line_error(&out, "--schema-registry");

    let unknown = unique("sr-prod-nope");
    let out = run(Some(&registry_url()), &unknown);
    assert_eq!(out.status.code(), Some(2), "an unknown subject");
    assert_one_line_error(&out, &unknown);

    let out = run(Some(&registry_url()), &format!("{subject}:9"));
    assert_eq!(out.status.code(), Some(2), "an unknown version");
    assert_one_line_error(&out, &subject);

    let out = run(Some("http://127.0.0.1:1"), &subject);
    assert_eq!(out.status.code(), Some(1), "an unreachable registry");
    assert_one_line_error(&out, "http://127.0.0.1:1");

    let out = kmsg_on_cluster()
        .args(["--schema-registry", &registry_url()])
        .args(["produce", "-t", &topic, "--value-schema", &subject])
        .args(["--input", "raw"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "--input raw");
    assert_one_line_error(&out, "--input raw");

    assert!(kcat_values(&topic).is_empty(), "nothing was sent");
}

#[test]
fn registry_records_viewed_as_json_envelopes_produce_back_byte_for_byte() {
    let source = unique("sr-prod-env-src");
    let copy = unique("sr-prod-env-copy");
    create_topic(&source, 1, 3);
    create_topic(&copy, 1, 3);
    let events = logins(3);
    sr_write(
        &source,
        "avro",
        &repo_file("schemas/login.avsc"),
        None,
        &events,
    );

    let viewed = kmsg_on_cluster()
        .args(["--schema-registry", &registry_url()])
        .args(["view", "-t", &source, "-o", "json"])
        .assert()
        .success();
    let envelopes = json_lines(&viewed.get_output().stdout);
    assert_eq!(envelopes.len(), 3);
    for (env, event) in envelopes.iter().zip(&events) {
        assert_eq!(env["value_encoding"], "registry", "{env}");
        assert_eq!(&env["value"], event, "{env}");
    }

    // No --value-schema: each value is encoded again with the schema id its envelope names.
    let out = kmsg_on_cluster()
        .args(["--schema-registry", &registry_url()])
        .args([
            "produce",
            "--input",
            "json-envelope",
            "-t",
            &copy,
            "-o",
            "json",
        ])
        .write_stdin(viewed.get_output().stdout.clone())
        .assert()
        .success();
    assert_eq!(summary(&out.get_output().stdout)["acknowledged"], 3);
    let (original, copied) = (kcat_values(&source), kcat_values(&copy));
    assert_eq!(original.len(), 3);
    assert_eq!(copied, original, "the copy's raw values");
    let keys = |topic: &str| -> Vec<Option<String>> {
        kcat_read(topic).into_iter().map(|r| r.key).collect()
    };
    assert_eq!(keys(&copy), keys(&source));

    // Without a registry such an envelope is bad input, named by its line.
    kmsg_on_cluster()
        .args(["produce", "--input", "json-envelope", "-t", &copy])
        .write_stdin(viewed.get_output().stdout.clone())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "line 1: value has encoding registry",
        ));
    assert_eq!(kcat_values(&copy).len(), 3);
}
