//! The rule where a typed flag meets `-X`, in one place: which `-X` keys are refused (a typed
//! flag's, or one kmsg sets itself), the aliases of a property, `Given` (a flag's value and
//! whether the user gave it), and `merge_typed`, which decides between a flag and a `-X`.

use std::collections::BTreeMap;
use std::time::Duration;

use rdkafka::ClientConfig;

use super::error::ConfigError;

/// librdkafka keys that have a typed kmsg flag, and that flag: `-X` may not set them.
const TYPED_KEYS: &[(&str, &str)] = &[
    ("bootstrap.servers", "--bootstrap"),
    ("metadata.broker.list", "--bootstrap"),
    ("security.protocol", "--security-protocol"),
    ("sasl.mechanism", "--sasl-mechanism"),
    ("sasl.mechanisms", "--sasl-mechanism"),
    ("sasl.username", "--sasl-username"),
    (
        "sasl.password",
        "KMSG_SASL_PASSWORD or --sasl-password-file",
    ),
    ("ssl.ca.location", "--tls-ca"),
    ("ssl.certificate.location", "--tls-cert"),
    ("ssl.key.location", "--tls-key"),
];

/// librdkafka keys kmsg's commands set themselves because they depend on them, and why:
/// `-X` may not set them (the message also says what to use instead).
const FIXED_KEYS: &[(&str, &str)] = &[
    (
        "group.id",
        "kmsg names its groups itself: use --group where a command has one (consume, dlq watch, dlq replay, metrics); view and dlq list/show read without joining one",
    ),
    (
        "enable.auto.commit",
        "kmsg commits offsets itself (consume only once an outcome is durable); remove it",
    ),
    (
        "enable.auto.offset.store",
        "kmsg stores offsets itself (consume only once an outcome is durable); remove it",
    ),
    (
        "enable.partition.eof",
        "kmsg's readers depend on their own setting of it to see where a partition ends; remove it",
    ),
    (
        "transactional.id",
        "only consume --exactly-once is transactional and it derives transactional.id from --group and --instance-id: do not set it with -X",
    ),
];

/// librdkafka properties with more than one name: a `-X` under any name of a property counts
/// as setting it.
const ALIASES: &[&[&str]] = &[
    &["acks", "request.required.acks"],
    &["compression.type", "compression.codec"],
    &["linger.ms", "queue.buffering.max.ms"],
    &["message.timeout.ms", "delivery.timeout.ms"],
];

/// A typed flag's value and whether the user gave it (on the command line or by env) or it
/// is kmsg's default: a `-X` for the same property clashes with the first and wins over the
/// second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Given<T> {
    pub value: T,
    pub explicit: bool,
}

impl<T> Given<T> {
    /// The flag's value when it was given, else `default`.
    pub fn or(given: Option<T>, default: T) -> Self {
        match given {
            Some(value) => Given {
                value,
                explicit: true,
            },
            None => Given {
                value: default,
                explicit: false,
            },
        }
    }

    /// A value the user gave.
    pub fn explicit(value: T) -> Self {
        Given {
            value,
            explicit: true,
        }
    }

    /// kmsg's default, given way to by `-X`.
    pub fn default(value: T) -> Self {
        Given {
            value,
            explicit: false,
        }
    }

    /// The same claim on a converted value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Given<U> {
        Given {
            value: f(self.value),
            explicit: self.explicit,
        }
    }
}

/// One typed flag's claim on a librdkafka property.
#[derive(Debug, Clone)]
pub(super) struct Typed {
    /// The flag as the user writes it, e.g. `--acks`.
    flag: &'static str,
    /// The flag's value as the user would write it, e.g. `all` or `30s`.
    shown: String,
    /// The librdkafka property it sets.
    pub(super) key: &'static str,
    /// The value of that property.
    pub(super) value: String,
    explicit: bool,
}

impl Typed {
    pub(super) fn new<T>(
        flag: &'static str,
        key: &'static str,
        given: &Given<T>,
        show: impl Fn(&T) -> String,
        value: impl Fn(&T) -> String,
    ) -> Self {
        Typed {
            flag,
            shown: show(&given.value),
            key,
            value: value(&given.value),
            explicit: given.explicit,
        }
    }
}

/// Parses the `-X key=value` pairs: each must be of that form, not a key with a typed flag
/// (`TYPED_KEYS`) or one kmsg sets itself (`FIXED_KEYS`), and a property librdkafka knows
/// with a value it accepts.
pub(super) fn parse_x(pairs: &[String]) -> Result<BTreeMap<String, String>, ConfigError> {
    let mut extra = BTreeMap::new();
    for kv in pairs {
        let (key, value) = kv
            .split_once('=')
            .filter(|(k, _)| !k.trim().is_empty())
            .ok_or_else(|| ConfigError::NotKeyValue(kv.clone()))?;
        let key = key.trim();
        if let Some((_, flag)) = TYPED_KEYS.iter().find(|(k, _)| *k == key) {
            return Err(ConfigError::TypedKey {
                key: key.to_string(),
                flag,
            });
        }
        if let Some((_, why)) = FIXED_KEYS.iter().find(|(k, _)| *k == key) {
            return Err(ConfigError::FixedKey {
                key: key.to_string(),
                value: value.to_string(),
                why,
            });
        }
        check_rdkafka_key(key, value)?;
        extra.insert(key.to_string(), value.to_string());
    }
    Ok(extra)
}

/// The names of `key` (itself and its librdkafka aliases).
pub(super) fn names_of(key: &str) -> Vec<&str> {
    ALIASES
        .iter()
        .find(|names| names.contains(&key))
        .map(|names| names.to_vec())
        .unwrap_or_else(|| vec![key])
}

/// The `-X` that sets `key` under any of its names, as (name used, value).
pub(super) fn x_setting<'a>(
    extra: &'a BTreeMap<String, String>,
    key: &str,
) -> Option<(&'a str, &'a str)> {
    names_of(key)
        .into_iter()
        .find_map(|name| extra.get_key_value(name))
        .map(|(k, v)| (k.as_str(), v.as_str()))
}

/// The rule where a typed flag meets `-X` (pure; table-tested): `Ok(Some(value))` to set
/// the flag's value, `Ok(None)` when a `-X` for the property wins over the flag's default,
/// a clash when both were given.
pub(super) fn merge_typed(
    extra: &BTreeMap<String, String>,
    typed: &Typed,
) -> Result<Option<String>, ConfigError> {
    match x_setting(extra, typed.key) {
        Some((name, x_value)) if typed.explicit => Err(ConfigError::Clash {
            flag: typed.flag,
            flag_value: typed.shown.clone(),
            key: name.to_string(),
            x_value: x_value.to_string(),
        }),
        Some(_) => Ok(None),
        None => Ok(Some(typed.value.clone())),
    }
}

/// Applies typed flags to `cfg` by `merge_typed`.
pub(super) fn apply_typed(
    cfg: &mut ClientConfig,
    extra: &BTreeMap<String, String>,
    typed: &[Typed],
) -> Result<(), ConfigError> {
    for t in typed {
        if let Some(value) = merge_typed(extra, t)? {
            cfg.set(t.key, value);
        }
    }
    Ok(())
}

/// Sets kmsg's own default for a property without a flag, unless `-X` set it (by any name).
pub(super) fn set_default(
    cfg: &mut ClientConfig,
    extra: &BTreeMap<String, String>,
    key: &str,
    value: &str,
) {
    if x_setting(extra, key).is_none() {
        cfg.set(key, value);
    }
}

pub(super) fn show_duration(d: &Duration) -> String {
    humantime::format_duration(*d).to_string()
}

pub(super) fn millis(d: &Duration) -> String {
    d.as_millis().max(1).to_string()
}

/// `--timeout`'s claim on `socket.connection.setup.timeout.ms`.
pub(super) fn timeout_typed(timeout: &Given<Duration>) -> Typed {
    Typed::new(
        "--timeout",
        "socket.connection.setup.timeout.ms",
        timeout,
        show_duration,
        millis,
    )
}

/// `--instance-id`'s claim on `client.id` (`kmsg-<instance>`).
pub(super) fn instance_client_id(instance: &Given<&str>) -> Typed {
    Typed::new(
        "--instance-id",
        "client.id",
        instance,
        |i| i.to_string(),
        |i| format!("kmsg-{i}"),
    )
}

/// `--instance-id`'s claim on `group.instance.id` (static membership: the id itself).
pub(super) fn instance_static_id(instance: &Given<&str>) -> Typed {
    Typed::new(
        "--instance-id",
        "group.instance.id",
        instance,
        |i| i.to_string(),
        |i| i.to_string(),
    )
}

/// Asks librdkafka itself whether it knows `key` and accepts `value`.
fn check_rdkafka_key(key: &str, value: &str) -> Result<(), ConfigError> {
    let mut probe = ClientConfig::new();
    probe.set(key, value);
    probe
        .create_native_config()
        .map(|_| ())
        .map_err(|e| ConfigError::UnknownKey {
            key: key.to_string(),
            reason: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extra(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn typed(flag: &'static str, key: &'static str, value: &str, explicit: bool) -> Typed {
        Typed {
            flag,
            shown: value.to_string(),
            key,
            value: value.to_string(),
            explicit,
        }
    }

    #[test]
    fn a_typed_flag_and_x_follow_one_rule() {
        // (typed flag given?, -X settings, expected: Ok(Some(flag value)), Ok(None) = -X wins,
        // Err(message))
        type Case<'a> = (
            bool,
            &'a [(&'a str, &'a str)],
            Result<Option<&'a str>, &'a str>,
        );
        let cases: &[Case<'_>] = &[
            (true, &[], Ok(Some("all"))),
            (false, &[], Ok(Some("all"))),
            (false, &[("acks", "1")], Ok(None)),
            (false, &[("request.required.acks", "0")], Ok(None)),
            (false, &[("linger.ms", "5")], Ok(Some("all"))),
            (
                true,
                &[("acks", "1")],
                Err("--acks all and -X acks=1 both set acks; give one"),
            ),
            (
                true,
                &[("request.required.acks", "0")],
                Err("--acks all and -X request.required.acks=0 both set request.required.acks; give one"),
            ),
        ];
        for (explicit, x, want) in cases {
            let got = merge_typed(&extra(x), &typed("--acks", "acks", "all", *explicit))
                .map_err(|e| e.to_string());
            let want = want.map(|v| v.map(str::to_string)).map_err(str::to_string);
            assert_eq!(got, want, "explicit {explicit}, -X {x:?}");
        }
    }
}
