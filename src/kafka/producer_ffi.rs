//! The produce call without rust-rdkafka's per-message topic lookup.
//!
//! rust-rdkafka 0.39's `BaseProducer::send` makes a `CString` of the topic name for every
//! message and hands it to `rd_kafka_producev`, which looks the topic up by name under the
//! client's write lock (`rd_kafka_topic_new0`) and drops its reference again, per message.
//! A [`TopicHandle`] holds librdkafka's `rd_kafka_topic_t` for as long as it lives instead,
//! and [`TopicHandle::produce`] queues one message on it with `rd_kafka_produceva`
//! (`RD_KAFKA_VTYPE_RKT`): key and value copied (`RD_KAFKA_MSG_F_COPY`, as rust-rdkafka
//! does), headers built only for a message that has some, the delivery opaque passed as
//! rust-rdkafka's delivery reports expect it (`IntoOpaque` of the context's opaque type).
//!
//! [`flush_step`] is the flush call the waits for delivery reports make (see
//! `producer::await_reports`).
//!
//! Safety: a handle keeps a clone of the producer's `Arc`, so the client it was made on
//! outlives it, and destroys its `rd_kafka_topic_t` exactly once, in `Drop`, before that
//! `Arc` is released. librdkafka's topic handles and its produce call are thread-safe.

use std::ffi::CString;
use std::os::raw::c_void;
use std::ptr::NonNull;
use std::sync::Arc;

use rdkafka::bindings as rd;
use rdkafka::client::{Client, ClientContext};
use rdkafka::error::KafkaError;
use rdkafka::producer::{BaseProducer, Producer, ProducerContext};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::util::IntoOpaque;

use super::producer::RecordHeader;

/// One message's parts, borrowed for the produce call (librdkafka copies what it keeps).
pub(super) struct Parts<'a, O> {
    pub(super) partition: Option<i32>,
    pub(super) key: Option<&'a [u8]>,
    pub(super) value: Option<&'a [u8]>,
    pub(super) headers: &'a [RecordHeader],
    /// Milliseconds since the epoch; `None` for the time of the produce call.
    pub(super) timestamp: Option<i64>,
    pub(super) opaque: O,
}

/// A topic of one producer, looked up once.
pub(super) struct TopicHandle<C: ProducerContext> {
    rkt: NonNull<rd::rd_kafka_topic_t>,
    name: String,
    /// Keeps the client alive for as long as the handle is.
    producer: Arc<BaseProducer<C>>,
}

// SAFETY: an `rd_kafka_topic_t` may be used from any thread (librdkafka refcounts and locks
// it internally); the other fields are Send + Sync by themselves.
unsafe impl<C: ProducerContext> Send for TopicHandle<C> {}
// SAFETY: as above; `produce` takes `&self` and librdkafka's produce call is thread-safe.
unsafe impl<C: ProducerContext> Sync for TopicHandle<C> {}

impl<C: ProducerContext> TopicHandle<C> {
    /// The handle of `name` on `producer` (no request: librdkafka learns the topic's
    /// partitions when the first message is queued).
    pub(super) fn new(producer: &Arc<BaseProducer<C>>, name: &str) -> Result<Self, KafkaError> {
        let cname = CString::new(name).map_err(KafkaError::from)?;
        // SAFETY: the client pointer is valid while `producer` lives (we keep a clone); a
        // NULL topic config means the client's default; librdkafka copies the name.
        let rkt = unsafe {
            rd::rd_kafka_topic_new(
                producer.client().native_ptr(),
                cname.as_ptr(),
                std::ptr::null_mut(),
            )
        };
        match NonNull::new(rkt) {
            Some(rkt) => Ok(TopicHandle {
                rkt,
                name: name.to_string(),
                producer: producer.clone(),
            }),
            None => {
                // SAFETY: reads the calling thread's last librdkafka error.
                let code = unsafe { rd::rd_kafka_last_error() };
                Err(KafkaError::ClientCreation(format!(
                    "topic {name}: {}",
                    RDKafkaErrorCode::from(code)
                )))
            }
        }
    }

    pub(super) fn name(&self) -> &str {
        &self.name
    }

    /// Queues one message; librdkafka's error code when it refuses it (`QueueFull` among
    /// them). On an error the opaque is given back through `IntoOpaque::from_ptr` and
    /// dropped, and the headers built here are destroyed.
    pub(super) fn produce<O: IntoOpaque>(
        &self,
        parts: Parts<'_, O>,
    ) -> Result<(), RDKafkaErrorCode> {
        let mem = |bytes: Option<&[u8]>| rd::rd_kafka_vu_s__bindgen_ty_1__bindgen_ty_1 {
            ptr: bytes.map_or(std::ptr::null_mut(), |b| b.as_ptr() as *mut c_void),
            size: bytes.map_or(0, <[u8]>::len),
        };
        let headers = build_headers(parts.headers);
        let opaque = parts.opaque.into_ptr();
        let vus = [
            rd::rd_kafka_vu_t {
                vtype: rd::rd_kafka_vtype_t::RD_KAFKA_VTYPE_RKT,
                u: rd::rd_kafka_vu_s__bindgen_ty_1 {
                    rkt: self.rkt.as_ptr(),
                },
            },
            rd::rd_kafka_vu_t {
                vtype: rd::rd_kafka_vtype_t::RD_KAFKA_VTYPE_PARTITION,
                u: rd::rd_kafka_vu_s__bindgen_ty_1 {
                    i32_: parts.partition.unwrap_or(-1),
                },
            },
            rd::rd_kafka_vu_t {
                vtype: rd::rd_kafka_vtype_t::RD_KAFKA_VTYPE_MSGFLAGS,
                u: rd::rd_kafka_vu_s__bindgen_ty_1 {
                    i: rd::RD_KAFKA_MSG_F_COPY,
                },
            },
            rd::rd_kafka_vu_t {
                vtype: rd::rd_kafka_vtype_t::RD_KAFKA_VTYPE_VALUE,
                u: rd::rd_kafka_vu_s__bindgen_ty_1 {
                    mem: mem(parts.value),
                },
            },
            rd::rd_kafka_vu_t {
                vtype: rd::rd_kafka_vtype_t::RD_KAFKA_VTYPE_KEY,
                u: rd::rd_kafka_vu_s__bindgen_ty_1 {
                    mem: mem(parts.key),
                },
            },
            rd::rd_kafka_vu_t {
                vtype: rd::rd_kafka_vtype_t::RD_KAFKA_VTYPE_OPAQUE,
                u: rd::rd_kafka_vu_s__bindgen_ty_1 { ptr: opaque },
            },
            rd::rd_kafka_vu_t {
                vtype: rd::rd_kafka_vtype_t::RD_KAFKA_VTYPE_TIMESTAMP,
                u: rd::rd_kafka_vu_s__bindgen_ty_1 {
                    i64_: parts.timestamp.unwrap_or(0),
                },
            },
            rd::rd_kafka_vu_t {
                vtype: rd::rd_kafka_vtype_t::RD_KAFKA_VTYPE_HEADERS,
                u: rd::rd_kafka_vu_s__bindgen_ty_1 { headers },
            },
        ];
        // With no headers the last entry is left out (a NULL list is not "no headers" there).
        let count = if headers.is_null() {
            vus.len() - 1
        } else {
            vus.len()
        };
        // SAFETY: the client is alive (see the module doc), `rkt` belongs to it, and every
        // pointer in `vus` is valid for the call: key and value are copied (F_COPY), the
        // headers become librdkafka's only on success.
        let error = unsafe {
            rd::rd_kafka_produceva(self.producer.client().native_ptr(), vus.as_ptr(), count)
        };
        if error.is_null() {
            return Ok(());
        }
        // SAFETY: `error` is non-NULL and ours to destroy, once; on failure the headers and
        // the opaque are still ours.
        let code = unsafe {
            let code = rd::rd_kafka_error_code(error);
            rd::rd_kafka_error_destroy(error);
            if !headers.is_null() {
                rd::rd_kafka_headers_destroy(headers);
            }
            drop(O::from_ptr(opaque));
            code
        };
        Err(RDKafkaErrorCode::from(code))
    }
}

impl<C: ProducerContext> Drop for TopicHandle<C> {
    fn drop(&mut self) {
        // SAFETY: made by rd_kafka_topic_new on the client `self.producer` still holds, and
        // destroyed exactly once, here.
        unsafe { rd::rd_kafka_topic_destroy(self.rkt.as_ptr()) }
    }
}

/// `rd_kafka_flush` for up to `wait_ms`: while the call lasts librdkafka treats `linger.ms` as
/// over, also for a broker whose connection comes up during it. With delivery reports as
/// events (rust-rdkafka's producers) it serves nothing itself, it waits for the client's
/// message count while the producer's own thread serves the reports. True when that count
/// is 0 (every message out of librdkafka).
pub(super) fn flush_step<C: ClientContext>(client: &Client<C>, wait_ms: i32) -> bool {
    // SAFETY: the client pointer is valid while `client` is borrowed; librdkafka allows
    // flushing from any thread.
    let err = unsafe { rd::rd_kafka_flush(client.native_ptr(), wait_ms) };
    err == rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR
}

/// A librdkafka header list of `headers`, or NULL for none (the caller owns it).
fn build_headers(headers: &[RecordHeader]) -> *mut rd::rd_kafka_headers_t {
    if headers.is_empty() {
        return std::ptr::null_mut();
    }
    // SAFETY: a new list, filled with copies of the names and values (explicit lengths, so
    // neither needs a NUL); adding to a list librdkafka just made cannot fail but on a
    // read-only list.
    unsafe {
        let list = rd::rd_kafka_headers_new(headers.len());
        for (name, value) in headers {
            let (ptr, len) = match value {
                Some(v) => (v.as_ptr() as *const c_void, v.len() as isize),
                None => (std::ptr::null(), 0),
            };
            rd::rd_kafka_header_add(list, name.as_ptr().cast(), name.len() as isize, ptr, len);
        }
        list
    }
}
