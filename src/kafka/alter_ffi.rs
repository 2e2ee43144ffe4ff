//! The unsafe half of `alter`: librdkafka's `rd_kafka_IncrementalAlterConfigs` and
//! `rd_kafka_CreatePartitions` called through `rdkafka::bindings`, with the broker's own
//! message for a refusal (rust-rdkafka 0.39 has no incremental API and keeps only the code).
//!
//! The config resource and the partition request are owned by RAII guards; the queue,
//! options and result event by `admin_ffi`'s. Calls block (the caller runs them under
//! `block_in_place`).

use std::os::raw::c_char;

use rdkafka::admin::AdminClient;
use rdkafka::bindings as rd;
use rdkafka::client::ClientContext;
use rdkafka::types::RDKafkaErrorCode;

use super::admin_ffi::{self, cstring, errstr, owned, RequestError, RequestOptions};
use super::alter::{AlterError, ConfigChange};

const CONFIGS: &str = "change configs";
const PARTITIONS: &str = "add partitions";

/// Owns a `rd_kafka_ConfigResource_t`.
struct ConfigResource(*mut rd::rd_kafka_ConfigResource_t);
impl Drop for ConfigResource {
    fn drop(&mut self) {
        // SAFETY: created by rd_kafka_ConfigResource_new; librdkafka copies resources it is
        // given, so ours is destroyed exactly once, here.
        unsafe { rd::rd_kafka_ConfigResource_destroy(self.0) }
    }
}

/// Owns a `rd_kafka_NewPartitions_t`.
struct NewPartitions(*mut rd::rd_kafka_NewPartitions_t);
impl Drop for NewPartitions {
    fn drop(&mut self) {
        // SAFETY: created by rd_kafka_NewPartitions_new; librdkafka copies it, so ours is
        // destroyed exactly once, here.
        unsafe { rd::rd_kafka_NewPartitions_destroy(self.0) }
    }
}

fn invalid(topic: &str, what: &'static str, reason: impl Into<String>) -> AlterError {
    AlterError::Invalid {
        topic: topic.to_string(),
        what,
        reason: reason.into(),
    }
}

fn request_error(topic: &str, what: &'static str, e: RequestError) -> AlterError {
    AlterError::Request {
        topic: topic.to_string(),
        what,
        reason: e.to_string(),
    }
}

/// A refusal with the broker's message, or the code's own text when it sent none.
fn refused(
    topic: &str,
    what: &'static str,
    err: rd::rd_kafka_resp_err_t,
    message: String,
) -> AlterError {
    let code = RDKafkaErrorCode::from(err);
    AlterError::Refused {
        topic: topic.to_string(),
        what,
        code,
        reason: if message.is_empty() {
            code.to_string()
        } else {
            format!("{message} ({code})")
        },
    }
}

/// Applies `changes` to the topic's configs in one IncrementalAlterConfigs request.
pub(super) fn incremental_alter_configs<C: ClientContext>(
    client: &AdminClient<C>,
    topic: &str,
    changes: &[ConfigChange],
    how: RequestOptions,
) -> Result<(), AlterError> {
    let name = cstring(topic).ok_or_else(|| invalid(topic, CONFIGS, "NUL in the topic name"))?;
    // SAFETY: `name` is a valid C string for the call; librdkafka copies it.
    let resource = ConfigResource(unsafe {
        rd::rd_kafka_ConfigResource_new(
            rd::rd_kafka_ResourceType_t::RD_KAFKA_RESOURCE_TOPIC,
            name.as_ptr(),
        )
    });
    for change in changes {
        let key = cstring(change.name())
            .ok_or_else(|| invalid(topic, CONFIGS, format!("NUL in {:?}", change.name())))?;
        let (op, value) = match change {
            ConfigChange::Set { value, .. } => (
                rd::rd_kafka_AlterConfigOpType_t::RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET,
                Some(
                    cstring(value)
                        .ok_or_else(|| invalid(topic, CONFIGS, format!("NUL in {value:?}")))?,
                ),
            ),
            ConfigChange::Delete { .. } => (
                rd::rd_kafka_AlterConfigOpType_t::RD_KAFKA_ALTER_CONFIG_OP_TYPE_DELETE,
                None,
            ),
        };
        // SAFETY: the strings are valid for the call (librdkafka copies them); a returned
        // error is read and destroyed here.
        unsafe {
            let err = rd::rd_kafka_ConfigResource_add_incremental_config(
                resource.0,
                key.as_ptr(),
                op,
                value.as_ref().map_or(std::ptr::null(), |v| v.as_ptr()),
            );
            if !err.is_null() {
                let reason = owned(rd::rd_kafka_error_string(err));
                rd::rd_kafka_error_destroy(err);
                return Err(invalid(
                    topic,
                    CONFIGS,
                    format!("{}: {reason}", change.name()),
                ));
            }
        }
    }
    let mut ptrs = [resource.0];
    let ev = admin_ffi::request(
        client,
        rd::rd_kafka_admin_op_t::RD_KAFKA_ADMIN_OP_INCREMENTALALTERCONFIGS,
        how,
        // SAFETY: the resource outlives the call (librdkafka copies it).
        |rk, options, queue| unsafe {
            rd::rd_kafka_IncrementalAlterConfigs(rk, ptrs.as_mut_ptr(), ptrs.len(), options, queue)
        },
    )
    .map_err(|e| request_error(topic, CONFIGS, e))?;
    // SAFETY: the result and its resources live as long as `ev`; strings are copied.
    unsafe {
        let result = rd::rd_kafka_event_IncrementalAlterConfigs_result(ev.0);
        if result.is_null() {
            return Err(request_error(
                topic,
                CONFIGS,
                RequestError::Failed("no result".into()),
            ));
        }
        let mut count = 0usize;
        let resources = rd::rd_kafka_IncrementalAlterConfigs_result_resources(result, &mut count);
        for i in 0..count {
            let r = *resources.add(i);
            let err = rd::rd_kafka_ConfigResource_error(r);
            if err != rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR {
                return Err(refused(
                    topic,
                    CONFIGS,
                    err,
                    owned(rd::rd_kafka_ConfigResource_error_string(r)),
                ));
            }
        }
    }
    drop(resource);
    Ok(())
}

/// Grows the topic to `total` partitions in one CreatePartitions request.
pub(super) fn create_partitions<C: ClientContext>(
    client: &AdminClient<C>,
    topic: &str,
    total: usize,
    how: RequestOptions,
) -> Result<(), AlterError> {
    let name = cstring(topic).ok_or_else(|| invalid(topic, PARTITIONS, "NUL in the topic name"))?;
    let mut buf = [0 as c_char; 512];
    // SAFETY: `name` is a valid C string for the call; librdkafka copies it.
    let parts = unsafe {
        rd::rd_kafka_NewPartitions_new(name.as_ptr(), total, buf.as_mut_ptr(), buf.len())
    };
    if parts.is_null() {
        return Err(invalid(topic, PARTITIONS, errstr(&buf)));
    }
    let parts = NewPartitions(parts);
    let mut ptrs = [parts.0];
    let ev = admin_ffi::request(
        client,
        rd::rd_kafka_admin_op_t::RD_KAFKA_ADMIN_OP_CREATEPARTITIONS,
        how,
        // SAFETY: the request outlives the call (librdkafka copies it).
        |rk, options, queue| unsafe {
            rd::rd_kafka_CreatePartitions(rk, ptrs.as_mut_ptr(), ptrs.len(), options, queue)
        },
    )
    .map_err(|e| request_error(topic, PARTITIONS, e))?;
    // SAFETY: the result and its topics live as long as `ev`; strings are copied.
    unsafe {
        let result = rd::rd_kafka_event_CreatePartitions_result(ev.0);
        if result.is_null() {
            return Err(request_error(
                topic,
                PARTITIONS,
                RequestError::Failed("no result".into()),
            ));
        }
        let mut count = 0usize;
        let topics = rd::rd_kafka_CreatePartitions_result_topics(result, &mut count);
        for i in 0..count {
            let t = *topics.add(i);
            let err = rd::rd_kafka_topic_result_error(t);
            if err != rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR {
                return Err(refused(
                    topic,
                    PARTITIONS,
                    err,
                    owned(rd::rd_kafka_topic_result_error_string(t)),
                ));
            }
        }
    }
    drop(parts);
    Ok(())
}
