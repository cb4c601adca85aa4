//! `docker cp` both ways through the API (`containers/ID/archive`: HEAD for the path's stat,
//! GET for its tar stream, PUT to unpack one).

use super::{Service, docker};
use crate::common::Env;

#[test]
fn api_docker_cp_copies_files_and_directories_both_ways() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let docker = |args: &[&str]| docker(&env, &service, args);
    let file = env.write_file("work/host/file.txt", b"single\n");
    env.write_file("work/host/in/a.txt", b"one\n");
    env.write_file("work/host/in/sub/b.txt", b"two\n");
    let host = file.parent().unwrap().to_str().unwrap().to_string();
    docker(&[
        "run",
        "-d",
        "--name",
        "cp1",
        "busybox",
        "sh",
        "-c",
        "mkdir -p /data && echo inside > /data/x.txt && exec sleep 600",
    ])
    .success();
    let ready = "test -e /data/x.txt || { sleep 0.3; test -e /data/x.txt; }";
    env.rpod(&["exec", "cp1", "sh", "-c", ready]).success();

    // Out of the container: a file under a new name, and a directory.
    docker(&["cp", "cp1:/data/x.txt", &format!("{host}/got.txt")]).success();
    assert_eq!(
        std::fs::read_to_string(env.path("work/host/got.txt")).unwrap(),
        "inside\n"
    );
    docker(&["cp", "cp1:/data", &format!("{host}/gotdir")]).success();
    assert_eq!(
        std::fs::read_to_string(env.path("work/host/gotdir/x.txt")).unwrap(),
        "inside\n"
    );
    // Into it: a file into a directory, a file under a new name, a directory as a new one.
    docker(&["cp", &format!("{host}/file.txt"), "cp1:/data/"]).success();
    docker(&["cp", &format!("{host}/file.txt"), "cp1:/data/renamed.txt"]).success();
    docker(&["cp", &format!("{host}/in"), "cp1:/data/newdir"]).success();
    env.rpod(&[
        "exec",
        "cp1",
        "cat",
        "/data/file.txt",
        "/data/renamed.txt",
        "/data/newdir/a.txt",
        "/data/newdir/sub/b.txt",
    ])
    .success()
    .stdout_has("single\nsingle\none\ntwo\n");
    // What is not there is docker's error.
    docker(&["cp", "cp1:/nope", &format!("{host}/x")])
        .failure()
        .stderr_has("No such container:path: cp1:/nope");
    docker(&["rm", "-f", "cp1"]).success();
}
