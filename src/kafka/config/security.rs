//! The security half of the connection options, checked before any network call: TLS files
//! that exist, are PEM and whose key goes with the certificate; the SASL password (from env
//! or a file, never a flag) kept as a `Secret` that never prints.

use std::fmt;
use std::path::Path;

use rdkafka::config::RDKafkaLogLevel;
use rdkafka::ClientConfig;

use super::error::ConfigError;
use crate::kafka::options::{ConnectionOptions, SecurityProtocol};

/// A secret that prints as `***` in `Debug` and `Display`, so it can never reach a log line.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// The TLS files given: each readable, the CA a PEM certificate, and a client certificate
/// and key given together, both PEM, the key belonging to the certificate.
pub(super) fn check_tls_files(args: &ConnectionOptions) -> Result<(), ConfigError> {
    for (option, path) in [
        ("--tls-ca", &args.tls_ca),
        ("--tls-cert", &args.tls_cert),
        ("--tls-key", &args.tls_key),
    ] {
        if let Some(path) = path {
            check_readable(option, path)?;
        }
    }
    if args.tls_cert.is_some() != args.tls_key.is_some() {
        return Err(ConfigError::HalfMutualTls);
    }
    if let Some(ca) = &args.tls_ca {
        check_pem("--tls-ca", ca, &["CERTIFICATE"])?;
    }
    if let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) {
        check_pem("--tls-cert", cert, &["CERTIFICATE"])?;
        check_pem("--tls-key", key, &["PRIVATE KEY"])?;
        check_key_matches(cert, key)?;
    }
    Ok(())
}

/// The SASL password: the first line of `file` when given, else `env` (`KMSG_SASL_PASSWORD`)
/// when set and not empty.
pub(super) fn sasl_password(
    file: Option<&Path>,
    env: Option<String>,
) -> Result<Option<Secret>, ConfigError> {
    Ok(match file {
        Some(path) => Some(read_password_file(path)?),
        None => env.filter(|p| !p.is_empty()).map(Secret),
    })
}

/// SASL (a mechanism, or a SASL protocol) needs a user name and a password.
pub(super) fn check_sasl(args: &ConnectionOptions, has_password: bool) -> Result<(), ConfigError> {
    let uses_sasl = args.sasl_mechanism.is_some()
        || matches!(
            args.security_protocol,
            Some(SecurityProtocol::SaslPlaintext | SecurityProtocol::SaslSsl)
        );
    if uses_sasl {
        match &args.sasl_username {
            None => return Err(ConfigError::MissingUsername),
            Some(user) if !has_password => return Err(ConfigError::MissingPassword(user.clone())),
            Some(_) => {}
        }
    }
    Ok(())
}

fn check_readable(option: &'static str, path: &Path) -> Result<(), ConfigError> {
    std::fs::File::open(path)
        .map(|_| ())
        .map_err(|e| ConfigError::File {
            option,
            path: path.display().to_string(),
            reason: e.to_string(),
        })
}

/// A PEM file holds at least one `-----BEGIN <kind>` block of one of `kinds` (e.g.
/// `CERTIFICATE`; `PRIVATE KEY` also matches `RSA PRIVATE KEY` and `EC PRIVATE KEY`).
fn check_pem(option: &'static str, path: &Path, kinds: &[&str]) -> Result<(), ConfigError> {
    let bytes = std::fs::read(path).map_err(|e| ConfigError::File {
        option,
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let ok = text.lines().any(|l| {
        l.starts_with("-----BEGIN ") && l.ends_with("-----") && kinds.iter().any(|k| l.contains(k))
    });
    if ok {
        Ok(())
    } else {
        Err(ConfigError::File {
            option,
            path: path.display().to_string(),
            reason: format!(
                "not a PEM file with a {} (expected a -----BEGIN {}----- block)",
                kinds.join(" or "),
                kinds[0]
            ),
        })
    }
}

/// Asks librdkafka (OpenSSL) to load the client certificate and key, which checks that the
/// key belongs to the certificate. No broker is contacted: the probe has no bootstrap.
fn check_key_matches(cert: &Path, key: &Path) -> Result<(), ConfigError> {
    let mut probe = ClientConfig::new();
    probe.set("security.protocol", "ssl");
    probe.set("ssl.certificate.location", cert.to_string_lossy());
    probe.set("ssl.key.location", key.to_string_lossy());
    probe.set_log_level(RDKafkaLogLevel::Emerg);
    match probe.create::<rdkafka::producer::BaseProducer>() {
        Ok(_) => Ok(()),
        Err(e) => Err(ConfigError::File {
            option: "--tls-key",
            path: key.display().to_string(),
            reason: format!(
                "does not go with --tls-cert {} (or cannot be loaded): {e}",
                cert.display()
            ),
        }),
    }
}

fn read_password_file(path: &Path) -> Result<Secret, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File {
        option: "--sasl-password-file",
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    warn_if_world_readable(path);
    let first = text.lines().next().unwrap_or("").to_string();
    if first.is_empty() {
        return Err(ConfigError::EmptyPassword(path.display().to_string()));
    }
    Ok(Secret(first))
}

fn warn_if_world_readable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.permissions().mode() & 0o004 != 0 {
            tracing::warn!(
                path = %path.display(),
                "the SASL password file is readable by every user; chmod 600 it"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kafka::config::settings::tests::global;
    use crate::kafka::config::settings::ClientSettings;

    #[test]
    fn refuses_missing_tls_file_naming_the_option() {
        let err = ClientSettings::from_options(&global(&["--tls-ca", "/no/such/ca.pem"]), None)
            .unwrap_err();
        assert!(
            err.to_string().starts_with("--tls-ca /no/such/ca.pem"),
            "{err}"
        );
    }

    #[test]
    fn refuses_a_ca_file_that_is_not_pem_and_a_key_of_another_certificate() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("ca.der");
        std::fs::write(&junk, [0x30u8, 0x82, 0x01, 0x0a]).unwrap();
        let err =
            ClientSettings::from_options(&global(&["--tls-ca", junk.to_str().unwrap()]), None)
                .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("--tls-ca ") && text.contains("not a PEM file"),
            "{text}"
        );

        let one = crate::cluster::pki::generate_pki(crate::cluster::pki::LOCAL_HOSTS).unwrap();
        let two = crate::cluster::pki::generate_pki(crate::cluster::pki::LOCAL_HOSTS).unwrap();
        let split = |ks: &str| {
            let at = ks.find("-----BEGIN CERTIFICATE-----").unwrap();
            let end = ks[at..].find("-----END CERTIFICATE-----").unwrap() + at + 26;
            (ks[..at].to_string(), ks[at..end].to_string())
        };
        let (key1, cert1) = split(&one.broker_keystore);
        let (key2, _) = split(&two.broker_keystore);
        let (c, k1, k2) = (
            dir.path().join("c.pem"),
            dir.path().join("k1.pem"),
            dir.path().join("k2.pem"),
        );
        std::fs::write(&c, cert1).unwrap();
        std::fs::write(&k1, key1).unwrap();
        std::fs::write(&k2, key2).unwrap();
        let args = |k: &Path| {
            global(&[
                "--tls-cert",
                c.to_str().unwrap(),
                "--tls-key",
                k.to_str().unwrap(),
            ])
        };
        ClientSettings::from_options(&args(&k1), None).expect("a matching pair is accepted");
        let err = ClientSettings::from_options(&args(&k2), None).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("--tls-key ") && text.contains("does not go with --tls-cert"),
            "{text}"
        );
    }

    #[test]
    fn sasl_needs_a_username_and_a_password() {
        let err =
            ClientSettings::from_options(&global(&["--sasl-mechanism", "SCRAM-SHA-512"]), None)
                .unwrap_err();
        assert!(matches!(err, ConfigError::MissingUsername));
        let err = ClientSettings::from_options(
            &global(&["--sasl-mechanism", "SCRAM-SHA-512", "--sasl-username", "u"]),
            None,
        )
        .unwrap_err();
        assert!(matches!(err, ConfigError::MissingPassword(_)));
    }

    #[test]
    fn password_comes_from_env_and_never_prints() {
        let s = ClientSettings::from_options(
            &global(&["--sasl-mechanism", "SCRAM-SHA-512", "--sasl-username", "u"]),
            Some("s3cret-pw".into()),
        )
        .unwrap();
        assert_eq!(s.sasl_password.as_ref().unwrap().expose(), "s3cret-pw");
        assert!(!format!("{s:?}").contains("s3cret-pw"));
        assert_eq!(s.base_config().get("security.protocol"), Some("sasl_ssl"));
    }

    #[test]
    fn password_file_first_line_is_the_password() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pw");
        std::fs::write(&path, "pa55\n").unwrap();
        let p = path.to_str().unwrap();
        let s = ClientSettings::from_options(
            &global(&[
                "--sasl-mechanism",
                "PLAIN",
                "--sasl-username",
                "u",
                "--sasl-password-file",
                p,
            ]),
            None,
        )
        .unwrap();
        assert_eq!(s.sasl_password.unwrap().expose(), "pa55");
    }
}
