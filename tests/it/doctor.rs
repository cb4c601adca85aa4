//! `rpod system doctor` (issue 16): each verdict agrees with what the test user can really do
//! on this machine, checked here independently of rpod's probes.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::Env;
use crate::common::env::{Out, rpod_bin, user};
use crate::common::registry::Registry;
use crate::hpc::RamFs;

const IDS: [&str; 11] = [
    "user-namespaces",
    "cgroup-delegation",
    "overlay-userns",
    "store-network-fs",
    "user-xattrs",
    "fuse",
    "tun",
    "pasta",
    "slirp4netns",
    "squashfs",
    "xdg-runtime-dir",
];

/// The doctor's findings as JSON, and its exit code.
fn findings(env: &Env) -> (Vec<Value>, i32) {
    let out = env.rpod(&["system", "doctor", "--format", "json"]);
    out.no_panic();
    assert!(
        out.code == 0 || out.code == 1,
        "a verdict is 0 or 1: {out:?}"
    );
    let list: Vec<Value> = serde_json::from_str(out.trimmed()).unwrap_or_else(|e| {
        panic!("doctor --format json is not JSON ({e}): {out:?}");
    });
    (list, out.code)
}

fn check<'a>(list: &'a [Value], id: &str) -> &'a Value {
    list.iter()
        .find(|f| f["ID"] == id)
        .unwrap_or_else(|| panic!("no check {id} in {list:?}"))
}

fn is_ok(list: &[Value], id: &str) -> bool {
    check(list, id)["Status"] == "ok"
}

/// Whether the test user can open `device` read-write, asked of the shell, not of rpod.
fn user_opens(env: &Env, device: &str) -> bool {
    env.run_as_user("sh", &["-c", &format!("exec 3<>{device}")])
        .code
        == 0
}

#[test]
fn json_lists_every_check_once_and_the_exit_code_and_info_follow_the_verdict() {
    let env = Env::bare();
    let (list, code) = findings(&env);
    let ids: Vec<&str> = list.iter().map(|f| f["ID"].as_str().unwrap()).collect();
    assert_eq!(ids, IDS, "every check once, in order");
    let mut not_ok = BTreeSet::new();
    for f in &list {
        let status = f["Status"].as_str().unwrap();
        assert!(["ok", "degraded", "missing"].contains(&status), "{f}");
        assert!(!f["Found"].as_str().unwrap().is_empty(), "{f}");
        let empty = |k: &str| f[k].as_str().unwrap().is_empty();
        assert_eq!(empty("Instead"), status == "ok", "{f}");
        assert_eq!(empty("Fix"), status == "ok", "{f}");
        if status != "ok" {
            not_ok.insert(f["ID"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(code, i32::from(!not_ok.is_empty()), "{list:?}");

    // The table: one line per check, the why, instead and fix of each that is not ok, the
    // same exit code, and no error.
    let table = env.rpod(&["system", "doctor"]);
    table.code(code);
    assert!(!table.stderr.contains("Error"), "{table:?}");
    for id in IDS {
        let line = table
            .lines()
            .into_iter()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("no line for {id}: {table:?}"));
        assert_eq!(
            line.split_whitespace().nth(1),
            check(&list, id)["Status"].as_str()
        );
    }
    for id in &not_ok {
        let fix = check(&list, id)["Fix"].as_str().unwrap();
        table.stdout_has(&format!("  fix:     {fix}"));
    }
    env.rpod(&["system", "doctor", "--format", "{{.ID}}={{.Status}}"])
        .code(code)
        .stdout_has("tun=");

    let info = env.rpod(&["info", "--format", "json"]);
    info.success();
    let info: Value = serde_json::from_str(info.trimmed()).unwrap();
    let listed: BTreeSet<String> = info["host"]["degraded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, not_ok, "{}", info["host"]);
    let text = env.rpod(&["info"]);
    text.success();
    if !not_ok.is_empty() {
        text.stdout_has("rpod system doctor");
    }

    // The cgroup verdict is what `info` sees delegated; the overlay verdict is the driver
    // this fresh store got.
    let cgroups = &info["host"]["cgroups"];
    let delegated: Vec<&str> = cgroups["delegatedControllers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let all = ["cpu", "cpuset", "io", "memory", "pids"]
        .iter()
        .all(|c| delegated.contains(c));
    assert_eq!(
        is_ok(&list, "cgroup-delegation"),
        all && cgroups["version"] == "v2",
        "{cgroups}"
    );
    assert_eq!(
        is_ok(&list, "overlay-userns"),
        info["store"]["graphDriverName"] == "overlay",
        "{}",
        info["store"]
    );
}

#[test]
fn device_verdicts_agree_with_what_the_user_can_open() {
    let env = Env::bare();
    let (list, _) = findings(&env);
    for (id, device) in [("tun", "/dev/net/tun"), ("fuse", "/dev/fuse")] {
        assert_eq!(
            is_ok(&list, id),
            user_opens(&env, device),
            "{}",
            check(&list, id)
        );
        if !is_ok(&list, id) {
            let fix = check(&list, id)["Fix"].as_str().unwrap().to_string();
            assert!(fix.contains(device) || fix.contains("modprobe"), "{fix}");
        }
    }
}

/// `rpod ARGS` as the test user in a mount namespace of its own where `device` is a file only
/// root may open: the host's device stays as it is for everyone else.
fn with_device_blocked(env: &Env, device: &str, args: &[&str]) -> Out {
    let blocked = env.path("blocked");
    std::fs::write(&blocked, b"").unwrap();
    let inner = env.rpod_cmd(args);
    let vars: Vec<String> = inner
        .get_envs()
        .filter_map(|(k, v)| Some(format!("{}={}", k.to_str()?, v?.to_str()?)))
        .collect();
    let (uid, gid) = user();
    let script = format!(
        "mount --bind \"$1\" \"$2\" && shift 2 && exec setpriv --reuid={uid} --regid={gid} --clear-groups env -i \"$@\""
    );
    let mut cmd = std::process::Command::new("unshare");
    cmd.args(["-m", "--propagation", "private", "sh", "-c", &script, "sh"])
        .arg(&blocked)
        .arg(device)
        .args(vars)
        .arg(rpod_bin())
        .args(args)
        .current_dir(env.path("work"));
    env.run_with_stdin(cmd, None)
}

#[test]
fn a_device_the_user_cannot_open_is_reported_with_its_fix_and_run_agrees() {
    if !nix::unistd::getuid().is_root() {
        eprintln!("skipped: hiding a device in a mount namespace needs root");
        return;
    }
    let env = Env::with_busybox();
    let json = ["system", "doctor", "--format", "json"];
    let out = with_device_blocked(&env, "/dev/net/tun", &json);
    out.code(1);
    let list: Vec<Value> = serde_json::from_str(out.trimmed()).unwrap();
    let tun = check(&list, "tun");
    assert_eq!(tun["Status"], "missing", "{tun}");
    assert!(
        tun["Found"].as_str().unwrap().contains("ermission denied"),
        "{tun}"
    );
    assert_eq!(tun["Fix"], "sudo chmod 0666 /dev/net/tun");
    assert!(is_ok(&list, "fuse"), "{list:?}");
    // What the doctor says is what run does: no network helper can make the interface.
    let run = with_device_blocked(&env, "/dev/net/tun", &["run", "--rm", "busybox", "true"]);
    run.failure()
        .stderr_has("tun")
        .stderr_has("sudo chmod 0666 /dev/net/tun");
    with_device_blocked(
        &env,
        "/dev/net/tun",
        &["run", "--rm", "--network", "none", "busybox", "true"],
    )
    .success();

    let out = with_device_blocked(&env, "/dev/fuse", &json);
    out.code(1);
    let list: Vec<Value> = serde_json::from_str(out.trimmed()).unwrap();
    for id in ["fuse", "squashfs"] {
        let f = check(&list, id);
        assert_ne!(f["Status"], "ok", "{f}");
        assert_eq!(f["Fix"], "sudo chmod 0666 /dev/fuse", "{f}");
    }
    assert!(is_ok(&list, "tun"), "{list:?}");
}

#[test]
fn without_xdg_runtime_dir_the_check_names_where_runtime_state_goes() {
    let env = Env::bare();
    let (list, _) = findings(&env);
    assert!(is_ok(&list, "xdg-runtime-dir"), "{list:?}");

    let mut cmd = env.rpod_cmd(["system", "doctor", "--format", "json"]);
    cmd.env_remove("XDG_RUNTIME_DIR");
    let out = env.run_with_stdin(cmd, None);
    out.code(1);
    let list: Vec<Value> = serde_json::from_str(out.trimmed()).unwrap();
    let xdg = check(&list, "xdg-runtime-dir");
    assert_eq!(xdg["Status"], "degraded", "{xdg}");
    assert!(xdg["Found"].as_str().unwrap().contains("not set"), "{xdg}");
    let fallback = format!("/tmp/rpod-{}", user().0);
    assert!(
        xdg["Instead"].as_str().unwrap().contains(&fallback),
        "{xdg}"
    );
    assert!(
        xdg["Fix"]
            .as_str()
            .unwrap()
            .contains("XDG_RUNTIME_DIR=/run/user/"),
        "{xdg}"
    );
}

#[test]
fn a_helper_missing_from_helper_dirs_is_missing_and_run_agrees() {
    let env = Env::with_busybox();
    let Some(slirp) = ["/usr/bin/slirp4netns", "/usr/local/bin/slirp4netns"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
    else {
        eprintln!("skipped: slirp4netns is not installed");
        return;
    };
    let helpers = env.path("helpers");
    env.write_file("helpers/.keep", b"");
    std::os::unix::fs::symlink(slirp, helpers.join("slirp4netns")).unwrap();
    let reg = Registry::shared();
    env.write_config(&format!(
        "[registries]\nunqualified-search = [\"{0}\"]\ninsecure = [\"{0}\"]\n\n[network]\nhelper-dirs = [\"{1}\"]\n",
        reg.addr(),
        helpers.display()
    ));
    let (list, code) = findings(&env);
    assert_eq!(code, 1);
    let pasta = check(&list, "pasta");
    assert_eq!(pasta["Status"], "missing", "{pasta}");
    assert!(pasta["Fix"].as_str().unwrap().contains("passt"), "{pasta}");
    assert!(
        pasta["Instead"]
            .as_str()
            .unwrap()
            .contains("slirp4netns connects containers"),
        "{pasta}"
    );
    assert!(is_ok(&list, "slirp4netns"), "{list:?}");
    // What the doctor says is what run does: pasta is refused, slirp4netns connects.
    env.rpod(&["run", "--rm", "--network", "pasta", "busybox", "true"])
        .failure()
        .stderr_has("pasta");
    if user_opens(&env, "/dev/net/tun") {
        env.rpod(&["run", "--rm", "busybox", "ip", "addr"])
            .success()
            .stdout_has("tap0");
    }

    std::fs::remove_file(helpers.join("slirp4netns")).unwrap();
    let (list, code) = findings(&env);
    assert_eq!(code, 1);
    let slirp = check(&list, "slirp4netns");
    assert_eq!(slirp["Status"], "missing", "{slirp}");
    assert!(
        slirp["Instead"]
            .as_str()
            .unwrap()
            .contains("only --network host"),
        "{slirp}"
    );
}

#[test]
fn a_store_without_user_xattrs_is_degraded_and_says_where_layers_go() {
    if !nix::unistd::getuid().is_root() {
        eprintln!("skipped: mounting the ramfs store needs root");
        return;
    }
    let env = Env::bare();
    let (list, _) = findings(&env);
    assert!(is_ok(&list, "user-xattrs"), "{list:?}");
    assert!(is_ok(&list, "store-network-fs"), "{list:?}");

    let other = Env::bare();
    let _store = RamFs::mount(&other.path("data"));
    // Independently of rpod: this file system takes no user xattr.
    let probe = other.path("data/probe");
    std::fs::write(&probe, b"").unwrap();
    assert!(xattr::set(&probe, "user.test", b"1").is_err());
    std::fs::remove_file(&probe).unwrap();

    let (list, code) = findings(&other);
    assert_eq!(code, 1);
    let xattrs = check(&list, "user-xattrs");
    assert_eq!(xattrs["Status"], "degraded", "{xattrs}");
    assert!(
        xattrs["Found"].as_str().unwrap().contains("ramfs"),
        "{xattrs}"
    );
    let layers = other.path("runtime/rpod/layers").display().to_string();
    assert!(
        xattrs["Instead"].as_str().unwrap().contains(&layers),
        "{xattrs}"
    );
    assert!(
        xattrs["Fix"].as_str().unwrap().contains("user_xattr"),
        "{xattrs}"
    );
    // ramfs is local: only the xattrs are missing.
    assert!(is_ok(&list, "store-network-fs"), "{list:?}");
}
