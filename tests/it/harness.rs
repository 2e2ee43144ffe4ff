//! The test harness: how to run the built `kmsg`, where the shared test cluster is, random
//! names so tests never collide, ports below the ephemeral range, and the HTTP servers
//! (axum) and client (reqwest) the tests talk to kmsg with.

use std::collections::{BTreeMap, BTreeSet};
use std::net::TcpListener;
use std::time::Duration;

use assert_cmd::Command;

/// The bootstrap of the shared real cluster. Panics loudly when there is none: a test that
/// needs Kafka must never pass (or be skipped) without it.
pub fn bootstrap() -> String {
    match std::env::var("KMSG_TEST_BOOTSTRAP") {
        Ok(b) if !b.is_empty() => b,
        _ => panic!(
            "KMSG_TEST_BOOTSTRAP is not set: this test needs the real three-broker cluster. \
             Run the suite with `scripts/test.sh`, which fetches Kafka, starts the cluster and sets it."
        ),
    }
}

/// The Kafka distribution the suite uses (for tests that start clusters of their own).
pub fn kafka_home() -> String {
    match std::env::var("KAFKA_HOME") {
        Ok(h) if !h.is_empty() => h,
        _ => panic!(
            "KAFKA_HOME is not set: run the suite with `scripts/test.sh`, which fetches Kafka"
        ),
    }
}

/// The Confluent-compatible API of the shared schema registry (an in-memory Apicurio Registry
/// that `scripts/test.sh` starts once per run), e.g. `http://127.0.0.1:PORT/apis/ccompat/v7`,
/// without a trailing slash. Panics loudly when there is none.
pub fn registry_url() -> String {
    match std::env::var("KMSG_TEST_REGISTRY_URL") {
        Ok(u) if !u.is_empty() => u.trim_end_matches('/').to_string(),
        _ => panic!(
            "KMSG_TEST_REGISTRY_URL is not set: this test needs the schema registry. Run the suite \
             with `scripts/test.sh`, which fetches Apicurio Registry (scripts/fetch-registry.sh), \
             starts it and sets the variable to its http://127.0.0.1:PORT/apis/ccompat/v7."
        ),
    }
}

/// The Python of the virtualenv holding the independent schema-registry client (Confluent's
/// `confluent_kafka` serializers, tests/it/py/requirements.txt). Panics loudly when unset.
pub fn python() -> std::path::PathBuf {
    match std::env::var("KMSG_TEST_PYTHON") {
        Ok(p) if !p.is_empty() => p.into(),
        _ => panic!(
            "KMSG_TEST_PYTHON is not set: this test runs the Python schema-registry client. Run the \
             suite with `scripts/test.sh`, which makes the virtualenv .cache/pyvenv from \
             tests/it/py/requirements.txt and sets the variable to its python."
        ),
    }
}

/// A helper script of tests/it/py (`sr_write.py`, `sr_read.py`), by file name.
pub fn py_script(name: &str) -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/py")
        .join(name);
    assert!(path.is_file(), "no helper script {}", path.display());
    path
}

/// A schema file shipped with kmsg (`schemas/login.avsc`, `schemas/login.proto`,
/// `schema.json`), by its path in the repository.
pub fn repo_file(path: &str) -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    assert!(path.is_file(), "no file {}", path.display());
    path
}

/// Runs `sr_write.py` (Confluent's serializer for `format`: avro, protobuf or json) on the
/// shared cluster and registry: writes `values` (one JSON object each) to `topic`, the schema
/// registered from `schema` under `<topic>-value` (or `subject`), keys "1", "2", ... Asserts
/// it succeeded and wrote them all.
#[track_caller]
pub fn sr_write(
    topic: &str,
    format: &str,
    schema: &std::path::Path,
    subject: Option<&str>,
    values: &[serde_json::Value],
) {
    let stdin: String = values.iter().map(|v| format!("{v}\n")).collect();
    let mut cmd = Command::new(python());
    cmd.arg(py_script("sr_write.py"))
        .args(["--bootstrap", &bootstrap(), "--registry", &registry_url()])
        .args(["--topic", topic, "--format", format, "--schema"])
        .arg(schema);
    if let Some(subject) = subject {
        cmd.args(["--subject", subject]);
    }
    let out = cmd
        .write_stdin(stdin)
        .timeout(Duration::from_secs(120))
        .output()
        .expect("run sr_write.py");
    assert!(
        out.status.success(),
        "sr_write.py --format {format} to {topic} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        values.len().to_string(),
        "sr_write.py should report every record written"
    );
}

/// Runs `sr_read.py`: the first `count` records of `topic`, decoded by Confluent's
/// deserializer for `format` (the writer's schema fetched from the registry by id), as JSON
/// values in the order read. Asserts it succeeded within `timeout`.
#[track_caller]
pub fn sr_read(
    topic: &str,
    format: &str,
    schema: &std::path::Path,
    count: usize,
    timeout: Duration,
) -> Vec<serde_json::Value> {
    let out = Command::new(python())
        .arg(py_script("sr_read.py"))
        .args(["--bootstrap", &bootstrap(), "--registry", &registry_url()])
        .args(["--topic", topic, "--format", format, "--schema"])
        .arg(schema)
        .args(["--count", &count.to_string()])
        .args(["--timeout", &timeout.as_secs().to_string()])
        .timeout(timeout + Duration::from_secs(60))
        .output()
        .expect("run sr_read.py");
    assert!(
        out.status.success(),
        "sr_read.py --format {format} of {topic} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out.stdout)
}

/// An HTTP GET of `path` (e.g. `/subjects`) on the shared schema registry's Confluent API:
/// (status, body parsed as JSON). Panics when the registry does not answer within 10 s.
pub fn registry_get(path: &str) -> (u16, serde_json::Value) {
    let url = format!("{}{path}", registry_url());
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("an HTTP client");
    let (status, body) = test_runtime()
        .block_on(async {
            let response = client.get(&url).send().await?;
            let status = response.status().as_u16();
            Ok::<_, reqwest::Error>((status, response.text().await?))
        })
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let json = serde_json::from_str(&body)
        .unwrap_or_else(|e| panic!("GET {url}: {status}, not JSON ({e}): {body}"));
    (status, json)
}

/// Variables a spawned `kmsg` keeps from the test's environment: what finding programs (the
/// cluster launcher's java), a home and a temp dir need. Everything else (BOOTSTRAP_SERVERS,
/// GROUP_ID, the KMSG_* settings, RUST_LOG, ...) is cleared, so no test depends on the shell
/// it runs in.
const KEPT_ENV: [&str; 9] = [
    "PATH",
    "HOME",
    "TMPDIR",
    "LANG",
    "LC_ALL",
    "USER",
    "JAVA_HOME",
    "KAFKA_HOME",
    "XDG_STATE_HOME",
];

/// The one launcher of the built binary: a cleared environment (but [`KEPT_ENV`]) and no
/// colours. Every other way to start kmsg goes through it.
pub fn kmsg_process() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_kmsg"));
    cmd.env_clear();
    for var in KEPT_ENV {
        if let Some(v) = std::env::var_os(var) {
            cmd.env(var, v);
        }
    }
    cmd.env("NO_COLOR", "1");
    // No profile from the developer's own ~/.config/kmsg/config.toml (HOME is kept): the
    // config file's XDG location is a directory that does not exist.
    cmd.env("XDG_CONFIG_HOME", "/nonexistent-kmsg-test-config");
    cmd
}

/// The built binary (see [`kmsg_process`]), as an `assert_cmd` command bounded to 180 s.
pub fn kmsg() -> Command {
    let mut cmd = Command::from_std(kmsg_process());
    cmd.timeout(Duration::from_secs(180));
    cmd
}

/// A kmsg command line, built a piece at a time and run bounded in time; the asserting runs
/// report the caller's line.
#[must_use = "a command line does nothing until it is run"]
pub struct Kmsg {
    args: Vec<String>,
    env: Vec<(String, String)>,
    timeout: Duration,
}

impl Kmsg {
    /// `kmsg` with these leading arguments (usually the subcommand).
    pub fn new<S: AsRef<str>>(args: impl IntoIterator<Item = S>) -> Kmsg {
        Kmsg {
            args: args.into_iter().map(|a| a.as_ref().to_string()).collect(),
            env: Vec::new(),
            timeout: Duration::from_secs(180),
        }
    }

    /// `kmsg consume` on the shared cluster: a member of `group` reading `input` and
    /// forwarding to `output`; further options follow.
    pub fn consume(group: &str, input: &str, output: &str) -> Kmsg {
        Kmsg::new(["consume"])
            .on_cluster()
            .flag("-g", group)
            .flag("-t", input)
            .flag("--output-topic", output)
    }

    /// Pointed at the shared test cluster (panics when there is none).
    pub fn on_cluster(self) -> Kmsg {
        self.env("BOOTSTRAP_SERVERS", bootstrap())
    }

    pub fn arg(mut self, arg: impl AsRef<str>) -> Kmsg {
        self.args.push(arg.as_ref().to_string());
        self
    }

    /// Several arguments, in order.
    pub fn args<S: AsRef<str>>(mut self, args: impl IntoIterator<Item = S>) -> Kmsg {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_string()));
        self
    }

    /// `--name value`.
    pub fn flag(self, name: &str, value: impl std::fmt::Display) -> Kmsg {
        self.arg(name).arg(value.to_string())
    }

    /// `-o json`.
    pub fn json(self) -> Kmsg {
        self.flag("-o", "json")
    }

    pub fn env(mut self, key: &str, value: impl Into<String>) -> Kmsg {
        self.env.push((key.to_string(), value.into()));
        self
    }

    /// The longest the run may take (default 180 s); longer fails the test.
    pub fn timeout(mut self, limit: Duration) -> Kmsg {
        self.timeout = limit;
        self
    }

    /// As an `assert_cmd` command, for tests that want its assertions.
    pub fn command(self) -> Command {
        let mut cmd = kmsg();
        cmd.args(&self.args).timeout(self.timeout);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Starts it as a child process (stdin empty, stdout and stderr captured), killed if the
    /// test ends before waiting for it; the timeout does not apply (see [`wait_bounded`]).
    pub fn spawn(self) -> Spawned {
        let mut cmd = kmsg_process();
        cmd.args(&self.args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let line = format!("kmsg {}", self.args.join(" "));
        Spawned::from(
            cmd.spawn()
                .unwrap_or_else(|e| panic!("{line}: could not start: {e}")),
        )
    }

    /// Runs it to the end (or the timeout) and returns what it printed and its exit.
    #[track_caller]
    pub fn run(self) -> std::process::Output {
        let line = format!("kmsg {}", self.args.join(" "));
        self.command()
            .output()
            .unwrap_or_else(|e| panic!("{line}: could not run: {e}"))
    }

    /// Runs it and asserts the exit code (with its stderr in the failure message).
    #[track_caller]
    pub fn expect_code(self, code: i32) -> std::process::Output {
        let line = format!("kmsg {}", self.args.join(" "));
        let out = self.run();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{line}: exit {:?}, wanted {code}; stderr:\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Runs it, asserts the exit code and parses stdout as JSON lines.
    #[track_caller]
    pub fn expect_json(self, code: i32) -> Vec<serde_json::Value> {
        json_lines(&self.json().expect_code(code).stdout)
    }
}

/// `kmsg` pointed at the shared test cluster.
pub fn kmsg_on_cluster() -> Command {
    let mut cmd = kmsg();
    cmd.env("BOOTSTRAP_SERVERS", bootstrap());
    cmd
}

/// A name no other test (or earlier run) uses.
pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    )
}

/// Parses stdout as JSON lines.
pub fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
        .collect()
}

/// A base port such that `n` client ports and `n` controller ports (base + 1000) are free,
/// all below the kernel's ephemeral range: a cluster restarted on its ports must not find
/// one taken meanwhile by some client's outgoing connection (a CI run once failed so, the
/// restart finding port 40062 in use).
pub fn free_port_block(n: u16) -> u16 {
    let ephemeral_start = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u16>().ok())
        .unwrap_or(32768);
    let (low, high) = (10000u16, ephemeral_start.saturating_sub(1000 + n));
    assert!(
        high > low + 1000,
        "no room for test ports below the ephemeral range (starts at {ephemeral_start})"
    );
    for _ in 0..200 {
        let base = low + rand::random::<u16>() % (high - low);
        let all_free = (0..n).all(|i| {
            TcpListener::bind(("127.0.0.1", base + i)).is_ok()
                && TcpListener::bind(("127.0.0.1", base + 1000 + i)).is_ok()
        });
        if all_free {
            return base;
        }
    }
    panic!("no block of {n} free ports found on 127.0.0.1");
}

/// A listener bound on 127.0.0.1 below the ephemeral range, held from the moment its port
/// is chosen (no window for another process to take it between a probe and the bind).
pub fn bind_listener_below_ephemeral() -> TcpListener {
    for _ in 0..200 {
        let port = free_port_block(1);
        if let Ok(listener) = TcpListener::bind(("127.0.0.1", port)) {
            return listener;
        }
    }
    panic!("no free port to listen on found on 127.0.0.1");
}

/// Creates a topic on the shared cluster through kmsg itself.
pub fn create_topic(name: &str, partitions: u32, replication_factor: u32) {
    kmsg_on_cluster()
        .args(["topics", "create", name, "-p"])
        .arg(partitions.to_string())
        .arg("-r")
        .arg(replication_factor.to_string())
        .assert()
        .success();
}

/// Whether `kmsg topics list` on the shared cluster lists `topic`.
pub fn topic_listed(topic: &str) -> bool {
    let out = kmsg_on_cluster()
        .args(["topics", "list", "--output", "json"])
        .assert()
        .success();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    rows.iter().any(|r| r["topic"] == topic)
}

/// One record as the independent reader (kcat) saw it.
#[derive(Debug, Clone)]
pub struct ReadRecord {
    pub partition: i64,
    pub offset: i64,
    pub key: Option<String>,
    pub value: Option<String>,
    pub headers: Vec<(String, String)>,
}

impl ReadRecord {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Whether `topic` holds at least `n` records, read by kcat from the beginning. Unlike
/// `kcat_read`, which reads to the end, this stops after `n` records: on a topic still being
/// written to, the end keeps moving and a read to the end only stops when the writing does.
pub fn kcat_has_at_least(topic: &str, n: usize) -> bool {
    let out = std::process::Command::new("kcat")
        .args([
            "-C",
            "-b",
            &bootstrap(),
            "-t",
            topic,
            "-o",
            "beginning",
            "-e",
            "-q",
        ])
        .args(["-c", &n.to_string(), "-f", "x"])
        .output()
        .expect("kcat must be installed (scripts/test.sh installs it)");
    out.status.success() && out.stdout.len() >= n
}

/// Reads a whole topic with kcat (not with kmsg), from the beginning to the current end.
pub fn kcat_read(topic: &str) -> Vec<ReadRecord> {
    let out = std::process::Command::new("kcat")
        .args([
            "-C",
            "-b",
            &bootstrap(),
            "-t",
            topic,
            "-o",
            "beginning",
            "-e",
            "-q",
            "-J",
        ])
        .args(["-X", "isolation.level=read_committed"])
        .output()
        .expect("kcat must be installed (scripts/test.sh installs it)");
    assert!(
        out.status.success(),
        "kcat failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("kcat -J line {l:?}: {e}"));
            let headers = v["headers"]
                .as_array()
                .map(|h| {
                    h.chunks(2)
                        .map(|kv| {
                            (
                                kv[0].as_str().unwrap_or_default().to_string(),
                                kv.get(1)
                                    .and_then(|x| x.as_str())
                                    .unwrap_or_default()
                                    .to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            ReadRecord {
                partition: v["partition"].as_i64().unwrap(),
                offset: v["offset"].as_i64().unwrap(),
                key: v["key"].as_str().map(String::from),
                value: v["payload"].as_str().map(String::from),
                headers,
            }
        })
        .collect()
}

/// Raw bytes of a topic's records, printed by kcat with a format.
pub fn kcat_format(topic: &str, format: &str) -> Vec<u8> {
    let out = std::process::Command::new("kcat")
        .args([
            "-C",
            "-b",
            &bootstrap(),
            "-t",
            topic,
            "-o",
            "beginning",
            "-e",
            "-q",
            "-f",
            format,
        ])
        .output()
        .expect("kcat must be installed");
    assert!(
        out.status.success(),
        "kcat failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The raw values of a topic's records, byte for byte, read by kcat (not by kmsg) from the
/// beginning to the current end, in partition order (`-f '%S:%s'`: each value's length, then
/// the value). A record without a value (or with an empty one) is left out.
pub fn kcat_values(topic: &str) -> Vec<Vec<u8>> {
    let raw = kcat_format(topic, "%S:%s");
    let mut values = Vec::new();
    let mut rest = raw.as_slice();
    while !rest.is_empty() {
        let colon = rest
            .iter()
            .position(|&b| b == b':')
            .unwrap_or_else(|| panic!("kcat output without a length: {rest:?}"));
        let len: i64 = std::str::from_utf8(&rest[..colon])
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("kcat length {:?} is not a number", &rest[..colon]));
        rest = &rest[colon + 1..];
        let len = usize::try_from(len).unwrap_or(0); // -1: a record without a value
        assert!(rest.len() >= len, "kcat output ends inside a value");
        if len > 0 {
            values.push(rest[..len].to_vec());
        }
        rest = &rest[len..];
    }
    values
}

/// The Java client's partitioner (murmur2 of the key), to check kmsg partitions the same way.
pub fn java_partition(key: &[u8], partitions: u32) -> u32 {
    const M: u32 = 0x5bd1_e995;
    let len = key.len();
    let mut h: u32 = 0x9747_b28c ^ len as u32;
    let mut chunks = key.chunks_exact(4);
    for c in &mut chunks {
        let mut k = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        k = k.wrapping_mul(M);
        k ^= k >> 24;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M);
        h ^= k;
    }
    let tail = chunks.remainder();
    if tail.len() >= 3 {
        h ^= (tail[2] as u32) << 16;
    }
    if tail.len() >= 2 {
        h ^= (tail[1] as u32) << 8;
    }
    if !tail.is_empty() {
        h ^= tail[0] as u32;
        h = h.wrapping_mul(M);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^= h >> 15;
    (h & 0x7fff_ffff) % partitions
}

/// A `kmsg` child process that is killed if the test ends (or panics) before waiting for it,
/// so a failed test never leaves a consumer running.
pub struct Spawned {
    child: Option<std::process::Child>,
}

impl Spawned {
    pub fn id(&self) -> u32 {
        self.child.as_ref().map_or(0, |c| c.id())
    }

    /// True while the child has not exited.
    pub fn is_running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|c| matches!(c.try_wait(), Ok(None)))
    }

    /// Kills the child and returns what it printed (for a failure message).
    pub fn kill_for_output(mut self) -> std::process::Output {
        let mut child = self.child.take().expect("a running child");
        let _ = child.kill();
        child.wait_with_output().expect("wait for a killed child")
    }
}

impl From<std::process::Child> for Spawned {
    fn from(child: std::process::Child) -> Self {
        Spawned { child: Some(child) }
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Starts `kmsg` on the shared cluster as a child process (stdout/stderr captured).
pub fn spawn_kmsg(args: &[&str]) -> Spawned {
    let child = kmsg_process()
        .env("BOOTSTRAP_SERVERS", bootstrap())
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn kmsg");
    Spawned { child: Some(child) }
}

/// Waits for a child, killing it (and failing the test) after `limit`.
pub fn wait_bounded(mut spawned: Spawned, limit: Duration) -> std::process::Output {
    let child = spawned.child.take().expect("a running child");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.expect("wait for kmsg"),
        Err(_) => {
            signal(pid, libc::SIGKILL);
            panic!("kmsg did not exit within {limit:?}");
        }
    }
}

/// Sends a signal to a child process.
pub fn signal(pid: u32, sig: i32) {
    // SAFETY: kill(2) on a child this test started.
    unsafe {
        libc::kill(pid as i32, sig);
    }
}

/// A TCP port on 127.0.0.1 for a server kmsg (or another program the test starts) will
/// listen on: free when checked, below the kernel's ephemeral range (so no client's outgoing
/// connection takes it before the server binds it; see [`free_port_block`]), and never
/// handed out twice in one test process.
pub fn free_port() -> u16 {
    static HANDED_OUT: std::sync::Mutex<BTreeSet<u16>> = std::sync::Mutex::new(BTreeSet::new());
    for _ in 0..100 {
        let port = free_port_block(1);
        if HANDED_OUT.lock().unwrap().insert(port) {
            return port;
        }
    }
    panic!("no free port found on 127.0.0.1 that was not handed out already");
}

/// An HTTP GET of `path` on loopback within 5 s: (status, body); `None` when nothing answers.
pub fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    http_get_within(port, path, Duration::from_secs(5))
}

/// An HTTP GET of `path` on loopback (reqwest, no proxy, a fresh connection each time) within
/// `limit`: (status, body); `None` when nothing answers in time.
pub fn http_get_within(port: u16, path: &str, limit: Duration) -> Option<(u16, String)> {
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(0)
        .timeout(limit)
        .build()
        .expect("an HTTP client");
    let url = format!("http://127.0.0.1:{port}{path}");
    test_runtime().block_on(async move {
        let response = client.get(url).send().await.ok()?;
        let status = response.status().as_u16();
        Some((status, response.text().await.ok()?))
    })
}

/// The tokio runtime the harness's HTTP clients run on, shared by every test of the process.
fn test_runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("the harness's tokio runtime")
    })
}

/// An axum server on 127.0.0.1 (below the ephemeral range), on a tokio runtime of its own in
/// a background thread; stopped, with its connections, when dropped.
pub struct HttpServer {
    pub port: u16,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl HttpServer {
    pub fn start(app: axum::Router) -> HttpServer {
        let listener = bind_listener_below_ephemeral();
        let port = listener.local_addr().unwrap().port();
        listener
            .set_nonblocking(true)
            .expect("a non-blocking listener");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        std::thread::Builder::new()
            .name(format!("http-server-{port}"))
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a tokio runtime for a test server");
                runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener)
                        .expect("a tokio listener for a test server");
                    tokio::select! {
                        served = axum::serve(listener, app) => served.expect("serve"),
                        _ = stopped => {}
                    }
                });
                // Dropping the runtime ends every connection's task.
            })
            .expect("spawn a test server's thread");
        HttpServer {
            port,
            stop: Some(stop),
        }
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The value of one Prometheus sample (`name{labels}` exactly as exposed), if present.
pub fn metric(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|l| {
        l.strip_prefix(series)
            .and_then(|rest| rest.trim().parse().ok())
    })
}

/// Polls `f` until it returns true or `limit` passes.
pub fn eventually(limit: Duration, what: &str, mut f: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + limit;
    while !f() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// What the test HTTP downstream does with a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    Status(u16),
    /// Answer 200 after sleeping this long (to trip the client's timeout).
    Slow(Duration),
}

/// One request the test downstream received.
#[derive(Debug, Clone)]
pub struct Received {
    /// When the request was complete (before the reply was decided).
    pub arrived: std::time::Instant,
    /// When the reply was decided (after a `Slow` sleep).
    pub at: std::time::Instant,
    pub key: Option<String>,
    /// The `x-kafka-partition` and `x-kafka-offset` headers.
    pub partition: Option<i32>,
    pub offset: Option<i64>,
    pub body: String,
    pub status: u16,
}

/// A real HTTP/1.1 server on loopback for downstream tests (axum, keep-alive): each POST gets
/// the reply `decide` picks (from its `x-kafka-key`, its body and how many POSTs came before)
/// and is recorded with its time and headers; any other request gets a 200.
pub struct TestDownstream {
    pub port: u16,
    pub received: std::sync::Arc<std::sync::Mutex<Vec<Received>>>,
    _server: HttpServer,
}

/// How a [`TestDownstream`] picks a POST's reply: from its key, its body and how many came before.
type Decide = dyn Fn(&str, &str, usize) -> Reply + Send + Sync;

/// What a [`TestDownstream`]'s handler shares.
#[derive(Clone)]
struct Downstream {
    decide: std::sync::Arc<Decide>,
    received: std::sync::Arc<std::sync::Mutex<Vec<Received>>>,
}

/// A [`TestDownstream`]'s one handler, for every path and method.
async fn downstream_call(
    axum::extract::State(down): axum::extract::State<Downstream>,
    method: axum::http::Method,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> axum::http::StatusCode {
    let arrived = std::time::Instant::now();
    let header = |name: &str| {
        headers
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_string())
    };
    let body = String::from_utf8_lossy(&body).to_string();
    let key = header("x-kafka-key");
    let status = if method == axum::http::Method::POST {
        // On a task of its own, so a request whose client gave up waiting (a `Slow` reply
        // past the client's timeout) is still recorded when its reply is decided.
        let partition = header("x-kafka-partition").and_then(|v| v.parse().ok());
        let offset = header("x-kafka-offset").and_then(|v| v.parse().ok());
        let reply = tokio::spawn(async move {
            let n = down.received.lock().unwrap().len();
            let status = match (down.decide)(key.as_deref().unwrap_or(""), &body, n) {
                Reply::Status(s) => s,
                Reply::Slow(d) => {
                    tokio::time::sleep(d).await;
                    200
                }
            };
            down.received.lock().unwrap().push(Received {
                arrived,
                at: std::time::Instant::now(),
                key,
                partition,
                offset,
                body,
                status,
            });
            status
        });
        reply.await.expect("the test downstream's reply")
    } else {
        200
    };
    axum::http::StatusCode::from_u16(status).expect("a valid HTTP status")
}

impl TestDownstream {
    pub fn start(decide: impl Fn(&str, &str, usize) -> Reply + Send + Sync + 'static) -> Self {
        let received = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Received>::new()));
        let app = axum::Router::new()
            .fallback(downstream_call)
            .with_state(Downstream {
                decide: std::sync::Arc::new(decide),
                received: received.clone(),
            });
        let server = HttpServer::start(app);
        TestDownstream {
            port: server.port,
            received,
            _server: server,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/ingest", self.port)
    }

    pub fn requests(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// Creates a pipeline's input, output (`<input>.out`) and DLQ (`<input>.dlq`) topics with
/// `partitions` partitions (RF 3, min ISR 2) through `kmsg topics create`.
pub fn pipeline_topics(prefix: &str, partitions: u32) -> (String, String, String) {
    let input = unique(prefix);
    let output = format!("{input}.out");
    let dlq = format!("{input}.dlq");
    kmsg_on_cluster()
        .env("INPUT_TOPIC", &input)
        .env("OUTPUT_TOPIC", &output)
        .args([
            "topics",
            "create",
            "-p",
            &partitions.to_string(),
            "-o",
            "json",
        ])
        .assert()
        .success();
    (input, output, dlq)
}

/// The bytes each topic takes on the brokers' disks, all replicas together, as the brokers
/// themselves report them (Kafka's own `LogDirsCommand`, run from the jars in `KAFKA_HOME`).
pub fn topic_sizes(topics: &[&str]) -> BTreeMap<String, u64> {
    let out = std::process::Command::new("java")
        .arg("-cp")
        .arg(format!("{}/libs/*", kafka_home()))
        .args(["org.apache.kafka.tools.LogDirsCommand", "--describe"])
        .args(["--bootstrap-server", &bootstrap()])
        .args(["--topic-list", &topics.join(",")])
        .output()
        .expect("java must be installed (scripts/test.sh installs it)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "LogDirsCommand failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = stdout
        .lines()
        .find_map(|l| serde_json::from_str(l).ok())
        .unwrap_or_else(|| panic!("no JSON in LogDirsCommand's output: {stdout}"));
    let mut sizes: BTreeMap<String, u64> = topics.iter().map(|t| (t.to_string(), 0)).collect();
    let partitions = report["brokers"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|b| b["logDirs"].as_array().into_iter().flatten())
        .flat_map(|d| d["partitions"].as_array().into_iter().flatten());
    for p in partitions {
        let name = p["partition"].as_str().unwrap_or_default();
        let topic = name.rsplit_once('-').map_or(name, |(t, _)| t);
        if let Some(total) = sizes.get_mut(topic) {
            *total += p["size"].as_u64().unwrap_or_default();
        }
    }
    sizes
}

/// The shared secured cluster (`kmsg cluster up --secure`, started by `scripts/test.sh`):
/// SASL_SSL with SCRAM-SHA-512, ACLs enforced, users admin, producer, consumer and dlq.
pub struct SecureCluster {
    pub state_dir: std::path::PathBuf,
    pub bootstrap: String,
}

impl SecureCluster {
    /// Panics loudly when the suite was started without a secured cluster.
    pub fn get() -> Self {
        let dir = match std::env::var("KMSG_TEST_SECURE_STATE_DIR") {
            Ok(d) if !d.is_empty() => std::path::PathBuf::from(d),
            _ => panic!(
                "KMSG_TEST_SECURE_STATE_DIR is not set: this test needs the secured cluster. Run the \
                 suite with `scripts/test.sh`, which starts one (`kmsg cluster up --secure`) and sets it, \
                 or start one yourself and point KMSG_TEST_SECURE_STATE_DIR at its --state-dir."
            ),
        };
        let layout: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("cluster.json"))
                .unwrap_or_else(|e| panic!("no secured cluster in {}: {e}", dir.display())),
        )
        .unwrap();
        assert_eq!(
            layout["secure"],
            true,
            "{} is not a secure cluster",
            dir.display()
        );
        let base = layout["base_port"].as_u64().unwrap();
        let nodes = layout["nodes"].as_u64().unwrap();
        let bootstrap = (0..nodes)
            .map(|i| format!("127.0.0.1:{}", base + i))
            .collect::<Vec<_>>()
            .join(",");
        SecureCluster {
            state_dir: dir,
            bootstrap,
        }
    }

    pub fn ca(&self) -> std::path::PathBuf {
        self.state_dir.join("secrets/ca.pem")
    }

    pub fn password_file(&self, user: &str) -> std::path::PathBuf {
        self.state_dir.join(format!("secrets/{user}.password"))
    }

    pub fn password(&self, user: &str) -> String {
        std::fs::read_to_string(self.password_file(user))
            .unwrap()
            .trim()
            .to_string()
    }

    /// `kmsg` as `user`, everything through env (as a compose service would run it).
    pub fn kmsg_as(&self, user: &str) -> Command {
        let mut cmd = kmsg();
        cmd.env("BOOTSTRAP_SERVERS", &self.bootstrap)
            .env("KMSG_SECURITY_PROTOCOL", "SASL_SSL")
            .env("KMSG_SASL_MECHANISM", "SCRAM-SHA-512")
            .env("KMSG_SASL_USERNAME", user)
            .env("KMSG_SASL_PASSWORD_FILE", self.password_file(user))
            .env("KMSG_TLS_CA", self.ca());
        cmd
    }

    /// Creates input, output and DLQ topics with random names as admin and applies the
    /// roles' ACLs for them and `group`. Returns (input, output, dlq).
    pub fn pipeline(&self, prefix: &str, group: &str) -> (String, String, String) {
        let input = unique(prefix);
        let output = format!("{input}.out");
        let dlq = format!("{input}.dlq");
        self.kmsg_as("admin")
            .args([
                "topics",
                "create",
                "--input-topic",
                &input,
                "--output-topic",
                &output,
            ])
            .args(["--dlq-topic", &dlq, "-p", "3"])
            .assert()
            .success();
        self.kmsg_as("admin")
            .args([
                "acl",
                "apply",
                "--input-topic",
                &input,
                "--output-topic",
                &output,
            ])
            .args(["--dlq-topic", &dlq, "--group", group])
            .assert()
            .success();
        (input, output, dlq)
    }
}

/// The state dir of the plain test cluster (`kmsg cluster up --state-dir`), for tests that
/// read what the brokers stored. Panics loudly when it is not set.
pub fn state_dir() -> std::path::PathBuf {
    match std::env::var("KMSG_TEST_STATE_DIR") {
        Ok(d) if !d.is_empty() => d.into(),
        _ => panic!(
            "KMSG_TEST_STATE_DIR is not set: this test reads the plain cluster's log segments. \
             Run the suite with `scripts/test.sh`, which sets it, or point it at the cluster's --state-dir."
        ),
    }
}

/// Records per compression codec of a topic's record batches, as Kafka's own
/// `DumpLogSegments` reads them from the segment files of one broker that holds every
/// partition's replica with at least `records` records in all (not read through kmsg or a
/// client, so the codec is the one the brokers stored).
pub fn stored_codecs(topic: &str, records: u64) -> BTreeMap<String, u64> {
    let state = state_dir();
    let mut nodes: Vec<_> = std::fs::read_dir(&state)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", state.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("data").is_dir())
        .collect();
    nodes.sort();
    assert!(!nodes.is_empty(), "no node-*/data in {}", state.display());
    let mut last = BTreeMap::new();
    for _ in 0..20 {
        for node in &nodes {
            let mut segments = Vec::new();
            for dir in std::fs::read_dir(node.join("data")).unwrap().flatten() {
                let name = dir.file_name().to_string_lossy().to_string();
                let is_topic = name
                    .strip_prefix(topic)
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|p| p.parse::<u32>().is_ok());
                if is_topic {
                    for f in std::fs::read_dir(dir.path()).unwrap().flatten() {
                        if f.path().extension().is_some_and(|x| x == "log") {
                            segments.push(f.path().to_string_lossy().to_string());
                        }
                    }
                }
            }
            if segments.is_empty() {
                continue;
            }
            let java = std::env::var("JAVA_HOME")
                .map(|h| format!("{h}/bin/java"))
                .unwrap_or_else(|_| "java".into());
            let out = std::process::Command::new(java)
                .arg("-cp")
                .arg(format!("{}/libs/*", kafka_home()))
                .arg("org.apache.kafka.tools.DumpLogSegments")
                .arg("--files")
                .arg(segments.join(","))
                .output()
                .expect("java must be installed (the test cluster runs on it)");
            assert!(
                out.status.success(),
                "DumpLogSegments failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let mut codecs: BTreeMap<String, u64> = BTreeMap::new();
            for line in String::from_utf8_lossy(&out.stdout).lines() {
                let field = |name: &str| {
                    line.split_whitespace()
                        .skip_while(|w| *w != name)
                        .nth(1)
                        .map(str::to_string)
                };
                if let (Some(count), Some(codec)) = (field("count:"), field("compresscodec:")) {
                    *codecs.entry(codec).or_default() += count.parse::<u64>().unwrap();
                }
            }
            if codecs.values().sum::<u64>() >= records {
                return codecs;
            }
            last = codecs;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    panic!("no broker stored {records} records of {topic} in time; last seen: {last:?}");
}

/// Three login events, as the schemas in schemas/ describe them (the third with a timestamp
/// past 2^53, which a float would round, and empty strings, which Protobuf leaves unwritten).
pub fn login_events() -> Vec<serde_json::Value> {
    vec![
        serde_json::json!({"user_id": "4a381a71-5a66-4288-b2f8-7935c19aa7f3", "app_version": "2.3.0",
               "device_type": "android", "ip": "80.222.149.199", "locale": "CO",
               "device_id": "798f2ad2-d955-4152-adef-e6e54a979b63", "timestamp": 1741724761}),
        serde_json::json!({"user_id": "c7d2b5e3-0f4a-4b8e-9a51-2f6d3c1e8b90", "app_version": "2.4.1",
               "device_type": "iOS", "ip": "10.1.2.3", "locale": "AR",
               "device_id": "0b9e7f62-3c1d-4e5a-8f70-6a2b1c9d4e38", "timestamp": 1741724822}),
        serde_json::json!({"user_id": "", "app_version": "", "device_type": "web", "ip": "192.168.0.1",
               "locale": "RU", "device_id": "d", "timestamp": 9007199254740993_i64}),
    ]
}
