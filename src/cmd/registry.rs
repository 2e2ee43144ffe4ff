//! `kmsg registry`: the schemas of a Confluent-compatible registry: `subjects`, `versions`,
//! `get` (by subject and version, or by id), `register` (compiled here first, so a schema
//! that is not valid Avro JSON or a `.proto` that does not compile is refused with the
//! parser's message and line before the registry is asked; then the compatibility check,
//! whose reasons are shown when the registry refuses), `compatibility` (show or set) and
//! `delete` (a subject or one version, with `--yes`). `--output json` prints one document.

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::context::Context;
use crate::cli::{
    OutputFormat, RegistryCommand, RegistryCompatibilityArgs, RegistryDeleteArgs, RegistryGetArgs,
    RegistryRegisterArgs, SchemaTypeArg,
};
use crate::error::usage;
use crate::output;
use crate::registry::client::{Reference, StoredSchema};
use crate::registry::codec::SchemaSource;
use crate::registry::{Codec, RegistryClient, RegistryError, SchemaType, Version};

/// The compatibility levels a registry knows.
const LEVELS: &[&str] = &[
    "BACKWARD",
    "BACKWARD_TRANSITIVE",
    "FORWARD",
    "FORWARD_TRANSITIVE",
    "FULL",
    "FULL_TRANSITIVE",
    "NONE",
];

pub async fn run(cmd: RegistryCommand, ctx: &Context) -> anyhow::Result<ExitCode> {
    let registry = ctx.registry("kmsg registry")?;
    let client = registry.client();
    match cmd {
        RegistryCommand::Subjects => {
            let mut subjects = client.subjects().await?;
            subjects.sort();
            #[derive(Serialize)]
            struct Out<'a> {
                count: usize,
                subjects: &'a [String],
            }
            print(
                ctx,
                &Out {
                    count: subjects.len(),
                    subjects: &subjects,
                },
                || {
                    let mut t = output::table(&["subject"]);
                    for s in &subjects {
                        t.add_row(vec![s.clone()]);
                    }
                    format!("{t}\n{} subject(s)", subjects.len())
                },
            )
        }
        RegistryCommand::Versions(args) => {
            let versions = client.versions(&args.subject).await?;
            #[derive(Serialize)]
            struct Out<'a> {
                subject: &'a str,
                versions: &'a [i32],
            }
            print(
                ctx,
                &Out {
                    subject: &args.subject,
                    versions: &versions,
                },
                || {
                    let list: Vec<String> = versions.iter().map(i32::to_string).collect();
                    format!("{}: versions {}", args.subject, list.join(", "))
                },
            )
        }
        RegistryCommand::Get(args) => get(args, client, ctx).await,
        RegistryCommand::Register(args) => register(args, client, ctx).await,
        RegistryCommand::Compatibility(args) => compatibility(args, client, ctx).await,
        RegistryCommand::Delete(args) => delete(args, client, ctx).await,
    }
}

/// Prints `json` with `--output json`, else the text `text` makes.
fn print<T: Serialize>(
    ctx: &Context,
    json: &T,
    text: impl FnOnce() -> String,
) -> anyhow::Result<ExitCode> {
    if ctx.output == OutputFormat::Json {
        output::print_json(json)?;
    } else {
        output::print_text(&text())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `SUBJECT` or `SUBJECT:VERSION` (a number or `latest`). A subject may itself hold colons
/// (context-qualified subjects): only a last part that is a version is taken as one.
pub fn parse_subject_version(text: &str) -> Result<(String, Option<Version>), String> {
    if text.trim().is_empty() {
        return Err("the subject is empty".into());
    }
    if let Some((subject, version)) = text.rsplit_once(':') {
        if let Ok(v) = version.parse::<Version>() {
            if subject.is_empty() {
                return Err(format!("{text:?} names a version but no subject"));
            }
            return Ok((subject.to_string(), Some(v)));
        }
        if version.chars().all(|c| c.is_ascii_digit() || c == '-') && !version.is_empty() {
            return Err(format!(
                "version {version:?} must be a positive number or `latest`"
            ));
        }
    }
    Ok((text.to_string(), None))
}

/// The schema type of `--type`, else of the file's extension.
pub fn schema_type_for(path: &Path, given: Option<SchemaTypeArg>) -> Result<SchemaType, String> {
    if let Some(t) = given {
        return Ok(match t {
            SchemaTypeArg::Avro => SchemaType::Avro,
            SchemaTypeArg::Protobuf => SchemaType::Protobuf,
            SchemaTypeArg::Json => SchemaType::Json,
        });
    }
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("avsc") => Ok(SchemaType::Avro),
        Some("proto") => Ok(SchemaType::Protobuf),
        Some("json") => Ok(SchemaType::Json),
        _ => Err(format!(
            "cannot tell the schema type of {} from its name: give --type avro|protobuf|json",
            path.display()
        )),
    }
}

/// A schema as `get` prints it.
#[derive(Debug, Serialize)]
struct Shown {
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
    id: u32,
    #[serde(rename = "type")]
    schema_type: &'static str,
    schema: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    references: Vec<Reference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    registered_as: Vec<SubjectAt>,
}

#[derive(Debug, Serialize)]
struct SubjectAt {
    subject: String,
    version: i32,
}

fn readable(schema_type: SchemaType, text: &str) -> String {
    match schema_type {
        SchemaType::Protobuf => text.to_string(),
        _ => serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_else(|| text.to_string()),
    }
}

async fn get(
    args: RegistryGetArgs,
    client: &RegistryClient,
    ctx: &Context,
) -> anyhow::Result<ExitCode> {
    let shown = match (args.id, &args.subject) {
        (Some(id), _) => {
            let stored = client.by_id(id).await?;
            let registered_as = client
                .subjects_of_id(id)
                .await
                .into_iter()
                .map(|(subject, version)| SubjectAt { subject, version })
                .collect();
            Shown {
                subject: None,
                version: None,
                id,
                schema_type: stored.schema_type.name(),
                schema: stored.schema,
                references: stored.references,
                registered_as,
            }
        }
        (None, Some(text)) => {
            let (subject, version) = parse_subject_version(text).map_err(usage)?;
            let v = client
                .version(&subject, version.unwrap_or(Version::Latest))
                .await?;
            Shown {
                subject: Some(v.subject),
                version: Some(v.version),
                id: v.id,
                schema_type: v.stored.schema_type.name(),
                schema: v.stored.schema,
                references: v.stored.references,
                registered_as: Vec::new(),
            }
        }
        (None, None) => return Err(usage("give SUBJECT[:VERSION] or --id N")),
    };
    let schema_type =
        SchemaType::from_registry(Some(shown.schema_type)).unwrap_or(SchemaType::Avro);
    print(ctx, &shown, || {
        let mut head = match (&shown.subject, shown.version) {
            (Some(s), Some(v)) => format!("subject {s} version {v}, "),
            _ => String::new(),
        };
        head.push_str(&format!("id {}, type {}", shown.id, shown.schema_type));
        for r in &shown.registered_as {
            head.push_str(&format!(
                "\nregistered as {} version {}",
                r.subject, r.version
            ));
        }
        for r in &shown.references {
            head.push_str(&format!(
                "\nreferences {} = {} version {}",
                r.name, r.subject, r.version
            ));
        }
        format!("{head}\n{}", readable(schema_type, &shown.schema))
    })
}

async fn register(
    args: RegistryRegisterArgs,
    client: &RegistryClient,
    ctx: &Context,
) -> anyhow::Result<ExitCode> {
    let schema_type = schema_type_for(&args.file, args.schema_type).map_err(usage)?;
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| usage(format!("cannot read {}: {e}", args.file.display())))?;
    // Compiled here first: the parser's message (with the line for .proto) beats a
    // registry's generic refusal, and nothing is sent for a broken file.
    Codec::build(&SchemaSource {
        schema_type,
        text: text.clone(),
        references: Vec::new(),
    })
    .map_err(|e| usage(format!("{}: {e}", args.file.display())))?;
    let stored = StoredSchema {
        schema_type,
        schema: text,
        references: Vec::new(),
    };
    if let Err(reasons) = client.compatible(&args.subject, &stored).await? {
        let level = client
            .compatibility(&args.subject)
            .await
            .unwrap_or_else(|_| "?".into());
        return Err(RegistryError::Incompatible {
            subject: args.subject.clone(),
            reason: format!("not {level}-compatible with its latest version: {reasons}"),
        }
        .into());
    }
    let id = client.register(&args.subject, &stored).await?;
    let version = match client.version(&args.subject, Version::Latest).await {
        Ok(v) if v.id == id => Some(v.version),
        _ => None,
    };
    #[derive(Serialize)]
    struct Out<'a> {
        subject: &'a str,
        id: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<i32>,
        #[serde(rename = "type")]
        schema_type: &'static str,
    }
    let out = Out {
        subject: &args.subject,
        id,
        version,
        schema_type: schema_type.name(),
    };
    print(ctx, &out, || match version {
        Some(v) => format!(
            "registered {} as {} version {v} (id {id})",
            args.file.display(),
            args.subject
        ),
        None => format!(
            "registered {} as {} (id {id})",
            args.file.display(),
            args.subject
        ),
    })
}

async fn compatibility(
    args: RegistryCompatibilityArgs,
    client: &RegistryClient,
    ctx: &Context,
) -> anyhow::Result<ExitCode> {
    if let Some(level) = &args.set {
        let upper = level.to_ascii_uppercase();
        if !LEVELS.contains(&upper.as_str()) {
            return Err(usage(format!(
                "--set {level:?} is not a compatibility level: one of {}",
                LEVELS.join(", ")
            )));
        }
        client.set_compatibility(&args.subject, &upper).await?;
    }
    let level = client.compatibility(&args.subject).await?;
    #[derive(Serialize)]
    struct Out<'a> {
        subject: &'a str,
        compatibility: &'a str,
    }
    print(
        ctx,
        &Out {
            subject: &args.subject,
            compatibility: &level,
        },
        || format!("{}: {level}", args.subject),
    )
}

async fn delete(
    args: RegistryDeleteArgs,
    client: &RegistryClient,
    ctx: &Context,
) -> anyhow::Result<ExitCode> {
    let (subject, version) = parse_subject_version(&args.subject).map_err(usage)?;
    if !args.yes {
        let what = match version {
            Some(v) => format!("version {v} of subject {subject}"),
            None => format!("subject {subject} and every version of it"),
        };
        return Err(usage(format!("deleting {what} needs --yes")));
    }
    if args.permanent && version.is_some() {
        return Err(usage(
            "--permanent deletes a whole subject: give SUBJECT without :VERSION",
        ));
    }
    let deleted = match version {
        Some(v) => vec![client.delete_version(&subject, v).await?],
        None => client.delete_subject(&subject, args.permanent).await?,
    };
    #[derive(Serialize)]
    struct Out<'a> {
        subject: &'a str,
        deleted_versions: &'a [i32],
        permanent: bool,
    }
    let out = Out {
        subject: &subject,
        deleted_versions: &deleted,
        permanent: args.permanent,
    };
    print(ctx, &out, || {
        let list: Vec<String> = deleted.iter().map(i32::to_string).collect();
        let how = if args.permanent {
            "permanently deleted"
        } else {
            "deleted"
        };
        format!("{how} {subject} version(s) {}", list.join(", "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_with_and_without_versions() {
        type Want = Result<(&'static str, Option<Version>), &'static str>;
        let cases: &[(&str, Want)] = &[
            ("orders-value", Ok(("orders-value", None))),
            (
                "orders-value:3",
                Ok(("orders-value", Some(Version::Number(3)))),
            ),
            (
                "orders-value:latest",
                Ok(("orders-value", Some(Version::Latest))),
            ),
            (":.ctx:orders", Ok((":.ctx:orders", None))),
            ("orders:0", Err("must be a positive number")),
            ("orders:-1", Err("must be a positive number")),
            (":3", Err("no subject")),
            (" ", Err("empty")),
        ];
        for (text, want) in cases {
            match (parse_subject_version(text), want) {
                (Ok((s, v)), Ok((ws, wv))) => assert_eq!((s.as_str(), v), (*ws, *wv), "{text}"),
                (Err(e), Err(w)) => assert!(e.contains(w), "{text}: {e}"),
                (got, _) => panic!("{text}: {got:?}"),
            }
        }
    }

    #[test]
    fn the_type_comes_from_the_flag_or_the_extension() {
        assert_eq!(
            schema_type_for(Path::new("a/login.avsc"), None),
            Ok(SchemaType::Avro)
        );
        assert_eq!(
            schema_type_for(Path::new("login.PROTO"), None),
            Ok(SchemaType::Protobuf)
        );
        assert_eq!(
            schema_type_for(Path::new("schema.json"), None),
            Ok(SchemaType::Json)
        );
        assert_eq!(
            schema_type_for(Path::new("x.txt"), Some(SchemaTypeArg::Avro)),
            Ok(SchemaType::Avro)
        );
        assert!(schema_type_for(Path::new("x.txt"), None)
            .unwrap_err()
            .contains("--type"));
    }
}
