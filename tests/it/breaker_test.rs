//! `kmsg breaker-test` on the real cluster: PASS on a healthy set-up, FAIL (exit 3) when the
//! breaker is configured so it cannot open in time; scratch topics are deleted either way.

use crate::harness::{eventually, kmsg_on_cluster, Kmsg};

/// Every check breaker-test makes, in its order: an empty or shortened list must not pass.
const CHECKS: [&str; 6] = [
    "opens after the threshold",
    "no call while open",
    "half-open after the timeout",
    "closes on a good probe",
    "nothing dead-lettered by the outage",
    "no message lost",
];

/// The (name, passed) of each check in a report.
fn checks(r: &serde_json::Value) -> Vec<(String, bool)> {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["passed"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn gone(topics: &serde_json::Value) {
    let names: Vec<String> = topics
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    eventually(
        std::time::Duration::from_secs(30),
        "scratch topics deleted",
        || {
            let out = kmsg_on_cluster()
                .args(["topics", "list", "-o", "json"])
                .output()
                .unwrap();
            let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
            rows.iter()
                .all(|r| !names.iter().any(|n| r["topic"] == n.as_str()))
        },
    );
}

#[test]
fn breaker_test_passes_on_a_healthy_setup_with_the_expected_timeline() {
    let lines = Kmsg::new(["breaker-test"])
        .on_cluster()
        .flag("--messages", 30)
        .flag("--outage", "3s")
        .flag("--breaker-timeout", "2s")
        .expect_json(0);
    let r = &lines[0];
    assert_eq!(r["result"], "PASS", "{r}");
    let expected: Vec<(String, bool)> = CHECKS.iter().map(|n| (n.to_string(), true)).collect();
    assert_eq!(checks(r), expected, "{r}");
    let events: Vec<&str> = r["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert!(
        events
            .iter()
            .any(|e| e.starts_with("breaker closed -> open")),
        "{events:?}"
    );
    assert!(
        events
            .iter()
            .any(|e| e.starts_with("breaker half_open -> closed")),
        "{events:?}"
    );
    gone(&r["scratch_topics"]);
}

#[test]
fn breaker_test_fails_with_exit_3_when_the_breaker_cannot_open_in_time() {
    let lines = Kmsg::new(["breaker-test"])
        .on_cluster()
        .flag("--messages", 20)
        .flag("--breaker-threshold", 50)
        .flag("--max-retries", 2)
        .expect_json(3);
    let r = &lines[0];
    assert_eq!(r["result"], "FAIL");
    let names: Vec<String> = checks(r).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, CHECKS, "every check is made, also on a failing run");
    let failed: Vec<&str> = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["passed"] == false)
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(failed.contains(&"no message lost"), "{failed:?}");
    assert!(
        failed.contains(&"nothing dead-lettered by the outage"),
        "{failed:?}"
    );
    gone(&r["scratch_topics"]);
}
