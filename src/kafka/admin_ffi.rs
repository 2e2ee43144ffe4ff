//! What every librdkafka admin call made through `rdkafka::bindings` needs (rust-rdkafka 0.39
//! wraps neither the ACL requests nor `DeleteConsumerGroupOffsets`): RAII guards for the queue,
//! the options and the result event, C-string copying, and `request`, which sends one admin
//! request to a private queue and waits for its result. `acl_ffi` and `group_ffi` build the
//! request's arguments and read its result; this module owns the unsafe plumbing they share.

use std::ffi::CStr;
use std::os::raw::c_char;
use std::time::Duration;

use rdkafka::admin::AdminClient;
use rdkafka::bindings as rd;
use rdkafka::client::ClientContext;

/// Why an admin request made here failed.
#[derive(Debug, thiserror::Error)]
pub enum FfiError {
    #[error("invalid {what}: {reason}")]
    Invalid { what: String, reason: String },
    #[error("the cluster did not answer within {0:?}")]
    Timeout(Duration),
    #[error("refused: {0}")]
    Refused(String),
}

/// Owns a `rd_kafka_queue_t`.
struct Queue(*mut rd::rd_kafka_queue_t);
impl Drop for Queue {
    fn drop(&mut self) {
        // SAFETY: created by rd_kafka_queue_new and destroyed exactly once, here.
        unsafe { rd::rd_kafka_queue_destroy(self.0) }
    }
}

/// Owns a `rd_kafka_AdminOptions_t`.
struct Options(*mut rd::rd_kafka_AdminOptions_t);
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

/// Copies a C string librdkafka owns (NULL → empty).
pub(super) fn owned(p: *const c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: librdkafka returns NUL-terminated strings valid while their owner lives; we copy at once.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// Copies the message librdkafka wrote into an error buffer.
pub(super) fn errstr(buf: &[c_char]) -> String {
    owned(buf.as_ptr())
}

/// Sends an admin request made by `send` to a private queue and waits for its result event.
pub(super) fn request<C: ClientContext>(
    client: &AdminClient<C>,
    op: rd::rd_kafka_admin_op_t,
    timeout: Duration,
    send: impl FnOnce(
        *mut rd::rd_kafka_t,
        *const rd::rd_kafka_AdminOptions_t,
        *mut rd::rd_kafka_queue_t,
    ),
) -> Result<Event, FfiError> {
    let rk = client.inner().native_ptr();
    let ms = timeout.as_millis().clamp(1, i32::MAX as u128) as i32;
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
        if err != rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR {
            return Err(FfiError::Invalid {
                what: "request timeout".into(),
                reason: errstr(&buf),
            });
        }
        send(rk, options.0, queue.0);
        // A little longer than the request's own timeout, so its timeout error arrives.
        let ev = rd::rd_kafka_queue_poll(queue.0, ms.saturating_add(2000));
        if ev.is_null() {
            return Err(FfiError::Timeout(timeout));
        }
        let ev = Event(ev);
        if rd::rd_kafka_event_error(ev.0) != rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR {
            return Err(FfiError::Refused(owned(rd::rd_kafka_event_error_string(
                ev.0,
            ))));
        }
        Ok(ev)
    }
}
