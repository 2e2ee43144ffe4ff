//! The one place that builds librdkafka configurations.
//!
//! `ClientSettings::from_options` validates the connection options (bootstrap, `-X`
//! passthrough, TLS files, SASL credentials) before any network call, and one function per
//! client role (`produce_config`, `pipeline_consumer_config`, `viewer_config`, ...) turns
//! them, with the role's typed flags, into the finished `ClientConfig`: nothing sets a key
//! after that. The SASL password is read from env or a file, never from a flag, and is never
//! logged.
//!
//! Where a typed flag and `-X` meet (after Vector's kafka sink config), one rule holds for
//! every command:
//! - a typed flag given explicitly (on the command line or by env) and a `-X` for the same
//!   librdkafka property (or an alias of it) is a clash, refused before connecting (exit 2):
//!   `--acks all and -X acks=1 both set acks; give one`;
//! - a `-X` with the typed flag left at its default wins (the default is not applied);
//! - kmsg's own defaults for properties without a flag (`linger.ms=50` in consume, ...)
//!   give way to `-X` as well;
//! - properties kmsg's commands depend on for correctness (`group.id`, offset commits,
//!   `enable.partition.eof`, `transactional.id`, the bootstrap and security settings) are
//!   refused in `-X`, with the reason and the flag to use instead.
//!
//! Files, bottom-up: `error` holds `ConfigError`; `merge` the `-X` rule above; `security` the
//! TLS and SASL checks and `Secret`; `settings` `ClientSettings` and the checks of the
//! connection options; `roles` the config of each client role. This one only re-exports them.

mod error;
mod merge;
mod roles;
mod security;
mod settings;

pub use error::ConfigError;
pub use merge::Given;
pub use roles::{ProduceOptions, CONSUME_COMPRESSION, PRODUCE_ACKS, PRODUCE_DELIVERY_TIMEOUT};
pub use security::Secret;
pub use settings::{ClientSettings, DEFAULT_BOOTSTRAP, DEFAULT_TIMEOUT, PASSWORD_ENV};
