//! [`InitSpec`] → the ordered mount and setup steps of a container, as data. Pure, so the
//! whole layout of a container can be read and tested without namespaces.

use std::path::PathBuf;

use super::spec::{CgroupFs, InitSpec, MountSpec, NetNamespace, Shared};

/// docker's masked paths: unreadable in the container.
pub const MASKED_PATHS: [&str; 12] = [
    "/proc/acpi",
    "/proc/asound",
    "/proc/interrupts",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/sys/devices/virtual/powercap",
    "/sys/firmware",
];

/// docker's read-only paths.
pub const READONLY_PATHS: [&str; 5] = [
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// Device nodes bound from the host: mknod of real devices is not allowed in a user namespace.
pub const DEVICES: [&str; 6] = ["null", "zero", "full", "random", "urandom", "tty"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Stop mount events from travelling between the container and the monitor.
    MakeRootPrivate,
    /// Bind the root file system onto itself: pivot_root needs a mount point.
    BindRootfs(PathBuf),
    /// A file system mounted at a path inside the root file system (created as a directory).
    Mount {
        fstype: &'static str,
        target: String,
        flags: MountFlags,
        data: String,
    },
    /// `source` (a host path) bound at `target` inside the root file system.
    Bind {
        source: PathBuf,
        target: String,
        readonly: bool,
        recursive: bool,
        /// See [`MountSpec::Bind`]: the source is opened without following any symlink.
        no_symlinks: bool,
    },
    Symlink {
        link: String,
        target: &'static str,
    },
    PivotRoot,
    Mask(String),
    ReadOnly(String),
    RemountRootReadOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MountFlags {
    pub nosuid: bool,
    pub nodev: bool,
    pub noexec: bool,
    pub readonly: bool,
}

const NOSUID_NODEV_NOEXEC: MountFlags = MountFlags {
    nosuid: true,
    nodev: true,
    noexec: true,
    readonly: false,
};

/// `--tmpfs` options → mount flags and tmpfs data. Like podman, a tmpfs is noexec, nosuid and
/// nodev unless the options say exec, suid or dev.
pub fn tmpfs_options(options: &str) -> Result<(MountFlags, String), String> {
    let mut flags = NOSUID_NODEV_NOEXEC;
    let mut data = Vec::new();
    for opt in options.split(',').filter(|o| !o.is_empty()) {
        match opt {
            "ro" => flags.readonly = true,
            "rw" => flags.readonly = false,
            "exec" => flags.noexec = false,
            "noexec" => flags.noexec = true,
            "suid" => flags.nosuid = false,
            "nosuid" => flags.nosuid = true,
            "dev" => flags.nodev = false,
            "nodev" => flags.nodev = true,
            // Propagation and access-time flags change nothing that a container can observe.
            "private" | "rprivate" | "shared" | "rshared" | "slave" | "rslave" | "noatime"
            | "relatime" | "strictatime" | "tmpcopyup" | "notmpcopyup" => {}
            _ if ["size=", "mode=", "nr_inodes=", "nr_blocks=", "huge="]
                .iter()
                .any(|p| opt.starts_with(p)) =>
            {
                data.push(opt)
            }
            other => return Err(format!("unknown tmpfs option {other:?}")),
        }
    }
    Ok((flags, data.join(",")))
}

/// The mount steps of a container, in the order they must happen.
pub fn steps(spec: &InitSpec) -> Vec<Step> {
    let mut s = vec![Step::MakeRootPrivate, Step::BindRootfs(spec.rootfs.clone())];
    // The host's PID namespace belongs to the host's user namespace, where a rootless
    // process may not mount a proc: the host's is bound, with what is mounted under it.
    s.push(match spec.namespaces.pid {
        Shared::Host => Step::Bind {
            source: "/proc".into(),
            target: "/proc".into(),
            readonly: false,
            recursive: true,
            no_symlinks: false,
        },
        _ => Step::Mount {
            fstype: "proc",
            target: "/proc".into(),
            flags: NOSUID_NODEV_NOEXEC,
            data: String::new(),
        },
    });
    s.push(Step::Mount {
        fstype: "tmpfs",
        target: "/dev".into(),
        flags: MountFlags {
            nosuid: true,
            ..MountFlags::default()
        },
        data: "mode=755,size=65536k".into(),
    });
    for dev in DEVICES {
        s.push(Step::Bind {
            source: PathBuf::from("/dev").join(dev),
            target: format!("/dev/{dev}"),
            readonly: false,
            recursive: false,
            no_symlinks: false,
        });
    }
    s.push(Step::Mount {
        fstype: "devpts",
        target: "/dev/pts".into(),
        flags: MountFlags {
            nosuid: true,
            noexec: true,
            ..MountFlags::default()
        },
        // No gid=5: the tty group is not mapped in a one-id user namespace.
        data: "newinstance,ptmxmode=0666,mode=0620".into(),
    });
    // POSIX shared memory lives in /dev/shm: the host's IPC namespace comes with the host's
    // /dev/shm, as in podman (MPI ranks in separate containers meet there). Another
    // container's cannot be bound: its tmpfs is a mount of a foreign mount namespace.
    if let Some(dir) = &spec.shm_dir {
        s.push(Step::Bind {
            source: dir.clone(),
            target: "/dev/shm".into(),
            readonly: false,
            recursive: false,
            no_symlinks: false,
        });
    } else if spec.namespaces.ipc == Shared::Host {
        s.push(Step::Bind {
            source: "/dev/shm".into(),
            target: "/dev/shm".into(),
            readonly: false,
            recursive: false,
            no_symlinks: false,
        });
    } else {
        s.push(Step::Mount {
            fstype: "tmpfs",
            target: "/dev/shm".into(),
            flags: NOSUID_NODEV_NOEXEC,
            data: "mode=1777,size=65536k".into(),
        });
    }
    // mqueue may only be mounted by the owner of the IPC namespace. With the host's, mq_open
    // still reaches the host's queues (the kernel's own mount); only the /dev view is left out.
    if spec.namespaces.ipc != Shared::Host {
        s.push(Step::Mount {
            fstype: "mqueue",
            target: "/dev/mqueue".into(),
            flags: NOSUID_NODEV_NOEXEC,
            data: String::new(),
        });
    }
    for (link, target) in [
        ("/dev/fd", "/proc/self/fd"),
        ("/dev/stdin", "/proc/self/fd/0"),
        ("/dev/stdout", "/proc/self/fd/1"),
        ("/dev/stderr", "/proc/self/fd/2"),
        ("/dev/ptmx", "pts/ptmx"),
    ] {
        s.push(Step::Symlink {
            link: link.into(),
            target,
        });
    }
    // sysfs may only be mounted by the owner of the network namespace.
    match spec.namespaces.net {
        NetNamespace::Private | NetNamespace::Bridge => s.push(Step::Mount {
            fstype: "sysfs",
            target: "/sys".into(),
            flags: MountFlags {
                readonly: true,
                ..NOSUID_NODEV_NOEXEC
            },
            data: String::new(),
        }),
        NetNamespace::Host | NetNamespace::Join { .. } => s.push(Step::Bind {
            source: "/sys".into(),
            target: "/sys".into(),
            readonly: true,
            recursive: true,
            no_symlinks: false,
        }),
    }
    if spec.cgroup_fs != CgroupFs::Hidden {
        s.push(Step::Mount {
            fstype: "cgroup2",
            target: "/sys/fs/cgroup".into(),
            flags: MountFlags {
                readonly: spec.cgroup_fs == CgroupFs::ReadOnly,
                ..NOSUID_NODEV_NOEXEC
            },
            data: String::new(),
        });
    }
    for m in &spec.mounts {
        s.push(match m {
            MountSpec::Bind {
                source,
                target,
                readonly,
                no_symlinks,
            } => Step::Bind {
                source: source.clone(),
                target: target.clone(),
                readonly: *readonly,
                recursive: true,
                no_symlinks: *no_symlinks,
            },
            MountSpec::Tmpfs { target, options } => {
                // Options were checked when the container was created.
                let (flags, data) =
                    tmpfs_options(options).unwrap_or((NOSUID_NODEV_NOEXEC, String::new()));
                Step::Mount {
                    fstype: "tmpfs",
                    target: target.clone(),
                    flags,
                    data,
                }
            }
        });
    }
    s.push(Step::PivotRoot);
    s.extend(spec.masked_paths.iter().cloned().map(Step::Mask));
    s.extend(spec.readonly_paths.iter().cloned().map(Step::ReadOnly));
    if spec.readonly_rootfs {
        s.push(Step::RemountRootReadOnly);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::spec::{Namespaces, ProcessSpec, Security};
    use crate::runtime::userns::IdMap;

    fn spec(net: NetNamespace) -> InitSpec {
        InitSpec {
            rootfs: "/r".into(),
            process: ProcessSpec {
                args: vec!["sh".into()],
                env: vec![],
                cwd: "/".into(),
                uid: 0,
                gid: 0,
                terminal: false,
                rlimits: vec![],
                attrs: Default::default(),
            },
            hostname: "h".into(),
            namespaces: Namespaces {
                id_map: IdMap {
                    inside_uid: 0,
                    inside_gid: 0,
                    outside_uid: 1000,
                    outside_gid: 1000,
                },
                net,
                ipc: Shared::Private,
                uts: Shared::Private,
                pid: Shared::Private,
                cgroup: Shared::Private,
            },
            mounts: vec![MountSpec::Bind {
                source: "/data/hosts".into(),
                target: "/etc/hosts".into(),
                readonly: false,
                no_symlinks: false,
            }],
            readonly_rootfs: true,
            masked_paths: MASKED_PATHS.iter().map(|s| s.to_string()).collect(),
            readonly_paths: READONLY_PATHS.iter().map(|s| s.to_string()).collect(),
            security: Security {
                capabilities: vec![],
                no_new_privileges: true,
                seccomp: None,
                emulation: None,
            },
            init_reaper: false,
            sysctls: Vec::new(),
            pause: false,
            shm_dir: None,
            user_entries: Vec::new(),
            cgroup_fs: CgroupFs::Hidden,
        }
    }

    fn position(steps: &[Step], pred: impl Fn(&Step) -> bool) -> usize {
        steps.iter().position(pred).expect("step present")
    }

    #[test]
    fn layout_follows_docker_in_a_safe_order() {
        let steps = steps(&spec(NetNamespace::Private));
        let mounted = |fs: &str, at: &str| {
            steps
                .iter()
                .any(|s| matches!(s, Step::Mount { fstype, target, .. } if *fstype == fs && target == at))
        };
        assert!(mounted("proc", "/proc"));
        assert!(mounted("devpts", "/dev/pts"));
        assert!(mounted("sysfs", "/sys"));
        assert!(mounted("mqueue", "/dev/mqueue"));
        let dev = position(
            &steps,
            |s| matches!(s, Step::Mount { target, .. } if target == "/dev"),
        );
        let null = position(
            &steps,
            |s| matches!(s, Step::Bind { target, .. } if target == "/dev/null"),
        );
        let hosts = position(
            &steps,
            |s| matches!(s, Step::Bind { target, .. } if target == "/etc/hosts"),
        );
        let pivot = position(&steps, |s| *s == Step::PivotRoot);
        let mask = position(&steps, |s| *s == Step::Mask("/proc/kcore".into()));
        let ro_root = position(&steps, |s| *s == Step::RemountRootReadOnly);
        assert!(dev < null && null < pivot && hosts < pivot && pivot < mask && mask < ro_root);
        assert!(
            steps
                .iter()
                .all(|s| !matches!(s, Step::Mount { data, .. } if data.contains("gid="))),
            "no unmapped gid in mount options"
        );
    }

    #[test]
    fn tmpfs_defaults_are_locked_down_and_options_open_them() {
        let (flags, data) = tmpfs_options("").unwrap();
        assert!(flags.noexec && flags.nosuid && flags.nodev && !flags.readonly);
        assert_eq!(data, "");
        let (flags, data) = tmpfs_options("size=64m,exec,mode=1777,ro").unwrap();
        assert!(!flags.noexec && flags.readonly);
        assert_eq!(data, "size=64m,mode=1777");
        assert!(tmpfs_options("uid=0").is_err());
    }

    #[test]
    fn host_network_binds_sys_instead_of_mounting_it() {
        let steps = steps(&spec(NetNamespace::Host));
        assert!(steps.iter().any(
            |s| matches!(s, Step::Bind { source, target, readonly: true, .. } if source.as_os_str() == "/sys" && target == "/sys")
        ));
        assert!(!steps.iter().any(|s| matches!(
            s,
            Step::Mount {
                fstype: "sysfs",
                ..
            }
        )));
    }
}
