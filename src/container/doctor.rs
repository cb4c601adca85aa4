//! `rpod system doctor`: each feature this host degrades or lacks, found by the same probes
//! the verbs use, with what rpod does instead and the command an administrator runs to fix
//! it. No engine has this: podman and docker fail at the verb that needs the feature.

use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{ContainerError, host_facts};
use crate::cgroup::probe::CgroupState;
use crate::config::{Config, Paths, StorageDriver};
use crate::network::helper;
use crate::network::mode::package_of;
use crate::runtime::userns;
use crate::storage::{StorageError, fstype, probe, squash};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    /// Works, with a fallback that costs something (speed, disk, persistence, limits).
    Degraded,
    /// A feature is not there at all: the verbs that need it fail.
    Missing,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Degraded => "degraded",
            Status::Missing => "missing",
        }
    }
}

/// One check's verdict; the JSON field names are stable (`--format json`, templates).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Finding {
    /// Stable: scripts and `rpod info`'s `degraded` list use it.
    #[serde(rename = "ID")]
    pub id: &'static str,
    pub status: Status,
    /// What the probe found (why, when not ok).
    pub found: String,
    /// What rpod does without the feature; empty when ok.
    pub instead: String,
    /// The command that fixes it; empty when ok.
    pub fix: String,
}

impl Finding {
    fn ok(id: &'static str, found: impl Into<String>) -> Finding {
        Finding {
            id,
            status: Status::Ok,
            found: found.into(),
            instead: String::new(),
            fix: String::new(),
        }
    }

    fn not_ok(
        id: &'static str,
        status: Status,
        found: impl Into<String>,
        instead: impl Into<String>,
        fix: impl Into<String>,
    ) -> Finding {
        Finding {
            id,
            status,
            found: found.into(),
            instead: instead.into(),
            fix: fix.into(),
        }
    }
}

/// Every check, in a fixed order, for the store in `store_dir` (which exists);
/// `storage_driver` is `--storage-driver`'s, which wins over rpod.toml's as for every verb.
pub fn doctor(
    store_dir: &Path,
    config: &Config,
    paths: &Paths,
    storage_driver: Option<StorageDriver>,
) -> Result<Vec<Finding>, ContainerError> {
    helper::search_only(&config.network.helper_dirs);
    let facts = fstype::inspect(store_dir);
    let forced = match (storage_driver, config.storage.driver) {
        (Some(d), _) => Some((d, "--storage-driver")),
        (None, Some(d)) => Some((d, "rpod.toml")),
        (None, None) => None,
    };
    let choice = probe::choose(store_dir, forced, config.storage.container_dir.as_deref())
        .map_err(StorageError::from)?;
    let layers_dir = choice.container_dir.as_ref().map(|(dir, _)| dir.clone());
    let overlay = overlay(
        layers_dir.as_deref().unwrap_or(store_dir),
        &format!("{} ({})", choice.driver.name(), choice.reason),
    )?;
    let pasta = helper::find("pasta");
    let slirp = helper::find("slirp4netns");
    Ok(vec![
        user_namespaces(&userns::Support::probe()),
        cgroup_delegation(&CgroupState::probe()),
        overlay,
        store_network_fs(store_dir, &facts, layers_dir.as_deref()),
        user_xattrs(store_dir, &facts, layers_dir.as_deref()),
        fuse(),
        tun(),
        network_helper("pasta", pasta.as_deref(), slirp.is_some()),
        network_helper("slirp4netns", slirp.as_deref(), pasta.is_some()),
        squashfs(),
        xdg_runtime_dir(paths),
    ])
}

/// The ids of the checks that are not ok, for `rpod info`.
pub fn degraded(findings: &[Finding]) -> Vec<&'static str> {
    findings
        .iter()
        .filter(|f| f.status != Status::Ok)
        .map(|f| f.id)
        .collect()
}

/// The distribution's command that installs `package`, from /etc/os-release.
fn install(package: &str) -> String {
    let distro = host_facts::distribution();
    let manager = match distro.id.as_str() {
        "debian" | "ubuntu" | "linuxmint" | "pop" | "raspbian" | "devuan" => "apt-get install",
        "fedora" | "rhel" | "centos" | "rocky" | "almalinux" | "ol" | "amzn" => "dnf install",
        "arch" | "manjaro" | "endeavouros" => "pacman -S",
        "alpine" => "apk add",
        id if id.starts_with("opensuse") || id == "sles" => "zypper install",
        _ => return format!("install the package {package} with the system's package manager"),
    };
    format!("sudo {manager} {package}")
}

fn user_namespaces(support: &userns::Support) -> Finding {
    const ID: &str = "user-namespaces";
    let Some(problem) = support.problem() else {
        let max = support
            .max_user_namespaces
            .map_or("unlimited".into(), |m| m.to_string());
        return Finding::ok(
            ID,
            format!(
                "unprivileged users may create user namespaces (user.max_user_namespaces={max})"
            ),
        );
    };
    let fix = if support.max_user_namespaces == Some(0) {
        "sudo sysctl -w user.max_user_namespaces=15000 && echo user.max_user_namespaces=15000 | sudo tee /etc/sysctl.d/90-rpod-userns.conf"
    } else if support.unprivileged_userns_clone == Some(false) {
        "sudo sysctl -w kernel.unprivileged_userns_clone=1 && echo kernel.unprivileged_userns_clone=1 | sudo tee /etc/sysctl.d/90-rpod-userns.conf"
    } else {
        "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 && echo kernel.apparmor_restrict_unprivileged_userns=0 | sudo tee /etc/sysctl.d/90-rpod-userns.conf"
    };
    Finding::not_ok(
        ID,
        Status::Missing,
        problem,
        "nothing: every container runs in a user namespace, so none can start",
        fix,
    )
}

/// What rpod's limit flags need, each controller with the flags it serves.
const CONTROLLERS: [(&str, &str); 5] = [
    ("cpu", "--cpus, --cpu-shares, --cpu-quota"),
    ("cpuset", "--cpuset-cpus, --cpuset-mems"),
    ("io", "--blkio-weight, --device-read-bps"),
    ("memory", "--memory, --memory-swap"),
    ("pids", "--pids-limit"),
];

const DELEGATE_DROP_IN: &str = "sudo mkdir -p /etc/systemd/system/user@.service.d && printf '[Service]\\nDelegate=cpu cpuset io memory pids\\n' | sudo tee /etc/systemd/system/user@.service.d/delegate.conf && sudo systemctl daemon-reload";

fn cgroup_delegation(state: &CgroupState) -> Finding {
    const ID: &str = "cgroup-delegation";
    let summary = state.summary();
    if state.mount.is_none() || state.hybrid {
        return Finding::not_ok(
            ID,
            Status::Degraded,
            summary,
            "containers run without a cgroup of their own: limit flags are refused with the \
             reason, stats reads /proc and pause stops processes with SIGSTOP",
            "boot with systemd.unified_cgroup_hierarchy=1 on the kernel command line (e.g. in \
             GRUB_CMDLINE_LINUX of /etc/default/grub, then sudo update-grub and reboot)",
        );
    }
    let under_systemd = state.own.as_deref().is_some_and(|o| o.contains("/user@"));
    if !state.writable {
        let fix = if under_systemd {
            format!("{DELEGATE_DROP_IN}; then log in again")
        } else {
            // A cgroup outside the user's systemd manager (su, sudo, a batch job) is never
            // delegated: the session must come from systemd-logind, or rpod run in a scope.
            format!(
                "log in through systemd-logind (ssh, or machinectl shell USER@) and run rpod in \
                 a delegated scope: systemd-run --user --scope -p Delegate=yes rpod …; \
                 for all controllers: {DELEGATE_DROP_IN}"
            )
        };
        return Finding::not_ok(
            ID,
            Status::Degraded,
            format!("{summary}: the caller's cgroup is not writable"),
            "containers run in the caller's cgroup without a leaf of their own: limit flags \
             (--memory, --cpus, --pids-limit, …) are refused with the reason, stats reads \
             /proc and pause stops processes with SIGSTOP",
            fix,
        );
    }
    let missing: Vec<(&str, &str)> = CONTROLLERS
        .iter()
        .copied()
        .filter(|(c, _)| !state.available.iter().any(|a| a == c))
        .collect();
    if missing.is_empty() {
        return Finding::ok(ID, summary);
    }
    let names: Vec<&str> = missing.iter().map(|(c, _)| *c).collect();
    let flags: Vec<&str> = missing.iter().map(|(_, f)| *f).collect();
    Finding::not_ok(
        ID,
        Status::Degraded,
        format!("{summary}; not delegated: {}", names.join(" ")),
        format!(
            "these flags are refused with the reason: {}",
            flags.join("; ")
        ),
        format!("{DELEGATE_DROP_IN}; then log in again"),
    )
}

/// The kernel's version as (major, minor), when uname's release starts with one.
fn kernel_version() -> Option<(u32, u32)> {
    let uname = nix::sys::utsname::uname().ok()?;
    let release = uname.release().to_string_lossy().into_owned();
    let mut parts = release.split(|c: char| !c.is_ascii_digit());
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

fn overlay(layers_dir: &Path, store_driver: &str) -> Result<Finding, ContainerError> {
    const ID: &str = "overlay-userns";
    let problem = probe::try_overlay(layers_dir).map_err(StorageError::from)?;
    let Some(problem) = problem else {
        return Ok(Finding::ok(
            ID,
            format!(
                "kernel overlayfs mounts in a user namespace in {}; this store uses {store_driver}",
                layers_dir.display()
            ),
        ));
    };
    let fuse_problem = probe::fuse_overlayfs_problem();
    let instead = match &fuse_problem {
        None => "fuse-overlayfs: a FUSE process per container, slower file I/O".to_string(),
        Some(why) => format!(
            "vfs ({why}): every container gets a full copy of its image, slow to create and \
             heavy on disk"
        ),
    };
    let fix = match (kernel_version(), &fuse_problem) {
        (Some(v), _) if v < (5, 11) => format!(
            "boot a kernel of 5.11 or later (this one is {}.{}): overlay in user namespaces \
             came with 5.11",
            v.0, v.1
        ),
        (_, Some(why)) if why.contains("not installed") => install("fuse-overlayfs"),
        (_, Some(_)) => format!("sudo chmod 0666 {}", probe::FUSE_DEVICE),
        (_, None) => "put containers' writable layers on a local ext4, xfs or btrfs disk: \
                      [storage] container-dir = \"/local/disk/rpod\" in rpod.toml"
            .to_string(),
    };
    Ok(Finding::not_ok(
        ID,
        Status::Degraded,
        format!(
            "kernel overlayfs refused in a user namespace in {}: {problem}; this store uses {store_driver}",
            layers_dir.display()
        ),
        instead,
        fix,
    ))
}

fn node_local(layers_dir: Option<&Path>) -> String {
    layers_dir.map_or_else(
        || "the node-local directory".to_string(),
        |d| d.display().to_string(),
    )
}

fn store_network_fs(store: &Path, facts: &fstype::FsFacts, layers: Option<&Path>) -> Finding {
    const ID: &str = "store-network-fs";
    if !facts.remote {
        return Finding::ok(ID, format!("{} is on {}", store.display(), facts.name));
    }
    Finding::not_ok(
        ID,
        Status::Degraded,
        format!(
            "{} is on {}, a network or FUSE file system where overlay cannot keep a writable layer",
            store.display(),
            facts.name
        ),
        format!(
            "containers' writable layers live in {} on this node: a container's changes stay \
             on the node that ran it",
            node_local(layers)
        ),
        "keep the data directory on a local disk (rpod --root /local/disk/rpod), or choose \
         the node-local directory: [storage] container-dir = \"/local/scratch/rpod\" in rpod.toml",
    )
}

fn user_xattrs(store: &Path, facts: &fstype::FsFacts, layers: Option<&Path>) -> Finding {
    const ID: &str = "user-xattrs";
    if facts.user_xattrs {
        return Finding::ok(
            ID,
            format!("{} ({}) takes user.* xattrs", store.display(), facts.name),
        );
    }
    let fix = if facts.name == "nfs" {
        format!(
            "mount {} with NFS 4.2 (-o vers=4.2) from a server with user xattrs (Linux 5.9 or later)",
            store.display()
        )
    } else {
        format!(
            "sudo mount -o remount,user_xattr \"$(findmnt -no TARGET -T {})\"",
            store.display()
        )
    };
    Finding::not_ok(
        ID,
        Status::Degraded,
        format!(
            "{} ({}) refuses user.* xattrs, which overlay's whiteouts and root emulation's \
             owner records (user.rpod.owner) need",
            store.display(),
            facts.name
        ),
        format!(
            "containers' writable layers live in {}; image files stored here keep no owner \
             but root for root emulation (their user.rpod.owner records cannot be written)",
            node_local(layers)
        ),
        fix,
    )
}

/// The command that gives this user a device the kernel has (or loads its module).
fn device_fix(device: &str, module: &str, error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => format!("sudo modprobe {module}"),
        _ => format!("sudo chmod 0666 {device}"),
    }
}

fn fuse() -> Finding {
    const ID: &str = "fuse";
    let device = probe::FUSE_DEVICE;
    match probe::fuse_device_problem() {
        None => Finding::ok(ID, format!("{device} opens read-write")),
        Some(e) => Finding::not_ok(
            ID,
            Status::Degraded,
            format!("{device}: {e}"),
            "no FUSE server runs: fuse-overlayfs cannot stand in for kernel overlay (vfs \
             copies instead) and squashfs images are refused",
            device_fix(device, "fuse", &e),
        ),
    }
}

fn tun() -> Finding {
    const ID: &str = "tun";
    let device = helper::TUN_DEVICE;
    match helper::tun_problem() {
        None => Finding::ok(ID, format!("{device} opens read-write")),
        Some(e) => Finding::not_ok(
            ID,
            Status::Missing,
            format!("{device}: {e}"),
            "pasta and slirp4netns cannot make the container's interface: only --network \
             host and --network none work",
            device_fix(device, "tun", &e),
        ),
    }
}

fn network_helper(name: &'static str, found: Option<&Path>, other: bool) -> Finding {
    let other_name = if name == "pasta" {
        "slirp4netns"
    } else {
        "pasta"
    };
    if let Some(path) = found {
        return Finding::ok(name, format!("{}", path.display()));
    }
    let instead = if other {
        format!(
            "--network {name} is refused; {other_name} connects containers{}",
            if name == "pasta" {
                " (the default network)"
            } else {
                ""
            }
        )
    } else {
        "no network helper: run refuses the default network; only --network host and \
         --network none work"
            .to_string()
    };
    Finding::not_ok(
        name,
        Status::Missing,
        format!("{name} is not in [network] helper-dirs, $PATH or the system's bin directories"),
        instead,
        install(package_of(name)),
    )
}

/// Whether `program` is in $PATH, as the squashfs code runs it.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join(program).is_file()))
}

fn squashfs() -> Finding {
    const ID: &str = "squashfs";
    let lacking: Vec<&str> = ["rdsquashfs", "tar2sqfs"]
        .into_iter()
        .filter(|t| !on_path(t))
        .collect();
    let (found, instead, fix) = match squash::check_host() {
        Err(e) => {
            let why = e.to_string();
            let fix = match probe::fuse_device_problem() {
                Some(dev) if why.contains(probe::FUSE_DEVICE) => {
                    device_fix(probe::FUSE_DEVICE, "fuse", &dev)
                }
                _ => install(squash::SERVER),
            };
            let instead = "run --rootfs FILE.sqfs and sqfs: images are refused (a user \
                           namespace cannot mount the kernel's squashfs)";
            (why, instead, fix)
        }
        Ok(()) if lacking.is_empty() => {
            return Finding::ok(
                ID,
                "squashfuse, rdsquashfs and tar2sqfs are installed and /dev/fuse opens",
            );
        }
        Ok(()) => (
            format!("{} not installed", lacking.join(" and ")),
            "save --format squashfs (tar2sqfs) and running squashfs files (rdsquashfs reads \
             their config) are refused",
            install("squashfs-tools-ng"),
        ),
    };
    Finding::not_ok(ID, Status::Missing, found, instead, fix)
}

/// Why `dir` cannot be this user's runtime directory, if it cannot.
fn runtime_dir_problem(dir: &Path, uid: u32) -> Option<String> {
    match std::fs::metadata(dir) {
        Err(e) => Some(format!("{}: {e}", dir.display())),
        Ok(m) if !m.is_dir() => Some(format!("{} is not a directory", dir.display())),
        Ok(m) if m.uid() != uid => Some(format!(
            "{} is owned by uid {}, not {uid}",
            dir.display(),
            m.uid()
        )),
        Ok(_) => None,
    }
}

fn xdg_runtime_dir(paths: &Paths) -> Finding {
    const ID: &str = "xdg-runtime-dir";
    let uid = nix::unistd::getuid().as_raw();
    let problem = match &paths.xdg_runtime_dir {
        None => Some("XDG_RUNTIME_DIR is not set (or not an absolute path)".to_string()),
        Some(dir) => runtime_dir_problem(dir, uid).map(|p| format!("XDG_RUNTIME_DIR: {p}")),
    };
    let Some(problem) = problem else {
        let dir = paths.xdg_runtime_dir.as_deref().unwrap_or(Path::new(""));
        return Finding::ok(ID, format!("{} is yours", dir.display()));
    };
    let systemd_dir = PathBuf::from(format!("/run/user/{uid}"));
    let fix = match runtime_dir_problem(&systemd_dir, uid) {
        None => format!("export XDG_RUNTIME_DIR={}", systemd_dir.display()),
        Some(_) => {
            let user = nix::unistd::User::from_uid(uid.into())
                .ok()
                .flatten()
                .map_or_else(|| uid.to_string(), |u| u.name);
            format!(
                "sudo loginctl enable-linger {user} && export XDG_RUNTIME_DIR={}",
                systemd_dir.display()
            )
        }
    };
    Finding::not_ok(
        ID,
        Status::Degraded,
        problem,
        format!(
            "runtime state (monitors, sockets, the event log) goes to {} instead of the \
             per-login tmpfs systemd-logind makes; registry logins go to \
             ~/.config/containers/auth.json",
            paths.runroot.display()
        ),
        fix,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_namespace_switch_names_its_own_sysctl() {
        let off = userns::Support {
            max_user_namespaces: Some(0),
            unprivileged_userns_clone: None,
            apparmor_restricted: None,
        };
        let f = user_namespaces(&off);
        assert_eq!(f.status, Status::Missing);
        assert!(f.fix.contains("user.max_user_namespaces=15000"), "{f:?}");
        let apparmor = userns::Support {
            max_user_namespaces: Some(100),
            unprivileged_userns_clone: None,
            apparmor_restricted: Some(true),
        };
        assert!(
            user_namespaces(&apparmor)
                .fix
                .contains("apparmor_restrict_unprivileged_userns=0")
        );
        let fine = userns::Support {
            apparmor_restricted: Some(false),
            ..apparmor
        };
        assert_eq!(user_namespaces(&fine).status, Status::Ok);
    }

    #[test]
    fn cgroup_controllers_not_delegated_name_their_flags() {
        let state = CgroupState {
            mount: Some("/sys/fs/cgroup".into()),
            hybrid: false,
            own: Some("/user.slice/user-1000.slice/user@1000.service/app.slice".into()),
            available: vec!["memory".into(), "pids".into()],
            writable: true,
        };
        let f = cgroup_delegation(&state);
        assert_eq!(f.status, Status::Degraded);
        assert!(f.found.ends_with("not delegated: cpu cpuset io"), "{f:?}");
        assert!(f.instead.contains("--cpus"), "{f:?}");
        assert!(
            f.fix.contains("Delegate=cpu cpuset io memory pids"),
            "{f:?}"
        );
        let outside = CgroupState {
            own: Some("/user.slice/user-1000.slice/session-3.scope".into()),
            writable: false,
            ..state
        };
        let f = cgroup_delegation(&outside);
        assert!(f.fix.starts_with("log in through systemd-logind"), "{f:?}");
    }

    #[test]
    fn a_missing_helper_says_whether_the_other_stands_in() {
        let f = network_helper("slirp4netns", None, true);
        assert_eq!(f.status, Status::Missing);
        assert!(f.instead.contains("pasta connects containers"), "{f:?}");
        let f = network_helper("pasta", None, false);
        assert!(f.instead.contains("only --network host"), "{f:?}");
    }
}
