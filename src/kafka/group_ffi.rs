//! The only unsafe consumer-group code: librdkafka's `rd_kafka_DeleteConsumerGroupOffsets`
//! through `rdkafka::bindings`, since rust-rdkafka 0.39 wraps `delete_groups` but not the
//! deletion of a group's offsets. The request plumbing (queue, options, result event) is
//! `admin_ffi`'s; the partition list is a rust-rdkafka `TopicPartitionList`, which librdkafka
//! copies, and the group request object is owned by a guard here.

use std::ffi::CString;
use std::time::Duration;

use rdkafka::admin::AdminClient;
use rdkafka::bindings as rd;
use rdkafka::client::ClientContext;
use rdkafka::TopicPartitionList;

use super::admin_ffi::{self, owned, RequestError, RequestOptions};

/// Why deleting a group's offsets failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum FfiError {
    #[error("invalid {what}: {reason}")]
    Invalid { what: String, reason: String },
    #[error("the cluster did not answer within {0:?}")]
    Timeout(Duration),
    #[error("refused: {0}")]
    Refused(String),
}

impl From<RequestError> for FfiError {
    fn from(e: RequestError) -> FfiError {
        match e {
            RequestError::Option(reason) => FfiError::Invalid {
                what: "request option".into(),
                reason,
            },
            RequestError::Timeout(t) => FfiError::Timeout(t),
            RequestError::Failed(reason) => FfiError::Refused(reason),
        }
    }
}

/// Owns a `rd_kafka_DeleteConsumerGroupOffsets_t`.
struct DeleteOffsets(*mut rd::rd_kafka_DeleteConsumerGroupOffsets_t);
impl Drop for DeleteOffsets {
    fn drop(&mut self) {
        // SAFETY: created by rd_kafka_DeleteConsumerGroupOffsets_new; librdkafka copies the
        // request it is given, so ours is destroyed exactly once, here.
        unsafe { rd::rd_kafka_DeleteConsumerGroupOffsets_destroy(self.0) }
    }
}

/// One partition's outcome: `None` deleted, `Some(reason)` refused.
pub type PartitionOutcome = (String, i32, Option<String>);

/// Deletes `group`'s committed offsets of `partitions`. An error for the whole group (e.g. the
/// group is not empty, or does not exist) is `Err`; per-partition refusals are in the result.
pub fn delete_offsets<C: ClientContext>(
    client: &AdminClient<C>,
    group: &str,
    partitions: &TopicPartitionList,
    timeout: Duration,
) -> Result<Vec<PartitionOutcome>, FfiError> {
    let name = CString::new(group).map_err(|_| FfiError::Invalid {
        what: "group name".into(),
        reason: "contains a NUL byte".into(),
    })?;
    // SAFETY: both arguments are valid for the call; librdkafka copies them.
    let request = DeleteOffsets(unsafe {
        rd::rd_kafka_DeleteConsumerGroupOffsets_new(name.as_ptr(), partitions.ptr())
    });
    let mut requests = [request.0];
    let ev = admin_ffi::request(
        client,
        rd::rd_kafka_admin_op_t::RD_KAFKA_ADMIN_OP_DELETECONSUMERGROUPOFFSETS,
        RequestOptions::new(timeout),
        // SAFETY: the request outlives the call (librdkafka copies it).
        |rk, options, queue| unsafe {
            rd::rd_kafka_DeleteConsumerGroupOffsets(
                rk,
                requests.as_mut_ptr(),
                requests.len(),
                options,
                queue,
            )
        },
    )?;
    let mut out = Vec::new();
    // SAFETY: the result, its groups and their partition lists live as long as `ev`; every
    // string is copied.
    unsafe {
        let result = rd::rd_kafka_event_DeleteConsumerGroupOffsets_result(ev.0);
        if result.is_null() {
            return Err(FfiError::Refused("no result".into()));
        }
        let mut count = 0usize;
        let groups = rd::rd_kafka_DeleteConsumerGroupOffsets_result_groups(result, &mut count);
        for i in 0..count {
            let g = *groups.add(i);
            let error = rd::rd_kafka_group_result_error(g);
            if !error.is_null() {
                return Err(FfiError::Refused(owned(rd::rd_kafka_error_string(error))));
            }
            let list = rd::rd_kafka_group_result_partitions(g);
            if list.is_null() {
                continue;
            }
            let list = &*list;
            for j in 0..list.cnt.max(0) as usize {
                let e = &*list.elems.add(j);
                let err = (e.err != rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR)
                    .then(|| owned(rd::rd_kafka_err2str(e.err)));
                out.push((owned(e.topic), e.partition, err));
            }
        }
    }
    drop(request);
    Ok(out)
}
