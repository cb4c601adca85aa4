//! `--umask`, `--oom-score-adj` and `--personality`, set on the container's process just
//! before it drops its ids and executes (children inherit all three).
#![allow(unsafe_code)]

use nix::sys::stat::Mode;

use super::exec_process::{errno, fail, io_errno};
use super::spec::ProcessAttrs;
use super::sync::InitFailure;

/// podman's default file mode mask for a container's process.
const DEFAULT_UMASK: u32 = 0o022;

pub fn apply(attrs: &ProcessAttrs) -> Result<(), InitFailure> {
    nix::sys::stat::umask(Mode::from_bits_truncate(
        attrs.umask.unwrap_or(DEFAULT_UMASK),
    ));
    if let Some(score) = attrs.oom_score_adj {
        // Raising it is anyone's right; lowering it below what rpod itself has needs
        // CAP_SYS_RESOURCE outside the user namespace, which a rootless engine lacks.
        std::fs::write("/proc/self/oom_score_adj", score.to_string()).map_err(|e| {
            fail(
                format!("set oom_score_adj {score} (lowering it needs root on the host)"),
                io_errno(&e),
            )
        })?;
    }
    if let Some(persona) = attrs.personality {
        set_personality(persona)?;
    }
    Ok(())
}

fn set_personality(persona: u64) -> Result<(), InitFailure> {
    // SAFETY: personality(2) takes its value by value and touches no memory of ours.
    let rc = unsafe { libc::personality(persona as libc::c_ulong) };
    if rc == -1 {
        return Err(fail(format!("set personality {persona:#x}"), errno()));
    }
    Ok(())
}
