//! The kmsg library: everything the `kmsg` binary runs, so that commands, the consumer
//! engine and the pipeline logic can be driven and tested without the command line.
//!
//! Layers, from the top: `cli` (clap structs) and `cmd` (one module per subcommand), then
//! the Kafka adapters in `kafka`, then the pure logic in `pipeline`; `output`, `metrics`,
//! `envelope`, `error`, `logging`, `signals` and `alloc` serve them.

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
pub mod secrets;
pub mod signals;
pub mod sink;
