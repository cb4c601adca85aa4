//! `docker volume …` with the real docker CLI, and a named volume that really keeps a file
//! from one container to the next.

use super::{Service, docker};
use crate::common::Env;

#[test]
fn api_docker_volume_create_ls_inspect_rm_prune_and_a_volume_that_persists() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    docker(
        &env,
        &service,
        &["volume", "create", "--label", "tier=db", "data"],
    )
    .success()
    .stdout_has("data");
    // The same store: rpod sees the volume docker made.
    env.rpod(&["volume", "inspect", "-f", "{{.Labels}}", "data"])
        .success()
        .stdout_has("tier:db");
    docker(
        &env,
        &service,
        &["volume", "ls", "--filter", "label=tier=db", "-q"],
    )
    .success()
    .stdout_has("data");
    docker(
        &env,
        &service,
        &[
            "volume",
            "inspect",
            "-f",
            "{{.Driver}} {{.Mountpoint}}",
            "data",
        ],
    )
    .success()
    .stdout_has("local /");
    docker(
        &env,
        &service,
        &[
            "run",
            "--rm",
            "-v",
            "data:/data",
            "busybox",
            "sh",
            "-c",
            "echo kept > /data/f",
        ],
    )
    .success();
    docker(
        &env,
        &service,
        &[
            "run",
            "--rm",
            "-v",
            "data:/data",
            "busybox",
            "cat",
            "/data/f",
        ],
    )
    .success()
    .stdout_has("kept");
    // In use: docker's conflict; gone: docker's not found.
    docker(
        &env,
        &service,
        &[
            "create",
            "--name",
            "holder",
            "-v",
            "data:/data",
            "busybox",
            "true",
        ],
    )
    .success();
    docker(&env, &service, &["volume", "rm", "data"])
        .failure()
        .stderr_has("data");
    docker(&env, &service, &["rm", "holder"]).success();
    docker(&env, &service, &["volume", "rm", "data"])
        .success()
        .stdout_has("data");
    docker(&env, &service, &["volume", "inspect", "data"])
        .failure()
        .stderr_has("No such volume: data");
    env.rpod(&["volume", "exists", "data"]).code(1);
    // This docker CLI offers no --all here and sends prune at an API version before 1.42,
    // where prune removes unused named volumes too; it says how much it freed.
    docker(&env, &service, &["volume", "create", "spare"]).success();
    docker(
        &env,
        &service,
        &[
            "run",
            "--rm",
            "-v",
            "spare:/s",
            "busybox",
            "sh",
            "-c",
            "echo 12345 > /s/f",
        ],
    )
    .success();
    // Filters pick: a label the volume lacks spares it, label! of another label takes it.
    docker(
        &env,
        &service,
        &["volume", "create", "--label", "keep=1", "kept"],
    )
    .success();
    let spared = docker(
        &env,
        &service,
        &["volume", "prune", "--force", "--filter", "label=tier"],
    );
    spared.success();
    assert!(!spared.stdout.contains("spare"), "{}", spared.stdout);
    env.rpod(&["volume", "exists", "spare"]).success();
    docker(
        &env,
        &service,
        &["volume", "prune", "--force", "--filter", "label!=keep"],
    )
    .success()
    .stdout_has("spare")
    .stdout_has("Total reclaimed space: 6B");
    env.rpod(&["volume", "exists", "spare"]).code(1);
    env.rpod(&["volume", "exists", "kept"]).success();
    docker(
        &env,
        &service,
        &["volume", "prune", "--force", "--filter", "until=1h"],
    )
    .failure()
    .stderr_has("invalid filter 'until'");
    docker(
        &env,
        &service,
        &["volume", "create", "--driver", "nfs", "x"],
    )
    .failure()
    .stderr_has("rpod has the local driver only");
}
