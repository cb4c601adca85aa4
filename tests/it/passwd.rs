//! podman's /etc options: `--passwd`, `--passwd-entry`, `--group-entry` (the lines rpod adds
//! for a numeric `--user` the image lacks), `--chrootdirs` (rpod's /etc files below a chroot
//! directory too), and `--preserve-fd` on run and exec (descriptors at their numbers).

use crate::common::Env;
use crate::common::env::{Out, rpod_bin};

#[test]
fn numeric_users_get_passwd_and_group_lines_shaped_by_the_templates() {
    passwd(&Env::with_busybox());
}

#[test]
fn chroot_directories_get_the_containers_etc_files() {
    chrootdirs(&Env::with_busybox());
}

/// A chroot with glibc's resolver in it (getent and the libraries it loads, copied from the
/// image) resolves an `--add-host` name through the hosts file rpod bound there.
#[test]
fn a_chroot_resolves_the_containers_names() {
    let env = Env::with_debian();
    let script = "for f in /usr/bin/getent $(ldd /usr/bin/getent | grep -o '/[^ ]*'); do \
            mkdir -p /jail$(dirname $f) && cp $f /jail$f; done && \
        echo 'hosts: files' > /jail/etc/nsswitch.conf && \
        chroot /jail /usr/bin/getent hosts jail.test";
    let out = env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--add-host",
        "jail.test:127.0.0.7",
        "--chrootdirs",
        "/jail",
        crate::common::debian::DEBIAN,
        "sh",
        "-c",
        script,
    ]);
    out.success();
    assert_eq!(
        out.trimmed().split_whitespace().collect::<Vec<_>>(),
        ["127.0.0.7", "jail.test"]
    );
}

#[test]
fn listed_descriptors_reach_run_and_exec_at_their_numbers() {
    preserve_fd(&Env::with_busybox());
}

/// `rpod run --rm --network none FLAGS busybox sh -c SCRIPT`, its output trimmed.
fn sh(env: &Env, flags: &[&str], script: &str) -> String {
    let mut args = vec!["run", "--rm", "--network", "none"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["busybox", "sh", "-c", script]);
    let out = env.rpod(&args);
    out.success();
    out.trimmed().to_string()
}

/// `--passwd`, `--passwd-entry`, `--group-entry`, for run_flags' every-option check too.
pub fn passwd(env: &Env) {
    // The image has no uid 4321: the user gets podman's line, and a name through it.
    assert_eq!(
        sh(
            env,
            &["--user", "4321:4322"],
            "id -un; id -gn; grep ^4321: /etc/passwd; grep ^4322: /etc/group"
        ),
        "4321\n4322\n4321:*:4321:4322:container user:/:/bin/sh\n4322:x:4322:4321"
    );
    // A uid the image has gets nothing; neither does anyone with --passwd=false.
    assert_eq!(
        sh(env, &["--user", "65534"], "grep -c :65534: /etc/passwd"),
        "1"
    );
    assert_eq!(
        sh(
            env,
            &["--user", "4321", "--passwd=false"],
            "grep ^4321: /etc/passwd || echo absent"
        ),
        "absent"
    );
    // keep-id: the caller as the host knows them.
    let (uid, _) = crate::common::env::user();
    let name = nix::unistd::User::from_uid(uid.into())
        .unwrap()
        .map_or(uid.to_string(), |u| u.name);
    assert_eq!(sh(env, &["--userns", "keep-id"], "id -un"), name);
    // The templates, with podman's variables.
    assert_eq!(
        sh(
            env,
            &[
                "--user",
                "23456:23457",
                "-w",
                "/etc",
                "--passwd-entry",
                "$USERNAME:x:$UID:$GID:$NAME:$HOME:/bin/false",
                "--group-entry",
                "g$GROUPNAME:x:$GID:$USERLIST",
            ],
            "tail -n 1 /etc/passwd; tail -n 1 /etc/group; id -gn"
        ),
        "23456:x:23456:23457:container user:/etc:/bin/false\ng23457:x:23457:23456\ng23457"
    );
    // Added once, whatever the number of starts; kept by clone and shown by inspect.
    env.rpod(&[
        "create",
        "--name",
        "pw",
        "--network",
        "none",
        "--user",
        "4321",
        "--passwd-entry",
        "svc:x:$UID:$GID::/:/bin/sh",
        "busybox",
        "sh",
        "-c",
        "grep -c :4321: /etc/passwd; id -un",
    ])
    .success();
    for _ in 0..2 {
        env.rpod(&["start", "--attach", "pw"])
            .success()
            .stdout_has("1\nsvc");
    }
    env.rpod(&["container", "clone", "pw", "pw2"]).success();
    env.rpod(&["start", "--attach", "pw2"])
        .success()
        .stdout_has("1\nsvc");
    let passwd_of = |name: &str| {
        let out = env.rpod(&["inspect", "--format", "{{.Config.Passwd}}", name]);
        out.success();
        out.trimmed().to_string()
    };
    assert_eq!(passwd_of("pw"), "true");
    env.rpod(&["create", "--name", "nopw", "--passwd=false", "busybox"])
        .success();
    assert_eq!(passwd_of("nopw"), "false");
    env.rpod(&["rm", "-f", "pw", "pw2", "nopw"]).success();
    // A template that nothing would use is a mistake, not a no-op.
    env.rpod(&[
        "run",
        "--rm",
        "--passwd=false",
        "--passwd-entry",
        "x:x:1:1::/:/bin/sh",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("--passwd=false adds no entry");
}

/// `--chrootdirs`, for run_flags' every-option check too: a process that chroots into the
/// directory finds the container's hosts file, `--add-host` entries included.
pub fn chrootdirs(env: &Env) {
    let script = "mkdir -p /jail/bin && cp /bin/busybox /jail/bin/ && \
        cmp /etc/hosts /jail/etc/hosts && cmp /etc/resolv.conf /jail/etc/resolv.conf && \
        cat /jail/etc/hostname && cat /second,dir/etc/hostname && \
        chroot /jail /bin/busybox grep jail.test /etc/hosts";
    let out = sh(
        env,
        &[
            "--hostname",
            "jailed",
            "--add-host",
            "jail.test:127.0.0.7",
            "--chrootdirs",
            "/jail",
            "--chrootdirs",
            "/second,dir",
        ],
        script,
    );
    assert_eq!(out, "jailed\njailed\n127.0.0.7\tjail.test");
    let inspected = env.rpod(&["create", "--name", "cd", "--chrootdirs", "/jail", "busybox"]);
    inspected.success();
    let dirs = env.rpod(&["inspect", "--format", "{{.Config.ChrootDirs}}", "cd"]);
    dirs.success().stdout_has("/jail");
    env.rpod(&["rm", "cd"]).success();
    env.rpod(&["run", "--rm", "--chrootdirs", "jail", "busybox", "true"])
        .code(125)
        .stderr_has("absolute path");
}

/// `sh -c LINE` as the test user, for redirections rpod cannot make itself.
fn shell(env: &Env, line: &str) -> Out {
    let mut cmd = env.command("sh");
    cmd.arg("-c").arg(line);
    env.run_with_stdin(cmd, None)
}

/// `--preserve-fd` on run and exec (and exec's `--preserve-fds`), for run_flags' every-option
/// check too.
pub fn preserve_fd(env: &Env) {
    std::fs::write(env.path("work/five.txt"), "five\n").unwrap();
    std::fs::write(env.path("work/seven.txt"), "seven\n").unwrap();
    let rpod = rpod_bin();
    let rpod = rpod.display();
    // 5 and 7 at their numbers; 4 and 6, open in rpod too, are not passed.
    shell(
        env,
        &format!(
            "{rpod} run --rm --network none --preserve-fd 5,7 busybox sh -c \
             'cat <&5; cat <&7; test -e /proc/$$/fd/4 || test -e /proc/$$/fd/6 || echo only' \
             4</dev/null 5<five.txt 6</dev/null 7<seven.txt"
        ),
    )
    .success()
    .stdout_has("five\nseven\nonly");
    // With --preserve-fds: 3..3+N and the listed ones.
    shell(
        env,
        &format!(
            "{rpod} run --rm --network none --preserve-fds 1 --preserve-fd 5 busybox sh -c \
             'cat <&3; cat <&5' 3<seven.txt 5<five.txt"
        ),
    )
    .success()
    .stdout_has("seven\nfive");
    shell(
        env,
        &format!("{rpod} run --rm --preserve-fd 9 busybox true"),
    )
    .code(125)
    .stderr_has("file descriptor 9 is not available");
    shell(
        env,
        &format!("{rpod} run --rm --preserve-fd 2 busybox true"),
    )
    .code(125)
    .stderr_has("cannot preserve FD 2");
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "fds",
        "--network",
        "none",
        "busybox",
        "sleep",
        "60",
    ])
    .success();
    shell(
        env,
        &format!(
            "{rpod} exec --preserve-fd 7 fds sh -c 'cat <&7; test -e /proc/$$/fd/5 || echo only' \
             5<five.txt 7<seven.txt"
        ),
    )
    .success()
    .stdout_has("seven\nonly");
    shell(
        env,
        &format!("{rpod} exec --preserve-fds 1 fds cat /proc/self/fd/3 3<five.txt"),
    )
    .success()
    .stdout_has("five");
    shell(env, &format!("{rpod} exec --preserve-fd 8 fds true"))
        .code(125)
        .stderr_has("file descriptor 8 is not available");
    env.rpod(&["rm", "-f", "fds"]).success();
}
