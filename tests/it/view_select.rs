//! Reading records for people and scripts against the real cluster: `view` and `dlq list`
//! with `--filter` (a jq expression), `view --until` (an offset, a time, +DURATION; also
//! following), `--count`, and `view --format` compared byte for byte with `kcat -f` on records
//! kcat wrote (binary keys, values and headers, nulls).

use std::ffi::OsStr;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::harness::{bootstrap, create_topic, kcat_format, unique, wait_bounded, Kmsg};

/// Writes JSON envelopes (one per line) to a topic.
fn produce_envelopes(topic: &str, lines: &[serde_json::Value]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    Kmsg::new(["produce", "-t", topic, "--input", "json-envelope", "-q"])
        .on_cluster()
        .command()
        .write_stdin(text)
        .assert()
        .success();
}

/// A topic with 2 partitions: logins from iOS and Android devices, with headers, a text
/// value and a binary key. Keys say what each record is.
fn login_topic() -> String {
    let topic = unique("select");
    create_topic(&topic, 2, 3);
    let login = |p: i32, key: &str, device: &str, class: &str| {
        serde_json::json!({
            "partition": p,
            "key": key,
            "value": serde_json::json!({"user": key, "device_type": device}).to_string(),
            "headers": [{"key": "kmsg.dlq.error.class", "value": class}],
        })
    };
    produce_envelopes(
        &topic,
        &[
            login(0, "ios-schema", "iOS", "schema_validation"),
            login(0, "ios-parse", "iOS", "json_parse"),
            login(0, "android-schema", "android", "schema_validation"),
            login(1, "ios-schema-p1", "iOS", "schema_validation"),
            serde_json::json!({"partition": 1, "key": "text", "value": "plain text, not JSON"}),
            // A binary key (ff 00 fe), as the envelope writes it: base64.
            serde_json::json!({"partition": 1, "key": "/wD+", "key_encoding": "base64", "value": "{\"device_type\":\"iOS\"}"}),
        ],
    );
    topic
}

/// The keys of the records `view -o json` prints with these flags, sorted.
fn view_keys(topic: &str, flags: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = Kmsg::new(["view", "-t", topic])
        .on_cluster()
        .args(flags)
        .expect_json(0)
        .iter()
        .map(|r| r["key"].as_str().unwrap_or("(null)").to_string())
        .collect();
    keys.sort();
    keys
}

#[test]
fn view_filter_selects_records_by_value_headers_key_and_partition() {
    let topic = login_topic();
    assert_eq!(
        view_keys(
            &topic,
            &[
                "--filter",
                r#".value.device_type == "iOS" and .headers["kmsg.dlq.error.class"] == "schema_validation""#
            ]
        ),
        ["ios-schema", "ios-schema-p1"]
    );
    assert_eq!(
        view_keys(&topic, &["--filter", r#".key | startswith("android")"#]),
        ["android-schema"]
    );
    assert_eq!(
        view_keys(&topic, &["--filter", ".partition == 1 and .offset >= 1"]),
        ["/wD+", "text"]
    );
    // A binary key is seen as base64, as the envelope shows it.
    assert_eq!(
        view_keys(&topic, &["--filter", r#".key == "/wD+""#]),
        ["/wD+"]
    );
    // A value that is not JSON is a string; timestamps are milliseconds.
    assert_eq!(
        view_keys(
            &topic,
            &[
                "--filter",
                r#"(.value | type) == "string" and .timestamp > 1700000000000"#
            ]
        ),
        ["text"]
    );
    // --max counts the records that matched.
    assert_eq!(
        view_keys(
            &topic,
            &[
                "-p",
                "0",
                "--filter",
                r#".value.device_type == "iOS""#,
                "--max",
                "1"
            ]
        ),
        ["ios-schema"]
    );
}

#[test]
fn a_filter_that_fails_on_some_records_leaves_them_out_and_says_how_many() {
    let topic = login_topic();
    let out = Kmsg::new(["view", "-t", &topic, "-p", "1"])
        .on_cluster()
        .flag("--filter", r#".value.device_type == "iOS""#)
        .json()
        .expect_code(0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--filter failed on 1 record(s)")
            && stderr.contains("partition 1 offset 1")
            && stderr.contains("cannot index"),
        "{stderr}"
    );
    assert_eq!(crate::harness::json_lines(&out.stdout).len(), 2);
    // `?` turns the error into no match, and nothing is reported.
    let out = Kmsg::new(["view", "-t", &topic, "-p", "1", "--count"])
        .on_cluster()
        .flag("--filter", r#".value.device_type? == "iOS""#)
        .expect_code(0);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2\n");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("failed on"));
}

#[test]
fn view_count_prints_only_the_number_of_matching_records() {
    let topic = login_topic();
    let count = |flags: &[&str]| {
        let out = Kmsg::new(["view", "-t", &topic, "--count"])
            .on_cluster()
            .args(flags)
            .expect_code(0);
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(count(&[]), "6\n");
    assert_eq!(
        count(&["--filter", r#".value.device_type == "iOS""#]),
        "4\n"
    );
    assert_eq!(count(&["-o", "json"]), "{\"count\":6}\n");
    assert_eq!(
        count(&["-o", "json", "--filter", "false"]),
        "{\"count\":0}\n"
    );
}

#[test]
fn dlq_list_filter_selects_dead_letters_by_value_and_error_class_header() {
    let dlq = format!("{}.dlq", unique("selectdlq"));
    create_topic(&dlq, 2, 3);
    let dead = |p: i32, key: &str, device: &str, class: &str| {
        serde_json::json!({
            "partition": p,
            "key": key,
            "value": serde_json::json!({"user": key, "device_type": device}).to_string(),
            "headers": [
                {"key": "kmsg.dlq.original.topic", "value": "logins"},
                {"key": "kmsg.dlq.error.class", "value": class},
            ],
        })
    };
    produce_envelopes(
        &dlq,
        &[
            dead(0, "a", "iOS", "schema_validation"),
            dead(0, "b", "iOS", "json_parse"),
            dead(1, "c", "android", "schema_validation"),
            dead(1, "d", "iOS", "schema_validation"),
        ],
    );
    let filter = r#".value.device_type == "iOS" and .headers["kmsg.dlq.error.class"] == "schema_validation""#;
    let out = Kmsg::new(["dlq", "list", "-t", &dlq, "--filter", filter])
        .on_cluster()
        .json()
        .expect_code(0);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut keys: Vec<&str> = doc["dead_letters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    keys.sort();
    assert_eq!(keys, ["a", "d"]);
    assert_eq!(doc["count"], 2);
    let out = Kmsg::new(["dlq", "list", "-t", &dlq, "--count", "--filter", filter])
        .on_cluster()
        .expect_code(0);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2\n");
    let out = Kmsg::new(["dlq", "list", "-t", &dlq, "--count"])
        .on_cluster()
        .json()
        .expect_code(0);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "{\"count\":4}\n");
    // --max keeps the newest of the matching ones.
    let out = Kmsg::new(["dlq", "list", "-t", &dlq, "--filter", filter, "--max", "1"])
        .on_cluster()
        .json()
        .expect_code(0);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["count"], 1);
}

#[test]
fn bad_filters_templates_and_until_points_are_usage_errors_before_connecting() {
    // Nothing listens on port 1: any attempt to connect would fail slowly and with exit 1.
    let offline = |args: &[&str], says: &str| {
        let started = Instant::now();
        let out = Kmsg::new(["--bootstrap", "127.0.0.1:1"])
            .args(args)
            .timeout(Duration::from_secs(20))
            .expect_code(2);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{args:?} took {:?}: it must not try to connect",
            started.elapsed()
        );
    };
    offline(
        &["view", "-t", "x", "--filter", ".value.device_type =="],
        "--filter \".value.device_type ==\" is not a valid jq expression: expected term",
    );
    offline(
        &["view", "-t", "x", "--filter", "nosuch(1)"],
        "undefined filter nosuch/1",
    );
    offline(
        &["dlq", "list", "-t", "x.dlq", "--filter", "(.a"],
        "expected closing parenthesis",
    );
    offline(
        &["view", "-t", "x", "--format", "%k %z"],
        "%z is not a format token",
    );
    offline(&["view", "-t", "x", "--until", "10m"], "needs a +");
    offline(
        &["view", "-t", "x", "--until", "tomorrow"],
        "neither an offset",
    );
    offline(
        &["view", "-t", "x", "--count", "--format", "%s"],
        "cannot be used with",
    );
}

/// (partition, offset) of what `view -o json` prints with these flags, sorted.
fn view_positions(topic: &str, flags: &[&str]) -> Vec<(i64, i64)> {
    let mut v: Vec<(i64, i64)> = Kmsg::new(["view", "-t", topic])
        .on_cluster()
        .args(flags)
        .timeout(Duration::from_secs(60))
        .expect_json(0)
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
}

/// A topic with 2 partitions of 5 records each, stamped `t0 + offset` seconds.
fn timed_topic(t0_ms: i64) -> String {
    let topic = unique("until");
    create_topic(&topic, 2, 3);
    let mut lines = Vec::new();
    for p in 0..2 {
        for i in 0..5i64 {
            lines.push(serde_json::json!({
                "partition": p, "timestamp": t0_ms + i * 1000, "key": format!("{p}-{i}"), "value": i.to_string()
            }));
        }
    }
    produce_envelopes(&topic, &lines);
    topic
}

/// An hour ago, in milliseconds since the epoch (recent enough for any retention).
fn an_hour_ago() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
        - 3_600_000
}

fn rfc3339(ms: i64) -> String {
    humantime::format_rfc3339_millis(UNIX_EPOCH + Duration::from_millis(ms as u64)).to_string()
}

#[test]
fn view_until_an_offset_stops_each_partition_before_it_also_when_following() {
    let topic = timed_topic(an_hour_ago());
    assert_eq!(
        view_positions(&topic, &["--until", "2"]),
        [(0, 0), (0, 1), (1, 0), (1, 1)]
    );
    assert_eq!(
        view_positions(&topic, &["-p", "1", "--offset", "3", "--until", "4"]),
        [(1, 3)]
    );
    // A start at or past the point shows nothing.
    assert_eq!(
        view_positions(&topic, &["-p", "0", "--offset", "4", "--until", "4"]),
        []
    );
    // Following, each partition stops at the point, and then the command ends by itself.
    assert_eq!(
        view_positions(&topic, &["--follow", "--until", "3"]),
        [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    );
    // A point past the end: following waits for the records before it, then ends.
    let follower = Kmsg::new(["view", "-t", &topic, "-p", "0", "--follow", "--until", "7"])
        .on_cluster()
        .json()
        .spawn();
    produce_envelopes(
        &topic,
        &[
            serde_json::json!({"partition": 0, "key": "late-5", "value": "5"}),
            serde_json::json!({"partition": 0, "key": "late-6", "value": "6"}),
            serde_json::json!({"partition": 0, "key": "late-7", "value": "7"}),
        ],
    );
    let out = wait_bounded(follower, Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(0));
    let keys: Vec<String> = crate::harness::json_lines(&out.stdout)
        .iter()
        .map(|r| r["key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(keys.len(), 7, "{keys:?}");
    assert_eq!(keys[5..], ["late-5", "late-6"]);
}

#[test]
fn view_until_a_time_or_a_duration_stops_at_the_first_record_stamped_at_or_after_it() {
    let t0 = an_hour_ago();
    let topic = timed_topic(t0);
    assert_eq!(
        view_positions(&topic, &["--until", &rfc3339(t0 + 2000)]),
        [(0, 0), (0, 1), (1, 0), (1, 1)]
    );
    // +DURATION counts from --since.
    assert_eq!(
        view_positions(&topic, &["--since", &rfc3339(t0 + 1000), "--until", "+2s"]),
        [(0, 1), (0, 2), (1, 1), (1, 2)]
    );
    // Without --since it counts from now: every record here is older.
    assert_eq!(view_positions(&topic, &["--until", "+1m"]).len(), 10);
    assert_eq!(
        view_positions(&topic, &["--until", "2020-01-01T00:00:00Z"]),
        []
    );
}

#[test]
fn view_follow_until_a_duration_follows_for_that_long_then_ends() {
    // Records stamped an hour ago: all before the point.
    let topic = timed_topic(an_hour_ago());
    let started = Instant::now();
    let out = Kmsg::new([
        "view", "-t", &topic, "--follow", "--until", "+3s", "--count",
    ])
    .on_cluster()
    .timeout(Duration::from_secs(60))
    .expect_code(0);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "10\n");
    assert!(
        started.elapsed() >= Duration::from_secs(3),
        "ended after {:?}, before the point",
        started.elapsed()
    );
}

/// Runs `kcat -P` on one partition of `topic` with these arguments and input.
fn kcat_produce(topic: &str, args: &[&OsStr], input: &[u8]) {
    let mut child = Command::new("kcat")
        .args(["-P", "-b", &bootstrap(), "-t", topic, "-p", "0"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kcat must be installed");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "kcat -P failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn view_format_prints_records_byte_for_byte_as_kcat_does() {
    let topic = unique("format");
    create_topic(&topic, 1, 3);
    let os = |s: &'static str| OsStr::new(s);
    // Text key and value, a header with a value and one with an empty value.
    kcat_produce(
        &topic,
        &[os("-K"), os("\t"), os("-H"), os("a=1"), os("-H"), os("b=")],
        b"k1\tv1\nk2\tline two\n",
    );
    // Binary key and value (with a NUL and a newline), a binary header and a null-valued one.
    kcat_produce(
        &topic,
        &[
            os("-K"),
            os("|KEY|"),
            os("-D"),
            os("|END|"),
            os("-H"),
            OsStr::from_bytes(b"bin=\xff\x01A"),
            os("-H"),
            os("nullvalue"),
        ],
        b"\xff\xfe\x80|KEY|\x00\x01\n\xff|END|",
    );
    // A null key and a null value (-Z), no headers.
    kcat_produce(&topic, &[os("-K"), os("\t"), os("-Z")], b"\t\n");
    // A record without a key.
    kcat_produce(&topic, &[], b"keyless\n");
    // A header value with a NUL byte, which kcat prints only up to the NUL (kcat -H cannot
    // write one: kmsg writes it).
    produce_envelopes(
        &topic,
        &[
            serde_json::json!({"partition": 0, "key": "nul", "value": "v", "headers": [{"key": "h", "value": "QQBC", "encoding": "base64"}]}),
        ],
    );
    let templates = [
        "%t|%p|%o|%T|%k|%s|%K|%S|%h\\n",
        "Key (%K bytes): %k\\tValue (%S bytes): %s\\nHeaders: %h\\n%%\\x41\\101\\0x42\\xff\\q\\\\\\r\\n",
        "%R%s",
        "%k=%s;",
    ];
    // What the records hold, as kcat sees them (so the comparison below covers each case).
    let first = kcat_format(&topic, templates[0]);
    let contains = |needle: &[u8]| first.windows(needle.len()).any(|w| w == needle);
    assert!(contains(b"|k1|v1|2|2|a=1,b=\n"));
    assert!(contains(
        b"|\xff\xfe\x80|\x00\x01\n\xff|3|4|bin=\xff\x01A,nullvalue=NULL\n"
    ));
    assert!(contains(b"|||-1|-1|\n"), "null key and value, no headers");
    assert!(contains(b"||keyless|-1|7|\n"));
    assert!(contains(b"|nul|v|3|1|h=A\n"));
    for template in templates {
        let ours = Kmsg::new(["view", "-t", &topic, "--format", template])
            .on_cluster()
            .expect_code(0)
            .stdout;
        let theirs = kcat_format(&topic, template);
        assert!(!theirs.is_empty());
        assert_eq!(
            ours,
            theirs,
            "--format {template}:\nkmsg: {:?}\nkcat: {:?}",
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }
}
