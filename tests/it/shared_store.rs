//! Shared read-only image stores (issue 22): one user pulls into a store, the store is made
//! read-only for everyone, and two users (each with a data directory of their own) list and
//! run its images in place, eight runs at once, with their own stores as the writable ones.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::common::Env;
use crate::common::env::second_user;
use crate::common::registry::Registry;

/// A store that A pulled busybox into, then opened to reading and closed to writes for
/// everyone, as a site or a group does (`chmod -R a+rX,a-w`).
fn read_only_store() -> Env {
    let a = Env::with_busybox();
    close_to_writes(&a);
    a
}

/// Opens `a`'s data directory to reading and closes it to writes for everyone.
fn close_to_writes(a: &Env) {
    let status = Command::new("chmod")
        .args(["-R", "a+rX,a-w"])
        .arg(a.path("data"))
        .status()
        .unwrap();
    assert!(status.success());
}

/// Every path below `dir` (and `dir`) with its size, mode, modification time and, for a file,
/// its content's digest: equal before and after proves nothing was written.
fn snapshot(dir: &Path, into: &mut Vec<String>) {
    let meta = dir.symlink_metadata().unwrap();
    let digest = if meta.is_file() {
        hex::encode(Sha256::digest(fs::read(dir).unwrap()))
    } else {
        String::new()
    };
    into.push(format!(
        "{} {} {:o} {:?} {digest}",
        dir.display(),
        meta.len(),
        meta.permissions().mode(),
        meta.modified().ok()
    ));
    if meta.is_dir() {
        let mut entries: Vec<_> = fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            snapshot(&entry.path(), into);
        }
    }
}

/// A user of the shared store: `owner`'s own fresh store, the shared one listed as additional.
fn user_of(shared: &Env, owner: (u32, u32)) -> Env {
    user_with_driver(shared, owner, "")
}

/// As `user_of`, with `driver` set in the user's rpod.toml (the probe's choice if empty).
fn user_with_driver(shared: &Env, owner: (u32, u32), driver: &str) -> Env {
    let b = Env::bare_of(owner);
    let reg = Registry::shared();
    let driver = if driver.is_empty() {
        String::new()
    } else {
        format!("driver = \"{driver}\"\n")
    };
    b.write_config(&format!(
        "[storage]\n{driver}additional-image-stores = [\"{}\"]\n\
         [registries]\nunqualified-search = [\"{1}\"]\ninsecure = [\"{1}\"]\n",
        shared.data().display(),
        reg.addr()
    ));
    b
}

/// Regular files below `dir` at least `size` bytes long: a layer's or a blob's copy would be.
fn big_files(dir: &Path, size: u64, into: &mut Vec<String>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let meta = entry.path().symlink_metadata().unwrap();
        if meta.is_dir() {
            big_files(&entry.path(), size, into);
        } else if meta.is_file() && meta.len() >= size {
            into.push(entry.path().display().to_string());
        }
    }
}

#[test]
fn a_read_only_shared_store_serves_its_owners_other_data_directories_in_place() {
    serves_in_place(false);
}

/// What issue 22 asks: two users, four runs each at once.
#[test]
fn a_read_only_shared_store_serves_two_users_in_place() {
    serves_in_place(true);
}

/// Eight concurrent runs from a read-only shared store by the users of `user_of` (the store's
/// own uid, and with `second` another user's, whose ids the store's files are not), none of
/// which writes in it or copies from it.
fn serves_in_place(second: bool) {
    let a = read_only_store();
    let mut before = Vec::new();
    snapshot(&a.data(), &mut before);
    let mut users = vec![user_of(&a, a.owner)];
    if second {
        match second_user() {
            Ok(owner) => users.push(user_of(&a, owner)),
            Err(why) => {
                eprintln!("skipped: {why}");
                return;
            }
        }
    }
    for b in &users {
        b.rpod(&["images", "--format", "{{.Repository}} {{.ReadOnly}}"])
            .success()
            .stdout_has("busybox true");
        b.rpod(&["image", "inspect", "busybox"]).success();
    }

    // Eight at once, spread over the users; each writes in its own layer, reads the image, and
    // its user namespace maps its own user's uid.
    std::thread::scope(|s| {
        let runs: Vec<_> = (0..8)
            .map(|n| {
                let b = &users[n % users.len()];
                s.spawn(move || {
                    let script = format!(
                        "echo run-{n} > /tmp/x && cat /tmp/x && awk '{{print $2}}' /proc/self/uid_map \
                         && head -c 9 /etc/passwd"
                    );
                    (b.owner, b.rpod(&["run", "--rm", "busybox", "sh", "-c", &script]))
                })
            })
            .collect();
        for (n, run) in runs.into_iter().enumerate() {
            let ((uid, _), out) = run.join().unwrap();
            out.success()
                .stdout_has(&format!("run-{n}\n{uid}\nroot:x:0:"));
        }
    });

    // Each user's container writes in the image's directories (its own mount points among
    // them: a working directory and a volume's target the image lacks) and sees the image's
    // directories as the store's owner does: the same owners, modes, times and changes.
    let mut views = Vec::new();
    for b in &users {
        let script = "touch /etc/x && mkdir /usr/y && rm /etc/group && echo g > /etc/group \
                      && mv /etc/x /etc/z && touch /var/data/v && pwd \
                      && stat -c '%n %u:%g %a' /etc /usr /tmp /var/data \
                      && stat -c '%n %u:%g %a %Y' /bin";
        let run = b
            .rpod(&[
                "run", "--name", "w", "-w", "/srv/work", "-v", "/var/data", "busybox", "sh",
                "-c", script,
            ])
            .success()
            // The store's modes: `read_only_store` took the write bits.
            .stdout_has("/srv/work\n/etc 0:0 555\n/usr 0:0 555\n/tmp 0:0 1555\n/var/data 0:0 755\n/bin 0:0 555 ")
            .stdout
            .clone();
        let diff = b.rpod(&["diff", "w"]).success().stdout.clone();
        b.rpod(&["rm", "-v", "w"]).success();
        views.push((run, diff));
    }
    assert!(
        views.iter().all(|v| *v == views[0]),
        "the users' containers differ: {views:#?}"
    );
    for line in ["A /etc/z", "C /etc/group", "A /usr/y", "C /etc"] {
        assert!(
            views[0].1.lines().any(|l| l == line),
            "diff lacks {line}: {}",
            views[0].1
        );
    }
    assert!(
        !views[0].1.lines().any(|l| l == "C /bin"),
        "diff names a directory the container did not change: {}",
        views[0].1
    );
    // Every user's container writes the image's files in place: the store owner's through
    // kernel overlay, another user's through fuse-overlayfs, which shows the store's files as
    // that user's and copies them up (kernel overlay cannot: EOVERFLOW), with nothing said.
    for b in &users {
        let create = b.rpod(&[
            "create",
            "--name",
            "p",
            "busybox",
            "sh",
            "-c",
            "echo >> /etc/passwd",
        ]);
        create.success();
        assert!(!create.stderr.contains("rpod:"), "{}", create.stderr);
        let driver = if b.owner == a.owner {
            "overlay"
        } else {
            "fuse-overlayfs"
        };
        b.rpod(&["inspect", "--format", "{{.Driver}}", "p"])
            .success()
            .stdout_has(&format!("{driver}\n"));
        b.rpod(&["start", "--attach", "p"]).success();
        b.rpod(&["rm", "p"]).success();
        // Which store each image comes from.
        b.rpod(&["images", "--format", "{{.Repository}} {{.Store}}"])
            .success()
            .stdout_has(&format!("busybox {}\n", a.data().display()));
    }

    for b in &users {
        b.rpod(&["create", "--name", "c", "busybox", "true"])
            .success();
        b.rpod(&["rm", "c"]).success();
        b.rpod(&["rmi", "busybox"])
            .failure()
            .stderr_has("read-only image store");
        b.rpod(&["tag", "busybox", "mine:1"])
            .failure()
            .stderr_has("read-only image store");
        b.rpod(&["system", "check"]).success();
        b.rpod(&["images", "--format", "{{.Repository}} {{.ReadOnly}}"])
            .success()
            .stdout_has("busybox true");
        assert!(
            b.data()
                .join("storage/layers")
                .read_dir()
                .unwrap()
                .next()
                .is_none(),
            "a layer copied into {}",
            b.data().display()
        );
        // busybox's layer is about a megabyte, its binary twice that.
        let mut big = Vec::new();
        big_files(&b.data(), 256 * 1024, &mut big);
        assert_eq!(
            big,
            Vec::<String>::new(),
            "copied into the user's own store"
        );
    }
    let mut after = Vec::new();
    snapshot(&a.data(), &mut after);
    assert_eq!(before, after, "the shared store changed");
}

/// Another user's containers from the shared store with each driver: kernel overlay without
/// /etc/hosts (`--no-hosts`: rpod's /etc/resolv.conf is then the first mount point made in
/// the image's /etc; the image's files cannot be copied up), fuse-overlayfs (every file shown
/// as the user's, so even the image's files are written in place) and vfs (the copy is the
/// user's own).
#[test]
fn another_user_runs_from_the_shared_store_with_every_driver() {
    let a = read_only_store();
    let Ok(owner) = second_user().inspect_err(|why| eprintln!("skipped: {why}")) else {
        return;
    };
    let mut before = Vec::new();
    snapshot(&a.data(), &mut before);
    for (driver, extra, in_place) in [
        ("overlay", "--no-hosts", false),
        ("fuse-overlayfs", "--hostname=h", true),
        ("vfs", "--hostname=h", true),
    ] {
        let b = user_with_driver(&a, owner, driver);
        b.rpod(&["info", "--format", "{{.Store.GraphDriverName}}"])
            .success()
            .stdout_has(&format!("{driver}\n"));
        b.rpod(&[
            "run",
            "--rm",
            extra,
            "-w",
            "/srv/work",
            "busybox",
            "sh",
            "-c",
            "touch /etc/x && ls /etc/resolv.conf && pwd && stat -c '%u:%g %a' /etc",
        ])
        .success()
        .stdout_has("/etc/resolv.conf\n/srv/work\n0:0 555\n");
        let append = b.rpod(&["run", "--rm", "busybox", "sh", "-c", "echo >> /etc/passwd"]);
        if in_place {
            append.success();
        } else {
            // Kernel overlay, chosen by the user, is kept, and says what it cannot do.
            append
                .failure()
                .stderr_has("rpod: busybox is another user's (a shared image store): kernel overlay cannot copy its files up")
                .stderr_has("(the storage driver overlay was chosen)")
                .stderr_has("can't create /etc/passwd: Permission denied");
        }
    }
    let mut after = Vec::new();
    snapshot(&a.data(), &mut after);
    assert_eq!(before, after, "the shared store changed");
}

/// What a second user of a shared store needs of the image's own files: with the probe's
/// driver their container appends to /etc/passwd and to a file root emulation recorded
/// another owner of; the changes are the container's (`diff`), the owners and modes shown are
/// the image's before and after, and the store is unchanged.
#[test]
fn another_user_writes_the_images_files_in_place() {
    let a = Env::with_busybox();
    a.rpod(&[
        "run",
        "--name",
        "m",
        "busybox",
        "sh",
        "-c",
        "echo a > /etc/owned && chown 5:7 /etc/owned && chmod 640 /etc/owned",
    ])
    .success();
    a.rpod(&["commit", "m", "owned"]).success();
    close_to_writes(&a);
    let Ok(owner) = second_user().inspect_err(|why| eprintln!("skipped: {why}")) else {
        return;
    };
    let mut before = Vec::new();
    snapshot(&a.data(), &mut before);
    let b = user_of(&a, owner);
    b.rpod(&[
        "images",
        "--format",
        "{{.Repository}} {{.ReadOnly}} {{.Store}}",
    ])
    .success()
    .stdout_has(&format!("localhost/owned true {}\n", a.data().display()));
    let stat = "stat -c '%n %u:%g %a' /etc/passwd /etc/owned";
    let script = format!(
        "{stat} && echo x >> /etc/passwd && echo y >> /etc/owned && {stat} \
         && tail -n 1 /etc/passwd && cat /etc/owned && ls -ln /etc/passwd"
    );
    // The store made every file `a+r,a-w`.
    let shown = "/etc/passwd 0:0 444\n/etc/owned 5:7 444\n";
    b.rpod(&["run", "--name", "w", "owned", "sh", "-c", &script])
        .success()
        .stdout_has(&format!(
            "{shown}{shown}x\na\ny\n-r--r--r--    1 0        0 "
        ));
    let diff = b.rpod(&["diff", "w"]).success().stdout.clone();
    for line in ["C /etc/passwd", "C /etc/owned"] {
        assert!(diff.lines().any(|l| l == line), "diff lacks {line}: {diff}");
    }
    // The container's writes stay its own: a new one sees the image again.
    b.rpod(&["run", "--rm", "owned", "tail", "-n", "1", "/etc/owned"])
        .success()
        .stdout_has("a\n");
    // ... and go into the user's own store when committed.
    b.rpod(&["commit", "-q", "w", "mine"]).success();
    b.rpod(&[
        "run",
        "--rm",
        "mine",
        "sh",
        "-c",
        "tail -n 1 /etc/passwd; stat -c '%u:%g' /etc/owned",
    ])
    .success()
    .stdout_has("x\n5:7\n");
    b.rpod(&[
        "images",
        "--format",
        "{{.Repository}} {{.ReadOnly}} {{.Store}}",
    ])
    .success()
    .stdout_has(&format!("localhost/mine false {}\n", b.data().display()));
    b.rpod(&["rm", "w"]).success();
    let mut after = Vec::new();
    snapshot(&a.data(), &mut after);
    assert_eq!(before, after, "the shared store changed");
}

#[test]
fn a_missing_shared_store_is_named() {
    let b = Env::bare();
    b.write_config("[storage]\nadditional-image-stores = [\"/nonexistent/store\"]\n");
    b.rpod(&["images"])
        .failure()
        .stderr_has("additional image store /nonexistent/store");
}
