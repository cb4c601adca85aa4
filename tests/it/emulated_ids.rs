//! Root emulation with one mapped id (issue 14), on busybox: identities switch as the kernel's
//! rules say, owners are recorded and shown, new files belong to who made them, set-id
//! programs take their owner's id, layers carry the owners out, and the switch turns it off.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use crate::common::{Env, recorded_in_layers};

/// A static program that prints what the kernel interface reports: getresuid, getresgid and
/// getgroups (busybox's `id` drops set-id privileges before it prints, so it cannot show
/// them); `serve PATH` prints the SO_PEERCRED ids of one client of a unix socket, `connect
/// PATH` is that client, connected until the server is done.
const PROBE: &str = r#"
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
static int sock(const char *path, struct sockaddr_un *a) {
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    strncpy(a->sun_path, path, sizeof a->sun_path - 1);
    return socket(AF_UNIX, SOCK_STREAM, 0);
}
int main(int argc, char **argv) {
    struct sockaddr_un a;
    if (argc == 3 && !strcmp(argv[1], "serve")) {
        int s = sock(argv[2], &a);
        if (bind(s, (void *)&a, sizeof a) || listen(s, 1)) { perror("listen"); return 1; }
        int c = accept(s, 0, 0);
        struct ucred cr; socklen_t len = sizeof cr;
        if (getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cr, &len)) { perror("peercred"); return 1; }
        printf("peer %u %u\n", cr.uid, cr.gid);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "connect")) {
        int s = sock(argv[2], &a);
        if (connect(s, (void *)&a, sizeof a)) return 1;
        char b;
        read(s, &b, 1); /* until the server has looked */
        return 0;
    }
    uid_t r, e, s; gid_t rg, eg, sg, g[64];
    getresuid(&r, &e, &s);
    getresgid(&rg, &eg, &sg);
    int n = getgroups(64, g);
    printf("uid %u %u %u gid %u %u %u groups", r, e, s, rg, eg, sg);
    for (int i = 0; i < n; i++) printf(" %u", g[i]);
    printf("\n");
    return 0;
}
"#;

/// The probe, compiled once per test run with the host's gcc (contrib/test installs it).
fn probe() -> PathBuf {
    static PROBE_BIN: OnceLock<PathBuf> = OnceLock::new();
    PROBE_BIN
        .get_or_init(|| {
            let dir = std::env::temp_dir().join(format!("rpod-it-probe-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let src = dir.join("probe.c");
            std::fs::write(&src, PROBE).unwrap();
            let bin = dir.join("probe");
            let out = Command::new("gcc")
                .args(["-O2", "-static", "-o"])
                .arg(&bin)
                .arg(&src)
                .output()
                .expect("gcc is needed to build the id probe: run contrib/test as root once");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            use std::os::unix::fs::PermissionsExt;
            for p in [&dir, &bin] {
                std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
            }
            dir
        })
        .clone()
}

fn sh(env: &Env, extra: &[&str], script: &str) -> String {
    let mut args = vec!["run", "--rm", "--network", "none"];
    args.extend_from_slice(extra);
    args.extend(["busybox", "sh", "-c", script]);
    env.rpod(&args).success().stdout.clone()
}

#[test]
fn identities_follow_the_kernels_rules() {
    let env = Env::with_busybox();
    let tools = format!("{}:/tools:ro", probe().display());
    let out = sh(
        &env,
        &["-v", &tools],
        "/tools/probe; su app -c /tools/probe; su app -c 'su root -c true' 2>&1; echo su-back=$?",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "uid 0 0 0 gid 0 0 0 groups 0", "{out}");
    assert_eq!(
        lines[1], "uid 1000 1000 1000 gid 1000 1000 1000 groups 1000",
        "{out}"
    );
    // An unprivileged user cannot get root back: busybox su is not set-user-ID here.
    assert!(out.contains("su-back=1"), "{out}");
    // -u and exec -u start as that user; exec -u works for any user of the image.
    let out = sh(&env, &["-u", "app", "-v", &tools], "/tools/probe; id -un");
    assert_eq!(
        out,
        "uid 1000 1000 1000 gid 1000 1000 1000 groups 1000\napp\n"
    );
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "long",
        "--network",
        "none",
        "-v",
        &tools,
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    env.rpod(&["exec", "-u", "nobody", "long", "/tools/probe"])
        .success()
        .stdout_has("uid 65534 65534 65534 gid 65534 65534 65534");
    env.rpod(&["rm", "-f", "long"]).success();
}

#[test]
fn a_unix_socket_peer_is_its_emulated_user() {
    let env = Env::with_busybox();
    let tools = format!("{}:/tools:ro", probe().display());
    let out = sh(
        &env,
        &["-v", &tools],
        "/tools/probe serve /tmp/s & while [ ! -S /tmp/s ]; do sleep 0.1; done; \
         su app -c '/tools/probe connect /tmp/s'; wait",
    );
    assert_eq!(out, "peer 1000 1000\n");
}

#[test]
fn owners_are_recorded_shown_kept_and_written_into_layers() {
    let env = Env::with_busybox();
    // The image's own owner (home/app is 1000's in its layer) shows inside.
    let out = sh(&env, &[], "stat -c '%u:%g %n' /home/app /etc/passwd");
    assert_eq!(out, "1000:1000 /home/app\n0:0 /etc/passwd\n");
    env.rpod(&[
        "run", "--name", "owned", "--network", "none", "busybox", "sh", "-c",
        "chown 42:43 /etc/passwd && mkdir -p /srv/a/b && touch /srv/a/f && chown -R app:app /srv \
         && chmod 4755 /srv/a/f && stat -c '%u:%g %a %n' /etc/passwd /srv /srv/a/b /srv/a/f",
    ])
    .success()
    .stdout_has("42:43 644 /etc/passwd\n1000:1000 755 /srv\n1000:1000 755 /srv/a/b\n1000:1000 4755 /srv/a/f\n");
    // Kept across a restart: the record lives with the file.
    env.rpod(&["start", "-a", "owned"]).success();
    env.rpod(&["commit", "owned", "owned-image"]).success();
    let out = env
        .rpod(&[
            "run",
            "--rm",
            "--network",
            "none",
            "owned-image",
            "stat",
            "-c",
            "%u:%g %n",
            "/srv/a/f",
            "/etc/passwd",
        ])
        .success()
        .stdout
        .clone();
    assert_eq!(out, "1000:1000 /srv/a/f\n42:43 /etc/passwd\n");
    // The layer another engine pulls says the same.
    assert_eq!(
        recorded_in_layers(&env, "owned-image", "srv/a/f"),
        (0o4755, 1000, 1000)
    );
    assert_eq!(
        recorded_in_layers(&env, "owned-image", "etc/passwd"),
        (0o644, 42, 43)
    );
}

#[test]
fn files_belong_to_the_emulated_user_that_made_them() {
    let env = Env::with_busybox();
    let out = sh(
        &env,
        &[],
        "mkdir -m 2775 /shared && chown 0:app /shared && su app -c 'touch /tmp/mine && mkdir /tmp/dir \
         && echo x > /tmp/dir/f && touch /shared/f' && stat -c '%u:%g %n' /tmp/mine /tmp/dir /tmp/dir/f /shared/f",
    );
    assert_eq!(
        out,
        "1000:1000 /tmp/mine\n1000:1000 /tmp/dir\n1000:1000 /tmp/dir/f\n1000:1000 /shared/f\n"
    );
    // What root makes stays root's.
    assert_eq!(
        sh(&env, &[], "touch /tmp/r && stat -c %u:%g /tmp/r"),
        "0:0\n"
    );
}

#[test]
fn users_may_not_give_away_what_is_not_theirs() {
    let env = Env::with_busybox();
    let out = sh(
        &env,
        &[],
        "touch /tmp/rootfile; su app -c 'touch /tmp/mine; chown root /tmp/mine; echo give=$?; \
         chown app /tmp/rootfile; echo take=$?; chgrp nogroup /tmp/mine; echo group=$?' 2>&1; \
         stat -c '%u:%g %n' /tmp/mine /tmp/rootfile",
    );
    assert!(out.contains("give=1"), "{out}");
    assert!(out.contains("take=1"), "{out}");
    assert!(out.contains("group=1"), "{out}");
    assert!(out.contains("Operation not permitted"), "{out}");
    assert!(
        out.ends_with("1000:1000 /tmp/mine\n0:0 /tmp/rootfile\n"),
        "{out}"
    );
    // A root without CAP_CHOWN cannot either.
    let out = sh(
        &env,
        &["--cap-drop", "chown"],
        "touch /tmp/f; chown 5 /tmp/f 2>&1; stat -c %u /tmp/f",
    );
    assert!(out.ends_with("Operation not permitted\n0\n"), "{out}");
}

#[test]
fn set_id_programs_run_as_their_recorded_owner() {
    let env = Env::with_busybox();
    let tools = format!("{}:/tools:ro", probe().display());
    let out = sh(
        &env,
        &["-v", &tools],
        "cp /tools/probe /bin/setid && chown 42:43 /bin/setid && chmod 6755 /bin/setid && \
         cp /tools/probe /bin/plain && chown 42:43 /bin/plain && su app -c '/bin/setid; /bin/plain'",
    );
    assert_eq!(
        out,
        "uid 1000 42 42 gid 1000 43 43 groups 1000\nuid 1000 1000 1000 gid 1000 1000 1000 groups 1000\n"
    );
    // no_new_privs makes set-id bits count for nothing, as in the kernel.
    let out = sh(
        &env,
        &["-v", &tools, "--security-opt", "no-new-privileges"],
        "cp /tools/probe /bin/setid && chown 42 /bin/setid && chmod 4755 /bin/setid && su app -c /bin/setid",
    );
    assert_eq!(out, "uid 1000 1000 1000 gid 1000 1000 1000 groups 1000\n");
}

#[test]
fn build_steps_are_emulated_and_their_layers_keep_the_owners() {
    let env = Env::with_busybox();
    let ctx = env.path("work/ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    env.write_file(
        "work/ctx/Dockerfile",
        b"FROM busybox\nRUN mkdir -p /srv/data && chown -R app:app /srv && chown 7:8 /etc/group\n\
          USER app\nRUN touch /home/app/made-by-app\n",
    );
    env.rpod(&[
        "build",
        "--network",
        "none",
        "-t",
        "owners",
        ctx.to_str().unwrap(),
    ])
    .success();
    assert_eq!(
        recorded_in_layers(&env, "owners", "srv/data"),
        (0o755, 1000, 1000)
    );
    assert_eq!(
        recorded_in_layers(&env, "owners", "etc/group"),
        (0o644, 7, 8)
    );
    assert_eq!(
        recorded_in_layers(&env, "owners", "home/app/made-by-app"),
        (0o644, 1000, 1000)
    );
}

#[test]
fn the_switch_turns_emulation_off() {
    let env = Env::with_busybox();
    let off = ["--security-opt", "root-emulation=off"];
    let out = sh(&env, &off, "touch /tmp/f; chown 42 /tmp/f 2>&1; echo rc=$?");
    assert!(
        out.contains("Invalid argument") && out.contains("rc=1"),
        "{out}"
    );
    // Without emulation -u maps the caller to that user, and exec can be nobody else.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "plain",
        "--network",
        "none",
        "--security-opt",
        "root-emulation=off",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    env.rpod(&["exec", "-u", "app", "plain", "id"])
        .code(125)
        .stderr_has("not mapped")
        .stderr_has("root emulation is off");
    env.rpod(&["rm", "-f", "plain"]).success();
    env.rpod(&["info"])
        .success()
        .stdout_has("ids: one mapped id, root emulation on");
}

#[test]
fn layers_unpacked_before_emulation_get_their_owners_once() {
    let env = Env::with_busybox();
    // Make the store look as an older rpod left it: no owner records, none promised.
    let layers = env.data().join("storage/layers");
    for layer in std::fs::read_dir(&layers).unwrap().flatten() {
        let info_path = layer.path().join("layer.json");
        let Ok(text) = std::fs::read_to_string(&info_path) else {
            continue;
        };
        let mut info: serde_json::Value = serde_json::from_str(&text).unwrap();
        info.as_object_mut().unwrap().remove("owners_recorded");
        std::fs::write(&info_path, info.to_string()).unwrap();
        let home = layer.path().join("diff/home/app");
        if home.exists() {
            xattr::remove(&home, "user.rpod.owner").unwrap();
        }
    }
    assert_eq!(sh(&env, &[], "stat -c %u:%g /home/app"), "1000:1000\n");
    let recorded = std::fs::read_dir(&layers)
        .unwrap()
        .flatten()
        .filter_map(|l| std::fs::read_to_string(l.path().join("layer.json")).ok())
        .all(|t| serde_json::from_str::<serde_json::Value>(&t).unwrap()["owners_recorded"] == true);
    assert!(recorded, "the layers say their owners are recorded now");
}
