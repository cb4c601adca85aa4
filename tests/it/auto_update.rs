//! `auto-update`: which containers' units would restart, checked against the registry and the
//! local store; what it cannot update is named. The restart itself, through a real user
//! manager, runs in contrib/vm's guest (no systemd here).

use crate::common::Env;
use crate::common::registry::Registry;

/// Commits busybox with `/version` holding `version` as `name`.
fn make_version(env: &Env, name: &str, version: &str) {
    env.rpod(&[
        "run",
        "--name",
        "maker",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        &format!("echo {version} > /version"),
    ])
    .success();
    env.rpod(&["commit", "-q", "maker", name]).success();
    env.rpod(&["rm", "maker"]).success();
}

/// `run -d` as a unit's ExecStart runs it: with the unit's name in the environment.
fn run_in_unit(env: &Env, unit: Option<&str>, name: &str, policy: &str, image: &str) {
    let label = format!("io.containers.autoupdate={policy}");
    let mut cmd = env.rpod_cmd([
        "run",
        "-d",
        "--network",
        "none",
        "--name",
        name,
        "--label",
        &label,
        image,
        "sleep",
        "600",
    ]);
    if let Some(unit) = unit {
        cmd.env("PODMAN_SYSTEMD_UNIT", unit);
    }
    env.run_with_stdin(cmd, None).success();
}

fn dry_run(env: &Env) -> crate::common::env::Out {
    env.rpod(&[
        "auto-update",
        "--dry-run",
        "--format",
        "{{.ContainerName}} {{.Unit}} {{.Policy}} {{.Updated}}",
    ])
}

#[test]
fn auto_update_dry_run_sees_newer_images_in_the_registry_and_the_store() {
    let env = Env::with_busybox();
    let remote = format!(
        "{}/autoupdate-{}/app:latest",
        Registry::shared().addr(),
        std::process::id()
    );
    make_version(&env, &remote, "1");
    env.rpod(&["push", &remote]).success();
    run_in_unit(&env, Some("app.service"), "app", "registry", &remote);
    run_in_unit(&env, Some("loc.service"), "loc", "local", &remote);
    run_in_unit(&env, None, "loose", "registry", &remote);
    run_in_unit(&env, Some("short.service"), "short", "registry", "busybox");
    env.rpod(&[
        "inspect",
        "--format",
        "{{index .Config.Labels \"PODMAN_SYSTEMD_UNIT\"}}",
        "app",
    ])
    .success()
    .stdout_has("app.service");

    // Nothing newer yet; each container that cannot be checked is named with the reason.
    dry_run(&env)
        .code(125)
        .stdout_has("app app.service registry false\n")
        .stdout_has("loc loc.service local false\n")
        .stderr_has("auto-updating container loose: no PODMAN_SYSTEMD_UNIT label found")
        .stderr_has("auto-updating container short: image \"busybox\" is not fully qualified");
    env.rpod(&["rm", "-f", "loose", "short"]).success();

    // A new image under the same name, only here: the local policy sees it, the registry's not.
    make_version(&env, &remote, "2");
    dry_run(&env)
        .success()
        .stdout_has("app app.service registry false\n")
        .stdout_has("loc loc.service local pending\n");
    // Pushed: now the registry's digest is another than app's image's.
    env.rpod(&["push", &remote]).success();
    dry_run(&env)
        .success()
        .stdout_has("app app.service registry pending\n");
    // The default table, podman's columns.
    env.rpod(&["auto-update", "--dry-run"])
        .success()
        .stdout_has("UNIT")
        .stdout_has("CONTAINER")
        .stdout_has("UPDATED")
        .stdout_has("pending");
    // A dry run changed nothing: the containers still run the first image.
    env.rpod(&["exec", "app", "cat", "/version"])
        .success()
        .stdout_has("1");
}

#[test]
fn auto_update_without_a_user_manager_fails_and_rolls_back() {
    let env = Env::with_busybox();
    make_version(&env, "localhost/rb", "1");
    run_in_unit(&env, Some("rb.service"), "rb", "local", "localhost/rb");
    let first = env.rpod(&["inspect", "--format", "{{.Id}}", "localhost/rb"]);
    let first = first.trimmed().to_string();
    make_version(&env, "localhost/rb", "2");
    // systemctl --user cannot reach a manager here: the restart fails, and the old image
    // gets its name back.
    env.rpod(&["auto-update", "--format", "{{.ContainerName}} {{.Updated}}"])
        .code(125)
        .stdout_has("rb failed\n")
        .stderr_has("auto-updating container rb: restarting unit rb.service");
    env.rpod(&["inspect", "--format", "{{.Id}}", "localhost/rb"])
        .success()
        .stdout_has(&first);
    // Without rollback the new image keeps the name.
    make_version(&env, "localhost/rb", "3");
    env.rpod(&["auto-update", "--rollback=false"]).code(125);
    let third = env.rpod(&["inspect", "--format", "{{.Id}}", "localhost/rb"]);
    assert_ne!(third.trimmed(), first);
}
