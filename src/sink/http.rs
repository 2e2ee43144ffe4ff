//! The HTTP downstream of `consume --sink-url`: each valid message is POSTed as its JSON
//! body, with the key and Kafka coordinates in headers; `pipeline::sink::classify` judges the
//! answer. Calls run on the async runtime (reqwest), each bounded by `--sink-timeout` so a
//! hanging server cannot stall the consumer: awaited one at a time from the consumer's
//! blocking thread (`call`), or started there and reported back (`spawn_call`), so that up
//! to `--sink-concurrency` are in flight.

use std::time::Duration;

use base64::Engine as _;
use tokio::runtime::Handle;

use crate::error::root_cause;
use crate::pipeline::sink::{classify, Answer, CallResult};

/// Checks an http(s) URL given to `flag` (`--sink-url`, `metrics --from`). Without a scheme,
/// `host:port[/path]` means `http://host:port[/path]`, as with curl and rpk's admin URLs.
pub fn check_url_for(flag: &str, url: &str) -> Result<reqwest::Url, String> {
    let full = if url.contains("://") {
        url.to_string()
    } else {
        format!("http://{url}")
    };
    let parsed =
        reqwest::Url::parse(&full).map_err(|e| format!("{flag} {url:?} is not a URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(format!(
            "{flag} {url:?} must be an http:// or https:// URL with a host"
        ));
    }
    Ok(parsed)
}

/// A configured downstream.
pub struct HttpSink {
    client: reqwest::Client,
    url: reqwest::Url,
    timeout: Duration,
    runtime: Handle,
}

impl HttpSink {
    /// Checks that `url` (of `--sink-url`) is an http(s) URL with a host.
    pub fn check_url(url: &str) -> Result<reqwest::Url, String> {
        check_url_for("--sink-url", url)
    }

    /// Builds the client for a checked URL; no request yet.
    pub fn new(url: &str, timeout: Duration, runtime: Handle) -> Result<Self, String> {
        let parsed = Self::check_url(url)?;
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(HttpSink {
            client,
            url: parsed,
            timeout,
            runtime,
        })
    }

    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// Whether the host answers at all (start-up warning only; the breaker handles outages).
    pub fn reachable(&self) -> bool {
        let req = self
            .client
            .head(self.url.clone())
            .timeout(self.timeout.min(Duration::from_secs(3)));
        self.runtime.block_on(async { req.send().await.is_ok() })
    }

    /// POSTs one message; blocking (call it from a blocking thread).
    pub fn call(
        &self,
        topic: &str,
        partition: i32,
        offset: i64,
        key: Option<&[u8]>,
        body: &[u8],
    ) -> CallResult {
        self.runtime
            .block_on(self.request(topic, partition, offset, key, body))
    }

    /// Starts one POST on the async runtime and hands its result to `done` there, so several
    /// calls can be in flight (`--sink-concurrency`); returns at once.
    pub fn spawn_call(
        &self,
        topic: &str,
        partition: i32,
        offset: i64,
        key: Option<&[u8]>,
        body: &[u8],
        done: impl FnOnce(CallResult) + Send + 'static,
    ) {
        let call = self.request(topic, partition, offset, key, body);
        self.runtime.spawn(async move { done(call.await) });
    }

    /// The future of one POST; the request is built (and the body copied) before it is polled.
    fn request(
        &self,
        topic: &str,
        partition: i32,
        offset: i64,
        key: Option<&[u8]>,
        body: &[u8],
    ) -> impl std::future::Future<Output = CallResult> + Send + 'static {
        let mut req = self
            .client
            .post(self.url.clone())
            .header("content-type", "application/json")
            .header("x-kafka-topic", topic)
            .header("x-kafka-partition", partition.to_string())
            .header("x-kafka-offset", offset.to_string())
            .body(body.to_vec());
        if let Some(k) = key {
            match std::str::from_utf8(k) {
                Ok(text) if reqwest::header::HeaderValue::from_str(text).is_ok() => {
                    req = req.header("x-kafka-key", text);
                }
                _ => {
                    req = req
                        .header(
                            "x-kafka-key",
                            base64::engine::general_purpose::STANDARD.encode(k),
                        )
                        .header("x-kafka-key-encoding", "base64");
                }
            }
        }
        async move {
            let answer = match req.send().await {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    // Drain (bounded by the client timeout) so the connection can be reused.
                    let _ = resp.bytes().await;
                    Answer::Status(status)
                }
                Err(e) if e.is_timeout() => Answer::Timeout,
                Err(e) if e.is_connect() => Answer::Connect(root_cause(&e)),
                Err(e) => Answer::Other(root_cause(&e)),
            };
            classify(&answer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_without_a_scheme_means_http() {
        let u = check_url_for("--from", "localhost:8001").unwrap();
        assert_eq!(u.as_str(), "http://localhost:8001/");
        let u = check_url_for("--from", "127.0.0.1:8001/metrics").unwrap();
        assert_eq!(u.as_str(), "http://127.0.0.1:8001/metrics");
        let e = check_url_for("--from", "ftp://host/x").unwrap_err();
        assert!(
            e.starts_with("--from \"ftp://host/x\" must be an http://"),
            "{e}"
        );
        let e = check_url_for("--sink-url", "not a url").unwrap_err();
        assert!(
            e.starts_with("--sink-url \"not a url\" is not a URL"),
            "{e}"
        );
    }
}
