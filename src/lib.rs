//! The kmsg library: everything the `kmsg` binary runs, so that commands, the consumer
//! engine and the pipeline logic can be driven and tested without the command line.
//!
//! Layers, from the top, each importing only from those below it: `cli` (clap structs,
//! converted into the option types below), `cmd` (one module per subcommand), the consumer
//! engine in `consumer`, the local cluster in `cluster`, the adapters (`kafka` for Kafka,
//! `sink` for the HTTP downstream, `registry` for schema registries and their record
//! formats), then the pure logic in `pipeline`. `output`, `metrics`,
//! `envelope`, `logging`, `signals`, `alloc` and `tls` serve them; `profile` (the config file's
//! named profiles, pure) serves `cli`; `error` and `secrets` sit
//! below everything.

pub mod alloc;
pub mod cli;
pub mod cluster;
pub mod cmd;
pub mod consumer;
pub mod envelope;
pub mod error;
pub mod kafka;
pub mod logging;
pub mod metrics;
pub mod output;
pub mod pipeline;
pub mod profile;
pub mod registry;
pub mod secrets;
pub mod signals;
pub mod sink;
pub mod tls;
