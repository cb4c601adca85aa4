//! `update --restart` and `start --filter restart-policy=`: a container's restart policy after
//! create.

use super::plan::resources::{LimitOptions, parse_limits};
use super::record::ContainerRecord;
use super::{ContainerError, Engine};
use crate::monitor::restart::{self, BadPolicy, RestartPolicy};
use crate::state::atomic;

pub fn parse(given: &str) -> Result<RestartPolicy, ContainerError> {
    given
        .parse()
        .map_err(|e: BadPolicy| ContainerError::invalid("--restart", given, e.to_string()))
}

/// Whether `update` was given any limit besides the restart policy.
pub fn limits_given(opts: &LimitOptions) -> Result<bool, ContainerError> {
    Ok(!parse_limits(opts)?.is_empty())
}

/// Records the new policy; a running container's monitor reads it when the container next
/// exits.
pub fn update(
    engine: &Engine,
    name_or_id: &str,
    policy: RestartPolicy,
) -> Result<ContainerRecord, ContainerError> {
    let (mut record, paths, _lock) = engine.lock_container(name_or_id)?.into_parts();
    if record.run.auto_remove && policy != RestartPolicy::No {
        return Err(ContainerError::invalid(
            "--restart",
            policy.to_string(),
            "the container has --rm, which conflicts with a restart policy other than no",
        ));
    }
    record.run.restart = policy;
    restart::save(&paths.dir, policy).map_err(ContainerError::io("write", &paths.dir))?;
    let _guard = engine.lock()?;
    atomic::write_json(&paths.config(), &record)
        .map_err(ContainerError::io("write", &paths.config()))?;
    Ok(record)
}
