use std::fs;

use super::*;

/// rpod's command line as the tests pretend it is: every flag but `--sysctl`.
fn knows(_verb: &[&str], flag: &str) -> bool {
    flag != "--sysctl"
}

fn generate_from(files: &[(&str, &str)]) -> Outcome {
    let dir = std::env::temp_dir().join(format!(
        "rpod-quadlet-{}-{}",
        std::process::id(),
        files.len()
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        fs::write(dir.join(name), text).unwrap();
    }
    let outcome = generate(&Request {
        dirs: vec![dir.clone()],
        rpod: "/usr/bin/rpod".into(),
        knows: &knows,
    });
    fs::remove_dir_all(&dir).unwrap();
    outcome
}

fn errors(outcome: &Outcome) -> Vec<String> {
    outcome.failures.iter().map(|e| e.to_string()).collect()
}

#[test]
fn keys_become_run_flags_and_named_resources_dependencies() {
    let outcome = generate_from(&[
        (
            "app.container",
            "[Container]\nImage=busybox\nVolume=cache.volume:/cache\nVolume=/srv:/srv:ro\n\
             Network=net.network\nAddCapability=NET_ADMIN SYS_TIME\nUser=1000\nGroup=1000\n\
             ReadOnly=yes\nNotify=true\nPodmanArgs=--init\nExec=sleep 1\n",
        ),
        ("cache.volume", "[Volume]\nVolumeName=shared-cache\n"),
        ("net.network", "[Network]\n"),
    ]);
    assert!(outcome.failures.is_empty(), "{:?}", errors(&outcome));
    let app = outcome
        .units
        .iter()
        .find(|u| u.name == "app.service")
        .unwrap();
    let exec = app
        .text
        .lines()
        .find(|l| l.starts_with("ExecStart="))
        .unwrap();
    for part in [
        "--volume shared-cache:/cache",
        "--volume /srv:/srv:ro",
        "--network systemd-net",
        "--cap-add NET_ADMIN --cap-add SYS_TIME",
        "--user 1000:1000",
        "--read-only",
        "--sdnotify container",
        "--init busybox sleep 1",
    ] {
        assert!(exec.contains(part), "{part} in {exec}");
    }
    assert!(app.text.contains("Requires=cache-volume.service"));
    assert!(app.text.contains("After=net-network.service"));
}

#[test]
fn each_bad_file_is_named_with_its_reason() {
    let outcome = generate_from(&[
        (
            "a.container",
            "[Container]\nImage=x\nSysctl=net.ipv4.ip_forward=1\n",
        ),
        (
            "b.container",
            "[Container]\nImage=x\nVolume=gone.volume:/data\n",
        ),
        ("c.container", "[Container]\nImage=x\nRootfs=/r\n"),
        ("d.container", "Image=x\n"),
        ("e.container", "[Container]\nImage=x\nReadOnly=perhaps\n"),
        ("f.container", "[Container]\nImage=x\nNotify=sometimes\n"),
        ("g.volume", "[Volume]\nDevice=/dev/sda1\n"),
        ("h@.volume", "[Volume]\n"),
        ("ok.container", "[Container]\nImage=x\n"),
    ]);
    let errors = errors(&outcome);
    for expected in [
        "a.container: Sysctl= needs `rpod run --sysctl`, which rpod does not have yet",
        "b.container: Volume=gone.volume: no such quadlet file in the search path",
        "c.container: Rootfs=/r: Image= and Rootfs= exclude each other",
        "d.container: line 1 is neither a [Section] nor Key=Value: Image=x",
        "e.container: ReadOnly=perhaps: expected a boolean",
        "f.container: Notify=sometimes: expected a boolean",
        "g.volume: unsupported key 'Device' in group 'Volume'",
        "h@.volume: only .container files can be templates",
    ] {
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{expected} in {errors:#?}"
        );
    }
    let names: Vec<&str> = outcome.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["ok.service"]);
}

#[test]
fn the_first_directory_wins_and_install_makes_links() {
    let first = std::env::temp_dir().join(format!("rpod-quadlet-first-{}", std::process::id()));
    let second = first.with_extension("second");
    for (dir, image) in [(&first, "mine"), (&second, "admins")] {
        let _ = fs::remove_dir_all(dir);
        fs::create_dir_all(dir).unwrap();
        fs::write(
            dir.join("x.container"),
            format!("[Container]\nImage={image}\n[Install]\nWantedBy=default.target multi-user.target\nAlias=y.service\n"),
        )
        .unwrap();
    }
    let outcome = generate(&Request {
        dirs: vec![first.clone(), second.clone()],
        rpod: "/usr/bin/rpod".into(),
        knows: &knows,
    });
    for dir in [&first, &second] {
        fs::remove_dir_all(dir).unwrap();
    }
    assert_eq!(outcome.units.len(), 1);
    let unit = &outcome.units[0];
    assert!(unit.text.contains(" mine\n"), "{}", unit.text);
    assert_eq!(
        unit.links,
        [
            (
                "default.target.wants/x.service".into(),
                "../x.service".into()
            ),
            (
                "multi-user.target.wants/x.service".into(),
                "../x.service".into()
            ),
            ("y.service".into(), "x.service".into()),
        ]
    );
}

#[test]
fn templates_make_template_units_and_instances_take_every_drop_in() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let put = |rel: &str, text: &str| {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    put(
        "web@.container",
        "[Container]\nImage=busybox\nExec=sleep %i\n[Install]\nWantedBy=default.target\n\
         DefaultInstance=100\n",
    );
    std::os::unix::fs::symlink("web@.container", dir.join("web@10.container")).unwrap();
    put(
        "web@10.container.d/10-image.conf",
        "[Container]\nImage=other\n",
    );
    put(
        "web@.container.d/60-env.conf",
        "[Container]\nEnvironment=A=1\n",
    );
    put("container.d/50-label.conf", "[Container]\nLabel=team=a\n");
    put(
        "web-.container.d/50-label.conf",
        "[Container]\nLabel=team=b\n",
    );
    let outcome = generate(&Request {
        dirs: vec![dir.to_path_buf()],
        rpod: "/usr/bin/rpod".into(),
        knows: &knows,
    });
    assert!(outcome.failures.is_empty(), "{:?}", errors(&outcome));
    let unit = |name: &str| outcome.units.iter().find(|u| u.name == name).unwrap();
    let exec = |name: &str| {
        let text = &unit(name).text;
        text.lines()
            .find(|l| l.starts_with("ExecStart="))
            .unwrap()
            .to_string()
    };
    let template = exec("web@.service");
    for part in [
        "--name systemd-%p_%i",
        "--label team=a",
        "--env A=1",
        "busybox sleep %i",
    ] {
        assert!(template.contains(part), "{part} in {template}");
    }
    let instance = exec("web@10.service");
    for part in [
        "--name systemd-%p_%i",
        "--label team=a",
        "--env A=1",
        "other sleep %i",
    ] {
        assert!(instance.contains(part), "{part} in {instance}");
    }
    assert_eq!(
        unit("web@.service").links,
        [(
            "default.target.wants/web@100.service".into(),
            "../web@.service".into()
        )]
    );
    assert_eq!(
        unit("web@10.service").links,
        [(
            "default.target.wants/web@10.service".into(),
            "../web@10.service".into()
        )]
    );
}

#[test]
fn a_dashed_name_takes_its_prefixes_drop_ins() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("api-v2.container"), "[Container]\nImage=busybox\n").unwrap();
    fs::create_dir(dir.join("api-.container.d")).unwrap();
    fs::write(
        dir.join("api-.container.d/10-user.conf"),
        "[Container]\nUser=1000\n[Install]\nWantedBy=default.target\n",
    )
    .unwrap();
    let outcome = generate(&Request {
        dirs: vec![dir.to_path_buf()],
        rpod: "/usr/bin/rpod".into(),
        knows: &knows,
    });
    assert!(outcome.failures.is_empty(), "{:?}", errors(&outcome));
    let unit = &outcome.units[0];
    assert!(unit.text.contains("--user 1000"), "{}", unit.text);
    assert_eq!(
        unit.links.len(),
        1,
        "an [Install] from a drop-in enables the unit"
    );
}

#[test]
fn a_build_file_builds_its_tag_before_the_containers_that_name_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for (name, text) in [
        (
            "app.build",
            "[Build]\nImageTag=localhost/app:1\nImageTag=localhost/app:latest\n\
             SetWorkingDirectory=unit\nFile=src/Containerfile\nNetwork=net.network\n\
             BuildArg=A=1 B=2\nPull=never\nTarget=final\n",
        ),
        ("net.network", "[Network]\n"),
        ("web.container", "[Container]\nImage=app.build\n"),
    ] {
        fs::write(dir.join(name), text).unwrap();
    }
    let outcome = generate(&Request {
        dirs: vec![dir.to_path_buf()],
        rpod: "/usr/bin/rpod".into(),
        knows: &knows,
    });
    assert!(outcome.failures.is_empty(), "{:?}", errors(&outcome));
    let unit = |name: &str| {
        outcome
            .units
            .iter()
            .find(|u| u.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .text
            .clone()
    };
    let build = unit("app-build.service");
    let d = dir.display();
    assert!(build.contains("Type=oneshot"), "{build}");
    assert!(
        build.contains(&format!("WorkingDirectory={d}\n")),
        "{build}"
    );
    assert!(build.contains("Requires=net-network.service"), "{build}");
    assert!(
        build.contains(&format!(
            "ExecStart=/usr/bin/rpod build --build-arg A=1 --build-arg B=2 --tag localhost/app:1 \
             --tag localhost/app:latest --pull=never --target final --network systemd-net \
             --file {d}/src/Containerfile {d}\n"
        )),
        "{build}"
    );
    // The first tag names the image; the container waits for the build.
    let web = unit("web.service");
    assert!(web.contains("Requires=app-build.service"), "{web}");
    assert!(web.contains(" localhost/app:1\n"), "{web}");
}

#[test]
fn a_build_file_needs_a_tag_and_a_context() {
    let outcome = generate_from(&[
        ("notag.build", "[Build]\nFile=/srv/Containerfile\n"),
        ("nowhere.build", "[Build]\nImageTag=x\n"),
        (
            "relative.build",
            "[Build]\nImageTag=x\nFile=Containerfile\n",
        ),
        (
            "remote.build",
            "[Build]\nImageTag=x\nSetWorkingDirectory=https://example.com/app.git\n",
        ),
        (
            "twonets.build",
            "[Build]\nImageTag=x\nFile=/srv/C\nNetwork=a\nNetwork=b\n",
        ),
        ("web.container", "[Container]\nImage=notag.build\n"),
        (
            "lone.build",
            "[Build]\nImageTag=x\nFile=/srv/app/Containerfile\n",
        ),
    ]);
    let errors = errors(&outcome).join("\n");
    for expected in [
        "notag.build: ImageTag= is required",
        "nowhere.build: File= is required",
        "relative.build: File=Containerfile: a relative File= needs SetWorkingDirectory=",
        "remote.build: SetWorkingDirectory=https://example.com/app.git: rpod build takes a local \
         directory",
        "twonets.build: Network=b: rpod build's RUN steps take one network",
        "web.container: Image=notag.build: that file has no ImageTag=",
    ] {
        assert!(errors.contains(expected), "{expected} not in\n{errors}");
    }
    // A lone Containerfile's directory is the context; the service keeps its own directory.
    let [lone] = &outcome.units[..] else {
        panic!("{:?}", outcome.units);
    };
    assert!(
        lone.text
            .contains("build --tag x --file /srv/app/Containerfile /srv/app\n"),
        "{}",
        lone.text
    );
    assert!(!lone.text.contains("WorkingDirectory"), "{}", lone.text);
}

#[test]
fn a_pod_file_makes_the_pod_and_its_containers_join_it() {
    let outcome = generate_from(&[
        (
            "app.pod",
            "[Pod]\nPublishPort=8080:80\nNetwork=net.network\nStopTimeout=5\n",
        ),
        ("net.network", "[Network]\n"),
        ("web.container", "[Container]\nImage=busybox\nPod=app.pod\n"),
        ("db.container", "[Container]\nImage=busybox\nPod=app.pod\n"),
        ("lone.container", "[Container]\nImage=busybox\n"),
    ]);
    assert!(outcome.failures.is_empty(), "{:?}", errors(&outcome));
    let unit = |name: &str| {
        outcome
            .units
            .iter()
            .find(|u| u.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .text
            .clone()
    };
    let pod = unit("app-pod.service");
    for line in [
        "ExecStartPre=/usr/bin/rpod pod create --infra-conmon-pidfile %t/%N.pid \
         --pod-id-file %t/%N.pod-id --exit-policy stop --replace --infra-name systemd-app-infra \
         --name systemd-app --network systemd-net --publish 8080:80\n",
        "ExecStart=/usr/bin/rpod pod start --pod-id-file %t/%N.pod-id\n",
        "ExecStop=/usr/bin/rpod pod stop --pod-id-file %t/%N.pod-id --ignore --time 5\n",
        "ExecStopPost=/usr/bin/rpod pod rm --pod-id-file %t/%N.pod-id --ignore --force\n",
        "Type=forking\n",
        "PIDFile=%t/%N.pid\n",
        "Requires=net-network.service\n",
        "Wants=web.service\n",
        "Before=db.service\n",
    ] {
        assert!(pod.contains(line), "{line} in\n{pod}");
    }
    assert!(!pod.contains("lone.service"), "{pod}");
    let web = unit("web.service");
    assert!(web.contains("--pod-id-file %t/app-pod.pod-id"), "{web}");
    assert!(web.contains("BindsTo=app-pod.service\n"), "{web}");
    assert!(web.contains("After=app-pod.service\n"), "{web}");
}

#[test]
fn a_containers_pod_must_be_a_pod_file_of_the_search_path() {
    let outcome = generate_from(&[
        ("a.container", "[Container]\nImage=busybox\nPod=mypod\n"),
        (
            "b.container",
            "[Container]\nImage=busybox\nPod=missing.pod\n",
        ),
        ("c.pod", "[Pod]\nBogus=1\n"),
    ]);
    let mut errors = errors(&outcome);
    errors.sort();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].ends_with("a.container: Pod=mypod: must name a .pod file (NAME.pod)"));
    assert!(
        errors[1]
            .ends_with("b.container: Pod=missing.pod: no such quadlet file in the search path")
    );
    assert!(errors[2].ends_with("c.pod: unsupported key 'Bogus' in group 'Pod'"));
}
