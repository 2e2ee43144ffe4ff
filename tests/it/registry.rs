//! `kmsg registry` against the real registry (Apicurio's Confluent API), and the reading
//! commands' decoding: records written by Confluent's own Python serializers (Avro and
//! Protobuf) appear in `kmsg view -o json`, `dlq list` and `dlq show` as the JSON they were
//! made from, with the schema's id, subject and type; records that only look framed keep
//! their bytes with the reason.

use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{json, Value};

use crate::harness::{
    create_topic, json_lines, kmsg_on_cluster, login_events, registry_get, registry_url, repo_file,
    sr_write, unique,
};

/// kmsg on the shared cluster and registry.
fn kmsg_reg() -> Command {
    let mut cmd = kmsg_on_cluster();
    cmd.env("SCHEMA_REGISTRY_URL", registry_url());
    cmd
}

fn json_of(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn registry_round_trips_a_schema_and_refuses_bad_ones_with_their_reasons() {
    let subject = unique("reg-value");
    let avsc = repo_file("schemas/login.avsc");
    let out = kmsg_reg()
        .args(["registry", "register", &subject])
        .arg(&avsc)
        .args(["-o", "json"])
        .assert()
        .success();
    let registered = json_of(out.get_output());
    assert_eq!(registered["subject"], subject.as_str());
    assert_eq!(registered["version"], 1);
    assert_eq!(registered["type"], "avro");
    let id = registered["id"].as_u64().unwrap();
    // The registry itself agrees.
    let (status, latest) = registry_get(&format!("/subjects/{subject}/versions/latest"));
    assert_eq!((status, latest["id"].as_u64()), (200, Some(id)), "{latest}");

    let out = kmsg_reg()
        .args(["registry", "subjects", "-o", "json"])
        .assert()
        .success();
    assert!(json_of(out.get_output())["subjects"]
        .as_array()
        .unwrap()
        .contains(&json!(subject)));
    let out = kmsg_reg()
        .args(["registry", "versions", &subject, "-o", "json"])
        .assert()
        .success();
    assert_eq!(json_of(out.get_output())["versions"], json!([1]));

    let file: Value = serde_json::from_str(&std::fs::read_to_string(&avsc).unwrap()).unwrap();
    for which in [
        vec![format!("{subject}:1")],
        vec!["--id".to_string(), id.to_string()],
    ] {
        let out = kmsg_reg()
            .args(["registry", "get"])
            .args(&which)
            .args(["-o", "json"])
            .assert()
            .success();
        let got = json_of(out.get_output());
        assert_eq!(got["id"].as_u64(), Some(id), "{got}");
        assert_eq!(got["type"], "avro");
        let schema: Value = serde_json::from_str(got["schema"].as_str().unwrap()).unwrap();
        assert_eq!(
            schema, file,
            "get {which:?} gives the registered schema back"
        );
    }

    // Compatibility: set, read back, and a change it forbids is refused with the reason.
    kmsg_reg()
        .args(["registry", "compatibility", &subject, "--set", "backward"])
        .assert()
        .success()
        .stdout(predicate::str::contains("BACKWARD"));
    let out = kmsg_reg()
        .args(["registry", "compatibility", &subject, "-o", "json"])
        .assert()
        .success();
    assert_eq!(json_of(out.get_output())["compatibility"], "BACKWARD");
    let dir = tempfile::tempdir().unwrap();
    let mut extended = file.clone();
    extended["fields"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "extra", "type": "string"}));
    let extended_path = dir.path().join("login2.avsc");
    std::fs::write(&extended_path, extended.to_string()).unwrap();
    let out = kmsg_reg()
        .args(["registry", "register", &subject])
        .arg(&extended_path)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("not BACKWARD-compatible")
            && err.contains("extra")
            && err.lines().count() == 1,
        "{err}"
    );
    // A new field with a default is backward compatible: version 2.
    let mut with_default = file.clone();
    with_default["fields"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "extra", "type": "string", "default": ""}));
    std::fs::write(&extended_path, with_default.to_string()).unwrap();
    let out = kmsg_reg()
        .args(["registry", "register", &subject])
        .arg(&extended_path)
        .args(["-o", "json"])
        .assert()
        .success();
    assert_eq!(json_of(out.get_output())["version"], 2);

    // Files that do not compile are refused before the registry is asked.
    let bad_proto = dir.path().join("bad.proto");
    std::fs::write(
        &bad_proto,
        "syntax = \"proto3\";\nmessage A {\n  string a = 1\n}\n",
    )
    .unwrap();
    kmsg_reg()
        .args(["registry", "register", &unique("bad")])
        .arg(&bad_proto)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not compile: line 4"));
    let bad_avsc = dir.path().join("bad.avsc");
    std::fs::write(&bad_avsc, "{\"type\": \"record\",\n").unwrap();
    kmsg_reg()
        .args(["registry", "register", &unique("bad")])
        .arg(&bad_avsc)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not valid JSON"));

    // Delete needs --yes; a version, then the subject.
    kmsg_reg()
        .args(["registry", "delete", &subject])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs --yes"));
    kmsg_reg()
        .args(["registry", "delete", &format!("{subject}:2"), "--yes"])
        .assert()
        .success();
    let out = kmsg_reg()
        .args(["registry", "versions", &subject, "-o", "json"])
        .assert()
        .success();
    assert_eq!(json_of(out.get_output())["versions"], json!([1]));
    kmsg_reg()
        .args(["registry", "delete", &subject, "--yes", "--permanent"])
        .assert()
        .success()
        .stdout(predicate::str::contains("permanently deleted"));
    kmsg_reg()
        .args(["registry", "get", &subject])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not found in the schema registry"));
}

#[test]
fn registry_without_a_registry_or_with_one_that_is_down_is_one_line() {
    kmsg_on_cluster()
        .args(["registry", "subjects"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--schema-registry"));
    let out = kmsg_on_cluster()
        .args(["--schema-registry", "http://127.0.0.1:1", "--timeout", "3s"])
        .args(["registry", "subjects"])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("schema registry at http://127.0.0.1:1 is unreachable")
            && err.lines().count() == 1,
        "{err}"
    );
}

/// `kmsg produce --input json-envelope` of raw values (base64), one record each.
fn produce_raw(topic: &str, values: &[&[u8]]) {
    use base64::Engine as _;
    let lines: String = values
        .iter()
        .map(|v| {
            json!({"value": base64::engine::general_purpose::STANDARD.encode(v), "value_encoding": "base64"})
                .to_string()
                + "\n"
        })
        .collect();
    kmsg_on_cluster()
        .args(["produce", "-t", topic, "--input", "json-envelope"])
        .write_stdin(lines)
        .assert()
        .success();
}

#[test]
fn view_shows_python_written_avro_and_protobuf_records_as_the_json_they_were_made_from() {
    let topic = unique("regview");
    create_topic(&topic, 1, 3);
    let events = login_events();
    let avro_subject = format!("{topic}-avro");
    let proto_subject = format!("{topic}-proto");
    sr_write(
        &topic,
        "avro",
        &repo_file("schemas/login.avsc"),
        Some(&avro_subject),
        &events,
    );
    sr_write(
        &topic,
        "protobuf",
        &repo_file("schemas/login.proto"),
        Some(&proto_subject),
        &events,
    );
    let id_of = |subject: &str| {
        let (status, latest) = registry_get(&format!("/subjects/{subject}/versions/latest"));
        assert_eq!(status, 200, "{latest}");
        latest["id"].as_u64().unwrap()
    };
    let (avro_id, proto_id) = (id_of(&avro_subject), id_of(&proto_subject));
    // Records that only look framed, or not at all: plain JSON, a truncated header, an id the
    // registry does not have, and a known Avro id with a cut payload.
    let mut cut = vec![0u8];
    cut.extend_from_slice(&(avro_id as u32).to_be_bytes());
    cut.extend_from_slice(&[0x48, 0x34]);
    produce_raw(
        &topic,
        &[
            b"{\"plain\": true}",
            &[0, 0, 0],
            &[0, 0x7f, 0xff, 0xff, 0xff, 1, 2],
            &cut,
        ],
    );

    let out = kmsg_reg()
        .args(["view", "-t", &topic, "-o", "json"])
        .assert()
        .success();
    let records = json_lines(&out.get_output().stdout);
    assert_eq!(records.len(), 10, "{records:?}");
    // The same schema registered under several subjects has one id: the subject shown is one
    // the registry names for that id.
    let subjects_of = |id: u64| -> Vec<Value> {
        let (status, list) = registry_get(&format!("/schemas/ids/{id}/versions"));
        assert_eq!(status, 200, "{list}");
        list.as_array()
            .unwrap()
            .iter()
            .map(|sv| sv["subject"].clone())
            .collect()
    };
    assert!(subjects_of(avro_id).contains(&json!(avro_subject)));
    assert!(subjects_of(proto_id).contains(&json!(proto_subject)));
    for (i, (r, want_type, want_id, subject)) in records[..3]
        .iter()
        .map(|r| (r, "avro", avro_id, &avro_subject))
        .chain(
            records[3..6]
                .iter()
                .map(|r| (r, "protobuf", proto_id, &proto_subject)),
        )
        .enumerate()
    {
        assert_eq!(r["value"], events[i % 3], "record {i}: {r}");
        assert_eq!(r["value_encoding"], "registry", "{r}");
        assert_eq!(r["value_schema"]["type"], want_type, "{r}");
        assert_eq!(r["value_schema"]["id"].as_u64(), Some(want_id), "{r}");
        // The topic's own subject, though other subjects may share the id.
        assert_eq!(r["value_schema"]["subject"], subject.as_str(), "{r}");
        // Keys are plain text ("1", "2", ...): shown as they are.
        assert_eq!(r["key_encoding"], "utf8", "{r}");
    }
    assert_eq!(records[3]["value_schema"]["message"], "kmsg.login.Login");
    // auto: what is not framed, or names an unknown id, is shown as bytes, quietly.
    assert_eq!(records[6]["value"], "{\"plain\": true}");
    assert_eq!(records[6]["value_encoding"], "utf8");
    for r in &records[6..9] {
        assert!(r.get("value_error").is_none(), "{r}");
    }
    assert_eq!(records[8]["value_encoding"], "base64");
    // A known id whose payload does not decode says so, and keeps the bytes.
    let cut_record = &records[9];
    assert_eq!(cut_record["value_encoding"], "utf8", "{cut_record}");
    assert!(
        cut_record["value_error"]
            .as_str()
            .unwrap()
            .contains(&format!("schema id {avro_id} (avro)")),
        "{cut_record}"
    );

    // --decode registry says why each of the last four is not a record of the registry.
    let out = kmsg_reg()
        .args(["view", "-t", &topic, "-o", "json", "--decode", "registry"])
        .assert()
        .success();
    let strict = json_lines(&out.get_output().stdout);
    let errors: Vec<&str> = strict[6..]
        .iter()
        .map(|r| r["value_error"].as_str().unwrap_or(""))
        .collect();
    assert!(errors[0].contains("magic byte 0x7b"), "{errors:?}");
    assert!(errors[1].contains("truncated header"), "{errors:?}");
    assert!(
        errors[2].contains("schema id 2147483647 not found"),
        "{errors:?}"
    );
    assert!(
        errors[3].contains(&format!("schema id {avro_id}")),
        "{errors:?}"
    );
    // raw: no decoding at all.
    let out = kmsg_reg()
        .args([
            "view", "-t", &topic, "-o", "json", "--decode", "raw", "-n", "1",
        ])
        .assert()
        .success();
    assert_eq!(
        json_lines(&out.get_output().stdout)[0]["value_encoding"],
        "base64"
    );
    // --output raw prints the decoded JSON, one per line.
    let out = kmsg_reg()
        .args(["view", "-t", &topic, "-o", "raw", "-n", "6"])
        .assert()
        .success();
    let lines: Vec<Value> = json_lines(&out.get_output().stdout);
    assert_eq!(lines, [events.clone(), events.clone()].concat());
    // --decode registry without a registry is refused.
    kmsg_on_cluster()
        .args(["view", "-t", &topic, "--decode", "registry"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--schema-registry"));
}

#[test]
fn dlq_list_and_show_decode_registry_framed_dead_letters() {
    let topic = unique("regdlq");
    create_topic(&topic, 1, 3);
    let events = login_events();
    sr_write(
        &topic,
        "avro",
        &repo_file("schemas/login.avsc"),
        None,
        &events[..1],
    );
    let out = kmsg_reg()
        .args(["dlq", "list", "-t", &topic, "-o", "json"])
        .assert()
        .success();
    let listing = json_of(out.get_output());
    assert_eq!(listing["count"], 1, "{listing}");
    assert_eq!(listing["dead_letters"][0]["value"], events[0], "{listing}");
    assert_eq!(listing["dead_letters"][0]["value_schema"]["type"], "avro");
    let out = kmsg_reg()
        .args(["dlq", "show", "-t", &topic, "0:0", "-o", "json"])
        .assert()
        .success();
    let shown = json_of(out.get_output());
    assert_eq!(shown["value"], events[0], "{shown}");
    assert_eq!(shown["value_encoding"], "registry");
    let out = kmsg_reg()
        .args(["dlq", "show", "-t", &topic, "0:0"])
        .timeout(Duration::from_secs(60))
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("\"locale\": \"CO\"") && text.contains("value schema"),
        "{text}"
    );
}
