//! Images: exists, untag, tree, diff, pull --all-tags, and --authfile for login, pull, push.

use crate::common::Env;
use crate::common::fixtures::{self, Compression, ImageSpec, Layer};
use crate::common::registry::{Options, Registry};

#[test]
fn exists_untag_tree_and_diff() {
    let env = Env::with_busybox();
    env.rpod(&["image", "exists", "busybox"]).success();
    env.rpod(&["image", "exists", "nosuch"]).code(1);
    env.rpod(&["tag", "busybox", "app:1", "app:old"]).success();
    env.rpod(&["untag", "busybox", "app:old"]).success();
    env.rpod(&["image", "exists", "app:old"]).code(1);
    env.rpod(&["image", "exists", "app:1"]).success();
    env.rpod(&["untag", "busybox", "app:nosuch"])
        .code(125)
        .stderr_has("app:nosuch: tag not known");
    // An image built on busybox: one more layer.
    env.rpod(&[
        "run",
        "--name",
        "builder",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "mkdir /added && echo x > /added/file && rm /bin/vi && echo y >> /etc/passwd",
    ])
    .success();
    env.rpod(&["commit", "builder", "derived"]).success();
    let tree = env.rpod(&["image", "tree", "derived"]);
    tree.success()
        .stdout_has("Image ID: ")
        .stdout_has("Tags:     [localhost/derived:latest]")
        .stdout_has("Image Layers\n├── ID: ")
        .stdout_has("└── ID: ")
        .stdout_has("Top Layer of: [localhost/derived:latest]");
    let requires = env.rpod(&["image", "tree", "--whatrequires", "app:1"]);
    requires
        .success()
        .stdout_has("Top Layer of: [localhost/derived:latest]");
    // diff against the parent: the top layer's changes.
    let diff = env.rpod(&["image", "diff", "derived"]);
    diff.success()
        .stdout_has("A /added\n")
        .stdout_has("A /added/file\n")
        .stdout_has("D /bin/vi\n")
        .stdout_has("C /etc/passwd\n");
    // Between two images: the same changes, seen from busybox.
    let between = env.rpod(&["image", "diff", "busybox", "derived"]);
    between
        .success()
        .stdout_has("A /added/file\n")
        .stdout_has("D /bin/vi\n")
        .stdout_has("C /etc/passwd\n");
    assert!(!between.stdout.contains("/bin/sh"), "{}", between.stdout);
    let json: serde_json::Value = serde_json::from_str(
        &env.rpod(&["image", "diff", "--format", "json", "derived"])
            .stdout,
    )
    .unwrap();
    assert!(
        json["deleted"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "/bin/vi")
    );
    // untag with no name: every name goes, the image stays (by id).
    let id = env
        .rpod(&["image", "inspect", "-f", "{{.Id}}", "app:1"])
        .trimmed()
        .to_string();
    env.rpod(&["untag", "app:1"]).success();
    env.rpod(&["image", "exists", "busybox"]).code(1);
    env.rpod(&["image", "exists", &id]).success();
}

#[test]
fn pull_all_tags_and_authfile_login_pull_push() {
    let reg = Registry::start(Options {
        auth: Some(("files".into(), "s3cret".into())),
        ..Options::default()
    });
    let base = fixtures::busybox_layer(None);
    for tag in ["one", "two"] {
        let marker = Layer::new().file("tag", 0o644, tag.as_bytes()).finish();
        let spec = ImageSpec::simple(vec![
            (base.clone(), Compression::Gzip),
            (marker, Compression::Gzip),
        ]);
        fixtures::push_image(&reg, "tags", tag, &spec);
    }
    let env = Env::new();
    let authfile = env.path("work/auth.json");
    let authfile = authfile.to_str().unwrap();
    let repo = format!("{}/tags", reg.addr());
    env.rpod(&["pull", "-q", "--tls-verify=false", "--all-tags", &repo])
        .code(125)
        .stderr_has("authentication required");
    env.rpod_with_stdin(
        &[
            "login",
            "--tls-verify=false",
            "--authfile",
            authfile,
            "-u",
            "files",
            "--password-stdin",
            reg.addr(),
        ],
        b"s3cret\n",
    )
    .success();
    assert!(
        std::fs::read_to_string(authfile)
            .unwrap()
            .contains(reg.addr())
    );
    // The default file knows nothing of it.
    env.rpod(&["login", "--get-login", reg.addr()])
        .code(125)
        .stderr_has(&format!("not logged into {}", reg.addr()));
    env.rpod(&["login", "--get-login", "--authfile", authfile, reg.addr()])
        .success()
        .stdout_has("files");
    env.rpod(&[
        "pull",
        "-q",
        "--tls-verify=false",
        "--authfile",
        authfile,
        "--all-tags",
        &repo,
    ])
    .success();
    for tag in ["one", "two"] {
        let image = format!("{repo}:{tag}");
        env.rpod(&["run", "--rm", "--network", "none", &image, "cat", "/tag"])
            .success()
            .stdout_has(tag);
    }
    env.rpod(&["pull", "--all-tags", &format!("{repo}:one")])
        .code(125)
        .stderr_has("cannot be used with --all-tags");
    let dest = format!("{repo}:three");
    env.rpod(&["push", "--tls-verify=false", &format!("{repo}:one"), &dest])
        .code(125)
        .stderr_has("authentication required");
    env.rpod(&[
        "push",
        "--tls-verify=false",
        "--authfile",
        authfile,
        &format!("{repo}:one"),
        &dest,
    ])
    .success();
    // REGISTRY_AUTH_FILE is read as podman reads it.
    let mut cmd = env.rpod_cmd(["pull", "-q", "--tls-verify=false", &dest]);
    cmd.env("REGISTRY_AUTH_FILE", authfile);
    env.run_with_stdin(cmd, None).success();
    // `run` pulls with it too, and a relative path is relative to the working directory
    // (the harness runs rpod in work/, where auth.json is).
    env.rpod(&["rmi", &dest]).success();
    let mut cmd = env.rpod_cmd([
        "run",
        "--rm",
        "--tls-verify=false",
        "--network",
        "none",
        &dest,
        "cat",
        "/tag",
    ]);
    cmd.env("REGISTRY_AUTH_FILE", "auth.json");
    env.run_with_stdin(cmd, None).success().stdout_has("one");
}
