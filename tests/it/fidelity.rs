//! Fidelity to the original system (issue 18 §1): events as the original login generator
//! sends them (upper-case region codes, `iOS`, UUID ids), built here independently of kmsg's
//! own generator and written with kcat, pass `consume --schema schema.json` unless they carry
//! one of the faults real login feeds carry; and `produce --generate login --invalid-ratio`
//! marks exactly the records the consumer dead-letters. Everything is read back with kcat.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::harness::{bootstrap, json_lines, kcat_read, kmsg_on_cluster, unique, ReadRecord};

fn schema() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/schema.json")
}

/// The region codes the original generator draws `locale` from (upper case).
const REGIONS: &[&str] = &[
    "CO", "AR", "RU", "US", "BR", "MX", "DE", "FR", "ES", "IN", "JP", "CN", "GB", "IT", "PL",
];

/// A fault of a real login feed, and what the contract's refusal must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fault {
    /// `device_type` left out: `/: required: "device_type" is a required property`.
    MissingDeviceType,
    /// `timestamp` as a string of digits: `/timestamp: type: ...`.
    TimestampAsString,
    /// An IP octet out of range: `/ip: format: ...`.
    IpOutOfRange,
    /// A three-letter locale: `/locale: maxLength: ...`.
    ThreeLetterLocale,
}

impl Fault {
    const ALL: [Fault; 4] = [
        Fault::MissingDeviceType,
        Fault::TimestampAsString,
        Fault::IpOutOfRange,
        Fault::ThreeLetterLocale,
    ];

    /// What the DLQ's `kmsg.dlq.error.message` header must contain: the field and the rule.
    fn names(self) -> &'static [&'static str] {
        match self {
            Fault::MissingDeviceType => &["/: required", "device_type"],
            Fault::TimestampAsString => &["/timestamp: type"],
            Fault::IpOutOfRange => &["/ip: format"],
            Fault::ThreeLetterLocale => &["/locale: maxLength"],
        }
    }
}

/// One event as the original generator writes it (Python's `json.dumps`: its field order,
/// `", "` and `": "` separators), keyed by its `user_id`.
struct Event {
    id: String,
    json: String,
    fault: Option<Fault>,
}

fn uuid4(rng: &mut StdRng) -> String {
    uuid::Builder::from_random_bytes(rng.random())
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// `count` events; every fifth one carries a fault, the four faults taking turns.
fn original_events(count: usize, seed: u64) -> Vec<Event> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..count)
        .map(|i| {
            let fault = (i % 5 == 4).then(|| Fault::ALL[(i / 5) % Fault::ALL.len()]);
            let id = uuid4(&mut rng);
            let version = format!(
                "{}.{}.{}",
                rng.random_range(1..=3),
                rng.random_range(0..=9),
                rng.random_range(0..=9)
            );
            let first_octet = if fault == Some(Fault::IpOutOfRange) {
                rng.random_range(256..=999)
            } else {
                rng.random_range(1..=223)
            };
            let ip = format!(
                "{first_octet}.{}.{}.{}",
                rng.random_range(0..=255),
                rng.random_range(0..=255),
                rng.random_range(1..=254)
            );
            let mut locale = REGIONS[rng.random_range(0..REGIONS.len())].to_string();
            if fault == Some(Fault::ThreeLetterLocale) {
                locale.push('X');
            }
            let timestamp = 1_741_724_761 + i as u64;
            let timestamp = if fault == Some(Fault::TimestampAsString) {
                format!("\"{timestamp}\"")
            } else {
                timestamp.to_string()
            };
            let device = ["android", "iOS"][rng.random_range(0..2)];
            let device_type = if fault == Some(Fault::MissingDeviceType) {
                String::new()
            } else {
                format!(", \"device_type\": \"{device}\"")
            };
            let json = format!(
                "{{\"user_id\": \"{id}\", \"app_version\": \"{version}\", \"ip\": \"{ip}\", \
                 \"locale\": \"{locale}\", \"device_id\": \"{}\", \"timestamp\": {timestamp}{device_type}}}",
                uuid4(&mut rng)
            );
            Event { id, json, fault }
        })
        .collect()
}

/// Writes `key<TAB>value` lines to `topic` with kcat (not with kmsg).
fn kcat_produce(topic: &str, lines: &str) {
    let mut child = Command::new("kcat")
        .args(["-P", "-b", &bootstrap(), "-t", topic, "-K", "\t"])
        .args(["-X", "enable.idempotence=true"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kcat must be installed (scripts/test.sh installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "kcat -P failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs one `kmsg consume --schema schema.json` member over `input` until it has consumed
/// `count` messages; returns its JSON summary.
fn consume_all(input: &str, output: &str, dlq: &str, count: usize) -> serde_json::Value {
    let out = kmsg_on_cluster()
        .args(["consume", "-g", &unique("g"), "-t", input])
        .args(["--output-topic", output, "--dlq-topic", dlq])
        .args(["--schema", schema(), "--max-messages", &count.to_string()])
        .args(["-o", "json"])
        .timeout(Duration::from_secs(120))
        .assert()
        .success();
    json_lines(&out.get_output().stdout)
        .pop()
        .expect("a JSON summary")
}

/// The records of `topic` by key; fails on a record without a key or a key seen twice.
fn by_key(topic: &str) -> HashMap<String, ReadRecord> {
    let mut all = HashMap::new();
    for r in kcat_read(topic) {
        let key = r.key.clone().expect("every record has a key");
        assert!(
            all.insert(key.clone(), r).is_none(),
            "{key} twice in {topic}"
        );
    }
    all
}

#[test]
fn the_original_generators_events_pass_schema_json_and_only_the_faulty_ones_are_dead_lettered() {
    let events = original_events(500, 18);
    let (input, output, dlq) = crate::harness::pipeline_topics("fidelity", 3);
    let lines: String = events
        .iter()
        .map(|e| format!("{}\t{}\n", e.id, e.json))
        .collect();
    kcat_produce(&input, &lines);

    let s = consume_all(&input, &output, &dlq, events.len());
    let faulty: BTreeMap<&str, Fault> = events
        .iter()
        .filter_map(|e| Some((e.id.as_str(), e.fault?)))
        .collect();
    assert_eq!(faulty.len(), 100);
    let valid: BTreeSet<&str> = events
        .iter()
        .filter(|e| e.fault.is_none())
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(s["consumed"], events.len(), "{s}");
    assert_eq!(s["forwarded"], valid.len(), "{s}");
    assert_eq!(s["dead_lettered_total"], faulty.len(), "{s}");

    let forwarded = by_key(&output);
    let dead = by_key(&dlq);
    let forwarded_ids: BTreeSet<&str> = forwarded.keys().map(String::as_str).collect();
    let dead_ids: BTreeSet<&str> = dead.keys().map(String::as_str).collect();
    assert_eq!(
        forwarded_ids, valid,
        "every valid event, and only those, is forwarded"
    );
    assert_eq!(
        dead_ids,
        faulty.keys().copied().collect::<BTreeSet<_>>(),
        "exactly the faulty events are dead-lettered"
    );
    let json_of: HashMap<&str, &str> = events
        .iter()
        .map(|e| (e.id.as_str(), e.json.as_str()))
        .collect();
    let mut per_fault: BTreeMap<Fault, usize> = BTreeMap::new();
    for (id, fault) in &faulty {
        let r = &dead[*id];
        assert_eq!(
            r.value.as_deref(),
            Some(json_of[id]),
            "{id}: bytes unchanged"
        );
        assert_eq!(r.header("kmsg.dlq.stage"), Some("validate"), "{id}");
        assert_eq!(
            r.header("kmsg.dlq.error.class"),
            Some("schema_validation"),
            "{id}"
        );
        let message = r.header("kmsg.dlq.error.message").unwrap_or_default();
        for name in fault.names() {
            assert!(
                message.contains(name),
                "{id} ({fault:?}): the reason {message:?} must name {name:?}"
            );
        }
        assert!(
            !message.contains("more)"),
            "{id}: one rule broken: {message}"
        );
        *per_fault.entry(*fault).or_default() += 1;
    }
    assert!(per_fault.values().all(|&n| n == 25), "{per_fault:?}");
    for id in &valid {
        assert_eq!(forwarded[*id].value.as_deref(), Some(json_of[id]), "{id}");
    }
}

#[test]
fn generated_logins_dead_lettered_by_schema_json_are_exactly_those_marked_kmsg_invalid() {
    let (input, output, dlq) = crate::harness::pipeline_topics("genfidelity", 3);
    kmsg_on_cluster()
        .args(["produce", "-t", &input, "--generate", "login"])
        .args(["--count", "1200", "--invalid-ratio", "0.1", "--seed", "18"])
        .args(["-q"])
        .assert()
        .success();
    let s = consume_all(&input, &output, &dlq, 1200);

    let sent = by_key(&input);
    assert_eq!(sent.len(), 1200);
    let marked: BTreeMap<&str, &str> = sent
        .iter()
        .filter_map(|(k, r)| Some((k.as_str(), r.header("kmsg.invalid")?)))
        .collect();
    let kinds: BTreeMap<&str, usize> = marked.values().fold(BTreeMap::new(), |mut m, k| {
        *m.entry(*k).or_default() += 1;
        m
    });
    assert_eq!(
        kinds,
        BTreeMap::from([
            ("bad_ip", 20),
            ("bad_locale", 20),
            ("malformed_json", 20),
            ("missing_field", 20),
            ("not_utf8", 20),
            ("timestamp_as_string", 20),
        ])
    );
    assert_eq!(s["dead_lettered_total"], marked.len(), "{s}");
    assert_eq!(s["forwarded"], 1200 - marked.len(), "{s}");

    let dead = by_key(&dlq);
    assert_eq!(
        dead.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        marked.keys().copied().collect::<BTreeSet<_>>(),
        "the DLQ holds exactly the records marked kmsg.invalid"
    );
    let forwarded = by_key(&output);
    assert_eq!(forwarded.len(), 1200 - marked.len());
    assert!(forwarded
        .values()
        .all(|r| r.header("kmsg.invalid").is_none()));
    for (key, kind) in &marked {
        let r = &dead[*key];
        assert_eq!(r.header("kmsg.invalid"), Some(*kind), "{key}: headers kept");
        let (class, rule) = match *kind {
            "bad_ip" => ("schema_validation", "/ip: format"),
            "bad_locale" => ("schema_validation", "/locale: maxLength"),
            "missing_field" => ("schema_validation", "/: required"),
            "timestamp_as_string" => ("schema_validation", "/timestamp: type"),
            "malformed_json" => ("json_parse", "not JSON"),
            "not_utf8" => ("not_utf8", "not UTF-8"),
            other => panic!("unknown kind {other}"),
        };
        assert_eq!(
            r.header("kmsg.dlq.error.class"),
            Some(class),
            "{key} {kind}"
        );
        let message = r.header("kmsg.dlq.error.message").unwrap_or_default();
        assert!(message.contains(rule), "{key} {kind}: {message}");
    }
}
