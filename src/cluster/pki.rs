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
    /// The secrets of the local cluster whose state folder is `state_dir`.
    pub fn new(state_dir: &Path) -> Self {
        Self::in_dir(&state_dir.join(SECRETS_DIR))
    }

    /// Secrets kept directly in `dir`.
    pub fn in_dir(dir: &Path) -> Self {
        let dir = dir.to_path_buf();
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
        self.scram_values()
            .into_iter()
            .flat_map(|v| ["--add-scram".to_string(), v])
            .collect()
    }

    /// One salted `--add-scram` value per user, each with a fresh random salt.
    pub fn scram_values(&self) -> Vec<String> {
        self.users
            .iter()
            .map(|(user, pw)| {
                let salt: [u8; 16] = rand::random();
                scram_sha512_arg(user, pw, &salt)
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

/// The names a local cluster's broker certificate is valid for.
pub const LOCAL_HOSTS: &[&str] = &["127.0.0.1", "localhost"];

/// Makes a CA and a broker certificate for `hosts` (DNS names or IP addresses) signed by it.
pub fn generate_pki(hosts: &[&str]) -> Result<GeneratedPki, PkiError> {
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

    let mut params =
        CertificateParams::new(hosts.iter().map(|h| h.to_string()).collect::<Vec<_>>())?;
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
    ensure_secrets_for(paths, LOCAL_HOSTS, Modes::OWNER_ONLY)
}

/// File modes of written secrets: owner-only for a local cluster, group-readable for a
/// bundle shared between containers that run as different users of one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Modes {
    pub dir: u32,
    pub secret: u32,
    pub public: u32,
}

impl Modes {
    pub const OWNER_ONLY: Modes = Modes {
        dir: 0o700,
        secret: 0o600,
        public: 0o644,
    };
    pub const GROUP_READABLE: Modes = Modes {
        dir: 0o750,
        secret: 0o640,
        public: 0o644,
    };
}

/// [`ensure_secrets`] with the broker certificate valid for `hosts` and the given modes.
pub fn ensure_secrets_for(
    paths: &SecretPaths,
    hosts: &[&str],
    modes: Modes,
) -> Result<Credentials, PkiError> {
    if paths.credentials.exists() {
        let text = fs::read_to_string(&paths.credentials)
            .map_err(io("cannot read", &paths.credentials))?;
        return serde_json::from_str(&text).map_err(|e| {
            PkiError::BadCredentials(paths.credentials.display().to_string(), e.to_string())
        });
    }
    create_dir(&paths.dir, modes.dir)?;
    let pki = generate_pki(hosts)?;
    write_file(&paths.ca_cert, &pki.ca_cert, modes.public)?;
    write_file(&paths.ca_key, &pki.ca_key, modes.secret)?;
    write_file(&paths.broker_keystore, &pki.broker_keystore, modes.secret)?;
    let creds = Credentials::generate();
    for (user, pw) in &creds.users {
        write_file(&paths.password_file(user), &format!("{pw}\n"), modes.secret)?;
    }
    let json = serde_json::to_string_pretty(&creds).expect("credentials serialize");
    // Last, so that a half-written folder is regenerated rather than trusted.
    write_file(&paths.credentials, &json, modes.secret)?;
    Ok(creds)
}

/// The folder a bundle keeps its CA key and credentials in (the generator's own state).
pub const BUNDLE_STATE: &str = "ca";
/// The folder of a bundle the brokers mount.
pub const BUNDLE_BROKER: &str = "broker";
/// The file (in the broker folder) with one salted `--add-scram` value per line.
pub const SCRAM_USERS_FILE: &str = "scram-users";

/// What [`write_bundle`] wrote: one folder per consumer of secrets, so that each container
/// mounts only its own.
#[derive(Debug, Clone, Serialize)]
pub struct Bundle {
    /// `<out>/ca`: CA key and every password; only the generator mounts it.
    pub state_dir: PathBuf,
    /// `<out>/broker`: `ca.pem`, `broker.pem` (key and chain) and `scram-users`.
    pub broker_dir: PathBuf,
    /// `<out>/<role>`: `ca.pem` and `password`, one folder per role.
    pub role_dirs: BTreeMap<String, PathBuf>,
    /// The names the broker certificate is valid for.
    pub hosts: Vec<String>,
    /// Whether this call generated the CA and passwords (false: reused from an earlier run).
    pub generated: bool,
}

/// Writes the secrets of a secured cluster run elsewhere (Docker Compose, Kubernetes) into
/// `out`, split by who needs them: the generator's state, the brokers' folder and one folder
/// per role. Idempotent: a second run keeps the CA and passwords and rewrites the copies.
pub fn write_bundle(out: &Path, hosts: &[&str], modes: Modes) -> Result<Bundle, PkiError> {
    let state = SecretPaths::in_dir(&out.join(BUNDLE_STATE));
    let generated = !state.credentials.exists();
    let creds = ensure_secrets_for(&state, hosts, modes)?;
    let ca = fs::read_to_string(&state.ca_cert).map_err(io("cannot read", &state.ca_cert))?;
    let keystore = fs::read_to_string(&state.broker_keystore)
        .map_err(io("cannot read", &state.broker_keystore))?;
    let broker_dir = out.join(BUNDLE_BROKER);
    create_dir(&broker_dir, modes.dir)?;
    write_file(&broker_dir.join("ca.pem"), &ca, modes.public)?;
    write_file(&broker_dir.join("broker.pem"), &keystore, modes.secret)?;
    let scram: String = creds.scram_values().into_iter().map(|v| v + "\n").collect();
    write_file(&broker_dir.join(SCRAM_USERS_FILE), &scram, modes.secret)?;
    let mut role_dirs = BTreeMap::new();
    for (user, pw) in &creds.users {
        let dir = out.join(user);
        create_dir(&dir, modes.dir)?;
        write_file(&dir.join("ca.pem"), &ca, modes.public)?;
        write_file(&dir.join("password"), &format!("{pw}\n"), modes.secret)?;
        role_dirs.insert(user.clone(), dir);
    }
    Ok(Bundle {
        state_dir: state.dir,
        broker_dir,
        role_dirs,
        hosts: hosts.iter().map(|h| h.to_string()).collect(),
        generated,
    })
}

/// Creates `dir` (and its parents) and gives it `mode`.
fn create_dir(dir: &Path, mode: u32) -> Result<(), PkiError> {
    fs::create_dir_all(dir).map_err(io("cannot create", dir))?;
    fs::set_permissions(dir, fs::Permissions::from_mode(mode)).map_err(io("cannot restrict", dir))
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

    #[test]
    fn a_bundle_gives_each_container_only_its_own_secrets_and_is_reused() {
        let dir = tempfile::tempdir().unwrap();
        let hosts = ["kafka-1", "kafka-2", "localhost"];
        let first = write_bundle(dir.path(), &hosts, Modes::GROUP_READABLE).unwrap();
        assert!(first.generated);
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let state = SecretPaths::in_dir(&first.state_dir);
        let creds: Credentials =
            serde_json::from_str(&fs::read_to_string(&state.credentials).unwrap()).unwrap();
        // Brokers: key store, CA, salted SCRAM users; no password anywhere.
        let broker: Vec<String> = fs::read_dir(&first.broker_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(broker, ["broker.pem", "ca.pem", "scram-users"]);
        assert_eq!(mode(&first.broker_dir.join("broker.pem")), 0o640);
        assert_eq!(mode(&first.broker_dir), 0o750);
        let scram = fs::read_to_string(first.broker_dir.join(SCRAM_USERS_FILE)).unwrap();
        assert_eq!(scram.lines().count(), ROLES.len());
        for (user, pw) in &creds.users {
            assert!(scram.contains(&format!("[name={user},")), "{scram}");
            assert!(!scram.contains(pw.as_str()));
            // Each role: its own password and the CA, nothing else.
            let role = &first.role_dirs[user];
            assert_eq!(
                fs::read_to_string(role.join("password")).unwrap().trim(),
                pw
            );
            assert_eq!(mode(&role.join("password")), 0o640);
            assert_eq!(fs::read_dir(role).unwrap().count(), 2);
            assert_eq!(
                fs::read_to_string(role.join("ca.pem")).unwrap(),
                fs::read_to_string(&state.ca_cert).unwrap()
            );
        }
        let again = write_bundle(dir.path(), &hosts, Modes::GROUP_READABLE).unwrap();
        assert!(!again.generated);
        assert_eq!(
            fs::read_to_string(again.role_dirs["producer"].join("password")).unwrap(),
            fs::read_to_string(first.role_dirs["producer"].join("password")).unwrap()
        );
    }
}
