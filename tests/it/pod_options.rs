//! `pod create`'s options that `run` has too (issue 17): volumes and devices every member
//! gets, the members' default restart policy and security options, /dev/shm's size, the user
//! namespace, sysctls and the UTS namespace the infra container holds for the pod.

use std::time::Duration;

use crate::common::Env;
use crate::services::{inspect, wait_for};

#[test]
fn a_pods_volumes_and_devices_reach_every_member() {
    let env = Env::with_busybox();
    let input = env.write_file("shared/in.txt", b"from-host\n");
    let shared = input.parent().unwrap().display().to_string();
    let other = env.write_file("other/mine.txt", b"own\n");
    let other = other.parent().unwrap().display().to_string();
    env.rpod(&[
        "pod",
        "create",
        "-v",
        &format!("{shared}:/data"),
        "-v",
        "podvol:/v",
        "--device",
        "/dev/zero:/dev/podzero",
        "vols",
    ])
    .success();
    env.rpod(&[
        "run",
        "--rm",
        "--pod",
        "vols",
        "busybox",
        "sh",
        "-c",
        "cat /data/in.txt && echo out > /data/out.txt && echo kept > /v/note \
         && head -c 3 /dev/podzero | wc -c",
    ])
    .success()
    .stdout_has("from-host")
    .stdout_has("3");
    assert_eq!(
        std::fs::read_to_string(env.path("shared/out.txt")).unwrap(),
        "out\n",
        "a member's write through the pod's bind mount reaches the host"
    );
    // The named volume is the pod's: the next member finds what the first wrote.
    env.rpod(&["run", "--rm", "--pod", "vols", "busybox", "cat", "/v/note"])
        .success()
        .stdout_has("kept");
    // A member's own mount on the same path wins.
    let own = env.rpod(&[
        "run",
        "--rm",
        "--pod",
        "vols",
        "-v",
        &format!("{other}:/data"),
        "busybox",
        "ls",
        "/data",
    ]);
    assert_eq!(own.success().stdout, "mine.txt\n");
    // A container outside the pod has none of it.
    env.rpod(&["run", "--rm", "busybox", "ls", "/data"])
        .failure();
    env.rpod(&["pod", "create", "--infra=false", "-v", "/tmp:/t", "noinfra"])
        .code(125)
        .stderr_has("--volume")
        .stderr_has("infra");
    env.rpod(&["pod", "exists", "noinfra"]).code(1);
    env.rpod(&["pod", "rm", "-f", "-t", "0", "vols"]).success();
}

#[test]
fn a_pods_restart_policy_and_security_options_are_its_members_defaults() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--restart", "bogus", "bad"])
        .code(125)
        .stderr_has("--restart");
    env.rpod(&["pod", "exists", "bad"]).code(1);
    env.rpod(&[
        "pod",
        "create",
        "--restart",
        "on-failure:1",
        "--security-opt",
        "seccomp=unconfined",
        "--security-opt",
        "root-emulation=off",
        "defs",
    ])
    .success();
    env.rpod(&[
        "run", "-d", "--pod", "defs", "--name", "crash", "busybox", "sh", "-c", "exit 3",
    ])
    .success();
    wait_for(
        &env,
        "crash",
        "{{.RestartCount}} {{.State.Status}}",
        "1 exited",
        Duration::from_secs(20),
    );
    assert_eq!(
        inspect(&env, "crash", "{{.HostConfig.RestartPolicy.Name}}"),
        "on-failure"
    );
    env.rpod(&[
        "create",
        "--pod",
        "defs",
        "--restart",
        "no",
        "--name",
        "calm",
        "busybox",
        "true",
    ])
    .success();
    assert_eq!(
        inspect(&env, "calm", "{{.HostConfig.RestartPolicy.Name}}"),
        "no",
        "a member's own policy wins"
    );
    env.rpod(&[
        "run",
        "--rm",
        "--pod",
        "defs",
        "busybox",
        "grep",
        "Seccomp:",
        "/proc/self/status",
    ])
    .success()
    .stdout_has("\t0");
    // Without root emulation a one-id container cannot chown to another id; a member that
    // turns it back on can.
    let chown = "touch /tmp/x && chown 42 /tmp/x";
    env.rpod(&["run", "--rm", "--pod", "defs", "busybox", "sh", "-c", chown])
        .failure();
    env.rpod(&[
        "run",
        "--rm",
        "--pod",
        "defs",
        "--security-opt",
        "root-emulation=on",
        "busybox",
        "sh",
        "-c",
        chown,
    ])
    .success();
    env.rpod(&["pod", "rm", "-f", "-t", "0", "defs"]).success();
}

#[test]
fn shm_size_userns_sysctls_and_uts_hold_for_the_pods_members() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--shm-size", "8m", "sharing"])
        .code(125)
        .stderr_has("--shm-size")
        .stderr_has("drop ipc from --share");
    env.rpod(&["pod", "create", "--share", "net", "--shm-size", "8m", "shm"])
        .success();
    env.rpod(&[
        "run", "--rm", "--pod", "shm", "busybox", "df", "-k", "/dev/shm",
    ])
    .success()
    .stdout_has(" 8192 ");

    env.rpod(&["pod", "create", "--userns", "keep-id", "kid"])
        .success();
    let uid = crate::common::env::user().0.to_string();
    let id = env.rpod(&["run", "--rm", "--pod", "kid", "busybox", "id", "-u"]);
    assert_eq!(id.success().trimmed(), uid);

    env.rpod(&[
        "pod",
        "create",
        "--sysctl",
        "kernel.shm_rmid_forced=1",
        "sys",
    ])
    .success();
    env.rpod(&[
        "run",
        "--rm",
        "--pod",
        "sys",
        "busybox",
        "cat",
        "/proc/sys/kernel/shm_rmid_forced",
    ])
    .success()
    .stdout_has("1");

    env.rpod(&["pod", "create", "--uts", "host", "hu"])
        .success();
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    let seen = env.rpod(&["run", "--rm", "--pod", "hu", "busybox", "hostname"]);
    assert_eq!(seen.success().trimmed(), host.trim());

    for (flag, value) in [
        ("--pid", "bogus"),
        ("--userns", "auto"),
        ("--uidmap", "0:1:1"),
    ] {
        env.rpod(&["pod", "create", flag, value, "refused"])
            .code(125)
            .stderr_has(flag);
        env.rpod(&["pod", "exists", "refused"]).code(1);
    }
    let labels = env.write_file("labels", b"# the pod's\ntier=web\nowner=me\n");
    env.rpod(&[
        "pod",
        "create",
        "--label-file",
        &labels.display().to_string(),
        "-l",
        "owner=you",
        "labelled",
    ])
    .success();
    let shown = env.rpod(&[
        "pod",
        "inspect",
        "--format",
        "{{.Labels.tier}} {{.Labels.owner}}",
        "labelled",
    ]);
    assert_eq!(shown.success().trimmed(), "web you");
    env.rpod(&["pod", "rm", "-f", "-a", "-t", "0"]).success();
}

#[test]
fn pod_clone_takes_pod_creates_options_over_the_originals() {
    let env = Env::with_busybox();
    let input = env.write_file("clone/in.txt", b"cloned-mount\n");
    let dir = input.parent().unwrap().display().to_string();
    env.rpod(&[
        "pod",
        "create",
        "--restart",
        "on-failure:1",
        "--label",
        "a=1",
        "orig",
    ])
    .success();
    env.rpod(&[
        "create", "--pod", "orig", "--name", "m", "busybox", "sleep", "600",
    ])
    .success();
    env.rpod(&[
        "pod",
        "clone",
        "--name",
        "copy",
        "-v",
        &format!("{dir}:/data"),
        "--sysctl",
        "kernel.shm_rmid_forced=1",
        "--restart",
        "always",
        "--hostname",
        "copyhost",
        "--infra-name",
        "copy-infra",
        "-l",
        "b=2",
        "orig",
    ])
    .success();
    let labels = env.rpod(&[
        "pod",
        "inspect",
        "--format",
        "{{.Labels.a}} {{.Labels.b}}",
        "copy",
    ]);
    assert_eq!(labels.success().trimmed(), "1 2");
    env.rpod(&["container", "exists", "copy-infra"]).success();
    env.rpod(&["container", "exists", "m-clone"]).success();
    let seen = env.rpod(&[
        "run",
        "--rm",
        "--pod",
        "copy",
        "busybox",
        "sh",
        "-c",
        "cat /data/in.txt /proc/sys/kernel/shm_rmid_forced && hostname",
    ]);
    assert_eq!(seen.success().stdout, "cloned-mount\n1\ncopyhost\n");
    env.rpod(&[
        "create", "--pod", "copy", "--name", "late", "busybox", "true",
    ])
    .success();
    assert_eq!(
        inspect(&env, "late", "{{.HostConfig.RestartPolicy.Name}}"),
        "always"
    );
    // The original is as it was.
    env.rpod(&[
        "run",
        "--rm",
        "--pod",
        "orig",
        "busybox",
        "cat",
        "/proc/sys/kernel/shm_rmid_forced",
    ])
    .success()
    .stdout_has("0");
    for (flag, value, why) in [
        ("--userns", "nomap", "/etc/subuid"),
        ("--shm-size", "8m", "drop ipc from --share"),
        ("--infra-name", "bad/name", "--infra-name"),
    ] {
        env.rpod(&["pod", "clone", "--name", "refused", flag, value, "orig"])
            .code(125)
            .stderr_has(flag)
            .stderr_has(why);
        env.rpod(&["pod", "exists", "refused"]).code(1);
    }
    env.rpod(&["pod", "rm", "-f", "-a", "-t", "0"]).success();
}

#[test]
fn a_pod_sharing_pid_shows_every_members_processes_to_each() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--share", "+pid", "--name", "pidpod"])
        .success();
    env.rpod(&[
        "run", "-d", "--pod", "pidpod", "--name", "first", "busybox", "sleep", "605",
    ])
    .success();
    env.rpod(&[
        "run", "--rm", "--pod", "pidpod", "busybox", "ps", "-o", "pid,args",
    ])
    .success()
    .stdout_has("sleep 605");
    // A member's own --pid is the pod's to decide, as podman says.
    env.rpod(&[
        "run", "--rm", "--pod", "pidpod", "--pid", "host", "busybox", "true",
    ])
    .code(125)
    .stderr_has("--pid must be set when the pod is created");
    // Without pid in --share, members keep their own.
    env.rpod(&["pod", "create", "--name", "ownpid"]).success();
    env.rpod(&[
        "run", "-d", "--pod", "ownpid", "--name", "second", "busybox", "sleep", "606",
    ])
    .success();
    let own = env.rpod(&[
        "run", "--rm", "--pod", "ownpid", "busybox", "ps", "-o", "args",
    ]);
    own.success();
    assert!(!own.stdout.contains("sleep 606"), "{}", own.stdout);
    env.rpod(&["pod", "rm", "-f", "-t", "0", "pidpod", "ownpid"])
        .success();
}

#[test]
fn a_pods_gpus_and_systemd_tmpfs_size_are_its_members_defaults() {
    let env = Env::with_busybox();
    env.write_file(
        "cdi/gpu.json",
        br#"{"cdiVersion": "0.5.0", "kind": "nvidia.com/gpu",
 "devices": [{"name": "0", "containerEdits": {
   "env": ["NVIDIA_VISIBLE_DEVICES=0"],
   "deviceNodes": [{"path": "/dev/nvidia0", "hostPath": "/dev/null"}]}}]}"#,
    );
    let config = env.path("config/rpod/rpod.toml");
    let before = std::fs::read_to_string(&config).unwrap();
    env.write_config(&format!(
        "{before}\n[devices]\ncdi-spec-dirs = [\"{}\"]\n",
        env.path("cdi").display()
    ));
    env.rpod(&[
        "pod",
        "create",
        "--gpus",
        "all",
        "--shm-size-systemd",
        "8m",
        "gpu",
    ])
    .success();
    let member = |extra: &[&str], script: &str| {
        let mut args = vec!["run", "--rm", "--pod", "gpu"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["busybox", "sh", "-c", script]);
        env.rpod(&args).success().trimmed().to_string()
    };
    assert_eq!(
        member(&[], "test -c /dev/nvidia0 && echo $NVIDIA_VISIBLE_DEVICES"),
        "0"
    );
    // The member's own variable and its own --gpus win (the device is there once).
    assert_eq!(
        member(
            &["-e", "NVIDIA_VISIBLE_DEVICES=none", "--gpus", "all"],
            "grep -c ' /dev/nvidia0 ' /proc/self/mountinfo; echo $NVIDIA_VISIBLE_DEVICES"
        ),
        "1\nnone"
    );
    let run_mount = |extra: &[&str]| {
        let mut args = vec!["--systemd=always"];
        args.extend_from_slice(extra);
        member(&args, "grep ' /run ' /proc/self/mountinfo")
    };
    assert!(run_mount(&[]).contains("size=8192k"), "{}", run_mount(&[]));
    let own = run_mount(&["--shm-size-systemd", "4m"]);
    assert!(own.contains("size=4096k"), "{own}");
    for (flag, value) in [("--gpus", "2"), ("--shm-size-systemd", "lots")] {
        env.rpod(&["pod", "create", flag, value, "bad"])
            .code(125)
            .stderr_has(flag)
            .stderr_has(value);
    }
    env.rpod(&["pod", "exists", "bad"]).code(1);
}

#[test]
fn a_pod_sharing_cgroup_gives_its_members_one_cgroup_namespace() {
    let env = Env::with_busybox();
    let ns_of = |pod: &str, name: &str| {
        env.rpod(&[
            "run", "-d", "--pod", pod, "--name", name, "busybox", "sleep", "600",
        ])
        .success();
        env.rpod(&["exec", name, "readlink", "/proc/self/ns/cgroup"])
            .success()
            .trimmed()
            .to_string()
    };
    env.rpod(&["pod", "create", "--share", "+cgroup", "cg"])
        .success();
    env.rpod(&["pod", "create", "apart"]).success();
    let (a, b) = (ns_of("cg", "cg-a"), ns_of("cg", "cg-b"));
    let (c, d) = (ns_of("apart", "apart-a"), ns_of("apart", "apart-b"));
    assert!(a.starts_with("cgroup:["), "{a}");
    assert_eq!(a, b, "members of a pod sharing cgroup");
    assert_ne!(c, d, "members of a pod not sharing cgroup");
    env.rpod(&["inspect", "-f", "{{.HostConfig.CgroupnsMode}}", "cg-a"])
        .success()
        .stdout_has("container:");
    env.rpod(&[
        "run",
        "--rm",
        "--pod",
        "cg",
        "--cgroupns",
        "host",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("--cgroupns must be set when the pod is created");
    env.rpod(&["pod", "rm", "-f", "-t", "0", "cg", "apart"])
        .success();
}

/// `pod clone --uts host|private`: the clone's members are in the host's UTS namespace (the
/// host's name) or in the pod's own (the pod's name), whatever the original's was.
#[test]
fn pod_clone_moves_the_pod_into_or_out_of_the_hosts_uts_namespace() {
    let env = Env::with_busybox();
    let host = nix::unistd::gethostname()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    env.rpod(&["pod", "create", "own"]).success();
    env.rpod(&[
        "create", "--pod", "own", "--name", "m", "busybox", "sleep", "600",
    ])
    .success();
    env.rpod(&["pod", "clone", "--uts", "host", "--start", "own", "hosts"])
        .success();
    let name_in = |container: &str| {
        env.rpod(&["exec", container, "hostname"])
            .success()
            .trimmed()
            .to_string()
    };
    assert_eq!(name_in("m-clone"), host);
    env.rpod(&[
        "pod", "clone", "--uts", "private", "--start", "hosts", "back",
    ])
    .success();
    assert_eq!(name_in("m-clone-clone"), "back");
    env.rpod(&["pod", "clone", "--uts", "container:m", "own", "refused"])
        .code(125)
        .stderr_has("expected host or private");
    env.rpod(&[
        "pod",
        "clone",
        "--uts",
        "host",
        "--hostname",
        "x",
        "own",
        "refused",
    ])
    .code(125)
    .stderr_has("has the host's name");
    env.rpod(&["pod", "exists", "refused"]).code(1);
    env.rpod(&["pod", "rm", "-f", "-a", "-t", "0"]).success();
}

#[test]
fn pod_clone_moves_the_infra_and_every_member_into_keep_id_and_back() {
    let env = Env::with_busybox();
    let (uid, _) = crate::common::env::user();
    let caller = nix::unistd::User::from_uid(uid.into())
        .unwrap()
        .expect("the test user has an account")
        .name;
    let marker = env.write_file("userns/marker", b"");
    let dir = marker.parent().unwrap().to_path_buf();
    env.rpod(&["pod", "create", "plain"]).success();
    env.rpod(&[
        "create",
        "--pod",
        "plain",
        "--name",
        "m",
        "-v",
        &format!("{}:/out", dir.display()),
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    let in_ = |container: &str, script: &str| {
        env.rpod(&["exec", container, "sh", "-c", script])
            .success()
            .trimmed()
            .to_string()
    };

    env.rpod(&[
        "pod", "clone", "--userns", "keep-id", "--start", "plain", "kid",
    ])
    .success();
    assert_eq!(in_("m-clone", "id -u"), uid.to_string());
    assert_eq!(in_("m-clone", "id -un"), caller);
    assert_eq!(
        in_(
            "m-clone",
            "touch /out/by-keep-id && stat -c %u /out/by-keep-id"
        ),
        uid.to_string()
    );
    let owner =
        std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(dir.join("by-keep-id")).unwrap());
    assert_eq!(owner, uid, "the member's file is the caller's on the host");
    assert_eq!(
        inspect(&env, "m-clone", "{{.HostConfig.UsernsMode}}"),
        "keep-id"
    );
    // The original keeps its own mode: its member is root inside.
    env.rpod(&["pod", "start", "plain"]).success();
    assert_eq!(in_("m", "id -u"), "0");
    assert_eq!(in_("m", "stat -c %u /out/by-keep-id"), "0");

    // Back to the default, the keep-id pod going.
    env.rpod(&[
        "pod",
        "clone",
        "--userns",
        "host",
        "--destroy",
        "--start",
        "kid",
        "back",
    ])
    .success();
    env.rpod(&["pod", "exists", "kid"]).code(1);
    assert_eq!(in_("m-clone-clone", "id -u"), "0");
    let passwd = in_("m-clone-clone", "cat /etc/passwd");
    assert!(
        !passwd.contains(&format!("{caller}:")),
        "keep-id's line for the caller is gone: {passwd}"
    );
    assert_eq!(
        in_(
            "m-clone-clone",
            "touch /out/by-host && stat -c %u /out/by-host"
        ),
        "0"
    );

    env.rpod(&["pod", "clone", "--userns", "nomap", "plain", "refused"])
        .code(125)
        .stderr_has("--userns")
        .stderr_has("/etc/subuid");
    env.rpod(&["pod", "exists", "refused"]).code(1);
    env.rpod(&["pod", "rm", "-f", "-a", "-t", "0"]).success();
}

#[test]
fn a_member_with_its_own_userns_refuses_a_clone_into_another_mode_and_leaves_nothing() {
    let env = Env::with_busybox();
    let podmans = "cannot set user namespace mode when joining pod with infra container";
    env.rpod(&["pod", "create", "plain"]).success();
    env.rpod(&[
        "create", "--pod", "plain", "--userns", "keep-id", "busybox", "true",
    ])
    .code(125)
    .stderr_has(podmans);
    env.rpod(&["pod", "create", "--userns", "keep-id", "kid"])
        .success();
    env.rpod(&[
        "create", "--pod", "kid", "--userns", "keep-id", "--name", "own", "busybox", "sleep", "600",
    ])
    .success();
    env.rpod(&[
        "create", "--pod", "kid", "--name", "follows", "busybox", "sleep", "600",
    ])
    .success();
    let listed = |args: &[&str]| env.rpod(args).success().stdout.clone();
    let pods = listed(&["pod", "ps", "--format", "{{.Name}}"]);
    let containers = listed(&["ps", "-a", "--format", "{{.Names}}"]);
    env.rpod(&["pod", "clone", "--userns", "host", "kid", "moved"])
        .code(125)
        .stderr_has("own")
        .stderr_has(podmans);
    assert_eq!(listed(&["pod", "ps", "--format", "{{.Name}}"]), pods);
    assert_eq!(listed(&["ps", "-a", "--format", "{{.Names}}"]), containers);
    // Into the mode it chose itself, it is cloned with the others.
    env.rpod(&["pod", "clone", "--start", "kid", "same"])
        .success();
    let uid = crate::common::env::user().0.to_string();
    for member in ["own-clone", "follows-clone"] {
        let id = env.rpod(&["exec", member, "id", "-u"]);
        assert_eq!(id.success().trimmed(), uid);
    }
    env.rpod(&["pod", "rm", "-f", "-a", "-t", "0"]).success();
}
