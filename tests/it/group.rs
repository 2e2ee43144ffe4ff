//! `kmsg group` against the real cluster: every reset target, checked with Kafka's own
//! `ConsumerGroupCommand` (an independent client), the backup undoing a reset, the refusals
//! (an active group, an unknown group, bad flags) changing nothing, delete and delete-offsets,
//! and the lag in seconds of records produced with known old timestamps.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rdkafka::producer::{BaseProducer, BaseRecord, Producer};
use rdkafka::ClientConfig;

use crate::harness::{
    bootstrap, create_topic, eventually, kafka_home, signal, unique, wait_bounded, Kmsg,
};

const HOUR_MS: i64 = 3_600_000;

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// Produces `count` records to each partition of `topic`, record `i` stamped `stamp(i)` (ms),
/// with a plain producer (not kmsg), so the timestamps are what the test says.
fn produce_stamped(topic: &str, partitions: i32, count: i64, stamp: impl Fn(i64) -> i64) {
    let producer: BaseProducer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap())
        .create()
        .expect("a producer");
    for p in 0..partitions {
        for i in 0..count {
            let value = format!("{{\"n\":{i}}}");
            producer
                .send(
                    BaseRecord::<(), _>::to(topic)
                        .partition(p)
                        .payload(&value)
                        .timestamp(stamp(i)),
                )
                .expect("queued");
        }
    }
    producer.flush(Duration::from_secs(30)).expect("flushed");
}

/// A group that consumed `n` records of `topic` and left (its DLQ topic must exist).
fn consume(group: &str, topic: &str, n: u32) {
    Kmsg::new(["consume"])
        .on_cluster()
        .flag("-g", group)
        .flag("-t", topic)
        .flag("--max-messages", n)
        .flag("-o", "json")
        .expect_code(0);
}

/// The group's committed offsets as Kafka's own tool shows them (CURRENT-OFFSET; `None` for
/// "-"), or `None` when it says the group does not exist.
fn java_offsets(group: &str) -> Option<BTreeMap<(String, i32), Option<i64>>> {
    let out = std::process::Command::new("java")
        .arg("-cp")
        .arg(format!("{}/libs/*", kafka_home()))
        .arg("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand")
        .args([
            "--bootstrap-server",
            &bootstrap(),
            "--describe",
            "--group",
            group,
        ])
        .output()
        .expect("java must be installed (the Kafka tools run on it)");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    if text.contains("does not exist") || text.contains("GroupIdNotFoundException") {
        return None;
    }
    let mut offsets = BTreeMap::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() >= 4 && cols[0] == group {
            let partition = cols[2].parse().expect("a partition number");
            offsets.insert((cols[1].to_string(), partition), cols[3].parse().ok());
        }
    }
    assert!(
        out.status.success(),
        "ConsumerGroupCommand --describe failed: {text}"
    );
    Some(offsets)
}

fn all(topic: &str, offsets: &[Option<i64>]) -> BTreeMap<(String, i32), Option<i64>> {
    offsets
        .iter()
        .enumerate()
        .map(|(p, o)| ((topic.to_string(), p as i32), *o))
        .collect()
}

/// `group reset-offsets --execute` with this target, backing up to a new file in `dir`;
/// returns the backup's path.
fn reset(group: &str, topic: &str, target: &[&str], dir: &Path) -> String {
    let backup = dir
        .join(format!("{}.json", unique("backup")))
        .display()
        .to_string();
    let plan = Kmsg::new(["group", "reset-offsets"])
        .on_cluster()
        .flag("-g", group)
        .flag("-t", topic)
        .args(target)
        .arg("--execute")
        .flag("--backup", &backup)
        .expect_json(0);
    assert_eq!(plan[0]["executed"], true, "{plan:?}");
    assert_eq!(plan[0]["backup"], backup.as_str());
    backup
}

/// Offsets as `group describe` shows them (cheaper than the Java tool, for checks that
/// nothing changed).
fn described(group: &str, topic: &str) -> serde_json::Value {
    Kmsg::new(["group", "describe"])
        .on_cluster()
        .flag("-g", group)
        .flag("-t", topic)
        .flag("--rate-window", "0")
        .expect_json(0)
        .remove(0)
}

/// The partitions with a committed offset, as the Java tool lists them.
fn committed_map(report: &serde_json::Value) -> BTreeMap<(String, i32), Option<i64>> {
    report["partitions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["committed"].is_i64())
        .map(|p| {
            let key = (
                p["topic"].as_str().unwrap().to_string(),
                p["partition"].as_i64().unwrap() as i32,
            );
            (key, p["committed"].as_i64())
        })
        .collect()
}

fn committed(report: &serde_json::Value) -> Vec<Option<i64>> {
    report["partitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["committed"].as_i64())
        .collect()
}

#[test]
fn every_reset_target_shows_in_kafkas_own_tool_and_the_backup_undoes_the_reset() {
    let topic = unique("reset");
    create_topic(&topic, 2, 3);
    create_topic(&format!("{topic}.dlq"), 1, 3);
    // Ten records per partition, record i stamped (10 - i) hours ago.
    let now = now_ms();
    produce_stamped(&topic, 2, 10, |i| now - (10 - i) * HOUR_MS);
    let group = unique("g");
    consume(&group, &topic, 7);
    let original = java_offsets(&group).expect("the group exists");
    assert_eq!(
        original.values().map(|o| o.unwrap_or(0)).sum::<i64>(),
        7,
        "{original:?}"
    );
    let dir = tempfile::tempdir().unwrap();

    // A dry run prints current → new and changes nothing.
    let plan = Kmsg::new(["group", "reset-offsets"])
        .on_cluster()
        .flag("-g", &group)
        .flag("-t", &topic)
        .arg("--to-earliest")
        .expect_json(0);
    assert_eq!(plan[0]["executed"], false);
    assert_eq!(plan[0]["partitions"][0]["new"], 0);
    assert_eq!(committed_map(&described(&group, &topic)), original);

    let first_backup = reset(&group, &topic, &["--to-earliest"], dir.path());
    assert_eq!(
        java_offsets(&group).unwrap(),
        all(&topic, &[Some(0), Some(0)])
    );
    reset(&group, &topic, &["--to-latest"], dir.path());
    assert_eq!(
        java_offsets(&group).unwrap(),
        all(&topic, &[Some(10), Some(10)])
    );
    // Clamped to the partition's end, like Kafka's tool.
    reset(&group, &topic, &["--to-offset", "99"], dir.path());
    assert_eq!(committed(&described(&group, &topic)), [Some(10), Some(10)]);
    reset(&group, &topic, &["--shift-by", "-4"], dir.path());
    reset(
        &group,
        &format!("{topic}:1"),
        &["--shift-by", "+1"],
        dir.path(),
    );
    assert_eq!(
        java_offsets(&group).unwrap(),
        all(&topic, &[Some(6), Some(7)])
    );
    // 4.5 hours ago: the first record at or after it is the one stamped 4 hours ago (i = 6).
    reset(&group, &topic, &["--by-duration", "270m"], dir.path());
    assert_eq!(committed(&described(&group, &topic)), [Some(6), Some(6)]);
    let at = chrono_free_rfc3339(now - 8 * HOUR_MS - HOUR_MS / 2);
    reset(&group, &topic, &["--to-datetime", &at], dir.path());
    assert_eq!(
        java_offsets(&group).unwrap(),
        all(&topic, &[Some(2), Some(2)])
    );

    // The first backup holds the offsets the consumer committed: restoring it is the undo.
    let backup: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&first_backup).unwrap()).unwrap();
    assert_eq!(backup["version"], 1);
    assert_eq!(backup["group"], group.as_str());
    let plan = Kmsg::new(["group", "reset-offsets"])
        .on_cluster()
        .flag("-g", &group)
        .flag("--from-file", &first_backup)
        .arg("--execute")
        .flag("--backup", dir.path().join("undo.json").display())
        .expect_json(0);
    assert_eq!(plan[0]["executed"], true);
    assert_eq!(java_offsets(&group).unwrap(), original);
}

/// RFC 3339 in UTC for `ms` (the test's own formatting, independent of kmsg's parser).
fn chrono_free_rfc3339(ms: i64) -> String {
    let out = std::process::Command::new("date")
        .args([
            "-u",
            "-d",
            &format!("@{}", ms / 1000),
            "+%Y-%m-%dT%H:%M:%SZ",
        ])
        .output()
        .expect("date");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn lag_seconds_is_the_age_of_the_oldest_unconsumed_record() {
    let topic = unique("lagsec");
    create_topic(&topic, 1, 3);
    create_topic(&format!("{topic}.dlq"), 1, 3);
    // Record i is stamped (5 - i) hours ago; the group consumes two, so the oldest record it
    // has not consumed (offset 2) is three hours old.
    let now = now_ms();
    produce_stamped(&topic, 1, 5, |i| now - (5 - i) * HOUR_MS);
    let group = unique("g");
    consume(&group, &topic, 2);
    let r = Kmsg::new(["group", "describe"])
        .on_cluster()
        .flag("-g", &group)
        .flag("--rate-window", "1s")
        .expect_json(0)
        .remove(0);
    let p = &r["partitions"][0];
    assert_eq!(
        (p["committed"].as_i64(), p["lag"].as_i64()),
        (Some(2), Some(3)),
        "{r}"
    );
    let age = p["lag_seconds"].as_f64().expect("a lag in seconds");
    let expected = ((now_ms() - (now - 3 * HOUR_MS)) / 1000) as f64;
    assert!(
        (age - expected).abs() < 60.0,
        "lag_seconds {age}, expected about {expected}"
    );
    assert_eq!(r["max_lag_seconds"], p["lag_seconds"]);
    // Nobody consumes: no progress in the window, so the time to drain is unknown.
    assert_eq!(r["consume_rate"], 0.0, "{r}");
    assert!(r["drain_seconds"].is_null(), "{r}");
    assert!(r["rate_window_seconds"].as_f64().unwrap() >= 1.0);

    // metrics --group prints the same report.
    let m = Kmsg::new(["metrics"])
        .on_cluster()
        .flag("--group", &group)
        .flag("--rate-window", "0")
        .expect_json(0)
        .remove(0);
    let mp = &m["partitions"][0];
    assert!(
        (mp["lag_seconds"].as_f64().unwrap() - age).abs() < 30.0,
        "{m}"
    );
    assert!(m["rate_window_seconds"].is_null() && m["drain_seconds"].is_null());

    // Fully consumed: no lag, and 0 seconds of it.
    consume(&group, &topic, 3);
    let r = described(&group, &topic);
    assert_eq!(r["partitions"][0]["lag"], 0);
    assert_eq!(r["partitions"][0]["lag_seconds"], 0.0);
}

#[test]
fn an_active_group_is_refused_naming_its_member_and_nothing_changes() {
    let topic = unique("active");
    create_topic(&topic, 2, 3);
    create_topic(&format!("{topic}.dlq"), 1, 3);
    produce_stamped(&topic, 2, 5, |_| now_ms());
    let group = unique("g");
    // Everything consumed: the member started below has nothing to read or commit.
    consume(&group, &topic, 10);
    let before = committed(&described(&group, &topic));
    assert_eq!(before, [Some(5), Some(5)]);
    let member = Kmsg::new(["consume"])
        .on_cluster()
        .flag("-g", &group)
        .flag("-t", &topic)
        .flag("--instance-id", "resetvictim")
        .spawn();
    eventually(Duration::from_secs(60), "the consumer to join", || {
        described(&group, &topic)["members"]
            .as_array()
            .is_some_and(|m| !m.is_empty())
    });
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("b.json");
    let out = Kmsg::new(["group", "reset-offsets"])
        .on_cluster()
        .flag("-g", &group)
        .flag("-t", &topic)
        .arg("--to-earliest")
        .arg("--execute")
        .flag("--backup", backup.display())
        .expect_code(3);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("it is active, 1 member(s)") && err.contains("resetvictim@127.0.0.1"),
        "{err}"
    );
    assert!(err.contains("stop its consumers first"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!backup.exists(), "a refused reset writes no backup");
    let out = Kmsg::new(["group", "delete"])
        .on_cluster()
        .flag("-g", &group)
        .arg("--yes")
        .expect_code(3);
    assert!(String::from_utf8_lossy(&out.stderr).contains("resetvictim"));
    signal(member.id(), libc::SIGTERM);
    wait_bounded(member, Duration::from_secs(60));
    assert_eq!(committed(&described(&group, &topic)), before);
}

#[test]
fn bad_input_is_refused_in_one_line_and_changes_nothing() {
    let topic = unique("refuse");
    create_topic(&topic, 2, 3);
    create_topic(&format!("{topic}.dlq"), 1, 3);
    produce_stamped(&topic, 2, 4, |_| now_ms());
    let group = unique("g");
    consume(&group, &topic, 5);
    let before = committed(&described(&group, &topic));
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("old.json");
    std::fs::write(&existing, "{}").unwrap();
    let base = |g: &str, t: &str| {
        Kmsg::new(["group", "reset-offsets"])
            .on_cluster()
            .flag("-g", g)
            .flag("-t", t)
    };
    let cases: Vec<(Kmsg, i32, &str)> = vec![
        (
            base(&group, &topic).arg("--execute"),
            2,
            "the following required arguments",
        ),
        (
            base(&group, &topic).args(["--to-earliest", "--to-latest", "--execute"]),
            2,
            "cannot be used with",
        ),
        (
            base(&group, &topic).args(["--to-datetime", "yesterday", "--execute"]),
            2,
            "--to-datetime \"yesterday\" is not an RFC 3339 time",
        ),
        (
            base(&group, &topic).args(["--shift-by", "ten", "--execute"]),
            2,
            "--shift-by",
        ),
        (
            base(&group, &format!("{topic}:7")).args(["--to-earliest", "--execute"]),
            2,
            "has no partition 7",
        ),
        (
            base(&group, &unique("nosuchtopic")).args(["--to-earliest", "--execute"]),
            2,
            "does not exist",
        ),
        (
            base(&group, &topic)
                .args(["--to-earliest", "--execute", "--backup"])
                .arg(existing.display().to_string()),
            2,
            "exists already",
        ),
        (
            base(&group, &topic)
                .args(["--to-earliest", "--execute", "--backup"])
                .arg(dir.path().join("no/dir/b.json").display().to_string()),
            2,
            "does not exist",
        ),
        (
            base(&unique("nosuchgroup"), &topic).args(["--to-earliest", "--execute"]),
            1,
            "is unknown to the cluster",
        ),
        (
            Kmsg::new(["group", "delete"])
                .on_cluster()
                .flag("-g", &group),
            2,
            "add --yes",
        ),
    ];
    for (cmd, code, says) in cases {
        let out = cmd.expect_code(code);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "wanted {says:?} in: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    let missing = unique("nosuchgroup");
    let unknown = base(&missing, &topic).arg("--to-earliest").expect_code(1);
    // The known groups it lists are cut at ten on a busy cluster: check the unknown one is named.
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        err.contains(&format!("group {missing:?} is unknown")) && err.contains("known groups"),
        "{err}"
    );
    assert_eq!(committed(&described(&group, &topic)), before);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no backup was written"
    );
}

#[test]
fn delete_offsets_and_delete_remove_what_kafkas_tool_shows() {
    let a = unique("dela");
    let b = unique("delb");
    for t in [&a, &b] {
        create_topic(t, 1, 3);
        create_topic(&format!("{t}.dlq"), 1, 3);
        produce_stamped(t, 1, 3, |_| now_ms());
    }
    let group = unique("g");
    consume(&group, &a, 3);
    consume(&group, &b, 3);
    let out = Kmsg::new(["group", "delete-offsets"])
        .on_cluster()
        .flag("-g", &group)
        .flag("-t", &a)
        .expect_json(0);
    assert_eq!(out[0]["partitions"][0], format!("{a}/0"));
    let left = java_offsets(&group).expect("the group still exists");
    assert_eq!(left, all(&b, &[Some(3)]));
    Kmsg::new(["group", "delete"])
        .on_cluster()
        .flag("-g", &group)
        .arg("--yes")
        .expect_code(0);
    assert_eq!(java_offsets(&group), None, "the group is gone");
    let listed = Kmsg::new(["group", "list"]).on_cluster().expect_json(0);
    assert!(
        !listed[0]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["group"] == group.as_str()),
        "{listed:?}"
    );
}

#[test]
fn group_list_shows_a_group_with_its_state_and_protocol_type() {
    let topic = unique("list");
    create_topic(&topic, 1, 3);
    create_topic(&format!("{topic}.dlq"), 1, 3);
    produce_stamped(&topic, 1, 2, |_| now_ms());
    let group = unique("g");
    consume(&group, &topic, 2);
    let listed = Kmsg::new(["group", "list"]).on_cluster().expect_json(0);
    let row = listed[0]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == group.as_str())
        .unwrap_or_else(|| panic!("{group} not in {listed:?}"))
        .clone();
    assert_eq!(row["state"], "Empty");
    assert_eq!(row["protocol_type"], "consumer");
    assert_eq!(row["members"], 0);
    let table = Kmsg::new(["group", "list"]).on_cluster().expect_code(0);
    assert!(String::from_utf8_lossy(&table.stdout).contains(&group));
}

#[test]
fn the_drain_time_is_the_lag_over_the_pace_it_shrank_at_in_the_window() {
    use std::io::{BufRead, BufReader, Read};
    let topic = unique("drain");
    create_topic(&topic, 1, 3);
    create_topic(&format!("{topic}.dlq"), 1, 3);
    produce_stamped(&topic, 1, 30, |_| now_ms());
    let group = unique("g");
    consume(&group, &topic, 10);
    // describe takes its first look, then the group "consumes" ten records (a reset moves
    // its offset, a progress the test controls exactly) before the second look.
    let mut child = crate::harness::kmsg_process()
        .env("BOOTSTRAP_SERVERS", bootstrap())
        .args(["group", "describe", "-g", &group, "--rate-window", "6s"])
        .args(["-o", "json", "--log-level", "debug"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn kmsg");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("first look at the committed offsets taken") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("describe took its first look");
    let dir = tempfile::tempdir().unwrap();
    reset(&group, &topic, &["--shift-by", "+10"], dir.path());
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    assert!(child.wait().unwrap().success());
    let r: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(r["total_lag"], 10, "{r}");
    let window = r["rate_window_seconds"].as_f64().unwrap();
    let rate = r["consume_rate"].as_f64().unwrap();
    assert!((rate * window - 10.0).abs() < 0.1, "{r}");
    // Lag 10 left, shrinking by 10 per window: one more window.
    let drain = r["drain_seconds"].as_f64().expect("a drain time");
    assert!((drain - window).abs() < 0.1, "{r}");
}
