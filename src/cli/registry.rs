//! The flags of `kmsg registry subjects|versions|get|register|compatibility|delete`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum RegistryCommand {
    /// List the registry's subjects
    Subjects,
    /// List a subject's versions
    Versions(RegistryVersionsArgs),
    /// Show a schema: SUBJECT[:VERSION] (latest by default) or --id N
    Get(RegistryGetArgs),
    /// Register a schema file under a subject (its compatibility is checked first)
    Register(RegistryRegisterArgs),
    /// Show a subject's compatibility level, or set it with --set
    Compatibility(RegistryCompatibilityArgs),
    /// Delete a subject (softly, or --permanent), or one version with SUBJECT:VERSION (needs --yes)
    Delete(RegistryDeleteArgs),
}

#[derive(Debug, Args)]
pub struct RegistryVersionsArgs {
    /// The subject, e.g. orders-value
    pub subject: String,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").args(["subject", "id"]).required(true)))]
pub struct RegistryGetArgs {
    /// SUBJECT or SUBJECT:VERSION (a number or latest)
    pub subject: Option<String>,

    /// The schema with this global id
    #[arg(long)]
    pub id: Option<u32>,
}

/// The schema types `register --type` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaTypeArg {
    Avro,
    Protobuf,
    Json,
}

#[derive(Debug, Args)]
pub struct RegistryRegisterArgs {
    /// The subject, e.g. orders-value (the topic's value subject by the default naming)
    pub subject: String,

    /// The schema file: .avsc (Avro), .proto (Protobuf) or a JSON Schema
    pub file: PathBuf,

    /// The schema type [default: from the file's extension: .avsc, .proto, .json]
    #[arg(long = "type", value_enum)]
    pub schema_type: Option<SchemaTypeArg>,
}

#[derive(Debug, Args)]
pub struct RegistryCompatibilityArgs {
    /// The subject
    pub subject: String,

    /// Set the level: BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL,
    /// FULL_TRANSITIVE or NONE
    #[arg(long, value_name = "LEVEL")]
    pub set: Option<String>,
}

#[derive(Debug, Args)]
pub struct RegistryDeleteArgs {
    /// SUBJECT (every version) or SUBJECT:VERSION
    pub subject: String,

    /// Confirm the deletion
    #[arg(long)]
    pub yes: bool,

    /// Delete the subject for good (after the registry's soft delete, which keeps its ids
    /// resolvable and lets it be registered again)
    #[arg(long)]
    pub permanent: bool,
}
