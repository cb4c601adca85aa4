//! The harness itself: rpod really runs unprivileged, the registry serves the fixtures, the
//! Debian fixtures and apt repository work, and so does podman with a subuid range.

use crate::common::Env;
use crate::common::apt::AptRepo;
use crate::common::podman::Podman;
use crate::common::registry::Registry;
use crate::common::{debian, fixtures, layers};

#[test]
fn rpod_runs_as_the_unprivileged_test_user() {
    let env = Env::bare();
    let uid = env.run_as_user("id", &["-u"]);
    uid.success();
    if nix::unistd::getuid().is_root() {
        assert_ne!(uid.trimmed(), "0", "tests must not run rpod as root");
    }
    env.rpod(&["version"])
        .success()
        .stdout_has(env!("CARGO_PKG_VERSION"));
}

#[test]
fn the_shared_registry_serves_the_fixtures_by_digest() {
    let reg = Registry::shared();
    let busybox = fixtures::get("busybox:latest");
    let r = reg.get_manifest("busybox", "latest");
    assert_eq!(r.status, 200);
    assert_eq!(fixtures::sha256(&r.body), busybox.manifest_digest);
    let index = reg.get_manifest("multiarch", "latest");
    assert_eq!(index.header("Content-Type"), Some(fixtures::OCI_INDEX));
}

#[test]
fn the_debian_fixtures_keep_owners_and_containers_reach_the_apt_repository() {
    let base = std::fs::read(debian::fixtures_dir().join("base.tar.gz")).unwrap();
    let listing = layers::listing(base);
    for (path, want) in [
        ("etc/shadow", "f 0:42 0640"),
        ("var/cache/apt/archives/partial", "d 42:0 0700"),
        ("usr/bin/passwd", "f 0:0 4755"),
    ] {
        assert_eq!(listing[path].to_string(), want, "{path}");
    }
    let env = Env::with_debian();
    let repo = AptRepo::serve();
    let before = repo.served("Packages.gz");
    // apt's own sandbox user needs root emulation (issue 14); as root it reads the index.
    let script = format!(
        "echo 'deb [trusted=yes] {} ./' > /etc/apt/sources.list && apt-get -o APT::Sandbox::User=root update -q && apt-cache policy nginx-light",
        repo.url()
    );
    env.rpod(&["run", "--rm", debian::DEBIAN, "sh", "-c", &script])
        .success()
        .stdout_has(&format!(
            "500 {} ./ Packages",
            repo.url().trim_end_matches('/')
        ));
    assert!(repo.served("Packages.gz") > before);
}

#[test]
fn podman_with_subuids_builds_from_the_debian_base_and_the_apt_repository() {
    let Some(podman) = Podman::new() else {
        return;
    };
    let base = format!("BASE={}", debian::image(debian::DEBIAN));
    let repo = format!("REPO={}", AptRepo::serve().host_url());
    let dockerfile = "ARG BASE\nFROM ${BASE}\nARG REPO\nRUN echo \"deb [trusted=yes] $REPO ./\" > /etc/apt/sources.list\nRUN apt-get update -q && apt-get install -q -y --no-install-recommends nginx-light\n";
    let args = [
        "--network",
        "host",
        "--build-arg",
        &base,
        "--build-arg",
        &repo,
    ];
    podman.build("nginx", dockerfile, &[], &args).success();
    podman
        .podman(&[
            "run",
            "--rm",
            "nginx",
            "sh",
            "-c",
            "stat -c '%u:%g %n' /etc/shadow /var/log/nginx/access.log; id -u www-data",
        ])
        .success()
        .stdout_has("0:42 /etc/shadow\n33:4 /var/log/nginx/access.log\n33\n");
}
