//! `docker push` through the API to a registry that wants a login: the CLI's credentials
//! reach rpod in `X-Registry-Auth`, and the image lands in the registry.

use base64::Engine as _;

use super::{DOCKER, Service, docker};
use crate::common::Env;
use crate::common::env::Out;
use crate::common::registry::{Options, Registry};

/// `docker push NAME` with a docker config holding `auth` (user:password) for the registry,
/// or an empty one: only the CLI reads it, so the credentials reach rpod only through the
/// request's header.
fn docker_push(env: &Env, service: &Service, name: &str, auth: Option<(&str, &str)>) -> Out {
    let dir = env.path(if auth.is_some() {
        "work/dc-login"
    } else {
        "work/dc-none"
    });
    let config = match auth {
        Some((registry, user_pass)) => {
            let encoded = base64::engine::general_purpose::STANDARD.encode(user_pass);
            format!(r#"{{"auths":{{"{registry}":{{"auth":"{encoded}"}}}}}}"#)
        }
        None => "{}".to_string(),
    };
    let rel = dir.strip_prefix(env.path("")).unwrap().join("config.json");
    env.write_file(rel.to_str().unwrap(), config.as_bytes());
    let mut cmd = env.command(DOCKER);
    cmd.env("DOCKER_HOST", service.host())
        .env("DOCKER_CONFIG", &dir)
        .args(["push", name]);
    env.run_with_stdin(cmd, None)
}

/// A registry that wants tester:s3cret, an environment with busybox that trusts it (and the
/// shared registry, for short names), and a service on that environment.
fn login_registry() -> (Registry, Env, Service) {
    let reg = Registry::start(Options {
        auth: Some(("tester".into(), "s3cret".into())),
        ..Options::default()
    });
    let env = Env::with_busybox();
    let shared = Registry::shared().addr();
    env.write_config(&format!(
        "[registries]\nunqualified-search = [\"{shared}\"]\ninsecure = [\"{shared}\", \"{}\"]\n",
        reg.addr()
    ));
    let service = Service::start(&env, "0");
    (reg, env, service)
}

#[test]
fn api_docker_push_sends_the_clis_credentials_and_the_image_lands() {
    let (reg, env, service) = login_registry();
    let name = format!("{}/pushed:v1", reg.addr());
    docker(&env, &service, &["tag", "busybox", &name]).success();

    docker_push(&env, &service, &name, None)
        .failure()
        .stderr_has("authentication required");
    docker_push(&env, &service, &name, Some((reg.addr(), "tester:s3cret")))
        .success()
        .stdout_has(&format!(
            "The push refers to repository [{}/pushed]",
            reg.addr()
        ))
        .stdout_has("v1: digest: sha256:");
    // It is in the registry: a store that never had it pulls it.
    let other = Env::new();
    other.write_config(&format!("[registries]\ninsecure = [\"{}\"]\n", reg.addr()));
    other
        .rpod(&["pull", "-q", "--creds", "tester:s3cret", &name])
        .success();
    other
        .rpod(&["run", "--rm", &name, "echo", "pulled-back"])
        .success()
        .stdout_has("pulled-back");
    docker(
        &env,
        &service,
        &["push", &format!("{}/nosuch:v1", reg.addr())],
    )
    .failure()
    .stderr_has("does not exist locally");
}

const SDK_SCRIPT: &str = r#"
import sys
import docker
client = docker.DockerClient(base_url=sys.argv[1])
reg, auth = sys.argv[2], {"username": "tester", "password": "s3cret"}
client.images.get("busybox").tag(f"{reg}/sdkpush", "v2")
out = client.images.push(f"{reg}/sdkpush", tag="v2", auth_config=auth)
print("pushed:", "v2: digest: sha256:" in out)
client.images.remove(f"{reg}/sdkpush:v2")
pulled = client.images.pull(f"{reg}/sdkpush", tag="v2", auth_config=auth)
print("pulled:", f"{reg}/sdkpush:v2" in pulled.tags)

vol = client.volumes.create("sdkvol", labels={"made": "sdk"})
print("volume:", vol.name, client.volumes.get("sdkvol").attrs["Labels"])
mount = {"sdkvol": {"bind": "/v", "mode": "rw"}}
client.containers.run("busybox", ["sh", "-c", "echo kept > /v/f"], volumes=mount, remove=True)
print("data:", client.containers.run("busybox", ["cat", "/v/f"], volumes=mount, remove=True).decode().strip())
vol.remove()
print("left:", [v.name for v in client.volumes.list()])
"#;

#[test]
fn api_python_sdk_pushes_pulls_with_credentials_and_keeps_volumes() {
    let (reg, env, service) = login_registry();
    let script = env.write_file("work/push.py", SDK_SCRIPT.as_bytes());
    env.run_as_user(
        "/usr/bin/python3",
        &[script.to_str().unwrap(), &service.host(), reg.addr()],
    )
    .success()
    .stdout_has("pushed: True")
    .stdout_has("pulled: True")
    .stdout_has("volume: sdkvol {'made': 'sdk'}")
    .stdout_has("data: kept")
    .stdout_has("left: []");
}
