//! The secrets of a secure local cluster (`kmsg cluster up --secure`): a private CA, the broker
//! certificate it signs, and one random SCRAM password per role, all written once into the
//! state folder with owner-only permissions and reused on every later start.
//!
//! Certificates are made with `rcgen` (ECDSA P-256, PEM) so no `keytool` or `openssl` is
//! needed: Kafka reads PEM key stores directly. SCRAM credentials are handed to
//! `kafka-storage format` in their salted form (PBKDF2-HMAC-SHA512 computed here with `ring`),
//! so a plain password never appears on any command line.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::num::NonZeroU32;
use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};

use base64::Engine as _;
use rand::Rng as _;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose,
};
use serde::{Deserialize, Serialize};

/// The users a secure cluster is created with; `admin` is the super user.
pub const ROLES: &[&str] = &["admin", "producer", "consumer", "dlq"];
/// The super user's name.
pub const ADMIN: &str = "admin";
/// The subject of the broker certificate; `User:CN=kmsg-broker` is a super user so that
/// brokers can talk to the controllers over mutual TLS under the authorizer.
pub const BROKER_CN: &str = "kmsg-broker";
/// The folder (inside the state folder) holding certificates and credentials.
pub const SECRETS_DIR: &str = "secrets";
/// SCRAM iterations (Kafka's minimum for SCRAM-SHA-512 is 4096).
const SCRAM_ITERATIONS: u32 = 8192;

/// Failures writing or reading the cluster's secrets.
#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    #[error("cannot make the cluster certificates: {0}")]
    Cert(#[from] rcgen::Error),
    #[error("{what} {path}: {source}")]
    Io {
        what: &'static str,
        path: String,
        source: std::io::Error,
    },
    #[error("{0} is not a kmsg credentials file: {1}")]
    BadCredentials(String, String),
}

/// Where a secure cluster's files are.
#[derive(Debug, Clone)]
pub struct SecretPaths {
    pub dir: PathBuf,
    /// The CA certificate clients verify the brokers with (`--tls-ca`).
    pub ca_cert: PathBuf,
    pub ca_key: PathBuf,
    /// The broker's PEM key store: private key, then certificate.
    pub broker_keystore: PathBuf,
    /// `{"users": {"admin": "...", ...}}`, mode 0600.
    pub credentials: PathBuf,
}

impl SecretPaths {
    pub fn new(state_dir: &Path) -> Self {
        let dir = state_dir.join(SECRETS_DIR);
        SecretPaths {
            ca_cert: dir.join("ca.pem"),
            ca_key: dir.join("ca.key"),
            broker_keystore: dir.join("broker.pem"),
            credentials: dir.join("credentials.json"),
            dir,
        }
    }

    /// The password file of one user (`--sasl-password-file`), mode 0600.
    pub fn password_file(&self, user: &str) -> PathBuf {
        self.dir.join(format!("{user}.password"))
    }
}

/// The users and their passwords. `Debug` never shows a password.
#[derive(Clone, Serialize, Deserialize)]
pub struct Credentials {
    pub users: BTreeMap<String, String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("users", &self.users.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Credentials {
    /// One random 32-character alphanumeric password per role.
    pub fn generate() -> Self {
        let mut rng = rand::rng();
        let users = ROLES
            .iter()
            .map(|u| {
                let pw: String = (0..32)
                    .map(|_| rng.sample(rand::distr::Alphanumeric) as char)
                    .collect();
                (u.to_string(), pw)
            })
            .collect();
        Credentials { users }
    }

    pub fn password(&self, user: &str) -> Option<&str> {
        self.users.get(user).map(String::as_str)
    }

    /// `kafka-storage format --add-scram` arguments, in salted form (no plain password).
    pub fn scram_format_args(&self) -> Vec<String> {
        self.users
            .iter()
            .flat_map(|(user, pw)| {
                let salt: [u8; 16] = rand::random();
                ["--add-scram".to_string(), scram_sha512_arg(user, pw, &salt)]
            })
            .collect()
    }
}

/// One `SCRAM-SHA-512=[name=U,iterations=N,salt="..",saltedpassword=".."]` value.
pub fn scram_sha512_arg(user: &str, password: &str, salt: &[u8]) -> String {
    let mut salted = [0u8; 64];
    ring::pbkdf2::derive(
        ring::pbkdf2::PBKDF2_HMAC_SHA512,
        NonZeroU32::new(SCRAM_ITERATIONS).expect("non-zero"),
        salt,
        password.as_bytes(),
        &mut salted,
    );
    let b64 = base64::engine::general_purpose::STANDARD;
    format!(
        "SCRAM-SHA-512=[name={user},iterations={SCRAM_ITERATIONS},salt=\"{}\",saltedpassword=\"{}\"]",
        b64.encode(salt),
        b64.encode(salted)
    )
}

/// The PEM texts of a fresh CA and broker certificate.
pub struct GeneratedPki {
    pub ca_cert: String,
    pub ca_key: String,
    /// Broker private key followed by its certificate and the CA certificate.
    pub broker_keystore: String,
}

/// Makes a CA and a broker certificate for `127.0.0.1` and `localhost` signed by it.
pub fn generate_pki() -> Result<GeneratedPki, PkiError> {
    let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.distinguished_name = dn("kmsg local CA");
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_key = KeyPair::generate()?;
    let ca_cert = ca_params.self_signed(&ca_key)?;
    let ca_cert_pem = ca_cert.pem();
    let ca_key_pem = ca_key.serialize_pem();
    let issuer = Issuer::new(ca_params, ca_key);

    let mut params = CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".into()])?;
    params.distinguished_name = dn(BROKER_CN);
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    params.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::ServerAuth,
        ExtendedKeyUsagePurpose::ClientAuth,
    ];
    let key = KeyPair::generate()?;
    let cert = params.signed_by(&key, &issuer)?;
    Ok(GeneratedPki {
        broker_keystore: format!("{}{}{}", key.serialize_pem(), cert.pem(), ca_cert_pem),
        ca_cert: ca_cert_pem,
        ca_key: ca_key_pem,
    })
}

fn dn(cn: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, cn);
    dn
}

/// Writes certificates and credentials once; later calls read the credentials back.
pub fn ensure_secrets(paths: &SecretPaths) -> Result<Credentials, PkiError> {
    if paths.credentials.exists() {
        let text = fs::read_to_string(&paths.credentials)
            .map_err(io("cannot read", &paths.credentials))?;
        return serde_json::from_str(&text).map_err(|e| {
            PkiError::BadCredentials(paths.credentials.display().to_string(), e.to_string())
        });
    }
    fs::create_dir_all(&paths.dir).map_err(io("cannot create", &paths.dir))?;
    fs::set_permissions(&paths.dir, fs::Permissions::from_mode(0o700))
        .map_err(io("cannot restrict", &paths.dir))?;
    let pki = generate_pki()?;
    write_file(&paths.ca_cert, &pki.ca_cert, 0o644)?;
    write_file(&paths.ca_key, &pki.ca_key, 0o600)?;
    write_file(&paths.broker_keystore, &pki.broker_keystore, 0o600)?;
    let creds = Credentials::generate();
    for (user, pw) in &creds.users {
        write_file(&paths.password_file(user), &format!("{pw}\n"), 0o600)?;
    }
    let json = serde_json::to_string_pretty(&creds).expect("credentials serialize");
    // Last, so that a half-written folder is regenerated rather than trusted.
    write_file(&paths.credentials, &json, 0o600)?;
    Ok(creds)
}

/// Creates (or truncates) `path` with `mode` from the start, so a secret is never readable
/// by others even for a moment.
pub fn write_file(path: &Path, text: &str, mode: u32) -> Result<(), PkiError> {
    let mut file = fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(true)
        .mode(mode)
        .open(path)
        .map_err(io("cannot write", path))?;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .map_err(io("cannot restrict", path))?;
    file.write_all(text.as_bytes())
        .map_err(io("cannot write", path))
}

fn io<'a>(what: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> PkiError + 'a {
    move |source| PkiError::Io {
        what,
        path: path.display().to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salted_scram_argument_has_the_storage_tool_shape_and_no_password() {
        let arg = scram_sha512_arg("producer", "hunter2", b"0123456789abcdef");
        assert!(arg.starts_with("SCRAM-SHA-512=[name=producer,iterations=8192,salt=\"MDEyMzQ1Njc4OWFiY2RlZg==\",saltedpassword=\""), "{arg}");
        assert!(arg.ends_with("\"]"));
        assert!(!arg.contains("hunter2"));
    }

    #[test]
    fn every_role_gets_its_own_long_password_and_debug_hides_them() {
        let c = Credentials::generate();
        assert_eq!(c.users.len(), ROLES.len());
        let pws: std::collections::BTreeSet<_> = c.users.values().collect();
        assert_eq!(pws.len(), ROLES.len());
        assert!(c.users.values().all(|p| p.len() == 32));
        let dbg = format!("{c:?}");
        assert!(c.users.values().all(|p| !dbg.contains(p.as_str())), "{dbg}");
    }

    #[test]
    fn secrets_are_written_owner_only_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let paths = SecretPaths::new(dir.path());
        let first = ensure_secrets(&paths).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&paths.credentials), 0o600);
        assert_eq!(mode(&paths.broker_keystore), 0o600);
        assert_eq!(mode(&paths.password_file("admin")), 0o600);
        assert_eq!(mode(&paths.dir), 0o700);
        let ks = fs::read_to_string(&paths.broker_keystore).unwrap();
        assert!(ks.starts_with("-----BEGIN PRIVATE KEY-----"), "{ks}");
        assert_eq!(ks.matches("BEGIN CERTIFICATE").count(), 2);
        let again = ensure_secrets(&paths).unwrap();
        assert_eq!(first.users, again.users);
        assert_eq!(
            fs::read_to_string(paths.password_file("dlq"))
                .unwrap()
                .trim(),
            first.password("dlq").unwrap()
        );
    }
}
