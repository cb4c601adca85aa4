//! podman's global options, which `run` and `create` accept as every verb does:
//! `--out`, `--volumepath`, `--network-config-dir`, `--config`, `--cdi-spec-dir` and
//! `--events-backend file` take effect; those that do not fit rpod are refused with the reason.

use crate::common::Env;

/// rpod's own output goes to the file; a container's (run's, exec's) still to stdout.
pub fn out(env: &Env) {
    let file = env.path("work/out.txt");
    let out = file.to_str().unwrap();
    let listed = env.rpod(&["--out", out, "images", "--format", "{{.Repository}}"]);
    assert_eq!(listed.success().stdout, "");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("busybox"), "{written}");

    let ran = env.rpod(&[
        "--out",
        out,
        "run",
        "--rm",
        "busybox",
        "echo",
        "from-container",
    ]);
    assert_eq!(ran.success().trimmed(), "from-container");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "");

    let id = env.rpod(&["--out", out, "create", "busybox", "sleep", "300"]);
    assert_eq!(id.success().stdout, "");
    let id = std::fs::read_to_string(&file).unwrap().trim().to_string();
    assert_eq!(id.len(), 64, "{id:?}");
    env.rpod(&["start", &id]).success();
    let exec = env.rpod(&["--out", out, "exec", &id, "echo", "from-exec"]);
    assert_eq!(exec.success().trimmed(), "from-exec");
    env.rpod(&["rm", "-f", "-t", "0", &id]).success();

    env.rpod(&["--out", "/nonexistent/dir/out", "images"])
        .code(125)
        .stderr_has("/nonexistent/dir/out");
}

/// Volumes are made, used and found under `--volumepath`, and only there.
pub fn volumepath(env: &Env) {
    let dir = env.path("work/vols");
    let vols = dir.to_str().unwrap();
    env.rpod(&["--volumepath", vols, "volume", "create", "elsewhere"])
        .success();
    env.rpod(&[
        "--volumepath",
        vols,
        "run",
        "--rm",
        "-v",
        "elsewhere:/d",
        "busybox",
        "sh",
        "-c",
        "echo kept > /d/f",
    ])
    .success();
    let inspect = [
        "volume",
        "inspect",
        "--format",
        "{{.Mountpoint}}",
        "elsewhere",
    ];
    let mut args = vec!["--volumepath", vols];
    args.extend(inspect);
    let mountpoint = env.rpod(&args).success().trimmed().to_string();
    assert!(mountpoint.starts_with(vols), "{mountpoint}");
    let kept = std::fs::read_to_string(std::path::Path::new(&mountpoint).join("f")).unwrap();
    assert_eq!(kept, "kept\n");
    env.rpod(&inspect).failure().stderr_has("no such volume");
    env.rpod(&["--volumepath", vols, "info", "--format", "json"])
        .success()
        .stdout_has(vols);
    env.rpod(&["--volumepath", vols, "volume", "rm", "elsewhere"])
        .success();
}

/// User-defined networks are recorded under `--network-config-dir`, and only there.
pub fn network_config_dir(env: &Env) {
    let dir = env.path("work/nets");
    let nets = dir.to_str().unwrap();
    env.rpod(&[
        "--network-config-dir",
        nets,
        "network",
        "create",
        "elsewhere",
    ])
    .success();
    assert!(dir.join("elsewhere.json").is_file());
    let ls = ["network", "ls", "--format", "{{.Name}}"];
    let mut args = vec!["--network-config-dir", nets];
    args.extend(ls);
    let names = env.rpod(&args);
    assert!(
        names.success().stdout.lines().any(|n| n == "elsewhere"),
        "{}",
        names.stdout
    );
    let names = env.rpod(&ls);
    assert!(
        !names.success().stdout.contains("elsewhere"),
        "{}",
        names.stdout
    );
    env.rpod(&["--network-config-dir", nets, "network", "rm", "elsewhere"])
        .success();
}

/// `--config DIR`: docker's client configuration, whose credentials rpod reads.
pub fn config(env: &Env) {
    // alice:secret
    env.write_file(
        "work/docker/config.json",
        br#"{"auths": {"registry.example:5000": {"auth": "YWxpY2U6c2VjcmV0"}}}"#,
    );
    let dir = env.path("work/docker");
    let get_login = ["login", "--get-login", "registry.example:5000"];
    let mut args = vec!["--config", dir.to_str().unwrap()];
    args.extend(get_login);
    assert_eq!(env.rpod(&args).success().trimmed(), "alice");
    env.rpod(&get_login).failure();
}

/// `--cdi-spec-dir DIR`: where CDI devices are looked up.
pub fn cdi_spec_dir(env: &Env) {
    // A kind of its own, which no other check's specification directory defines.
    let spec = super::cdi::GPU.replace("nvidia.com/gpu", "rpod.test/elsewhere");
    env.write_file("work/cdi-elsewhere/gpu.json", spec.as_bytes());
    let dir = env.path("work/cdi-elsewhere");
    let device = ["--device", "rpod.test/elsewhere=0", "busybox"];
    let mut args = vec!["--cdi-spec-dir", dir.to_str().unwrap(), "run", "--rm"];
    args.extend(device);
    args.extend([
        "sh",
        "-c",
        "test -c /dev/nvidia0 && echo $NVIDIA_VISIBLE_DEVICES",
    ]);
    assert_eq!(env.rpod(&args).success().trimmed(), "0");
    let mut args = vec!["run", "--rm"];
    args.extend(device);
    args.push("true");
    env.rpod(&args)
        .code(125)
        .stderr_has("rpod.test/elsewhere=0");
}

/// `--events-backend file` is what rpod does: the event log `events` reads.
pub fn events_backend(env: &Env) {
    env.rpod(&[
        "--events-backend",
        "file",
        "volume",
        "create",
        "logged-event",
    ])
    .success();
    let events = env.rpod(&[
        "events",
        "--stream=false",
        "--filter",
        "volume=logged-event",
    ]);
    events.success().stdout_has("logged-event");
    env.rpod(&["volume", "rm", "logged-event"]).success();
}

#[test]
fn globals_that_do_not_fit_are_refused_with_the_reason() {
    let env = Env::bare();
    for (args, reason) in [
        (&["--tmpdir", "/tmp/x"][..], "--runroot"),
        (&["--imagestore", "/tmp/x"][..], "additional-image-stores"),
        (&["--transient-store"][..], "no transient mode"),
        (
            &["--storage-opt", "overlay.mount_program=/x"][..],
            "containers-storage",
        ),
        (&["--module", "extra.conf"][..], "containers.conf"),
        (&["--syslog"][..], "stderr"),
        (&["--events-backend", "journald"][..], "event log"),
        (&["--events-backend", "none"][..], "event log"),
    ] {
        let mut argv = args.to_vec();
        argv.extend(["volume", "create", "never"]);
        env.rpod(&argv).code(125).stderr_has(reason);
    }
    // Nothing was done.
    assert_eq!(env.rpod(&["volume", "ls", "-q"]).success().stdout, "");
    // podman's `--storage-opt ""` asks for no options: what rpod has.
    env.rpod(&["--storage-opt", "", "volume", "create", "v"])
        .success();
}
