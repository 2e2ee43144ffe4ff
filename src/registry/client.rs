//! The HTTP client of a Confluent-compatible schema registry (Confluent Schema Registry,
//! Apicurio's `/apis/ccompat/v7`, Redpanda, Karapace): the few calls kmsg makes, each bounded
//! by the connection timeout, with basic auth and a custom CA. Errors keep the registry's own
//! message (its `{"error_code", "message"}` body) and never the password.

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value as Json};

use super::codec::SchemaType;

/// Where the registry is and how to reach it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegistryOptions {
    /// Base URL, up to the API root (e.g. `http://host:8080/apis/ccompat/v7`).
    pub url: String,
    pub username: Option<String>,
    /// From env or a file only; never printed.
    pub password: Option<String>,
    /// CA certificate (PEM) for an https registry.
    pub ca: Option<PathBuf>,
    pub timeout: Duration,
}

/// The env variable the registry password is read from (it is never a flag).
pub const REGISTRY_PASSWORD_ENV: &str = "SCHEMA_REGISTRY_PASSWORD";

impl RegistryOptions {
    /// Options from the global flags: the password from `env_password` or else the first
    /// line of `password_file`; a password without a user is refused.
    pub fn from_parts(
        url: &str,
        username: Option<String>,
        env_password: Option<String>,
        password_file: Option<&std::path::Path>,
        ca: Option<PathBuf>,
        timeout: Duration,
    ) -> Result<Self, RegistryError> {
        let password = match (env_password.filter(|p| !p.is_empty()), password_file) {
            (Some(p), _) => Some(p),
            (None, Some(path)) => {
                let text =
                    std::fs::read_to_string(path).map_err(|e| RegistryError::PasswordFile {
                        path: path.display().to_string(),
                        reason: e.to_string(),
                    })?;
                Some(text.lines().next().unwrap_or_default().to_string())
            }
            (None, None) => None,
        };
        if password.is_some() && username.is_none() {
            return Err(RegistryError::PasswordWithoutUser);
        }
        Ok(RegistryOptions {
            url: url.to_string(),
            username,
            password,
            ca,
            timeout,
        })
    }
}

/// What went wrong talking to the registry.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("schema registry {url:?} is not a URL: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("--schema-registry-password-file {path}: {reason}")]
    PasswordFile { path: String, reason: String },
    #[error("a schema registry password is set but no user: set --schema-registry-user or SCHEMA_REGISTRY_USER")]
    PasswordWithoutUser,
    #[error("--schema-registry-ca {path}: {reason}")]
    Ca { path: String, reason: String },
    #[error("schema registry at {url} is unreachable: {reason} (check --schema-registry / SCHEMA_REGISTRY_URL)")]
    Unreachable { url: String, reason: String },
    #[error("schema registry at {url} refused the credentials (HTTP {status}): set --schema-registry-user and SCHEMA_REGISTRY_PASSWORD")]
    Unauthorized { url: String, status: u16 },
    #[error("{what} not found in the schema registry{detail}")]
    NotFound { what: String, detail: String },
    #[error("the schema registry refused the schema for {subject}: {reason}")]
    Incompatible { subject: String, reason: String },
    #[error("the schema registry refused the request: {0}")]
    Invalid(String),
    #[error("schema registry answered HTTP {status} to {call}: {message}")]
    Http {
        status: u16,
        call: String,
        message: String,
    },
    #[error("schema registry answered {call} with an unexpected body: {reason}")]
    Body { call: String, reason: String },
}

impl RegistryError {
    /// Bad input rather than a failed service: an unknown subject, version or id, a refused
    /// schema, a bad URL or CA file (exit 2).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            RegistryError::BadUrl { .. }
                | RegistryError::PasswordFile { .. }
                | RegistryError::PasswordWithoutUser
                | RegistryError::Ca { .. }
                | RegistryError::NotFound { .. }
                | RegistryError::Incompatible { .. }
                | RegistryError::Invalid(_)
        )
    }
}

/// A version selector: a number or `latest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    Latest,
    Number(i32),
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Version::Latest => f.write_str("latest"),
            Version::Number(n) => write!(f, "{n}"),
        }
    }
}

impl std::str::FromStr for Version {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s.eq_ignore_ascii_case("latest") {
            return Ok(Version::Latest);
        }
        match s.parse::<i32>() {
            Ok(n) if n > 0 => Ok(Version::Number(n)),
            _ => Err(format!(
                "version {s:?} must be a positive number or `latest`"
            )),
        }
    }
}

/// A reference from one schema to another (a Protobuf import, an Avro named type).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct Reference {
    pub name: String,
    pub subject: String,
    pub version: i32,
}

/// A schema as the registry stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSchema {
    pub schema_type: SchemaType,
    pub schema: String,
    pub references: Vec<Reference>,
}

/// One version of a subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectVersion {
    pub subject: String,
    pub version: i32,
    pub id: u32,
    pub stored: StoredSchema,
}

#[derive(Deserialize)]
struct RawSchema {
    schema: String,
    #[serde(rename = "schemaType")]
    schema_type: Option<String>,
    #[serde(default)]
    references: Option<Vec<Reference>>,
    subject: Option<String>,
    version: Option<i32>,
    id: Option<u32>,
}

impl RawSchema {
    fn stored(self, call: &str) -> Result<StoredSchema, RegistryError> {
        let schema_type =
            SchemaType::from_registry(self.schema_type.as_deref()).ok_or_else(|| {
                RegistryError::Body {
                    call: call.to_string(),
                    reason: format!(
                        "unknown schemaType {:?}",
                        self.schema_type.unwrap_or_default()
                    ),
                }
            })?;
        Ok(StoredSchema {
            schema_type,
            schema: self.schema,
            references: self.references.unwrap_or_default(),
        })
    }
}

/// A registry client; cheap to clone.
#[derive(Debug, Clone)]
pub struct RegistryClient {
    http: reqwest::Client,
    base: reqwest::Url,
    username: Option<String>,
    password: Option<String>,
}

/// Path segments are percent-encoded (subjects may hold `/` or `:`).
fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl RegistryClient {
    /// Checks the URL and CA and builds the client; no request yet.
    pub fn new(options: &RegistryOptions) -> Result<Self, RegistryError> {
        let full = if options.url.contains("://") {
            options.url.clone()
        } else {
            format!("http://{}", options.url)
        };
        let mut base = reqwest::Url::parse(&full).map_err(|e| RegistryError::BadUrl {
            url: options.url.clone(),
            reason: e.to_string(),
        })?;
        if !matches!(base.scheme(), "http" | "https") || base.host_str().is_none() {
            return Err(RegistryError::BadUrl {
                url: options.url.clone(),
                reason: "it must be an http:// or https:// URL with a host".into(),
            });
        }
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let mut builder = reqwest::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.timeout);
        if let Some(path) = &options.ca {
            let ca_err = |reason: String| RegistryError::Ca {
                path: path.display().to_string(),
                reason,
            };
            let pem = std::fs::read(path).map_err(|e| ca_err(e.to_string()))?;
            let cert = reqwest::Certificate::from_pem(&pem)
                .map_err(|e| ca_err(format!("not a PEM certificate: {e}")))?;
            builder = builder.add_root_certificate(cert);
        }
        let http = builder.build().map_err(|e| RegistryError::BadUrl {
            url: options.url.clone(),
            reason: e.to_string(),
        })?;
        if let Some(p) = &options.password {
            crate::secrets::register_secret(p);
        }
        Ok(RegistryClient {
            http,
            base,
            username: options.username.clone(),
            password: options.password.clone(),
        })
    }

    /// The base URL, as given (without credentials).
    pub fn url(&self) -> &str {
        self.base.as_str()
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Json>,
        not_found: impl FnOnce() -> String,
    ) -> Result<Json, RegistryError> {
        let url = self.base.join(path).map_err(|e| RegistryError::BadUrl {
            url: path.to_string(),
            reason: e.to_string(),
        })?;
        let call = format!("{method} /{path}");
        let mut req = self.http.request(method, url).header(
            "Accept",
            "application/vnd.schemaregistry.v1+json, application/json",
        );
        if let Some(user) = &self.username {
            req = req.basic_auth(user, self.password.as_deref());
        }
        if let Some(body) = body {
            req = req
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .body(body.to_string());
        }
        let base = self.base.as_str().trim_end_matches('/').to_string();
        let resp = req.send().await.map_err(|e| RegistryError::Unreachable {
            url: base.clone(),
            reason: if e.is_timeout() {
                "no answer within the timeout".into()
            } else {
                root_cause(&e)
            },
        })?;
        let status = resp.status().as_u16();
        let text = resp.text().await.map_err(|e| RegistryError::Unreachable {
            url: base.clone(),
            reason: root_cause(&e),
        })?;
        if (200..300).contains(&status) {
            return serde_json::from_str(&text).map_err(|e| RegistryError::Body {
                call,
                reason: e.to_string(),
            });
        }
        let message = serde_json::from_str::<Json>(&text)
            .ok()
            .and_then(|j| j.get("message").and_then(Json::as_str).map(str::to_string))
            .unwrap_or_else(|| text.chars().take(200).collect());
        Err(match status {
            401 | 403 => RegistryError::Unauthorized { url: base, status },
            404 => RegistryError::NotFound {
                what: not_found(),
                detail: if message.is_empty() {
                    String::new()
                } else {
                    format!(" ({message})")
                },
            },
            409 => RegistryError::Incompatible {
                subject: path.to_string(),
                reason: message,
            },
            422 => RegistryError::Invalid(message),
            _ => RegistryError::Http {
                status,
                call,
                message,
            },
        })
    }

    async fn get(
        &self,
        path: &str,
        not_found: impl FnOnce() -> String,
    ) -> Result<Json, RegistryError> {
        self.call(reqwest::Method::GET, path, None, not_found).await
    }

    fn parse<T: serde::de::DeserializeOwned>(json: Json, call: &str) -> Result<T, RegistryError> {
        serde_json::from_value(json).map_err(|e| RegistryError::Body {
            call: call.to_string(),
            reason: e.to_string(),
        })
    }

    /// Every subject.
    pub async fn subjects(&self) -> Result<Vec<String>, RegistryError> {
        Self::parse(
            self.get("subjects", || "the subject list".into()).await?,
            "GET /subjects",
        )
    }

    /// A subject's versions.
    pub async fn versions(&self, subject: &str) -> Result<Vec<i32>, RegistryError> {
        let path = format!("subjects/{}/versions", segment(subject));
        Self::parse(
            self.get(&path, || format!("subject {subject:?}")).await?,
            &path,
        )
    }

    /// One version of a subject.
    pub async fn version(
        &self,
        subject: &str,
        version: Version,
    ) -> Result<SubjectVersion, RegistryError> {
        let path = format!("subjects/{}/versions/{version}", segment(subject));
        let raw: RawSchema = Self::parse(
            self.get(&path, || format!("subject {subject:?} version {version}"))
                .await?,
            &path,
        )?;
        let (s, v, id) = (raw.subject.clone(), raw.version, raw.id);
        let stored = raw.stored(&path)?;
        Ok(SubjectVersion {
            subject: s.unwrap_or_else(|| subject.to_string()),
            version: v
                .or(match version {
                    Version::Number(n) => Some(n),
                    Version::Latest => None,
                })
                .unwrap_or_default(),
            id: id.ok_or_else(|| RegistryError::Body {
                call: path.clone(),
                reason: "no id".into(),
            })?,
            stored,
        })
    }

    /// The schema with this global id.
    pub async fn by_id(&self, id: u32) -> Result<StoredSchema, RegistryError> {
        let path = format!("schemas/ids/{id}");
        let raw: RawSchema =
            Self::parse(self.get(&path, || format!("schema id {id}")).await?, &path)?;
        raw.stored(&path)
    }

    /// The subjects and versions that hold the schema with this id (empty when the registry
    /// does not say).
    pub async fn subjects_of_id(&self, id: u32) -> Vec<(String, i32)> {
        #[derive(Deserialize)]
        struct Sv {
            subject: String,
            version: i32,
        }
        let path = format!("schemas/ids/{id}/versions");
        match self
            .get(&path, String::new)
            .await
            .and_then(|j| Self::parse::<Vec<Sv>>(j, &path))
        {
            Ok(list) => list
                .into_iter()
                .map(|sv| (sv.subject, sv.version))
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    fn schema_body(stored: &StoredSchema) -> Json {
        let mut body =
            json!({"schema": stored.schema, "schemaType": stored.schema_type.registry_name()});
        if !stored.references.is_empty() {
            body["references"] =
                serde_json::to_value(&stored.references).expect("references serialize");
        }
        body
    }

    /// Registers a schema under a subject (or finds it there); returns its id.
    pub async fn register(
        &self,
        subject: &str,
        stored: &StoredSchema,
    ) -> Result<u32, RegistryError> {
        #[derive(Deserialize)]
        struct Id {
            id: u32,
        }
        let path = format!("subjects/{}/versions", segment(subject));
        let out = self
            .call(
                reqwest::Method::POST,
                &path,
                Some(Self::schema_body(stored)),
                || format!("subject {subject:?}"),
            )
            .await
            .map_err(|e| match e {
                RegistryError::Incompatible { reason, .. } => RegistryError::Incompatible {
                    subject: subject.to_string(),
                    reason,
                },
                other => other,
            })?;
        Ok(Self::parse::<Id>(out, &path)?.id)
    }

    /// Whether the schema is compatible with the subject's latest version, with the
    /// registry's reasons when it is not. A subject with no version accepts anything.
    pub async fn compatible(
        &self,
        subject: &str,
        stored: &StoredSchema,
    ) -> Result<Result<(), String>, RegistryError> {
        let path = format!(
            "compatibility/subjects/{}/versions/latest?verbose=true",
            segment(subject)
        );
        let out = match self
            .call(
                reqwest::Method::POST,
                &path,
                Some(Self::schema_body(stored)),
                || format!("subject {subject:?}"),
            )
            .await
        {
            Ok(out) => out,
            Err(RegistryError::NotFound { .. }) => return Ok(Ok(())),
            Err(e) => return Err(e),
        };
        if out
            .get("is_compatible")
            .and_then(Json::as_bool)
            .unwrap_or(true)
        {
            return Ok(Ok(()));
        }
        let reasons = out
            .get("messages")
            .and_then(Json::as_array)
            .map(|m| {
                m.iter()
                    .map(|x| {
                        x.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| x.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .filter(|s| !s.is_empty())
            // Apicurio says it in `reason`.
            .or_else(|| out.get("reason").and_then(Json::as_str).map(str::to_string))
            .unwrap_or_else(|| "not compatible with the latest version".into());
        Ok(Err(reasons))
    }

    /// The subject's compatibility level (its own, else the registry's default).
    pub async fn compatibility(&self, subject: &str) -> Result<String, RegistryError> {
        let level = |j: &Json| {
            j.get("compatibilityLevel")
                .or_else(|| j.get("compatibility"))
                .and_then(Json::as_str)
                .map(str::to_string)
        };
        let path = format!("config/{}?defaultToGlobal=true", segment(subject));
        match self.get(&path, || format!("subject {subject:?}")).await {
            Ok(j) => level(&j).ok_or_else(|| RegistryError::Body {
                call: path,
                reason: "no compatibility level".into(),
            }),
            Err(RegistryError::NotFound { .. }) => {
                let j = self
                    .get("config", || "the registry's compatibility level".into())
                    .await?;
                level(&j).ok_or_else(|| RegistryError::Body {
                    call: "GET /config".into(),
                    reason: "no compatibility level".into(),
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Sets the subject's compatibility level.
    pub async fn set_compatibility(&self, subject: &str, level: &str) -> Result<(), RegistryError> {
        let path = format!("config/{}", segment(subject));
        self.call(
            reqwest::Method::PUT,
            &path,
            Some(json!({"compatibility": level})),
            || format!("subject {subject:?}"),
        )
        .await?;
        Ok(())
    }

    /// Deletes a subject (every version); returns the versions deleted. Registries delete
    /// softly first (the subject can be registered again, its ids still resolve); with
    /// `permanent` the soft delete is followed by the permanent one.
    pub async fn delete_subject(
        &self,
        subject: &str,
        permanent: bool,
    ) -> Result<Vec<i32>, RegistryError> {
        let path = format!("subjects/{}", segment(subject));
        let soft = self
            .call(reqwest::Method::DELETE, &path, None, || {
                format!("subject {subject:?}")
            })
            .await;
        if !permanent {
            return Self::parse(soft?, &path);
        }
        let soft_versions = match soft {
            Ok(v) => Some(Self::parse::<Vec<i32>>(v, &path)?),
            // Already soft-deleted (Confluent's 40404 comes as a 404).
            Err(RegistryError::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        let hard_path = format!("{path}?permanent=true");
        let out = self
            .call(reqwest::Method::DELETE, &hard_path, None, || {
                format!("subject {subject:?}")
            })
            .await?;
        let hard: Vec<i32> = Self::parse(out, &hard_path)?;
        Ok(if hard.is_empty() {
            soft_versions.unwrap_or_default()
        } else {
            hard
        })
    }

    /// Deletes one version of a subject.
    pub async fn delete_version(
        &self,
        subject: &str,
        version: Version,
    ) -> Result<i32, RegistryError> {
        let path = format!("subjects/{}/versions/{version}", segment(subject));
        let out = self
            .call(reqwest::Method::DELETE, &path, None, || {
                format!("subject {subject:?} version {version}")
            })
            .await?;
        Self::parse(out, &path)
    }

    /// The sources a schema references, each under its reference name, recursively (a
    /// referenced schema's own references come first).
    pub async fn resolve_references(
        &self,
        refs: &[Reference],
    ) -> Result<Vec<(String, String)>, RegistryError> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut stack: Vec<(Reference, bool)> =
            refs.iter().rev().cloned().map(|r| (r, false)).collect();
        while let Some((r, expanded)) = stack.pop() {
            if out.iter().any(|(n, _)| *n == r.name) {
                continue;
            }
            let v = self.version(&r.subject, Version::Number(r.version)).await?;
            if expanded || v.stored.references.is_empty() {
                out.push((r.name.clone(), v.stored.schema));
            } else {
                stack.push((r.clone(), true));
                stack.extend(
                    v.stored
                        .references
                        .iter()
                        .rev()
                        .cloned()
                        .map(|r| (r, false)),
                );
            }
        }
        Ok(out)
    }
}

/// The innermost cause of a reqwest error (e.g. "Connection refused"), which says more
/// than reqwest's own "error sending request".
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_print() {
        assert_eq!("latest".parse::<Version>().unwrap(), Version::Latest);
        assert_eq!("3".parse::<Version>().unwrap(), Version::Number(3));
        assert!("0".parse::<Version>().is_err());
        assert!("x".parse::<Version>().is_err());
        assert_eq!(Version::Number(2).to_string(), "2");
    }

    #[test]
    fn subjects_are_percent_encoded_in_paths() {
        assert_eq!(segment("orders-value"), "orders-value");
        assert_eq!(segment("a/b:c d"), "a%2Fb%3Ac%20d");
    }

    #[test]
    fn urls_are_checked_and_get_a_trailing_slash() {
        let opts = |url: &str| RegistryOptions {
            url: url.into(),
            timeout: Duration::from_secs(1),
            ..Default::default()
        };
        let c = RegistryClient::new(&opts("localhost:8081/apis/ccompat/v7")).unwrap();
        assert_eq!(c.url(), "http://localhost:8081/apis/ccompat/v7/");
        assert!(matches!(
            RegistryClient::new(&opts("ftp://x")),
            Err(RegistryError::BadUrl { .. })
        ));
        let mut with_ca = opts("https://r:8081");
        with_ca.ca = Some("/nonexistent/ca.pem".into());
        assert!(matches!(
            RegistryClient::new(&with_ca),
            Err(RegistryError::Ca { .. })
        ));
    }

    #[tokio::test]
    async fn an_unreachable_registry_is_one_line_naming_the_url() {
        // Port 1 on loopback: nothing listens there.
        let opts = RegistryOptions {
            url: "http://127.0.0.1:1".into(),
            timeout: Duration::from_secs(2),
            ..Default::default()
        };
        let err = RegistryClient::new(&opts)
            .unwrap()
            .subjects()
            .await
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("schema registry at http://127.0.0.1:1 is unreachable"),
            "{err}"
        );
        assert!(!err.contains('\n'));
    }
}
