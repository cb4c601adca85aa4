//! Containers as services (issue 18): restart policies carried out by the container's own
//! monitor.

use std::time::{Duration, Instant};

use crate::common::Env;

pub fn inspect(env: &Env, name: &str, format: &str) -> String {
    env.rpod(&["inspect", "-f", format, name])
        .success()
        .trimmed()
        .to_string()
}

/// Waits until `inspect -f format` prints `want`; panics with the last value after `limit`.
pub fn wait_for(env: &Env, name: &str, format: &str, want: &str, limit: Duration) {
    let start = Instant::now();
    loop {
        let got = inspect(env, name, format);
        if got == want {
            return;
        }
        assert!(
            start.elapsed() < limit,
            "{name}: {format} is {got:?}, not {want:?}, after {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn restart_count(env: &Env, name: &str) -> u32 {
    inspect(env, name, "{{.RestartCount}}").parse().unwrap()
}

#[test]
fn on_failure_restarts_up_to_its_count_then_stops() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "flaky",
        "--restart",
        "on-failure:2",
        "busybox",
        "sh",
        "-c",
        "echo ran; exit 3",
    ])
    .success();
    wait_for(
        &env,
        "flaky",
        "{{.State.Status}}",
        "exited",
        Duration::from_secs(20),
    );
    assert_eq!(restart_count(&env, "flaky"), 2);
    assert_eq!(inspect(&env, "flaky", "{{.State.ExitCode}}"), "3");
    assert_eq!(
        inspect(
            &env,
            "flaky",
            "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}"
        ),
        "on-failure 2"
    );
    // Three runs of the same container, one log.
    let logs = env.rpod(&["logs", "flaky"]).success().stdout.clone();
    assert_eq!(logs.matches("ran").count(), 3, "{logs}");
    let events = env
        .rpod(&[
            "events",
            "--stream=false",
            "--filter",
            "event=restart",
            "--format",
            "{{.Action}}",
        ])
        .success()
        .stdout
        .clone();
    assert_eq!(
        events.lines().filter(|l| *l == "restart").count(),
        2,
        "{events}"
    );
}

#[test]
fn on_failure_does_not_restart_a_success() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "ok",
        "--restart",
        "on-failure",
        "busybox",
        "true",
    ])
    .success();
    wait_for(
        &env,
        "ok",
        "{{.State.Status}}",
        "exited",
        Duration::from_secs(10),
    );
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        inspect(&env, "ok", "{{.State.Status}} {{.RestartCount}}"),
        "exited 0"
    );
}

#[test]
fn always_restarts_a_clean_exit_in_the_same_container_until_stopped() {
    let env = Env::with_busybox();
    // The file persists in the container's writable layer across restarts.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "loop",
        "--restart",
        "always",
        "busybox",
        "sh",
        "-c",
        "echo x >> /runs; sleep 0.2",
    ])
    .success();
    let id = inspect(&env, "loop", "{{.Id}}");
    let start = Instant::now();
    while restart_count(&env, "loop") < 3 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no third restart"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    env.rpod(&["stop", "-t", "1", "loop"]).success();
    assert_eq!(inspect(&env, "loop", "{{.State.Status}}"), "exited");
    let count = restart_count(&env, "loop");
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(inspect(&env, "loop", "{{.State.Status}}"), "exited");
    assert_eq!(restart_count(&env, "loop"), count, "restarted after stop");
    assert_eq!(inspect(&env, "loop", "{{.Id}}"), id);
    // `start` runs it again: the runs so far are all in its layer. Read back stopped: a run
    // lasts 0.2 s, less than an exec may take to reach it on a loaded machine.
    env.rpod(&["start", "loop"]).success();
    env.rpod(&["stop", "-t", "1", "loop"]).success();
    env.rpod(&["cp", "loop:/runs", "runs"]).success();
    let runs = std::fs::read_to_string(env.path("work").join("runs"))
        .unwrap()
        .lines()
        .count();
    assert!(
        runs as u32 > count,
        "{runs} runs recorded, {count} restarts"
    );
    env.rpod(&["rm", "-f", "loop"]).success();
}

#[test]
fn stop_and_kill_never_trigger_a_restart() {
    let env = Env::with_busybox();
    for (name, verb) in [("stopped", "stop"), ("killed", "kill")] {
        env.rpod(&[
            "run",
            "-d",
            "--name",
            name,
            "--restart",
            "always",
            "busybox",
            "sleep",
            "1000",
        ])
        .success();
        env.rpod(&[verb, name]).success();
        wait_for(
            &env,
            name,
            "{{.State.Status}}",
            "exited",
            Duration::from_secs(15),
        );
        std::thread::sleep(Duration::from_millis(800));
        assert_eq!(
            inspect(&env, name, "{{.State.Status}} {{.RestartCount}}"),
            "exited 0",
            "{verb}"
        );
    }
}

#[test]
fn stop_during_the_back_off_ends_the_container() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "crash",
        "--restart",
        "always",
        "busybox",
        "false",
    ])
    .success();
    // After a few quick failures the back-off is long enough to catch.
    wait_for(
        &env,
        "crash",
        "{{.State.Status}}",
        "restarting",
        Duration::from_secs(20),
    );
    let ps = env
        .rpod(&["ps", "-a", "--format", "{{.Status}}"])
        .success()
        .stdout
        .clone();
    assert!(ps.starts_with("Restarting (1) "), "{ps}");
    env.rpod(&["stop", "crash"]).success();
    assert_eq!(inspect(&env, "crash", "{{.State.Status}}"), "exited");
    let count = restart_count(&env, "crash");
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(restart_count(&env, "crash"), count);
}

/// The delay between runs doubles from 100 ms: the gaps between the runs' log lines grow.
#[test]
fn back_off_grows_between_restarts() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "backoff",
        "--restart",
        "on-failure:4",
        "busybox",
        "sh",
        "-c",
        "echo ran; exit 1",
    ])
    .success();
    wait_for(
        &env,
        "backoff",
        "{{.State.Status}}",
        "exited",
        Duration::from_secs(30),
    );
    let logs = env
        .rpod(&["logs", "-t", "backoff"])
        .success()
        .stdout
        .clone();
    let times: Vec<jiff::Timestamp> = logs
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(times.len(), 5, "{logs}");
    let gaps: Vec<i64> = times
        .windows(2)
        .map(|w| w[1].duration_since(w[0]).as_millis() as i64)
        .collect();
    // 100, 200, 400, 800 ms plus each start's own cost, which varies on a busy machine.
    for (gap, delay) in gaps.iter().zip([100, 200, 400, 800]) {
        assert!(*gap >= delay, "{gaps:?}");
    }
    assert!(gaps[3] >= gaps[0] + 500, "{gaps:?}");
}

#[test]
fn a_restart_policy_is_refused_with_rm_and_checked() {
    let env = Env::with_busybox();
    env.rpod(&["run", "--rm", "--restart", "always", "busybox", "true"])
        .code(125)
        .stderr_has("--rm option conflicts");
    env.rpod(&["create", "--restart", "sometimes", "busybox", "true"])
        .code(125)
        .stderr_has("on-failure[:N]");
    assert!(env.rpod(&["ps", "-aq"]).success().trimmed().is_empty());
}

#[test]
fn update_restart_reaches_a_running_container_and_start_filters_by_policy() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "svc",
        "busybox",
        "sh",
        "-c",
        "sleep 1; exit 2",
    ])
    .success();
    env.rpod(&["update", "--restart", "on-failure:1", "svc"])
        .success();
    assert_eq!(
        inspect(&env, "svc", "{{.HostConfig.RestartPolicy.Name}}"),
        "on-failure"
    );
    // The running monitor read the new policy at the exit: one restart, then exited.
    wait_for(
        &env,
        "svc",
        "{{.State.Status}} {{.RestartCount}}",
        "exited 1",
        Duration::from_secs(20),
    );
    env.rpod(&["update", "--restart", "sometimes", "svc"])
        .code(125)
        .stderr_has("on-failure[:N]");

    // What a login unit runs: only the containers whose policy says so, and not an
    // unless-stopped one its user stopped.
    for (name, policy) in [
        ("always", "always"),
        ("never", "no"),
        ("kept", "unless-stopped"),
        ("manual", "unless-stopped"),
    ] {
        env.rpod(&[
            "create",
            "--name",
            name,
            "--restart",
            policy,
            "busybox",
            "sleep",
            "1000",
        ])
        .success();
    }
    env.rpod(&["start", "manual"]).success();
    env.rpod(&["stop", "-t", "0", "manual"]).success();
    for policy in ["always", "unless-stopped"] {
        env.rpod(&[
            "start",
            "--all",
            "--filter",
            &format!("restart-policy={policy}"),
        ])
        .success();
    }
    let running = env
        .rpod(&["ps", "--format", "{{.Names}}"])
        .success()
        .stdout
        .clone();
    let mut running: Vec<_> = running.lines().collect();
    running.sort();
    assert_eq!(running, ["always", "kept"]);
    env.rpod(&["rm", "-f", "-a"]).success();
}

/// The `monitor.json` files under the environment's runtime directory.
fn monitor_records(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            monitor_records(&path, found);
        } else if path.file_name().is_some_and(|n| n == "monitor.json") {
            found.push(path);
        }
    }
}

#[test]
fn a_monitor_killed_during_a_restart_leaves_a_consistent_record() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "dying",
        "--restart",
        "always",
        "busybox",
        "false",
    ])
    .success();
    wait_for(
        &env,
        "dying",
        "{{.State.Status}}",
        "restarting",
        Duration::from_secs(20),
    );
    let mut records = Vec::new();
    monitor_records(&env.path("runtime"), &mut records);
    assert_eq!(records.len(), 1, "{records:?}");
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&records[0]).unwrap()).unwrap();
    let monitor = record["monitor"]["pid"].as_i64().unwrap() as i32;
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(monitor),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    wait_for(
        &env,
        "dying",
        "{{.State.Status}}",
        "exited",
        Duration::from_secs(10),
    );
    assert!(inspect(&env, "dying", "{{.State.Error}}").contains("monitor"));
    // Nothing half-done is left in the way: it starts and is removed as any other.
    env.rpod(&["start", "dying"]).success();
    env.rpod(&["rm", "-f", "dying"]).success();
    assert!(env.rpod(&["ps", "-aq"]).success().trimmed().is_empty());
}

/// A datagram socket the unprivileged rpod can write to, as systemd's NOTIFY_SOCKET is.
fn notify_listener(env: &Env) -> (std::os::unix::net::UnixDatagram, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let path = env.path("work").join("notify.sock");
    let listener = std::os::unix::net::UnixDatagram::bind(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
    listener
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    (listener, path)
}

#[test]
fn sdnotify_conmon_sends_ready_and_the_monitor_pid_once_the_container_runs() {
    let env = Env::with_busybox();
    let (listener, path) = notify_listener(&env);
    let out = env.run_with_stdin(
        {
            let mut cmd = env.rpod_cmd([
                "run",
                "-d",
                "--name",
                "unit",
                "--sdnotify=conmon",
                "busybox",
                "sleep",
                "1000",
            ]);
            cmd.env("NOTIFY_SOCKET", &path);
            cmd
        },
        None,
    );
    out.success();
    let mut buf = [0u8; 256];
    let n = listener
        .recv(&mut buf)
        .expect("no READY=1 from the monitor");
    let message = String::from_utf8_lossy(&buf[..n]).to_string();
    assert!(message.contains("READY=1\n"), "{message}");
    let mut records = Vec::new();
    monitor_records(&env.path("runtime"), &mut records);
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&records[0]).unwrap()).unwrap();
    let monitor = record["monitor"]["pid"].as_i64().unwrap();
    assert!(
        message.contains(&format!("MAINPID={monitor}\n")),
        "{message}"
    );
    assert_eq!(
        inspect(&env, "unit", "{{.State.Status}} {{.Config.SdNotifyMode}}"),
        "running conmon"
    );
    env.rpod(&["rm", "-f", "unit"]).success();

    // Without --sdnotify the socket is left alone.
    let mut cmd = env.rpod_cmd(["run", "-d", "--name", "quiet", "busybox", "sleep", "1000"]);
    cmd.env("NOTIFY_SOCKET", &path);
    env.run_with_stdin(cmd, None).success();
    assert!(listener.recv(&mut buf).is_err(), "ignore sent something");
    env.rpod(&["rm", "-f", "quiet"]).success();
}

#[test]
fn sdnotify_container_relays_what_the_container_says_with_the_monitor_as_main_pid() {
    // Debian's perl-base can send a datagram; busybox has nothing that can.
    let env = Env::with_debian();
    let (listener, path) = notify_listener(&env);
    let notify = "use IO::Socket::UNIX; \
        my $s = IO::Socket::UNIX->new(Type => SOCK_DGRAM(), Peer => $ENV{NOTIFY_SOCKET}) or die $!; \
        $s->send(qq(STATUS=warming up\nMAINPID=1\n)); sleep 1; $s->send(qq(READY=1\n))";
    let script = format!("echo \"$NOTIFY_SOCKET\"; perl -e '{notify}'; sleep 1000");
    let mut cmd = env.rpod_cmd([
        "run",
        "-d",
        "--name",
        "svc",
        "--sdnotify=container",
        crate::common::debian::DEBIAN,
        "sh",
        "-c",
        &script,
    ]);
    cmd.env("NOTIFY_SOCKET", &path);
    env.run_with_stdin(cmd, None).success();
    let mut buf = [0u8; 256];
    let mut next = || {
        let n = listener.recv(&mut buf).expect("nothing relayed");
        String::from_utf8_lossy(&buf[..n]).to_string()
    };
    let status = next();
    // The monitor did not say READY for the container: the container's first word comes
    // first, and its own pid (1 in its namespace) is replaced by the monitor's.
    let mut records = Vec::new();
    monitor_records(&env.path("runtime"), &mut records);
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&records[0]).unwrap()).unwrap();
    let monitor = record["monitor"]["pid"].as_i64().unwrap();
    assert_eq!(status, format!("MAINPID={monitor}\nSTATUS=warming up\n"));
    assert_eq!(next(), format!("MAINPID={monitor}\nREADY=1\n"));
    let out = env.rpod(&["logs", "svc"]);
    assert_eq!(out.success().lines()[0], "/run/notify/notify.sock");
    assert_eq!(
        inspect(&env, "svc", "{{.Config.SdNotifyMode}}"),
        "container"
    );
    env.rpod(&["rm", "-f", "svc"]).success();

    // With no NOTIFY_SOCKET (not under systemd) there is nothing to relay to, and the
    // container gets none.
    env.rpod(&[
        "run",
        "--rm",
        "--sdnotify=container",
        crate::common::debian::DEBIAN,
        "sh",
        "-c",
        "echo \"[$NOTIFY_SOCKET]\"; test ! -e /run/notify",
    ])
    .success()
    .stdout_has("[]");
}

#[test]
fn sdnotify_healthy_sends_ready_at_the_first_healthy_check() {
    let env = Env::with_busybox();
    let (listener, path) = notify_listener(&env);
    let mut cmd = env.rpod_cmd([
        "run",
        "-d",
        "--name",
        "svc",
        "--sdnotify=healthy",
        "--health-cmd",
        "test -f /tmp/ok",
        "--health-interval",
        "100ms",
        "--health-start-period",
        "1m",
        "--health-start-interval",
        "100ms",
        "busybox",
        "sleep",
        "1000",
    ]);
    cmd.env("NOTIFY_SOCKET", &path);
    env.run_with_stdin(cmd, None).success();
    let mut buf = [0u8; 256];
    // Running, but not healthy: nothing yet (the listener waits 2 s).
    assert!(listener.recv(&mut buf).is_err(), "READY before healthy");
    assert_eq!(inspect(&env, "svc", "{{.State.Health.Status}}"), "starting");
    env.rpod(&["exec", "svc", "touch", "/tmp/ok"]).success();
    let n = listener.recv(&mut buf).expect("no READY=1 once healthy");
    let message = String::from_utf8_lossy(&buf[..n]).to_string();
    assert!(message.contains("READY=1\n"), "{message}");
    assert!(message.contains("MAINPID="), "{message}");
    assert_eq!(inspect(&env, "svc", "{{.State.Health.Status}}"), "healthy");
    env.rpod(&["rm", "-f", "svc"]).success();
    env.rpod(&["run", "--sdnotify=healthy", "busybox", "true"])
        .code(125)
        .stderr_has("READY=1 waits for a healthy check");
}

/// `systemd-analyze verify` on a unit file; its complaints about this unit, if any.
pub fn verify_unit(env: &Env, path: &std::path::Path) {
    let out = std::process::Command::new("systemd-analyze")
        // The man page is rpod's, generated but not installed here.
        .args(["verify", "--man=no"])
        .arg(path)
        .env("SYSTEMD_LOG_LEVEL", "warning")
        .output()
        .expect("systemd-analyze (contrib/test installs systemd)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let name = path.file_name().unwrap().to_string_lossy();
    let about_ours: Vec<_> = stderr.lines().filter(|l| l.contains(&*name)).collect();
    assert!(
        out.status.success() && about_ours.is_empty(),
        "{}\n{stderr}",
        std::fs::read_to_string(path).unwrap()
    );
    let _ = env;
}

#[test]
fn generate_systemd_writes_notify_units_that_systemd_accepts() {
    let env = Env::with_busybox();
    env.rpod(&[
        "create",
        "--name",
        "web",
        "-e",
        "GREETING=100% $HOME",
        "--restart",
        "always",
        "busybox",
        "sh",
        "-c",
        "echo hi; sleep 1000",
    ])
    .success();
    let dir = env.path("work");
    let mut cmd = env.rpod_cmd([
        "generate",
        "systemd",
        "--new",
        "--name",
        "--files",
        "--after",
        "db.service",
        "--restart-policy",
        "always",
        "web",
    ]);
    cmd.current_dir(&dir);
    let out = env.run_with_stdin(cmd, None);
    out.success();
    let path = dir.join("container-web.service");
    assert_eq!(out.trimmed(), path.display().to_string());
    let unit = std::fs::read_to_string(&path).unwrap();
    for line in [
        "Type=notify\n",
        "NotifyAccess=all\n",
        "Delegate=yes\n",
        "Restart=always\n",
        "TimeoutStopSec=70\n",
        "After=db.service\n",
        " run --cidfile=%t/%n.ctr-id --rm --sdnotify=conmon --replace -d --name web -e \"GREETING=100%% $$HOME\" busybox sh -c \"echo hi; sleep 1000\"\n",
        " stop --ignore -t 10 --cidfile=%t/%n.ctr-id\n",
        " rm -f --ignore -t 10 --cidfile=%t/%n.ctr-id\n",
    ] {
        assert!(unit.contains(line), "{line:?} not in\n{unit}");
    }
    assert!(!unit.contains("--restart"), "{unit}");
    verify_unit(&env, &path);

    // Without --new the container must announce itself.
    env.rpod(&["generate", "systemd", "web"])
        .code(125)
        .stderr_has("--sdnotify=conmon");
    env.rpod(&[
        "create",
        "--name",
        "svc",
        "--sdnotify=conmon",
        "busybox",
        "sleep",
        "1000",
    ])
    .success();
    let unit = env
        .rpod(&["generate", "systemd", "--name", "svc"])
        .success()
        .stdout
        .clone();
    assert!(
        unit.contains(" start svc\n") && unit.contains("Type=notify\n"),
        "{unit}"
    );
    let path = env.write_file("work/container-svc.service", unit.as_bytes());
    verify_unit(&env, &path);
}

#[test]
fn the_pid_file_follows_a_restart_and_the_conmon_pid_file_names_the_monitor() {
    let env = Env::with_busybox();
    let path = env.path("work/pid");
    let monitor_path = env.path("work/conmon.pid");
    // The first run exits at once; the second one stays.
    env.rpod(&[
        "run",
        "-d",
        "--network",
        "none",
        "--name",
        "twice",
        "--restart",
        "on-failure",
        "--pidfile",
        path.to_str().unwrap(),
        "--conmon-pidfile",
        monitor_path.to_str().unwrap(),
        "busybox",
        "sh",
        "-c",
        "test -e /once && exec sleep 30; touch /once; exit 1",
    ])
    .success();
    wait_for(
        &env,
        "twice",
        "{{.RestartCount}}",
        "1",
        Duration::from_secs(20),
    );
    wait_for(
        &env,
        "twice",
        "{{.State.Status}}",
        "running",
        Duration::from_secs(20),
    );
    let pid = inspect(&env, "twice", "{{.State.Pid}}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), pid);
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap();
    assert_eq!(comm.trim(), "sleep");
    // The monitor that restarted the container is still its parent.
    let monitor = std::fs::read_to_string(&monitor_path).unwrap();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    assert!(
        status.contains(&format!("\nPPid:\t{monitor}\n")),
        "{status}"
    );
    env.rpod(&["rm", "-f", "-t", "0", "twice"]).success();
}
