//! A group member's own id as librdkafka holds it (`rd_kafka_memberid`), which rust-rdkafka
//! 0.39 does not wrap: librdkafka clears it when it sends the LeaveGroup request, so a member
//! that must leave before it closes (a static member, which does not leave on close) can
//! wait on it.

use rdkafka::bindings as rd;
use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext};

/// The member id the coordinator gave this consumer; empty before it joined and once it
/// left (sent its LeaveGroup).
pub fn member_id<C: ConsumerContext>(consumer: &BaseConsumer<C>) -> String {
    // SAFETY: the client pointer is valid while `consumer` lives; librdkafka returns a copy
    // (or NULL) that we own and free with `rd_kafka_mem_free`.
    unsafe {
        let rk = consumer.client().native_ptr();
        let id = rd::rd_kafka_memberid(rk);
        if id.is_null() {
            return String::new();
        }
        let text = std::ffi::CStr::from_ptr(id).to_string_lossy().into_owned();
        rd::rd_kafka_mem_free(rk, id.cast());
        text
    }
}
