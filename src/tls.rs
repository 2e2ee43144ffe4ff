//! OpenSSL, initialised once per process, without the handler that tears it down at exit.
//!
//! librdkafka and reqwest share one statically linked OpenSSL. Initialised by librdkafka
//! (its first client does), OpenSSL registers `OPENSSL_cleanup` with `atexit`, and that
//! frees the library's shared state (the algorithm store, the digest cache) while threads of
//! a librdkafka client that is still being torn down may be using it: a `produce` against
//! the secured cluster crashed with SIGSEGV after printing its summary, in about one run of
//! a hundred on a loaded machine (CI, 2026-12-03; the core showed the main thread in
//! `OPENSSL_cleanup` from `exit` and a broker thread in the SCRAM handshake's HMAC). The
//! process's memory goes back to the OS at exit anyway, so kmsg initialises OpenSSL first,
//! with `OPENSSL_INIT_NO_ATEXIT` (what the `openssl` crate's own initialisation asks for),
//! and OpenSSL takes the first initialisation's choice for the life of the process.

/// Initialises OpenSSL without an exit handler. Called first thing in `main`, before any
/// Kafka or HTTP client exists; later calls do nothing.
pub fn init() {
    openssl_sys::init();
}
