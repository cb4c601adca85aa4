//! Running containers as a user does: exit codes, terminals, detached containers and their
//! logs, isolation, security settings, storage drivers, and what happens when things die.

use std::os::unix::fs::MetadataExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::Env;
use crate::common::env::{user, wait_output};

/// An environment with busybox and layered pulled.
fn container_dir(env: &Env, name: &str) -> std::path::PathBuf {
    let id = env.rpod(&["inspect", "-f", "{{.Id}}", name]);
    env.data().join("containers").join(id.success().trimmed())
}

#[test]
fn exit_codes_follow_docker() {
    let env = Env::with_busybox();
    env.rpod(&["run", "--rm", "busybox", "true"]).code(0);
    env.rpod(&["run", "--rm", "busybox", "false"]).code(1);
    env.rpod(&["run", "--rm", "busybox", "sh", "-c", "exit 42"])
        .code(42);
    env.rpod(&["run", "--rm", "busybox", "no-such-command"])
        .code(127)
        .stderr_has("executable file `no-such-command` not found in $PATH");
    env.rpod(&["run", "--rm", "busybox", "/etc/passwd"])
        .code(126)
        .stderr_has("permission denied");
    env.rpod(&["run", "--rm", "--network", "bogus", "busybox", "true"])
        .code(125)
        .stderr_has("--network");
    env.rpod(&["run", "--rm", "--pull", "never", "not-pulled", "true"])
        .code(125)
        .stderr_has("image not known");
    env.rpod(&["run", "--rm", "busybox", "echo", "hello", "world"])
        .success()
        .stdout_has("hello world\n");
}

#[test]
fn interactive_terminal_through_a_real_pty() {
    let env = Env::with_busybox();
    let rpod = crate::common::env::rpod_bin();
    let mut cmd = env.command("script");
    cmd.args([
        "-qec",
        &format!(
            "stty cols 111 rows 33; {} run -it --rm busybox sh",
            rpod.display()
        ),
        "/dev/null",
    ]);
    let out = env.run_with_stdin(cmd, Some(b"tty; stty size; echo typed-$((40+2)); exit 7\n"));
    out.code(7)
        .stdout_has("/dev/pts/0")
        .stdout_has("33 111")
        .stdout_has("typed-42");
}

#[test]
fn stdin_flows_with_dash_i_and_closes() {
    let env = Env::with_busybox();
    env.rpod_with_stdin(
        &[
            "run",
            "-i",
            "--rm",
            "busybox",
            "sh",
            "-c",
            "tr a-z A-Z; echo done",
        ],
        b"piped text\n",
    )
    .success()
    .stdout_has("PIPED TEXT\ndone");
}

#[test]
fn detached_container_logs_follow_and_stop_escalates_to_kill() {
    let env = Env::with_busybox();
    let id = env
        .rpod(&[
            "run",
            "-d",
            "--name",
            "ticker",
            "busybox",
            "sh",
            "-c",
            "echo start; echo oops >&2; trap '' TERM; while true; do echo tick; sleep 0.2; done",
        ])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(id.len(), 64);
    let follower = env
        .rpod_cmd(["logs", "-f", "ticker"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    env.rpod(&["ps", "--format", "{{.Names}} {{.Status}}"])
        .success()
        .stdout_has("ticker Up");
    env.rpod(&["logs", "ticker"])
        .success()
        .stdout_has("start\ntick");
    env.rpod(&["logs", "--tail", "1", "-t", "ticker"])
        .success()
        .stdout_has("Z tick");
    let started = Instant::now();
    env.rpod(&["stop", "-t", "1", "ticker"])
        .success()
        .stdout_has("ticker");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(8),
        "stop took {took:?}"
    );
    let followed = wait_output(follower, "logs -f");
    followed.success().stdout_has("start").stdout_has("tick");
    assert!(followed.stderr.contains("oops"), "stderr stays stderr");
    env.rpod(&[
        "inspect",
        "-f",
        "{{.State.Status}} {{.State.ExitCode}}",
        "ticker",
    ])
    .success()
    .stdout_has("exited 137");
    env.rpod(&["wait", "ticker"]).success().stdout_has("137");
    env.rpod(&["ps", "-a", "--filter", "status=exited", "-q"])
        .success()
        .stdout_has(&id[..12]);
    env.rpod(&["rm", "ticker"]).success();
    env.rpod(&["rm", "ticker"])
        .code(1)
        .stderr_has("no such container");
    env.rpod(&["rm", "-f", "ticker"]).success();
}

fn entries(dir: &std::path::Path) -> Vec<std::ffi::OsString> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect()
}

/// The entries of `dir` once the deletion that a `--rm` monitor finishes after its CLI
/// returned is over (10 s at most).
fn left_in(dir: &std::path::Path) -> Vec<std::ffi::OsString> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !entries(dir).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    entries(dir)
}

#[test]
fn rm_flag_leaves_nothing_behind() {
    let env = Env::with_busybox();
    env.rpod(&["run", "--rm", "--name", "gone", "busybox", "true"])
        .success();
    assert!(env.rpod(&["ps", "-a", "-q"]).trimmed().is_empty());
    env.rpod(&["run", "--rm", "--name", "gone", "busybox", "true"])
        .success();
    // At once, the record is gone (renamed away: its name and id are free); its tree within
    // moments.
    let containers = env.data().join("containers");
    let named: Vec<_> = entries(&containers)
        .into_iter()
        .filter(|n| !n.to_string_lossy().starts_with(".tmp-"))
        .collect();
    assert!(named.is_empty(), "{named:?}");
    let left = left_in(&containers);
    assert!(left.is_empty(), "{left:?}");
    let run: Vec<_> = std::fs::read_dir(env.path("runtime/rpod/containers"))
        .map(|d| d.flatten().collect())
        .unwrap_or_default();
    assert!(run.is_empty(), "{run:?}");
}

#[test]
fn isolated_pid_uts_and_identity() {
    let env = Env::with_busybox();
    let out = env.rpod(&[
        "run",
        "--rm",
        "--hostname",
        "boxhost",
        "busybox",
        "sh",
        "-c",
        "echo pid=$$; hostname; ls /proc | grep -c '^[0-9]'; id -u",
    ]);
    out.success().stdout_has("pid=1\n").stdout_has("boxhost\n");
    let lines = out.lines();
    let visible: usize = lines[2].parse().unwrap();
    assert!(visible <= 4, "host processes are visible: {visible}");
    assert_eq!(lines[3], "0", "root inside");
    let host_pid = std::process::id();
    env.rpod(&[
        "run",
        "--rm",
        "busybox",
        "test",
        "-e",
        &format!("/proc/{host_pid}/status"),
    ])
    .code(1);

    env.rpod(&["run", "--name", "owner", "busybox", "touch", "/made-inside"])
        .success();
    let made = container_dir(&env, "owner").join("upper/made-inside");
    assert_eq!(
        std::fs::metadata(&made).unwrap().uid(),
        user().0,
        "owned by the caller outside"
    );
    let short = env.rpod(&["run", "--rm", "busybox", "hostname"]);
    assert_eq!(
        short.success().trimmed().len(),
        12,
        "the default hostname is the short id"
    );
}

#[test]
fn user_env_workdir_entrypoint_and_keep_id() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--rm",
        "-e",
        "A=1",
        "-e",
        "B",
        "-w",
        "/srv/app",
        "-u",
        "app",
        "busybox",
        "sh",
        "-c",
        "echo $A-$B; pwd; id -u; echo $HOME",
    ])
    .success()
    .stdout_has("1-\n/srv/app\n1000\n/home/app\n");
    let env_file = env.write_file("work/vars.env", b"# comment\nFROM_FILE=yes\n");
    env.rpod(&[
        "run",
        "--rm",
        "--env-file",
        env_file.to_str().unwrap(),
        "busybox",
        "sh",
        "-c",
        "echo $FROM_FILE",
    ])
    .success()
    .stdout_has("yes");
    env.rpod(&[
        "run",
        "--rm",
        "--entrypoint",
        "echo",
        "busybox",
        "from",
        "entrypoint",
    ])
    .success()
    .stdout_has("from entrypoint");
    let uid = user().0.to_string();
    env.rpod(&["run", "--rm", "--userns", "keep-id", "busybox", "id", "-u"])
        .success()
        .stdout_has(&uid);
    env.rpod(&["run", "--rm", "-u", "nosuchuser", "busybox", "true"])
        .code(125)
        .stderr_has("unable to find user nosuchuser");
}

/// Masked paths and docker's default capabilities, for the init and exec, are in
/// confinement.rs; here, the drops that leave nothing, and the seccomp filter.
#[test]
fn capability_drops_and_seccomp() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--rm",
        "--cap-drop",
        "ALL",
        "busybox",
        "grep",
        "CapEff",
        "/proc/self/status",
    ])
    .success()
    .stdout_has("0000000000000000");
    env.rpod(&[
        "run",
        "--rm",
        "--cap-drop",
        "ALL",
        "--cap-add",
        "CHOWN",
        "busybox",
        "grep",
        "CapEff",
        "/proc/self/status",
    ])
    .success()
    .stdout_has("0000000000000001");
    env.rpod(&[
        "run",
        "--rm",
        "busybox",
        "grep",
        "Seccomp:",
        "/proc/self/status",
    ])
    .success()
    .stdout_has("2");
    // A user namespace needs no capability: only the seccomp filter stops it.
    env.rpod(&["run", "--rm", "busybox", "unshare", "-U", "true"])
        .failure()
        .stderr_has("Operation not permitted");
    env.rpod(&[
        "run",
        "--rm",
        "--security-opt",
        "seccomp=unconfined",
        "busybox",
        "unshare",
        "-U",
        "true",
    ])
    .success();
    env.rpod(&[
        "run",
        "--rm",
        "--security-opt",
        "no-new-privileges",
        "busybox",
        "grep",
        "NoNewPrivs",
        "/proc/self/status",
    ])
    .success()
    .stdout_has("1");
    let profile = env.write_file("work/deny-mkdir.json", br#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO","errnoRet":13}]}"#);
    env.rpod(&[
        "run",
        "--rm",
        "--security-opt",
        &format!("seccomp={}", profile.display()),
        "busybox",
        "mkdir",
        "/x",
    ])
    .failure()
    .stderr_has("Permission denied");
}

#[test]
fn read_only_root_and_init_reaping() {
    let env = Env::with_busybox();
    env.rpod(&["run", "--rm", "--read-only", "busybox", "touch", "/x"])
        .failure()
        .stderr_has("Read-only file system");
    env.rpod(&[
        "run",
        "--rm",
        "--read-only",
        "busybox",
        "sh",
        "-c",
        "echo ok > /dev/shm/x && cat /dev/shm/x",
    ])
    .success()
    .stdout_has("ok");
    let zombies = env.rpod(&[
        "run",
        "--rm",
        "--init",
        "busybox",
        "sh",
        "-c",
        "sh -c 'sleep 0.2 &'; sleep 1; grep -l '^[0-9]* ([a-z]*) Z' /proc/[0-9]*/stat | wc -l",
    ]);
    assert_eq!(zombies.success().trimmed(), "0", "the init reaps orphans");
    env.rpod(&["run", "--rm", "--init", "busybox", "sh", "-c", "exit 5"])
        .code(5);
}

#[test]
fn container_layers_can_live_on_a_local_directory() {
    let env = Env::with_busybox();
    let scratch = env.path("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    std::os::unix::fs::chown(&scratch, Some(user().0), Some(user().1)).unwrap();
    let registry = crate::common::registry::Registry::shared()
        .addr()
        .to_string();
    env.write_config(&format!(
        "[registries]\nunqualified-search = [\"{registry}\"]\ninsecure = [\"{registry}\"]\n[storage]\ncontainer-dir = \"{}\"\n",
        scratch.display()
    ));
    let info: serde_json::Value =
        serde_json::from_str(&env.rpod(&["info", "--format", "json"]).stdout).unwrap();
    assert_eq!(
        info["store"]["containerLayersDir"],
        scratch.display().to_string()
    );
    let id = env
        .rpod(&["run", "-d", "busybox", "touch", "/on-scratch"])
        .success()
        .trimmed()
        .to_string();
    env.rpod(&["wait", &id]).success();
    assert!(
        scratch
            .join("containers")
            .join(&id)
            .join("upper/on-scratch")
            .exists()
    );
    env.rpod(&["rm", &id]).success();
    assert!(
        !scratch.join("containers").join(&id).exists(),
        "rm removes the writable layer too"
    );
    env.rpod(&["run", "--rm", "busybox", "true"]).success();
    assert!(left_in(&scratch.join("containers")).is_empty(), "--rm too");
}

#[test]
fn images_with_more_layers_than_one_page_of_mount_options() {
    use crate::common::fixtures::{self, Compression, ImageSpec, Layer};
    let reg = crate::common::registry::Registry::start(Default::default());
    let mut layers = vec![(fixtures::busybox_layer(None), Compression::Gzip)];
    for i in 0..90 {
        let layer = Layer::new()
            .file(&format!("layer-{i:02}"), 0o644, format!("{i}\n").as_bytes())
            .finish();
        layers.push((layer, Compression::Gzip));
    }
    fixtures::push_image(&reg, "deep", "latest", &ImageSpec::simple(layers));
    let env = Env::new();
    env.write_config(&format!("[registries]\ninsecure = [\"{}\"]\n", reg.addr()));
    let image = format!("{}/deep", reg.addr());
    env.rpod(&["pull", "-q", &image]).success();
    env.rpod(&[
        "run",
        "--rm",
        &image,
        "sh",
        "-c",
        "cat /layer-00 /layer-89; ls / | grep -c layer-",
    ])
    .success()
    .stdout_has("0\n89\n90\n");
}

#[test]
fn ulimits_logs_since_until_and_start_attach() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--rm",
        "--ulimit",
        "nofile=256:512",
        "busybox",
        "sh",
        "-c",
        "ulimit -n; ulimit -Hn",
    ])
    .success()
    .stdout_has("256\n512\n");
    env.rpod(&[
        "run",
        "--name",
        "chatty",
        "busybox",
        "sh",
        "-c",
        "echo early; sleep 1.2; echo late",
    ])
    .success();
    let all = env.rpod(&["logs", "-t", "chatty"]);
    let late = all
        .lines()
        .into_iter()
        .find(|l| l.ends_with("late"))
        .unwrap()
        .to_string();
    let late_time = late.split_whitespace().next().unwrap();
    let since = env.rpod(&["logs", "--since", late_time, "chatty"]);
    since.success().stdout_has("late");
    assert!(
        !since.stdout.contains("early"),
        "--since drops earlier lines"
    );
    let until = env.rpod(&["logs", "--until", late_time, "chatty"]);
    until.success().stdout_has("early");
    env.rpod(&["logs", "--since", "2000-01-01", "--tail", "1", "chatty"])
        .success()
        .stdout_has("late");
    env.rpod(&["start", "-a", "chatty"])
        .success()
        .stdout_has("early\nlate\n");
}

#[test]
fn twenty_containers_in_parallel() {
    let env = Env::with_busybox();
    let children: Vec<_> = (0..20)
        .map(|i| {
            env.rpod_cmd(["run", "--rm", "busybox", "echo", &format!("container-{i}")])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (i, child) in children.into_iter().enumerate() {
        wait_output(child, "parallel run")
            .success()
            .stdout_has(&format!("container-{i}\n"));
    }
    assert!(env.rpod(&["ps", "-a", "-q"]).trimmed().is_empty());
}

#[test]
fn every_storage_driver_honours_whiteouts() {
    let env = Env::with_busybox();
    env.rpod(&["pull", "-q", "layered"]).success();
    let fuse_usable = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/fuse")
        .is_ok()
        && std::path::Path::new("/usr/bin/fuse-overlayfs").exists();
    for driver in ["overlay", "fuse-overlayfs", "vfs"] {
        if driver == "fuse-overlayfs" && !fuse_usable {
            eprintln!(
                "SKIP fuse-overlayfs: not installed or /dev/fuse not usable (contrib/test sets it up)"
            );
            continue;
        }
        let out = env.rpod(&[
            "--storage-driver",
            driver,
            "run",
            "--rm",
            "layered",
            "sh",
            "-c",
            "ls /data; ls /data/d; echo w > /data/new && cat /data/new",
        ]);
        out.success();
        assert_eq!(out.stdout, "b\nd\ny\nw\n", "driver {driver}");
        // The owners the image's layers record (root emulation's) come with every driver,
        // and are no change of the container's.
        let name = format!("owners-{driver}");
        let out = env.rpod(&[
            "--storage-driver",
            driver,
            "run",
            "--name",
            &name,
            "busybox",
            "stat",
            "-c",
            "%u",
            "/home/app",
        ]);
        assert_eq!(out.success().stdout, "1000\n", "driver {driver}");
        let diff = env.rpod(&["--storage-driver", driver, "diff", &name]);
        assert_eq!(diff.success().stdout, "", "driver {driver}");
    }
}

/// Live (not zombie) fuse-overlayfs processes whose command line names `needle`.
fn live_fuse_overlayfs(needle: &str) -> Vec<String> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().parse::<u32>().is_ok())
        .filter_map(|e| {
            let cmdline = std::fs::read(e.path().join("cmdline")).ok()?;
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            (cmdline.starts_with("fuse-overlayfs ")
                && cmdline.contains(needle)
                && !stat.contains(") Z "))
            .then_some(cmdline)
        })
        .collect()
}

#[test]
fn a_stopped_container_leaves_no_fuse_overlayfs_behind() {
    if !std::path::Path::new("/usr/bin/fuse-overlayfs").exists() {
        eprintln!("SKIP: fuse-overlayfs is not installed (contrib/test installs it)");
        return;
    }
    let env = Env::with_busybox();
    let fuse = ["--storage-driver", "fuse-overlayfs"];
    let id = env
        .rpod(&[&fuse[..], &["run", "-d", "busybox", "sleep", "600"]].concat())
        .success()
        .trimmed()
        .to_string();
    assert_eq!(
        live_fuse_overlayfs(&id).len(),
        1,
        "the container's fuse-overlayfs"
    );
    env.rpod(&[&fuse[..], &["stop", "-t", "1", &id]].concat())
        .success();
    // It would hold the monitor's mount namespace, and a systemd unit's stop, forever.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !live_fuse_overlayfs(&id).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(live_fuse_overlayfs(&id), Vec::<String>::new());
    env.rpod(&[&fuse[..], &["start", &id]].concat()).success();
    env.rpod(&[&fuse[..], &["exec", &id, "ls", "/bin/sh"]].concat())
        .success();
    env.rpod(&[&fuse[..], &["rm", "-f", "-t", "0", &id]].concat())
        .success();
}

#[test]
fn a_killed_monitor_leaves_an_exited_removable_container() {
    let env = Env::with_busybox();
    let id = env
        .rpod(&["run", "-d", "--name", "victim", "busybox", "sleep", "1000"])
        .success()
        .trimmed()
        .to_string();
    let record =
        std::fs::read_to_string(env.path(&format!("runtime/rpod/containers/{id}/monitor.json")))
            .unwrap();
    let record: serde_json::Value = serde_json::from_str(&record).unwrap();
    let monitor = record["monitor"]["pid"].as_i64().unwrap() as i32;
    let payload = record["pid"].as_i64().unwrap() as i32;
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(monitor),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    env.rpod(&["ps", "-a", "--format", "{{.Names}} {{.State}}"])
        .success()
        .stdout_has("victim exited");
    let alive = std::fs::read_to_string(format!("/proc/{payload}/stat"))
        .map(|s| !s.contains(") Z "))
        .unwrap_or(false);
    assert!(!alive, "the container died with its monitor");
    env.rpod(&["rm", "victim"]).success();
}

#[test]
fn name_conflicts_name_the_holder_and_replace_works() {
    let env = Env::with_busybox();
    let id = env
        .rpod(&["run", "-d", "--name", "dup", "busybox", "sleep", "100"])
        .success()
        .trimmed()
        .to_string();
    env.rpod(&["run", "--name", "dup", "busybox", "true"])
        .code(125)
        .stderr_has(&format!("already in use by {}", &id[..12]));
    env.rpod(&[
        "run",
        "--replace",
        "--name",
        "dup",
        "busybox",
        "echo",
        "replaced",
    ])
    .success()
    .stdout_has("replaced");
    env.rpod(&["run", "--name", "bad/name", "busybox", "true"])
        .code(125)
        .stderr_has("invalid name");
}

#[test]
fn lifecycle_create_start_kill_restart_inspect() {
    let env = Env::with_busybox();
    // With --init the TERM reaches sleep: a PID 1 without a handler would ignore it, as in docker.
    let id = env
        .rpod(&[
            "create",
            "--init",
            "--name",
            "life",
            "-l",
            "tier=test",
            "busybox",
            "sleep",
            "100",
        ])
        .success()
        .trimmed()
        .to_string();
    env.rpod(&["ps", "-a", "--format", "{{.Names}} {{.State}} {{.Labels}}"])
        .success()
        .stdout_has("life created org.rpod.test=yes,tier=test");
    env.rpod(&["start", "life"]).success().stdout_has("life");
    env.rpod(&[
        "inspect",
        "-f",
        "{{.State.Running}} {{.Config.Cmd}} {{.HostConfig.NetworkMode}}",
        "life",
    ])
    .success()
    .stdout_has("true [sleep 100] pasta");
    env.rpod(&["ps", "--filter", "label=tier=test", "-q", "--no-trunc"])
        .success()
        .stdout_has(&id);
    env.rpod(&["kill", "-s", "TERM", "life"]).success();
    let status = crate::common::env::wait_output(
        env.rpod_cmd(["wait", "life"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
        "wait",
    );
    status.success().stdout_has("143");
    env.rpod(&["kill", "life"])
        .code(125)
        .stderr_has("can only kill running containers");
    env.rpod(&["restart", "-t", "0", "life"]).success();
    env.rpod(&["ps", "-q"]).success().stdout_has(&id[..12]);
    env.rpod(&["rm", "life"])
        .code(2)
        .stderr_has("cannot remove container life as it is running");
    env.rpod(&["rm", "-f", "life"]).success();
    env.rpod(&["container", "prune", "-f"]).success();
}

#[test]
fn foreground_run_stops_the_container_on_sigterm_like_a_service() {
    let env = Env::with_busybox();
    let child = env
        .rpod_cmd([
            "run",
            "--name",
            "svc",
            "busybox",
            "sh",
            "-c",
            "trap 'echo bye; exit 3' TERM; echo ready; while true; do sleep 0.1; done",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    let start = Instant::now();
    while !env.rpod(&["logs", "svc"]).stdout.contains("ready") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the service never became ready"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).unwrap();
    wait_output(child, "foreground run")
        .code(3)
        .stdout_has("bye");
}
