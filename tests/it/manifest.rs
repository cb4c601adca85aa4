//! `rpod manifest`: lists of images of two platforms made, edited, pushed to a real registry
//! and pulled back per platform.

use serde_json::Value;

use crate::common::Env;
use crate::common::fixtures::{self, Fixture};
use crate::common::registry::Registry;

fn reg() -> &'static str {
    Registry::shared().addr()
}

/// An env holding the registry's amd64 and arm64 images (each a plain image, not a list).
fn two_platforms() -> (Env, Fixture, Fixture) {
    let env = Env::new();
    for arch in ["amd64", "arm64"] {
        env.rpod(&[
            "pull",
            "-q",
            "--platform",
            &format!("linux/{arch}"),
            &format!("multiarch:only-{arch}"),
        ])
        .success();
    }
    (
        env,
        fixtures::get("multiarch:amd64"),
        fixtures::get("multiarch:arm64"),
    )
}

fn inspect(env: &Env, list: &str) -> Value {
    let out = env.rpod(&["manifest", "inspect", list]);
    out.success();
    serde_json::from_str(out.trimmed()).unwrap_or_else(|e| panic!("{e}: {}", out.trimmed()))
}

/// The entry of `index` with `digest`.
fn entry<'a>(index: &'a Value, digest: &str) -> &'a Value {
    index["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["digest"] == digest)
        .unwrap_or_else(|| panic!("no entry {digest} in {index}"))
}

#[test]
fn a_list_of_two_platforms_is_pushed_and_pulled_back_per_platform() {
    let (env, amd, arm) = two_platforms();
    let id = env
        .rpod(&["manifest", "create", "app"])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(id.len(), 64, "create prints the list's id: {id}");
    env.rpod(&["manifest", "add", "app", "multiarch:only-amd64"])
        .success()
        .stdout_has(&id);
    env.rpod(&[
        "manifest",
        "add",
        "app",
        "containers-storage:multiarch:only-arm64",
    ])
    .success();
    env.rpod(&["manifest", "exists", "app"]).success();

    let index = inspect(&env, "app");
    assert_eq!(
        index["mediaType"],
        "application/vnd.oci.image.index.v1+json"
    );
    assert_eq!(index["manifests"].as_array().unwrap().len(), 2, "{index}");
    assert_eq!(
        entry(&index, &amd.manifest_digest)["platform"]["architecture"],
        "amd64"
    );
    assert_eq!(
        entry(&index, &arm.manifest_digest)["platform"]["architecture"],
        "arm64"
    );
    assert_eq!(
        entry(&index, &arm.manifest_digest)["platform"]["os"],
        "linux"
    );

    let dest = format!("{}/lists/app:1", reg());
    let digestfile = env.path("work/digest");
    env.rpod(&[
        "manifest",
        "push",
        "--digestfile",
        digestfile.to_str().unwrap(),
        "app",
        &dest,
    ])
    .success();
    let pushed = std::fs::read_to_string(&digestfile).unwrap();
    assert!(pushed.starts_with("sha256:"), "{pushed}");

    // Another store sees the index in the registry and gets each platform's image from it.
    let other = Env::new();
    let remote = inspect(&other, &dest);
    assert_eq!(remote["manifests"].as_array().unwrap().len(), 2, "{remote}");
    for (platform, fixture, arch) in [
        ("linux/arm64", &arm, "arm64"),
        ("linux/amd64", &amd, "amd64"),
    ] {
        let pulled = other.rpod(&["pull", "-q", "--platform", platform, &dest]);
        assert_eq!(pulled.success().trimmed(), fixture.id, "{platform}");
        other
            .rpod(&["image", "inspect", "-f", "{{.Architecture}}", &fixture.id])
            .success()
            .stdout_has(arch);
    }
    other
        .rpod(&["image", "inspect", "-f", "{{.RepoDigests}}", &arm.id])
        .success()
        .stdout_has(pushed.trim());
}

#[test]
fn entries_are_annotated_and_removed_and_rm_keeps_the_images() {
    let (env, amd, arm) = two_platforms();
    let id = env
        .rpod(&[
            "manifest",
            "create",
            "--annotation",
            "made=by-test",
            "edit",
            "multiarch:only-amd64",
            "multiarch:only-arm64",
        ])
        .success()
        .trimmed()
        .to_string();
    env.rpod(&["manifest", "create", "edit"])
        .code(125)
        .stderr_has("edit:latest: the name is already used by manifest list");
    let amended = env.rpod(&["manifest", "create", "--amend", "edit"]);
    assert_eq!(amended.success().trimmed(), id);
    assert_eq!(inspect(&env, "edit")["annotations"]["made"], "by-test");

    env.rpod(&[
        "manifest",
        "annotate",
        "--arch",
        "arm64",
        "--variant",
        "v8",
        "--annotation",
        "team=web",
        "edit",
        &arm.manifest_digest,
    ])
    .success()
    .stdout_has(&format!("{id}: {}", arm.manifest_digest));
    env.rpod(&[
        "manifest",
        "annotate",
        "--index",
        "--annotation",
        "a=b",
        "edit",
    ])
    .success();
    let index = inspect(&env, "edit");
    let edited = entry(&index, &arm.manifest_digest);
    assert_eq!(edited["platform"]["variant"], "v8", "{index}");
    assert_eq!(edited["annotations"]["team"], "web", "{index}");
    assert_eq!(index["annotations"]["a"], "b", "{index}");

    let missing = format!("sha256:{}", "0".repeat(64));
    env.rpod(&[
        "manifest",
        "annotate",
        "--arch",
        "x86",
        "edit",
        &arm.manifest_digest,
    ])
    .code(125)
    .stderr_has("invalid value \"x86\" for --arch");
    env.rpod(&["manifest", "annotate", "--os", "linux", "edit", &missing])
        .code(125)
        .stderr_has(&format!("{missing} is not in manifest list"));
    env.rpod(&["manifest", "add", "nolist", "multiarch:only-amd64"])
        .code(125)
        .stderr_has("nolist: manifest list not known");
    env.rpod(&[
        "manifest",
        "add",
        "--arch",
        "amd65",
        "edit",
        "multiarch:only-amd64",
    ])
    .code(125)
    .stderr_has("\"amd65\" for --arch");

    // A list given to another list gives its entries: all, or the platform's.
    env.rpod(&["manifest", "create", "--all", "nested", "edit"])
        .success();
    assert_eq!(
        inspect(&env, "nested")["manifests"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    env.rpod(&["manifest", "create", "one"]).success();
    for arch in ["amd64", "arm64"] {
        env.rpod(&["manifest", "add", "--arch", arch, "one", "edit"])
            .success();
    }
    let one = inspect(&env, "one");
    assert_eq!(one["manifests"].as_array().unwrap().len(), 2, "{one}");
    assert_eq!(
        entry(&one, &arm.manifest_digest)["platform"]["variant"],
        "v8"
    );

    env.rpod(&["manifest", "remove", "edit", &amd.manifest_digest])
        .success()
        .stdout_has(&amd.manifest_digest);
    let index = inspect(&env, "edit");
    assert_eq!(index["manifests"].as_array().unwrap().len(), 1, "{index}");
    env.rpod(&["manifest", "remove", "edit", &amd.manifest_digest])
        .code(125)
        .stderr_has("is not in manifest list");

    env.rpod(&["tag", "multiarch:only-amd64", "taken:1"])
        .success();
    env.rpod(&["manifest", "create", "taken:1"])
        .code(125)
        .stderr_has("already used by image");

    env.rpod(&["manifest", "rm", "edit"])
        .success()
        .stdout_has("Untagged: localhost/edit:latest")
        .stdout_has(&format!("Deleted: {id}"));
    env.rpod(&["manifest", "exists", "edit"]).code(1);
    env.rpod(&["image", "exists", "multiarch:only-arm64"])
        .success();
    env.rpod(&["image", "exists", "multiarch:only-amd64"])
        .success();
    env.rpod(&["manifest", "rm", "edit"])
        .code(125)
        .stderr_has("edit: manifest list not known");
    env.rpod(&["manifest", "rm", "-i", "edit"]).success();
}

#[test]
fn a_registry_list_is_added_whole_and_push_of_a_list_pushes_it() {
    let env = Env::new();
    let amd = fixtures::get("multiarch:amd64");
    let arm = fixtures::get("multiarch:arm64");
    env.rpod(&["manifest", "create", "copy"]).success();
    let source = format!("docker://{}/multiarch:latest", reg());
    env.rpod(&["manifest", "add", "--all", "copy", &source])
        .success();
    let index = inspect(&env, "copy");
    // The source index's platforms are kept, variant included.
    assert_eq!(
        entry(&index, &arm.manifest_digest)["platform"]["variant"],
        "v8"
    );
    assert_eq!(
        entry(&index, &amd.manifest_digest)["platform"]["architecture"],
        "amd64"
    );

    let dest = format!("{}/lists/copy:2", reg());
    env.rpod(&["push", "copy", &dest]).success();
    let remote = inspect(&Env::new(), &dest);
    assert_eq!(remote["manifests"].as_array().unwrap().len(), 2, "{remote}");

    let docker_dest = format!("{}/lists/copy:v2s2", reg());
    env.rpod(&[
        "manifest",
        "push",
        "--rm",
        "--format",
        "v2s2",
        "copy",
        &docker_dest,
    ])
    .success();
    env.rpod(&["manifest", "exists", "copy"]).code(1);
    let remote = inspect(&Env::new(), &docker_dest);
    assert_eq!(
        remote["mediaType"],
        "application/vnd.docker.distribution.manifest.list.v2+json"
    );
    for m in remote["manifests"].as_array().unwrap() {
        assert_eq!(
            m["mediaType"], "application/vnd.docker.distribution.manifest.v2+json",
            "{remote}"
        );
    }
    let pulled = Env::new();
    let back = pulled.rpod(&["pull", "-q", "--platform", "linux/arm64", &docker_dest]);
    assert_eq!(back.success().trimmed(), arm.id);
}

#[test]
fn lists_show_among_images_and_rmi_and_system_check_handle_them() {
    let (env, _, arm) = two_platforms();
    let id = env
        .rpod(&["manifest", "create", "shown", "multiarch:only-arm64"])
        .success()
        .trimmed()
        .to_string();
    let format = ["--format", "{{.Repository}}:{{.Tag}} {{.ID}}"];
    let lists = env.rpod(&[&["images", "--filter", "manifest=true"][..], &format].concat());
    lists
        .success()
        .stdout_has(&format!("localhost/shown:latest {}", &id[..12]));
    assert_eq!(lists.lines().len(), 1, "{}", lists.trimmed());
    let images = env.rpod(&[&["images", "--filter", "manifest=false"][..], &format].concat());
    assert!(
        !images.success().trimmed().contains("shown"),
        "{}",
        images.trimmed()
    );
    env.rpod(&["system", "check"]).success();

    // A list whose index was damaged is found, and a repair drops it but not its image.
    let records: Value =
        serde_json::from_slice(&std::fs::read(env.data().join("storage/lists.json")).unwrap())
            .unwrap();
    let index_digest = records["lists"][0]["index"].as_str().unwrap().to_string();
    let blob = env
        .data()
        .join("storage/blobs/sha256")
        .join(index_digest.trim_start_matches("sha256:"));
    std::fs::write(&blob, b"{}").unwrap();
    env.rpod(&["system", "check"])
        .code(1)
        .stdout_has("manifest list index");
    env.rpod(&["system", "check", "--repair"]).success();
    env.rpod(&["manifest", "exists", "shown"]).code(1);
    env.rpod(&["image", "exists", &arm.id]).success();

    env.rpod(&["manifest", "create", "gone", "multiarch:only-arm64"])
        .success();
    env.rpod(&["rmi", "gone"])
        .success()
        .stdout_has("Untagged: localhost/gone:latest");
    env.rpod(&["manifest", "exists", "gone"]).code(1);
    env.rpod(&["image", "exists", &arm.id]).success();
}

#[test]
fn build_adds_the_built_image_to_a_list() {
    let env = Env::with_busybox();
    env.write_file(
        "ctx/Containerfile",
        b"FROM busybox\nLABEL built=for-a-list\n",
    );
    let ctx = env.path("ctx").display().to_string();
    let built = env.rpod(&[
        "build",
        "-q",
        "--network",
        "none",
        "--manifest",
        "blist",
        &ctx,
    ]);
    let id = built.success().trimmed().to_string();
    let digest = env
        .rpod(&["image", "inspect", "-f", "{{.Digest}}", &id])
        .success()
        .trimmed()
        .to_string();
    let index = inspect(&env, "blist");
    assert_eq!(index["manifests"].as_array().unwrap().len(), 1, "{index}");
    assert_eq!(
        entry(&index, &digest)["platform"]["architecture"],
        fixtures::host_arch()
    );
    env.rpod(&["build", "--manifest", "Bad:Name", &ctx])
        .code(125)
        .stderr_has("Bad:Name");
}

#[test]
fn a_list_stands_for_its_image_of_this_platform_in_image_inspect_and_exists() {
    let (env, amd, arm) = two_platforms();
    let (here, other) = match fixtures::host_arch() {
        "arm64" => (&arm, &amd),
        _ => (&amd, &arm),
    };
    env.rpod(&["manifest", "create", "plat", &other.id])
        .success();
    // Without an image for this platform the list is no image, as podman says.
    env.rpod(&["image", "exists", "plat"]).code(1);
    env.rpod(&["image", "inspect", "plat"])
        .code(125)
        .stderr_has("image not known");
    env.rpod(&["manifest", "add", "plat", &here.id]).success();
    env.rpod(&["image", "exists", "plat"]).success();
    for inspect in [
        &["image", "inspect"][..],
        &["inspect", "--type", "image"],
        &["inspect"],
    ] {
        let mut args = inspect.to_vec();
        args.extend(["-f", "{{.Id}}", "plat"]);
        assert_eq!(
            env.rpod(&args).success().trimmed(),
            format!("sha256:{}", here.id),
            "{inspect:?}"
        );
    }
    env.rpod(&["image", "exists", "nolist"]).code(1);
}

#[test]
fn an_index_about_an_image_carries_its_subject_to_the_registry() {
    let (env, amd, arm) = two_platforms();
    env.rpod(&["manifest", "create", "about", "multiarch:only-amd64"])
        .success();
    env.rpod(&[
        "manifest",
        "annotate",
        "--subject",
        "multiarch:only-arm64",
        "about",
    ])
    .success();
    let index = inspect(&env, "about");
    assert_eq!(index["subject"]["digest"], arm.manifest_digest, "{index}");
    assert!(index["subject"]["size"].as_u64().unwrap() > 0, "{index}");
    entry(&index, &amd.manifest_digest);

    let dest = format!("{}/lists/about:1", reg());
    env.rpod(&["manifest", "push", "about", &dest]).success();
    let raw = std::process::Command::new("skopeo")
        .args([
            "inspect",
            "--raw",
            "--tls-verify=false",
            &format!("docker://{dest}"),
        ])
        .output()
        .unwrap();
    assert!(
        raw.status.success(),
        "{}",
        String::from_utf8_lossy(&raw.stderr)
    );
    let remote: Value = serde_json::from_slice(&raw.stdout).unwrap();
    assert_eq!(remote["subject"]["digest"], arm.manifest_digest, "{remote}");

    // A Docker manifest list cannot say it; a subject that is no image is named.
    env.rpod(&["manifest", "push", "--format", "v2s2", "about", &dest])
        .code(125)
        .stderr_has("a Docker manifest list has no subject");
    env.rpod(&["manifest", "annotate", "--subject", "nosuch", "about"])
        .code(125)
        .stderr_has("nosuch");
}
