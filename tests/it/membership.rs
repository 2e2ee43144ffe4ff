//! `kmsg consume` as a pod needs it, on the real cluster: static membership (`--instance-id`:
//! a member killed and restarted within the session timeout takes its partitions back and
//! the others are never rebalanced), the stop on SIGTERM (bounded by `--shutdown-timeout`,
//! nothing committed past an unfinished record) and the idle rule (no member stops on
//! `--idle-timeout` while its group rebalances or still has lag). Every produced id is read
//! back from the output and DLQ with kcat.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use crate::harness::{
    eventually, free_port, http_get, json_lines, kcat_read, kmsg_on_cluster, metric,
    pipeline_topics, signal, unique, wait_bounded, Kmsg, Reply, Spawned, TestDownstream,
};

fn schema() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/schema.json")
}

fn produce_logins(topic: &str, count: u32, seed: &str) {
    kmsg_on_cluster()
        .args(["produce", "-t", topic, "--generate", "login"])
        .args(["--count", &count.to_string(), "--invalid-ratio", "0.05"])
        .args(["--seed", seed, "-q"])
        .assert()
        .success();
}

/// A paced producer of logins (5% invalid) running for `secs` seconds.
fn paced_producer(topic: &str, rate: u32, secs: u32) -> Spawned {
    Kmsg::new(["produce"])
        .on_cluster()
        .flag("-t", topic)
        .flag("--generate", "login")
        .flag("--rate", rate)
        .flag("--duration", format!("{secs}s"))
        .flag("--invalid-ratio", "0.05")
        .arg("-q")
        .json()
        .spawn()
}

fn summary(out: &std::process::Output) -> serde_json::Value {
    json_lines(&out.stdout).pop().unwrap_or_else(|| {
        panic!(
            "no JSON summary; stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The ids produced to `input` that are in neither `output` nor `dlq` (read with kcat), and
/// how many were produced.
fn missing_ids(input: &str, output: &str, dlq: &str) -> (Vec<String>, usize) {
    let produced: HashSet<String> = kcat_read(input).into_iter().filter_map(|r| r.key).collect();
    let seen: HashSet<String> = kcat_read(output)
        .into_iter()
        .chain(kcat_read(dlq))
        .filter_map(|r| r.key)
        .collect();
    let mut missing: Vec<String> = produced.difference(&seen).cloned().collect();
    missing.sort();
    (missing, produced.len())
}

fn assert_nothing_lost(input: &str, output: &str, dlq: &str) -> usize {
    let (missing, produced) = missing_ids(input, output, dlq);
    assert!(
        missing.is_empty(),
        "{} of {produced} ids lost, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    produced
}

/// A member's view of its assignment from its /metrics: (assigned partitions, assignments,
/// revokes); `None` when it does not answer.
fn assignment_of(port: u16, topic: &str) -> Option<(f64, f64, f64)> {
    let (_, body) = http_get(port, "/metrics")?;
    let series = |name: &str, labels: &str| metric(&body, &format!("{name}{{{labels}}}"));
    Some((
        series(
            "kafka_consumer_assigned_partitions",
            &format!("topic=\"{topic}\""),
        )?,
        series(
            "kafka_consumer_rebalances_total",
            &format!("kind=\"assign\",topic=\"{topic}\""),
        )?,
        series(
            "kafka_consumer_rebalances_total",
            &format!("kind=\"revoke\",topic=\"{topic}\""),
        )
        .unwrap_or(0.0),
    ))
}

#[test]
fn a_static_member_killed_and_restarted_within_the_session_timeout_rebalances_nobody() {
    let (input, output, dlq) = pipeline_topics("static", 6);
    let group = unique("g");
    let ports: Vec<u16> = (0..3).map(|_| free_port()).collect();
    let member = |i: usize| {
        Kmsg::consume(&group, &input, &output)
            .flag("--dlq-topic", &dlq)
            .flag("--schema", schema())
            .flag("--instance-id", format!("static-{i}"))
            .flag("--metrics-addr", format!("127.0.0.1:{}", ports[i]))
            .flag("-X", "session.timeout.ms=30000")
            .json()
            .spawn()
    };
    let mut members: Vec<Option<Spawned>> = (0..3).map(|i| Some(member(i))).collect();
    // Settled: every member has two partitions and no rebalance happened for 3 s.
    let mut last = Vec::new();
    let mut settled_since = Instant::now();
    eventually(
        Duration::from_secs(90),
        "three members with two partitions each, settled",
        || {
            let now: Vec<_> = ports.iter().map(|p| assignment_of(*p, &input)).collect();
            if now != last {
                last = now.clone();
                settled_since = Instant::now();
            }
            now.iter().all(|a| a.is_some_and(|a| a.0 == 2.0))
                && settled_since.elapsed() >= Duration::from_secs(3)
        },
    );
    let baseline: Vec<_> = last[..2].iter().map(|a| a.unwrap()).collect();
    let producer = paced_producer(&input, 400, 12);
    let mut samples = 0;
    let mut check_survivors = || {
        for (i, want) in baseline.iter().enumerate() {
            if let Some(got) = assignment_of(ports[i], &input) {
                assert_eq!(
                    got, *want,
                    "member {i}'s assignment changed (assigned, assigns, revokes)"
                );
                samples += 1;
            }
        }
    };
    eventually(Duration::from_secs(60), "400 records forwarded", || {
        check_survivors();
        crate::harness::kcat_has_at_least(&output, 400)
    });
    let victim = members[2].take().unwrap();
    signal(victim.id(), libc::SIGKILL);
    let _ = wait_bounded(victim, Duration::from_secs(10));
    let killed = Instant::now();
    members[2] = Some(member(2));
    eventually(
        Duration::from_secs(30),
        "the restarted member assigned",
        || {
            check_survivors();
            assignment_of(ports[2], &input).is_some_and(|a| a.0 == 2.0)
        },
    );
    let rejoined = killed.elapsed();
    assert!(
        rejoined < Duration::from_secs(30),
        "rejoined after {rejoined:?}"
    );
    let mut producer = Some(producer);
    eventually(
        Duration::from_secs(90),
        "every produced id forwarded or dead-lettered",
        || {
            check_survivors();
            if producer.as_mut().is_some_and(|p| p.is_running()) {
                return false;
            }
            if let Some(p) = producer.take() {
                assert!(wait_bounded(p, Duration::from_secs(10)).status.success());
            }
            missing_ids(&input, &output, &dlq).0.is_empty()
        },
    );
    check_survivors();
    assert!(
        samples > 10,
        "too few samples of the survivors' metrics: {samples}"
    );
    let restarted = assignment_of(ports[2], &input).unwrap();
    assert_eq!(
        (restarted.0, restarted.2),
        (2.0, 0.0),
        "the restarted member got two partitions at once and lost none"
    );
    for m in members.iter().flatten() {
        signal(m.id(), libc::SIGTERM);
    }
    for m in members.into_iter().flatten() {
        let out = wait_bounded(m, Duration::from_secs(30));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(summary(&out)["stopped_by"], "signal");
    }
    let produced = assert_nothing_lost(&input, &output, &dlq);
    eprintln!(
        "static membership: restarted member assigned {rejoined:?} after the kill; survivors unchanged over {samples} samples; {produced} ids, none lost"
    );
}

/// The second member of a group that finishes what a stopped one left: it stops on its idle
/// timeout and exits 0.
fn finish_the_rest(group: &str, (input, output, dlq): (&str, &str, &str)) -> serde_json::Value {
    let out = Kmsg::consume(group, input, output)
        .flag("--dlq-topic", dlq)
        .flag("--schema", schema())
        .flag("--idle-timeout", "5s")
        .json()
        .spawn();
    let out = wait_bounded(out, Duration::from_secs(120));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    summary(&out)
}

#[test]
fn sigterm_under_load_finishes_in_flight_work_commits_and_exits_0_within_the_shutdown_timeout() {
    let (input, output, dlq) = pipeline_topics("sigterm", 6);
    produce_logins(&input, 40_000, "7");
    let group = unique("g");
    let member = Kmsg::consume(&group, &input, &output)
        .flag("--dlq-topic", &dlq)
        .flag("--schema", schema())
        .flag("--shutdown-timeout", "10s")
        .json()
        .spawn();
    eventually(Duration::from_secs(60), "3,000 forwarded", || {
        crate::harness::kcat_has_at_least(&output, 3_000)
    });
    let sent = Instant::now();
    signal(member.id(), libc::SIGTERM);
    let out = wait_bounded(member, Duration::from_secs(30));
    let took = sent.elapsed();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(took < Duration::from_secs(10), "stopped after {took:?}");
    let a = summary(&out);
    assert_eq!(a["stopped_by"], "signal", "{a}");
    assert_eq!(a["not_finished_at_exit"], 0, "{a}");
    let n = |s: &serde_json::Value, k: &str| s[k].as_u64().unwrap();
    assert_eq!(
        n(&a, "consumed"),
        n(&a, "forwarded") + n(&a, "dead_lettered_total") + n(&a, "dropped_on_revoke"),
        "{a}"
    );
    assert!(
        n(&a, "consumed") < 40_000,
        "the member was done before the signal, nothing was in flight: {a}"
    );
    // What the first member committed is exactly what it finished: the second reads the
    // rest and nothing is lost.
    let b = finish_the_rest(&group, (&input, &output, &dlq));
    let produced = assert_nothing_lost(&input, &output, &dlq);
    assert!(n(&a, "consumed") + n(&b, "consumed") >= produced as u64);
    eprintln!(
        "SIGTERM: exit 0 after {took:?}; first member consumed {}, second {}; {produced} ids, none lost",
        a["consumed"], b["consumed"]
    );
}

#[test]
fn a_stop_that_cannot_finish_within_the_shutdown_timeout_exits_1_and_commits_nothing_unfinished() {
    // The downstream answers after a minute: every call is still in flight when the
    // shutdown timeout of 3 s runs out.
    let (input, output, dlq) = pipeline_topics("sigtermbound", 3);
    produce_logins(&input, 300, "8");
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = calls.clone();
    let downstream = TestDownstream::start(move |_, _, _| {
        counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Reply::Slow(Duration::from_secs(60))
    });
    let group = unique("g");
    let member = Kmsg::consume(&group, &input, &output)
        .flag("--dlq-topic", &dlq)
        .flag("--schema", schema())
        .flag("--sink-url", downstream.url())
        .flag("--sink-timeout", "120s")
        .flag("--breaker-threshold", "1000")
        .flag("--shutdown-timeout", "3s")
        .json()
        .spawn();
    eventually(
        Duration::from_secs(60),
        "calls in flight at the downstream",
        || calls.load(std::sync::atomic::Ordering::SeqCst) > 0,
    );
    let sent = Instant::now();
    signal(member.id(), libc::SIGTERM);
    let out = wait_bounded(member, Duration::from_secs(30));
    let took = sent.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        took < Duration::from_secs(3) + Duration::from_millis(1500),
        "stopped after {took:?}"
    );
    assert!(stderr.contains("--shutdown-timeout 3s"), "{stderr}");
    let b = finish_the_rest(&group, (&input, &output, &dlq));
    let produced = assert_nothing_lost(&input, &output, &dlq);
    assert_eq!(
        b["consumed"].as_u64().unwrap(),
        produced as u64,
        "the first member committed something it never finished: {b}"
    );
    eprintln!("shutdown timeout hit: exit 1 after {took:?}; the second member read all {produced}");
}

#[test]
fn no_member_idles_out_while_its_group_waits_for_dead_members_sessions_to_expire() {
    // Issue 23 f: three members; two are killed with SIGKILL while two new ones join. The
    // coordinator holds the rebalance until the dead members' sessions expire (10 s here),
    // far longer than the 3 s idle timeout: the new members have no assignment and the
    // survivor is revoked all that time. None of them may stop before the group has no lag.
    let (input, output, dlq) = pipeline_topics("idlerebalance", 6);
    let group = unique("g");
    let started = Instant::now();
    let member = || {
        Kmsg::consume(&group, &input, &output)
            .flag("--dlq-topic", &dlq)
            .flag("--schema", schema())
            .flag("--idle-timeout", "3s")
            .flag("-X", "session.timeout.ms=10000")
            .json()
            .spawn()
    };
    let producer = paced_producer(&input, 500, 12);
    let first: Vec<Spawned> = (0..3).map(|_| member()).collect();
    eventually(Duration::from_secs(60), "500 records forwarded", || {
        crate::harness::kcat_has_at_least(&output, 500)
    });
    let mut first = first.into_iter();
    let survivor = first.next().unwrap();
    for dead in first {
        signal(dead.id(), libc::SIGKILL);
        let _ = wait_bounded(dead, Duration::from_secs(10));
    }
    let killed = Instant::now();
    let joined = [member(), member()];
    assert!(wait_bounded(producer, Duration::from_secs(60))
        .status
        .success());
    let mut consumed = Vec::new();
    for m in std::iter::once(survivor).chain(joined) {
        let out = wait_bounded(m, Duration::from_secs(120));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let s = summary(&out);
        assert_eq!(s["stopped_by"], "idle timeout", "{s}");
        consumed.push(s["consumed"].as_u64().unwrap());
    }
    let ran = killed.elapsed();
    assert!(
        ran >= Duration::from_secs(10),
        "the members stopped {ran:?} after the kill, before the dead members' sessions expired"
    );
    assert!(
        consumed[1] + consumed[2] > 0,
        "the new members consumed nothing: {consumed:?}"
    );
    let produced = assert_nothing_lost(&input, &output, &dlq);
    eprintln!(
        "idle during a held rebalance: members stopped {ran:?} after the kill (run {:?}); consumed {consumed:?}; {produced} ids, none lost",
        started.elapsed()
    );
}
