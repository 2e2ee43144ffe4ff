//! Runs a real local Kafka cluster: KRaft nodes as child processes of `java`, from a Kafka
//! distribution folder (`$KAFKA_HOME/libs/*.jar`), with configuration, data and logs in a
//! state folder. `up` formats storage on first start and keeps it after that; `down` stops
//! nodes with SIGTERM (controlled shutdown) and SIGKILL after a grace period.
//!
//! Nodes run in their own process group, so Ctrl-C on the terminal that started them does not
//! stop them; the pid files are checked against `/proc/<pid>/cmdline` so a recycled pid is
//! never mistaken for a broker.

use std::fs;
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::layout::{BrokerSecurity, ClusterLayout, NodePaths, LAYOUT_FILE};
use super::pki::{self, Credentials, PkiError, SecretPaths};
use crate::kafka::admin::Admin;
use crate::kafka::config::ClientSettings;

/// The broker's main class in every Kafka 4.x distribution.
const BROKER_MAIN: &str = "kafka.Kafka";
/// The storage tool's main class (`kafka-storage.sh`).
const STORAGE_MAIN: &str = "kafka.tools.StorageTool";
/// How long `down` waits for a clean shutdown before SIGKILL (a clean stop takes under 10 s).
const STOP_GRACE: Duration = Duration::from_secs(20);

/// The nodes' log configuration file in the state folder.
const LOG4J2_FILE: &str = "log4j2.properties";

/// The log4j2 configuration the nodes use: INFO to stdout, which goes to `node-N/server.log`.
const LOG4J2: &str = "\
status = warn
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.apache.name = org.apache.kafka
logger.apache.level = INFO
logger.state.name = state.change.logger
logger.state.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
";

/// Failures of the local cluster, each naming what is missing and how to get it.
#[derive(Debug, thiserror::Error)]
pub enum LauncherError {
    #[error("java not found on PATH (or in JAVA_HOME): install a JDK 17 or later, e.g. `apt-get install openjdk-17-jre-headless`")]
    NoJava,
    #[error("no Kafka distribution at {0}: give --kafka-home or KAFKA_HOME (a folder with libs/*.jar); `scripts/fetch-kafka.sh` fetches one from Maven Central")]
    NoKafka(String),
    #[error("port {port} (node {node}) is already in use: stop what listens there, or pick another --base-port/--controller-base-port")]
    PortInUse { port: u16, node: u16 },
    #[error("no local cluster in {0}: start one with `kmsg cluster up`")]
    NoCluster(String),
    #[error("node {node} exited during start-up:\n{lines}\n(full log: {log})")]
    NodeDied {
        node: u16,
        lines: String,
        log: String,
    },
    #[error("the cluster did not become ready within {waited}: {state} (logs in {dir})")]
    NotReady {
        waited: String,
        state: String,
        dir: String,
    },
    #[error("formatting storage of node {node} failed: {output}")]
    Format { node: u16, output: String },
    #[error("{what} {path}: {source}")]
    Io {
        what: &'static str,
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Pki(#[from] PkiError),
}

fn io<'a>(what: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> LauncherError + 'a {
    move |source| LauncherError::Io {
        what,
        path: path.display().to_string(),
        source,
    }
}

/// The JVM flags a node runs with unless `--jvm-opts` / `KAFKA_JVM_PERFORMANCE_OPTS` says
/// otherwise. The parallel (throughput) collector: a broker's heap holds little that lives
/// long, and G1 with Kafka's production flags (a 20 ms pause goal, marking from 35% heap
/// occupancy, 1 MB regions on a 512 MB heap, so every produce request over 512 KB is a
/// "humongous" old-generation object) kept the three nodes marking and collecting: 8 of their
/// 13 CPU-s while `kmsg consume` forwarded 1,000,000 messages, against 0.1-0.2 CPU-s here.
pub const DEFAULT_JVM_FLAGS: &str = "-XX:+UseParallelGC";

/// Where the tools are and how `java` runs a node.
#[derive(Debug, Clone)]
pub struct Toolchain {
    pub java: PathBuf,
    pub kafka_home: PathBuf,
    /// JVM flags besides the heap and the class path (see [`DEFAULT_JVM_FLAGS`]).
    pub jvm_flags: Vec<String>,
}

impl Toolchain {
    /// Finds `java` and checks the Kafka folder has jars; `jvm_flags` is split on whitespace.
    pub fn locate(kafka_home: Option<PathBuf>, jvm_flags: &str) -> Result<Self, LauncherError> {
        let java = find_java().ok_or(LauncherError::NoJava)?;
        let kafka_home = kafka_home.unwrap_or_else(|| PathBuf::from(".cache/kafka"));
        let libs = kafka_home.join("libs");
        let has_broker = fs::read_dir(&libs)
            .map(|entries| {
                entries.flatten().any(|e| {
                    let name = e.file_name().to_string_lossy().to_string();
                    name.starts_with("kafka_2.13-") && name.ends_with(".jar")
                })
            })
            .unwrap_or(false);
        if !has_broker {
            return Err(LauncherError::NoKafka(kafka_home.display().to_string()));
        }
        Ok(Toolchain {
            java,
            kafka_home: kafka_home.canonicalize().unwrap_or(kafka_home),
            jvm_flags: jvm_flags.split_whitespace().map(str::to_string).collect(),
        })
    }

    fn classpath(&self) -> String {
        format!("{}/libs/*", self.kafka_home.display())
    }
}

fn find_java() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("JAVA_HOME") {
        let java = PathBuf::from(home).join("bin/java");
        if java.is_file() {
            return Some(java);
        }
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("java"))
        .find(|p| p.is_file())
}

/// The state of one node as seen from this machine.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NodeState {
    pub node: u16,
    pub address: String,
    pub pid: Option<u32>,
}

/// A local cluster rooted at a state folder.
pub struct LocalCluster {
    pub dir: PathBuf,
    pub layout: ClusterLayout,
}

impl LocalCluster {
    /// Opens the cluster recorded in `dir`, if there is one.
    pub fn open(dir: &Path) -> Result<Option<Self>, LauncherError> {
        let file = dir.join(LAYOUT_FILE);
        if !file.exists() {
            return Ok(None);
        }
        let text = fs::read_to_string(&file).map_err(io("cannot read", &file))?;
        let layout: ClusterLayout = serde_json::from_str(&text).map_err(|e| {
            LauncherError::Invalid(format!(
                "{} is not a kmsg cluster layout: {e}",
                file.display()
            ))
        })?;
        Ok(Some(LocalCluster {
            dir: dir.to_path_buf(),
            layout,
        }))
    }

    /// Opens the cluster in `dir` or records `layout` there as a new one.
    pub fn open_or_create(dir: &Path, layout: ClusterLayout) -> Result<Self, LauncherError> {
        if let Some(existing) = Self::open(dir)? {
            return Ok(existing);
        }
        fs::create_dir_all(dir).map_err(io("cannot create", dir))?;
        let file = dir.join(LAYOUT_FILE);
        let text = serde_json::to_string_pretty(&layout).expect("layout serializes");
        fs::write(&file, text).map_err(io("cannot write", &file))?;
        Ok(LocalCluster {
            dir: dir.to_path_buf(),
            layout,
        })
    }

    /// Checks that the state folder holds only what kmsg put there (the layout, the log
    /// configuration, the secrets and one folder per node), so that deleting it cannot take
    /// anything else with it. The error names the first stranger.
    pub fn check_purgeable(&self) -> Result<(), LauncherError> {
        let ours = |name: &str| {
            name == LAYOUT_FILE
                || name == LOG4J2_FILE
                || name == pki::SECRETS_DIR
                || name
                    .strip_prefix("node-")
                    .and_then(|n| n.parse::<u16>().ok())
                    .is_some_and(|n| n >= 1 && n <= self.layout.nodes)
        };
        let entries = fs::read_dir(&self.dir).map_err(io("cannot read", &self.dir))?;
        let mut strangers: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !ours(name))
            .collect();
        strangers.sort();
        match strangers.first() {
            None => Ok(()),
            Some(first) => Err(LauncherError::Invalid(format!(
                "refusing to purge {}: it also holds {first}{}, which kmsg did not put there; nothing was deleted (move it away, or delete the folder yourself)",
                self.dir.display(),
                if strangers.len() > 1 {
                    format!(" and {} more", strangers.len() - 1)
                } else {
                    String::new()
                }
            ))),
        }
    }

    /// Where a secure cluster's certificates and credentials are.
    pub fn secrets(&self) -> SecretPaths {
        SecretPaths::new(&self.dir)
    }

    /// The credentials of a secure cluster (created on first use), `None` for a plaintext one.
    pub fn credentials(&self) -> Result<Option<Credentials>, LauncherError> {
        if !self.layout.secure {
            return Ok(None);
        }
        Ok(Some(pki::ensure_secrets(&self.secrets())?))
    }

    /// Client settings that reach this cluster with every right: plaintext, or as the
    /// `admin` super user over SASL_SSL verified with the cluster's CA.
    pub fn admin_settings(&self, timeout: Duration) -> Result<ClientSettings, LauncherError> {
        let settings = ClientSettings::for_bootstrap(&self.layout.bootstrap(), timeout);
        match self.credentials()? {
            None => Ok(settings),
            Some(creds) => Ok(settings.with_scram_ssl(
                pki::ADMIN,
                creds.password(pki::ADMIN).unwrap_or_default(),
                &self.secrets().ca_cert,
            )),
        }
    }

    fn broker_security(&self, creds: &Credentials) -> BrokerSecurity {
        let secrets = self.secrets();
        BrokerSecurity {
            keystore: secrets.broker_keystore,
            truststore: secrets.ca_cert,
            admin_password: creds.password(pki::ADMIN).unwrap_or_default().to_string(),
            super_users: vec![
                format!("User:{}", pki::ADMIN),
                format!("User:CN={}", pki::BROKER_CN),
            ],
        }
    }

    pub fn paths(&self, node: u16) -> NodePaths {
        NodePaths::new(&self.dir, node)
    }

    /// The pid of a node's running broker process, if it runs.
    pub fn running_pid(&self, node: u16) -> Option<u32> {
        let pid: u32 = fs::read_to_string(self.paths(node).pid)
            .ok()?
            .trim()
            .parse()
            .ok()?;
        is_broker_process(pid).then_some(pid)
    }

    pub fn nodes(&self) -> Vec<NodeState> {
        self.layout
            .node_ids()
            .map(|n| NodeState {
                node: n,
                address: format!("127.0.0.1:{}", self.layout.client_port(n)),
                pid: self.running_pid(n),
            })
            .collect()
    }

    /// Starts every node that is not running, then waits until all are registered and a
    /// controller is elected. Returns the nodes it started.
    pub async fn up(&self, tools: &Toolchain, wait: Duration) -> Result<Vec<u16>, LauncherError> {
        let to_start: Vec<u16> = self
            .layout
            .node_ids()
            .filter(|n| self.running_pid(*n).is_none())
            .collect();
        for &node in &to_start {
            for port in self.layout.ports(node) {
                if TcpListener::bind(("127.0.0.1", port)).is_err() {
                    return Err(LauncherError::PortInUse { port, node });
                }
            }
        }
        let log4j = self.dir.join(LOG4J2_FILE);
        fs::write(&log4j, LOG4J2).map_err(io("cannot write", &log4j))?;
        let creds = self.credentials()?;
        // The same salted SCRAM credentials for every node formatted now.
        let scram_args = creds
            .as_ref()
            .map(Credentials::scram_format_args)
            .unwrap_or_default();
        for &node in &to_start {
            self.prepare_node(tools, node, creds.as_ref(), &scram_args)?;
        }
        let mut spawned = Vec::new();
        for &node in &to_start {
            match self.spawn_node(tools, node, &log4j) {
                Ok(pid) => spawned.push((node, pid)),
                Err(e) => {
                    stop_pids(&spawned).await;
                    return Err(e);
                }
            }
        }
        if let Err(e) = self.wait_ready(wait, &spawned).await {
            // Leave nothing half-started behind.
            stop_pids(&spawned).await;
            for (node, _) in &spawned {
                let _ = fs::remove_file(self.paths(*node).pid);
            }
            return Err(e);
        }
        Ok(to_start)
    }

    fn prepare_node(
        &self,
        tools: &Toolchain,
        node: u16,
        creds: Option<&Credentials>,
        scram_args: &[String],
    ) -> Result<(), LauncherError> {
        let paths = self.paths(node);
        fs::create_dir_all(&paths.data).map_err(io("cannot create", &paths.data))?;
        let security = creds.map(|c| self.broker_security(c));
        let props = self
            .layout
            .server_properties(node, &paths.data, security.as_ref());
        // A secure node's properties hold the admin password: owner-only.
        pki::write_file(&paths.properties, &props, 0o600)?;
        if paths.data.join("meta.properties").exists() {
            return Ok(());
        }
        // SCRAM users are created with the storage, in salted form (no password in argv).
        let output = Command::new(&tools.java)
            .args(["-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"])
            .arg(format!(
                "-Dlog4j2.configurationFile={}",
                self.dir.join(LOG4J2_FILE).display()
            ))
            .arg("-cp")
            .arg(tools.classpath())
            .arg(STORAGE_MAIN)
            // One argument: a cluster id may start with '-', which a separate value would not survive.
            .args([
                "format",
                &format!("--cluster-id={}", self.layout.cluster_id),
                "--config",
            ])
            .arg(&paths.properties)
            .args(scram_args)
            .stdin(Stdio::null())
            .output()
            .map_err(io("cannot run", &tools.java))?;
        if !output.status.success() {
            let mut text = String::from_utf8_lossy(&output.stdout).to_string();
            text.push_str(&String::from_utf8_lossy(&output.stderr));
            return Err(LauncherError::Format {
                node,
                output: last_lines(&text, 10),
            });
        }
        Ok(())
    }

    fn spawn_node(&self, tools: &Toolchain, node: u16, log4j: &Path) -> Result<u32, LauncherError> {
        let paths = self.paths(node);
        let mut java = Command::new(&tools.java);
        java.arg(format!("-Xmx{}", self.layout.heap))
            .args(["-Xms128m", "-Djava.awt.headless=true"])
            .args(&tools.jvm_flags)
            .arg(format!("-Dlog4j2.configurationFile={}", log4j.display()))
            .arg(format!("-Dkafka.logs.dir={}", paths.dir.display()))
            .arg("-cp")
            .arg(tools.classpath())
            .arg(BROKER_MAIN)
            .arg(&paths.properties);
        self.start_detached(node, java, &tools.java)
    }

    /// Starts `command` as node `node`: its output appended to the node's log, in its own
    /// process group, its pid file written. The child is deliberately not waited for: it
    /// outlives this process.
    fn start_detached(
        &self,
        node: u16,
        mut command: Command,
        program: &Path,
    ) -> Result<u32, LauncherError> {
        let paths = self.paths(node);
        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&paths.log)
            .map_err(io("cannot open", &paths.log))?;
        let log_err = log.try_clone().map_err(io("cannot open", &paths.log))?;
        let child = command
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .process_group(0)
            .spawn()
            .map_err(io("cannot start", program))?;
        let pid = child.id();
        fs::write(&paths.pid, pid.to_string()).map_err(io("cannot write", &paths.pid))?;
        std::mem::forget(child);
        Ok(pid)
    }

    /// Waits until every node runs, accepts connections, is registered, and a controller is known.
    /// `spawned` are the nodes just started: right after the spawn a child may not show the
    /// broker's command line yet (it has not exec'd `java`), so for them only "has it
    /// exited" counts; nodes that were already running must still be brokers.
    async fn wait_ready(
        &self,
        wait: Duration,
        spawned: &[(u16, u32)],
    ) -> Result<(), LauncherError> {
        let start = Instant::now();
        let mut state = String::from("starting");
        while start.elapsed() < wait {
            for node in self.layout.node_ids() {
                let alive = match spawned.iter().find(|(n, _)| *n == node) {
                    Some((_, pid)) => process_alive(*pid),
                    None => self.running_pid(node).is_some(),
                };
                if !alive {
                    let log = self.paths(node).log;
                    return Err(LauncherError::NodeDied {
                        node,
                        lines: interesting_log_lines(&log),
                        log: log.display().to_string(),
                    });
                }
            }
            let listening = self
                .layout
                .node_ids()
                .filter(|n| port_accepts(self.layout.client_port(*n)))
                .count();
            if listening < self.layout.nodes as usize {
                state = format!(
                    "{listening} of {} nodes accept connections",
                    self.layout.nodes
                );
            } else {
                let settings = self.admin_settings(Duration::from_secs(3))?;
                match Admin::connect(&settings).await {
                    Ok(admin) => match admin.metadata(None).await {
                        Ok(md)
                            if md.brokers.len() >= self.layout.nodes as usize
                                && md.controller.is_some() =>
                        {
                            return Ok(())
                        }
                        Ok(md) => {
                            state = format!(
                                "{} of {} brokers registered, controller {}",
                                md.brokers.len(),
                                self.layout.nodes,
                                md.controller
                                    .map_or("not elected".into(), |c| c.to_string())
                            )
                        }
                        Err(e) => state = e.to_string(),
                    },
                    Err(e) => state = e.to_string(),
                }
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        Err(LauncherError::NotReady {
            waited: humantime::format_duration(wait).to_string(),
            state,
            dir: self.dir.display().to_string(),
        })
    }

    /// The command line a node's broker runs with (java, its flags, the class path, the main
    /// class and its properties), read from `/proc`, so a restart runs it exactly as before;
    /// `None` when the node does not run.
    pub fn command_line(&self, node: u16) -> Option<Vec<std::ffi::OsString>> {
        let pid = self.running_pid(node)?;
        let raw = fs::read(format!("/proc/{pid}/cmdline")).ok()?;
        let args: Vec<std::ffi::OsString> = raw
            .split(|b| *b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| {
                <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(a).to_os_string()
            })
            .collect();
        (!args.is_empty()).then_some(args)
    }

    /// Starts a node again with the command line it ran with (see [`Self::command_line`]),
    /// its output appended to its log, in its own process group; writes its pid file.
    pub fn respawn(&self, node: u16, argv: &[std::ffi::OsString]) -> Result<u32, LauncherError> {
        let (program, args) = argv
            .split_first()
            .ok_or_else(|| LauncherError::Invalid(format!("node {node}: empty command line")))?;
        let mut command = Command::new(program);
        command.args(args);
        self.start_detached(node, command, Path::new(program))
    }

    /// Stops one node: SIGTERM, then SIGKILL when it has not exited after `grace`. Returns
    /// whether it had to be killed.
    pub async fn stop_node(&self, node: u16, pid: u32, grace: Duration) -> bool {
        signal(pid, libc::SIGTERM);
        let start = Instant::now();
        while start.elapsed() < grace && is_broker_process(pid) {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let killed = is_broker_process(pid);
        if killed {
            tracing::warn!(node, pid, "node did not stop within {grace:?}; killing it");
            signal(pid, libc::SIGKILL);
        }
        while is_broker_process(pid) {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = fs::remove_file(self.paths(node).pid);
        killed
    }

    /// True while the process that was started as `pid` has not exited (see [`Self::respawn`]).
    pub fn alive(&self, pid: u32) -> bool {
        process_alive(pid)
    }

    /// The explanation of a node's failed start from its log.
    pub fn died(&self, node: u16) -> LauncherError {
        let log = self.paths(node).log;
        LauncherError::NodeDied {
            node,
            lines: interesting_log_lines(&log),
            log: log.display().to_string(),
        }
    }

    /// Stops the given nodes (all when `None`): SIGTERM, then SIGKILL after a grace period.
    /// Returns the nodes that were running.
    pub async fn down(&self, only: Option<u16>) -> Result<Vec<u16>, LauncherError> {
        if let Some(n) = only {
            if n == 0 || n > self.layout.nodes {
                return Err(LauncherError::Invalid(format!(
                    "--node {n}: this cluster has nodes 1 to {}",
                    self.layout.nodes
                )));
            }
        }
        let targets: Vec<(u16, u32)> = self
            .layout
            .node_ids()
            .filter(|n| only.is_none_or(|o| o == *n))
            .filter_map(|n| self.running_pid(n).map(|pid| (n, pid)))
            .collect();
        for (_, pid) in &targets {
            signal(*pid, libc::SIGTERM);
        }
        let start = Instant::now();
        while start.elapsed() < STOP_GRACE && targets.iter().any(|(_, pid)| is_broker_process(*pid))
        {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        for (node, pid) in &targets {
            if is_broker_process(*pid) {
                tracing::warn!(
                    node,
                    pid,
                    "node did not stop within {STOP_GRACE:?}; killing it"
                );
                signal(*pid, libc::SIGKILL);
            }
        }
        while targets.iter().any(|(_, pid)| is_broker_process(*pid)) {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        for (node, _) in &targets {
            let _ = fs::remove_file(self.paths(*node).pid);
        }
        Ok(targets.into_iter().map(|(n, _)| n).collect())
    }
}

/// SIGTERM to freshly started nodes, SIGKILL after a short grace (a failed `up`).
async fn stop_pids(nodes: &[(u16, u32)]) {
    for (_, pid) in nodes {
        signal(*pid, libc::SIGTERM);
    }
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) && nodes.iter().any(|(_, p)| process_alive(*p))
    {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    for (_, pid) in nodes {
        if process_alive(*pid) {
            signal(*pid, libc::SIGKILL);
        }
    }
}

/// True while `pid` exists and is not a zombie (a child of ours that exited is a zombie,
/// since it is never waited for).
fn process_alive(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, rest)| !rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}

fn signal(pid: u32, sig: libc::c_int) {
    // SAFETY: kill(2) with a pid we verified belongs to a Kafka broker process.
    unsafe {
        libc::kill(pid as libc::pid_t, sig);
    }
}

/// True when `pid` is a live (not zombie) process running Kafka's broker main class.
fn is_broker_process(pid: u32) -> bool {
    let cmdline = match fs::read(format!("/proc/{pid}/cmdline")) {
        Ok(c) => c,
        Err(_) => return false,
    };
    let is_broker = cmdline
        .split(|b| *b == 0)
        .any(|arg| arg == BROKER_MAIN.as_bytes());
    let zombie = fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(true);
    is_broker && !zombie
}

fn port_accepts(port: u16) -> bool {
    TcpStream::connect_timeout(
        &std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        Duration::from_millis(300),
    )
    .is_ok()
}

/// The broker's own explanation of a failed start: its ERROR/FATAL lines, else the last lines.
fn interesting_log_lines(log: &Path) -> String {
    let file = match fs::File::open(log) {
        Ok(f) => f,
        Err(e) => return format!("(cannot read {}: {e})", log.display()),
    };
    let lines: Vec<String> = BufReader::new(file).lines().map_while(Result::ok).collect();
    pick_error_lines(&lines)
}

/// Picks the last ERROR/FATAL lines (with the exception line after each), else the last 10 lines.
pub fn pick_error_lines(lines: &[String]) -> String {
    let mut picked: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.contains("] ERROR ") || line.contains("] FATAL ") {
            picked.push(line);
            if let Some(next) = lines.get(i + 1) {
                if !next.starts_with('[') {
                    picked.push(next);
                }
            }
        }
    }
    if picked.is_empty() {
        return last_lines(&lines.join("\n"), 10);
    }
    let start = picked.len().saturating_sub(8);
    picked[start..].join("\n")
}

fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// The default state folder: `$XDG_STATE_HOME/kmsg/cluster`, else `~/.local/state/kmsg/cluster`.
pub fn default_state_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_STATE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("kmsg/cluster");
    }
    match std::env::var_os("HOME") {
        Some(home) => PathBuf::from(home).join(".local/state/kmsg/cluster"),
        None => PathBuf::from(".kmsg/cluster"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_error_lines_with_their_exception() {
        let lines: Vec<String> = [
            "[2026-01-01] INFO starting (kafka.Kafka)",
            "[2026-01-01] ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)",
            "org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9092: Address already in use.",
            "[2026-01-01] INFO shut down (kafka.Kafka)",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let text = pick_error_lines(&lines);
        assert!(text.contains("Address already in use"), "{text}");
        assert!(!text.contains("starting"));
    }

    #[test]
    fn falls_back_to_the_last_lines() {
        let lines: Vec<String> = (0..20).map(|i| format!("line {i}")).collect();
        let text = pick_error_lines(&lines);
        assert!(
            text.starts_with("line 10") && text.ends_with("line 19"),
            "{text}"
        );
    }

    #[test]
    fn our_own_process_is_alive_and_a_missing_one_is_not() {
        assert!(process_alive(std::process::id()));
        assert!(!process_alive(u32::MAX));
    }

    #[test]
    fn our_own_pid_is_not_a_broker() {
        assert!(!is_broker_process(std::process::id()));
        assert!(!is_broker_process(u32::MAX));
    }

    #[test]
    fn a_missing_kafka_home_names_the_fix() {
        let err = Toolchain::locate(Some(PathBuf::from("/no/such/kafka")), DEFAULT_JVM_FLAGS)
            .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("fetch-kafka.sh") || text.contains("java not found"),
            "{text}"
        );
    }
}
