//! Everything that talks to Kafka: client configuration (the only place that builds
//! librdkafka configs) and the option types it takes, the client context, admin operations,
//! producers and readers. It imports nothing from the CLI, the commands or the engine above
//! it; the local cluster launcher is in `cluster`, the HTTP sink in `sink`.

pub mod acl;
pub mod acl_admin;
mod acl_ffi;
pub mod admin;
mod admin_ffi;
pub mod alter;
mod alter_ffi;
pub mod config;
pub mod context;
pub mod group;
mod group_ffi;
pub mod membership;
pub mod options;
pub mod producer;
mod producer_ffi;
pub mod reader;
