//! Archives through the API, which stream both ways: `docker save`/`docker load`
//! (`images/get`, `images/load`), the SDK's put_archive/get_archive, images.build, get and
//! load; a body too large to read whole is a 413; a client that vanishes mid-upload leaves
//! no image and the service serving; a large image goes through without the service
//! holding it in memory.

use std::io::Write;
use std::os::unix::net::UnixStream;

use super::{Service, docker};
use crate::common::Env;

#[test]
fn api_docker_save_and_load_round_trip_an_image() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let docker = |args: &[&str]| docker(&env, &service, args);
    env.rpod(&["tag", "busybox", "saved:1"]).success();
    let file = env.path("work/saved.tar");
    docker(&["save", "-o", file.to_str().unwrap(), "saved:1"]).success();
    assert!(std::fs::metadata(&file).unwrap().len() > 100_000);
    docker(&["rmi", "saved:1"]).success();
    env.rpod(&["image", "exists", "saved:1"]).code(1);
    docker(&["load", "-i", file.to_str().unwrap()])
        .success()
        .stdout_has("Loaded image: localhost/saved:1");
    docker(&["run", "--rm", "saved:1", "echo", "loaded-runs"])
        .success()
        .stdout_has("loaded-runs");
    docker(&["save", "nosuch:1"])
        .failure()
        .stderr_has("No such image: nosuch:1");
    // Not an archive: docker's error, and nothing loaded.
    let junk = env.write_file("work/junk.tar", &[7u8; 4096]);
    docker(&["load", "-i", junk.to_str().unwrap()]).failure();
}

const SDK_SCRIPT: &str = r#"
import io, sys, tarfile
import docker
client = docker.DockerClient(base_url=sys.argv[1])

box = client.containers.run("busybox", ["sleep", "300"], detach=True)
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w") as t:
    data = b"via-sdk\n"
    info = tarfile.TarInfo("put.txt")
    info.size = len(data)
    t.addfile(info, io.BytesIO(data))
print("put:", box.put_archive("/tmp", buf.getvalue()))
print("cat:", box.exec_run(["cat", "/tmp/put.txt"]).output.decode().strip())
bits, stat = box.get_archive("/tmp/put.txt")
with tarfile.open(fileobj=io.BytesIO(b"".join(bits))) as t:
    print("got:", t.extractfile("put.txt").read().decode().strip(), stat["name"], stat["size"])
box.remove(force=True)

dockerfile = io.BytesIO(b"FROM busybox\nRUN echo built-by-sdk > /b\n")
image, logs = client.images.build(fileobj=dockerfile, tag="sdkbuilt:1", rm=True)
print("built:", image.tags)
saved = b"".join(client.images.get("sdkbuilt:1").save())
client.images.remove("sdkbuilt:1")
loaded = client.images.load(saved)
print("loaded:", [i.tags for i in loaded])
print("run:", client.containers.run("sdkbuilt:1", ["cat", "/b"], remove=True).decode().strip())
"#;

#[test]
fn api_python_sdk_copies_archives_builds_saves_and_loads() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let script = env.write_file("work/archives.py", SDK_SCRIPT.as_bytes());
    env.run_as_user(
        "/usr/bin/python3",
        &[script.to_str().unwrap(), &service.host()],
    )
    .success()
    .stdout_has("put: True")
    .stdout_has("cat: via-sdk")
    .stdout_has("got: via-sdk put.txt 8")
    .stdout_has("built: ['localhost/sdkbuilt:1']")
    .stdout_has("loaded: [['localhost/sdkbuilt:1']]")
    .stdout_has("run: built-by-sdk");
}

/// Posts `body` while reading the answer: the service answers a body it refuses before
/// the client has sent it all, then hangs up (a reset, on a unix socket with data unread).
fn refused_upload(service: &Service, path: &str, body: Vec<u8>) -> String {
    let mut s = UnixStream::connect(&service.socket).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    let mut writer = s.try_clone().unwrap();
    std::thread::spawn(move || writer.write_all(&body));
    let mut reply = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match std::io::Read::read(&mut s, &mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => reply.extend_from_slice(&chunk[..n]),
        }
    }
    String::from_utf8_lossy(&reply).into_owned()
}

/// Sends a request head announcing `length` bytes of body, then only `sent`, then hangs up.
fn vanish_mid_upload(service: &Service, path: &str, length: usize, sent: &[u8]) {
    let mut s = UnixStream::connect(&service.socket).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: d\r\nContent-Type: application/x-tar\r\n\
         Content-Length: {length}\r\n\r\n"
    )
    .unwrap();
    s.write_all(sent).unwrap();
}

#[test]
fn api_bodies_too_large_or_cut_short_fail_alone_and_leave_nothing() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let images_before = env.rpod(&["images", "-q", "-a"]).success().stdout.clone();

    // A create body of 9 MiB is refused by its size, before it is parsed.
    let huge = format!(
        "{{\"Image\":\"busybox\",\"Env\":[\"X={}\"]}}",
        "x".repeat(9 << 20)
    );
    let reply = refused_upload(&service, "/v1.41/containers/create", huge.into_bytes());
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    assert!(reply.contains("larger than the 8388608 bytes"), "{reply}");

    // Half an archive, then the client is gone: no image, and the others are still served.
    let archive = env.path("work/bb.tar");
    env.rpod(&["save", "-o", archive.to_str().unwrap(), "busybox"])
        .success();
    let bytes = std::fs::read(&archive).unwrap();
    vanish_mid_upload(
        &service,
        "/v1.41/images/load",
        bytes.len(),
        &bytes[..bytes.len() / 2],
    );
    let context = b"FROM busybox\n";
    vanish_mid_upload(&service, "/v1.41/build?t=cut:1", 1 << 20, context);
    let (status, _) = service.request("GET", "/_ping", "");
    assert_eq!(status, 200);
    let images_after = env.rpod(&["images", "-q", "-a"]).success().stdout.clone();
    assert_eq!(images_before, images_after, "a cut upload made an image");
    env.rpod(&["image", "exists", "cut:1"]).code(1);
    // The build context's spool file went with the request.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let spooled = std::fs::read_dir(env.data().join("storage"))
            .map(|d| {
                d.flatten()
                    .filter(|e| e.file_name().to_string_lossy().contains("build-context"))
                    .count()
            })
            .unwrap_or(0);
        if spooled == 0 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the spool file stayed"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// The peak resident memory of a process, in KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn api_a_large_image_is_saved_and_loaded_without_being_held_in_memory() {
    let env = Env::with_busybox();
    // 96 MiB that do not compress, in a layer of their own.
    env.rpod(&[
        "run",
        "--name",
        "big",
        "busybox",
        "dd",
        "if=/dev/urandom",
        "of=/big",
        "bs=1M",
        "count=96",
    ])
    .success();
    env.rpod(&["commit", "big", "big:1"]).success();
    env.rpod(&["rm", "big"]).success();
    let service = Service::start(&env, "0");
    let file = env.path("work/big.tar");
    docker(
        &env,
        &service,
        &["save", "-o", file.to_str().unwrap(), "big:1"],
    )
    .success();
    assert!(std::fs::metadata(&file).unwrap().len() > 96 << 20);
    docker(&env, &service, &["rmi", "big:1"]).success();
    docker(&env, &service, &["load", "-i", file.to_str().unwrap()])
        .success()
        .stdout_has("Loaded image: localhost/big:1");
    let peak = peak_rss_kib(service.child.id());
    assert!(
        peak < 64 << 10,
        "the service peaked at {peak} KiB moving a 96 MiB image"
    );
}
