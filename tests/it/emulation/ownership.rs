//! Owners and ids inside containers: the owners image layers record, chown to any id, users
//! made in a container, the switch that turns emulation off, in Debian and busybox images.

use super::{assert_values, sh};
use crate::common::Env;
use crate::common::debian::{DEBIAN, DEBIAN_APPS};

#[test]
fn files_show_the_owners_their_layers_record_and_chown_to_any_id_sticks() {
    let env = Env::with_debian();
    let out = sh(
        &env,
        &[],
        DEBIAN,
        r#"echo "shadow=$(ls -ln /etc/shadow | awk '{print $3":"$4" "$1}')"
echo "named=$(stat -c %U:%G /etc/shadow)"
echo "partial=$(stat -c %u:%g:%a /var/cache/apt/archives/partial)"
touch /x && chown 42:42 /x && echo "chowned=$(stat -c %u:%g /x)"
chown _apt:nogroup /x && echo "chowned=$(stat -c %U:%G /x)"
chown -h 7:8 /x && ln -s /x /link && chown -h 9:10 /link && echo "chowned=$(stat -c %u:%g /x) $(stat -c %u:%g /link) $(stat -L -c %u:%g /link)"
echo "found=$(find /etc -xdev -maxdepth 1 -group shadow -name shadow)"
mkdir /d && touch /d/a /d/b /d/c && chown 1:2 /d/a && chown 3:4 /d/b && ln -s a /d/l && chown -h 5:6 /d/l
echo "listed=$(find /d -mindepth 1 -printf '%P=%U:%G\n' | sort | tr '\n' ' ')""#,
    );
    out.success();
    assert_values(&out, "shadow", &["0:42 -rw-r-----"]);
    assert_values(&out, "named", &["root:shadow"]);
    assert_values(&out, "partial", &["42:0:700"]);
    assert_values(&out, "chowned", &["42:42", "_apt:nogroup", "7:8 9:10 7:8"]);
    assert_values(&out, "found", &["/etc/shadow"]);
    // find names each file relative to its directory's descriptor: after its first such
    // call, through a duplicate of that descriptor rather than /proc (anchors.rs).
    assert_values(&out, "listed", &["a=1:2 b=3:4 c=0:0 l=5:6 "]);
}

#[test]
fn recorded_owners_last_across_restart_exec_and_create() {
    let env = Env::with_debian();
    env.rpod(&["create", "--name", "keep", DEBIAN, "sleep", "600"])
        .success();
    env.rpod(&["start", "keep"]).success();
    env.rpod(&[
        "exec",
        "keep",
        "sh",
        "-c",
        "mkdir /data && chown 1234:5678 /data && touch /data/f && chown 42 /data/f",
    ])
    .success();
    env.rpod(&["stop", "-t", "0", "keep"]).success();
    env.rpod(&["start", "keep"]).success();
    env.rpod(&[
        "exec",
        "keep",
        "stat",
        "-c",
        "%u:%g %n",
        "/data",
        "/data/f",
        "/etc/shadow",
    ])
    .success()
    .stdout_has("1234:5678 /data\n42:0 /data/f\n0:42 /etc/shadow\n");
    // The container's main process, not only exec, sees them.
    env.rpod(&[
        "create",
        "--name",
        "once",
        DEBIAN,
        "sh",
        "-c",
        "chown 3:4 /tmp && stat -c %u:%g /tmp /etc/shadow",
    ])
    .success();
    env.rpod(&["start", "-a", "once"])
        .success()
        .stdout_has("3:4\n0:42\n");
}

#[test]
fn users_made_in_a_container_switch_and_own_their_files() {
    let env = Env::with_debian_apps();
    let out = sh(
        &env,
        &[],
        DEBIAN_APPS,
        r#"set -e
useradd -m app && mkdir -p /srv/data && chown -R app:app /srv
echo "owner=$(stat -c %u:%g /home/app)" "owner=$(stat -c %u:%g /srv)" "owner=$(stat -c %u:%g /srv/data)" | tr ' ' '\n'
echo "su=$(su app -c 'id -un')"
echo "su=$(su app -c 'id -u')"
echo "su=$(su app -c 'id -G')"
su app -c 'touch /home/app/made'
echo "made=$(stat -c %U:%G /home/app/made)"
echo "gosu=$(gosu app id -u)" "gosu=$(gosu app:app sh -c 'id -u; id -g' | tr '\n' :)" | tr ' ' '\n'
echo "setpriv=$(setpriv --reuid=1000 --regid=1000 --clear-groups id -un)"
echo "runuser=$(runuser -u app -- id -un)"
echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app && chmod 0440 /etc/sudoers.d/app
echo "sudo=$(su app -c 'sudo -n id -un')"
echo "status=$(su app -c 'grep -E "^(Uid|Gid):" /proc/self/status' | tr -s '\t' ' ' | tr '\n' ';')"
echo "drop=$(su app -c 'su -c true root </dev/null >/dev/null 2>&1' && echo escaped || echo refused)""#,
    );
    out.success();
    assert_values(&out, "owner", &["1000:1000", "1000:1000", "1000:1000"]);
    assert_values(&out, "su", &["app", "1000", "1000"]);
    assert_values(&out, "made", &["app:app"]);
    assert_values(&out, "gosu", &["1000", "1000:1000:"]);
    assert_values(&out, "setpriv", &["app"]);
    assert_values(&out, "runuser", &["app"]);
    assert_values(&out, "sudo", &["root"]);
    assert_values(
        &out,
        "status",
        &["Uid: 1000 1000 1000 1000;Gid: 1000 1000 1000 1000;"],
    );
    // An emulated user is held to the rules: su to root wants root's password.
    assert_values(&out, "drop", &["refused"]);
}

#[test]
fn user_nobody_runs_as_65534_and_sees_the_real_owners() {
    let env = Env::with_debian();
    let out = sh(
        &env,
        &["--user", "nobody"],
        DEBIAN,
        r#"echo "id=$(id -u):$(id -g)"
echo "owner=$(stat -c %U /etc/shadow)" "owner=$(stat -c %U /etc/passwd)" "owner=$(stat -c %U /)" | tr ' ' '\n'
touch /tmp/mine && echo "owner=$(stat -c %U:%G /tmp/mine)""#,
    );
    out.success();
    assert_values(&out, "id", &["65534:65534"]);
    assert_values(&out, "owner", &["root", "root", "root", "nobody:nogroup"]);
}

#[test]
fn busybox_tools_switch_users_and_chown() {
    let env = Env::with_busybox();
    // Debian's busybox-static has su and stat but no adduser: the user is added by hand, as
    // an image's script would. The fixture's layer records /home/app as 1000:1000.
    let out = sh(
        &env,
        &[],
        "busybox",
        r#"set -e
echo 'dev:x:1001:1001:dev:/home/dev:/bin/sh' >> /etc/passwd && echo 'dev:x:1001:' >> /etc/group
mkdir /home/dev && chown dev:dev /home/dev && touch /x && chown app /x
echo "owner=$(stat -c %u:%g /home/app)" "owner=$(stat -c %u:%g /home/dev)" "owner=$(stat -c %u:%g /x)" | tr ' ' '\n'
echo "su=$(su app -c 'id -un')"
echo "su=$(su dev -c 'id -u; touch /home/dev/f; stat -c %u:%g /home/dev/f' | tr '\n' ' ')""#,
    );
    out.success();
    assert_values(&out, "owner", &["1000:1000", "1001:1001", "1000:0"]);
    assert_values(&out, "su", &["app", "1001 1001:1001 "]);
}

#[test]
fn root_emulation_off_gives_the_kernels_answers_again() {
    let env = Env::with_busybox();
    let chown = "touch /x && chown 42:42 /x && stat -c %u:%g /x";
    sh(&env, &[], "busybox", chown)
        .success()
        .stdout_has("42:42");
    sh(
        &env,
        &["--security-opt", "root-emulation=off"],
        "busybox",
        chown,
    )
    .failure()
    .stderr_has("chown: /x: Invalid argument");
    // The setting is the container's: exec in it has it too.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "off",
        "--security-opt",
        "root-emulation=off",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    env.rpod(&["exec", "off", "sh", "-c", "chown 42 /tmp"])
        .failure()
        .stderr_has("Invalid argument");
    env.rpod(&["exec", "off", "stat", "-c", "%u", "/home/app"])
        .success()
        .stdout_has("0\n");
    env.rpod(&[
        "run",
        "--rm",
        "--security-opt",
        "root-emulation=bogus",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("root-emulation");
}

#[test]
fn info_says_that_root_is_emulated() {
    let env = Env::new();
    env.rpod(&["info"])
        .success()
        .stdout_has("ids: one mapped id, root emulation on");
}
