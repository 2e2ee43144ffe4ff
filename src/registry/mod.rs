//! Confluent-compatible schema registries: the client (`client`), the wire format every
//! registry-encoded record starts with (`wire`), the codecs for the three schema types
//! (`avro`, `protobuf`, and JSON Schema in `codec`), and the cache the record paths share
//! (`cache`). An adapter layer beside `kafka` and `sink`: it imports only `pipeline`
//! (the JSON Schema validator), `secrets` and `error`.

pub mod avro;
pub mod cache;
pub mod client;
pub mod codec;
pub mod protobuf;
pub mod wire;

pub use cache::{Decoding, Known, LookupError, Registry};
pub use client::{RegistryClient, RegistryError, RegistryOptions, Version, REGISTRY_PASSWORD_ENV};
pub use codec::{Codec, CodecError, SchemaType};
