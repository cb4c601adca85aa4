//! Images through the API with the real docker CLI and SDK: pull from the test registry (and
//! the pull `docker run` makes of an absent image), inspect, history, prune, `system df` and
//! `events`.

use std::time::{SystemTime, UNIX_EPOCH};

use super::{Service, docker};
use crate::common::Env;
use crate::common::registry::Registry;

#[test]
fn api_docker_pull_stores_the_image_and_run_pulls_an_absent_one() {
    let env = Env::new();
    let service = Service::start(&env, "0");
    let image = format!("{}/busybox", Registry::shared().addr());
    docker(&env, &service, &["pull", &image])
        .success()
        .stdout_has("latest: Pulling from busybox")
        .stdout_has("Pull complete")
        .stdout_has("Digest: sha256:")
        .stdout_has(&format!(
            "Status: Downloaded newer image for {image}:latest"
        ));
    env.rpod(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .success()
        .stdout_has(&format!("{image}:latest"));
    docker(&env, &service, &["pull", &image])
        .success()
        .stdout_has("Already exists")
        .stdout_has(&format!("Status: Image is up to date for {image}:latest"));
    // The registry has no such repository: the client hears it before any stream.
    docker(&env, &service, &["pull", &format!("{image}-nosuch")])
        .failure()
        .stderr_has("manifest unknown");
    docker(
        &env,
        &service,
        &[
            "image",
            "inspect",
            "-f",
            "{{.Os}} {{len .RootFS.Layers}} {{index .RepoDigests 0}}",
            &image,
        ],
    )
    .success()
    .stdout_has(&format!("linux 1 {image}@sha256:"));
    let history = docker(&env, &service, &["history", "--no-trunc", &image]);
    history.success().stdout_has("CREATED BY");
    assert!(history.lines().len() >= 2, "{history:?}");

    // Absent again: `docker run` gets a 404 from create, pulls, and creates again.
    docker(&env, &service, &["rmi", &image])
        .success()
        .stdout_has("Deleted: sha256:");
    let ran = docker(
        &env,
        &service,
        &["run", "--rm", &image, "echo", "pulled-and-ran"],
    );
    ran.success()
        .stdout_has("pulled-and-ran")
        .stderr_has("Unable to find image")
        .stderr_has("Pull complete");
    env.rpod(&["image", "exists", &image]).success();
    env.rpod(&["events", "--stream=false", "--filter", "type=image"])
        .success()
        .stdout_has("image pull ")
        .stdout_has("image remove ");

    // No tag: every tag of the repository, as docker's `pull --all-tags` asks.
    let multi = format!("{}/multiarch", Registry::shared().addr());
    docker(&env, &service, &["pull", "--all-tags", &multi])
        .success()
        .stdout_has("only-arm64: Pulling from multiarch")
        .stdout_has(&format!("Status: Downloaded newer image for {multi}"));
    let tags = env.rpod(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    for tag in ["latest", "only-amd64", "only-arm64"] {
        tags.stdout_has(&format!("{multi}:{tag}"));
    }
}

#[test]
fn api_docker_system_df_image_prune_and_events_of_a_container() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let start = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        - 1;
    docker(&env, &service, &["run", "--name", "ev", "busybox", "true"]).success();
    let end = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 1;
    let events = docker(
        &env,
        &service,
        &[
            "events",
            "--since",
            &start.to_string(),
            "--until",
            &end.to_string(),
            "--filter",
            "container=ev",
        ],
    );
    events
        .success()
        .stdout_has("container start ")
        .stdout_has("container die ")
        .stdout_has("name=ev");
    assert!(!events.stdout.contains("image pull"), "{events:?}");
    let dies = docker(
        &env,
        &service,
        &[
            "events",
            "--since",
            &start.to_string(),
            "--until",
            &end.to_string(),
            "--filter",
            "event=die",
        ],
    );
    assert_eq!(dies.success().lines().len(), 1, "{dies:?}");

    let df = docker(
        &env,
        &service,
        &[
            "system",
            "df",
            "--format",
            "{{.Type}} {{.TotalCount}} {{.Active}}",
        ],
    );
    df.success()
        .stdout_has("Images 1 1")
        .stdout_has("Containers 1 0")
        .stdout_has("Local Volumes 0 0")
        .stdout_has("Build Cache 0 0");
    docker(&env, &service, &["rm", "ev"]).success();
    // Nothing dangling: a named image stays; with -a every unused one goes.
    let pruned = docker(&env, &service, &["image", "prune", "-f"]);
    pruned.success().stdout_has("Total reclaimed space: 0B");
    env.rpod(&["image", "exists", "busybox"]).success();
    docker(&env, &service, &["image", "prune", "-a", "-f"])
        .success()
        .stdout_has("untagged: ")
        .stdout_has("busybox")
        .stdout_has("deleted: sha256:");
    assert_eq!(env.rpod(&["images", "-q"]).success().trimmed(), "");
}

const SDK_SCRIPT: &str = r#"
import sys, docker
client = docker.DockerClient(base_url=sys.argv[1], version="1.41")
image = client.images.pull(sys.argv[2], tag="latest")
print("pulled:", image.tags)
print("history:", len(image.history()) > 0)
print("df:", len(client.df()["Images"]))
registry = sys.argv[2].split("/")[0]
print("search:", [hit["name"] for hit in client.images.search(registry + "/busy")])
client.images.remove(sys.argv[2] + ":latest")
print("left:", len(client.images.list()))
"#;

#[test]
fn api_python_docker_sdk_pulls_and_removes_an_image() {
    let env = Env::new();
    let service = Service::start(&env, "0");
    let image = format!("{}/busybox", Registry::shared().addr());
    let script = env.write_file("work/images.py", SDK_SCRIPT.as_bytes());
    let out = env.run_as_user(
        "/usr/bin/python3",
        &[script.to_str().unwrap(), &service.host(), &image],
    );
    out.success()
        .stdout_has(&format!("pulled: ['{image}:latest']"))
        .stdout_has("history: True")
        .stdout_has("df: 1")
        .stdout_has(&format!("search: ['{image}']"))
        .stdout_has("left: 0");
}

/// `docker image prune --filter`: docker's `label`, `label!` and `until` pick what goes, as
/// `rpod image prune --filter` does; a key docker does not take is its 400.
#[test]
fn api_docker_image_prune_takes_label_and_until_filters() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    for (name, labels) in [("web", "tier=web"), ("db", "tier=db keep=1")] {
        let ctx = format!("ctx-{name}");
        env.write_file(
            &format!("{ctx}/Dockerfile"),
            format!("FROM busybox\nLABEL {labels}\n").as_bytes(),
        );
        let dir = env.path(&ctx);
        env.rpod(&["build", "--layers=false", "-t", name, dir.to_str().unwrap()])
            .success();
    }
    let exists = |name: &str| env.rpod(&["image", "exists", name]).code == 0;
    let prune = |filter: &str| {
        docker(
            &env,
            &service,
            &["image", "prune", "-a", "-f", "--filter", filter],
        )
    };

    prune("label=tier=web").success();
    assert!(!exists("web") && exists("db") && exists("busybox"));
    prune("label!=keep").success();
    assert!(!exists("busybox") && exists("db"));
    // db was made a moment ago: not before an hour ago, but before an hour from now.
    prune("until=1h").success();
    assert!(exists("db"));
    let later = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    prune(&format!("until={later}")).success();
    assert!(!exists("db"));

    prune("reference=x")
        .failure()
        .stderr_has("invalid filter 'reference'");
}
