//! What every command gets besides its own args: the validated connection settings, the
//! output format and the schema registry's options. `cmd::run` builds it once from the global
//! options; the registry client is built by the commands that use one.

use std::sync::Arc;

use crate::cli::OutputFormat;
use crate::kafka::config::ClientSettings;
use crate::registry::{Registry, RegistryClient, RegistryOptions};

/// What every command gets besides its own args.
pub struct Context {
    pub settings: ClientSettings,
    pub output: OutputFormat,
    /// `--schema-registry` and its credentials, when given.
    pub registry: Option<RegistryOptions>,
}

impl Context {
    /// The schema registry (its client and caches), or `None` when no registry is given.
    pub fn registry_if_any(&self) -> anyhow::Result<Option<Arc<Registry>>> {
        match &self.registry {
            None => Ok(None),
            Some(options) => Ok(Some(Arc::new(Registry::new(RegistryClient::new(options)?)))),
        }
    }

    /// The schema registry, or a usage error saying that `needed_by` (a flag or command)
    /// needs one.
    pub fn registry(&self, needed_by: &str) -> anyhow::Result<Arc<Registry>> {
        self.registry_if_any()?.ok_or_else(|| {
            crate::error::usage(format!(
                "{needed_by} needs a schema registry: set --schema-registry URL or SCHEMA_REGISTRY_URL"
            ))
        })
    }
}
