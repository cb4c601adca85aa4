//! quadlet files: `rpod quadlet generate` (and the same binary run by systemd as
//! `rpod-user-generator`) turns them into units that systemd accepts, and the units' commands,
//! run as systemd would run them, make the image, volume and network and run the container.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::Env;
use crate::common::env::{Out, rpod_bin};

const DIR: &str = "config/containers/systemd";

const WEB: &str = "[Unit]\nDescription=The quadlet test's web server\n\n[Container]\n\
Image=bb.image\nContainerName=web\nExec=httpd -f -p 8080 -h /srv\nVolume=site.volume:/srv:ro\n\
Network=app.network:alias=www\nEnvironment=GREETING=\"hello world\" MODE=prod\n\
AutoUpdate=registry\nHealthCmd=wget -q -O /dev/null http://127.0.0.1:8080/\nNotify=healthy\n\n\
[Service]\nRestart=on-failure\n\n[Install]\nWantedBy=default.target\n";

fn write_files(env: &Env) {
    for (name, text) in [
        ("bb.image", "[Image]\nImage=busybox\n"),
        ("site.volume", "[Volume]\nLabel=kind=static\n"),
        (
            "app.network",
            "[Network]\nSubnet=10.96.0.0/24\nNetworkDeleteOnStop=true\n",
        ),
        ("web.container", WEB),
        (
            "bad.container",
            "[Container]\nImage=busybox\nFrobnicate=yes\n",
        ),
        ("db.kube", "[Kube]\nYaml=db.yaml\n"),
    ] {
        env.write_file(&format!("{DIR}/{name}"), text.as_bytes());
    }
}

/// The value of `key` in a generated unit (the last, as systemd reads it).
pub fn value(unit: &str, key: &str) -> String {
    let prefix = format!("{key}=");
    unit.lines()
        .rev()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no {key}= in\n{unit}"))
        .to_string()
}

/// A command line of a unit as systemd runs it for `name`: words split, specifiers of
/// this environment expanded, `$$` a literal `$`, a leading `-` (ignore failure) dropped.
fn words(env: &Env, line: &str, name: &str) -> Vec<String> {
    let line = line.strip_prefix('-').unwrap_or(line);
    let stem = name.strip_suffix(".service").unwrap();
    shlex::split(line)
        .unwrap()
        .into_iter()
        .map(|w| {
            w.replace("%t", &env.path("runtime").display().to_string())
                .replace("%h", &env.path("home").display().to_string())
                .replace("%N", stem)
                .replace("%n", name)
                .replace("$$", "$")
        })
        .collect()
}

/// Runs a unit's command line as the test user, as systemd would.
pub fn run(env: &Env, dir: &Path, name: &str, key: &str) -> Out {
    let unit = fs::read_to_string(dir.join(name)).unwrap();
    let words = words(env, &value(&unit, key), name);
    assert_eq!(Path::new(&words[0]), rpod_bin(), "{unit}");
    let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
    env.rpod(&args)
}

fn output_dir(env: &Env, name: &str) -> PathBuf {
    let dir = env.path(&format!("work/{name}"));
    env.run_as_user("mkdir", &["-p", dir.to_str().unwrap()])
        .success();
    dir
}

#[test]
fn quadlet_files_become_units_whose_commands_run_the_container() {
    let env = Env::new();
    write_files(&env);
    let dir = output_dir(&env, "units");
    // One bad file fails alone, named with its key; the others are still generated.
    env.rpod(&["quadlet", "generate", dir.to_str().unwrap()])
        .code(1)
        .stderr_has("bad.container: unsupported key 'Frobnicate' in group 'Container'")
        .stderr_has("db.kube: kube play is not supported yet");
    let names = [
        "bb-image.service",
        "site-volume.service",
        "app-network.service",
        "web.service",
    ];
    for name in names {
        crate::services::verify_unit(&env, &dir.join(name));
    }
    assert!(!dir.join("bad.service").exists());
    let wants = dir.join("default.target.wants/web.service");
    assert_eq!(fs::read_link(&wants).unwrap(), Path::new("../web.service"));
    let web = fs::read_to_string(dir.join("web.service")).unwrap();
    for dependency in [
        "bb-image.service",
        "site-volume.service",
        "app-network.service",
    ] {
        assert!(web.contains(&format!("Requires={dependency}")), "{web}");
        assert!(web.contains(&format!("After={dependency}")), "{web}");
    }
    assert_eq!(value(&web, "Type"), "notify");
    assert_eq!(value(&web, "Restart"), "on-failure");

    // As systemd starts them: the image, volume and network first, then the container.
    for name in &names[..3] {
        run(&env, &dir, name, "ExecStart").success();
    }
    env.rpod(&[
        "volume",
        "inspect",
        "--format",
        "{{.Labels}}",
        "systemd-site",
    ])
    .success()
    .stdout_has("kind:static");
    env.rpod(&["network", "inspect", "systemd-app"])
        .success()
        .stdout_has("10.96.0.0/24");
    env.rpod(&[
        "run",
        "--rm",
        "-v",
        "systemd-site:/srv",
        "busybox",
        "sh",
        "-c",
        "echo served-by-quadlet > /srv/index.html",
    ])
    .success();
    run(&env, &dir, "web.service", "ExecStart").success();
    env.rpod(&["exec", "web", "sh", "-c", "echo $GREETING"])
        .success()
        .stdout_has("hello world");
    env.rpod(&[
        "inspect",
        "--format",
        "{{index .Config.Labels \"io.containers.autoupdate\"}}",
        "web",
    ])
    .success()
    .stdout_has("registry");
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "systemd-app",
        "busybox",
        "sh",
        "-c",
        "timeout 10 wget -q -O - http://www:8080/; true",
    ])
    .success()
    .stdout_has("served-by-quadlet");

    // As systemd stops them: the container is removed, the network deleted on stop.
    run(&env, &dir, "web.service", "ExecStop").success();
    env.rpod(&["container", "exists", "web"]).code(1);
    run(&env, &dir, "web.service", "ExecStopPost").success();
    run(&env, &dir, "app-network.service", "ExecStopPost").success();
    env.rpod(&["network", "exists", "systemd-app"]).code(1);
    env.rpod(&["volume", "exists", "systemd-site"]).success();
}

#[test]
fn the_binary_linked_as_the_user_generator_writes_units_where_systemd_asks() {
    let env = Env::new();
    env.write_file(
        &format!("{DIR}/sub/hello.container"),
        b"[Container]\nImage=busybox\nExec=echo 'hi there' $HOME %h\n",
    );
    let generator = env.path("work/rpod-user-generator");
    env.run_as_user(
        "ln",
        &[
            "-s",
            rpod_bin().to_str().unwrap(),
            generator.to_str().unwrap(),
        ],
    )
    .success();
    let [normal, early, late] = ["normal", "early", "late"].map(|d| output_dir(&env, d));
    let mut cmd = env.command(&generator);
    cmd.args([&normal, &early, &late]);
    env.run_with_stdin(cmd, None).success();
    let unit = fs::read_to_string(normal.join("hello.service")).unwrap();
    // systemd expands %h; $HOME stays the container's word.
    assert!(
        value(&unit, "ExecStart").ends_with(" busybox echo \"hi there\" $$HOME %h"),
        "{unit}"
    );
    assert!(fs::read_dir(&early).unwrap().next().is_none());
    // The dry run prints what the generator writes.
    env.rpod(&["quadlet", "generate", "--dryrun"])
        .success()
        .stdout_has(&format!("---hello.service---\n{unit}"));
    // A missing Image= and a key rpod has no flag for are named.
    env.write_file(
        &format!("{DIR}/noimage.container"),
        b"[Container]\nExec=true\n",
    );
    env.rpod(&["quadlet", "generate", "--dryrun"])
        .code(1)
        .stderr_has("noimage.container: Image= is required");
}

#[test]
fn a_build_file_makes_the_image_its_container_runs() {
    let env = Env::new();
    env.write_file(
        &format!("{DIR}/greeter/greet.build"),
        b"[Build]\nImageTag=localhost/greeter\nSetWorkingDirectory=unit\nFile=Containerfile\n\
          BuildArg=WHO=quadlet\n",
    );
    env.write_file(
        &format!("{DIR}/greeter/Containerfile"),
        b"FROM busybox\nARG WHO\nCOPY greeting /greeting\nRUN echo \"built for $WHO\" >> /greeting\n",
    );
    env.write_file(
        &format!("{DIR}/greeter/greeting"),
        b"hello from the context\n",
    );
    env.write_file(
        &format!("{DIR}/greet.container"),
        // It keeps running: a `--rm` container that ended could be gone before its logs are read.
        b"[Container]\nImage=greet.build\nExec=sh -c 'cat /greeting && exec sleep 600'\n",
    );
    let dir = output_dir(&env, "units");
    env.rpod(&["quadlet", "generate", dir.to_str().unwrap()])
        .success();
    for name in ["greet-build.service", "greet.service"] {
        crate::services::verify_unit(&env, &dir.join(name));
    }
    let build = fs::read_to_string(dir.join("greet-build.service")).unwrap();
    let context = env.path(&format!("{DIR}/greeter"));
    assert_eq!(
        value(&build, "WorkingDirectory"),
        context.display().to_string()
    );
    // As systemd starts them: the build, then the container that needs it.
    run(&env, &dir, "greet-build.service", "ExecStart").success();
    run(&env, &dir, "greet.service", "ExecStart").success();
    let want = "hello from the context\nbuilt for quadlet\n";
    let started = std::time::Instant::now();
    while !env.rpod(&["logs", "systemd-greet"]).stdout.contains(want)
        && started.elapsed() < std::time::Duration::from_secs(10)
    {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    env.rpod(&["logs", "systemd-greet"])
        .success()
        .stdout_has(want);
    env.rpod(&["rm", "-f", "-t", "0", "systemd-greet"])
        .success();
}

#[test]
fn quadlet_install_list_print_and_rm_manage_the_users_files() {
    let env = Env::new();
    let src = env.path("work/src");
    env.write_file(
        "work/src/web.container",
        b"[Container]\nImage=busybox\nExec=sleep 60\n",
    );
    env.write_file(
        "work/src/stack.quadlets",
        b"# FileName=api\n[Container]\nImage=busybox\n---\n# FileName=store\n[Volume]\n",
    );
    let s = |name: &str| src.join(name).display().to_string();
    let installed = env.path(DIR);
    let quiet = "--reload-systemd=false";
    env.rpod(&["quadlet", "install", quiet, &s("web.container")])
        .success()
        .stdout_has(&format!("{}/web.container\n", installed.display()));
    env.rpod(&["quadlet", "install", quiet, &s("web.container")])
        .code(125)
        .stderr_has("a quadlet of that name is installed already (--replace overwrites it)");
    env.rpod(&[
        "quadlet",
        "install",
        quiet,
        "--replace",
        &s("web.container"),
    ])
    .success();
    // Several quadlets from one file: an application, each part named by its FileName=.
    env.rpod(&["quadlet", "install", quiet, &s("stack.quadlets")])
        .success()
        .stdout_has("/stack/api.container\n")
        .stdout_has("/stack/store.volume\n");
    // No user manager here: nothing is loaded, and reloading says why it could not.
    env.rpod(&["quadlet", "install", "--replace", &s("stack.quadlets")])
        .success()
        .stderr_has("rpod: systemd not reloaded: systemctl --user daemon-reload");
    env.rpod(&[
        "quadlet",
        "list",
        "--format",
        "{{.Name}} {{.UnitName}} {{.Status}} {{.App}}",
    ])
    .success()
    .stdout_has("web.container web.service Not loaded \n")
    .stdout_has("api.container api.service Not loaded stack\n")
    .stdout_has("store.volume store-volume.service Not loaded stack\n");
    env.rpod(&[
        "quadlet",
        "list",
        "--filter",
        "name=st*",
        "--noheading",
        "--format",
        "{{.Name}}",
    ])
    .success()
    .stdout_has("store.volume\n");
    env.rpod(&["quadlet", "print", "api.container"])
        .success()
        .stdout_has("[Container]\nImage=busybox\n");
    // What was installed is what the generator reads.
    env.rpod(&["quadlet", "generate", "--dryrun"])
        .success()
        .stdout_has("---api.service---")
        .stdout_has("---store-volume.service---");
    // Removing one file of an application removes the application.
    env.rpod(&["quadlet", "rm", quiet, "store.volume"])
        .success()
        .stdout_has("api.container\nstore.volume\n");
    assert!(!installed.join("stack").exists());
    env.rpod(&["quadlet", "rm", quiet, "store.volume"])
        .code(125)
        .stderr_has("store.volume: no such quadlet");
    env.rpod(&["quadlet", "rm", quiet, "--ignore", "store.volume"])
        .success();
    env.rpod(&["quadlet", "rm", quiet, "--all"])
        .success()
        .stdout_has("web.container\n");
    assert!(!installed.join("web.container").exists());
    // Bad input is named.
    env.rpod(&[
        "quadlet",
        "install",
        quiet,
        "https://example.com/web.container",
    ])
    .code(125)
    .stderr_has("rpod installs quadlet files from local paths only");
    env.rpod(&["quadlet", "install", quiet, &s("nothere.container")])
        .code(125)
        .stderr_has("nothere.container");
}

#[test]
fn a_pod_file_runs_its_pod_whose_infra_stops_with_its_last_container() {
    let env = Env::new();
    env.write_file(&format!("{DIR}/app.pod"), b"[Pod]\nHostName=podhost\n");
    env.write_file(
        &format!("{DIR}/srv.container"),
        b"[Container]\nImage=busybox\nPod=app.pod\nExec=sleep 600\n",
    );
    let dir = output_dir(&env, "units");
    env.rpod(&["quadlet", "generate", dir.to_str().unwrap()])
        .success();
    for name in ["app-pod.service", "srv.service"] {
        crate::services::verify_unit(&env, &dir.join(name));
    }
    let pod_unit = fs::read_to_string(dir.join("app-pod.service")).unwrap();
    assert_eq!(value(&pod_unit, "Wants"), "srv.service");

    // As systemd starts them: the pod (its main process is the infra's monitor), then the
    // container, in the pod's namespaces.
    run(&env, &dir, "app-pod.service", "ExecStartPre").success();
    run(&env, &dir, "app-pod.service", "ExecStart").success();
    let pid_file = env.path("runtime/app-pod.pid");
    let monitor = fs::read_to_string(&pid_file).unwrap();
    let cmdline = fs::read_to_string(format!("/proc/{monitor}/cmdline")).unwrap();
    assert!(cmdline.contains("__monitor"), "{cmdline:?}");
    run(&env, &dir, "srv.service", "ExecStart").success();
    env.rpod(&["exec", "systemd-srv", "hostname"])
        .success()
        .stdout_has("podhost");
    env.rpod(&["pod", "ps", "--format", "{{.Name}} {{.Status}}"])
        .success()
        .stdout_has("systemd-app Running");

    // Its last container gone, the pod's infra ends: so would the unit.
    run(&env, &dir, "srv.service", "ExecStop").success();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while Path::new(&format!("/proc/{monitor}")).exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "the infra's monitor {monitor} still runs"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    env.rpod(&["pod", "ps", "--format", "{{.Name}} {{.Status}}"])
        .success()
        .stdout_has("systemd-app Exited");
    run(&env, &dir, "app-pod.service", "ExecStop").success();
    run(&env, &dir, "app-pod.service", "ExecStopPost").success();
    env.rpod(&["pod", "exists", "systemd-app"]).code(1);
    assert_eq!(env.rpod(&["ps", "-aq"]).success().trimmed(), "");
}
