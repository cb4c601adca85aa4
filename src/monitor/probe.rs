//! The storage probe's other half: what a monitor does to mount an overlay, tried once in a
//! throwaway process so that the store knows which driver works here.

use std::fs;
use std::path::Path;

use super::error::{Cause, MonitorError};
use crate::storage::overlay::Overlay;
use crate::storage::whiteout;

/// The storage probe's child, run by storage::probe::PROBE_SUBCOMMAND in a fresh
/// single-threaded process: enter a user namespace and mount an overlay whose lower layer
/// hides a file with a whiteout, as a monitor would.
pub fn overlay_child(dir: &Path) -> Result<(), MonitorError> {
    use nix::sched::CloneFlags;
    let failed = |message: String| MonitorError::Rootfs(Cause::new(message, None));
    crate::runtime::userns::enter(
        crate::runtime::userns::IdMap::root(),
        CloneFlags::CLONE_NEWNS,
    )
    .map_err(|e| MonitorError::UserNamespace(Cause::new(&e, e.hint())))?;
    let (bottom, top, upper, work, merged) = (
        dir.join("l1"),
        dir.join("l2"),
        dir.join("upper"),
        dir.join("work"),
        dir.join("merged"),
    );
    for d in [&bottom, &top, &upper, &work, &merged] {
        fs::create_dir_all(d).map_err(|e| failed(format!("{}: {e}", d.display())))?;
    }
    fs::write(bottom.join("hidden"), b"x").map_err(|e| failed(e.to_string()))?;
    whiteout::make_whiteout_at(&top, "hidden").map_err(|e| failed(format!("whiteout: {e}")))?;
    let lowers = [bottom, top];
    Overlay {
        lowers: &lowers,
        writable: Some((&upper, &work)),
        volatile: false,
    }
    .mount(&merged)
    .map_err(|e| failed(e.to_string()))?;
    if merged.join("hidden").exists() {
        return Err(failed(
            "overlay ignores whiteouts made by an unprivileged user".into(),
        ));
    }
    Ok(())
}
