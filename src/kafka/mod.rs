//! Everything that talks to Kafka or runs it: client configuration (the only place that
//! builds librdkafka configs), the client context, admin operations, and the local KRaft
//! cluster launcher.

pub mod acl;
mod acl_ffi;
pub mod admin;
pub mod config;
pub mod context;
pub mod http_sink;
pub mod launcher;
pub mod layout;
pub mod pki;
pub mod producer;
pub mod reader;
