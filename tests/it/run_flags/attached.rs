//! How an attached `run` is wired to this command: `-a`, `--sig-proxy`, `--detach-keys`.

use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::run;
use crate::common::Env;

pub fn attach(env: &Env) {
    let both = ["sh", "-c", "echo out-1; echo err-2 >&2"];
    let only_err = run(env, &["-a", "stderr"], &both);
    only_err.success().stderr_has("err-2");
    assert!(!only_err.stdout.contains("out-1"), "{}", only_err.stdout);
    let only_out = run(env, &["--attach", "stdout"], &both);
    only_out.success().stdout_has("out-1");
    assert!(!only_out.stderr.contains("err-2"), "{}", only_out.stderr);
    let mut args = vec!["run", "--rm", "--network", "none", "-i"];
    args.extend(["-a", "stdin", "-a", "stdout", "busybox", "cat"]);
    env.rpod_with_stdin(&args, b"piped-in\n")
        .success()
        .stdout_has("piped-in");
    run(env, &["-a", "stdio"], &["true"])
        .code(125)
        .stderr_has("invalid --attach \"stdio\"");
    env.rpod(&["run", "-d", "-a", "stdout", "busybox", "true"])
        .code(125)
        .stderr_has("cannot also be attached");
    create_attach(env, &both);
}

/// `create -a`: the streams a later `start -a` relays, as docker's.
fn create_attach(env: &Env, both: &[&str]) {
    for (stream, field, name, shown, hidden) in [
        ("stderr", "Stderr", "attach-err", "err-2", "out-1"),
        ("stdout", "Stdout", "attach-out", "out-1", "err-2"),
    ] {
        let mut args = vec!["create", "--network", "none", "--name", name, "-a", stream];
        args.push("busybox");
        args.extend(both);
        env.rpod(&args).success();
        let field = format!("{{{{.Config.AttachStdin}}}} {{{{.Config.Attach{field}}}}}");
        assert_eq!(
            crate::services::inspect(env, name, &field),
            "false true",
            "{name}"
        );
        let started = env.rpod(&["start", "-a", name]);
        started.success();
        let (out, err) = (&started.stdout, &started.stderr);
        let (seen, unseen) = match stream {
            "stderr" => (err, out),
            _ => (out, err),
        };
        assert!(seen.contains(shown), "{name}: {seen:?}");
        assert!(!unseen.contains(hidden), "{name}: {unseen:?}");
        env.rpod(&["rm", name]).success();
    }
    env.rpod(&["create", "-a", "stdio", "busybox", "true"])
        .code(125)
        .stderr_has("invalid --attach \"stdio\"");
}

/// Waits until `ps -a` shows `name` in `state`.
fn wait_state(env: &Env, name: &str, state: &str) {
    let start = Instant::now();
    let line = format!("{name} {state}");
    loop {
        let ps = env.rpod(&["ps", "-a", "--format", "{{.Names}} {{.State}}"]);
        if ps.stdout.lines().any(|l| l == line) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no {line}: {}",
            ps.stdout
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn term_attached(env: &Env, flags: &[&str], name: &str) {
    let mut args = vec![
        "run",
        "--network",
        "none",
        "--name",
        name,
        "--stop-timeout",
        "1",
    ];
    args.extend_from_slice(flags);
    args.extend(["busybox", "sleep", "300"]);
    let mut child = env
        .rpod_cmd(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_state(env, name, "running");
    kill(Pid::from_raw(child.id() as i32), Signal::SIGTERM).unwrap();
    let status = child.wait().unwrap();
    // Without the proxy the signal ends rpod itself; with it rpod stops the container first.
    let proxied = !flags.contains(&"--sig-proxy=false");
    assert_eq!(status.signal().is_none(), proxied, "{status:?}");
}

pub fn sig_proxy(env: &Env) {
    term_attached(env, &["--sig-proxy=false"], "unproxied");
    wait_state(env, "unproxied", "running");
    term_attached(env, &[], "proxied");
    wait_state(env, "proxied", "exited");
    env.rpod(&["rm", "-f", "unproxied", "proxied"]).success();
    env.rpod(&["run", "-d", "--sig-proxy", "busybox", "true"])
        .code(125)
        .stderr_has("no attached rpod");
}

/// rpod `args` under a terminal (script(1)), with what it printed so far.
fn in_terminal(env: &Env, args: &str) -> (Child, Arc<Mutex<String>>) {
    let rpod = crate::common::env::rpod_bin();
    let mut cmd = env.command("script");
    cmd.args(["-qec", &format!("{} {args}", rpod.display()), "/dev/null"]);
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let seen = Arc::new(Mutex::new(String::new()));
    let sink = seen.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = stdout.read(&mut buf) {
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    (child, seen)
}

fn wait_seen(seen: &Mutex<String>, what: &str) {
    let start = Instant::now();
    while !seen.lock().unwrap().contains(what) {
        let so_far = seen.lock().unwrap().clone();
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no {what}: {so_far}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub fn detach_keys(env: &Env) {
    let (mut child, seen) = in_terminal(
        env,
        "run -it --network none --name keys --detach-keys ctrl-a,x busybox sh",
    );
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"echo ready-$((6*7))\n").unwrap();
    wait_seen(&seen, "ready-42");
    // ^P^Q no longer detaches: it reaches the shell (^U then clears the line it edits).
    stdin
        .write_all(b"\x10\x11\x15echo still-$((1+1))\n")
        .unwrap();
    wait_seen(&seen, "still-2");
    stdin.write_all(b"\x01x").unwrap();
    assert!(child.wait().unwrap().success());
    wait_state(env, "keys", "running");
    // attach takes its own keys.
    let (mut child, seen) = in_terminal(env, "attach --detach-keys ctrl-b keys");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"echo again-$((2+3))\n").unwrap();
    wait_seen(&seen, "again-5");
    stdin.write_all(b"\x02").unwrap();
    assert!(child.wait().unwrap().success());
    wait_state(env, "keys", "running");
    env.rpod(&["rm", "-f", "keys"]).success();
    env.rpod(&["run", "-d", "--name", "no-tty", "busybox", "sleep", "300"])
        .success();
    env.rpod(&["attach", "--detach-keys", "ctrl-a", "no-tty"])
        .code(125)
        .stderr_has("the container has no terminal");
    env.rpod(&["rm", "-f", "no-tty"]).success();
    run(env, &["--detach-keys", "ctrl-1"], &["true"])
        .code(125)
        .stderr_has("invalid key \"ctrl-1\"");
    run(env, &["--detach-keys", "ctrl-a"], &["true"])
        .code(125)
        .stderr_has("only from the terminal of an attached -t container");
    run(env, &["--detach-keys", ""], &["echo", "no-keys"])
        .success()
        .stdout_has("no-keys");
}

/// `start --attach` with `--sig-proxy` and `--detach-keys`, as run has them.
#[test]
fn start_attached_proxies_signals_and_takes_detach_keys() {
    let env = Env::with_busybox();
    for (name, flags) in [("unproxied", "--sig-proxy=false"), ("proxied", "")] {
        env.rpod(&[
            "create",
            "--network",
            "none",
            "--name",
            name,
            "--stop-timeout",
            "1",
            "busybox",
            "sleep",
            "300",
        ])
        .success();
        let mut args = vec!["start", "-a", name];
        args.extend(flags.split_whitespace());
        let mut child = env
            .rpod_cmd(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_state(&env, name, "running");
        kill(Pid::from_raw(child.id() as i32), Signal::SIGTERM).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.signal().is_none(), flags.is_empty(), "{status:?}");
    }
    wait_state(&env, "unproxied", "running");
    wait_state(&env, "proxied", "exited");
    env.rpod(&[
        "create",
        "-it",
        "--network",
        "none",
        "--name",
        "keys",
        "busybox",
        "sh",
    ])
    .success();
    let (mut child, seen) = in_terminal(&env, "start -ai --detach-keys ctrl-b keys");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"echo started-$((6*7))\n").unwrap();
    wait_seen(&seen, "started-42");
    stdin.write_all(b"\x02").unwrap();
    assert!(child.wait().unwrap().success());
    wait_state(&env, "keys", "running");
    env.rpod(&["start", "--detach-keys", "ctrl-b", "proxied"])
        .code(125)
        .stderr_has("add --attach");
    env.rpod(&["start", "-a", "--detach-keys", "ctrl-b", "proxied"])
        .code(125)
        .stderr_has("the container has no terminal");
    assert_eq!(
        env.rpod(&["ps", "-a", "--format", "{{.Names}} {{.State}}"])
            .lines()
            .into_iter()
            .filter(|l| l.starts_with("proxied "))
            .collect::<Vec<_>>(),
        ["proxied exited"]
    );
}

/// `exec -it` detaches on its keys (podman's default ^P^Q, or `--detach-keys`) and the exec'd
/// process runs on; `--detach-keys ""` hands every key to the process.
#[test]
fn exec_detaches_and_the_process_runs_on() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--network",
        "none",
        "--name",
        "c",
        "busybox",
        "sleep",
        "300",
    ])
    .success();
    let (mut child, seen) = in_terminal(&env, "exec -it --detach-keys ctrl-b c sh");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"echo in-$((6*7))\n").unwrap();
    wait_seen(&seen, "in-42");
    // The shell is busy when rpod detaches: it writes the file only if it outlives rpod.
    stdin
        .write_all(b"sleep 2; echo after > /tmp/after\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    stdin.write_all(b"\x02").unwrap();
    let detached_at = Instant::now();
    assert!(child.wait().unwrap().success());
    assert!(
        detached_at.elapsed() < Duration::from_secs(1),
        "rpod returned at the keys, not when the command ended"
    );
    std::thread::sleep(Duration::from_secs(3));
    env.rpod(&["exec", "c", "cat", "/tmp/after"])
        .success()
        .stdout_has("after");

    // The default keys, ^P^Q.
    let (mut child, seen) = in_terminal(&env, "exec -it c sh");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"echo default-$((2+3))\n").unwrap();
    wait_seen(&seen, "default-5");
    stdin.write_all(b"\x10\x11").unwrap();
    assert!(child.wait().unwrap().success());

    // No keys: ^P^Q reaches the shell (^U then clears the line it edits), which ends by exit.
    let (mut child, seen) = in_terminal(&env, "exec -it --detach-keys= c sh");
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"\x10\x11\x15echo kept-$((1+1))\n")
        .unwrap();
    wait_seen(&seen, "kept-2");
    stdin.write_all(b"exit 3\n").unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(3));

    env.rpod(&["exec", "--detach-keys", "ctrl-a", "c", "true"])
        .code(125)
        .stderr_has("only from the terminal of an attached exec -it");
    env.rpod(&["exec", "-it", "--detach-keys", "ctrl-1", "c", "true"])
        .code(125)
        .stderr_has("invalid key \"ctrl-1\"");
    env.rpod(&["rm", "-f", "c"]).success();
}
