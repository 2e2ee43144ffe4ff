//! One function per client role (`produce_config`, `pipeline_consumer_config`,
//! `viewer_config`, ...): each turns the validated `ClientSettings`, with the role's typed
//! flags, into the finished librdkafka config, by the rule of `merge`. Nothing sets a key
//! after that.

use std::time::Duration;

use rdkafka::config::RDKafkaLogLevel;
use rdkafka::ClientConfig;

use super::error::ConfigError;
use super::merge::{
    apply_typed, instance_client_id, instance_static_id, millis, set_default, show_duration,
    x_setting, Given, Typed,
};
use super::settings::ClientSettings;

/// The default of `produce --acks`.
pub const PRODUCE_ACKS: &str = "all";
/// The default of `produce --delivery-timeout` (`message.timeout.ms`).
pub const PRODUCE_DELIVERY_TIMEOUT: Duration = Duration::from_secs(30);
/// The default of `consume --compression` (`compression.type` of forwards and dead letters).
pub const CONSUME_COMPRESSION: &str = "lz4";
/// Whether an `acks` value asks for every in-sync replica.
fn acks_all(acks: &str) -> bool {
    acks == "all" || acks == "-1"
}

/// What `kmsg produce`'s typed flags ask of its producer (defaults applied by `Given::or`).
#[derive(Debug, Clone)]
pub struct ProduceOptions {
    /// `--acks`: all, -1, 1 or 0.
    pub acks: Given<String>,
    /// `-z/--compression`: the codec's librdkafka name.
    pub compression: Given<&'static str>,
    /// `--linger` (its default depends on `--rate`).
    pub linger: Given<Duration>,
    /// `--batch-size` (no default: librdkafka's).
    pub batch_size: Option<u32>,
    /// `--delivery-timeout`.
    pub delivery_timeout: Given<Duration>,
    /// The local queue in records (`queue.buffering.max.messages`, queued and awaiting
    /// acknowledgement together); no flag, `-X` wins.
    pub queue_messages: u32,
}

impl ClientSettings {
    /// Producer config (demo, dlq replay): acks=all and idempotence unless `-X` says
    /// otherwise (a weaker `-X acks` turns idempotence off, which needs acks=all, unless
    /// `-X enable.idempotence` is given too), and keyed messages partitioned like the Java
    /// client (`murmur2_random`).
    pub fn producer_config(&self) -> ClientConfig {
        let mut cfg = self.base_config();
        set_default(&mut cfg, &self.extra, "acks", PRODUCE_ACKS);
        let acks = x_setting(&self.extra, "acks").map_or(PRODUCE_ACKS, |(_, v)| v);
        set_default(
            &mut cfg,
            &self.extra,
            "enable.idempotence",
            if acks_all(acks) { "true" } else { "false" },
        );
        set_default(&mut cfg, &self.extra, "partitioner", "murmur2_random");
        cfg
    }

    /// Producer config of `kmsg produce`: `producer_config` with the typed flags merged in
    /// by the rule of this module (`--acks`, `-z`, `--linger`, `--batch-size`,
    /// `--delivery-timeout`). Idempotence follows the acks in effect (flag or `-X`): it is
    /// off with a weaker acks, and `-X enable.idempotence=true` with `--acks 1` is refused.
    pub fn produce_config(&self, opts: &ProduceOptions) -> Result<ClientConfig, ConfigError> {
        let mut cfg = self.base_config();
        let mut typed = vec![
            Typed::new("--acks", "acks", &opts.acks, String::clone, String::clone),
            Typed::new(
                "--compression",
                "compression.type",
                &opts.compression,
                |c| c.to_string(),
                |c| c.to_string(),
            ),
            Typed::new("--linger", "linger.ms", &opts.linger, show_duration, |d| {
                d.as_millis().to_string()
            }),
            Typed::new(
                "--delivery-timeout",
                "message.timeout.ms",
                &opts.delivery_timeout,
                show_duration,
                millis,
            ),
        ];
        if let Some(bytes) = opts.batch_size {
            typed.push(Typed::new(
                "--batch-size",
                "batch.size",
                &Given::explicit(bytes),
                u32::to_string,
                u32::to_string,
            ));
        }
        apply_typed(&mut cfg, &self.extra, &typed)?;
        let acks = match x_setting(&self.extra, "acks") {
            Some((_, v)) if !opts.acks.explicit => v.to_string(),
            _ => opts.acks.value.clone(),
        };
        match self.extra.get("enable.idempotence") {
            Some(v) if v == "true" && !acks_all(&acks) => {
                return Err(ConfigError::Incompatible {
                    flag: format!("--acks {acks}"),
                    key: "enable.idempotence".into(),
                    value: v.clone(),
                    why: "idempotence needs acks=all; give one",
                })
            }
            Some(_) => {}
            None => {
                cfg.set(
                    "enable.idempotence",
                    if acks_all(&acks) { "true" } else { "false" },
                );
            }
        }
        set_default(&mut cfg, &self.extra, "partitioner", "murmur2_random");
        set_default(
            &mut cfg,
            &self.extra,
            "queue.buffering.max.messages",
            &opts.queue_messages.to_string(),
        );
        accepted(cfg, "producer")
    }

    /// Producer config of `kmsg breaker-test`: `producer_config` with a 30 s delivery
    /// timeout (`-X message.timeout.ms` wins).
    pub fn breaker_test_producer_config(&self) -> ClientConfig {
        let mut cfg = self.producer_config();
        set_default(&mut cfg, &self.extra, "message.timeout.ms", "30000");
        cfg
    }

    /// A group member's config: `client.id`, offsets stored and committed by kmsg only
    /// (auto-commit only where `auto_commit` says so), no partition-end events,
    /// `read_committed` (`-X isolation.level` wins) and kmsg's own consumer defaults (the
    /// demo's; `-X` wins). `group.id` and the offset settings are refused in `-X`
    /// (`FIXED_KEYS`).
    fn member_config(
        &self,
        group: &str,
        client_id: &Typed,
        auto_commit: bool,
    ) -> Result<ClientConfig, ConfigError> {
        let mut cfg = self.base_config();
        cfg.set("group.id", group);
        apply_typed(&mut cfg, &self.extra, std::slice::from_ref(client_id))?;
        cfg.set("enable.auto.commit", auto_commit.to_string());
        cfg.set("enable.auto.offset.store", auto_commit.to_string());
        cfg.set("enable.partition.eof", "false");
        set_default(&mut cfg, &self.extra, "isolation.level", "read_committed");
        for (k, v) in &self.consumer_defaults {
            set_default(&mut cfg, &self.extra, k, v);
        }
        Ok(cfg)
    }

    /// Consumer config of a `kmsg consume` member: manual offsets (committed by kmsg only
    /// when an outcome is durable), `read_committed`, `client.id` `kmsg-<instance>`
    /// (`--instance-id` and `-X client.id` clash; a default instance gives way), static
    /// membership with an explicit `--instance-id` (`group.instance.id` is the id itself;
    /// `-X group.instance.id` clashes with it, and is the user's own without it), the start
    /// from `--offset-reset` (`-X auto.offset.reset` is refused: consume's `--offset-reset`
    /// is the way, and `--exactly-once` checks it), statistics every 3 s (for the lag
    /// gauges) and a prefetch queue bounded to 1 MB (the bound is on the one queue all
    /// partitions feed; librdkafka's default of 64 MB was most of the member's memory, at no
    /// gain in rate; a member validates and forwards slower than the brokers serve, so the
    /// queue sits at its bound and each queued message also holds an op and its share of a
    /// fetched buffer: 8 MB (kmsg's default until 2026-12-03) held about 40,000 messages and
    /// 20-25 MB of RSS, 1 MB forwards 1M login events as fast, see bench/README.md), refilled
    /// 20 ms after it was full: librdkafka's default `fetch.queue.backoff.ms` of 1 s idles
    /// the fetcher for a second each time the bounded queue fills, which held a member to
    /// ~40,000 msgs/s with its CPU mostly idle (200,000 messages: 5.5 s, 1.7 s with 20 ms).
    /// `-X` overrides the statistics interval and the queue settings.
    pub fn pipeline_consumer_config(
        &self,
        group: &str,
        instance: Given<&str>,
        reset: &str,
    ) -> Result<ClientConfig, ConfigError> {
        if let Some(v) = self.extra.get("auto.offset.reset") {
            return Err(ConfigError::FixedKey {
                key: "auto.offset.reset".into(),
                value: v.clone(),
                why: "kmsg consume sets it from --offset-reset (earliest by default): use --offset-reset instead",
            });
        }
        let mut cfg = self.member_config(group, &instance_client_id(&instance), false)?;
        // Static membership (KIP-345) only for an id the user gave: a default id
        // (`<host>-<pid>`) never comes back, so a static member under it would only hold
        // its partitions for a session timeout after it stopped.
        if instance.explicit {
            apply_typed(&mut cfg, &self.extra, &[instance_static_id(&instance)])?;
        }
        cfg.set("auto.offset.reset", reset);
        for (k, v) in [
            ("statistics.interval.ms", "3000"),
            ("queued.max.messages.kbytes", "1024"),
            ("queued.min.messages", "20000"),
            ("fetch.queue.backoff.ms", "20"),
        ] {
            set_default(&mut cfg, &self.extra, k, v);
        }
        Ok(cfg)
    }

    /// Config of `kmsg dlq watch`: a member of `group` that commits as it goes (it only
    /// counts dead letters), starting at the earliest offset (`-X auto.offset.reset` wins).
    pub fn dlq_watch_config(&self, group: &str) -> Result<ClientConfig, ConfigError> {
        let client_id = Typed::new(
            "--instance-id",
            "client.id",
            &Given::default("kmsg-dlq-watch"),
            |s| s.to_string(),
            |s| s.to_string(),
        );
        let mut cfg = self.member_config(group, &client_id, true)?;
        set_default(&mut cfg, &self.extra, "auto.offset.reset", "earliest");
        Ok(cfg)
    }

    /// Producer config of a `kmsg consume` member (forwards and dead letters):
    /// `producer_config` plus `client.id` `kmsg-<instance>` (as in the consumer),
    /// `linger.ms=50` (fewer, bigger batches: the broker threads wake up far less often;
    /// measured -36% CPU against 5 ms) or 2,000 records a partition, whichever comes first,
    /// and a local queue of 10,000 records (each queued record costs about 0.5 KB until it is
    /// acknowledged; forwarding 1M login events to 6 partitions, 3 alternating runs each,
    /// 10,000 records with batches of 2,000 ran as fast as 20,000 and peaked at 50-51 MB RSS
    /// against 55-60; batches of 1,000 cost 20% in rate), a 30 s
    /// delivery timeout, and the `-z/--compression` codec (lz4 by default: forwarding 1M
    /// login events on the local 3-broker cluster, five alternating runs, the brokers used
    /// 1.8 CPU-s against 2.8 uncompressed and the run took 4.1 s against 4.5). `-X`
    /// overrides the linger, queue and timeout defaults; `-X compression.type` (or its alias
    /// `compression.codec`) wins over the default codec and clashes with an explicit `-z`.
    /// With a `transactional_id` (exactly-once), idempotence and acks=all are required:
    /// `-X` saying otherwise is refused.
    pub fn pipeline_producer_config(
        &self,
        instance: Given<&str>,
        transactional_id: Option<&str>,
        compression: Given<&str>,
    ) -> Result<ClientConfig, ConfigError> {
        let mut cfg = self.producer_config();
        let typed = [
            instance_client_id(&instance),
            Typed::new(
                "--compression",
                "compression.type",
                &compression,
                |c| c.to_string(),
                |c| c.to_string(),
            ),
        ];
        apply_typed(&mut cfg, &self.extra, &typed)?;
        // librdkafka refuses a message.timeout.ms above transaction.timeout.ms: the default
        // delivery timeout is capped by a lower -X transaction.timeout.ms.
        let message_timeout = x_setting(&self.extra, "transaction.timeout.ms")
            .and_then(|(_, v)| v.parse::<u64>().ok())
            .filter(|t| transactional_id.is_some() && *t < 30_000)
            .map_or_else(|| "30000".to_string(), |t| t.to_string());
        for (k, v) in [
            ("linger.ms", "50"),
            ("queue.buffering.max.messages", "10000"),
            ("batch.num.messages", "2000"),
            ("message.timeout.ms", message_timeout.as_str()),
        ] {
            set_default(&mut cfg, &self.extra, k, v);
        }
        if let Some(id) = transactional_id {
            for (key, ok) in [
                ("acks", &["all", "-1"][..]),
                ("enable.idempotence", &["true"][..]),
            ] {
                if let Some((name, v)) = x_setting(&self.extra, key) {
                    if !ok.contains(&v) {
                        return Err(ConfigError::Incompatible {
                            flag: "--exactly-once".into(),
                            key: name.to_string(),
                            value: v.to_string(),
                            why: "transactions need idempotence and acks=all; remove the -X",
                        });
                    }
                }
            }
            cfg.set("transactional.id", id);
            cfg.set("enable.idempotence", "true");
            cfg.set("acks", "all");
        }
        accepted(cfg, "producer")
    }

    /// Config of a reader that joins no group and commits nothing (`view`, `dlq list|show`):
    /// it assigns partitions itself, reports the end of each, and sees only committed
    /// transactions (`-X isolation.level` wins). Its `group.id` is a placeholder librdkafka
    /// needs and that no broker sees.
    pub fn viewer_config(&self) -> ClientConfig {
        let mut cfg = self.base_config();
        cfg.set("group.id", "kmsg-view");
        cfg.set("enable.auto.commit", "false");
        cfg.set("enable.auto.offset.store", "false");
        cfg.set("enable.partition.eof", "true");
        set_default(&mut cfg, &self.extra, "isolation.level", "read_committed");
        cfg
    }

    /// Config of a reader that reads or commits the offsets of `group` without joining it
    /// (`metrics --group`, `dlq replay`'s progress group): `viewer_config` in that group,
    /// starting at the earliest offset where the group has none (`-X auto.offset.reset` wins).
    pub fn group_reader_config(&self, group: &str) -> ClientConfig {
        let mut cfg = self.viewer_config();
        cfg.set("group.id", group);
        set_default(&mut cfg, &self.extra, "auto.offset.reset", "earliest");
        cfg
    }
}

/// The finished config if librdkafka accepts it as a whole (e.g. `message.timeout.ms` must
/// be above `linger.ms`), so a bad combination is a usage error before connecting, not a
/// failure to create the client.
fn accepted(cfg: ClientConfig, role: &'static str) -> Result<ClientConfig, ConfigError> {
    let mut probe = cfg.clone();
    // Without brokers the probe contacts nothing.
    probe.remove("bootstrap.servers");
    probe.set_log_level(RDKafkaLogLevel::Emerg);
    match probe.create::<rdkafka::producer::BaseProducer>() {
        Ok(_) => Ok(cfg),
        Err(e) => Err(ConfigError::Rejected {
            role,
            reason: e.to_string().replace("Client creation error: ", ""),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kafka::config::settings::tests::{global, settings};
    use clap::Parser;

    #[test]
    fn producer_defaults_to_acks_all_idempotence_and_java_partitioning() {
        let s = ClientSettings::from_options(&global(&[]), None).unwrap();
        let cfg = s.producer_config();
        assert_eq!(cfg.get("acks"), Some("all"));
        assert_eq!(cfg.get("enable.idempotence"), Some("true"));
        assert_eq!(cfg.get("partitioner"), Some("murmur2_random"));
        let s = ClientSettings::from_options(&global(&["-X", "acks=1"]), None).unwrap();
        assert_eq!(s.producer_config().get("acks"), Some("1"));
    }

    fn produce_options(flags: &[&str]) -> ProduceOptions {
        let mut argv = vec!["kmsg", "produce", "--value", "{}"];
        argv.extend_from_slice(flags);
        let crate::cli::Command::Produce(a) =
            crate::cli::Cli::try_parse_from(argv).unwrap().command
        else {
            unreachable!("the argv names produce")
        };
        ProduceOptions {
            acks: Given::or(a.acks, PRODUCE_ACKS.to_string()),
            compression: Given::or(a.compression, crate::kafka::options::Compression::None)
                .map(crate::kafka::options::Compression::codec),
            linger: Given::or(a.linger, Duration::from_millis(20)),
            batch_size: a.batch_size,
            delivery_timeout: Given::or(a.delivery_timeout, PRODUCE_DELIVERY_TIMEOUT),
            queue_messages: 10_000,
        }
    }

    #[test]
    fn produce_flags_apply_their_defaults_unless_x_sets_the_property() {
        let cfg = settings(&[])
            .unwrap()
            .produce_config(&produce_options(&[]))
            .unwrap();
        for (k, v) in [
            ("acks", "all"),
            ("enable.idempotence", "true"),
            ("compression.type", "none"),
            ("linger.ms", "20"),
            ("message.timeout.ms", "30000"),
            ("partitioner", "murmur2_random"),
            ("queue.buffering.max.messages", "10000"),
        ] {
            assert_eq!(cfg.get(k), Some(v), "{k}");
        }
        assert_eq!(cfg.get("batch.size"), None);

        let s = settings(&[
            "-X",
            "acks=0",
            "-X",
            "compression.type=zstd",
            "-X",
            "message.timeout.ms=5",
            "-X",
            "queue.buffering.max.ms=2",
            "-X",
            "queue.buffering.max.messages=100000",
        ])
        .unwrap();
        let cfg = s.produce_config(&produce_options(&[])).unwrap();
        assert_eq!(cfg.get("queue.buffering.max.messages"), Some("100000"));
        assert_eq!(cfg.get("acks"), Some("0"));
        assert_eq!(
            cfg.get("enable.idempotence"),
            Some("false"),
            "acks=0 cannot be idempotent"
        );
        assert_eq!(cfg.get("compression.type"), Some("zstd"));
        assert_eq!(cfg.get("message.timeout.ms"), Some("5"));
        assert_eq!(cfg.get("queue.buffering.max.ms"), Some("2"));
        assert_eq!(
            cfg.get("linger.ms"),
            None,
            "the alias of linger.ms was set by -X"
        );
    }

    #[test]
    fn produce_flags_given_explicitly_apply_and_clash_with_x() {
        let cfg = settings(&[])
            .unwrap()
            .produce_config(&produce_options(&[
                "--acks",
                "1",
                "-z",
                "lz4",
                "--linger",
                "5ms",
                "--batch-size",
                "65536",
                "--delivery-timeout",
                "2s",
            ]))
            .unwrap();
        for (k, v) in [
            ("acks", "1"),
            ("enable.idempotence", "false"),
            ("compression.type", "lz4"),
            ("linger.ms", "5"),
            ("batch.size", "65536"),
            ("message.timeout.ms", "2000"),
        ] {
            assert_eq!(cfg.get(k), Some(v), "{k}");
        }
        for (flags, x, want) in [
            (
                &["--acks", "all"][..],
                "acks=1",
                "--acks all and -X acks=1 both set acks; give one",
            ),
            (
                &["-z", "lz4"],
                "compression.codec=zstd",
                "--compression lz4 and -X compression.codec=zstd both set compression.codec; give one",
            ),
            (
                &["--linger", "5ms"],
                "linger.ms=9",
                "--linger 5ms and -X linger.ms=9 both set linger.ms; give one",
            ),
            (
                &["--batch-size", "100"],
                "batch.size=200",
                "--batch-size 100 and -X batch.size=200 both set batch.size; give one",
            ),
            (
                &["--delivery-timeout", "2s"],
                "message.timeout.ms=1",
                "--delivery-timeout 2s and -X message.timeout.ms=1 both set message.timeout.ms; give one",
            ),
            (
                &["--acks", "1"],
                "enable.idempotence=true",
                "--acks 1 and -X enable.idempotence=true do not go together: idempotence needs acks=all; give one",
            ),
        ] {
            let err = settings(&["-X", x])
                .unwrap()
                .produce_config(&produce_options(flags))
                .unwrap_err();
            assert!(matches!(err, ConfigError::Clash { .. } | ConfigError::Incompatible { .. }));
            assert_eq!(err.to_string(), want);
        }
    }

    #[test]
    fn a_combination_librdkafka_refuses_is_a_usage_error_before_connecting() {
        let err = settings(&["-X", "message.timeout.ms=10"])
            .unwrap()
            .produce_config(&produce_options(&[]))
            .unwrap_err();
        assert!(matches!(err, ConfigError::Rejected { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with("the producer settings do not go together: ")
                && err.to_string().contains("linger.ms"),
            "{err}"
        );
    }

    #[test]
    fn pipeline_clients_batch_and_bound_their_queues_unless_x_says_otherwise() {
        let s = settings(&[]).unwrap();
        let lz4 = Given::default(CONSUME_COMPRESSION);
        let i1 = Given::default("i1");
        let p = s.pipeline_producer_config(i1, None, lz4).unwrap();
        assert_eq!(p.get("linger.ms"), Some("50"));
        assert_eq!(p.get("queue.buffering.max.messages"), Some("10000"));
        assert_eq!(p.get("batch.num.messages"), Some("2000"));
        assert_eq!(p.get("acks"), Some("all"));
        assert_eq!(p.get("client.id"), Some("kmsg-i1"));
        assert_eq!(p.get("compression.type"), Some("lz4"));
        let c = s.pipeline_consumer_config("g", i1, "earliest").unwrap();
        assert_eq!(c.get("queued.max.messages.kbytes"), Some("1024"));
        assert_eq!(c.get("fetch.queue.backoff.ms"), Some("20"));
        assert_eq!(c.get("enable.auto.commit"), Some("false"));
        assert_eq!(c.get("statistics.interval.ms"), Some("3000"));
        assert_eq!(c.get("client.id"), Some("kmsg-i1"));
        let s = settings(&[
            "-X",
            "linger.ms=5",
            "-X",
            "queued.max.messages.kbytes=65536",
        ])
        .unwrap();
        assert_eq!(
            s.pipeline_producer_config(i1, None, lz4)
                .unwrap()
                .get("linger.ms"),
            Some("5")
        );
        assert_eq!(
            s.pipeline_consumer_config("g", i1, "earliest")
                .unwrap()
                .get("queued.max.messages.kbytes"),
            Some("65536")
        );
        // Either name of the codec property wins over the default codec...
        for (key, value) in [("compression.type", "zstd"), ("compression.codec", "none")] {
            let s = settings(&["-X", &format!("{key}={value}")]).unwrap();
            let p = s.pipeline_producer_config(i1, None, lz4).unwrap();
            assert_eq!(p.get(key), Some(value));
            assert_eq!(
                p.get("compression.type").is_some(),
                key == "compression.type"
            );
            // ... and clashes with an explicit -z.
            let err = s
                .pipeline_producer_config(i1, None, Given::explicit("lz4"))
                .unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("--compression lz4 and -X {key}={value} both set {key}; give one")
            );
        }
        // An explicit instance id makes the member static; a default one does not, and
        // -X group.instance.id clashes with --instance-id.
        let plain = settings(&[]).unwrap();
        let c = plain
            .pipeline_consumer_config("g", Given::explicit("pod-0"), "earliest")
            .unwrap();
        assert_eq!(c.get("group.instance.id"), Some("pod-0"));
        let c = plain.pipeline_consumer_config("g", i1, "earliest").unwrap();
        assert_eq!(c.get("group.instance.id"), None);
        let s = settings(&["-X", "group.instance.id=x"]).unwrap();
        assert_eq!(
            s.pipeline_consumer_config("g", i1, "earliest")
                .unwrap()
                .get("group.instance.id"),
            Some("x")
        );
        let err = s
            .pipeline_consumer_config("g", Given::explicit("pod-0"), "earliest")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "--instance-id pod-0 and -X group.instance.id=x both set group.instance.id; give one"
        );
        // -X client.id wins over a default instance id and clashes with --instance-id.
        let s = settings(&["-X", "client.id=mine"]).unwrap();
        let c = s.pipeline_consumer_config("g", i1, "earliest").unwrap();
        assert_eq!(c.get("client.id"), Some("mine"));
        let err = s
            .pipeline_consumer_config("g", Given::explicit("a"), "earliest")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "--instance-id a and -X client.id=mine both set client.id; give one"
        );
    }

    #[test]
    fn a_lower_transaction_timeout_caps_the_default_delivery_timeout() {
        let producer = |x: &[&str], txn: Option<&str>| {
            settings(x)
                .unwrap()
                .pipeline_producer_config(Given::explicit("a"), txn, Given::default("lz4"))
                .unwrap()
        };
        let low = ["-X", "transaction.timeout.ms=20000"];
        assert_eq!(
            producer(&low, Some("t-a")).get("message.timeout.ms"),
            Some("20000")
        );
        // Not transactional, or a timeout above the default: the default stays.
        assert_eq!(
            producer(&low, None).get("message.timeout.ms"),
            Some("30000")
        );
        let high = ["-X", "transaction.timeout.ms=90000"];
        assert_eq!(
            producer(&high, Some("t-a")).get("message.timeout.ms"),
            Some("30000")
        );
        // An explicit -X message.timeout.ms wins.
        let both = [
            "-X",
            "transaction.timeout.ms=20000",
            "-X",
            "message.timeout.ms=5000",
        ];
        assert_eq!(
            producer(&both, Some("t-a")).get("message.timeout.ms"),
            Some("5000")
        );
    }

    #[test]
    fn exactly_once_forces_transactions_and_refuses_x_that_weakens_them() {
        let s = settings(&[]).unwrap();
        let p = s
            .pipeline_producer_config(Given::explicit("a"), Some("t-a"), Given::default("lz4"))
            .unwrap();
        assert_eq!(p.get("transactional.id"), Some("t-a"));
        assert_eq!(p.get("enable.idempotence"), Some("true"));
        assert_eq!(p.get("acks"), Some("all"));
        for x in ["acks=1", "enable.idempotence=false"] {
            let err = settings(&["-X", x])
                .unwrap()
                .pipeline_producer_config(Given::explicit("a"), Some("t-a"), Given::default("lz4"))
                .unwrap_err();
            assert!(
                err.to_string()
                    .starts_with(&format!("--exactly-once and -X {x} do not go together")),
                "{err}"
            );
        }
    }

    #[test]
    fn consumer_defaults_reach_consumers_only_and_x_still_wins() {
        let mut s = settings(&["-X", "heartbeat.interval.ms=500"]).unwrap();
        s.consumer_defaults
            .insert("session.timeout.ms".into(), "6000".into());
        s.consumer_defaults
            .insert("heartbeat.interval.ms".into(), "1000".into());
        let i1 = Given::default("i1");
        let c = s.pipeline_consumer_config("g", i1, "earliest").unwrap();
        assert_eq!(c.get("session.timeout.ms"), Some("6000"));
        assert_eq!(c.get("heartbeat.interval.ms"), Some("500"));
        assert_eq!(
            s.pipeline_producer_config(i1, None, Given::default("lz4"))
                .unwrap()
                .get("session.timeout.ms"),
            None
        );
        assert_eq!(s.producer_config().get("session.timeout.ms"), None);
    }
}
