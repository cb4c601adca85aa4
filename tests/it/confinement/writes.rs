//! Writes aimed outside the root file system and volumes, mount targets through symlinks,
//! and the rpod binary.

use super::*;

// ---------------------------------------------------------------------------------------
// Writes outside the root file system and volumes

/// Every file named `name` under `dir`, skipping `skip`.
fn find_named(dir: &Path, name: &str, skip: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path == skip {
            continue;
        }
        if e.file_name() == name {
            found.push(path.clone());
        }
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            find_named(&path, name, skip, found);
        }
    }
}

fn file_hash(path: &Path) -> String {
    sha256(&fs::read(path).unwrap())
}

#[test]
fn writes_aimed_at_the_store_the_binary_or_the_host_land_in_the_container() {
    let env = Env::with_busybox();
    let escape = HostPath::new("proc-root");
    let data = env.data();
    let bin = rpod_bin();
    let before = file_hash(&bin);
    // The container is told every host path it might want; mountinfo tells it more (its
    // overlay's upper and work directories).
    let attack = format!(
        r#"upper=$(sed -n 's/.*upperdir=\([^,]*\).*/\1/p' /proc/self/mountinfo | head -1)
[ -n "$upper" ] || exit 3
for d in "$upper" "$upper/../.." "{data}" "{data}/storage" "{data}/containers" "$(dirname {bin})"; do
  mkdir -p "$d" && echo pwned > "$d/rpod-marker"
done
echo pwned > {bin}
echo pwned > /proc/1/root/../../../..{escape}
echo pwned > /proc/self/root/../../{escape}
cd /proc/self/cwd/../../.. && echo pwned > ./rpod-marker
[ -f {escape} ] && [ -f /rpod-marker ] && echo landed-inside"#,
        data = data.display(),
        bin = bin.display(),
        escape = escape.inside(),
    );
    env.rpod(&["run", "--name", "attacker", "busybox", "sh", "-c", &attack])
        .success()
        .stdout_has("landed-inside");
    let upper = data
        .join("containers")
        .join(id_of(&env, "attacker"))
        .join("upper");
    assert!(
        upper.join("rpod-marker").exists(),
        "the writes are the container's own"
    );
    let mut outside = Vec::new();
    find_named(&data, "rpod-marker", &upper, &mut outside);
    find_named(bin.parent().unwrap(), "rpod-marker", &upper, &mut outside);
    assert!(
        outside.is_empty(),
        "written outside the container: {outside:?}"
    );
    escape.assert_untouched();
    assert_eq!(file_hash(&bin), before, "the rpod binary changed");
}

/// A tmpfs mounted on the host (the test is root), taken down on drop.
struct HostMount(PathBuf);

impl Drop for HostMount {
    fn drop(&mut self) {
        let _ = nix::mount::umount2(&self.0, nix::mount::MntFlags::MNT_DETACH);
    }
}

#[test]
fn read_only_binds_sys_and_mounts_hold_against_the_container() {
    let env = Env::with_busybox();
    let shared = env.write_file("work/ro/file", b"host data\n");
    let dir = shared.parent().unwrap().to_path_buf();
    // A submount inside the bound directory: read-only must reach it too. Only root can make
    // one on the host; as another user the rest of the test still runs.
    let _sub = nix::unistd::getuid().is_root().then(|| {
        let sub = dir.join("sub");
        fs::create_dir_all(&sub).unwrap();
        nix::mount::mount(
            Some("tmpfs"),
            &sub,
            Some("tmpfs"),
            nix::mount::MsFlags::empty(),
            Some("mode=0777"),
        )
        .unwrap();
        let guard = HostMount(sub.clone());
        fs::write(sub.join("file"), "on the submount\n").unwrap();
        fs::set_permissions(sub.join("file"), fs::Permissions::from_mode(0o666)).unwrap();
        guard
    });
    let has_sub = dir.join("sub/file").exists();
    let ro = format!("{}:/ro:ro", dir.display());
    let out = env.rpod(&[
        "run", "--rm", "-v", &ro, "busybox", "sh", "-c",
        r#"cat /ro/file
for f in /ro/file /ro/new /ro/sub/file /ro/sub/new; do [ -d $(dirname $f) ] && { echo x >> $f || echo "refused $f"; }; done
rm -f /ro/file || echo "refused rm"
mv /ro/file /ro/moved || echo "refused mv"
mkdir -p /ro2 && mount -t tmpfs none /ro2 || echo "refused mount tmpfs"
mount -o remount,rw /ro || echo "refused remount"
mount -o remount,rw,bind /ro || echo "refused bind remount"
mount --bind /ro2 /ro || echo "refused bind over"
umount /ro || echo "refused umount"
umount /etc/hosts || echo "refused umount hosts"
echo x > /sys/kernel/uevent_helper || echo "refused sys"
mkdir /sys/fs/cgroup/rpod-probe || echo "refused sys mkdir"
true"#,
    ]);
    out.success().stdout_has("host data");
    let mut expected = vec![
        "refused /ro/file",
        "refused /ro/new",
        "refused rm",
        "refused mv",
        "refused mount tmpfs",
        "refused remount",
        "refused bind remount",
        "refused bind over",
        "refused umount",
        "refused umount hosts",
        "refused sys",
        "refused sys mkdir",
    ];
    if has_sub {
        expected.extend(["refused /ro/sub/file", "refused /ro/sub/new"]);
    }
    for refused in expected {
        assert!(
            out.stdout.lines().any(|l| l == refused),
            "not {refused}\n{}\n{}",
            out.stdout,
            out.stderr
        );
    }
    assert_eq!(fs::read_to_string(&shared).unwrap(), "host data\n");
    assert!(!dir.join("new").exists() && !dir.join("moved").exists());
    if has_sub {
        assert_eq!(
            fs::read_to_string(dir.join("sub/file")).unwrap(),
            "on the submount\n"
        );
        assert!(!dir.join("sub/new").exists());
    }
}

#[test]
fn dot_dot_and_root_as_mount_targets_are_refused() {
    let env = Env::with_busybox();
    let host = env.write_file("work/h/file", b"x\n");
    let dir = host.parent().unwrap().display().to_string();
    for args in [
        vec!["-v".to_string(), format!("{dir}:/../../../tmp/x")],
        vec!["-v".to_string(), format!("{dir}:/a/../../b")],
        vec!["-v".to_string(), "vol:/x/../../../y".to_string()],
        vec![
            "--mount".to_string(),
            format!("type=bind,src={dir},target=/a/../.."),
        ],
        vec!["--tmpfs".to_string(), "/x/../../y".to_string()],
    ] {
        let mut full: Vec<&str> = vec!["run", "--rm"];
        full.extend(args.iter().map(String::as_str));
        full.extend(["busybox", "true"]);
        env.rpod(&full)
            .code(125)
            .stderr_has("must not contain ..")
            .no_panic();
    }
    for args in [["-v", "vol:/"], ["-v", "/tmp:/."], ["--tmpfs", "/"]] {
        let mut full = vec!["run", "--rm"];
        full.extend(args);
        full.extend(["busybox", "true"]);
        env.rpod(&full)
            .code(125)
            .stderr_has("must not be /")
            .no_panic();
    }
    assert!(
        env.rpod(&["volume", "ls", "-q"])
            .success()
            .trimmed()
            .is_empty()
    );
}

#[test]
fn descriptors_the_caller_left_open_do_not_reach_the_container() {
    let env = Env::with_busybox();
    let secret = env.write_file("work/secret/key", b"s3cret\n");
    let dir = secret.parent().unwrap();
    sleeper(&env, "c");
    // A shell that opened a host directory without close-on-exec, then ran rpod.
    let probe =
        "ls /proc/self/fd; cat /proc/self/fd/7/key; echo pwned > /proc/self/fd/7/written; true";
    for args in [
        vec!["run", "--rm", "busybox", "sh", "-c", probe],
        vec!["exec", "c", "sh", "-c", probe],
        vec!["run", "--rm", "--init", "busybox", "sh", "-c", probe],
    ] {
        let mut cmd = env.command("sh");
        cmd.arg("-c")
            .arg(r#"exec 7< "$0"; exec "$@""#)
            .arg(dir)
            .arg(rpod_bin())
            .args(&args);
        let out = env.run_with_stdin(cmd, None);
        out.success();
        let fds: Vec<&str> = out.lines();
        assert!(
            !fds.contains(&"7") && !out.stdout.contains("s3cret"),
            "{args:?}: fd 7 reached the container\n{}",
            out.stdout
        );
        assert!(
            !dir.join("written").exists(),
            "{args:?}: written through fd 7"
        );
    }
    // With --init, PID 1 (rpod's reaper) holds nothing of the caller's either.
    let mut cmd = env.command("sh");
    cmd.arg("-c")
        .arg(r#"exec 7< "$0"; exec "$@""#)
        .arg(dir)
        .arg(rpod_bin())
        .args([
            "run",
            "-d",
            "--init",
            "--name",
            "reaped",
            "--network",
            "none",
            "busybox",
            "sleep",
            "600",
        ]);
    env.run_with_stdin(cmd, None).success();
    let init = env.rpod(&["inspect", "-f", "{{.State.Pid}}", "reaped"]);
    let init: u32 = init.success().trimmed().parse().unwrap();
    let held: Vec<String> = fs::read_dir(format!("/proc/{init}/fd"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(held.is_empty(), "the reaper holds descriptors {held:?}");
}

// ---------------------------------------------------------------------------------------
// Mount targets through symlinks

#[test]
fn volume_targets_through_symlinks_pointing_outside_stay_inside() {
    let env = Env::with_busybox();
    let dots = HostPath::new("dots");
    let abs = HostPath::new("abs");
    let relative = format!("../../../..{}", dots.inside());
    import(&env, "links", |l| {
        l.symlink("to-root", "/")
            .symlink("dots", &relative)
            .symlink("abs", abs.inside())
            .symlink("deep", "/to-root/../../dots/sub")
            .symlink("up", "../..")
            // As systemd-based images ship it, dangling until systemd-resolved runs.
            .symlink("etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf")
    });
    let host = env.write_file("work/hostdir/from-host", b"host file\n");
    let hostdir = host.parent().unwrap().display().to_string();
    // Where each mount must land inside the container, and so be seen.
    for (flag, target, lands) in [
        ("vol1:/dots", "/dots", dots.inside().to_string()),
        (
            &format!("{hostdir}:/abs") as &str,
            "/abs",
            abs.inside().to_string(),
        ),
        ("vol2:/deep", "/deep", format!("{}/sub", dots.inside())),
    ] {
        let out = env.rpod(&[
            "run", "--rm", "-v", flag, "links", "sh", "-c",
            &format!("echo from-container > {target}/written; readlink -f {target}; awk '{{print $5}}' /proc/self/mountinfo; ls {target}"),
        ]);
        let lines = out.success().lines();
        assert_eq!(lines[0], lands, "{flag}\n{}", out.stdout);
        assert!(
            lines.contains(&lands.as_str()),
            "{flag}: not a mount point at {lands}\n{}",
            out.stdout
        );
    }
    dots.assert_untouched();
    abs.assert_untouched();
    assert_eq!(
        fs::read_to_string(host.with_file_name("written")).unwrap(),
        "from-container\n"
    );
    let vol1 = env.rpod(&["volume", "inspect", "-f", "{{.Mountpoint}}", "vol1"]);
    assert!(Path::new(vol1.success().trimmed()).join("written").exists());
    // rpod's own /etc files follow the same rule: the image's dangling resolv.conf gets the
    // container's resolver configuration where it leads.
    env.rpod(&[
        "run",
        "--rm",
        "links",
        "sh",
        "-c",
        "readlink -f /etc/resolv.conf; cat /etc/resolv.conf",
    ])
    .success()
    .stdout_has("/run/systemd/resolve/stub-resolv.conf\n")
    .stdout_has("nameserver");

    // A symlink to / would put the volume over the whole root, /proc and /dev and the masks
    // with it: refused, and the volume is left as it was (not filled with the image).
    for flag in ["vol3:/to-root", &format!("{hostdir}:/to-root"), "vol4:/up"] {
        env.rpod(&["run", "--rm", "-v", flag, "links", "true"])
            .code(125)
            .stderr_has(&flag[flag.find(':').unwrap() + 1..])
            .stderr_has("leads to the container's root directory")
            .no_panic();
    }
    let vol3 = env.rpod(&["volume", "inspect", "-f", "{{.Mountpoint}}", "vol3"]);
    assert_eq!(fs::read_dir(vol3.success().trimmed()).unwrap().count(), 0);
    assert_eq!(
        fs::read_dir(&hostdir).unwrap().count(),
        2,
        "the host directory is unchanged"
    );
}

#[test]
fn a_containers_own_symlinks_cannot_redirect_its_mounts_on_the_next_start() {
    let env = Env::with_busybox();
    let outside = HostPath::new("swapped");
    let secret = env.write_file("work/secret/key", b"s3cret\n");
    let shared = env.write_file("work/shared/file", b"shared\n");
    let shared_dir = shared.parent().unwrap().display().to_string();
    fs::create_dir_all(shared.with_file_name("sub")).unwrap();
    std::os::unix::fs::chown(shared.with_file_name("sub"), Some(user().0), Some(user().1)).unwrap();
    // First run: the container swaps the parent of its volume's mount point for a symlink out
    // of its root, and the bind source below its writable bind for a symlink to a host
    // directory it was never given. Second run: the mounts follow neither.
    let script = format!(
        r#"if [ -L /d ]; then echo second; cat /d/mnt/kept; ls /sub; exit 0; fi
echo kept > /d/mnt/kept
mv /d /d.old && ln -s ../../../..{outside} /d
rm -rf /shared/sub && ln -s {secret} /shared/sub
echo first"#,
        outside = outside.inside(),
        secret = secret.parent().unwrap().display(),
    );
    env.rpod(&[
        "create",
        "--name",
        "c",
        "-v",
        "vol:/d/mnt",
        "-v",
        &format!("{shared_dir}:/shared"),
        "-v",
        &format!("{shared_dir}/sub:/sub"),
        "busybox",
        "sh",
        "-c",
        &script,
    ])
    .success();
    env.rpod(&["start", "-a", "c"])
        .success()
        .stdout_has("first");
    let second = env.rpod(&["start", "-a", "c"]);
    second
        .code(125)
        .stderr_has(&format!("bind {shared_dir}/sub"))
        .stderr_has("holds a symlink now")
        .no_panic();
    assert!(
        !second.stdout.contains("key"),
        "the secret directory was bound"
    );
    outside.assert_untouched();
    // Without the swapped bind the container starts, its volume where the symlink now leads
    // inside its root.
    fs::remove_file(shared.with_file_name("sub")).unwrap();
    env.rpod(&["rm", "c"]).success();
    env.rpod(&[
        "create",
        "--name",
        "c2",
        "-v",
        "vol:/d/mnt",
        "busybox",
        "sh",
        "-c",
        &script,
    ])
    .success();
    env.rpod(&["start", "-a", "c2"]).success();
    let out = env.rpod(&["start", "-a", "c2"]);
    out.success().stdout_has("second\nkept");
    outside.assert_untouched();
}

// ---------------------------------------------------------------------------------------
// The rpod binary

#[test]
fn the_rpod_binary_cannot_be_overwritten_from_inside() {
    let env = Env::with_busybox();
    // rpod as a user installs it (~/.cargo/bin, ~/bin): owned by that user, so that inside
    // the user namespace the container's root passes the permission check on it. Only rpod's
    // own care keeps it out of reach.
    let bin = env.path("bin/rpod");
    fs::create_dir_all(bin.parent().unwrap()).unwrap();
    fs::copy(rpod_bin(), &bin).unwrap();
    std::os::unix::fs::chown(bin.parent().unwrap(), Some(user().0), Some(user().1)).unwrap();
    std::os::unix::fs::chown(&bin, Some(user().0), Some(user().1)).unwrap();
    let before = file_hash(&bin);
    let hex = before.trim_start_matches("sha256:").to_string();
    let rpod = |args: &[&str]| {
        let mut cmd = env.command(&bin);
        cmd.args(args);
        env.run_with_stdin(cmd, None)
    };
    // Every way a process inside could name a host binary: its own exe, PID 1's (rpod's
    // reaper with --init), every other visible process's. A hit is any exe whose hash is
    // rpod's; then come the writes.
    let attack = format!(
        r#"for p in /proc/[0-9]* /proc/self; do
  if [ "$(sha256sum $p/exe 2>/dev/null | cut -d' ' -f1)" = "{hex}" ]; then echo "REACHED $p"; fi
  ( echo x >> $p/exe ) 2>/dev/null
  cp /bin/busybox $p/exe 2>/dev/null
  ( true > $p/exe ) 2>/dev/null
done
true"#
    );
    rpod(&[
        "run",
        "-d",
        "--init",
        "--name",
        "reaped",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    rpod(&[
        "run",
        "-d",
        "--init",
        "--privileged",
        "--name",
        "privileged",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    let mut outs = vec![
        rpod(&[
            "run",
            "--rm",
            "--network",
            "none",
            "busybox",
            "sh",
            "-c",
            &attack,
        ]),
        rpod(&[
            "run",
            "--rm",
            "--init",
            "--network",
            "none",
            "busybox",
            "sh",
            "-c",
            &attack,
        ]),
        rpod(&["exec", "reaped", "sh", "-c", &attack]),
        rpod(&["exec", "privileged", "sh", "-c", &attack]),
        rpod(&["exec", "--privileged", "reaped", "sh", "-c", &attack]),
    ];
    // exec's helper is the rpod binary inside the container's PID namespace until it execs:
    // a watcher races for its /proc/PID/exe while execs come and go.
    let watcher = env
        .command(&bin)
        .args([
            "exec", "privileged", "sh", "-c",
            &format!(
                r#"end=$(( $(date +%s) + 8 )); while [ $(date +%s) -lt $end ]; do
  for p in /proc/[0-9]*; do
    [ "$(sha256sum $p/exe 2>/dev/null | cut -d' ' -f1)" = "{hex}" ] && echo "REACHED $p" && ( echo x >> $p/exe )
  done
done 2>/dev/null; true"#
            ),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..20 {
        rpod(&["exec", "privileged", "true"]).success();
    }
    outs.push(wait_output(watcher, "watcher"));
    for out in &outs {
        out.success();
        assert!(
            !out.stdout.contains("REACHED"),
            "{}\n{}",
            out.cmd,
            out.stdout
        );
    }
    assert_eq!(file_hash(&bin), before, "the rpod binary changed");
    // The binary still runs: nothing truncated it either.
    rpod(&["version"]).success();
}
