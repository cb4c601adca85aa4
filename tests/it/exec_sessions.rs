//! Exec sessions as container state: made and run through the API by the Python docker SDK,
//! seen by a service started afterwards, listed by `inspect`'s `ExecIDs`, ended by `container
//! cleanup --exec`, finished when their container stops and gone with it.

use crate::api::Service;
use crate::common::Env;
use crate::common::env::Out;

/// The SDK's low-level calls, one step per run: `SCRIPT HOST STEP ARGS…`.
const SDK: &str = r#"
import sys, time, docker
api = docker.APIClient(base_url=sys.argv[1], version="1.41")
step, args = sys.argv[2], sys.argv[3:]
if step == "run":
    done = api.exec_create("box", ["sh", "-c", "echo hi; echo err >&2; exit 3"])["Id"]
    out, err = api.exec_start(done, demux=True)
    print("output:", out.decode().strip(), err.decode().strip())
    slow = api.exec_create("box", ["sleep", "300"])["Id"]
    api.exec_start(slow, detach=True)
    print("ids:", done, slow)
elif step == "inspect":
    for id in args:
        i = api.exec_inspect(id)
        c = i["ProcessConfig"]
        print(id, "running=%s code=%s pid=%s cmd=%s container=%s" % (
            i["Running"], i["ExitCode"], i["Pid"] > 0,
            " ".join([c["entrypoint"]] + c["arguments"]), i["ContainerID"]))
elif step == "detached":
    id = api.exec_create("box", ["sleep", "300"])["Id"]
    api.exec_start(id, detach=True)
    print("id:", id)
elif step == "ended":
    deadline = time.time() + 30
    while api.exec_inspect(args[0])["ExitCode"] is None and time.time() < deadline:
        time.sleep(0.1)
    i = api.exec_inspect(args[0])
    print("running=%s code=%s" % (i["Running"], i["ExitCode"]))
elif step == "missing":
    try:
        api.exec_inspect(args[0])
        print("found")
    except docker.errors.NotFound as e:
        print("not found:", e.explanation)
"#;

fn sdk(env: &Env, service: &Service, args: &[&str]) -> Out {
    let script = env.write_file("work/exec_sessions.py", SDK.as_bytes());
    let host = service.host();
    let mut all = vec![script.to_str().unwrap(), host.as_str()];
    all.extend_from_slice(args);
    env.run_as_user("/usr/bin/python3", &all)
}

fn exec_ids(env: &Env) -> Vec<String> {
    let out = env.rpod(&["inspect", "box"]);
    let doc: serde_json::Value = serde_json::from_str(&out.success().stdout).unwrap();
    doc[0]["ExecIDs"]
        .as_array()
        .unwrap_or_else(|| panic!("no ExecIDs: {out:?}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// The line `inspect` printed for session `id`.
fn inspected(out: &Out, id: &str) -> String {
    out.success()
        .lines()
        .into_iter()
        .find_map(|l| l.strip_prefix(&format!("{id} ")))
        .unwrap_or_else(|| panic!("no line for {id}: {out:?}"))
        .to_string()
}

#[test]
fn exec_sessions_live_in_the_container_across_services_until_cleaned_up() {
    let env = Env::with_busybox();
    env.rpod(&["run", "-d", "--name", "box", "busybox", "sleep", "300"])
        .success();
    let box_id = env
        .rpod(&["inspect", "--format", "{{.Id}}", "box"])
        .success()
        .trimmed()
        .to_string();
    let first = Service::start(&env, "0");
    let ran = sdk(&env, &first, &["run"]);
    ran.success().stdout_has("output: hi err");
    let ids = ran
        .lines()
        .into_iter()
        .find_map(|l| l.strip_prefix("ids: "))
        .unwrap_or_else(|| panic!("{ran:?}"))
        .split(' ')
        .map(str::to_string)
        .collect::<Vec<_>>();
    let (done, slow) = (ids[0].as_str(), ids[1].as_str());
    drop(first);

    // A service started afterwards knows both, from the container's state.
    let second = Service::start_at(&env, "0", "runtime/second.sock");
    let out = sdk(&env, &second, &["inspect", done, slow]);
    assert_eq!(
        inspected(&out, done),
        format!(
            "running=False code=3 pid=True cmd=sh -c echo hi; echo err >&2; exit 3 container={box_id}"
        )
    );
    assert_eq!(
        inspected(&out, slow),
        format!("running=True code=None pid=True cmd=sleep 300 container={box_id}")
    );
    let mut listed = exec_ids(&env);
    listed.sort();
    let mut expected = vec![done.to_string(), slow.to_string()];
    expected.sort();
    assert_eq!(listed, expected);

    // A running session is not cleaned up, nor removed.
    let refused = env.rpod(&["container", "cleanup", "--exec", slow, "box"]);
    refused.code(125).stderr_has(&format!(
        "cannot clean up container {box_id} exec session {slow} as it is running: exec session state improper"
    ));
    let refused = env.rpod(&["container", "cleanup", "--exec", slow, "--rm", "box"]);
    refused.code(125).stderr_has(&format!(
        "container {box_id} exec session {slow} is still running, cannot remove"
    ));
    // A finished one: cleaned up it stays with its exit code, removed it is gone.
    env.rpod(&["container", "cleanup", "--exec", done, "box"])
        .success()
        .stdout_has("box");
    assert!(exec_ids(&env).contains(&done.to_string()));
    let out = sdk(&env, &second, &["inspect", done]);
    assert!(
        inspected(&out, done).starts_with("running=False code=3 "),
        "{out:?}"
    );
    env.rpod(&["container", "cleanup", "--exec", done, "--rm", "box"])
        .success();
    assert_eq!(exec_ids(&env), vec![slow.to_string()]);
    sdk(&env, &second, &["missing", done])
        .success()
        .stdout_has(&format!("not found: No such exec instance: {done}"));
    let unknown = "0".repeat(64);
    env.rpod(&["container", "cleanup", "--exec", &unknown, "box"])
        .code(125)
        .stderr_has(&format!(
            "container {box_id} has no exec session with ID {unknown}: no such exec session"
        ));

    // The container stops: every session reads as finished. The one whose service still
    // waits gets its code (SIGKILL's); the one whose service was killed has none.
    let watched = sdk(&env, &second, &["detached"]);
    let watched = watched
        .success()
        .stdout
        .trim()
        .strip_prefix("id: ")
        .unwrap_or_else(|| panic!("{watched:?}"))
        .to_string();
    env.rpod(&["stop", "-t", "0", "box"]).success();
    sdk(&env, &second, &["ended", &watched])
        .success()
        .stdout_has("running=False code=137");
    let out = sdk(&env, &second, &["inspect", slow]);
    assert!(
        inspected(&out, slow).starts_with("running=False code=None "),
        "{out:?}"
    );

    // The sessions go with the container.
    env.rpod(&["rm", "box"]).success();
    sdk(&env, &second, &["missing", slow])
        .success()
        .stdout_has("not found: No such exec instance");
}

#[test]
fn cleanup_exec_takes_one_container_and_not_all_or_rmi() {
    let env = Env::with_busybox();
    let session = "1".repeat(64);
    env.rpod(&["container", "cleanup", "--exec", &session, "a", "b"])
        .code(125)
        .stderr_has("cannot use exec option when more than one container is given");
    env.rpod(&["container", "cleanup", "--exec", &session, "--all"])
        .code(125)
        .stderr_has("--all");
    env.rpod(&["container", "cleanup", "--exec", &session, "--rmi", "a"])
        .code(125)
        .stderr_has("--rmi");
    env.rpod(&["container", "cleanup", "--exec", &session, "nosuch"])
        .code(1)
        .stderr_has("no such container");
}
