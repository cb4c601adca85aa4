//! docker-compose (Debian's 1.29, on the Python docker SDK) against the API socket: a
//! two-service project whose client reaches the web service by its service name.

use std::time::{Duration, Instant};

use super::Service;
use crate::common::Env;
use crate::common::env::Out;

const COMPOSE_FILE: &str = r#"version: "3.8"
services:
  web:
    image: busybox
    command: ["sh", "-c", "mkdir -p /www && echo hello-from-web > /www/index.html && exec httpd -f -p 8080 -h /www"]
  client:
    image: busybox
    command: ["sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O- http://web:8080/ && break; sleep 0.5; done; echo client-done; exec sleep 600"]
    depends_on: [web]
"#;

/// `docker-compose -f FILE -p app ARGS` against the service, as the test user.
fn compose(env: &Env, service: &Service, file: &str, args: &[&str]) -> Out {
    let mut cmd = env.command("/usr/bin/docker-compose");
    cmd.env("DOCKER_HOST", service.host())
        .args(["--no-ansi", "-f", file, "-p", "app"])
        .args(args);
    env.run_with_stdin(cmd, None)
}

#[test]
fn api_docker_compose_brings_up_a_project_whose_services_find_each_other_and_takes_it_down() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let file = env.write_file("work/app/docker-compose.yml", COMPOSE_FILE.as_bytes());
    let file = file.to_str().unwrap();

    compose(&env, &service, file, &["up", "-d"]).success();
    // The project's network and one container per service, with compose's labels.
    env.rpod(&["network", "exists", "app_default"]).success();
    let labels = env.rpod(&[
        "ps",
        "--filter",
        "label=com.docker.compose.project=app",
        "--format",
        "{{.Names}} {{.State}}",
    ]);
    let mut running: Vec<&str> = labels.success().stdout.lines().collect();
    running.sort_unstable();
    assert_eq!(running, ["app_client_1 running", "app_web_1 running"]);
    // Each service once (compose lists a project by its labels, all of them at once).
    let ps = compose(&env, &service, file, &["ps"]);
    ps.success();
    assert_eq!(ps.stdout.matches(" Up ").count(), 2, "{}", ps.stdout);

    // The client got the page from `web`, by the service's name on the project's network.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let logs = compose(&env, &service, file, &["logs", "client"]);
        if logs.stdout.contains("client-done") {
            logs.success().stdout_has("hello-from-web");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "client never finished: {}",
            logs.stdout
        );
        std::thread::sleep(Duration::from_millis(300));
    }

    compose(&env, &service, file, &["down"]).success();
    let left = env.rpod(&["ps", "-aq"]);
    assert_eq!(left.success().stdout, "");
    env.rpod(&["network", "exists", "app_default"]).code(1);
}
