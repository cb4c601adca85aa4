//! The options of podman's third round: annotations, the environment merged with the
//! image's, /dev/shm's size, groups, /etc/hosts, the process's umask, OOM score and
//! personality, and the image's platform by parts.

use super::{run, sh};
use crate::common::Env;

pub fn annotation(env: &Env) {
    env.rpod(&[
        "create",
        "--name",
        "annotated",
        "--annotation",
        "io.example/team=db",
        "busybox",
    ])
    .success();
    env.rpod(&[
        "inspect",
        "-f",
        "{{index .Config.Annotations \"io.example/team\"}}",
        "annotated",
    ])
    .success()
    .stdout_has("db");
    env.rpod(&["rm", "annotated"]).success();
    run(env, &["--annotation", "novalue"], &["true"])
        .code(125)
        .stderr_has("invalid --annotation");
}

pub fn env_merge(env: &Env) {
    let image_path = sh(env, &[], "echo $PATH");
    let merged = sh(env, &["--env-merge", "PATH=${PATH}:/opt/x"], "echo $PATH");
    assert_eq!(merged, format!("{image_path}:/opt/x"));
    assert_eq!(
        sh(env, &["--env-merge", "NEW=${NEW}set"], "echo $NEW"),
        "set"
    );
}

pub fn shm_size(env: &Env) {
    let size = |flags: &[&str]| sh(env, flags, "df -k /dev/shm | awk 'NR==2 {print $2}'");
    assert_eq!(size(&[]), "65536");
    assert_eq!(size(&["--shm-size", "1m"]), "1024");
    run(env, &["--shm-size", "lots"], &["true"])
        .code(125)
        .stderr_has("invalid --shm-size");
    run(env, &["--shm-size", "1m", "--ipc", "host"], &["true"])
        .code(125)
        .stderr_has("the host's /dev/shm");
}

pub fn group_add(env: &Env) {
    let groups = |flags: &[&str]| sh(env, flags, "id -G");
    assert_eq!(groups(&[]), "0");
    assert_eq!(
        groups(&["--group-add", "1234", "--group-add", "app"]),
        "0 1234 1000"
    );
    run(env, &["--group-add", "nosuchgroup"], &["true"])
        .code(125)
        .stderr_has("no such group in the image");
    run(
        env,
        &["--group-add", "1", "--security-opt", "root-emulation=off"],
        &["true"],
    )
    .code(125)
    .stderr_has("needs root emulation");
    // Your own groups stay whatever rpod does (a one-id namespace cannot drop them), so
    // keep-groups is accepted, but alone, as podman wants it.
    sh(env, &["--group-add", "keep-groups"], "true");
    run(
        env,
        &["--group-add", "keep-groups", "--group-add", "1"],
        &["true"],
    )
    .code(125)
    .stderr_has("keep-groups cannot be combined");
}

pub fn no_hosts(env: &Env) {
    assert!(sh(env, &[], "cat /etc/hosts").contains("localhost"));
    // The busybox image has no /etc/hosts of its own.
    assert_eq!(
        sh(
            env,
            &["--no-hosts"],
            "test -e /etc/hosts && echo bound || echo none"
        ),
        "none"
    );
    run(env, &["--no-hosts", "--add-host", "db:10.0.0.2"], &["true"])
        .code(125)
        .stderr_has("--no-hosts");
}

pub fn umask(env: &Env) {
    assert_eq!(sh(env, &[], "umask"), "0022");
    assert_eq!(
        sh(env, &["--umask", "0027"], "umask; touch /f; stat -c %a /f"),
        "0027\n640"
    );
    run(env, &["--umask", "9"], &["true"])
        .code(125)
        .stderr_has("invalid --umask");
}

pub fn oom_score_adj(env: &Env) {
    let own: i32 = std::fs::read_to_string("/proc/self/oom_score_adj")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let raised = (own + 100).min(1000).to_string();
    assert_eq!(
        sh(
            env,
            &["--oom-score-adj", &raised],
            "cat /proc/self/oom_score_adj"
        ),
        raised
    );
    let lowered = run(env, &["--oom-score-adj", "-1000"], &["true"]);
    if own > -1000 {
        lowered.failure().stderr_has("oom_score_adj");
    }
    run(env, &["--oom-score-adj", "2000"], &["true"])
        .code(125)
        .stderr_has("invalid --oom-score-adj");
}

pub fn personality(env: &Env) {
    let native = sh(env, &[], "uname -m");
    let narrow = match native.as_str() {
        "x86_64" => "i686",
        "aarch64" => "armv8l",
        other => panic!("no 32-bit name known for {other}"),
    };
    assert_eq!(sh(env, &["--personality", "LINUX32"], "uname -m"), narrow);
    assert_eq!(sh(env, &["--personality", "LINUX"], "uname -m"), native);
    run(env, &["--personality", "BSD"], &["true"])
        .code(125)
        .stderr_has("invalid --personality");
}

pub fn platform_parts(env: &Env) {
    for arch in ["amd64", "arm64"] {
        let _ = env.rpod(&["rmi", "multiarch"]);
        let out = env.rpod(&[
            "run",
            "--rm",
            "-q",
            "--network",
            "none",
            "--os",
            "linux",
            "--arch",
            arch,
            "multiarch",
            "cat",
            "/etc/arch",
        ]);
        assert_eq!(out.success().trimmed(), arch);
    }
    env.rpod(&["rmi", "multiarch"]).success();
    env.rpod(&["pull", "--arch", "s390x", "multiarch"])
        .code(125)
        .stderr_has("no image for platform linux/s390x");
    env.rpod(&[
        "create",
        "--platform",
        "linux/amd64",
        "--arch",
        "arm64",
        "multiarch",
    ])
    .code(125)
    .stderr_has("--platform option can not be specified with --arch");
    env.rpod(&["create", "--arch", "arm64", "--variant", "v7", "multiarch"])
        .code(125)
        .stderr_has("no image for platform linux/arm64/v7");
}

#[test]
fn options_a_rootless_engine_cannot_honour_are_refused_with_the_reason() {
    let env = Env::bare();
    for (flag, reason) in [
        ("--memory-swappiness=10", "no per-group swappiness"),
        ("--oom-kill-disable", "cannot disable the OOM killer"),
        ("--init-path=/usr/bin/tini", "--init is built in"),
        ("--device-cgroup-rule=c 1:3 rwm", "only root on the host"),
        ("--blkio-weight=300", "rpod sets no I/O weights"),
        (
            "--blkio-weight-device=/dev/null:300",
            "rpod sets no I/O weights",
        ),
    ] {
        env.rpod(&["create", flag, "busybox"])
            .code(125)
            .stderr_has(reason);
    }
    for verb in [&["update"][..], &["container", "clone"][..]] {
        let mut args = verb.to_vec();
        args.extend(["--blkio-weight", "300", "nonesuch"]);
        env.rpod(&args)
            .code(125)
            .stderr_has("rpod sets no I/O weights");
    }
}

/// The container's pid, and its monitor's (its parent).
pub fn pidfile(env: &Env) {
    let path = env.path("work/pid");
    let p = path.to_str().unwrap();
    let monitor_path = env.path("work/conmon.pid");
    let id = env
        .rpod(&[
            "run",
            "-d",
            "--network",
            "none",
            "--pidfile",
            p,
            "--conmon-pidfile",
            monitor_path.to_str().unwrap(),
            "busybox",
            "sleep",
            "30",
        ])
        .success()
        .trimmed()
        .to_string();
    let pid = env.rpod(&["inspect", "-f", "{{.State.Pid}}", &id]);
    let pid = pid.success().trimmed().to_string();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), pid);
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap();
    assert_eq!(comm.trim(), "sleep");
    let monitor = std::fs::read_to_string(&monitor_path).unwrap();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    assert!(
        status.contains(&format!("\nPPid:\t{monitor}\n")),
        "{status}"
    );
    env.rpod(&["rm", "-f", "-t", "0", &id]).success();
}

/// An image of its own (busybox's files, `VOLUME /data` with a seed file), `name`.
fn image_with_volume(env: &Env, name: &str) {
    let tree = crate::common::fixtures::busybox_tree(None)
        .dir("data", 0o755)
        .file("data/seed", 0o644, b"seed\n");
    let tar = env.write_file("work/withvol.tar", &tree.finish());
    env.rpod(&["import", "-c", "VOLUME /data", tar.to_str().unwrap(), name])
        .success();
}

pub fn rmi(env: &Env) {
    image_with_volume(env, "rmime");
    env.rpod(&["create", "--name", "rmi-user", "rmime", "true"])
        .success();
    env.rpod(&["run", "--rmi", "--network", "none", "rmime", "true"])
        .success();
    env.rpod(&["image", "exists", "rmime"]).success();
    env.rpod(&["rm", "rmi-user"]).success();
    env.rpod(&["run", "--rmi", "--network", "none", "rmime", "true"])
        .success();
    env.rpod(&["image", "exists", "rmime"]).code(1);
    env.rpod(&["run", "-d", "--rmi", "busybox", "true"])
        .code(125)
        .stderr_has("invalid --rmi");
}

pub fn read_only_tmpfs(env: &Env) {
    let script = "touch /tmp/a /var/tmp/b /run/c && echo writable";
    assert_eq!(sh(env, &["--read-only"], script), "writable");
    run(
        env,
        &["--read-only", "--read-only-tmpfs=false"],
        &["touch", "/tmp/a"],
    )
    .failure()
    .stderr_has("Read-only file system");
}

pub fn image_volume(env: &Env) {
    image_with_volume(env, "withvol");
    let fstype = |mode: &str| {
        let out = env.rpod(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--image-volume",
            mode,
            "withvol",
            "sh",
            "-c",
            "awk '$2==\"/data\" {print $3}' /proc/mounts; cat /data/seed 2>/dev/null || true",
        ]);
        out.success().trimmed().to_string()
    };
    let bind = fstype("bind");
    assert!(
        !bind.starts_with("tmpfs") && bind.ends_with("seed"),
        "{bind}"
    );
    assert_eq!(fstype("tmpfs"), "tmpfs");
    assert_eq!(fstype("ignore"), "seed", "the image's own /data, no mount");
    env.rpod(&["rmi", "withvol"]).success();
}

pub fn seccomp_policy(env: &Env) {
    let status = "grep Seccomp: /proc/self/status | tr -d '\\t '";
    assert_eq!(
        sh(env, &["--seccomp-policy", "default"], status),
        "Seccomp:2"
    );
    run(env, &["--seccomp-policy", "image"], &["true"])
        .code(125)
        .stderr_has("reads no seccomp profile from an image");
}

pub fn volumes_from(env: &Env) {
    env.rpod(&[
        "run",
        "--name",
        "vsource",
        "--network",
        "none",
        "-v",
        "vfdata:/data",
        "-v",
        "/anon",
        "busybox",
        "sh",
        "-c",
        "echo named > /data/f; echo anon > /anon/f",
    ])
    .success();
    assert_eq!(
        sh(env, &["--volumes-from", "vsource"], "cat /data/f /anon/f"),
        "named\nanon"
    );
    run(
        env,
        &["--volumes-from", "vsource:ro"],
        &["touch", "/data/g"],
    )
    .failure()
    .stderr_has("Read-only file system");
    // The --rm of the borrower left the source's anonymous volume alone.
    assert_eq!(
        sh(env, &["--volumes-from", "vsource"], "cat /anon/f"),
        "anon"
    );
    run(env, &["--volumes-from", "nosuchcontainer"], &["true"])
        .code(125)
        .stderr_has("invalid --volumes-from");
    env.rpod(&["rm", "-v", "vsource"]).success();
    env.rpod(&["volume", "rm", "vfdata"]).success();
}

pub fn log_driver(env: &Env) {
    let logs = |name: &str| env.rpod(&["logs", name]);
    env.rpod(&[
        "run",
        "--name",
        "k8s",
        "--log-driver",
        "k8s-file",
        "busybox",
        "echo",
        "kept",
    ])
    .success();
    logs("k8s").success().stdout_has("kept");
    env.rpod(&[
        "run",
        "--name",
        "quiet",
        "--log-driver",
        "none",
        "busybox",
        "echo",
        "lost",
    ])
    .success()
    .stdout_has("lost");
    logs("quiet")
        .code(125)
        .stderr_has("using the 'none' log driver");
    env.rpod(&["rm", "k8s", "quiet"]).success();
    run(env, &["--log-driver", "journald"], &["true"])
        .code(125)
        .stderr_has("no journald");
    run(env, &["--log-driver", "passthrough"], &["true"])
        .code(125)
        .stderr_has("invalid --log-driver");
}

pub fn log_opt(env: &Env) {
    let path = env.path("work/elsewhere.log");
    let opt = format!("path={}", path.display());
    env.rpod(&[
        "run",
        "--name",
        "pathed",
        "--log-opt",
        &opt,
        "--log-opt",
        "max-size=2k",
        "busybox",
        "sh",
        "-c",
        "for i in $(seq 1 200); do echo line$i; done",
    ])
    .success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("stdout F line200"), "{text}");
    assert!(
        text.len() <= 2048,
        "max-size kept the file small: {}",
        text.len()
    );
    assert!(!text.contains("line1\n"), "the file started over");
    env.rpod(&["logs", "--tail", "1", "pathed"])
        .success()
        .stdout_has("line200");
    env.rpod(&["inspect", "-f", "{{.LogPath}}", "pathed"])
        .success()
        .stdout_has(path.to_str().unwrap());
    env.rpod(&["rm", "pathed"]).success();
    run(env, &["--log-opt", "tag=web"], &["true"])
        .code(125)
        .stderr_has("journald");
    run(env, &["--log-opt", "path=relative.log"], &["true"])
        .code(125)
        .stderr_has("must be absolute");
}

/// A device node the test user cannot open for reading and writing, if this host has one.
fn closed_device() -> Option<&'static str> {
    use std::os::unix::fs::MetadataExt;
    [
        "/dev/kvm",
        "/dev/tty0",
        "/dev/console",
        "/dev/vcs",
        "/dev/rtc0",
    ]
    .into_iter()
    .find(|d| {
        std::fs::metadata(d)
            .is_ok_and(|m| m.uid() == 0 && m.gid() == 0 && m.mode() & 0o006 != 0o006)
    })
}

pub fn device(env: &Env) {
    assert_eq!(
        sh(
            env,
            &[
                "--device",
                "/dev/zero:/dev/myzero:rw",
                "--device",
                "/dev/fuse"
            ],
            "test -c /dev/fuse && head -c 3 /dev/myzero | od -An -tx1"
        ),
        "00 00 00"
    );
    run(env, &["--device", "/dev/zero:/dev/myzero:r"], &["true"])
        .code(125)
        .stderr_has("cannot limit a device to reading");
    run(env, &["--device", "/etc/passwd:/dev/x"], &["true"])
        .code(125)
        .stderr_has("is not a device node");
    // A directory passes its nodes (HPC's /dev/infiniband; /dev/net here).
    assert_eq!(
        sh(
            env,
            &["--device", "/dev/net"],
            "test -c /dev/net/tun && echo tun"
        ),
        "tun"
    );
    run(env, &["--device", "/etc"], &["true"])
        .code(125)
        .stderr_has("holds no device node");
    match closed_device() {
        Some(node) => {
            run(env, &["--device", node], &["true"])
                .code(125)
                .stderr_has("you cannot open");
        }
        None => eprintln!("no root-only device node here: the refusal is not checked"),
    }
}
