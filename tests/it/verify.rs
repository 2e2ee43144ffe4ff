//! `kmsg verify` against the real cluster: outputs written on purpose without some ids or with
//! some ids twice (with kcat, not kmsg), a complete `kmsg consume` pipeline with a DLQ,
//! ids from a JSON field, and bad input. Each run's JSON report is checked id by id.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::time::Duration;

use crate::harness::{bootstrap, create_topic, kcat_read, unique, Kmsg, ReadRecord};

/// Writes records to `topic` with kcat (an independent client), keyed when `key` is given.
fn kcat_write(topic: &str, records: &[(Option<String>, String)]) {
    let (keyed, bare): (Vec<_>, Vec<_>) = records.iter().partition(|(k, _)| k.is_some());
    for (batch, with_keys) in [(keyed, true), (bare, false)] {
        if batch.is_empty() {
            continue;
        }
        let mut cmd = std::process::Command::new("kcat");
        cmd.args(["-P", "-b", &bootstrap(), "-t", topic]);
        if with_keys {
            cmd.args(["-K", "\t"]);
        }
        let mut child = cmd
            .stdin(std::process::Stdio::piped())
            .spawn()
            .expect("kcat must be installed (scripts/test.sh installs it)");
        let mut stdin = child.stdin.take().unwrap();
        for (k, v) in batch {
            match k {
                Some(k) => writeln!(stdin, "{k}\t{v}").unwrap(),
                None => writeln!(stdin, "{v}").unwrap(),
            }
        }
        drop(stdin);
        assert!(child.wait().unwrap().success(), "kcat -P {topic} failed");
    }
}

/// An input topic of `count` generated logins (keyed by their ids) and an empty output
/// topic; returns their names and the input as kcat reads it.
fn input_with_logins(prefix: &str, count: u32) -> (String, String, Vec<ReadRecord>) {
    let input = unique(prefix);
    let output = format!("{input}.out");
    create_topic(&input, 3, 3);
    create_topic(&output, 2, 3);
    Kmsg::new(["produce"])
        .on_cluster()
        .flag("-t", &input)
        .flag("--generate", "login")
        .flag("--count", count)
        .flag("--seed", 7)
        .arg("-q")
        .expect_code(0);
    let records = kcat_read(&input);
    assert_eq!(records.len(), count as usize, "the input as kcat reads it");
    (input, output, records)
}

fn key_value(r: &ReadRecord) -> (Option<String>, String) {
    (r.key.clone(), r.value.clone().unwrap_or_default())
}

/// `kmsg verify` of these topics with `-o json`; asserts the exit code, returns the report.
fn verify(input: &str, output: &str, extra: &[&str], code: i32) -> serde_json::Value {
    let mut docs = Kmsg::new(["verify"])
        .on_cluster()
        .flag("--input", input)
        .flag("--output-topic", output)
        .args(extra)
        .timeout(Duration::from_secs(120))
        .expect_json(code);
    assert_eq!(docs.len(), 1, "one JSON document: {docs:?}");
    docs.pop().unwrap()
}

fn ids(list: &serde_json::Value) -> BTreeSet<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn verify_names_exactly_the_ids_an_output_written_without_them_lacks_and_exits_3() {
    let (input, output, records) = input_with_logins("vlost", 300);
    let skipped: BTreeSet<String> = records
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 41 == 5)
        .map(|(_, r)| r.key.clone().unwrap())
        .collect();
    let copy: Vec<_> = records
        .iter()
        .filter(|r| !skipped.contains(r.key.as_ref().unwrap()))
        .map(key_value)
        .collect();
    kcat_write(&output, &copy);

    let r = verify(&input, &output, &["--show", "1000"], 3);
    assert_eq!(r["passed"], false);
    assert_eq!(r["verdict"], "lost");
    assert_eq!(r["totals"]["lost"], skipped.len());
    assert_eq!(r["totals"]["input_records"], 300);
    assert_eq!(r["totals"]["distinct_ids"], 300);
    assert_eq!(r["totals"]["output_records"], 300 - skipped.len());
    assert_eq!(r["totals"]["duplicated"], 0);
    assert_eq!(r["totals"]["unexpected"], 0);
    assert_eq!(ids(&r["lost"]), skipped);
    // Each lost id is named with where it is in the input.
    for l in r["lost"].as_array().unwrap() {
        let at = records
            .iter()
            .find(|x| x.key.as_deref() == l["id"].as_str())
            .unwrap();
        assert_eq!(l["input"]["partition"], at.partition);
        assert_eq!(l["input"]["offset"], at.offset);
    }

    // A bounded listing keeps the exact count; the table says the same and fails too.
    let r = verify(&input, &output, &["--show", "2"], 3);
    assert_eq!(r["lost"].as_array().unwrap().len(), 2);
    assert!(ids(&r["lost"]).is_subset(&skipped));
    assert_eq!(r["totals"]["lost"], skipped.len());
    let table = Kmsg::new(["verify"])
        .on_cluster()
        .flag("-i", &input)
        .flag("--output-topic", &output)
        .flag("--show", 3)
        .expect_code(3);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains(&format!("lost ids (3 of {} listed", skipped.len())),
        "{text}"
    );
    assert!(
        text.contains(&format!("FAILED: {} of 300 input ids lost", skipped.len())),
        "{text}"
    );
}

#[test]
fn duplicates_pass_at_least_once_with_exact_counts_and_fail_exactly_once() {
    let (input, output, records) = input_with_logins("vdup", 200);
    // Every record once, then three ids again: two of them once more, one twice more.
    let twice = [&records[3], &records[77]];
    let thrice = &records[150];
    let mut copy: Vec<_> = records.iter().map(key_value).collect();
    copy.extend(twice.iter().map(|r| key_value(r)));
    copy.extend([key_value(thrice), key_value(thrice)]);
    kcat_write(&output, &copy);
    let expected: BTreeMap<String, u64> = [
        (twice[0].key.clone().unwrap(), 2),
        (twice[1].key.clone().unwrap(), 2),
        (thrice.key.clone().unwrap(), 3),
    ]
    .into();

    let r = verify(&input, &output, &[], 0);
    assert_eq!(r["passed"], true);
    assert_eq!(r["totals"]["lost"], 0);
    assert_eq!(r["totals"]["duplicated"], 3);
    assert_eq!(r["totals"]["extra_copies"], 4);
    assert_eq!(r["totals"]["output_records"], 204);
    let out = kcat_read(&output);
    let found: BTreeMap<String, u64> = r["duplicated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["input_copies"], 1);
            let copies = d["copies"].as_array().unwrap();
            assert_eq!(
                copies.len() as u64,
                d["downstream_copies"].as_u64().unwrap()
            );
            // Each copy is named where it is: kcat finds that id there.
            for c in copies {
                assert_eq!(c["topic"], output.as_str());
                let at = out
                    .iter()
                    .find(|x| c["partition"] == x.partition && c["offset"] == x.offset)
                    .expect("a copy at the place named");
                assert_eq!(at.key.as_deref(), d["id"].as_str());
            }
            (
                d["id"].as_str().unwrap().to_string(),
                d["downstream_copies"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(found, expected);

    let r = verify(&input, &output, &["--exactly-once"], 3);
    assert_eq!(r["verdict"], "duplicated");
    assert_eq!(r["totals"]["duplicated"], 3);
}

#[test]
fn a_complete_consume_pipeline_with_a_dlq_passes() {
    let (input, output, dlq) = crate::harness::pipeline_topics("vfull", 3);
    Kmsg::new(["produce"])
        .on_cluster()
        .flag("-t", &input)
        .flag("--generate", "login")
        .flag("--count", 400)
        .flag("--invalid-ratio", "0.1")
        .arg("-q")
        .expect_code(0);
    Kmsg::consume(&unique("g"), &input, &output)
        .flag("--dlq-topic", &dlq)
        .flag(
            "--schema",
            concat!(env!("CARGO_MANIFEST_DIR"), "/schema.json"),
        )
        .flag("--max-messages", 400)
        .flag("--idle-timeout", "20s")
        .expect_code(0);

    // The DLQ is the default <input>.dlq, found without naming it.
    let r = verify(&input, &output, &[], 0);
    assert_eq!(r["dlq_topic"], dlq.as_str());
    assert_eq!(r["totals"]["lost"], 0);
    assert_eq!(r["totals"]["distinct_ids"], 400);
    assert_eq!(r["totals"]["dlq_records"], 40);
    let downstream = r["totals"]["output_records"].as_u64().unwrap()
        + r["totals"]["dlq_records"].as_u64().unwrap();
    assert_eq!(
        downstream,
        400 + r["totals"]["extra_copies"].as_u64().unwrap()
    );
    assert_eq!(r["verdict"], "passed");

    // Without the DLQ the 40 dead letters are lost: the check sees them.
    let elsewhere = unique("vfull-empty-dlq");
    create_topic(&elsewhere, 1, 3);
    let r = verify(&input, &output, &["--dlq-topic", &elsewhere], 3);
    assert_eq!(r["totals"]["lost"], 40);
}

#[test]
fn ids_come_from_a_json_field_and_values_without_it_are_counted_not_fatal() {
    let input = unique("vfield");
    let output = format!("{input}.out");
    create_topic(&input, 2, 3);
    create_topic(&output, 2, 3);
    let value = |n: u32| format!(r#"{{"order":{{"id":"o-{n}"}},"n":{n}}}"#);
    let mut records: Vec<(Option<String>, String)> = (0..50).map(|n| (None, value(n))).collect();
    // Records no id can be taken from: not JSON, and JSON without the field.
    records.push((None, "plain text".into()));
    records.push((None, r#"{"order":{}}"#.into()));
    kcat_write(&input, &records);
    // The output: keyed differently (the key is not the id here), without o-7 and o-31,
    // o-12 twice.
    let copy: Vec<_> = (0..50)
        .filter(|n| ![7, 31].contains(n))
        .chain([12])
        .map(|n| (Some(format!("k{n}")), value(n)))
        .collect();
    kcat_write(&output, &copy);

    let r = verify(
        &input,
        &output,
        &["--id-field", "order.id", "--show", "100"],
        3,
    );
    assert_eq!(r["id"], "field:order.id");
    assert_eq!(r["totals"]["input_records"], 52);
    assert_eq!(r["totals"]["input_without_id"], 2);
    assert_eq!(r["totals"]["distinct_ids"], 50);
    assert_eq!(
        ids(&r["lost"]),
        BTreeSet::from(["o-7".into(), "o-31".into()])
    );
    assert_eq!(ids(&r["duplicated"]), BTreeSet::from(["o-12".to_string()]));

    // A field of a top-level number: its JSON text is the id; same verdict.
    let r = verify(&input, &output, &["--id-field", "n"], 3);
    assert_eq!(r["totals"]["lost"], 2);
    assert_eq!(r["totals"]["input_without_id"], 2);

    // A field no record has: every input record counted without an id, and a check that
    // checked nothing fails.
    let r = verify(&input, &output, &["--id-field", "nope"], 3);
    assert_eq!(r["verdict"], "no_ids");
    assert_eq!(r["totals"]["input_without_id"], 52);
}

#[test]
fn missing_topics_are_named_and_bad_flags_are_usage_errors() {
    let present = unique("vbad");
    create_topic(&present, 1, 3);
    let missing = unique("vbad-missing");
    let run = |args: &[&str], code: i32| {
        let out = Kmsg::new(["verify"])
            .on_cluster()
            .args(args)
            .expect_code(code);
        assert!(out.stdout.is_empty(), "no report on an error");
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    // A missing input or output topic: exit 1, naming it.
    let err = run(&["-i", &missing, "--output-topic", &present], 1);
    assert!(
        err.contains(&format!("topic {missing} does not exist")),
        "{err}"
    );
    let err = run(&["-i", &present, "--output-topic", &missing], 1);
    assert!(
        err.contains(&format!("topic {missing} does not exist")),
        "{err}"
    );
    // A DLQ named on purpose must exist too.
    let other = unique("vbad-out");
    create_topic(&other, 1, 3);
    let err = run(
        &[
            "-i",
            &present,
            "--output-topic",
            &other,
            "--dlq-topic",
            &missing,
        ],
        1,
    );
    assert!(err.contains(&missing), "{err}");
    // The same topic twice, a bad name, an empty field name: exit 2 before connecting.
    let err = run(&["-i", &present, "--output-topic", &present], 2);
    assert!(err.contains("three different topics"), "{err}");
    let err = run(&["-i", "bad/name", "--output-topic", &present], 2);
    assert!(err.contains("bad/name"), "{err}");
    let err = run(
        &[
            "-i",
            &present,
            "--output-topic",
            &other,
            "--id-field",
            "a..b",
        ],
        2,
    );
    assert!(err.contains("--id-field"), "{err}");
}

#[test]
fn the_pipeline_env_names_select_the_topics_like_consume() {
    let (input, output, records) = input_with_logins("venv", 20);
    kcat_write(
        &output,
        &records[1..].iter().map(key_value).collect::<Vec<_>>(),
    );
    let mut docs = Kmsg::new(["verify"])
        .on_cluster()
        .env("INPUT_TOPIC", &input)
        .env("OUTPUT_TOPIC", &output)
        .expect_json(3);
    let r = docs.pop().unwrap();
    assert_eq!(r["input_topic"], input.as_str());
    assert_eq!(r["output_topic"], output.as_str());
    assert_eq!(
        ids(&r["lost"]),
        BTreeSet::from([records[0].key.clone().unwrap()])
    );
}

#[test]
fn copies_in_an_aborted_transaction_are_not_counted_read_committed() {
    use rdkafka::producer::{BaseProducer, BaseRecord, Producer};
    use rdkafka::ClientConfig;

    let (input, output, records) = input_with_logins("vtxn", 30);
    kcat_write(&output, &records.iter().map(key_value).collect::<Vec<_>>());
    // Five ids again, in a transaction that is aborted: a read_committed reader never sees
    // them, so they are no duplicates, and an exactly-once check passes.
    let producer: BaseProducer = ClientConfig::new()
        .set("bootstrap.servers", bootstrap())
        .set("transactional.id", unique("vtxn-producer"))
        .create()
        .expect("a transactional producer");
    let t = Duration::from_secs(30);
    producer.init_transactions(t).expect("init transactions");
    producer.begin_transaction().expect("begin");
    for r in &records[..5] {
        let key = r.key.clone().unwrap();
        let value = r.value.clone().unwrap();
        producer
            .send(BaseRecord::to(&output).key(&key).payload(&value))
            .map_err(|(e, _)| e)
            .expect("send in the transaction");
    }
    producer.flush(t).expect("flush");
    producer.abort_transaction(t).expect("abort");

    let r = verify(&input, &output, &["--exactly-once"], 0);
    assert_eq!(r["totals"]["output_records"], 30);
    assert_eq!(r["totals"]["duplicated"], 0);
    assert_eq!(r["verdict"], "passed");
    // The aborted records are there for a read_uncommitted reader: the check is not empty.
    let uncommitted = std::process::Command::new("kcat")
        .args([
            "-C",
            "-b",
            &bootstrap(),
            "-t",
            &output,
            "-o",
            "beginning",
            "-e",
            "-q",
        ])
        .args(["-X", "isolation.level=read_uncommitted", "-f", "%k\n"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&uncommitted.stdout).lines().count(),
        35
    );
}
