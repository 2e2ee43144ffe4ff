//! The fault scenarios, each bounded in time and printing one `FAULT` line of figures. The
//! names' letters are the issue's (23): a broker killed under produce, a broker hung under
//! produce and consume, the group coordinator killed while members commit, and a rolling
//! restart under at-least-once and exactly-once members. libtest runs them in name order.

use std::time::{Duration, Instant};

use crate::audit::{self, generated_ids, led_by, now_ms, recovery, tally, Tally};
use crate::brokers::{Brokers, Restore};
use crate::harness::{eventually, json_lines, kcat_has_at_least, unique, wait_bounded, Kmsg};

/// The bound of every scenario; a scenario past it fails (a hang, not a slow machine). The
/// rolling restarts under load took 130-220 s on a 2-core machine shared with other jobs
/// (load average 20-33), and one broker took 90 s to register again there; the other
/// scenarios 40-60 s.
const SCENARIO_LIMIT: Duration = Duration::from_secs(480);

/// Creates a topic of 6 partitions, RF 3 (min ISR 2 by the cluster's default), whose records
/// carry the broker's append time (for the recovery figures).
fn topic(name: &str) {
    Kmsg::new(["topics", "create", name, "-p", "6", "-r", "3"])
        .on_cluster()
        .flag("-c", "message.timestamp.type=LogAppendTime")
        .expect_code(0);
}

/// A pipeline's input (append times), output and DLQ topics.
fn pipeline(prefix: &str) -> (String, String, String) {
    let input = unique(prefix);
    let (output, dlq) = (format!("{input}.out"), format!("{input}.dlq"));
    for t in [&input, &output, &dlq] {
        topic(t);
    }
    (input, output, dlq)
}

/// `kmsg produce` of `count` generated posts at `rate` a second, acks=all (the default,
/// with idempotence), JSON summary.
fn producer(topic: &str, rate: u32, count: u32) -> crate::harness::Spawned {
    Kmsg::new(["produce", "-t", topic, "-g", "posts", "--acks", "all", "-q"])
        .on_cluster()
        .flag("--rate", rate)
        .flag("--count", count)
        .json()
        .spawn()
}

/// A `kmsg consume` member forwarding `input` to `output`, stopping after `idle` without
/// messages; `extra` flags follow.
fn member(
    group: &str,
    id: &str,
    topics: &(String, String, String),
    extra: &[&str],
) -> crate::harness::Spawned {
    Kmsg::consume(group, &topics.0, &topics.1)
        .flag("--dlq-topic", &topics.2)
        .flag("--instance-id", id)
        .flag("--idle-timeout", "15s")
        .json()
        .args(extra)
        .spawn()
}

/// Waits for a kmsg child and returns its JSON summary, asserting exit 0.
#[track_caller]
fn summary(child: crate::harness::Spawned, what: &str, limit: Duration) -> serde_json::Value {
    let out = wait_bounded(child, limit);
    assert!(
        out.status.success(),
        "{what} exited {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out.stdout)
        .pop()
        .unwrap_or_else(|| panic!("{what}: no JSON summary"))
}

/// The producer's counts: (sent, acknowledged, failed).
fn produced(s: &serde_json::Value) -> (u64, u64, u64) {
    let n = |k: &str| s[k].as_u64().unwrap_or_else(|| panic!("no {k} in {s}"));
    (n("sent"), n("acknowledged"), n("failed"))
}

/// Checks the topic holds exactly the acknowledged records, each generated id once;
/// returns the records read (for the recovery figures) and the tally.
fn audit_produced(topic: &str, summary: &serde_json::Value) -> (Vec<audit::Timed>, Tally) {
    let (sent, acknowledged, failed) = produced(summary);
    assert_eq!(failed, 0, "deliveries failed: {summary}");
    assert_eq!(acknowledged, sent, "{summary}");
    let records = audit::timed(topic);
    let keys: Vec<String> = records.iter().map(|r| r.key.clone()).collect();
    let t = tally(&generated_ids(&records, acknowledged), &[keys]);
    assert_eq!(
        t.lost_count, 0,
        "{} acknowledged records lost, e.g. {:?}",
        t.lost_count, t.lost
    );
    assert_eq!(
        records.len() as u64,
        acknowledged,
        "the topic holds {} records, the producer acknowledged {acknowledged} ({} duplicates)",
        records.len(),
        t.duplicates
    );
    (records, t)
}

/// Every input id is in the output or the DLQ (read_committed).
fn audit_pipeline(topics: &(String, String, String)) -> Tally {
    let input = audit::keys(&topics.0);
    let t = tally(&input, &[audit::keys(&topics.1), audit::keys(&topics.2)]);
    assert_eq!(
        t.lost_count, 0,
        "{} of {} ids lost, e.g. {:?}",
        t.lost_count, t.ids, t.lost
    );
    t
}

fn secs(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

/// a. One broker of three (the one leading most of the topic's partitions) killed with
/// SIGKILL during `produce --rate` at acks=all, started again 10 s later: every acknowledged
/// record is in the topic, once.
#[test]
fn a_broker_killed_during_produce_loses_no_acknowledged_record() {
    let start = Instant::now();
    let brokers = Brokers::get();
    brokers.wait_healed(Duration::from_secs(120));
    let _restore = Restore(&brokers);
    let t = unique("fault-a");
    topic(&t);
    let (rate, count) = (500, 15_000);
    let producer = producer(&t, rate, count);
    eventually(Duration::from_secs(30), "2,000 records written", || {
        kcat_has_at_least(&t, 2_000)
    });
    let victim = brokers.busiest_leader(&t);
    let stalled = led_by(&brokers.leaders(&t), victim);
    let fault_ms = now_ms();
    brokers.kill(victim);
    // The scenario: the broker stays down 10 s.
    std::thread::sleep(Duration::from_secs(10));
    brokers.start_missing();
    let s = summary(producer, "kmsg produce", Duration::from_secs(120));
    let healed = brokers.wait_healed(Duration::from_secs(120));
    let (records, tally) = audit_produced(&t, &s);
    let r = recovery(&records, fault_ms, &stalled);
    println!(
        "FAULT a (SIGKILL broker {victim} for 10s under produce --rate {rate}): sent={} acknowledged={} in_topic={} lost={} duplicates={} {} healed_after_restart={} scenario={}",
        produced(&s).0,
        produced(&s).1,
        records.len(),
        tally.lost_count,
        tally.duplicates,
        r.figures(),
        secs(healed),
        secs(start.elapsed()),
    );
    r.assert_resumed(victim);
    assert!(
        start.elapsed() < SCENARIO_LIMIT,
        "took {:?}",
        start.elapsed()
    );
}

/// d. The broker leading most partitions hung with SIGSTOP for 20 s, then SIGCONT (hung,
/// not dead), while kmsg produces and one member forwards: both recover by themselves and
/// nothing is lost.
#[test]
fn d_a_hung_leader_under_produce_and_consume_loses_nothing() {
    let start = Instant::now();
    let brokers = Brokers::get();
    brokers.wait_healed(Duration::from_secs(120));
    let _restore = Restore(&brokers);
    let topics = pipeline("fault-d");
    let group = unique("g-d");
    let (rate, count) = (500, 15_000);
    let member = member(&group, "d1", &topics, &[]);
    let producer = producer(&topics.0, rate, count);
    eventually(Duration::from_secs(30), "2,000 records forwarded", || {
        kcat_has_at_least(&topics.1, 2_000)
    });
    let victim = brokers.busiest_leader(&topics.0);
    let stalled = led_by(&brokers.leaders(&topics.0), victim);
    let fault_ms = now_ms();
    brokers.hang(victim);
    // The scenario: hung for 20 s.
    std::thread::sleep(Duration::from_secs(20));
    brokers.resume(victim);
    let s = summary(producer, "kmsg produce", Duration::from_secs(120));
    let m = summary(member, "kmsg consume", Duration::from_secs(120));
    let healed = brokers.wait_healed(Duration::from_secs(120));
    let (records, _) = audit_produced(&topics.0, &s);
    let tally = audit_pipeline(&topics);
    let r = recovery(&records, fault_ms, &stalled);
    println!(
        "FAULT d (SIGSTOP broker {victim} for 20s under produce --rate {rate} and 1 member): sent={} acknowledged={} forwarded={} lost={} duplicates={} {} healed_after_resume={} scenario={}",
        produced(&s).0,
        produced(&s).1,
        m["forwarded"],
        tally.lost_count,
        tally.duplicates,
        r.figures(),
        secs(healed),
        secs(start.elapsed()),
    );
    r.assert_resumed(victim);
    assert!(
        start.elapsed() < SCENARIO_LIMIT,
        "took {:?}",
        start.elapsed()
    );
}

/// e. The broker that is the group's coordinator killed with SIGKILL while two members
/// forward and commit (started again 10 s later): nothing is lost.
#[test]
fn e_the_group_coordinator_killed_while_members_commit_loses_nothing() {
    let start = Instant::now();
    let brokers = Brokers::get();
    brokers.wait_healed(Duration::from_secs(120));
    let _restore = Restore(&brokers);
    let topics = pipeline("fault-e");
    let group = unique("g-e");
    let (rate, count) = (500, 12_000);
    let members = [
        member(&group, "e1", &topics, &[]),
        member(&group, "e2", &topics, &[]),
    ];
    let producer = producer(&topics.0, rate, count);
    eventually(Duration::from_secs(30), "2,000 records forwarded", || {
        kcat_has_at_least(&topics.1, 2_000)
    });
    let victim = brokers.coordinator(&group);
    brokers.kill(victim);
    let killed = Instant::now();
    std::thread::sleep(Duration::from_secs(10));
    brokers.start_missing();
    let s = summary(producer, "kmsg produce", Duration::from_secs(120));
    let forwarded: u64 = members
        .into_iter()
        .map(|m| {
            summary(m, "kmsg consume", Duration::from_secs(120))["forwarded"]
                .as_u64()
                .unwrap()
        })
        .sum();
    let healed = brokers.wait_healed(Duration::from_secs(120));
    let tally = audit_pipeline(&topics);
    println!(
        "FAULT e (SIGKILL coordinator broker {victim} for 10s under 2 members): sent={} acknowledged={} forwarded={forwarded} lost={} duplicates={} members_done_after_fault={} healed={} scenario={}",
        produced(&s).0,
        produced(&s).1,
        tally.lost_count,
        tally.duplicates,
        secs(killed.elapsed()),
        secs(healed),
        secs(start.elapsed()),
    );
    assert!(
        start.elapsed() < SCENARIO_LIMIT,
        "took {:?}",
        start.elapsed()
    );
}

/// What kmsg prints when an exactly-once member stops on a transaction it could not finish
/// (fenced, fatal, or a coordinator that did not answer within the commit budget): a
/// restart resumes from the last committed transaction (`consumer::txn::RESTART_RESUMES`).
const RESTART_RESUMES: &str =
    "a restart (same --instance-id) resumes from the last committed transaction";

/// The consume members of a scenario, watched: a member that exits 0 (idle) is done and its
/// forwards counted; one that stops on a transaction it could not finish (it says a restart
/// resumes from the last committed transaction) is, when `restart_if_fenced`, started again
/// with the same instance id (what a supervisor such as Compose's `restart:
/// unless-stopped` does) and counted; any other exit fails the test.
struct Members {
    group: String,
    topics: (String, String, String),
    extra: Vec<String>,
    live: Vec<(String, crate::harness::Spawned)>,
    forwarded: u64,
    fenced_exits: usize,
    restart_if_fenced: bool,
}

impl Members {
    fn start(&mut self, id: &str) {
        let extra: Vec<&str> = self.extra.iter().map(String::as_str).collect();
        let child = member(&self.group, id, &self.topics, &extra);
        self.live.push((id.to_string(), child));
    }

    /// Collects the members that exited (restarting a fenced one, see the type's doc).
    fn check(&mut self) {
        let mut i = 0;
        while i < self.live.len() {
            if self.live[i].1.is_running() {
                i += 1;
                continue;
            }
            let (id, child) = self.live.remove(i);
            let out = wait_bounded(child, Duration::from_secs(10));
            let stderr = String::from_utf8_lossy(&out.stderr);
            if out.status.success() {
                let s = json_lines(&out.stdout).pop().expect("a member's summary");
                self.forwarded += s["forwarded"].as_u64().unwrap();
                // What each member did and why it stopped, for a failure's diagnosis.
                let warnings: Vec<&str> = stderr
                    .lines()
                    .filter(|l| l.contains(" WARN kmsg") || l.contains("ERROR"))
                    .collect();
                eprintln!(
                    "member {id}: consumed={} forwarded={} stopped_by={} transactions={}; its last kmsg warnings:\n{}",
                    s["consumed"],
                    s["forwarded"],
                    s["stopped_by"],
                    s["transactions"],
                    warnings[warnings.len().saturating_sub(6)..].join("\n")
                );
            } else if self.restart_if_fenced
                && out.status.code() == Some(1)
                && stderr.contains(RESTART_RESUMES)
            {
                eprintln!(
                    "member {id} stopped on a transaction it could not finish; starting it again: {}",
                    stderr.lines().last().unwrap_or_default()
                );
                self.fenced_exits += 1;
                self.start(&id);
            } else {
                panic!("member {id} exited {:?}: {stderr}", out.status.code());
            }
        }
    }

    fn wait_all(&mut self, limit: Duration) {
        let start = Instant::now();
        while !self.live.is_empty() {
            self.check();
            if start.elapsed() > limit {
                let tails: Vec<String> = std::mem::take(&mut self.live)
                    .into_iter()
                    .map(|(id, child)| {
                        let out = child.kill_for_output();
                        let err = String::from_utf8_lossy(&out.stderr).to_string();
                        let lines: Vec<&str> = err.lines().collect();
                        format!(
                            "member {id}, the end of its stderr:\n{}",
                            lines[lines.len().saturating_sub(15)..].join("\n")
                        )
                    })
                    .collect();
                panic!(
                    "members still running {limit:?} after the producer stopped:\n{}",
                    tails.join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(300));
        }
    }
}

/// A rolling restart of all three brokers (`kmsg cluster restart --rolling`) while three
/// members forward what a producer writes meanwhile; returns the tally and the line's
/// figures.
fn rolling_restart_under_members(
    label: &str,
    prefix: &str,
    extra: &[&str],
    restart_if_fenced: bool,
) -> (Tally, String) {
    let start = Instant::now();
    let brokers = Brokers::get();
    brokers.wait_healed(Duration::from_secs(120));
    let _restore = Restore(&brokers);
    let topics = pipeline(prefix);
    let group = unique("g");
    // 200,000 records at 2,500 a second: 80 s of writing, which the restart (about 60-130 s
    // on 2 cores, started once the members forward) overlaps.
    let (rate, count): (u32, u32) = (2_500, 200_000);
    let mut members = Members {
        group: group.clone(),
        topics: topics.clone(),
        extra: extra.iter().map(|s| s.to_string()).collect(),
        live: Vec::new(),
        forwarded: 0,
        fenced_exits: 0,
        restart_if_fenced,
    };
    for id in ["m1", "m2", "m3"] {
        members.start(id);
    }
    let producer = Kmsg::new([
        "produce", "-t", &topics.0, "-g", "posts", "--acks", "all", "-q",
    ])
    .on_cluster()
    .flag("--rate", rate)
    .flag("--count", count)
    .flag("--duration", "230s")
    .json()
    .spawn();
    eventually(Duration::from_secs(30), "2,000 records forwarded", || {
        kcat_has_at_least(&topics.1, 2_000)
    });
    let restart = brokers.rolling_restart();
    let r = summary(
        restart,
        "kmsg cluster restart --rolling",
        Duration::from_secs(460),
    );
    // The producer ends by itself after `count` records (or its --duration, on a machine
    // too slow for the rate).
    let out = wait_bounded(producer, Duration::from_secs(240));
    assert_eq!(
        out.status.code(),
        Some(0),
        "kmsg produce: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = json_lines(&out.stdout)
        .pop()
        .expect("the producer's summary");
    let (sent, acknowledged, failed) = produced(&s);
    assert_eq!((failed, acknowledged), (0, sent), "{s}");
    let steps: Vec<String> = r["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|st| {
            format!(
                "{}:{:.0}s",
                st["node"],
                st["total_seconds"].as_f64().unwrap_or_default()
            )
        })
        .collect();
    members.wait_all(Duration::from_secs(120));
    let forwarded = members.forwarded;
    let tally = audit_pipeline(&topics);
    let line = format!(
        "sent={sent} acknowledged={acknowledged} forwarded={forwarded} lost={} duplicates={} restart={:.1}s (per node {}) members_stopped_and_restarted={} scenario={}",
        tally.lost_count,
        tally.duplicates,
        r["seconds"].as_f64().unwrap_or_default(),
        steps.join(" "),
        members.fenced_exits,
        secs(start.elapsed()),
    );
    // The figures first: a scenario that fails an assertion below still shows them.
    println!("FAULT {label}: {line}");
    assert_eq!(sent, u64::from(count), "every record written: {s}");
    assert_eq!(r["healed"], true, "{r}");
    assert!(
        start.elapsed() < SCENARIO_LIMIT,
        "took {:?}",
        start.elapsed()
    );
    (tally, line)
}

/// b. A rolling restart under three at-least-once members: nothing lost, duplicates counted.
#[test]
fn b_a_rolling_restart_under_three_members_loses_nothing() {
    rolling_restart_under_members(
        "b (rolling restart, 3 members at-least-once)",
        "fault-b",
        &[],
        false,
    );
}

/// c. The same with `--exactly-once`: nothing lost and no duplicate in read_committed.
///
/// A broker restart moves transaction and group coordinators: a commit that cannot finish
/// within its budget (half of transaction.timeout.ms) aborts and rewinds, or, when the
/// producer was fenced or a coordinator did not answer at all, stops the member (exit 1,
/// "a restart ... resumes from the last committed transaction"); the scenario starts it
/// again as a supervisor would and counts it in the figures.
#[test]
fn c_a_rolling_restart_under_three_exactly_once_members_loses_and_repeats_nothing() {
    // A member that stops on a transaction it could not finish (exit 1) is started again,
    // as a supervisor would, and counted in the figures.
    let (tally, line) = rolling_restart_under_members(
        "c (rolling restart, 3 members --exactly-once)",
        "fault-c",
        &["--exactly-once", "--txn-max-interval", "1s"],
        true,
    );
    assert_eq!(
        tally.duplicates, 0,
        "duplicates under --exactly-once: {line}"
    );
}
