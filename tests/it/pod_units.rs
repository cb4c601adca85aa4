//! systemd units for pods: `generate systemd POD` (podman's set of units) and what a pod's
//! unit relies on (`pod create --exit-policy stop --infra-conmon-pidfile`), their commands run
//! as systemd would run them.

use std::time::Duration;

use crate::common::Env;
use crate::services::verify_unit;

#[test]
fn generate_systemd_of_a_pod_makes_its_unit_and_its_containers_units() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--name", "app", "--hostname", "apphost"])
        .success();
    env.rpod(&[
        "create", "--pod", "app", "--name", "member", "busybox", "sleep", "1000",
    ])
    .success();
    let dir = env.path("work");
    let mut cmd = env.rpod_cmd(["generate", "systemd", "--new", "--name", "--files", "app"]);
    cmd.current_dir(&dir);
    env.run_with_stdin(cmd, None)
        .success()
        .stdout_has("pod-app.service\n")
        .stdout_has("container-member.service\n");
    for name in ["pod-app.service", "container-member.service"] {
        verify_unit(&env, &dir.join(name));
    }
    let pod_unit = std::fs::read_to_string(dir.join("pod-app.service")).unwrap();
    assert_eq!(crate::quadlet::value(&pod_unit, "Type"), "forking");
    assert_eq!(
        crate::quadlet::value(&pod_unit, "Wants"),
        "container-member.service"
    );
    // The units make what they stand for: the old pod goes, the pod's unit makes it anew
    // (with the hostname it was made with) and its container joins it.
    env.rpod(&["pod", "rm", "-f", "app"]).success();
    crate::quadlet::run(&env, &dir, "pod-app.service", "ExecStartPre").success();
    crate::quadlet::run(&env, &dir, "pod-app.service", "ExecStart").success();
    let monitor = std::fs::read_to_string(env.path("runtime/pod-app.pid")).unwrap();
    crate::quadlet::run(&env, &dir, "container-member.service", "ExecStart").success();
    env.rpod(&["exec", "member", "hostname"])
        .success()
        .stdout_has("apphost");
    // Its container stopped, the pod's infra ends (the unit's exit policy is stop).
    crate::quadlet::run(&env, &dir, "container-member.service", "ExecStop").success();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while std::path::Path::new(&format!("/proc/{monitor}")).exists() {
        assert!(std::time::Instant::now() < deadline, "infra {monitor} runs");
        std::thread::sleep(Duration::from_millis(50));
    }
    crate::quadlet::run(&env, &dir, "pod-app.service", "ExecStopPost").success();
    env.rpod(&["pod", "exists", "app"]).code(1);

    // Without --new the pod's unit starts the infra, whose monitor writes its pid file.
    env.rpod(&["pod", "create", "--name", "kept"]).success();
    let unit = env
        .rpod(&["generate", "systemd", "--name", "kept"])
        .success()
        .stdout
        .clone();
    let pid_file = crate::quadlet::value(&unit, "PIDFile");
    env.rpod(&["pod", "start", "kept"]).success();
    let monitor = std::fs::read_to_string(&pid_file).unwrap();
    let cmdline = std::fs::read_to_string(format!("/proc/{monitor}/cmdline")).unwrap();
    assert!(cmdline.contains("__monitor"), "{cmdline:?}");
    env.rpod(&["pod", "rm", "-f", "kept"]).success();
    env.rpod(&["pod", "create", "--infra=false", "--name", "bare"])
        .success();
    env.rpod(&["generate", "systemd", "bare"])
        .code(125)
        .stderr_has("the pod has no infra container");
    env.rpod(&["generate", "systemd", "nothing"])
        .code(125)
        .stderr_has("no such container or pod");
}
