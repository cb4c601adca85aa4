//! The harness itself: rpod really runs unprivileged, and the registry serves the fixtures.

use crate::common::Env;
use crate::common::fixtures;
use crate::common::registry::Registry;

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
