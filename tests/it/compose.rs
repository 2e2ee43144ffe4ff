//! Static checks of the Docker setup: `docker-compose.yml` (a three-node KRaft
//! cluster, the one-shot `topics` job, the schema registry, the pipeline and its
//! monitoring), its `.env.example`, and the runtime stage of the `Dockerfile`.
//!
//! These tests only parse the files, so they need neither a Docker engine nor
//! the network; two ask Compose itself (`docker compose config`, or the
//! standalone `docker-compose`, which scripts/test.sh installs) to validate the
//! file with the example env file, and to refuse it without a required
//! variable.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::process::Command;

use serde_yaml::{Mapping, Value};

const COMPOSE_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docker-compose.yml");
const DOCKERFILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/Dockerfile");

/// Image repository of the Kafka brokers: every service running it is a broker.
const BROKER_IMAGE: &str = "apache/kafka";
/// The one-shot service that creates the pipeline's topics.
const TOPICS_SERVICE: &str = "topics";

/// Tests return `Err` with a message when the file is not shaped as expected,
/// and use assertions for the checks themselves.
type TestResult = Result<(), String>;

/// A broker service of the compose file.
struct Broker<'a> {
    name: &'a str,
    service: &'a Value,
    env: BTreeMap<String, String>,
}

/// One entry of a Kafka listener list such as `INTERNAL://kafka-1:19092`.
#[derive(Debug)]
struct Listener {
    name: String,
    host: String,
    port: u16,
}

/// Reads and parses the compose file, resolving `<<: *anchor` merge keys the
/// way Compose does.
fn compose() -> Result<Value, String> {
    let text =
        fs::read_to_string(COMPOSE_FILE).map_err(|e| format!("cannot read {COMPOSE_FILE}: {e}"))?;
    let mut doc: Value = serde_yaml::from_str(&text)
        .map_err(|e| format!("{COMPOSE_FILE} is not valid YAML: {e}"))?;
    // One pass resolves one level: an anchor that itself merges another (a consumer merges
    // `x-kmsg-consumer`, which merges `x-kmsg-service`) needs one more.
    for _ in 0..4 {
        doc.apply_merge()
            .map_err(|e| format!("{COMPOSE_FILE}: cannot resolve `<<` merge keys: {e}"))?;
    }
    assert!(
        !serde_yaml::to_string(&doc)
            .unwrap_or_default()
            .contains("<<"),
        "{COMPOSE_FILE}: `<<` merge keys nested deeper than 4 levels"
    );
    Ok(doc)
}

fn services(doc: &Value) -> Result<&Mapping, String> {
    doc.get("services")
        .and_then(Value::as_mapping)
        .ok_or_else(|| format!("{COMPOSE_FILE} has no `services` mapping"))
}

fn service<'a>(doc: &'a Value, name: &str) -> Result<&'a Value, String> {
    services(doc)?
        .get(name)
        .ok_or_else(|| format!("{COMPOSE_FILE} has no `{name}` service"))
}

/// Every service that runs the broker image, in file order.
fn brokers(doc: &Value) -> Result<Vec<Broker<'_>>, String> {
    let mut brokers = Vec::new();
    for (name, service) in services(doc)? {
        let image = service
            .get("image")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if image_repository(image) == BROKER_IMAGE {
            let name = name
                .as_str()
                .ok_or_else(|| format!("service name {name:?} is not a string"))?;
            let env = environment(service);
            brokers.push(Broker { name, service, env });
        }
    }
    Ok(brokers)
}

/// A service's `environment` as a map, whether the file writes it as a list
/// of `KEY=value` strings or as a mapping. Values are rendered as strings
/// (`3`, `false`); a variable without a value maps to "".
pub fn environment(service: &Value) -> BTreeMap<String, String> {
    match service.get("environment") {
        Some(Value::Sequence(items)) => items
            .iter()
            .map(scalar)
            .map(|item| match item.split_once('=') {
                Some((key, value)) => (key.to_owned(), value.to_owned()),
                None => (item, String::new()),
            })
            .collect(),
        Some(Value::Mapping(map)) => map
            .iter()
            .map(|(key, value)| (scalar(key), scalar(value)))
            .collect(),
        _ => BTreeMap::new(),
    }
}

/// A YAML scalar as the string Compose would pass on.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        other => format!("{other:?}"),
    }
}

fn env_value<'a>(broker: &'a Broker<'_>, key: &str) -> Result<&'a str, String> {
    broker
        .env
        .get(key)
        .map(String::as_str)
        .ok_or_else(|| format!("broker `{}` does not set {key}", broker.name))
}

/// The single value of `key` that all brokers share.
fn shared_value<'a>(brokers: &'a [Broker<'_>], key: &str) -> Result<&'a str, String> {
    let values = brokers
        .iter()
        .map(|broker| env_value(broker, key))
        .collect::<Result<BTreeSet<_>, _>>()?;
    assert_eq!(
        values.len(),
        1,
        "all brokers must share one {key}, found {values:?}"
    );
    values
        .into_iter()
        .next()
        .ok_or_else(|| format!("no broker sets {key}"))
}

/// `image` without its tag or digest: `apache/kafka:4.3.1` -> `apache/kafka`.
fn image_repository(image: &str) -> &str {
    let image = image.split_once('@').map_or(image, |(name, _)| name);
    match image.rfind(':') {
        // A colon followed by a slash belongs to a registry host, not a tag.
        Some(colon) if !image[colon..].contains('/') => &image[..colon],
        _ => image,
    }
}

/// The tag or digest of `image`, if it names one.
fn image_version(image: &str) -> Option<&str> {
    if let Some((_, digest)) = image.split_once('@') {
        return Some(digest);
    }
    image
        .get(image_repository(image).len() + 1..)
        .filter(|tag| !tag.is_empty())
}

/// Parses a listener list such as `INTERNAL://kafka-1:19092,EXTERNAL://:29092`.
fn listeners(list: &str) -> Result<Vec<Listener>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let parsed = entry.split_once("://").and_then(|(name, address)| {
                let (host, port) = address.rsplit_once(':')?;
                let port = port.parse().ok()?;
                Some(Listener {
                    name: name.to_owned(),
                    host: host.to_owned(),
                    port,
                })
            });
            parsed.ok_or_else(|| format!("listener {entry:?} is not NAME://host:port"))
        })
        .collect()
}

/// Parses `KAFKA_CONTROLLER_QUORUM_VOTERS` (`1@kafka-1:9093,...`) into node id -> host.
fn quorum_voters(voters: &str) -> Result<BTreeMap<u32, String>, String> {
    voters
        .split(',')
        .map(|voter| {
            let parsed = voter.trim().split_once('@').and_then(|(id, address)| {
                let (host, _port) = address.rsplit_once(':')?;
                Some((id.parse().ok()?, host.to_owned()))
            });
            parsed.ok_or_else(|| format!("quorum voter {voter:?} is not <node id>@<host>:<port>"))
        })
        .collect()
}

/// `(host port, container port)` pairs of a service's `ports`, short or long syntax.
fn published_ports(service: &Value) -> Result<Vec<(u16, u16)>, String> {
    let Some(entries) = service.get("ports").and_then(Value::as_sequence) else {
        return Ok(Vec::new());
    };
    entries
        .iter()
        .map(|entry| {
            let (host, container) = match entry {
                Value::Mapping(long) => (
                    long.get("published").map(scalar).unwrap_or_default(),
                    long.get("target").map(scalar).unwrap_or_default(),
                ),
                short => {
                    // [ip:]host:container[/protocol]; rsplitn keeps IPv6 hosts intact.
                    let spec = scalar(short);
                    let spec = spec
                        .split_once('/')
                        .map_or(spec.as_str(), |(ports, _)| ports);
                    let mut parts = spec.rsplitn(3, ':');
                    let container = parts.next().unwrap_or_default().to_owned();
                    (parts.next().unwrap_or_default().to_owned(), container)
                }
            };
            match (host.parse(), container.parse()) {
                (Ok(host), Ok(container)) => Ok((host, container)),
                _ => Err(format!(
                    "port entry {entry:?} does not publish one fixed host port"
                )),
            }
        })
        .collect()
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.starts_with("127.") || host == "[::1]"
}

/// Dockerfile instructions as `(KEYWORD, arguments)`, with `\` continuation
/// lines joined and comments dropped.
fn dockerfile_instructions(text: &str) -> Vec<(String, String)> {
    let mut instructions = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(head) = line.strip_suffix('\\') {
            current.push_str(head);
            current.push(' ');
            continue;
        }
        current.push_str(line);
        let (keyword, arguments) = current
            .split_once(char::is_whitespace)
            .unwrap_or((current.as_str(), ""));
        instructions.push((keyword.to_ascii_uppercase(), arguments.trim().to_owned()));
        current.clear();
    }
    instructions
}

#[test]
fn compose_has_three_brokers_with_distinct_node_ids_and_one_quorum() -> TestResult {
    let doc = compose()?;
    let brokers = brokers(&doc)?;
    let mut names: Vec<&str> = brokers.iter().map(|broker| broker.name).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        ["kafka-1", "kafka-2", "kafka-3"],
        "expected exactly the broker services kafka-1, kafka-2 and kafka-3 running {BROKER_IMAGE}"
    );

    let mut node_ids = BTreeMap::new();
    for broker in &brokers {
        let raw = env_value(broker, "KAFKA_NODE_ID")?;
        let id: u32 = raw.parse().map_err(|e| {
            format!(
                "broker `{}`: KAFKA_NODE_ID {raw:?} is not a number: {e}",
                broker.name
            )
        })?;
        let previous = node_ids.insert(id, broker.name.to_owned());
        assert!(
            previous.is_none(),
            "KAFKA_NODE_ID {id} is used by both `{}` and `{}`",
            previous.unwrap_or_default(),
            broker.name
        );
    }

    let voters = shared_value(&brokers, "KAFKA_CONTROLLER_QUORUM_VOTERS")?;
    assert_eq!(
        quorum_voters(voters)?,
        node_ids,
        "KAFKA_CONTROLLER_QUORUM_VOTERS {voters:?} must list every broker as <node id>@<service name>:<port>"
    );
    for broker in &brokers {
        let roles = env_value(broker, "KAFKA_PROCESS_ROLES")?;
        assert!(
            roles.split(',').any(|role| role.trim() == "controller"),
            "broker `{}` is a quorum voter, so KAFKA_PROCESS_ROLES {roles:?} must include controller",
            broker.name
        );
    }

    let cluster_id = shared_value(&brokers, "CLUSTER_ID")?;
    assert!(
        !cluster_id.trim().is_empty(),
        "CLUSTER_ID must not be empty"
    );
    Ok(())
}

#[test]
fn every_broker_has_an_enabled_healthcheck_with_timings() -> TestResult {
    let doc = compose()?;
    let brokers = brokers(&doc)?;
    assert!(
        !brokers.is_empty(),
        "{COMPOSE_FILE} has no {BROKER_IMAGE} services"
    );
    for broker in &brokers {
        let healthcheck = broker
            .service
            .get("healthcheck")
            .and_then(Value::as_mapping)
            .ok_or_else(|| format!("broker `{}` has no healthcheck", broker.name))?;
        let disabled = healthcheck
            .get("disable")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        assert!(
            !disabled,
            "broker `{}` disables its healthcheck",
            broker.name
        );
        let test: Vec<String> = match healthcheck.get("test") {
            Some(Value::Sequence(parts)) => parts.iter().map(scalar).collect(),
            Some(command) => vec![scalar(command)],
            None => Vec::new(),
        };
        assert!(
            test.iter()
                .any(|part| !["", "NONE", "CMD", "CMD-SHELL"].contains(&part.as_str())),
            "broker `{}`: healthcheck.test must run a command, got {test:?}",
            broker.name
        );
        for key in ["interval", "timeout", "retries", "start_period"] {
            assert!(
                healthcheck.contains_key(key),
                "broker `{}`: healthcheck should set {key}",
                broker.name
            );
        }
    }
    Ok(())
}

#[test]
fn topics_job_runs_once_after_every_broker_is_healthy() -> TestResult {
    let doc = compose()?;
    let brokers = brokers(&doc)?;
    assert!(
        !brokers.is_empty(),
        "{COMPOSE_FILE} has no {BROKER_IMAGE} services"
    );
    let topics = service(&doc, TOPICS_SERVICE)?;

    let depends_on = topics
        .get("depends_on")
        .and_then(Value::as_mapping)
        .ok_or_else(|| {
            format!(
                "`{TOPICS_SERVICE}.depends_on` must be a mapping of service -> {{condition: ...}}; \
                 the list form cannot wait for health"
            )
        })?;
    for broker in &brokers {
        let condition = depends_on
            .get(broker.name)
            .and_then(|dependency| dependency.get("condition"))
            .and_then(Value::as_str);
        assert_eq!(
            condition,
            Some("service_healthy"),
            "`{TOPICS_SERVICE}` must depend on `{}` with condition: service_healthy",
            broker.name
        );
    }

    let restart = topics.get("restart").map(scalar);
    assert!(
        matches!(restart.as_deref(), None | Some("no")),
        "`{TOPICS_SERVICE}` is a one-shot job and must not be restarted, got restart: {restart:?}"
    );
    assert!(
        topics.get("build").is_some(),
        "`{TOPICS_SERVICE}` should be built from the repository's Dockerfile"
    );
    let command = match topics.get("command") {
        Some(Value::Sequence(words)) => words.iter().map(scalar).collect::<Vec<_>>().join(" "),
        Some(command) => scalar(command),
        None => String::new(),
    };
    let words: Vec<&str> = command.split_whitespace().collect();
    assert!(
        words.windows(2).any(|pair| pair == ["topics", "create"]),
        "`{TOPICS_SERVICE}` should run `kmsg topics create`, got command {command:?}"
    );
    Ok(())
}

#[test]
fn topics_job_bootstraps_from_every_broker_internal_listener() -> TestResult {
    let doc = compose()?;
    let brokers = brokers(&doc)?;
    let env = environment(service(&doc, TOPICS_SERVICE)?);
    let bootstrap = env
        .get("BOOTSTRAP_SERVERS")
        .ok_or_else(|| format!("`{TOPICS_SERVICE}` does not set BOOTSTRAP_SERVERS"))?;
    let servers: BTreeSet<&str> = bootstrap.split(',').map(str::trim).collect();
    for broker in &brokers {
        let advertised = listeners(env_value(broker, "KAFKA_ADVERTISED_LISTENERS")?)?;
        let internal = advertised
            .iter()
            .find(|listener| listener.host == broker.name)
            .ok_or_else(|| {
                format!(
                    "broker `{}` advertises no listener on its service name for other containers",
                    broker.name
                )
            })?;
        let address = format!("{}:{}", internal.host, internal.port);
        assert!(
            servers.contains(address.as_str()),
            "BOOTSTRAP_SERVERS {bootstrap:?} of `{TOPICS_SERVICE}` should include {address}"
        );
    }
    for key in ["INPUT_TOPIC", "OUTPUT_TOPIC", "DLQ_TOPIC"] {
        assert!(
            env.get(key).is_some_and(|value| !value.is_empty()),
            "`{TOPICS_SERVICE}` should set {key}"
        );
    }
    Ok(())
}

#[test]
fn brokers_replicate_three_ways_with_min_isr_two_and_no_auto_created_topics() -> TestResult {
    const EXPECTED: [(&str, &str); 6] = [
        ("KAFKA_DEFAULT_REPLICATION_FACTOR", "3"),
        ("KAFKA_MIN_INSYNC_REPLICAS", "2"),
        ("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3"),
        ("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3"),
        ("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2"),
        ("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false"),
    ];
    let doc = compose()?;
    let brokers = brokers(&doc)?;
    assert!(
        !brokers.is_empty(),
        "{COMPOSE_FILE} has no {BROKER_IMAGE} services"
    );
    for broker in &brokers {
        for (key, expected) in EXPECTED {
            assert_eq!(
                env_value(broker, key)?,
                expected,
                "broker `{}`: {key}",
                broker.name
            );
        }
    }
    Ok(())
}

#[test]
fn every_pulled_image_is_pinned_to_a_version_not_latest() -> TestResult {
    let doc = compose()?;
    for (name, service) in services(&doc)? {
        let name = scalar(name);
        // Services with `build:` tag the image they build themselves (kmsg:local).
        if service.get("build").is_some() {
            continue;
        }
        let image = service
            .get("image")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("service `{name}` has neither `image` nor `build`"))?;
        let version = image_version(image);
        assert!(
            version.is_some_and(|version| version != "latest"),
            "service `{name}` should pin its image to a version, got {image:?}"
        );
    }
    let brokers = brokers(&doc)?;
    let images: BTreeSet<&str> = brokers
        .iter()
        .filter_map(|broker| broker.service.get("image").and_then(Value::as_str))
        .collect();
    assert_eq!(
        images.len(),
        1,
        "all brokers should run the same image, found {images:?}"
    );
    Ok(())
}

#[test]
fn brokers_publish_host_ports_9092_to_9094_matching_their_advertised_listeners() -> TestResult {
    let doc = compose()?;
    let brokers = brokers(&doc)?;
    let mut host_ports = Vec::new();
    for broker in &brokers {
        let ports = published_ports(broker.service)?;
        let [(host_port, container_port)] = *ports.as_slice() else {
            return Err(format!(
                "broker `{}` should publish exactly one port (its external listener), got {ports:?}",
                broker.name
            ));
        };
        host_ports.push(host_port);

        let advertised = listeners(env_value(broker, "KAFKA_ADVERTISED_LISTENERS")?)?;
        let external = advertised
            .iter()
            .find(|listener| listener.port == host_port && is_loopback(&listener.host))
            .ok_or_else(|| {
                format!(
                    "broker `{}` publishes host port {host_port} but does not advertise \
                     localhost:{host_port} in KAFKA_ADVERTISED_LISTENERS {advertised:?}",
                    broker.name
                )
            })?;
        let bound = listeners(env_value(broker, "KAFKA_LISTENERS")?)?;
        assert!(
            bound
                .iter()
                .any(|listener| listener.name == external.name && listener.port == container_port),
            "broker `{}`: host port {host_port} maps to container port {container_port}, \
             but listener {} binds {bound:?}",
            broker.name,
            external.name
        );
    }
    host_ports.sort_unstable();
    assert_eq!(
        host_ports,
        [9092, 9093, 9094],
        "the brokers should be reachable from the host on ports 9092, 9093 and 9094"
    );
    Ok(())
}

#[test]
fn dockerfile_runtime_stage_runs_as_a_non_root_user() -> TestResult {
    let text =
        fs::read_to_string(DOCKERFILE).map_err(|e| format!("cannot read {DOCKERFILE}: {e}"))?;
    let instructions = dockerfile_instructions(&text);
    let runtime_start = instructions
        .iter()
        .rposition(|(keyword, _)| keyword == "FROM")
        .ok_or_else(|| format!("{DOCKERFILE} has no FROM instruction"))?;
    let user = instructions
        .iter()
        .skip(runtime_start)
        .rev()
        .find(|(keyword, _)| keyword == "USER")
        .map(|(_, user)| user.as_str())
        .ok_or_else(|| {
            format!("the runtime (last) stage of {DOCKERFILE} sets no USER, so it runs as root")
        })?;
    let name = user.split_once(':').map_or(user, |(name, _)| name).trim();
    assert!(
        !name.is_empty() && name != "root" && name != "0",
        "the runtime stage of {DOCKERFILE} must run as a non-root user, got USER {user}"
    );
    Ok(())
}

/// The Compose command of this machine: the `docker compose` plugin, or the standalone
/// `docker-compose` (scripts/test.sh installs the Debian package when neither is there).
/// Panics when there is none: the check must not be skipped silently.
pub fn compose_command() -> Vec<&'static str> {
    let works = |cmd: &[&str]| {
        Command::new(cmd[0])
            .args(&cmd[1..])
            .arg("version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if works(&["docker", "compose"]) {
        vec!["docker", "compose"]
    } else if works(&["docker-compose"]) {
        vec!["docker-compose"]
    } else {
        panic!(
            "neither `docker compose` nor `docker-compose` runs here: install the Debian \
             package docker-compose (scripts/test.sh does)"
        )
    }
}

/// `compose -f docker-compose.yml --env-file <env> config -q`, with none of the file's
/// variables inherited from the test's own environment.
fn compose_config(env_file: &std::path::Path) -> std::process::Output {
    let cmd = compose_command();
    let mut c = Command::new(cmd[0]);
    c.args(&cmd[1..]);
    for var in compose_variables() {
        c.env_remove(var);
    }
    c.args(["-f", COMPOSE_FILE, "--env-file"])
        .arg(env_file)
        .args(["config", "-q"])
        .output()
        .expect("run compose config")
}

const ENV_EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/.env.example");
const PROMETHEUS_CONFIG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/monitoring/prometheus/prometheus.yml"
);

/// Every `${VAR...}` the compose file interpolates.
pub fn compose_variables() -> BTreeSet<String> {
    let text = fs::read_to_string(COMPOSE_FILE).expect("compose file");
    text.split("${")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

/// The .env.example file with `overrides` applied, written to a temporary file.
pub fn env_file(overrides: &[(&str, &str)]) -> tempfile::NamedTempFile {
    let mut text = fs::read_to_string(ENV_EXAMPLE).expect(".env.example");
    for (key, value) in overrides {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{key}=")))
            .unwrap_or_else(|| panic!(".env.example has no {key}="))
            .to_string();
        text = text.replace(&line, &format!("{key}={value}"));
    }
    let file = tempfile::NamedTempFile::new().expect("temp file");
    fs::write(file.path(), text).expect("write env file");
    file
}

#[test]
fn compose_file_passes_compose_config_with_the_example_env_and_a_password() -> TestResult {
    let env = env_file(&[("GRAFANA_ADMIN_PASSWORD", "a-local-secret")]);
    let output = compose_config(env.path());
    assert!(
        output.status.success(),
        "compose config with .env.example failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(())
}

#[test]
fn compose_config_fails_naming_a_missing_required_variable() -> TestResult {
    // .env.example leaves the Grafana password empty on purpose: there is no default.
    let env = env_file(&[]);
    let output = compose_config(env.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "compose config passed without a password"
    );
    assert!(
        stderr.contains("GRAFANA_ADMIN_PASSWORD"),
        "the error should name the variable: {stderr}"
    );
    Ok(())
}

#[test]
fn env_example_documents_every_variable_the_compose_file_reads() -> TestResult {
    let example = fs::read_to_string(ENV_EXAMPLE).map_err(|e| e.to_string())?;
    let documented: BTreeSet<&str> = example
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim()))
        .collect();
    let used = compose_variables();
    assert!(used.len() >= 8, "compose reads only {used:?}");
    for var in &used {
        assert!(
            documented.contains(var.as_str()),
            ".env.example lacks {var}"
        );
    }
    for var in [
        "BOOTSTRAP_SERVERS",
        "INPUT_TOPIC",
        "OUTPUT_TOPIC",
        "DLQ_TOPIC",
        "GROUP_ID",
    ] {
        let set_somewhere = used.contains(var)
            || fs::read_to_string(COMPOSE_FILE)
                .map_err(|e| e.to_string())?
                .contains(&format!("{var}:"));
        assert!(set_somewhere, "compose does not configure {var}");
    }
    Ok(())
}

/// The `command` of a service as one string (list or string form).
fn command_line(service: &Value) -> String {
    match service.get("command") {
        Some(Value::Sequence(items)) => items.iter().map(scalar).collect::<Vec<_>>().join(" "),
        Some(other) => scalar(other),
        None => String::new(),
    }
}

/// The kmsg services that serve /metrics, with their metrics port.
fn kmsg_metric_services(doc: &Value) -> Result<BTreeMap<String, u16>, String> {
    let mut out = BTreeMap::new();
    for (name, service) in services(doc)? {
        let name = scalar(name);
        if service.get("image").and_then(Value::as_str) != Some("kmsg:local") {
            continue;
        }
        let cmd = command_line(service);
        let env = environment(service);
        let addr = cmd
            .split_whitespace()
            .find_map(|w| w.strip_prefix("--metrics-addr="))
            .map(String::from)
            .or_else(|| env.get("METRICS_ADDR").cloned());
        if let Some(addr) = addr {
            let port = addr
                .rsplit(':')
                .next()
                .and_then(|p| p.parse().ok())
                .ok_or_else(|| format!("{name}: bad metrics address {addr}"))?;
            out.insert(name, port);
        }
    }
    Ok(out)
}

#[test]
fn the_pipeline_runs_a_producer_three_consumers_in_one_group_and_a_dlq_watcher() -> TestResult {
    let doc = compose()?;
    let producer = command_line(service(&doc, "producer")?);
    assert!(producer.starts_with("produce "), "{producer}");
    for flag in [
        "--generate=login",
        "--rate=",
        "--invalid-ratio=",
        "--metrics-addr=",
    ] {
        assert!(producer.contains(flag), "producer lacks {flag}: {producer}");
    }
    let mut groups = BTreeSet::new();
    let mut instances = BTreeSet::new();
    for n in 1..=3 {
        let name = format!("consumer-{n}");
        let consumer = service(&doc, &name)?;
        let cmd = command_line(consumer);
        assert!(cmd.starts_with("consume "), "{name}: {cmd}");
        assert!(
            cmd.contains("--schema=/etc/kmsg/schema.json"),
            "{name}: {cmd}"
        );
        let env = environment(consumer);
        for var in [
            "BOOTSTRAP_SERVERS",
            "INPUT_TOPIC",
            "OUTPUT_TOPIC",
            "DLQ_TOPIC",
            "GROUP_ID",
        ] {
            assert!(env.contains_key(var), "{name} does not set {var}");
        }
        groups.insert(env["GROUP_ID"].clone());
        instances.insert(env.get("INSTANCE_ID").cloned().unwrap_or_default());
        let deps = consumer
            .get("depends_on")
            .and_then(|d| d.get(TOPICS_SERVICE))
            .and_then(|t| t.get("condition"))
            .and_then(Value::as_str);
        assert_eq!(deps, Some("service_completed_successfully"), "{name}");
    }
    assert_eq!(
        groups.len(),
        1,
        "the consumers must share one group: {groups:?}"
    );
    assert_eq!(instances.len(), 3, "distinct instance ids: {instances:?}");
    let watch = command_line(service(&doc, "dlq-watch")?);
    assert!(watch.starts_with("dlq watch"), "{watch}");
    Ok(())
}

#[test]
fn kmsg_services_have_readiness_healthchecks_on_their_metrics_port() -> TestResult {
    let doc = compose()?;
    let served = kmsg_metric_services(&doc)?;
    assert_eq!(
        served.len(),
        5,
        "producer, three consumers, dlq-watch: {served:?}"
    );
    for (name, port) in &served {
        let check = service(&doc, name)?
            .get("healthcheck")
            .and_then(|h| h.get("test"))
            .ok_or_else(|| format!("{name} has no healthcheck"))?;
        let check = match check {
            Value::Sequence(items) => items.iter().map(scalar).collect::<Vec<_>>().join(" "),
            other => scalar(other),
        };
        assert!(
            check.contains(&format!("localhost:{port}/readyz")),
            "{name}'s healthcheck must probe /readyz on its metrics port: {check}"
        );
    }
    // The image must have the probe's program.
    let dockerfile = fs::read_to_string(DOCKERFILE).map_err(|e| e.to_string())?;
    assert!(
        dockerfile.contains(" curl"),
        "the runtime image needs curl for the healthchecks"
    );
    Ok(())
}

#[test]
fn prometheus_scrapes_every_kmsg_service_on_its_metrics_port() -> TestResult {
    let doc = compose()?;
    let served: BTreeSet<String> = kmsg_metric_services(&doc)?
        .into_iter()
        .map(|(name, port)| format!("{name}:{port}"))
        .collect();
    let config: Value =
        serde_yaml::from_str(&fs::read_to_string(PROMETHEUS_CONFIG).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    let mut scraped = BTreeSet::new();
    for job in config["scrape_configs"]
        .as_sequence()
        .ok_or("no scrape_configs")?
    {
        if job["job_name"].as_str() == Some("prometheus") {
            continue;
        }
        for sc in job["static_configs"]
            .as_sequence()
            .ok_or("no static_configs")?
        {
            for t in sc["targets"].as_sequence().ok_or("no targets")? {
                scraped.insert(scalar(t));
            }
        }
    }
    assert_eq!(
        scraped, served,
        "Prometheus targets vs kmsg services with metrics"
    );
    // Prometheus reads the repo's directory, rules included.
    let prometheus = service(&doc, "prometheus")?;
    let volumes = format!("{:?}", prometheus.get("volumes"));
    assert!(
        volumes.contains("./monitoring/prometheus:/etc/prometheus"),
        "{volumes}"
    );
    assert!(command_line(prometheus).contains("--config.file=/etc/prometheus/prometheus.yml"));
    Ok(())
}

#[test]
fn every_service_runs_as_a_non_root_user() -> TestResult {
    let doc = compose()?;
    for (name, service) in services(&doc)? {
        let name = scalar(name);
        let image = service
            .get("image")
            .and_then(Value::as_str)
            .unwrap_or_default();
        match service.get("user").map(scalar) {
            Some(user) => {
                let uid = user.split(':').next().unwrap_or_default();
                assert!(
                    !uid.is_empty() && uid != "0" && uid != "root",
                    "{name} runs as {user}"
                );
            }
            // Images whose default user is not root: apache/kafka (appuser) and kmsg
            // (the Dockerfile's USER, checked above).
            None => assert!(
                image_repository(image) == BROKER_IMAGE || image == "kmsg:local",
                "{name} ({image}) sets no user and its image may run as root"
            ),
        }
    }
    Ok(())
}

#[test]
fn grafana_has_no_default_password_and_loads_the_provisioned_dashboard() -> TestResult {
    let doc = compose()?;
    let grafana = service(&doc, "grafana")?;
    let env = environment(grafana);
    let password = env
        .get("GF_SECURITY_ADMIN_PASSWORD")
        .ok_or("grafana sets no admin password")?;
    assert!(
        password.starts_with("${GRAFANA_ADMIN_PASSWORD:?"),
        "the admin password must be required from the env file: {password}"
    );
    let volumes = format!("{:?}", grafana.get("volumes"));
    assert!(volumes.contains("./monitoring/grafana/provisioning:/etc/grafana/provisioning"));
    assert!(volumes.contains("./monitoring/grafana/dashboards:/var/lib/grafana/dashboards"));
    // The dashboard's datasource uid is the provisioned one.
    let root = env!("CARGO_MANIFEST_DIR");
    let ds: Value = serde_yaml::from_str(
        &fs::read_to_string(format!(
            "{root}/monitoring/grafana/provisioning/datasources/prometheus.yml"
        ))
        .map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let uid = ds["datasources"][0]["uid"]
        .as_str()
        .ok_or("no datasource uid")?;
    assert_eq!(
        ds["datasources"][0]["url"].as_str(),
        Some("http://prometheus:9090")
    );
    let dashboard = fs::read_to_string(format!(
        "{root}/monitoring/grafana/dashboards/kmsg-pipeline.json"
    ))
    .map_err(|e| e.to_string())?;
    let dash: serde_json::Value = serde_json::from_str(&dashboard).map_err(|e| e.to_string())?;
    for panel in dash["panels"].as_array().ok_or("no panels")? {
        if panel["type"] == "row" {
            continue;
        }
        assert_eq!(
            panel["datasource"]["uid"].as_str(),
            Some(uid),
            "{}",
            panel["title"]
        );
    }
    let provider: Value = serde_yaml::from_str(
        &fs::read_to_string(format!(
            "{root}/monitoring/grafana/provisioning/dashboards/kmsg.yml"
        ))
        .map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    assert_eq!(
        provider["providers"][0]["options"]["path"].as_str(),
        Some("/var/lib/grafana/dashboards")
    );
    Ok(())
}

#[test]
fn environment_helper_reads_both_list_and_map_forms() -> TestResult {
    let list: Value = serde_yaml::from_str(
        "environment:\n  - KAFKA_NODE_ID=1\n  - KAFKA_OPTS=-Da=b\n  - PASSED_THROUGH\n",
    )
    .map_err(|e| e.to_string())?;
    let map: Value = serde_yaml::from_str(
        "environment:\n  KAFKA_NODE_ID: 1\n  KAFKA_OPTS: -Da=b\n  PASSED_THROUGH:\n",
    )
    .map_err(|e| e.to_string())?;
    let from_list = environment(&list);
    assert_eq!(
        from_list,
        environment(&map),
        "list and map forms should read the same"
    );
    assert_eq!(
        from_list.get("KAFKA_NODE_ID").map(String::as_str),
        Some("1")
    );
    assert_eq!(
        from_list.get("KAFKA_OPTS").map(String::as_str),
        Some("-Da=b")
    );
    assert_eq!(
        from_list.get("PASSED_THROUGH").map(String::as_str),
        Some("")
    );
    Ok(())
}

#[test]
fn the_schema_registry_is_pinned_healthchecked_and_named_to_every_pipeline_service() -> TestResult {
    let doc = compose()?;
    let registry = service(&doc, "schema-registry")?;
    let image = registry
        .get("image")
        .and_then(Value::as_str)
        .ok_or("schema-registry has no image")?;
    // The version the tests run (scripts/fetch-registry.sh), in-memory storage.
    let fetch = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scripts/fetch-registry.sh"
    ))
    .map_err(|e| e.to_string())?;
    let version = image_version(image).ok_or("schema-registry's image names no version")?;
    assert_eq!(image_repository(image), "apicurio/apicurio-registry-mem");
    assert!(
        fetch.contains(&format!("REGISTRY_VERSION=\"{version}\"")),
        "the compose registry ({image}) and the tests' (scripts/fetch-registry.sh) differ"
    );
    let check = registry
        .get("healthcheck")
        .and_then(|h| h.get("test"))
        .ok_or("schema-registry has no healthcheck")?;
    let check = format!("{check:?}");
    assert!(
        check.contains("8080") && check.contains("/apis/ccompat/v7/subjects"),
        "the healthcheck must probe the Confluent API on the container port: {check}"
    );
    // Its host port comes from the env file, so published_ports cannot read it.
    let ports: Vec<String> = registry
        .get("ports")
        .and_then(Value::as_sequence)
        .map(|p| p.iter().map(scalar).collect())
        .unwrap_or_default();
    assert_eq!(ports.len(), 1, "{ports:?}");
    assert!(
        ports[0].starts_with("127.0.0.1:") && ports[0].ends_with(":8080"),
        "the registry has no authentication: publish its port 8080 on loopback only: {ports:?}"
    );

    let url = "http://schema-registry:8080/apis/ccompat/v7";
    let mut pipeline = BTreeSet::new();
    for (name, service) in services(&doc)? {
        let name = scalar(name);
        let cmd = command_line(service);
        let is_pipeline = service.get("image").and_then(Value::as_str) == Some("kmsg:local")
            && ["produce ", "consume ", "dlq "]
                .iter()
                .any(|c| cmd.starts_with(c));
        if is_pipeline {
            assert_eq!(
                environment(service)
                    .get("SCHEMA_REGISTRY_URL")
                    .map(String::as_str),
                Some(url),
                "{name}"
            );
            pipeline.insert(name);
        }
    }
    for name in ["producer", "consumer-1", "consumer-2", "consumer-3"] {
        assert!(pipeline.contains(name), "{name} not checked: {pipeline:?}");
    }
    Ok(())
}
