//! The smaller run/create options of podman's third round, parsed into typed values:
//! `--annotation`, `--env-merge`, `--shm-size`, `--group-add`, `--umask`, `--oom-score-adj`,
//! `--personality`, and the options a one-id rootless engine refuses with the reason.

use super::super::ContainerError;
use super::mounts::{MountDef, MountKind};
use super::resources::parse_size;
use crate::monitor::log::LogSpec;
use crate::runtime::spec::ProcessAttrs;

/// Options rpod accepts so that scripts get the reason, not "unexpected argument".
pub fn refusal(flag: &str) -> &'static str {
    match flag {
        "--memory-swappiness" => {
            "cgroup v2 has no per-group swappiness: the kernel's global vm.swappiness applies"
        }
        "--oom-kill-disable" => {
            "cgroup v2 cannot disable the OOM killer for a group; use --oom-score-adj"
        }
        "--seccomp-policy" => {
            "rpod reads no seccomp profile from an image; default (the default profile or \
             --security-opt seccomp=…) is the only policy"
        }
        "--init-path" => "rpod's --init is built in: it runs no init binary",
        "--device-cgroup-rule" => {
            "cgroup v2's device access is a BPF program that only root on the host may \
             attach: a rootless container opens exactly the nodes --device binds into it, \
             with no device list a rule could widen"
        }
        _ => "not supported by rpod",
    }
}

/// `--preserve-fds N` and `--preserve-fd FD1[,FD2,…]` (of run and exec): the descriptors
/// handed to the container at their numbers, 3..3+N and those listed. podman's rules: each
/// must be open in this command, and the standard streams are not for this option.
pub fn preserve_fds(count: u32, lists: &[String]) -> Result<Vec<i32>, ContainerError> {
    let mut fds: Vec<i32> = Vec::new();
    if let Some(fd) = (3..3 + count as i32).find(|fd| !crate::runtime::fds::is_open(*fd)) {
        return Err(ContainerError::invalid(
            "--preserve-fds",
            count.to_string(),
            format!(
                "file descriptor {fd} is not available - the preserve-fds option requires \
                 that all file descriptors must be passed"
            ),
        ));
    }
    fds.extend(3..3 + count as i32);
    for given in lists.iter().flat_map(|l| l.split(',')) {
        let invalid = |reason: String| ContainerError::invalid("--preserve-fd", given, reason);
        let fd: i32 = given
            .trim()
            .parse()
            .map_err(|_| invalid("expected descriptor numbers, e.g. 5 or 5,7".into()))?;
        if fd < 3 {
            return Err(invalid(format!(
                "cannot preserve FD {fd}: the standard streams are the container's own \
                 (attached, or -i for stdin)"
            )));
        }
        if !crate::runtime::fds::is_open(fd) {
            return Err(invalid(format!(
                "file descriptor {fd} is not available - the preserve-fd option requires that \
                 file descriptors must be passed"
            )));
        }
        if !fds.contains(&fd) {
            fds.push(fd);
        }
    }
    Ok(fds)
}

/// `--umask`, `--oom-score-adj`, `--personality`, checked.
pub fn process_attrs(
    umask: Option<&str>,
    oom_score_adj: Option<i32>,
    personality: Option<&str>,
) -> Result<ProcessAttrs, ContainerError> {
    let umask = umask
        .map(|u| {
            u32::from_str_radix(u, 8)
                .ok()
                .filter(|m| *m <= 0o777)
                .ok_or_else(|| {
                    ContainerError::invalid("--umask", u, "expected an octal mask like 0027")
                })
        })
        .transpose()?;
    if let Some(score) = oom_score_adj.filter(|s| !(-1000..=1000).contains(s)) {
        return Err(ContainerError::invalid(
            "--oom-score-adj",
            score.to_string(),
            "expected a number from -1000 to 1000",
        ));
    }
    let personality = personality
        .map(|p| match p.to_ascii_uppercase().as_str() {
            "LINUX" => Ok(0),
            "LINUX32" => Ok(8),
            _ => Err(ContainerError::invalid(
                "--personality",
                p,
                "expected LINUX or LINUX32",
            )),
        })
        .transpose()?;
    Ok(ProcessAttrs {
        umask,
        oom_score_adj,
        personality,
        // Handed over for one start by `run`, never part of the container's record.
        preserve_fds: Vec::new(),
    })
}

/// `--annotation KEY=VALUE`, in order.
pub fn annotations(given: &[String]) -> Result<Vec<(String, String)>, ContainerError> {
    given
        .iter()
        .map(|a| match a.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(ContainerError::invalid(
                "--annotation",
                a,
                "expected KEY=VALUE",
            )),
        })
        .collect()
}

/// `--env-merge KEY=VALUE` where VALUE may name `${KEY}`, the image's value of that variable.
pub fn env_merge(given: &[String]) -> Result<Vec<(String, String)>, ContainerError> {
    given
        .iter()
        .map(|e| match e.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(ContainerError::invalid(
                "--env-merge",
                e,
                "expected KEY=VALUE, e.g. PATH=${PATH}:/opt/bin",
            )),
        })
        .collect()
}

/// The merged value: `${KEY}` in `template` becomes the image's value (empty if none).
pub fn merged_value(key: &str, template: &str, image_value: Option<&str>) -> String {
    template.replace(&format!("${{{key}}}"), image_value.unwrap_or(""))
}

/// `--shm-size`: /dev/shm as a tmpfs of that size, mounted over the default 64 MiB one.
pub fn shm_mount(size: &str) -> Result<MountDef, ContainerError> {
    let bytes = parse_size("--shm-size", size)?;
    if bytes == 0 {
        return Err(ContainerError::invalid(
            "--shm-size",
            size,
            "the size must be greater than 0",
        ));
    }
    Ok(MountDef {
        kind: MountKind::Tmpfs {
            options: format!("nosuid,nodev,noexec,mode=1777,size={bytes}"),
        },
        target: "/dev/shm".into(),
        readonly: false,
    })
}

/// `--group-add`: a gid, a group name of the image, or podman's `keep-groups` (alone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupAdd {
    Gid(u32),
    Name(String),
}

/// The groups of `--group-add`, and whether `keep-groups` was given.
pub fn group_add(given: &[String]) -> Result<(Vec<GroupAdd>, bool), ContainerError> {
    let keep = given.iter().any(|g| g == "keep-groups");
    if keep && given.len() > 1 {
        return Err(ContainerError::invalid(
            "--group-add",
            given.join(","),
            "keep-groups cannot be combined with other groups",
        ));
    }
    let groups = given
        .iter()
        .filter(|g| *g != "keep-groups")
        .map(|g| match g.parse::<u32>() {
            Ok(gid) => Ok(GroupAdd::Gid(gid)),
            Err(_) if !g.is_empty() && !g.contains([':', '\n']) => Ok(GroupAdd::Name(g.clone())),
            Err(_) => Err(ContainerError::invalid(
                "--group-add",
                g,
                "expected a group name or gid",
            )),
        })
        .collect::<Result<_, _>>()?;
    Ok((groups, keep))
}

/// `--image-volume`: what the image's VOLUMEs become.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ImageVolume {
    /// An anonymous volume each (docker's and podman's default).
    #[default]
    Bind,
    /// A tmpfs each: gone with the container.
    Tmpfs,
    /// Nothing: the path stays part of the container's file system.
    Ignore,
}

pub fn image_volume(given: Option<&str>) -> Result<ImageVolume, ContainerError> {
    Ok(match given {
        None | Some("bind") | Some("anonymous") => ImageVolume::Bind,
        Some("tmpfs") => ImageVolume::Tmpfs,
        Some("ignore") => ImageVolume::Ignore,
        Some(other) => {
            return Err(ContainerError::invalid(
                "--image-volume",
                other,
                "expected bind, tmpfs or ignore",
            ));
        }
    })
}

/// `--read-only` with `--read-only-tmpfs` (podman's default): writable tmpfs mounts on /tmp,
/// /var/tmp and /run where the user mounts nothing.
pub fn read_only_tmpfs(taken: &[MountDef]) -> Vec<MountDef> {
    [("/tmp", "1777"), ("/var/tmp", "1777"), ("/run", "755")]
        .into_iter()
        .filter(|(target, _)| !taken.iter().any(|m| m.target == *target))
        .map(|(target, mode)| MountDef {
            kind: MountKind::Tmpfs {
                options: format!("nosuid,nodev,mode={mode}"),
            },
            target: target.into(),
            readonly: false,
        })
        .collect()
}

/// `--pidfile` or `--conmon-pidfile`, made absolute: a later `rpod start` may run elsewhere.
pub fn pidfile(
    flag: &'static str,
    given: Option<&std::path::Path>,
) -> Result<Option<std::path::PathBuf>, ContainerError> {
    let Some(path) = given else {
        return Ok(None);
    };
    let absolute = std::path::absolute(path)
        .map_err(|e| ContainerError::invalid(flag, path.display().to_string(), e.to_string()))?;
    Ok(Some(absolute))
}

/// `--volumes-from CONTAINER[:ro|rw]`: the container, and whether its mounts become read-only
/// (`Some(true)`), writable, or stay as they are (None).
pub fn volumes_from(given: &[String]) -> Result<Vec<(String, Option<bool>)>, ContainerError> {
    given
        .iter()
        .map(|v| match v.split_once(':') {
            None => Ok((v.clone(), None)),
            Some((name, "ro")) => Ok((name.to_string(), Some(true))),
            Some((name, "rw")) => Ok((name.to_string(), Some(false))),
            Some(_) => Err(ContainerError::invalid(
                "--volumes-from",
                v,
                "expected CONTAINER[:ro|rw]",
            )),
        })
        .collect()
}

/// `--log-driver` and `--log-opt`: k8s-file (json-file is podman's alias for it) or none;
/// `path=` and `max-size=`.
pub fn log_spec(driver: Option<&str>, opts: &[String]) -> Result<LogSpec, ContainerError> {
    let disabled = match driver.unwrap_or("k8s-file") {
        "k8s-file" | "json-file" => false,
        "none" => true,
        "passthrough" | "passthrough-tty" => {
            return Err(ContainerError::invalid(
                "--log-driver",
                driver.unwrap_or_default(),
                "rpod's monitor outlives the command, so the container cannot write to its \
                 streams directly: use k8s-file (the default) and rpod logs, or run attached",
            ));
        }
        other => {
            return Err(ContainerError::invalid(
                "--log-driver",
                other,
                "rpod logs to a file (k8s-file, the default; json-file is the same) or not at \
                 all (none); it has no journald or syslog driver",
            ));
        }
    };
    let mut spec = LogSpec {
        disabled,
        ..LogSpec::default()
    };
    for opt in opts {
        let invalid = |reason: &str| ContainerError::invalid("--log-opt", opt, reason);
        match opt.split_once('=') {
            Some(("path", p)) if p.starts_with('/') => spec.path = Some(p.into()),
            Some(("path", _)) => return Err(invalid("the log path must be absolute")),
            Some(("max-size", size)) => spec.max_size = Some(parse_size("--log-opt", size)?),
            Some(("tag", _)) => {
                return Err(invalid(
                    "a tag names journald entries; rpod's k8s-file log has no tags",
                ));
            }
            _ => return Err(invalid("expected path=FILE or max-size=SIZE")),
        }
    }
    if spec.disabled && (spec.path.is_some() || spec.max_size.is_some()) {
        return Err(ContainerError::invalid(
            "--log-opt",
            opts.join(","),
            "the none log driver writes no file",
        ));
    }
    Ok(spec)
}

/// `--device HOST[:CONTAINER][:PERMISSIONS]`: a bind of the host's device node. Without
/// root, a container can only use a node its user may open, so that is checked now. A
/// directory (`/dev/infiniband`) passes every node in it, as podman does; those the user
/// cannot open stay unopenable in the container, as on the host.
pub fn device(given: &str) -> Result<Vec<MountDef>, ContainerError> {
    let invalid = |reason: String| ContainerError::invalid("--device", given, reason);
    let parts: Vec<&str> = given.split(':').collect();
    let (host, target, perms) = match parts[..] {
        [h] => (h, h, "rwm"),
        [h, p] if !p.starts_with('/') => (h, h, p),
        [h, t] => (h, t, "rwm"),
        [h, t, p] => (h, t, p),
        _ => return Err(invalid("expected HOST[:CONTAINER][:PERMISSIONS]".into())),
    };
    if !std::path::Path::new(host).is_dir() {
        return Ok(vec![
            device_node(host, target, perms, Access::Required).map_err(invalid)?,
        ]);
    }
    let nodes = device_dir(host).map_err(invalid)?;
    if nodes.is_empty() {
        return Err(invalid(format!("{host} holds no device node")));
    }
    nodes
        .iter()
        .map(|name| {
            let (h, t) = (format!("{host}/{name}"), format!("{target}/{name}"));
            device_node(&h, &t, perms, Access::AsOnTheHost).map_err(&invalid)
        })
        .collect()
}

/// The names of the device nodes in a directory, sorted.
fn device_dir(dir: &str) -> Result<Vec<String>, String> {
    use std::os::unix::fs::FileTypeExt;
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{dir}: {e}"))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type()
                .is_ok_and(|t| t.is_char_device() || t.is_block_device())
        })
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    Ok(names)
}

/// Whether a device node must be one the user may open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// A node named on its own: one the user cannot open is a mistake, refused now.
    Required,
    /// A node of a directory passed whole: it keeps its host permissions.
    AsOnTheHost,
}

/// A bind of the host's device node `host` at `target`, with cgroup-style permissions; the
/// reason when that cannot be (also for CDI's device nodes).
pub fn device_node(
    host: &str,
    target: &str,
    perms: &str,
    access: Access,
) -> Result<MountDef, String> {
    use std::os::unix::fs::FileTypeExt;
    if perms.is_empty() || !perms.chars().all(|c| "rwm".contains(c)) {
        return Err(format!("permissions {perms:?}: expected some of r, w, m"));
    }
    // Read-only or write-only access is the device cgroup's to enforce (an eBPF program in
    // cgroup v2), which needs root: a mount's read-only flag does not stop device writes.
    if !(perms.contains('r') && perms.contains('w')) {
        return Err(format!(
            "permissions {perms:?}: rootless rpod cannot limit a device to reading or writing \
             (the device cgroup needs root); give rw or rwm"
        ));
    }
    if !host.starts_with('/') || !target.starts_with("/dev/") {
        return Err("the host path must be absolute and the container path under /dev".into());
    }
    let source = std::fs::canonicalize(host).map_err(|e| format!("{host}: {e}"))?;
    let kind = std::fs::metadata(&source).map_err(|e| format!("{host}: {e}"))?;
    if !(kind.file_type().is_char_device() || kind.file_type().is_block_device()) {
        return Err(format!("{host} is not a device node"));
    }
    let mode = nix::unistd::AccessFlags::R_OK | nix::unistd::AccessFlags::W_OK;
    let openable = nix::unistd::access(&source, mode);
    openable
        .or_else(|e| match access {
            Access::AsOnTheHost => Ok(()),
            Access::Required => Err(e),
        })
        .map_err(|e| {
            format!(
                "you cannot open {host} ({e}): rootless rpod can only pass a device your user may \
             open; an administrator can grant it (e.g. a group or a udev rule)"
            )
        })?;
    Ok(MountDef {
        kind: MountKind::Bind { source },
        target: target.to_string(),
        readonly: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_attrs_are_checked() {
        let a = process_attrs(Some("0027"), Some(500), Some("linux32")).unwrap();
        assert_eq!(a.umask, Some(0o27));
        assert_eq!(a.personality, Some(8));
        assert!(process_attrs(Some("999"), None, None).is_err());
        assert!(process_attrs(None, Some(1001), None).is_err());
        assert!(process_attrs(None, None, Some("BSD")).is_err());
    }

    #[test]
    fn env_merge_expands_the_images_value() {
        assert_eq!(merged_value("PATH", "${PATH}:/x", Some("/bin")), "/bin:/x");
        assert_eq!(merged_value("A", "${A}b", None), "b");
        assert!(env_merge(&["=x".into()]).is_err());
    }

    #[test]
    fn group_add_and_shm_size() {
        let (groups, keep) = group_add(&["10".into(), "wheel".into()]).unwrap();
        assert_eq!(groups, [GroupAdd::Gid(10), GroupAdd::Name("wheel".into())]);
        assert!(!keep);
        assert!(group_add(&["keep-groups".into(), "10".into()]).is_err());
        assert!(shm_mount("0").is_err());
        assert!(matches!(
            shm_mount("1m").unwrap().kind,
            MountKind::Tmpfs { options } if options.ends_with("size=1048576")
        ));
    }
}
