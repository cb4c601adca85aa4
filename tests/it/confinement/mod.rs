//! Container confinement, end to end, as the unprivileged user (issue 8): nothing of the host
//! is visible or writable from inside a container beyond what it was given. Each test plays
//! the container as an attacker and then checks the host side: pids, capabilities, masked and
//! read-only paths, writes outside the root file system and volumes, mount targets through
//! symlinks, and the rpod binary itself.

mod identity;
mod writes;

use crate::common::Env;
use crate::common::env::{Out, rpod_bin, user, wait_output};
use crate::common::fixtures::{Layer, busybox_tree, sha256};
use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A detached busybox container `name` that sleeps, with no network.
fn sleeper(env: &Env, name: &str) {
    env.rpod(&[
        "run",
        "-d",
        "--name",
        name,
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
}

fn id_of(env: &Env, name: &str) -> String {
    let out = env.rpod(&["inspect", "-f", "{{.Id}}", name]);
    out.success().trimmed().to_string()
}

/// The host pid of a running container's monitor.
fn monitor_pid(env: &Env, name: &str) -> u32 {
    let path = env.path(&format!(
        "runtime/rpod/containers/{}/monitor.json",
        id_of(env, name)
    ));
    let record: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    record["monitor"]["pid"].as_u64().unwrap() as u32
}

/// A host path under /tmp that nothing has made: where a symlink or a `..` in a container
/// would lead if it escaped. Removed on drop, so that a failing test leaves nothing behind.
struct HostPath(PathBuf);

impl HostPath {
    fn new(what: &str) -> HostPath {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let path = PathBuf::from(format!(
            "/tmp/rpod-confine-{}-{n}-{what}",
            std::process::id()
        ));
        assert!(!path.exists());
        HostPath(path)
    }

    fn inside(&self) -> &str {
        self.0.to_str().unwrap()
    }

    #[track_caller]
    fn assert_untouched(&self) {
        assert!(
            fs::symlink_metadata(&self.0).is_err(),
            "{} was made on the host from inside a container",
            self.0.display()
        );
    }
}

impl Drop for HostPath {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
        let _ = fs::remove_file(&self.0);
    }
}

/// Imports busybox plus `extra` (applied to the tree) as `name`.
fn import(env: &Env, name: &str, extra: impl FnOnce(Layer) -> Layer) {
    let tar = extra(busybox_tree(None)).finish();
    let path = env.write_file(&format!("work/{name}.tar"), &tar);
    env.rpod(&["import", path.to_str().unwrap(), name])
        .success();
}
