//! HPC stores (issue 22): a store on a file system that cannot hold containers' writable
//! layers keeps its images there and puts the layers on node-local storage, saying so; and
//! rpod needs no $XDG_RUNTIME_DIR (HPC nodes often have no systemd session).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::Env;
use crate::common::env::user;

/// A ramfs mounted (as root) for the test user, unmounted when dropped. ramfs has no user
/// xattrs, as many NFS and Lustre mounts have none: the same relocation must happen.
pub struct RamFs(PathBuf);

impl RamFs {
    pub fn mount(at: &Path) -> RamFs {
        fs::create_dir_all(at).unwrap();
        let status = Command::new("mount")
            .args(["-t", "ramfs", "-o", "mode=0700", "rpod-test"])
            .arg(at)
            .status()
            .unwrap();
        assert!(status.success(), "mount -t ramfs {}", at.display());
        let (uid, gid) = user();
        std::os::unix::fs::chown(at, Some(uid), Some(gid)).unwrap();
        RamFs(at.to_path_buf())
    }
}

impl Drop for RamFs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Why this machine cannot serve NFS on loopback, if it cannot: the kernel lacks nfsd or the
/// nfs client (no module directory to load them from).
fn nfs_unavailable() -> Option<String> {
    let filesystems = fs::read_to_string("/proc/filesystems").unwrap_or_default();
    let has = |fs: &str| filesystems.split_whitespace().any(|f| f == fs);
    match (has("nfsd"), has("nfs")) {
        (true, true) => None,
        (server, _) => Some(format!(
            "the kernel has no {} (not in /proc/filesystems)",
            if server { "nfs client" } else { "nfsd" }
        )),
    }
}

fn info(env: &Env) -> Value {
    let out = env.rpod(&["info", "--format", "json"]);
    out.success();
    serde_json::from_str(out.trimmed()).unwrap()
}

#[test]
fn a_store_without_user_xattrs_keeps_images_and_puts_writable_layers_node_local() {
    if !nix::unistd::getuid().is_root() {
        eprintln!(
            "skipped: mounting the ramfs store needs root (contrib/test runs the tests as root)"
        );
        return;
    }
    if let Some(why) = nfs_unavailable() {
        eprintln!(
            "no NFS store test on this machine: {why}; a ramfs store (no user xattrs) stands in"
        );
    }
    let env = Env::new();
    let _store = RamFs::mount(&env.path("data"));
    env.rpod(&["pull", "-q", "busybox"]).success();
    let first = env.rpod(&["run", "--rm", "busybox", "true"]);
    first.success().stderr_has("writable layers live in");
    let layers = env.path("runtime/rpod/layers");
    first.stderr_has(&layers.display().to_string());
    // Said once: the next command is quiet.
    let again = env.rpod(&["run", "--rm", "busybox", "true"]);
    again.success();
    assert!(
        !again.stderr.contains("writable layers"),
        "said twice: {again:?}"
    );

    let store = &info(&env)["store"];
    assert_eq!(store["graphRootFsType"], "ramfs", "{store}");
    assert_eq!(store["containerLayersDir"], layers.display().to_string());
    assert!(
        store["containerLayersReason"]
            .as_str()
            .unwrap()
            .contains("no user xattrs"),
        "{store}"
    );

    env.rpod(&[
        "run",
        "--name",
        "kept",
        "busybox",
        "sh",
        "-c",
        "echo written > /made",
    ])
    .success();
    let upper_file = find_file(&layers, "made").expect("the writable layer is node-local");
    assert_eq!(fs::read_to_string(upper_file).unwrap(), "written\n");
    assert!(
        find_file(&env.path("data"), "made").is_none(),
        "nothing written in the store"
    );

    env.write_file("ctx/Dockerfile", b"FROM busybox\nRUN echo built > /built\n");
    let ctx = env.path("ctx").display().to_string();
    env.rpod(&["build", "-q", "--network", "none", "-t", "hpcbuilt", &ctx])
        .success();
    env.rpod(&["run", "--rm", "hpcbuilt", "cat", "/built"])
        .success()
        .stdout_has("built");
    env.rpod(&["rm", "kept"]).success();
    env.rpod(&["system", "check"]).success();

    // A layer whose files belong to others than root loses those owners here: said, with
    // the count and the store's refusal.
    let owned = owned_layer(&env);
    env.rpod(&["import", &owned, "owned"])
        .success()
        .stderr_has("2 files keep no owner but root")
        .stderr_has("refuses the user.rpod.owner xattr")
        .stderr_has("rpod system doctor");
}

/// A layer tar with two files of uid 1000 and one of root.
fn owned_layer(env: &Env) -> String {
    let mut tar = tar::Builder::new(Vec::new());
    for (name, uid) in [("app/a", 1000), ("app/b", 1000), ("app/c", 0)] {
        let mut h = tar::Header::new_gnu();
        h.set_size(2);
        h.set_mode(0o644);
        h.set_uid(uid);
        h.set_gid(uid);
        tar.append_data(&mut h, name, &b"x\n"[..]).unwrap();
    }
    let path = env.write_file("work/owned.tar", &tar.into_inner().unwrap());
    path.display().to_string()
}

#[test]
fn a_store_with_user_xattrs_keeps_owners_without_a_word() {
    let env = Env::new();
    let owned = owned_layer(&env);
    let out = env.rpod(&["import", &owned, "owned"]);
    out.success();
    assert!(!out.stderr.contains("keep no owner"), "{out:?}");
}

/// A file named `name` anywhere below `dir`.
fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
    for entry in fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        let kind = entry.file_type().ok()?;
        if kind.is_file() && entry.file_name() == name {
            return Some(path);
        }
        if kind.is_dir()
            && let Some(found) = find_file(&path, name)
        {
            return Some(found);
        }
    }
    None
}

#[test]
fn no_xdg_runtime_dir_falls_back_to_a_private_tmp_directory() {
    let env = Env::with_busybox();
    let run = |args: &[&str]| {
        let mut cmd = env.rpod_cmd(args);
        cmd.env_remove("XDG_RUNTIME_DIR");
        env.run_with_stdin(cmd, None)
    };
    run(&["run", "--rm", "busybox", "echo", "no-session"])
        .success()
        .stdout_has("no-session");
    let (uid, _) = user();
    let runroot = format!("/tmp/rpod-{uid}");
    run(&["info", "--format", "{{.Store.RunRoot}}"])
        .success()
        .stdout_has(&runroot);
    let meta = fs::metadata(&runroot).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o700, "{runroot}");
    assert_eq!(std::os::unix::fs::MetadataExt::uid(&meta), uid);
}
