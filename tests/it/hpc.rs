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

/// One node of a cluster sharing `env`'s data directory: its own name (`RPOD_NODE`) and its
/// own runtime directory, as each node has its own /run or /tmp.
struct Node<'a> {
    env: &'a Env,
    name: &'static str,
    runroot: PathBuf,
}

impl<'a> Node<'a> {
    fn new(env: &'a Env, name: &'static str) -> Node<'a> {
        let runroot = env.path(&format!("runtime-{name}"));
        fs::create_dir_all(&runroot).unwrap();
        fs::set_permissions(&runroot, fs::Permissions::from_mode(0o700)).unwrap();
        let (uid, gid) = env.owner;
        std::os::unix::fs::chown(&runroot, Some(uid), Some(gid)).unwrap();
        Node { env, name, runroot }
    }

    fn rpod(&self, args: &[&str]) -> crate::common::env::Out {
        let mut cmd = self.env.rpod_cmd(args);
        cmd.env("RPOD_NODE", self.name)
            .env("XDG_RUNTIME_DIR", &self.runroot);
        self.env.run_with_stdin(cmd, None)
    }
}

#[test]
fn a_container_of_one_node_is_listed_but_never_touched_by_another() {
    let env = Env::with_busybox();
    let (a, b) = (Node::new(&env, "node-a"), Node::new(&env, "node-b"));
    a.rpod(&["run", "-d", "--name", "job", "busybox", "sleep", "300"])
        .success();

    // Each node is its own host: node-b lists nothing unless asked for every node.
    assert_eq!(b.rpod(&["ps", "-q"]).success().trimmed(), "");
    assert_eq!(b.rpod(&["ps", "-a", "-q"]).success().trimmed(), "");
    let listed = b.rpod(&[
        "ps",
        "--all-nodes",
        "--format",
        "{{.Names}}|{{.Node}}|{{.Status}}",
    ]);
    assert_eq!(listed.success().trimmed(), "job|node-a|On node node-a");
    b.rpod(&["ps", "-a", "--all-nodes"])
        .success()
        .stdout_has("NODE")
        .stdout_has("node-a");
    let filtered = b.rpod(&["ps", "--filter", "node=node-a", "--format", "{{.Names}}"]);
    assert_eq!(filtered.success().trimmed(), "job");
    let json = b.rpod(&["ps", "--all-nodes", "--format", "json"]);
    let rows: Value = serde_json::from_str(json.success().trimmed()).unwrap();
    assert_eq!(rows[0]["Node"], "node-a", "{rows}");

    // Reads work; the state is node-a's to know.
    let inspected = b.rpod(&["inspect", "--format", "{{.Node}} {{.State.Status}}", "job"]);
    assert_eq!(inspected.success().trimmed(), "node-a unknown");
    b.rpod(&["logs", "job"]).success();

    // Every verb that acts is refused, naming the node.
    for verb in [
        &["rm", "job"][..],
        &["rm", "-f", "job"],
        &["stop", "-t", "0", "job"],
        &["start", "job"],
        &["kill", "job"],
        &["restart", "job"],
        &["pause", "job"],
        &["exec", "job", "true"],
        &["logs", "-f", "job"],
        &["container", "cleanup", "job"],
    ] {
        b.rpod(verb)
            .code(125)
            .stderr_has("container job belongs to node node-a: run rpod there");
    }
    // Sweeps leave it, and its name stays taken across the store.
    b.rpod(&["container", "prune", "-f"]).success();
    b.rpod(&["rm", "-a", "-f"]).success();
    b.rpod(&["run", "--name", "job", "busybox", "true"])
        .failure()
        .stderr_has("on node node-a: that name is already in use");
    b.rpod(&["system", "reset", "-f"])
        .failure()
        .stderr_has("holds container job of node node-a");

    // node-a still runs it, and stops and removes it as ever.
    let state = a.rpod(&["inspect", "--format", "{{.Node}} {{.State.Status}}", "job"]);
    assert_eq!(state.success().trimmed(), "node-a running");
    assert_eq!(
        a.rpod(&["ps", "--format", "{{.Names}}"])
            .success()
            .trimmed(),
        "job"
    );
    a.rpod(&["stop", "-t", "0", "job"]).success();
    a.rpod(&["rm", "job"]).success();
    assert_eq!(
        b.rpod(&["ps", "-a", "--all-nodes", "-q"])
            .success()
            .trimmed(),
        ""
    );
}

#[test]
fn a_container_recorded_before_nodes_belongs_to_every_node() {
    let env = Env::with_busybox();
    let (a, b) = (Node::new(&env, "node-a"), Node::new(&env, "node-b"));
    let id = a.rpod(&["create", "--name", "old", "busybox", "true"]);
    let id = id.success().trimmed().to_string();
    // The record as an rpod from before nodes wrote it: no `node`.
    let config = env.data().join("containers").join(&id).join("config.json");
    let mut record: Value = serde_json::from_slice(&fs::read(&config).unwrap()).unwrap();
    assert_eq!(record["node"], "node-a", "{record}");
    record.as_object_mut().unwrap().remove("node");
    fs::write(&config, serde_json::to_vec(&record).unwrap()).unwrap();

    assert_eq!(
        b.rpod(&["ps", "-a", "--format", "{{.Names}}"])
            .success()
            .trimmed(),
        "old"
    );
    b.rpod(&["start", "-a", "old"]).success();
    b.rpod(&["rm", "old"]).success();
}

/// On a local disk no other node can see the store: no node is recorded without `$RPOD_NODE`,
/// so a later name for the machine (a renamed laptop) still acts on every container.
#[test]
fn a_local_store_records_no_node_unless_rpod_node_is_set() {
    let env = Env::with_busybox();
    let id = env.rpod(&["create", "--name", "here", "busybox", "true"]);
    let id = id.success().trimmed().to_string();
    let config = env.data().join("containers").join(&id).join("config.json");
    let record: Value = serde_json::from_slice(&fs::read(&config).unwrap()).unwrap();
    assert!(record.get("node").is_none(), "{record}");
    let renamed = Node::new(&env, "renamed-host");
    renamed.rpod(&["start", "-a", "here"]).success();
    renamed.rpod(&["rm", "here"]).success();
}
