//! rpod (one id, no subuids) against podman with a subuid range: the same Dockerfile gives the
//! same owners and modes in the layers, and rpod's image runs under podman with them.

use super::build::{OWNERS_DOCKERFILE, expected, touched};
use crate::common::Env;
use crate::common::debian::{self, DEBIAN};
use crate::common::layers;
use crate::common::podman::Podman;

#[test]
fn the_same_dockerfile_gives_the_same_owners_as_podman_with_subuids() {
    let Some(podman) = Podman::new() else {
        return;
    };
    let env = Env::with_debian();
    let base = debian::image(DEBIAN);
    let base_arg = format!("BASE={base}");

    podman
        .build(
            "owners",
            OWNERS_DOCKERFILE,
            &[("copied.txt", b"copied\n")],
            &["--build-arg", &base_arg],
        )
        .success();
    let archive = podman.path("work/podman.tar").display().to_string();
    podman
        .podman(&["save", "-o", &archive, "localhost/owners"])
        .success();
    let by_podman = touched(&layers::saved_view(&std::fs::read(&archive).unwrap()), true);
    // podman is the reference: it must itself give what real ids give.
    assert_eq!(by_podman, expected(true), "podman's own layers");

    env.write_file("work/ctx/Dockerfile", OWNERS_DOCKERFILE.as_bytes());
    env.write_file("work/ctx/copied.txt", b"copied\n");
    let ctx = env.path("work/ctx").display().to_string();
    env.rpod(&[
        "build",
        "-q",
        "--build-arg",
        &base_arg,
        "-t",
        "rpod-owners",
        &ctx,
    ])
    .success();
    let saved = env.path("work/rpod.tar");
    env.rpod(&["save", "-o", &saved.display().to_string(), "rpod-owners"])
        .success();
    let by_rpod = touched(&layers::saved_view(&std::fs::read(&saved).unwrap()), true);
    assert_eq!(by_rpod, by_podman, "rpod's layers against podman's");

    // rpod's archive, loaded and run by podman with real ids.
    let copy = podman.path("work/from-rpod.tar");
    std::fs::copy(&saved, &copy).unwrap();
    std::os::unix::fs::chown(&copy, Some(0), Some(0)).unwrap();
    std::fs::set_permissions(&copy, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    podman
        .podman(&["load", "-q", "-i", &copy.display().to_string()])
        .success();
    podman
        .podman(&["run", "--rm", "localhost/rpod-owners", "sh", "-c", "stat -c '%u:%g %a %n' /srv /srv/data/file /srv/shared /usr/local/bin/suid-true /home/app; su app -c 'id -un; touch /srv/data/file'"])
        .success()
        .stdout_has("1000:1000 755 /srv\n1000:1000 644 /srv/data/file\n0:42 2770 /srv/shared\n0:0 4755 /usr/local/bin/suid-true\n1000:1000 755 /home/app\napp\n");
}
