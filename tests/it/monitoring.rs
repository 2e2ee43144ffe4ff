//! The monitoring stack, proven with real components (issue: compose, Prometheus, Grafana):
//!
//! - `promtool` (Debian package `prometheus`) checks the repo's scrape config and alert rules,
//!   runs the alert unit tests of `monitoring/prometheus/alerts.test.yml`, and catches typos;
//! - a real Prometheus server, configured from the repo's `prometheus.yml` with only the
//!   targets and intervals swapped, scrapes real `kmsg` processes on the real cluster; the test
//!   queries its HTTP API for the values the test caused and for the alerts they fire;
//! - every metric name in every Grafana panel (and every alert rule) is checked against the
//!   names live `kmsg` processes expose.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

use crate::harness::{
    free_port, http_get, http_get_within, kcat_read, kmsg_on_cluster, pipeline_topics, signal,
    spawn_kmsg, unique, wait_bounded, Spawned,
};

const PROMETHEUS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/monitoring/prometheus");
const DASHBOARD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/monitoring/grafana/dashboards/kmsg-pipeline.json"
);
const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.json");

/// The scrape jobs of the repo's prometheus.yml, each with what it scrapes.
const JOBS: [&str; 4] = [
    "kmsg-producer",
    "kmsg-consumer",
    "kmsg-dlq-watch",
    "prometheus",
];

/// Runs a Prometheus tool, failing loudly when it is not installed.
fn tool(name: &str, args: &[&str], dir: &Path) -> Output {
    Command::new(name)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{name}` ({e}): install the Debian package `prometheus` \
                 (scripts/test.sh does)"
            )
        })
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn read_yaml(path: &Path) -> Yaml {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()))
}

/// Every alert name in alerts.yml.
fn alert_names() -> Vec<String> {
    let rules = read_yaml(&Path::new(PROMETHEUS_DIR).join("alerts.yml"));
    rules["groups"]
        .as_sequence()
        .expect("alerts.yml has groups")
        .iter()
        .flat_map(|g| g["rules"].as_sequence().expect("a group has rules").iter())
        .filter_map(|r| r["alert"].as_str().map(String::from))
        .collect()
}

/// Every alert rule expression in alerts.yml.
fn alert_exprs() -> Vec<String> {
    let rules = read_yaml(&Path::new(PROMETHEUS_DIR).join("alerts.yml"));
    rules["groups"]
        .as_sequence()
        .expect("alerts.yml has groups")
        .iter()
        .flat_map(|g| g["rules"].as_sequence().expect("a group has rules").iter())
        .filter_map(|r| r["expr"].as_str().map(String::from))
        .collect()
}

#[test]
fn promtool_accepts_the_scrape_config_and_the_alert_rules() {
    let out = tool(
        "promtool",
        &["check", "config", "prometheus.yml"],
        Path::new(PROMETHEUS_DIR),
    );
    assert!(
        out.status.success(),
        "promtool check config: {}",
        text(&out)
    );
    assert!(text(&out).contains("SUCCESS"), "{}", text(&out));

    let out = tool(
        "promtool",
        &["check", "rules", "alerts.yml"],
        Path::new(PROMETHEUS_DIR),
    );
    assert!(out.status.success(), "promtool check rules: {}", text(&out));
    let names = alert_names();
    assert!(
        text(&out).contains(&format!("{} rules found", names.len())),
        "{}",
        text(&out)
    );
    // The alerts the issue asks for, by name.
    for wanted in [
        "KafkaConsumerLagHigh",
        "KafkaConsumerLagSecondsHigh",
        "KafkaDlqMessages",
        "KafkaConsumerErrorRateHigh",
        "KafkaConsumerCircuitBreakerOpen",
        "KmsgTargetDown",
        "KafkaConsumerStuck",
    ] {
        assert!(names.iter().any(|n| n == wanted), "no alert {wanted}");
    }
}

#[test]
fn promtool_unit_tests_show_every_alert_firing_and_not_firing() {
    let out = tool(
        "promtool",
        &["test", "rules", "alerts.test.yml"],
        Path::new(PROMETHEUS_DIR),
    );
    assert!(out.status.success(), "promtool test rules: {}", text(&out));
    assert!(text(&out).contains("SUCCESS"), "{}", text(&out));

    // Coverage: each alert has a case where it fires and one where it does not.
    let tests = read_yaml(&Path::new(PROMETHEUS_DIR).join("alerts.test.yml"));
    let mut fires = BTreeSet::new();
    let mut silent = BTreeSet::new();
    for case in tests["tests"].as_sequence().expect("tests") {
        for check in case["alert_rule_test"].as_sequence().into_iter().flatten() {
            let name = check["alertname"].as_str().expect("alertname").to_string();
            let expected = check["exp_alerts"].as_sequence().map_or(0, Vec::len);
            if expected > 0 {
                fires.insert(name);
            } else {
                silent.insert(name);
            }
        }
    }
    for name in alert_names() {
        assert!(fires.contains(&name), "no unit test shows {name} firing");
        assert!(
            silent.contains(&name),
            "no unit test shows {name} not firing"
        );
    }
}

/// Copies monitoring/prometheus to a temporary directory, with `edit` applied to one file.
fn edited_copy(file: &str, edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(PROMETHEUS_DIR).expect("monitoring/prometheus") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("a file name").to_owned();
        let text = std::fs::read_to_string(&path).expect("read");
        let text = if name == file { edit(&text) } else { text };
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

#[test]
fn a_typo_in_the_scrape_config_or_in_a_rule_fails_the_check() {
    let typo = edited_copy("prometheus.yml", |t| {
        assert!(t.contains("scrape_interval:"));
        t.replacen("scrape_interval:", "scrape_intervall:", 1)
    });
    let out = tool(
        "promtool",
        &["check", "config", "prometheus.yml"],
        typo.path(),
    );
    assert!(
        !out.status.success(),
        "a misspelt field passed: {}",
        text(&out)
    );
    assert!(text(&out).contains("scrape_intervall"), "{}", text(&out));

    let broken = edited_copy("alerts.yml", |t| {
        let good = "sum by (topic) (kafka_consumer_lag) > 1000";
        assert!(t.contains(good));
        t.replacen(good, "sum by (topic) (kafka_consumer_lag > 1000", 1)
    });
    let out = tool("promtool", &["check", "rules", "alerts.yml"], broken.path());
    assert!(
        !out.status.success(),
        "a broken expression passed: {}",
        text(&out)
    );
    assert!(text(&out).contains("alerts.yml"), "{}", text(&out));

    // And the config check follows rule_files: a broken rule fails `check config` too.
    let out = tool(
        "promtool",
        &["check", "config", "prometheus.yml"],
        broken.path(),
    );
    assert!(
        !out.status.success(),
        "check config missed a broken rule file"
    );
}

// --- metric names of PromQL expressions ---------------------------------------------------

/// Words of PromQL that are not metric names.
const PROMQL_WORDS: [&str; 14] = [
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "and",
    "or",
    "unless",
    "offset",
    "bool",
    "inf",
    "nan",
    "le",
];

/// Removes every balanced `open ... close` span (label matchers, ranges, label lists).
fn strip_spans(expr: &str, open: char, close: char) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in expr.chars() {
        if c == open {
            depth += 1;
        } else if c == close && depth > 0 {
            depth -= 1;
        } else if depth == 0 {
            out.push(c);
        }
    }
    out
}

/// The metric names a PromQL expression reads: identifiers that are not functions (followed
/// by `(`), keywords, label names (inside `{}` or `by (...)` lists), strings, ranges, or
/// Grafana variables.
fn metric_names(expr: &str) -> BTreeSet<String> {
    // Strings first (they may hold any character), then label matchers and ranges.
    let mut no_strings = String::new();
    let mut quote = None;
    for c in expr.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' || c == '`' => quote = Some(c),
            None => no_strings.push(c),
        }
    }
    let mut rest = strip_spans(&strip_spans(&no_strings, '{', '}'), '[', ']');
    // Label lists after grouping keywords: `by (a, b)`, `on(a)`, `group_left (x)`.
    for kw in [
        "by",
        "without",
        "on",
        "ignoring",
        "group_left",
        "group_right",
    ] {
        while let Some(at) = find_word(&rest, kw) {
            let after = &rest[at + kw.len()..];
            let trimmed = after.trim_start();
            if let Some(list) = trimmed.strip_prefix('(') {
                let end = list.find(')').expect("a closed label list");
                let skip = after.len() - trimmed.len() + 1 + end + 1;
                rest = format!("{} {}", &rest[..at], &rest[at + kw.len() + skip..]);
            } else {
                rest = format!("{} {}", &rest[..at], &rest[at + kw.len()..]);
            }
        }
    }
    let mut names = BTreeSet::new();
    let chars: Vec<char> = rest.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphabetic() || c == '_' || c == ':' {
            let preceded_by_dollar = i > 0 && chars[i - 1] == '$';
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || "_:".contains(chars[i])) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let next = chars[i..].iter().find(|c| !c.is_whitespace());
            let is_call = next == Some(&'(');
            if !preceded_by_dollar && !is_call && !PROMQL_WORDS.contains(&word.as_str()) {
                names.insert(word);
            }
        } else if c.is_ascii_digit() || c == '.' {
            // A number (possibly 1e3): skip it whole.
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    names
}

/// Byte index of `word` as a whole word in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(pos) = text[from..].find(word) {
        let at = from + pos;
        let before = at.checked_sub(1).map(|i| bytes[i] as char);
        let after = bytes.get(at + word.len()).map(|b| *b as char);
        let is_ident = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if !is_ident(before) && !is_ident(after) && before != Some('$') {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

#[test]
fn metric_names_are_found_in_promql_with_functions_labels_and_grafana_variables() {
    let names = metric_names(
        r#"histogram_quantile(0.95, sum by (le, topic) (rate(kafka_consumer_processing_seconds_bucket{topic=~"$topic", status!="x by (y)"}[$__rate_interval])))"#,
    );
    assert_eq!(
        names,
        ["kafka_consumer_processing_seconds_bucket".to_string()].into()
    );
    let names = metric_names(
        "sum by (topic) (delta(kafka_consumer_lag[5m])) > 0 and (sum by (topic) (rate(a_total[5m])) or sum by (topic) (kafka_consumer_lag) * 0) == 0",
    );
    assert_eq!(
        names,
        ["a_total".to_string(), "kafka_consumer_lag".to_string()].into()
    );
    let names = metric_names("time() - max by (t) (x_seconds offset 5m) unless on (t) up == 1e3");
    assert_eq!(names, ["up".to_string(), "x_seconds".to_string()].into());
}

/// Every PromQL expression of the dashboard: panel targets and templating queries.
fn dashboard_exprs() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(DASHBOARD).expect("the Grafana dashboard");
    let dash: Json = serde_json::from_str(&text).expect("the dashboard is JSON");
    let mut exprs = Vec::new();
    fn panels(list: &Json, out: &mut Vec<(String, String)>) {
        for p in list.as_array().into_iter().flatten() {
            let title = p["title"].as_str().unwrap_or_default().to_string();
            for t in p["targets"].as_array().into_iter().flatten() {
                if let Some(e) = t["expr"].as_str() {
                    out.push((title.clone(), e.to_string()));
                }
            }
            panels(&p["panels"], out);
        }
    }
    panels(&dash["panels"], &mut exprs);
    for v in dash["templating"]["list"].as_array().into_iter().flatten() {
        if let Some(q) = v["query"]["query"].as_str().or(v["query"].as_str()) {
            // label_values(metric, label): the metric is the first argument.
            let inner = q
                .trim()
                .strip_prefix("label_values(")
                .map(|r| r.split(',').next().unwrap_or_default().to_string())
                .unwrap_or_else(|| q.to_string());
            exprs.push((format!("variable {}", v["name"]), inner));
        }
    }
    exprs
}

#[test]
fn the_dashboard_covers_every_view_the_original_listed() {
    let exprs = dashboard_exprs();
    assert!(exprs.len() >= 15, "only {} queries", exprs.len());
    let all: BTreeSet<String> = exprs.iter().flat_map(|(_, e)| metric_names(e)).collect();
    for (view, metric) in [
        ("throughput", "kafka_consumer_messages_processed_total"),
        ("failed messages", "kafka_consumer_processing_errors_total"),
        ("lag per partition", "kafka_consumer_lag"),
        ("lag in seconds", "kafka_consumer_lag_seconds"),
        (
            "processing time quantiles",
            "kafka_consumer_processing_seconds_bucket",
        ),
        ("retries", "kafka_consumer_message_retries_total"),
        ("DLQ by reason", "kafka_consumer_dlq_messages_total"),
        ("partitions", "kafka_consumer_messages_consumed_total"),
        ("instances", "kafka_consumer_assigned_partitions"),
        ("breaker state", "kafka_consumer_circuit_breaker_state"),
        ("producer", "kafka_producer_messages_acknowledged_total"),
        ("DLQ watcher", "kafka_dlq_messages_total"),
    ] {
        assert!(all.contains(metric), "no panel shows {view} ({metric})");
    }
    let quantiles = exprs
        .iter()
        .filter(|(_, e)| e.contains("histogram_quantile(") && e.contains("processing_seconds"))
        .count();
    assert!(
        quantiles >= 3,
        "p50/p95/p99 of processing time: {quantiles}"
    );
}

// --- a real Prometheus scraping real kmsg processes -------------------------------------------

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A running Prometheus server (killed when dropped) and its HTTP port.
struct Prometheus {
    port: u16,
    _process: Spawned,
    dir: tempfile::TempDir,
}

impl Prometheus {
    /// Starts Prometheus with the repo's prometheus.yml, rule files from the repo, 1 s
    /// intervals, and each job's targets replaced by `targets[job]`.
    fn start(targets: &BTreeMap<&str, Vec<String>>) -> Prometheus {
        let dir = tempfile::tempdir().expect("tempdir");
        let port = free_port();
        let mut config = read_yaml(&Path::new(PROMETHEUS_DIR).join("prometheus.yml"));
        config["global"]["scrape_interval"] = "1s".into();
        config["global"]["scrape_timeout"] = "1s".into();
        config["global"]["evaluation_interval"] = "1s".into();
        let rules: Vec<Yaml> = config["rule_files"]
            .as_sequence()
            .expect("prometheus.yml has rule_files")
            .iter()
            .map(|f| {
                let path = Path::new(PROMETHEUS_DIR).join(f.as_str().expect("a path"));
                assert!(path.exists(), "rule file {} is missing", path.display());
                Yaml::from(path.display().to_string())
            })
            .collect();
        config["rule_files"] = Yaml::Sequence(rules);
        let jobs = config["scrape_configs"]
            .as_sequence_mut()
            .expect("prometheus.yml has scrape_configs");
        let names: Vec<String> = jobs
            .iter()
            .map(|j| j["job_name"].as_str().expect("job_name").to_string())
            .collect();
        assert_eq!(names, JOBS, "the scrape jobs of prometheus.yml changed");
        for job in jobs.iter_mut() {
            let name = job["job_name"].as_str().expect("job_name").to_string();
            let list: Vec<Yaml> = if name == "prometheus" {
                vec![format!("127.0.0.1:{port}").into()]
            } else {
                targets[name.as_str()]
                    .iter()
                    .map(|t| t.clone().into())
                    .collect()
            };
            let mut sc = serde_yaml::Mapping::new();
            sc.insert("targets".into(), Yaml::Sequence(list));
            job["static_configs"] = Yaml::Sequence(vec![Yaml::Mapping(sc)]);
        }
        let config_path = dir.path().join("prometheus.yml");
        std::fs::write(&config_path, serde_yaml::to_string(&config).expect("yaml")).expect("write");
        let log = std::fs::File::create(dir.path().join("prometheus.log")).expect("log file");
        let child = Command::new("prometheus")
            .arg(format!("--config.file={}", config_path.display()))
            .arg(format!(
                "--storage.tsdb.path={}",
                dir.path().join("data").display()
            ))
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start `prometheus` ({e}): scripts/test.sh installs it")
            });
        let prometheus = Prometheus {
            port,
            _process: Spawned::from(child),
            dir,
        };
        crate::harness::eventually(Duration::from_secs(30), "Prometheus ready", || {
            http_get_within(port, "/-/ready", Duration::from_secs(10))
                .is_some_and(|(s, _)| s == 200)
        });
        prometheus
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("prometheus.log")).unwrap_or_default()
    }

    fn api(&self, path: &str) -> Json {
        let (status, body) = http_get_within(self.port, path, Duration::from_secs(10))
            .unwrap_or_else(|| panic!("Prometheus did not answer {path}:\n{}", self.log()));
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(&body).expect("Prometheus answers JSON")
    }

    /// An instant query: each result's labels and value.
    fn query(&self, promql: &str) -> Vec<(BTreeMap<String, String>, f64)> {
        let answer = self.api(&format!("/api/v1/query?query={}", url_encode(promql)));
        answer["data"]["result"]
            .as_array()
            .expect("a vector")
            .iter()
            .map(|r| {
                let labels = r["metric"]
                    .as_object()
                    .expect("labels")
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect();
                let value = r["value"][1]
                    .as_str()
                    .expect("a value")
                    .parse()
                    .expect("f64");
                (labels, value)
            })
            .collect()
    }

    /// The single value of a query that yields one series (None when it yields none).
    fn value(&self, promql: &str) -> Option<f64> {
        let r = self.query(promql);
        assert!(r.len() <= 1, "{promql} gave {} series: {r:?}", r.len());
        r.first().map(|(_, v)| *v)
    }

    /// Active alerts: (name, state, labels).
    fn alerts(&self) -> Vec<(String, String, BTreeMap<String, String>)> {
        self.api("/api/v1/alerts")["data"]["alerts"]
            .as_array()
            .expect("alerts")
            .iter()
            .map(|a| {
                let labels: BTreeMap<String, String> = a["labels"]
                    .as_object()
                    .expect("labels")
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect();
                (
                    labels["alertname"].clone(),
                    a["state"].as_str().unwrap_or_default().to_string(),
                    labels,
                )
            })
            .collect()
    }
}

/// Waits until `check` passes against Prometheus, printing what it last saw on failure.
fn until(limit: Duration, what: &str, mut check: impl FnMut() -> Result<(), String>) {
    let deadline = std::time::Instant::now() + limit;
    loop {
        match check() {
            Ok(()) => return,
            Err(last) if std::time::Instant::now() >= deadline => {
                panic!("timed out waiting for {what}: {last}")
            }
            Err(_) => std::thread::sleep(Duration::from_millis(500)),
        }
    }
}

fn same(what: &str, got: Option<f64>, want: f64) -> Result<(), String> {
    if got == Some(want) {
        Ok(())
    } else {
        Err(format!("{what} = {got:?}, want {want}"))
    }
}

/// Names of the samples a live /metrics endpoint exposes.
fn exposed_names(port: u16) -> BTreeSet<String> {
    let (status, body) = http_get(port, "/metrics").expect("/metrics answers");
    assert_eq!(status, 200);
    body.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            l.split(['{', ' '])
                .next()
                .expect("a sample name")
                .to_string()
        })
        .collect()
}

/// The samples of a /metrics text: (name, labels between the braces, value).
fn samples(body: &str) -> Vec<(String, String, f64)> {
    body.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let name = l.split(['{', ' ']).next().expect("a sample name");
            let labels = l
                .strip_prefix(name)
                .and_then(|r| r.strip_prefix('{'))
                .and_then(|r| r.split_once('}'))
                .map_or("", |(labels, _)| labels);
            let value = l
                .rsplit(' ')
                .next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("a sample without a value: {l}"));
            (name.to_string(), labels.to_string(), value)
        })
        .collect()
}

/// Every metric name the dashboard's panels and variables and the alert rules read.
fn used_metric_names() -> BTreeSet<String> {
    dashboard_exprs()
        .into_iter()
        .map(|(_, e)| e)
        .chain(alert_exprs())
        .flat_map(|e| metric_names(&e))
        .collect()
}

#[test]
fn an_idle_consumer_exposes_every_family_the_dashboard_and_alerts_read_before_any_message() {
    // Read from the dashboard and the rules themselves: a new panel or alert is covered.
    let used = used_metric_names();
    for name in &used {
        assert!(
            ["kafka_consumer_", "kafka_producer_", "kafka_dlq_"]
                .iter()
                .any(|p| name.starts_with(p))
                || name == "up",
            "{name} is read by the dashboard or an alert but served by no kmsg command"
        );
    }
    let wanted: BTreeSet<&String> = used
        .iter()
        .filter(|n| n.starts_with("kafka_consumer_"))
        .collect();
    for name in [
        "kafka_consumer_message_retries_total",
        "kafka_consumer_lag_seconds",
    ] {
        assert!(wanted.contains(&name.to_string()), "{name} is not read");
    }

    let (input, _, dlq) = pipeline_topics("monidle", 3);
    let port = free_port();
    let consumer = spawn_kmsg(&[
        "consume",
        "--group",
        &unique("monidle-g"),
        "--topic",
        &input,
        "--dlq-topic",
        &dlq,
        "--metrics-addr",
        &format!("127.0.0.1:{port}"),
        "--idle-timeout",
        "120s",
    ]);
    // The first answer of the endpoint, whether the member has joined its group yet or not.
    let mut first = String::new();
    crate::harness::eventually(
        Duration::from_secs(30),
        "/metrics answers",
        || match http_get(port, "/metrics") {
            Some((200, body)) => {
                first = body;
                true
            }
            _ => false,
        },
    );
    // Then with its partitions: ready, and their lag told (statistics come every 3 s).
    let mut assigned = String::new();
    crate::harness::eventually(
        Duration::from_secs(60),
        "ready, with the lag in time of 3 partitions",
        || {
            let ready = http_get(port, "/readyz").is_some_and(|(s, _)| s == 200);
            assigned = http_get(port, "/metrics").map(|r| r.1).unwrap_or_default();
            ready
                && samples(&assigned)
                    .iter()
                    .filter(|(n, l, _)| n == "kafka_consumer_lag_seconds" && l.contains(&input))
                    .count()
                    == 3
        },
    );
    let assigned_samples = samples(&assigned);
    let per_partition: BTreeSet<&String> = assigned_samples
        .iter()
        .filter(|(_, l, _)| l.contains("partition=\""))
        .map(|(n, _, _)| n)
        .collect();
    let first_names: BTreeSet<String> = samples(&first).into_iter().map(|(n, _, _)| n).collect();
    let assigned_names: BTreeSet<&String> = assigned_samples.iter().map(|(n, _, _)| n).collect();
    for name in &wanted {
        assert!(
            assigned_names.contains(name),
            "{name} (read by the dashboard or an alert) is missing before any message:\n{assigned}"
        );
        assert!(
            per_partition.contains(name) || first_names.contains(*name),
            "{name} is missing from the first scrape (it has no partition label, so nothing \
             needs to be assigned first):\n{first}"
        );
    }
    // Nothing was consumed: the three partitions' counters are there, at 0.
    let consumed: Vec<f64> = assigned_samples
        .iter()
        .filter(|(n, l, _)| n == "kafka_consumer_messages_consumed_total" && l.contains(&input))
        .map(|(_, _, v)| *v)
        .collect();
    assert_eq!(consumed, [0.0; 3], "{assigned}");
    assert!(
        assigned.contains(&format!(
            "kafka_consumer_message_retries_total{{topic=\"{input}\"}} 0"
        )),
        "{assigned}"
    );
    signal(consumer.id(), libc::SIGTERM);
    let out = wait_bounded(consumer, Duration::from_secs(60));
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn a_producer_and_a_dlq_watcher_expose_every_family_the_dashboard_and_alerts_read_from_the_start() {
    let used = used_metric_names();
    // The newest dead letter's timestamp has no true zero (a 0 would read as 56 years ago):
    // it appears with the first dead letter, and the panel's "no data" says there is none.
    let wanted = |prefix: &str| -> Vec<String> {
        used.iter()
            .filter(|n| n.starts_with(prefix))
            .filter(|n| n.as_str() != "kafka_dlq_last_message_timestamp_seconds")
            .cloned()
            .collect()
    };
    let producer_names = wanted("kafka_producer_");
    let dlq_names = wanted("kafka_dlq_");
    assert!(producer_names.contains(&"kafka_producer_messages_failed_total".to_string()));
    assert!(dlq_names.contains(&"kafka_dlq_messages_total".to_string()));

    let (input, _, dlq) = pipeline_topics("monstart", 3);
    let [producer, watcher] = [0; 2].map(|_| free_port());
    // One message a second: nothing fails, so a failure series exists only if kmsg made it.
    let produce = spawn_kmsg(&[
        "produce",
        "--topic",
        &input,
        "--generate",
        "login",
        "--rate",
        "1",
        "--duration",
        "60s",
        "--metrics-addr",
        &format!("127.0.0.1:{producer}"),
    ]);
    // An empty DLQ: nothing has been seen.
    let watch = spawn_kmsg(&[
        "dlq",
        "watch",
        "--topic",
        &dlq,
        "--group",
        &unique("monstart-watch"),
        "--metrics-addr",
        &format!("127.0.0.1:{watcher}"),
        "--idle-timeout",
        "120s",
    ]);
    for (port, names) in [(producer, &producer_names), (watcher, &dlq_names)] {
        let mut body = String::new();
        crate::harness::eventually(
            Duration::from_secs(30),
            "/metrics answers",
            || match http_get(port, "/metrics") {
                Some((200, b)) => {
                    body = b;
                    true
                }
                _ => false,
            },
        );
        let present: BTreeSet<String> = samples(&body).into_iter().map(|(n, _, _)| n).collect();
        for name in names.iter() {
            assert!(
                present.contains(name),
                "{name} (read by the dashboard or an alert) is missing from the start:\n{body}"
            );
        }
    }
    let zero = |port: u16, series: &str| {
        let body = http_get(port, "/metrics").map(|r| r.1).unwrap_or_default();
        assert!(body.contains(series), "{series} not in:\n{body}");
    };
    zero(
        producer,
        &format!("kafka_producer_messages_failed_total{{reason=\"message_timed_out\",topic=\"{input}\"}} 0"),
    );
    zero(
        watcher,
        &format!(
            "kafka_dlq_messages_total{{original_topic=\"{input}\",reason=\"schema_validation\"}} 0"
        ),
    );
    for child in [produce, watch] {
        signal(child.id(), libc::SIGTERM);
        let out = wait_bounded(child, Duration::from_secs(60));
        assert!(
            out.status.success() || out.status.code() == Some(130),
            "{out:?}"
        );
    }
}

#[test]
fn a_real_prometheus_scrapes_live_kmsg_and_fires_alerts_and_the_dashboard_metrics_exist() {
    let (input, output, dlq) = pipeline_topics("mon", 3);
    let (stalled, _, stalled_dlq) = pipeline_topics("monstall", 3);
    let group = unique("mon-g");
    let [consumer, breaker, producer, oversize, watcher] = [0; 5].map(|_| free_port());
    let addr = |p: u16| format!("127.0.0.1:{p}");

    // The pipeline: every valid message fails once (a retry each), then is forwarded.
    let consumer_process = spawn_kmsg(&[
        "consume",
        "--group",
        &group,
        "--topic",
        &input,
        "--output-topic",
        &output,
        "--dlq-topic",
        &dlq,
        "--schema",
        SCHEMA,
        "--fail-first",
        "1",
        "--retry-backoff",
        "10ms",
        "--instance-id",
        "mon-consumer",
        "--metrics-addr",
        &addr(consumer),
        "--idle-timeout",
        "120s",
    ]);
    // A member whose downstream always fails: its breaker opens and stays open, so its
    // partitions stay paused and every message waits (lag).
    let _breaker = spawn_kmsg(&[
        "consume",
        "--group",
        &unique("mon-stall"),
        "--topic",
        &stalled,
        "--dlq-topic",
        &stalled_dlq,
        "--fail-rate",
        "1",
        "--breaker-threshold",
        "1",
        "--breaker-timeout",
        "10m",
        "--instance-id",
        "mon-breaker",
        "--metrics-addr",
        &addr(breaker),
        "--idle-timeout",
        "120s",
    ]);
    let _watcher = spawn_kmsg(&[
        "dlq",
        "watch",
        "--topic",
        &dlq,
        "--group",
        &unique("mon-watch"),
        "--metrics-addr",
        &addr(watcher),
        "--idle-timeout",
        "120s",
    ]);
    let targets: BTreeMap<&str, Vec<String>> = [
        ("kmsg-producer", vec![addr(producer), addr(oversize)]),
        ("kmsg-consumer", vec![addr(consumer), addr(breaker)]),
        ("kmsg-dlq-watch", vec![addr(watcher)]),
    ]
    .into();
    let prom = Prometheus::start(&targets);

    // Scraped once before any message: the DLQ series appear later, the way they do in a
    // running system (a counter series is created by its first increment).
    until(Duration::from_secs(30), "first scrapes", || {
        same(
            "up of consumers and watcher",
            prom.value(r#"sum(up{job=~"kmsg-consumer|kmsg-dlq-watch"})"#),
            3.0,
        )
    });

    // 300 login events, 10% bad of several kinds (reproducible with the seed), and 30 good
    // ones for the member whose breaker will open. The producer serves its metrics while
    // it runs and for a while after, so Prometheus sees its final counts.
    const COUNT: usize = 300;
    const STALLED: usize = 30;
    const STALLED_BEFORE_OPEN: usize = 5;
    let producing = spawn_kmsg(&[
        "produce",
        "--topic",
        &input,
        "--generate",
        "login",
        "--count",
        &COUNT.to_string(),
        "--invalid-ratio",
        "0.1",
        "--seed",
        "42",
        "--metrics-addr",
        &addr(producer),
        "--metrics-linger",
        "60s",
        "--quiet",
    ]);
    // Two messages bigger than the producer accepts: delivery failures, by reason.
    let failing = spawn_kmsg(&[
        "produce",
        "--topic",
        &stalled_dlq,
        "--generate",
        "posts",
        "--size",
        "2000000",
        "--count",
        "2",
        "--metrics-addr",
        &addr(oversize),
        "--metrics-linger",
        "60s",
        "--quiet",
    ]);
    // The stalled member: its first message opens the breaker and pauses its partitions;
    // what arrives after that must still count as lag (nothing is fetched while paused, so
    // librdkafka's statistics keep a stale end offset; kmsg asks the broker instead).
    let produce_stalled = |n: usize| {
        kmsg_on_cluster()
            .args(["produce", "--topic", &stalled, "--generate", "login"])
            .args(["--count", &n.to_string(), "--quiet"])
            .assert()
            .success();
    };
    produce_stalled(STALLED_BEFORE_OPEN);
    crate::harness::eventually(
        Duration::from_secs(60),
        "the stalled member's breaker opens",
        || {
            crate::harness::http_get(breaker, "/metrics").is_some_and(|(_, text)| {
                crate::harness::metric(
                    &text,
                    r#"kafka_consumer_circuit_breaker_state{state="open"}"#,
                ) == Some(1.0)
            })
        },
    );
    produce_stalled(STALLED - STALLED_BEFORE_OPEN);

    // What really happened, read back with kcat.
    let mut reasons: BTreeMap<String, f64> = BTreeMap::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    let forwarded = loop {
        let out = kcat_read(&output).len();
        let dead = kcat_read(&dlq);
        reasons.clear();
        for r in &dead {
            let reason = r
                .header("kmsg.dlq.error.class")
                .expect("a dead letter has its reason")
                .to_string();
            *reasons.entry(reason).or_default() += 1.0;
        }
        let seen = out + dead.len();
        if seen == COUNT {
            break out;
        }
        if seen > COUNT || std::time::Instant::now() >= deadline {
            let log = consumer_process.kill_for_output();
            panic!(
                "{out} forwarded + {} dead-lettered of {COUNT} produced{}; the consumer's log:\n{}",
                dead.len(),
                if seen > COUNT {
                    " (some twice)"
                } else {
                    " after 90 s"
                },
                String::from_utf8_lossy(&log.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    let dead: f64 = reasons.values().sum();
    assert!(
        forwarded > 0 && dead > 0.0,
        "{forwarded} forwarded, {dead} dead"
    );
    assert!(reasons.len() >= 2, "several bad kinds: {reasons:?}");

    // Each query and the value the test caused, as counted above (or by construction).
    let t = &input;
    let expected: Vec<(&str, String, f64)> = vec![
        (
            "processed success",
            format!(
                r#"sum(kafka_consumer_messages_processed_total{{topic="{t}",status="success"}})"#
            ),
            forwarded as f64,
        ),
        (
            "processed dlq",
            format!(r#"sum(kafka_consumer_messages_processed_total{{topic="{t}",status="dlq"}})"#),
            dead,
        ),
        (
            "consumed from every partition",
            format!(r#"sum(kafka_consumer_messages_consumed_total{{topic="{t}"}})"#),
            COUNT as f64,
        ),
        (
            "retries (one per valid message)",
            format!(r#"sum(kafka_consumer_message_retries_total{{topic="{t}"}})"#),
            forwarded as f64,
        ),
        (
            "dead letters seen by the watcher",
            format!(r#"sum(kafka_dlq_messages_total{{original_topic="{t}"}})"#),
            dead,
        ),
        (
            "lag of the busy consumer",
            format!(r#"sum(kafka_consumer_lag{{topic="{t}"}})"#),
            0.0,
        ),
        (
            "lag series (one per partition)",
            format!(r#"count(kafka_consumer_lag{{topic="{t}"}})"#),
            3.0,
        ),
        (
            "lag in seconds of the busy consumer",
            format!(r#"sum(kafka_consumer_lag_seconds{{topic="{t}"}})"#),
            0.0,
        ),
        (
            "lag in seconds series (one per partition)",
            format!(r#"count(kafka_consumer_lag_seconds{{topic="{t}"}})"#),
            3.0,
        ),
        (
            "lag behind the open breaker",
            format!(r#"sum(kafka_consumer_lag{{topic="{stalled}"}})"#),
            STALLED as f64,
        ),
        (
            "breaker open on the failing member",
            format!(
                r#"kafka_consumer_circuit_breaker_state{{state="open",instance="{}"}}"#,
                addr(breaker)
            ),
            1.0,
        ),
        (
            "producer acknowledged",
            format!(r#"sum(kafka_producer_messages_acknowledged_total{{topic="{t}"}})"#),
            COUNT as f64,
        ),
        (
            "producer sent",
            format!(r#"sum(kafka_producer_messages_sent_total{{topic="{t}"}})"#),
            COUNT as f64,
        ),
        (
            "delivery latency observations",
            format!(r#"sum(kafka_producer_delivery_latency_seconds_count{{topic="{t}"}})"#),
            COUNT as f64,
        ),
        (
            "oversize messages failed",
            format!(
                r#"sum(kafka_producer_messages_failed_total{{topic="{stalled_dlq}",reason="message_size_too_large"}})"#
            ),
            2.0,
        ),
    ];
    until(
        Duration::from_secs(60),
        "Prometheus to see the counts",
        || {
            for (what, query, want) in &expected {
                same(what, prom.value(query), *want)?;
            }
            // The messages behind the open breaker wait: their age grows.
            let waited = prom.value(&format!(
                r#"max(kafka_consumer_lag_seconds{{topic="{stalled}"}})"#
            ));
            if !waited.is_some_and(|s| s > 0.0) {
                return Err(format!(
                    "lag in seconds behind the open breaker: {waited:?}"
                ));
            }
            let by_reason: BTreeMap<String, f64> = prom
                // Every reason's series exists from start-up, at 0: those that counted.
                .query(&format!(
                    r#"sum by (reason) (kafka_consumer_dlq_messages_total{{topic="{t}"}}) > 0"#
                ))
                .into_iter()
                .map(|(l, v)| (l["reason"].clone(), v))
                .collect();
            if by_reason != reasons {
                return Err(format!("DLQ by reason {by_reason:?}, want {reasons:?}"));
            }
            Ok(())
        },
    );

    // The alerts those values cause: dead letters fire at once, one alert per reason; the
    // open breaker is pending (it fires after 3 minutes).
    until(Duration::from_secs(30), "the alerts", || {
        let alerts = prom.alerts();
        let firing_reasons: BTreeSet<String> = alerts
            .iter()
            .filter(|(n, s, l)| n == "KafkaDlqMessages" && s == "firing" && l["topic"] == input)
            .map(|(_, _, l)| l["reason"].clone())
            .collect();
        let want: BTreeSet<String> = reasons.keys().cloned().collect();
        if firing_reasons != want {
            return Err(format!(
                "KafkaDlqMessages firing for {firing_reasons:?}, want {want:?}: {alerts:?}"
            ));
        }
        let breaker_pending = alerts.iter().any(|(n, s, l)| {
            n == "KafkaConsumerCircuitBreakerOpen"
                && s == "pending"
                && l["instance"] == addr(breaker)
        });
        if !breaker_pending {
            return Err(format!(
                "no pending KafkaConsumerCircuitBreakerOpen: {alerts:?}"
            ));
        }
        // The stalled member's calls all fail and nothing is processed: its error rate is
        // pending too. rate() sees its first errors because the error counters exist, at 0,
        // from start-up (a series created by its first increment would show no increase).
        let stalled_errors = alerts.iter().any(|(n, s, l)| {
            n == "KafkaConsumerErrorRateHigh" && s == "pending" && l["topic"] == stalled
        });
        if !stalled_errors {
            return Err(format!(
                "no pending KafkaConsumerErrorRateHigh for {stalled}: {alerts:?}"
            ));
        }
        // Also legitimately pending: the error rate of the pipeline (every valid message
        // failed once) and a stuck consumer on the stalled topic. Nothing else may be active.
        let others: Vec<_> = alerts
            .iter()
            .filter(|(n, s, l)| match n.as_str() {
                "KafkaDlqMessages" | "KafkaConsumerCircuitBreakerOpen" => false,
                "KafkaConsumerErrorRateHigh" => {
                    !(s == "pending" && (l["topic"] == input || l["topic"] == stalled))
                }
                "KafkaConsumerStuck" => !(s == "pending" && l["topic"] == stalled),
                _ => true,
            })
            .collect();
        if !others.is_empty() {
            return Err(format!("unexpected alerts: {others:?}"));
        }
        Ok(())
    });

    // Every metric of every dashboard panel and alert rule is one these live processes
    // expose (`up` is Prometheus's own).
    let mut exposed = BTreeSet::new();
    for port in [consumer, breaker, producer, oversize, watcher] {
        exposed.extend(exposed_names(port));
    }
    for (panel, expr) in dashboard_exprs() {
        for name in metric_names(&expr) {
            assert!(
                exposed.contains(&name),
                "dashboard panel {panel:?} queries {name}, which no kmsg process exports \
                 (exported: {exposed:?})"
            );
        }
    }
    for expr in alert_exprs() {
        for name in metric_names(&expr) {
            assert!(
                name == "up" || exposed.contains(&name),
                "alert rule `{expr}` reads {name}, which no kmsg process exports"
            );
        }
    }
    drop((producing, failing));
}
