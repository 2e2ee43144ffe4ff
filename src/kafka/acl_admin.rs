//! Creating and listing ACL bindings on a cluster: the async entry points over `acl_ffi`'s
//! blocking librdkafka calls (the bindings themselves are `acl`'s plain data).

use super::acl::{AclError, AclRule};
use super::acl_ffi;
use super::admin::Admin;

/// Creates the bindings (idempotent: an existing binding is left as it is).
pub async fn create(admin: &Admin, rules: &[AclRule]) -> Result<(), AclError> {
    tokio::task::block_in_place(|| acl_ffi::create_acls(admin.client(), rules, admin.timeout()))
}

/// Every binding the cluster has, sorted.
pub async fn list(admin: &Admin) -> Result<Vec<AclRule>, AclError> {
    let mut rules =
        tokio::task::block_in_place(|| acl_ffi::describe_acls(admin.client(), admin.timeout()))?;
    rules.sort();
    Ok(rules)
}
