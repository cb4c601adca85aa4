//! podman's /etc options: `--passwd`, `--passwd-entry`, `--group-entry` (the lines rpod adds
//! for a numeric `--user` the image lacks), `--hostuser` (host accounts copied in), `--chrootdirs` (rpod's /etc files below a chroot
//! directory too), and `--preserve-fd` on run and exec (descriptors at their numbers).

use crate::common::Env;
use crate::common::env::{Out, rpod_bin};

#[test]
fn numeric_users_get_passwd_and_group_lines_shaped_by_the_templates() {
    passwd(&Env::with_busybox());
}

#[test]
fn host_users_are_copied_from_the_hosts_passwd_database() {
    hostuser(&Env::with_busybox());
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

/// A host account's fields as /etc/passwd gives them: name, uid, gid, full name, home.
fn host_account(line: &str) -> (String, u32, u32, String, String) {
    let f: Vec<&str> = line.split(':').collect();
    (
        f[0].to_string(),
        f[2].parse().unwrap(),
        f[3].parse().unwrap(),
        f[4].split(',').next().unwrap().to_string(),
        f[5].to_string(),
    )
}

/// `--hostuser`, for run_flags' every-option check too: host accounts, by name or by uid,
/// get podman's line (home: the working directory, or the host's home where it is mounted);
/// one the image has is not added twice; the container may run as one; an unknown one is
/// refused.
pub fn hostuser(env: &Env) {
    let (uid, _) = crate::common::env::user();
    let host = std::fs::read_to_string("/etc/passwd").unwrap();
    let accounts: Vec<_> = host
        .lines()
        .filter(|l| l.contains(':'))
        .map(host_account)
        .collect();
    let me = accounts
        .iter()
        .find(|a| a.1 == uid)
        .expect("the test user is in /etc/passwd");
    let image = sh(env, &[], "cat /etc/passwd");
    let in_image = |a: &&(String, u32, u32, String, String)| {
        image.lines().any(|l| {
            let f: Vec<&str> = l.split(':').collect();
            f[0] == a.0 || f.get(2) == Some(&a.1.to_string().as_str())
        })
    };
    assert!(!in_image(&me), "busybox knows the test user: {image}");
    let other = accounts
        .iter()
        .find(|a| a.1 != uid && !in_image(a))
        .expect("a second host account busybox lacks");
    let line = |a: &(String, u32, u32, String, String), home: &str| {
        format!("{}:*:{}:{}:{}:{home}:/bin/sh", a.0, a.1, a.2, a.3)
    };
    // By name and by uid; home is the working directory where the host's is not mounted.
    assert_eq!(
        sh(
            env,
            &[
                "--hostuser",
                &me.0,
                "--hostuser",
                &other.1.to_string(),
                "-w",
                "/tmp"
            ],
            &format!("grep -e ^{}: -e ^{}: /etc/passwd", me.0, other.0)
        ),
        format!("{}\n{}", line(me, "/tmp"), line(other, "/tmp"))
    );
    // The host's home when it is mounted; the container runs as the account, HOME there.
    assert_eq!(
        sh(
            env,
            &["--hostuser", &me.0, "--tmpfs", &me.4, "--user", &me.0],
            &format!("grep ^{}: /etc/passwd; id -un; id -u; echo $HOME", me.0)
        ),
        format!("{}\n{}\n{}\n{}", line(me, &me.4), me.0, me.1, me.4)
    );
    // An account the image has (root) keeps the image's one line.
    assert_eq!(
        sh(env, &["--hostuser", "root"], "grep -c ^root: /etc/passwd"),
        "1"
    );
    env.rpod(&[
        "run",
        "--rm",
        "--hostuser",
        "rpod-no-such-user",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has(
        "invalid --hostuser \"rpod-no-such-user\": no such user in the host's passwd database",
    );
    env.rpod(&[
        "create",
        "--passwd=false",
        "--hostuser",
        &me.0,
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("--passwd=false adds no /etc/passwd entry");
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
