//! The only unsafe ACL code: librdkafka's `rd_kafka_CreateAcls` and `rd_kafka_DescribeAcls`
//! called through `rdkafka::bindings`, since rust-rdkafka 0.39 has no ACL admin API.
//!
//! Every librdkafka object made here (bindings; the queue, options and result event are
//! `admin_ffi`'s) is owned by a small RAII guard that destroys it on every path, and strings
//! are copied out of a result before its event is destroyed. Calls block (the caller runs
//! them under `block_in_place`).

use std::ffi::CString;
use std::os::raw::c_char;
use std::ptr;
use std::time::Duration;

use rdkafka::admin::AdminClient;
use rdkafka::bindings as rd;
use rdkafka::client::ClientContext;

use super::acl::{AclError, AclRule, Operation, PatternKind, ResourceKind};
use super::admin_ffi::{self, errstr, owned, Event, RequestError, RequestOptions};

/// Owns a `rd_kafka_AclBinding_t` (also used for filters).
struct Binding(*mut rd::rd_kafka_AclBinding_t);
impl Drop for Binding {
    fn drop(&mut self) {
        // SAFETY: created by rd_kafka_AclBinding(Filter)_new; librdkafka copies bindings it
        // is given, so ours are destroyed exactly once, here.
        unsafe { rd::rd_kafka_AclBinding_destroy(self.0) }
    }
}

fn resource_to_rd(r: ResourceKind) -> rd::rd_kafka_ResourceType_t {
    use rd::rd_kafka_ResourceType_t::*;
    match r {
        ResourceKind::Topic => RD_KAFKA_RESOURCE_TOPIC,
        ResourceKind::Group => RD_KAFKA_RESOURCE_GROUP,
        ResourceKind::Cluster => RD_KAFKA_RESOURCE_BROKER,
        ResourceKind::TransactionalId => RD_KAFKA_RESOURCE_TRANSACTIONAL_ID,
        ResourceKind::Other => RD_KAFKA_RESOURCE_UNKNOWN,
    }
}

fn resource_from_rd(r: rd::rd_kafka_ResourceType_t) -> ResourceKind {
    use rd::rd_kafka_ResourceType_t::*;
    match r {
        RD_KAFKA_RESOURCE_TOPIC => ResourceKind::Topic,
        RD_KAFKA_RESOURCE_GROUP => ResourceKind::Group,
        RD_KAFKA_RESOURCE_BROKER => ResourceKind::Cluster,
        RD_KAFKA_RESOURCE_TRANSACTIONAL_ID => ResourceKind::TransactionalId,
        _ => ResourceKind::Other,
    }
}

fn pattern_to_rd(p: PatternKind) -> rd::rd_kafka_ResourcePatternType_t {
    use rd::rd_kafka_ResourcePatternType_t::*;
    match p {
        PatternKind::Literal => RD_KAFKA_RESOURCE_PATTERN_LITERAL,
        PatternKind::Prefixed => RD_KAFKA_RESOURCE_PATTERN_PREFIXED,
        PatternKind::Other => RD_KAFKA_RESOURCE_PATTERN_UNKNOWN,
    }
}

fn pattern_from_rd(p: rd::rd_kafka_ResourcePatternType_t) -> PatternKind {
    use rd::rd_kafka_ResourcePatternType_t::*;
    match p {
        RD_KAFKA_RESOURCE_PATTERN_LITERAL => PatternKind::Literal,
        RD_KAFKA_RESOURCE_PATTERN_PREFIXED => PatternKind::Prefixed,
        _ => PatternKind::Other,
    }
}

const OPS: &[(Operation, rd::rd_kafka_AclOperation_t)] = {
    use rd::rd_kafka_AclOperation_t::*;
    &[
        (Operation::All, RD_KAFKA_ACL_OPERATION_ALL),
        (Operation::Read, RD_KAFKA_ACL_OPERATION_READ),
        (Operation::Write, RD_KAFKA_ACL_OPERATION_WRITE),
        (Operation::Create, RD_KAFKA_ACL_OPERATION_CREATE),
        (Operation::Delete, RD_KAFKA_ACL_OPERATION_DELETE),
        (Operation::Alter, RD_KAFKA_ACL_OPERATION_ALTER),
        (Operation::Describe, RD_KAFKA_ACL_OPERATION_DESCRIBE),
        (
            Operation::DescribeConfigs,
            RD_KAFKA_ACL_OPERATION_DESCRIBE_CONFIGS,
        ),
        (
            Operation::AlterConfigs,
            RD_KAFKA_ACL_OPERATION_ALTER_CONFIGS,
        ),
        (
            Operation::IdempotentWrite,
            RD_KAFKA_ACL_OPERATION_IDEMPOTENT_WRITE,
        ),
        (
            Operation::ClusterAction,
            RD_KAFKA_ACL_OPERATION_CLUSTER_ACTION,
        ),
    ]
};

fn op_to_rd(op: Operation) -> rd::rd_kafka_AclOperation_t {
    OPS.iter().find(|(o, _)| *o == op).map_or(
        rd::rd_kafka_AclOperation_t::RD_KAFKA_ACL_OPERATION_UNKNOWN,
        |(_, r)| *r,
    )
}

fn op_from_rd(op: rd::rd_kafka_AclOperation_t) -> Operation {
    OPS.iter()
        .find(|(_, r)| *r == op)
        .map_or(Operation::Other, |(o, _)| *o)
}

fn cstring(what: &str, s: &str) -> Result<CString, AclError> {
    admin_ffi::cstring(s).ok_or_else(|| AclError::Invalid {
        rule: what.to_string(),
        reason: "contains a NUL byte".into(),
    })
}

/// Sends one ACL request (see `admin_ffi::request`).
fn request<C: ClientContext>(
    client: &AdminClient<C>,
    op: rd::rd_kafka_admin_op_t,
    timeout: Duration,
    send: impl FnOnce(
        *mut rd::rd_kafka_t,
        *const rd::rd_kafka_AdminOptions_t,
        *mut rd::rd_kafka_queue_t,
    ),
) -> Result<Event, AclError> {
    admin_ffi::request(client, op, RequestOptions::new(timeout), send).map_err(|e| match e {
        RequestError::Option(reason) => AclError::Invalid {
            rule: "request timeout".into(),
            reason,
        },
        RequestError::Timeout(t) => AclError::Timeout(t),
        RequestError::Failed(reason) => AclError::Refused {
            what: "the ACL request",
            reason,
        },
    })
}

/// Creates the bindings; fails with the first binding the cluster refused.
pub fn create_acls<C: ClientContext>(
    client: &AdminClient<C>,
    rules: &[AclRule],
    timeout: Duration,
) -> Result<(), AclError> {
    if rules.is_empty() {
        return Ok(());
    }
    let mut bindings = Vec::with_capacity(rules.len());
    for rule in rules {
        let name = cstring("resource name", &rule.name)?;
        let principal = cstring("principal", &rule.principal)?;
        let host = cstring("host", &rule.host)?;
        let mut buf = [0 as c_char; 512];
        let permission = if rule.allow {
            rd::rd_kafka_AclPermissionType_t::RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW
        } else {
            rd::rd_kafka_AclPermissionType_t::RD_KAFKA_ACL_PERMISSION_TYPE_DENY
        };
        // SAFETY: all strings are valid NUL-terminated for the call; librdkafka copies them.
        let b = unsafe {
            rd::rd_kafka_AclBinding_new(
                resource_to_rd(rule.resource),
                name.as_ptr(),
                pattern_to_rd(rule.pattern),
                principal.as_ptr(),
                host.as_ptr(),
                op_to_rd(rule.operation),
                permission,
                buf.as_mut_ptr(),
                buf.len(),
            )
        };
        if b.is_null() {
            return Err(AclError::Invalid {
                rule: format!("{rule:?}"),
                reason: errstr(&buf),
            });
        }
        bindings.push(Binding(b));
    }
    let mut ptrs: Vec<*mut rd::rd_kafka_AclBinding_t> = bindings.iter().map(|b| b.0).collect();
    let ev = request(
        client,
        rd::rd_kafka_admin_op_t::RD_KAFKA_ADMIN_OP_CREATEACLS,
        timeout,
        // SAFETY: the bindings outlive the call (librdkafka copies them).
        |rk, options, queue| unsafe {
            rd::rd_kafka_CreateAcls(rk, ptrs.as_mut_ptr(), ptrs.len(), options, queue)
        },
    )?;
    // SAFETY: the result and its entries live as long as `ev`.
    unsafe {
        let result = rd::rd_kafka_event_CreateAcls_result(ev.0);
        if result.is_null() {
            return Err(AclError::Refused {
                what: "CreateAcls",
                reason: "no result".into(),
            });
        }
        let mut count = 0usize;
        let results = rd::rd_kafka_CreateAcls_result_acls(result, &mut count);
        for i in 0..count {
            let error = rd::rd_kafka_acl_result_error(*results.add(i));
            if !error.is_null() {
                return Err(AclError::Refused {
                    what: "CreateAcls",
                    reason: format!(
                        "{} ({})",
                        owned(rd::rd_kafka_error_string(error)),
                        rules.get(i).map_or(String::new(), |r| format!("{r:?}"))
                    ),
                });
            }
        }
    }
    drop(bindings);
    Ok(())
}

/// Every binding on the cluster.
pub fn describe_acls<C: ClientContext>(
    client: &AdminClient<C>,
    timeout: Duration,
) -> Result<Vec<AclRule>, AclError> {
    let mut buf = [0 as c_char; 512];
    // SAFETY: NULL name/principal/host mean "any" in a filter.
    let filter = unsafe {
        rd::rd_kafka_AclBindingFilter_new(
            rd::rd_kafka_ResourceType_t::RD_KAFKA_RESOURCE_ANY,
            ptr::null(),
            rd::rd_kafka_ResourcePatternType_t::RD_KAFKA_RESOURCE_PATTERN_ANY,
            ptr::null(),
            ptr::null(),
            rd::rd_kafka_AclOperation_t::RD_KAFKA_ACL_OPERATION_ANY,
            rd::rd_kafka_AclPermissionType_t::RD_KAFKA_ACL_PERMISSION_TYPE_ANY,
            buf.as_mut_ptr(),
            buf.len(),
        )
    };
    if filter.is_null() {
        return Err(AclError::Invalid {
            rule: "match-all filter".into(),
            reason: errstr(&buf),
        });
    }
    let filter = Binding(filter);
    let ev = request(
        client,
        rd::rd_kafka_admin_op_t::RD_KAFKA_ADMIN_OP_DESCRIBEACLS,
        timeout,
        // SAFETY: the filter outlives the call (librdkafka copies it).
        |rk, options, queue| unsafe { rd::rd_kafka_DescribeAcls(rk, filter.0, options, queue) },
    )?;
    let mut rules = Vec::new();
    // SAFETY: the result and its bindings live as long as `ev`; every string is copied.
    unsafe {
        let result = rd::rd_kafka_event_DescribeAcls_result(ev.0);
        if result.is_null() {
            return Err(AclError::Refused {
                what: "DescribeAcls",
                reason: "no result".into(),
            });
        }
        let mut count = 0usize;
        let acls = rd::rd_kafka_DescribeAcls_result_acls(result, &mut count);
        for i in 0..count {
            let acl = *acls.add(i);
            rules.push(AclRule {
                principal: owned(rd::rd_kafka_AclBinding_principal(acl)),
                resource: resource_from_rd(rd::rd_kafka_AclBinding_restype(acl)),
                name: owned(rd::rd_kafka_AclBinding_name(acl)),
                pattern: pattern_from_rd(rd::rd_kafka_AclBinding_resource_pattern_type(acl)),
                operation: op_from_rd(rd::rd_kafka_AclBinding_operation(acl)),
                host: owned(rd::rd_kafka_AclBinding_host(acl)),
                allow: rd::rd_kafka_AclBinding_permission_type(acl)
                    == rd::rd_kafka_AclPermissionType_t::RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW,
            });
        }
    }
    drop(filter);
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_round_trip_through_librdkafka_codes() {
        for (op, _) in OPS {
            assert_eq!(op_from_rd(op_to_rd(*op)), *op);
        }
        for r in [
            ResourceKind::Topic,
            ResourceKind::Group,
            ResourceKind::Cluster,
            ResourceKind::TransactionalId,
        ] {
            assert_eq!(resource_from_rd(resource_to_rd(r)), r);
        }
    }
}
