//! Working with running containers: exec and attach.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::Env;

#[test]
fn attach_and_detach_with_ctrl_p_ctrl_q() {
    use std::io::{Read, Write};
    let env = Env::with_busybox();
    env.rpod(&["run", "-dit", "--name", "shell", "busybox", "sh"])
        .success();
    let rpod = crate::common::env::rpod_bin();
    let mut cmd = env.command("script");
    cmd.args([
        "-qec",
        &format!("{} attach shell", rpod.display()),
        "/dev/null",
    ]);
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let reader = {
        let seen = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        })
    };
    stdin.write_all(b"echo attached-$((6*7))\n").unwrap();
    let start = Instant::now();
    while !seen.lock().unwrap().contains("attached-42") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no echo: {}",
            seen.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The terminal is raw by now: ^P^Q reaches rpod and detaches; the container runs on.
    stdin.write_all(b"\x10\x11").unwrap();
    let status = child.wait().unwrap();
    reader.join().unwrap();
    assert!(status.success());
    env.rpod(&["ps", "--format", "{{.Names}} {{.State}}"])
        .success()
        .stdout_has("shell running");
    env.rpod(&["attach", "nope"])
        .code(1)
        .stderr_has("no such container");
    env.rpod(&["rm", "-f", "shell"]).success();
}

#[test]
fn exec_joins_the_running_container() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "target",
        "-e",
        "FROM_RUN=1",
        "busybox",
        "sleep",
        "300",
    ])
    .success();
    env.rpod(&[
        "exec",
        "target",
        "sh",
        "-c",
        "echo pid=$$ $FROM_RUN; hostname; cat /proc/1/cmdline | tr '\\0' ' '",
    ])
    .success()
    .stdout_has("pid=")
    .stdout_has("1\n")
    .stdout_has("sleep 300");
    let pid = env.rpod(&["exec", "target", "sh", "-c", "echo $$"]);
    assert!(
        pid.success().trimmed().parse::<u32>().unwrap() < 20,
        "in the container's PID namespace: {}",
        pid.stdout
    );
    env.rpod(&["exec", "target", "true"]).code(0);
    env.rpod(&["exec", "target", "false"]).code(1);
    env.rpod(&["exec", "target", "sh", "-c", "exit 9"]).code(9);
    env.rpod(&["exec", "target", "no-such-command"])
        .code(127)
        .stderr_has("not found");
    env.rpod(&["exec", "target", "/etc/passwd"]).code(126);
    env.rpod_with_stdin(&["exec", "-i", "target", "tr", "a-z", "A-Z"], b"shout\n")
        .success()
        .stdout_has("SHOUT");
    env.rpod(&[
        "exec",
        "-w",
        "/tmp",
        "-e",
        "X=2",
        "target",
        "sh",
        "-c",
        "pwd; echo $X",
    ])
    .success()
    .stdout_has("/tmp\n2\n");
    // --env-file, then -e over it.
    let vars = env.write_file("work/exec.env", b"# comment\nX=from-file\nY=kept\n");
    let vars = vars.to_str().unwrap();
    env.rpod(&[
        "exec",
        "--env-file",
        vars,
        "-e",
        "X=flag",
        "target",
        "sh",
        "-c",
        "echo $X $Y",
    ])
    .success()
    .stdout_has("flag kept\n");
    env.rpod(&["exec", "--env-file", "/nonexistent.env", "target", "true"])
        .code(125)
        .stderr_has("/nonexistent.env");
    // Root emulation makes every user of the image available to exec.
    env.rpod(&["exec", "-u", "app", "target", "id"])
        .success()
        .stdout_has("uid=1000(app) gid=1000(app)");
    env.rpod(&["exec", "target", "grep", "CapEff", "/proc/self/status"])
        .success()
        .stdout_has("00000000a80425fb");
    env.rpod(&["exec", "-d", "target", "sleep", "77"]).success();
    env.rpod(&["exec", "target", "ps"])
        .success()
        .stdout_has("sleep 77");
    env.rpod(&["stop", "-t", "0", "target"]).success();
    env.rpod(&["exec", "target", "true"])
        .code(125)
        .stderr_has("can only exec into running containers");
}
