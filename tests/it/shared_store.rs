//! Shared read-only image stores (issue 22): one user pulls into a store, the store is made
//! read-only for everyone, and another user (another data directory) lists and runs its images
//! in place, eight at once, with their own store as the writable one.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use crate::common::Env;
use crate::common::registry::Registry;

/// A store that A pulled busybox into, then closed to writes (every directory 0555, every file
/// 0444; the owner stays A's uid, which B shares: a store owned by another uid shows its files
/// as `nobody` in B's one-id user namespace, see README).
fn read_only_store() -> Env {
    let a = Env::with_busybox();
    let status = Command::new("chmod")
        .args(["-R", "a-w"])
        .arg(a.path("data"))
        .status()
        .unwrap();
    assert!(status.success());
    a
}

/// Every path below `dir` with its size, mode and modification time: equal before and after
/// proves nothing was written.
fn snapshot(dir: &Path, into: &mut Vec<String>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let meta = entry.path().symlink_metadata().unwrap();
        into.push(format!(
            "{} {} {:o} {:?}",
            entry.path().display(),
            meta.len(),
            meta.permissions().mode(),
            meta.modified().ok()
        ));
        if meta.is_dir() {
            snapshot(&entry.path(), into);
        }
    }
}

fn user_of(shared: &Env) -> Env {
    let b = Env::bare();
    let reg = Registry::shared();
    b.write_config(&format!(
        "[storage]\nadditional-image-stores = [\"{}\"]\n\
         [registries]\nunqualified-search = [\"{1}\"]\ninsecure = [\"{1}\"]\n",
        shared.data().display(),
        reg.addr()
    ));
    b
}

#[test]
fn a_read_only_shared_store_serves_another_user_in_place() {
    let a = read_only_store();
    let mut before = Vec::new();
    snapshot(&a.data(), &mut before);
    let b = user_of(&a);
    let listed = b.rpod(&["images", "--format", "{{.Repository}} {{.ReadOnly}}"]);
    listed.success().stdout_has("busybox true");
    b.rpod(&["image", "inspect", "busybox"]).success();

    std::thread::scope(|s| {
        let runs: Vec<_> = (0..8)
            .map(|n| {
                let b = &b;
                s.spawn(move || {
                    b.rpod(&[
                        "run",
                        "--rm",
                        "busybox",
                        "sh",
                        "-c",
                        &format!("echo run-{n} > /tmp/x && cat /tmp/x"),
                    ])
                })
            })
            .collect();
        for (n, run) in runs.into_iter().enumerate() {
            run.join()
                .unwrap()
                .success()
                .stdout_has(&format!("run-{n}"));
        }
    });

    b.rpod(&["create", "--name", "c", "busybox", "true"])
        .success();
    b.rpod(&["rm", "c"]).success();
    b.rpod(&["rmi", "busybox"])
        .failure()
        .stderr_has("read-only image store");
    b.rpod(&["tag", "busybox", "mine:1"])
        .failure()
        .stderr_has("read-only image store");
    b.rpod(&["system", "check"]).success();
    // Still there, untouched, for A and for B.
    b.rpod(&["images", "--format", "{{.Repository}} {{.ReadOnly}}"])
        .success()
        .stdout_has("busybox true");
    let mut after = Vec::new();
    snapshot(&a.data(), &mut after);
    assert_eq!(before, after, "the shared store changed");
    assert!(
        b.data()
            .join("storage/layers")
            .read_dir()
            .unwrap()
            .next()
            .is_none(),
        "no layer copied"
    );
}

#[test]
fn a_missing_shared_store_is_named() {
    let b = Env::bare();
    b.write_config("[storage]\nadditional-image-stores = [\"/nonexistent/store\"]\n");
    b.rpod(&["images"])
        .failure()
        .stderr_has("additional image store /nonexistent/store");
}
