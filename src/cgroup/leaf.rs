//! A container's own cgroup: a leaf `rpod-<id>` under the caller's cgroup (or under
//! `--cgroup-parent`), with the controllers its limits need. A pod's member makes its leaf
//! inside the pod's cgroup `rpod-pod-<podid>` ([`GroupSpec`]), whose limits bound the members'
//! together.
//!
//! cgroup v2's "no internal processes" rule: a cgroup that hands domain controllers (memory,
//! pids, cpu, io) to children may hold no processes itself. The caller's own cgroup usually
//! holds the caller (a delegated `systemd-run --user -p Delegate=yes` unit, say), so before
//! enabling controllers there rpod moves every process of that cgroup into a sibling leaf,
//! `<own>/rpod-caller` — what systemd asks of any program in a delegated cgroup. Only the
//! caller's own cgroup is emptied this way; any other cgroup on the path is rpod's creation.

use std::fs;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::CgroupError;
use super::conf::{self, ConfSetting};
use super::limits::Limits;
use super::probe::{self, CgroupState};

/// Where the caller's processes go when its cgroup must hand controllers down.
pub const CALLER_LEAF: &str = "rpod-caller";
/// The controllers rpod enables for its leaves when they are delegated.
pub const CONTROLLERS: [&str; 5] = ["cpu", "cpuset", "io", "memory", "pids"];
/// How long removing a leaf waits for its last processes to be gone.
const REMOVE_WAIT: Duration = Duration::from_secs(2);

/// What the monitor needs to make a container's leaf.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeafSpec {
    /// The leaf's name (`rpod-<id>`).
    pub name: String,
    /// `--cgroup-parent`: absolute from the cgroup2 root, or relative to the caller's cgroup.
    pub parent: Option<String>,
    pub limits: Limits,
    /// The pod's cgroup, between `parent` and the leaf; none outside a pod.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupSpec>,
    /// `--cgroup-conf`: written after the limits, so a key a limit flag also sets is the
    /// key's value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conf: Vec<ConfSetting>,
}

/// A pod's cgroup as its members' monitors make it: every monitor makes it if it is missing
/// and writes the pod's limits there (the same values each time), so no member depends on
/// another having started; only `pod rm` removes it ([`remove_group`]), once its members
/// are gone, so no monitor ever finds it vanishing under the leaf it is making.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSpec {
    /// `rpod-pod-<podid>`.
    pub name: String,
    pub limits: Limits,
}

impl LeafSpec {
    /// Where the leaf goes below its base: inside the pod's cgroup, if any.
    fn relative(&self) -> PathBuf {
        match &self.group {
            Some(g) => Path::new(&g.name).join(&self.name),
            None => PathBuf::from(&self.name),
        }
    }

    /// The leaf's and the pod's limits together, for the controllers they need.
    fn all_limits(&self) -> Vec<&Limits> {
        std::iter::once(&self.limits)
            .chain(self.group.as_ref().map(|g| &g.limits))
            .collect()
    }
}

/// The path of a pod's cgroup `name` under `parent` (or the caller's cgroup), relative to
/// the cgroup2 mount (podman's `CgroupPath`); None without a cgroup v2 mount.
pub fn group_path(parent: Option<&str>, name: &str) -> Option<String> {
    let state = CgroupState::probe();
    let dir = base_dir(&state, parent)?.join(name);
    let rel = dir.strip_prefix(state.mount.as_ref()?).ok()?;
    Some(format!("/{}", rel.display()))
}

/// `pod rm`: the pod's cgroup goes once its members are removed (with any leaf a killed
/// monitor left in it, its stragglers killed). `seen` are the pod directories its running
/// members' leaves were in, which a caller in another cgroup would not find by `parent`.
pub fn remove_group(parent: Option<&str>, name: &str, seen: &[PathBuf]) {
    let state = CgroupState::probe();
    let computed = base_dir(&state, parent).map(|b| b.join(name));
    for dir in seen.iter().cloned().chain(computed) {
        if dir.file_name().is_some_and(|n| n == name) {
            Leaf::at(dir).remove();
        }
    }
}

/// The caller's cgroup as rpod sees it: a caller that an earlier rpod moved into
/// `rpod-caller` still makes its leaves beside that, not inside it.
fn home(state: &CgroupState) -> Option<PathBuf> {
    let own = state.own_dir()?;
    match own.file_name() {
        Some(name) if name == CALLER_LEAF => own.parent().map(Path::to_path_buf),
        _ => Some(own),
    }
}

/// The cgroup under which leaves are made.
fn base_dir(state: &CgroupState, parent: Option<&str>) -> Option<PathBuf> {
    match parent {
        Some(p) if p.starts_with('/') => Some(state.mount.as_ref()?.join(&p[1..])),
        Some(p) => Some(home(state)?.join(p)),
        None => home(state),
    }
}

/// The deepest existing cgroup on the way to `base`, where rpod's directories start.
fn anchor(state: &CgroupState, base: &Path) -> Option<PathBuf> {
    let mount = state.mount.as_ref()?;
    base.ancestors()
        .take_while(|a| a.starts_with(mount))
        .find(|a| a.join("cgroup.controllers").exists())
        .map(Path::to_path_buf)
}

fn not_delegated(
    state: &CgroupState,
    controller: &'static str,
    flag: impl Into<String>,
) -> CgroupError {
    CgroupError::NotDelegated {
        flag: flag.into(),
        controller,
        uid: nix::unistd::getuid().as_raw(),
        hybrid: state.hybrid,
    }
}

/// Whether `limits` can be enforced here: a writable cgroup with every controller they need.
pub fn check(
    state: &CgroupState,
    parent: Option<&str>,
    limits: &Limits,
) -> Result<(), CgroupError> {
    // A parent cgroup asked for is a placement the container must get, limits or not.
    if let Some(parent) = parent {
        let writable = base_dir(state, Some(parent))
            .and_then(|b| anchor(state, &b))
            .is_some_and(|a| probe::is_writable(&a));
        if !writable {
            return Err(CgroupError::ParentNotWritable {
                parent: parent.to_string(),
                uid: nix::unistd::getuid().as_raw(),
                hybrid: state.hybrid,
            });
        }
    }
    let required = limits.required();
    let Some(&(controller, flag)) = required.first() else {
        return Ok(());
    };
    let Some(anchor) = base_dir(state, parent).and_then(|b| anchor(state, &b)) else {
        return Err(not_delegated(state, controller, flag));
    };
    if !probe::is_writable(&anchor) {
        return Err(not_delegated(state, controller, flag));
    }
    let available = probe::controllers(&anchor);
    match required
        .iter()
        .find(|(c, _)| !available.iter().any(|a| a == c))
    {
        Some(&(controller, flag)) => Err(not_delegated(state, controller, flag)),
        None => Ok(()),
    }
}

/// Whether `conf`'s files can be written here: a writable cgroup with their controllers.
pub fn check_conf(
    state: &CgroupState,
    parent: Option<&str>,
    conf: &[ConfSetting],
) -> Result<(), CgroupError> {
    let Some(first) = conf.first() else {
        return Ok(());
    };
    let anchor = base_dir(state, parent)
        .and_then(|b| anchor(state, &b))
        .filter(|a| probe::is_writable(a));
    let Some(anchor) = anchor else {
        return Err(match first.controller() {
            Some(controller) => not_delegated(state, controller, first.flag()),
            None => CgroupError::NoCgroup {
                key: first.key.clone(),
                uid: nix::unistd::getuid().as_raw(),
                hybrid: state.hybrid,
            },
        });
    };
    let available = probe::controllers(&anchor);
    for setting in conf {
        if let Some(controller) = setting.controller()
            && !available.iter().any(|a| a == controller)
        {
            return Err(not_delegated(state, controller, setting.flag()));
        }
    }
    Ok(())
}

/// Whether a container's leaf under `parent` (or the caller's cgroup) would be the caller's
/// to write: what a container needs whose init makes cgroups of its own (systemd).
pub fn placeable(state: &CgroupState, parent: Option<&str>) -> bool {
    base_dir(state, parent)
        .and_then(|b| anchor(state, &b))
        .is_some_and(|a| probe::is_writable(&a))
}

/// One container's cgroup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    path: PathBuf,
}

/// See [`Leaf::mover`].
#[derive(Debug)]
pub struct Mover {
    into: fs::File,
    back: fs::File,
    leaf: PathBuf,
    from: PathBuf,
}

impl Mover {
    /// Moves the calling process into the leaf: a process it clones next starts there, in a
    /// cgroup namespace rooted at the leaf.
    pub fn enter(&self) -> Result<(), CgroupError> {
        self.into
            .write_at(b"0", 0)
            .map(drop)
            .map_err(CgroupError::io("join", &self.leaf))
    }

    /// Moves the calling process back out of the leaf.
    pub fn leave(&self) -> Result<(), CgroupError> {
        self.back
            .write_at(b"0", 0)
            .map(drop)
            .map_err(CgroupError::io("join", &self.from))
    }
}

fn write(path: &Path, value: &str) -> io::Result<()> {
    fs::write(path, value)
}

/// The caller's cgroup directory, read afresh (it changes when rpod moves processes).
fn current_dir(state: &CgroupState) -> Option<PathBuf> {
    let text = fs::read_to_string("/proc/self/cgroup").ok()?;
    let own = text.lines().find_map(|l| l.strip_prefix("0::"))?;
    Some(state.mount.as_ref()?.join(own.trim_start_matches('/')))
}

/// Moves every process of `dir` into `dir/rpod-caller`, so that `dir` may enable controllers.
fn vacate(dir: &Path) -> io::Result<()> {
    let target = dir.join(CALLER_LEAF);
    match fs::create_dir(&target) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    // A process forked while we move the others lands in `dir`: repeat until none is left.
    for _ in 0..20 {
        let pids = probe::read_list(&dir.join("cgroup.procs"));
        if pids.is_empty() {
            return Ok(());
        }
        for pid in pids {
            // A process that exited in the meantime is no longer in the way.
            let _ = write(&target.join("cgroup.procs"), &pid);
        }
    }
    Ok(())
}

/// Enables the delegated ones of rpod's controllers for `dir`'s children, as far as allowed.
fn enable_controllers(dir: &Path, own: bool) {
    let available = probe::controllers(dir);
    let enabled = probe::read_list(&dir.join("cgroup.subtree_control"));
    let missing: Vec<&str> = CONTROLLERS
        .iter()
        .copied()
        .filter(|c| available.iter().any(|a| a == c) && !enabled.iter().any(|e| e == c))
        .collect();
    if missing.is_empty() {
        return;
    }
    let line: Vec<String> = missing.iter().map(|c| format!("+{c}")).collect();
    let file = dir.join("cgroup.subtree_control");
    match write(&file, &line.join(" ")) {
        Ok(()) => return,
        Err(e) if e.raw_os_error() == Some(libc::EBUSY) && own => {
            if vacate(dir).is_ok() && write(&file, &line.join(" ")).is_ok() {
                return;
            }
        }
        Err(_) => {}
    }
    // One at a time: a controller the kernel refuses must not cost the others.
    for c in missing {
        let _ = write(&file, &format!("+{c}"));
    }
}

/// Removes the cgroups a container made below its leaf (systemd's init.scope and slices),
/// deepest first: a cgroup with children cannot be removed.
fn remove_below(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_below(&entry.path());
            let _ = fs::remove_dir(entry.path());
        }
    }
}

fn make_dir(dir: &Path) -> Result<(), CgroupError> {
    match fs::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(CgroupError::io("create cgroup", dir)(e)),
    }
}

impl Leaf {
    /// A leaf that exists (its path recorded by the monitor).
    pub fn at(path: PathBuf) -> Leaf {
        Leaf { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes the leaf and writes its limits. Without a delegated cgroup a container with no
    /// limits runs without a leaf (`Ok(None)`); with limits that is an error naming the
    /// missing controller.
    pub fn create(spec: &LeafSpec) -> Result<Option<Leaf>, CgroupError> {
        let state = CgroupState::probe();
        let mut required = Vec::new();
        for limits in spec.all_limits() {
            check(&state, spec.parent.as_deref(), limits)?;
            required.extend(limits.required());
        }
        check_conf(&state, spec.parent.as_deref(), &spec.conf)?;
        let (Some(base), own) = (base_dir(&state, spec.parent.as_deref()), home(&state)) else {
            return Ok(None);
        };
        let Some(anchor) = anchor(&state, &base).filter(|a| probe::is_writable(a)) else {
            return Ok(None);
        };
        let path = base.join(spec.relative());
        let below: Vec<&Path> = path
            .ancestors()
            .take_while(|a| *a != anchor)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let mut parent = anchor.clone();
        for dir in below {
            enable_controllers(&parent, own.as_deref() == Some(parent.as_path()));
            if let Err(e) = make_dir(dir) {
                return if required.is_empty() && spec.conf.is_empty() && spec.parent.is_none() {
                    Ok(None)
                } else {
                    Err(e)
                };
            }
            parent = dir.to_path_buf();
        }
        let leaf = Leaf { path };
        let present = probe::controllers(&leaf.path);
        if let Some(&(controller, flag)) = required
            .iter()
            .find(|(c, _)| !present.iter().any(|p| p == c))
        {
            leaf.remove();
            return Err(not_delegated(&state, controller, flag));
        }
        let group = spec.group.as_ref().zip(leaf.path.parent());
        let applied = match group {
            Some((g, dir)) => Leaf::at(dir.to_path_buf()).apply(&g.limits),
            None => Ok(()),
        };
        let applied = applied
            .and_then(|()| leaf.apply(&spec.limits))
            .and_then(|()| leaf.apply_conf(&spec.conf));
        if let Err(e) = applied {
            leaf.remove();
            return Err(e);
        }
        Ok(Some(leaf))
    }

    /// Writes the limits' files (at create, and for `rpod update`).
    pub fn apply(&self, limits: &Limits) -> Result<(), CgroupError> {
        let present = probe::controllers(&self.path);
        for s in limits.settings() {
            let file = self.path.join(s.file);
            if !present.iter().any(|p| p == s.controller) {
                if s.implied {
                    continue;
                }
                return Err(not_delegated(&CgroupState::probe(), s.controller, s.flag));
            }
            if !file.exists() {
                if s.implied {
                    continue;
                }
                return Err(CgroupError::MissingFile {
                    flag: s.flag,
                    file: s.file.to_string(),
                    dir: self.path.clone(),
                });
            }
            write(&file, &s.value).map_err(CgroupError::io("write", &file))?;
        }
        Ok(())
    }

    /// Writes `--cgroup-conf`'s files; a file the kernel lacks or refuses is the error,
    /// naming the key.
    pub fn apply_conf(&self, conf: &[ConfSetting]) -> Result<(), CgroupError> {
        let present = probe::controllers(&self.path);
        for setting in conf {
            if let Some(controller) = setting.controller()
                && !present.iter().any(|p| p == controller)
            {
                return Err(not_delegated(
                    &CgroupState::probe(),
                    controller,
                    setting.flag(),
                ));
            }
            let file = self.path.join(&setting.key);
            if !file.exists() {
                return Err(CgroupError::MissingFile {
                    flag: conf::FLAG,
                    file: setting.key.clone(),
                    dir: self.path.clone(),
                });
            }
            write(&file, &setting.value).map_err(|source| CgroupError::ConfWrite {
                key: setting.key.clone(),
                value: setting.value.clone(),
                path: file.clone(),
                source,
            })?;
        }
        Ok(())
    }

    /// Handles that move the calling process into the leaf and back to where it is now.
    /// The kernel checks a migration against the credentials of whoever opened
    /// `cgroup.procs`, so they are opened here, before the monitor enters its user namespace.
    pub fn mover(&self) -> Result<Mover, CgroupError> {
        let from = current_dir(&CgroupState::probe()).ok_or_else(|| CgroupError::Io {
            action: "read",
            path: "/proc/self/cgroup".into(),
            source: io::Error::from(io::ErrorKind::NotFound),
        })?;
        let open = |dir: &Path| {
            let file = dir.join("cgroup.procs");
            fs::OpenOptions::new()
                .write(true)
                .open(&file)
                .map_err(CgroupError::io("open", &file))
        };
        Ok(Mover {
            into: open(&self.path)?,
            back: open(&from)?,
            leaf: self.path.clone(),
            from,
        })
    }

    /// The pids in the leaf.
    pub fn pids(&self) -> Vec<i32> {
        probe::read_list(&self.path.join("cgroup.procs"))
            .iter()
            .filter_map(|p| p.parse().ok())
            .collect()
    }

    /// Kills every process of the leaf at once; false where the kernel has no cgroup.kill.
    pub fn kill(&self) -> Result<bool, CgroupError> {
        let file = self.path.join("cgroup.kill");
        match write(&file, "1") {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(CgroupError::io("write", &file)(e)),
        }
    }

    /// How many times the kernel's OOM killer killed a process of the leaf.
    pub fn oom_kills(&self) -> u64 {
        fs::read_to_string(self.path.join("memory.events"))
            .ok()
            .and_then(|t| {
                t.lines()
                    .find_map(|l| l.strip_prefix("oom_kill "))
                    .and_then(|n| n.trim().parse().ok())
            })
            .unwrap_or(0)
    }

    /// Makes the leaf a leaf again for the next run of its container (a restart): a
    /// systemd init made cgroups below it and handed controllers down to them, after which
    /// the kernel lets no process into the leaf itself (EBUSY). Its processes are gone, so
    /// those cgroups are empty.
    pub fn reset(&self) {
        remove_below(&self.path);
        let file = self.path.join("cgroup.subtree_control");
        let handed: Vec<String> = probe::read_list(&file)
            .iter()
            .map(|c| format!("-{c}"))
            .collect();
        if !handed.is_empty() {
            let _ = write(&file, &handed.join(" "));
        }
    }

    /// Removes the leaf once its processes are gone, killing stragglers; a leaf that is
    /// already gone is fine.
    pub fn remove(&self) {
        let deadline = Instant::now() + REMOVE_WAIT;
        loop {
            remove_below(&self.path);
            match fs::remove_dir(&self.path) {
                Ok(()) => return,
                Err(e) if e.kind() == io::ErrorKind::NotFound => return,
                Err(_) if Instant::now() < deadline => {
                    let _ = self.kill();
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(_) => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(mount: &Path, own: &str, hybrid: bool) -> CgroupState {
        CgroupState {
            mount: Some(mount.to_path_buf()),
            hybrid,
            own: Some(own.into()),
            available: Vec::new(),
            writable: true,
        }
    }

    #[test]
    fn a_reset_leaf_keeps_itself_and_loses_what_its_container_made() {
        let dir = tempfile::tempdir().unwrap();
        let leaf = Leaf::at(dir.path().join("rpod-y"));
        fs::create_dir_all(leaf.path().join("init.scope")).unwrap();
        leaf.reset();
        assert!(leaf.path().is_dir());
        assert!(!leaf.path().join("init.scope").exists());
    }

    #[test]
    fn a_leaf_goes_with_the_cgroups_its_container_made() {
        let dir = tempfile::tempdir().unwrap();
        let leaf = Leaf::at(dir.path().join("rpod-x"));
        for sub in ["init.scope", "system.slice/journald.service"] {
            fs::create_dir_all(leaf.path().join(sub)).unwrap();
        }
        leaf.remove();
        assert!(!leaf.path().exists());
    }

    #[test]
    fn parent_is_absolute_from_the_root_or_relative_to_the_caller() {
        let s = state(Path::new("/sys/fs/cgroup"), "/user.slice/app", false);
        assert_eq!(
            base_dir(&s, None).unwrap(),
            Path::new("/sys/fs/cgroup/user.slice/app")
        );
        assert_eq!(
            base_dir(&s, Some("/mine/ctrs")).unwrap(),
            Path::new("/sys/fs/cgroup/mine/ctrs")
        );
        assert_eq!(
            base_dir(&s, Some("ctrs")).unwrap(),
            Path::new("/sys/fs/cgroup/user.slice/app/ctrs")
        );
        let moved = state(
            Path::new("/sys/fs/cgroup"),
            "/user.slice/app/rpod-caller",
            false,
        );
        assert_eq!(
            base_dir(&moved, None).unwrap(),
            Path::new("/sys/fs/cgroup/user.slice/app")
        );
    }

    /// A fake cgroup tree (plain files) where the caller's cgroup lacks memory.
    fn fake_tree() -> (tempfile::TempDir, CgroupState) {
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("app");
        fs::create_dir(&own).unwrap();
        fs::write(own.join("cgroup.controllers"), "cpu pids\n").unwrap();
        let s = state(dir.path(), "/app", false);
        (dir, s)
    }

    #[test]
    fn a_missing_controller_is_named_with_its_flag() {
        let (_dir, s) = fake_tree();
        let limits = Limits {
            pids_limit: Some(10),
            memory: Some(64 << 20),
            ..Default::default()
        };
        let err = check(&s, None, &limits).unwrap_err();
        let uid = nix::unistd::getuid().as_raw();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot set --memory: cgroup v2 controller \"memory\" is not delegated to user {uid}"
            )
        );
        assert!(err.hint().unwrap().contains("Delegate="));
        let pids_only = Limits {
            pids_limit: Some(10),
            ..Default::default()
        };
        check(&s, None, &pids_only).unwrap();
        check(&s, Some("a/b"), &pids_only).unwrap();
        check(&s, None, &Limits::default()).unwrap();
    }

    #[test]
    fn a_parent_cgroup_that_cannot_be_made_is_an_error_even_without_limits() {
        let (_dir, mut s) = fake_tree();
        check(&s, Some("ctrs"), &Limits::default()).unwrap();
        s.mount = None;
        let err = check(&s, Some("ctrs"), &Limits::default()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot use --cgroup-parent ctrs: no cgroup on the way to it"),
            "{err}"
        );
        assert!(err.hint().unwrap().contains("Delegate="));
        check(&s, None, &Limits::default()).unwrap();
    }

    #[test]
    fn a_hybrid_host_is_told_to_boot_with_the_unified_hierarchy() {
        let (_dir, mut s) = fake_tree();
        s.hybrid = true;
        let limits = Limits {
            memory: Some(64 << 20),
            ..Default::default()
        };
        let hint = check(&s, None, &limits).unwrap_err().hint().unwrap();
        assert!(
            hint.contains("systemd.unified_cgroup_hierarchy=1"),
            "{hint}"
        );
    }

    fn conf(texts: &[&str]) -> Vec<ConfSetting> {
        texts
            .iter()
            .map(|t| ConfSetting::parse(t).unwrap())
            .collect()
    }

    #[test]
    fn cgroup_conf_needs_its_controller_and_a_cgroup_of_ones_own() {
        let (_dir, mut s) = fake_tree();
        let uid = nix::unistd::getuid().as_raw();
        check_conf(&s, None, &conf(&["pids.max=5", "cgroup.max.depth=2"])).unwrap();
        let err = check_conf(&s, None, &conf(&["pids.max=5", "memory.high=1m"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot set --cgroup-conf memory.high: cgroup v2 controller \"memory\" is not delegated to user {uid}"
            )
        );
        s.mount = None;
        let err = check_conf(&s, None, &conf(&["cgroup.max.depth=2"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot set --cgroup-conf cgroup.max.depth: user {uid} has no cgroup v2 of its own to write it in"
            )
        );
        assert!(err.hint().unwrap().contains("Delegate="));
        check_conf(&s, None, &[]).unwrap();
    }

    #[test]
    fn cgroup_conf_is_written_and_a_missing_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("cgroup.controllers"), "pids\n").unwrap();
        fs::write(dir.path().join("pids.max"), "max\n").unwrap();
        let leaf = Leaf::at(dir.path().to_path_buf());
        leaf.apply_conf(&conf(&["pids.max=7"])).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("pids.max")).unwrap(),
            "7"
        );
        let err = leaf.apply_conf(&conf(&["pids.nonesuch=1"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot set --cgroup-conf: pids.nonesuch does not exist in {}",
                dir.path().display()
            )
        );
        let err = leaf.apply_conf(&conf(&["memory.high=1"])).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot set --cgroup-conf memory.high: cgroup v2 controller"),
            "{err}"
        );
    }

    #[test]
    fn oom_kills_are_read_from_memory_events() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("memory.events"),
            "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\noom_group_kill 0\n",
        )
        .unwrap();
        assert_eq!(Leaf::at(dir.path().to_path_buf()).oom_kills(), 1);
        assert_eq!(Leaf::at(dir.path().join("gone")).oom_kills(), 0);
    }
}
