//! `kmsg view` against the real cluster: start and stop options, binary-safe JSON envelopes
//! that `produce --input json-envelope` sends back byte for byte, and bad input.

use std::io::Write;
use std::process::{Command, Stdio};

use predicates::prelude::*;

use crate::harness::{bootstrap, create_topic, json_lines, kmsg, kmsg_on_cluster, unique};

/// A topic with 2 partitions and 5 known records in partition 0 (one binary) and 3 in 1.
fn known_topic() -> String {
    let topic = unique("view");
    create_topic(&topic, 2, 3);
    let mut lines = String::new();
    for i in 0..5 {
        lines.push_str(&format!(
            "{{\"partition\":0,\"key\":\"k{i}\",\"value\":\"{{\\\"n\\\":{i}}}\",\"headers\":[{{\"key\":\"h\",\"value\":\"{i}\"}}]}}\n"
        ));
    }
    // A binary key and value (base64 of ff 00 fe and 00 01 02 ff).
    lines.push_str(r#"{"partition":1,"key":"/wD+","key_encoding":"base64","value":"AAEC/w==","value_encoding":"base64"}"#);
    lines.push('\n');
    lines.push_str("{\"partition\":1,\"key\":null,\"value\":null}\n");
    lines.push_str("{\"partition\":1,\"key\":\"t\",\"value\":\"text\"}\n");
    kmsg_on_cluster()
        .args(["produce", "-t", &topic, "--input", "json-envelope", "-q"])
        .write_stdin(lines)
        .assert()
        .success();
    topic
}

fn view_json(args: &[&str]) -> Vec<serde_json::Value> {
    let out = kmsg_on_cluster()
        .arg("view")
        .args(args)
        .args(["-o", "json"])
        .assert()
        .success();
    json_lines(&out.get_output().stdout)
}

#[test]
fn view_reads_every_record_to_the_end_and_stops() {
    let topic = known_topic();
    let records = view_json(&["-t", &topic]);
    assert_eq!(records.len(), 8);
    let r = records.iter().find(|r| r["key"] == "k3").unwrap();
    assert_eq!(r["value"], "{\"n\":3}");
    assert_eq!(r["partition"], 0);
    assert_eq!(r["offset"], 3);
    assert_eq!(r["headers"][0]["key"], "h");
    assert_eq!(r["headers"][0]["value"], "3");
    let bin = records
        .iter()
        .find(|r| r["key_encoding"] == "base64")
        .unwrap();
    assert_eq!(bin["key"], "/wD+");
    assert_eq!(bin["value"], "AAEC/w==");
    assert_eq!(bin["value_encoding"], "base64");
    let null = records
        .iter()
        .find(|r| r["partition"] == 1 && r["offset"] == 1)
        .unwrap();
    assert!(null["key"].is_null() && null["value"].is_null(), "{null}");
}

#[test]
fn view_start_and_stop_options_pick_the_right_records() {
    let topic = known_topic();
    let offsets = |rs: Vec<serde_json::Value>| -> Vec<(i64, i64)> {
        let mut v: Vec<_> = rs
            .iter()
            .map(|r| {
                (
                    r["partition"].as_i64().unwrap(),
                    r["offset"].as_i64().unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        offsets(view_json(&["-t", &topic, "--last", "2"])),
        [(0, 3), (0, 4), (1, 1), (1, 2)]
    );
    assert_eq!(
        offsets(view_json(&["-t", &topic, "-p", "0", "--offset", "3"])),
        [(0, 3), (0, 4)]
    );
    assert_eq!(
        offsets(view_json(&["-t", &topic, "-p", "1"])),
        [(1, 0), (1, 1), (1, 2)]
    );
    assert_eq!(view_json(&["-t", &topic, "--max", "3"]).len(), 3);
    assert_eq!(view_json(&["-t", &topic, "--since", "1h"]).len(), 8);
    assert_eq!(
        view_json(&["-t", &topic, "--since", "2999-01-01T00:00:00Z"]).len(),
        0
    );
    let raw = kmsg_on_cluster()
        .args(["view", "-t", &topic, "-p", "0", "-o", "raw"])
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&raw.get_output().stdout),
        "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n{\"n\":4}\n"
    );
}

#[test]
fn json_envelopes_round_trip_through_produce_byte_for_byte() {
    let topic = known_topic();
    let copy = unique("copy");
    create_topic(&copy, 2, 3);
    let out = kmsg_on_cluster()
        .args(["view", "-t", &topic, "-o", "json"])
        .assert()
        .success();
    kmsg_on_cluster()
        .args(["produce", "-t", &copy, "--input", "json-envelope", "-q"])
        .write_stdin(out.get_output().stdout.clone())
        .assert()
        .success();
    let strip = |rs: Vec<serde_json::Value>| -> Vec<String> {
        let mut v: Vec<String> = rs
            .into_iter()
            .map(|mut r| {
                r.as_object_mut().unwrap().remove("topic");
                r.to_string()
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        strip(view_json(&["-t", &topic])),
        strip(view_json(&["-t", &copy]))
    );
}

#[test]
fn view_refuses_bad_input_with_clear_errors() {
    let topic = known_topic();
    kmsg_on_cluster()
        .args(["view", "-t", &unique("missing")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not exist"));
    kmsg_on_cluster()
        .args(["view", "-t", &topic, "-p", "7"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--partition 7 does not exist"));
    kmsg_on_cluster()
        .args(["view", "-t", &topic, "-p", "0", "--offset", "99"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--offset 99 is out of range"));
    kmsg()
        .args([
            "--bootstrap",
            "127.0.0.1:1",
            "view",
            "-t",
            "x",
            "--since",
            "whenever",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("neither a duration"));
}

#[test]
fn view_piped_into_head_exits_quietly() {
    let topic = known_topic();
    // `timeout` bounds the test: a follower that missed the closed pipe would hang.
    let out = Command::new("timeout")
        .args(["30", "sh", "-c"])
        .arg(format!(
            "'{}' --bootstrap '{}' view -t '{topic}' -p 0 -o raw --follow | head -n 2",
            env!("CARGO_BIN_EXE_kmsg"),
            bootstrap()
        ))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the pipeline did not end: {:?}",
        out.status
    );
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(text, "{\"n\":0}\n{\"n\":1}\n");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Records in `big_topic()`: enough that holding them all in a table costs far more memory
/// than streaming them (the old table took about 1 KB a row).
const BIG: usize = 100_000;

/// A 3-partition topic of `BIG` small records (values `v000000`..), written by kcat (an
/// independent producer), shared by the tests that need a long output.
fn big_topic() -> &'static str {
    static TOPIC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TOPIC.get_or_init(|| {
        let topic = unique("viewbig");
        create_topic(&topic, 3, 3);
        let mut kcat = Command::new("kcat")
            .args(["-P", "-b", &bootstrap(), "-t", &topic])
            .stdin(Stdio::piped())
            .spawn()
            .expect("kcat must be installed");
        let mut values = String::with_capacity(BIG * 8);
        for i in 0..BIG {
            values.push_str(&format!("v{i:06}\n"));
        }
        kcat.stdin
            .take()
            .unwrap()
            .write_all(values.as_bytes())
            .unwrap();
        assert!(kcat.wait().unwrap().success(), "kcat could not produce");
        topic
    })
}

#[test]
fn view_of_a_large_topic_piped_into_head_ends_quietly_in_every_format() {
    let topic = big_topic();
    for format in ["table", "json", "raw"] {
        // pipefail: the status is kmsg's when it fails; `timeout` bounds the test.
        let out = Command::new("timeout")
            .args([
                "60",
                "bash",
                "-c",
                "set -o pipefail; \"$@\" | head -n 3",
                "bash",
            ])
            .arg(env!("CARGO_BIN_EXE_kmsg"))
            .args([
                "--bootstrap",
                &bootstrap(),
                "view",
                "-t",
                topic,
                "-o",
                format,
            ])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "-o {format}: {stderr}");
        assert!(stderr.is_empty(), "-o {format} wrote to stderr: {stderr}");
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(lines.len(), 3, "-o {format}: {stdout}");
        match format {
            "table" => {
                assert!(lines[0].starts_with("| partition | offset"), "{stdout}");
                assert!(lines[2].contains("| v0"), "{stdout}");
            }
            "json" => {
                for l in &lines {
                    let r: serde_json::Value = serde_json::from_str(l).unwrap();
                    assert_eq!(r["topic"], topic, "{l}");
                }
            }
            _ => assert!(lines.iter().all(|l| l.len() == 7 && l.starts_with('v'))),
        }
    }
}

/// Runs kmsg with stdout into a pipe read here; returns its exit status, the lines it printed
/// and its peak resident memory in KB (from wait4, this child's own rusage).
#[allow(clippy::zombie_processes)] // reaped by wait4, which std's wait cannot replace
fn run_measured(args: &[&str]) -> (i32, Vec<String>, i64) {
    let mut child = crate::harness::kmsg_process()
        .args(["--bootstrap", &bootstrap()])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        std::io::BufRead::lines(std::io::BufReader::new(stdout))
            .map(Result::unwrap)
            .collect::<Vec<String>>()
    });
    let mut status = 0;
    // SAFETY: a zeroed rusage is valid; wait4 on the pid of our own child, reaped here only.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32, "wait4 failed");
    let lines = reader.join().unwrap();
    (libc::WEXITSTATUS(status), lines, usage.ru_maxrss)
}

#[test]
fn view_table_of_a_large_topic_prints_every_row_in_bounded_memory() {
    let topic = big_topic();
    let (code, raw, raw_kb) = run_measured(&["view", "-t", topic, "-o", "raw"]);
    assert_eq!(code, 0);
    assert_eq!(raw.len(), BIG);
    let (code, table, table_kb) = run_measured(&["view", "-t", topic]);
    assert_eq!(code, 0);
    let mut values: Vec<&str> = table
        .iter()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| partition"))
        .map(|l| l.split('|').nth(5).unwrap().trim())
        .collect();
    values.sort_unstable();
    values.dedup();
    assert_eq!(values.len(), BIG, "every record once");
    // Raw output holds nothing: the table may hold its first rows and little else. Holding
    // every row (as the table once did) costs about 1 KB a row, 100 MB here.
    let extra_mb = (table_kb - raw_kb) / 1024;
    assert!(
        extra_mb < 30,
        "the table took {table_kb} KB at its peak, raw output {raw_kb} KB"
    );
}
