//! The plumbing shared by the admin requests rust-rdkafka 0.39 has no API for (ACLs in
//! `acl_ffi`, incremental config changes and partition growth in `alter_ffi`, deleting a
//! group's offsets in `group_ffi`): RAII guards for the librdkafka objects every request
//! makes, C-string helpers, and `request`, which sends one request to a private queue and
//! waits for its result event.
//!
//! Every object made here is owned by a guard that destroys it on every path; strings are
//! copied out before their owner is destroyed. Calls block (callers run them under
//! `block_in_place`).

use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::time::Duration;

use rdkafka::admin::AdminClient;
use rdkafka::bindings as rd;
use rdkafka::client::ClientContext;

/// Why a request made no result event.
#[derive(Debug, thiserror::Error)]
pub(super) enum RequestError {
    /// librdkafka refused an admin option (its message).
    #[error("{0}")]
    Option(String),
    #[error("the cluster did not answer within {0:?}")]
    Timeout(Duration),
    /// The request as a whole failed (librdkafka's or the broker's message).
    #[error("{0}")]
    Failed(String),
}

/// Owns a `rd_kafka_queue_t`.
pub(super) struct Queue(pub(super) *mut rd::rd_kafka_queue_t);
impl Drop for Queue {
    fn drop(&mut self) {
        // SAFETY: created by rd_kafka_queue_new and destroyed exactly once, here.
        unsafe { rd::rd_kafka_queue_destroy(self.0) }
    }
}

/// Owns a `rd_kafka_AdminOptions_t`.
pub(super) struct Options(pub(super) *mut rd::rd_kafka_AdminOptions_t);
impl Drop for Options {
    fn drop(&mut self) {
        // SAFETY: created by rd_kafka_AdminOptions_new and destroyed exactly once, here.
        unsafe { rd::rd_kafka_AdminOptions_destroy(self.0) }
    }
}

/// Owns a result `rd_kafka_event_t`.
pub(super) struct Event(pub(super) *mut rd::rd_kafka_event_t);
impl Drop for Event {
    fn drop(&mut self) {
        // SAFETY: returned by rd_kafka_queue_poll (non-null) and destroyed exactly once, here.
        unsafe { rd::rd_kafka_event_destroy(self.0) }
    }
}

/// A Rust string as a C string, or `None` when it holds a NUL byte.
pub(super) fn cstring(s: &str) -> Option<CString> {
    CString::new(s).ok()
}

/// Copies a C string librdkafka owns (NULL → empty).
pub(super) fn owned(p: *const c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: librdkafka returns NUL-terminated strings valid while their owner lives; we copy at once.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// The message librdkafka wrote into an error buffer.
pub(super) fn errstr(buf: &[c_char]) -> String {
    owned(buf.as_ptr())
}

/// How a request runs: its timeout, and whether the broker only validates it.
#[derive(Debug, Clone, Copy)]
pub(super) struct RequestOptions {
    pub timeout: Duration,
    /// The broker checks the request and answers as if it were applied, changing nothing.
    pub validate_only: bool,
}

impl RequestOptions {
    pub(super) fn new(timeout: Duration) -> RequestOptions {
        RequestOptions {
            timeout,
            validate_only: false,
        }
    }
}

/// Sends an admin request made by `send` to a private queue and waits for its result event.
pub(super) fn request<C: ClientContext>(
    client: &AdminClient<C>,
    op: rd::rd_kafka_admin_op_t,
    how: RequestOptions,
    send: impl FnOnce(
        *mut rd::rd_kafka_t,
        *const rd::rd_kafka_AdminOptions_t,
        *mut rd::rd_kafka_queue_t,
    ),
) -> Result<Event, RequestError> {
    let rk = client.inner().native_ptr();
    let ms = how.timeout.as_millis().clamp(1, i32::MAX as u128) as i32;
    let ok = rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR;
    // SAFETY: rk is valid while `client` is borrowed; every object is owned by a guard.
    unsafe {
        let queue = Queue(rd::rd_kafka_queue_new(rk));
        let options = Options(rd::rd_kafka_AdminOptions_new(rk, op));
        let mut buf = [0 as c_char; 512];
        let err = rd::rd_kafka_AdminOptions_set_request_timeout(
            options.0,
            ms,
            buf.as_mut_ptr(),
            buf.len(),
        );
        if err != ok {
            return Err(RequestError::Option(errstr(&buf)));
        }
        if how.validate_only {
            let err = rd::rd_kafka_AdminOptions_set_validate_only(
                options.0,
                1,
                buf.as_mut_ptr(),
                buf.len(),
            );
            if err != ok {
                return Err(RequestError::Option(errstr(&buf)));
            }
        }
        send(rk, options.0, queue.0);
        // A little longer than the request's own timeout, so its timeout error arrives.
        let ev = rd::rd_kafka_queue_poll(queue.0, ms.saturating_add(2000));
        if ev.is_null() {
            return Err(RequestError::Timeout(how.timeout));
        }
        let ev = Event(ev);
        if rd::rd_kafka_event_error(ev.0) != ok {
            return Err(RequestError::Failed(owned(
                rd::rd_kafka_event_error_string(ev.0),
            )));
        }
        Ok(ev)
    }
}
