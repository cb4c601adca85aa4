//! Single-file squashfs images (#22): `save --format squashfs`.

use std::path::Path;
use std::process::Command;

use crate::common::debian::DEBIAN;
use crate::common::{Env, fixtures};

/// `rdsquashfs --describe`: one `KIND PATH MODE UID GID` line per inode, read by
/// squashfs-tools-ng, not by rpod.
fn describe(file: &Path) -> String {
    let out = Command::new("rdsquashfs")
        .arg("--describe")
        .arg(file)
        .output()
        .expect("rdsquashfs runs (contrib/test installs squashfs-tools-ng)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn cat(file: &Path, inner: &str) -> String {
    let out = Command::new("rdsquashfs")
        .args(["--cat", inner])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn save(env: &Env, image: &str, file: &Path) {
    env.rpod(&[
        "save",
        "--format",
        "squashfs",
        "-o",
        file.to_str().unwrap(),
        image,
    ])
    .success();
}

#[test]
fn save_squashfs_flattens_layers_honours_whiteouts_and_keeps_the_config() {
    let env = Env::new();
    fixtures::get("layered:latest");
    env.rpod(&["pull", "-q", "layered"]).success();
    let file = env.path("work/layered.sqfs");
    save(&env, "layered", &file);
    let listing = describe(&file);
    let has = |line: &str| listing.lines().any(|l| l.starts_with(line));
    // Layers applied in order: a whiteout deletes data/a, an opaque directory hides data/d/x.
    assert!(has("file data/b 0644 0 0"), "{listing}");
    assert!(has("file data/d/y 0644 0 0"), "{listing}");
    assert!(!has("file data/a "), "{listing}");
    assert!(!has("file data/d/x "), "{listing}");
    assert!(!listing.contains(".wh."), "{listing}");
    // The owner the layer recorded, as the squashfs inode's numeric owner.
    assert!(has("dir home/app 0755 1000 1000"), "{listing}");
    assert!(has("file bin/busybox 0755 0 0"), "{listing}");
    assert_eq!(cat(&file, "/data/d/y"), "y\n");
    // The image config, where a run finds it.
    let config: serde_json::Value =
        serde_json::from_str(&cat(&file, "/.rpod/config.json")).unwrap();
    let want = env.rpod(&["image", "inspect", "-f", "{{json .Config.Cmd}}", "layered"]);
    let cmd: serde_json::Value = serde_json::from_str(want.trimmed()).unwrap();
    assert_eq!(config["config"]["Cmd"], cmd, "{config}");
    // No partial file is left beside it.
    let names: Vec<_> = std::fs::read_dir(env.path("work"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["layered.sqfs"]);
}

#[test]
fn save_squashfs_keeps_debian_owners_recorded_by_root_emulation() {
    let env = Env::with_debian();
    let file = env.path("work/debian.sqfs");
    save(&env, DEBIAN, &file);
    let listing = describe(&file);
    assert!(
        listing.lines().any(|l| l == "file etc/shadow 0640 0 42"),
        "{listing}"
    );
}

#[test]
fn save_squashfs_refuses_what_it_cannot_write() {
    let env = Env::with_busybox();
    env.rpod(&["save", "--format", "squashfs", "busybox"])
        .code(125)
        .stderr_has("squashfs needs --output FILE");
    let file = env.path("work/two.sqfs");
    let path = file.to_str().unwrap();
    env.rpod(&[
        "save", "--format", "squashfs", "-o", path, "busybox", "busybox",
    ])
    .code(125)
    .stderr_has("one image per file");
    env.rpod(&["save", "--format", "squashfs", "-o", path, "nothing"])
        .code(125)
        .stderr_has("image not known");
    let missing_dir = env.path("work/no/such/dir/x.sqfs");
    env.rpod(&[
        "save",
        "--format",
        "squashfs",
        "-o",
        missing_dir.to_str().unwrap(),
        "busybox",
    ])
    .code(125)
    .stderr_has("tar2sqfs failed writing");
    assert!(!file.exists());
}
