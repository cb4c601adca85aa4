//! The credentials an emulated process has, and the kernel's rules for changing them
//! (credentials(7), capabilities(7), setresuid(2), setfsuid(2), setgroups(2), execve(2)),
//! applied to those emulated ids instead of the real ones: with one mapped id every process is
//! the same kernel user, so these rules are the only thing that gives `su`, `setpriv` or a
//! daemon dropping its privileges a consistent answer.
//!
//! Capabilities are emulated along with the ids, because the permission to change ids is a
//! capability: root drops them when it becomes another user, keeps its permitted set with
//! PR_SET_KEEPCAPS, raises them again with capset(2) (setpriv, libcap-ng users) and regains
//! them at execve as root. The process's real capabilities are left as they are.

use super::Identity;

/// `(uid_t) -1`: "leave this one as it is" for setre*id/setres*id, never a valid id.
pub const UNCHANGED: u32 = u32::MAX;
/// The kernel's limit on supplementary groups.
pub const NGROUPS_MAX: usize = 65536;

/// A capability set, bit N for capability N.
pub type CapSet = u64;

const fn bit(cap: u32) -> CapSet {
    1 << cap
}

const CAP_CHOWN: u32 = 0;
const CAP_SETGID: u32 = 6;
const CAP_SETUID: u32 = 7;
/// The capabilities that follow the fsuid (the kernel's CAP_FS_MASK): chown, dac_override,
/// dac_read_search, fowner, fsetid, linux_immutable, mknod, mac_override.
const FS_CAPS: CapSet = bit(0) | bit(1) | bit(2) | bit(3) | bit(4) | bit(9) | bit(27) | bit(32);

/// The set of capability numbers.
pub fn cap_set(capabilities: &[u32]) -> CapSet {
    capabilities
        .iter()
        .filter(|&&c| c < 64)
        .fold(0, |set, &c| set | bit(c))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Creds {
    pub ruid: u32,
    pub euid: u32,
    pub suid: u32,
    pub fsuid: u32,
    pub rgid: u32,
    pub egid: u32,
    pub sgid: u32,
    pub fsgid: u32,
    pub groups: Vec<u32>,
    pub effective: CapSet,
    pub permitted: CapSet,
    pub inheritable: CapSet,
    /// PR_SET_KEEPCAPS.
    pub keep_caps: bool,
    /// What execve as root grants: the capabilities the process started with as root.
    pub bounding: CapSet,
}

type Result<T = ()> = std::result::Result<T, i32>;

fn valid(id: u32) -> Result<u32> {
    if id == UNCHANGED {
        Err(libc::EINVAL)
    } else {
        Ok(id)
    }
}

impl Creds {
    /// A process started as `identity`.
    pub fn new(identity: &Identity) -> Creds {
        let bounding = cap_set(&identity.capabilities);
        let caps = if identity.uid == 0 { bounding } else { 0 };
        Creds {
            ruid: identity.uid,
            euid: identity.uid,
            suid: identity.uid,
            fsuid: identity.uid,
            rgid: identity.gid,
            egid: identity.gid,
            sgid: identity.gid,
            fsgid: identity.gid,
            groups: identity.groups.clone(),
            effective: caps,
            permitted: caps,
            inheritable: 0,
            keep_caps: false,
            bounding,
        }
    }

    fn capable(&self, cap: u32) -> bool {
        self.effective & bit(cap) != 0
    }

    /// CAP_CHOWN in the effective set (which follows the fsuid).
    pub fn may_chown(&self) -> bool {
        self.capable(CAP_CHOWN)
    }

    pub fn in_group(&self, gid: u32) -> bool {
        self.fsgid == gid || self.groups.contains(&gid)
    }

    fn is_uid(&self, id: u32) -> bool {
        id == self.ruid || id == self.euid || id == self.suid
    }

    fn is_gid(&self, id: u32) -> bool {
        id == self.rgid || id == self.egid || id == self.sgid
    }

    /// The kernel's capability fix-up after the uids changed (cap_emulate_setxuid).
    fn fix_caps(&mut self, old: (u32, u32, u32)) {
        let (ruid, euid, suid) = old;
        let was_root = ruid == 0 || euid == 0 || suid == 0;
        if was_root && self.ruid != 0 && self.euid != 0 && self.suid != 0 && !self.keep_caps {
            self.permitted = 0;
            self.effective = 0;
        }
        if euid == 0 && self.euid != 0 {
            self.effective = 0;
        }
        if euid != 0 && self.euid == 0 {
            self.effective = self.permitted;
        }
    }

    /// Changes the uids as `f` says, with the fsuid following the euid and the capabilities
    /// fixed up.
    fn set_uids(&mut self, f: impl FnOnce(&mut Creds)) {
        let old = (self.ruid, self.euid, self.suid);
        f(self);
        self.fsuid = self.euid;
        self.fix_caps(old);
    }

    pub fn setuid(&mut self, uid: u32) -> Result {
        let uid = valid(uid)?;
        if self.capable(CAP_SETUID) {
            self.set_uids(|c| (c.ruid, c.euid, c.suid) = (uid, uid, uid));
        } else if uid == self.ruid || uid == self.suid {
            self.set_uids(|c| c.euid = uid);
        } else {
            return Err(libc::EPERM);
        }
        Ok(())
    }

    pub fn setgid(&mut self, gid: u32) -> Result {
        let gid = valid(gid)?;
        if self.capable(CAP_SETGID) {
            (self.rgid, self.egid, self.sgid) = (gid, gid, gid);
        } else if gid == self.rgid || gid == self.sgid {
            self.egid = gid;
        } else {
            return Err(libc::EPERM);
        }
        self.fsgid = self.egid;
        Ok(())
    }

    pub fn setreuid(&mut self, r: u32, e: u32) -> Result {
        let privileged = self.capable(CAP_SETUID);
        if r != UNCHANGED && !privileged && r != self.ruid && r != self.euid {
            return Err(libc::EPERM);
        }
        if e != UNCHANGED && !privileged && !self.is_uid(e) {
            return Err(libc::EPERM);
        }
        self.set_uids(|c| {
            let old_ruid = c.ruid;
            if r != UNCHANGED {
                c.ruid = r;
            }
            if e != UNCHANGED {
                c.euid = e;
            }
            // The saved id follows the effective one whenever the real one is set or the
            // effective one moves away from the old real id.
            if r != UNCHANGED || (e != UNCHANGED && e != old_ruid) {
                c.suid = c.euid;
            }
        });
        Ok(())
    }

    pub fn setregid(&mut self, r: u32, e: u32) -> Result {
        let privileged = self.capable(CAP_SETGID);
        if r != UNCHANGED && !privileged && r != self.rgid && r != self.egid {
            return Err(libc::EPERM);
        }
        if e != UNCHANGED && !privileged && !self.is_gid(e) {
            return Err(libc::EPERM);
        }
        let old_rgid = self.rgid;
        if r != UNCHANGED {
            self.rgid = r;
        }
        if e != UNCHANGED {
            self.egid = e;
        }
        if r != UNCHANGED || (e != UNCHANGED && e != old_rgid) {
            self.sgid = self.egid;
        }
        self.fsgid = self.egid;
        Ok(())
    }

    pub fn setresuid(&mut self, r: u32, e: u32, s: u32) -> Result {
        if !self.capable(CAP_SETUID)
            && [r, e, s]
                .iter()
                .any(|&id| id != UNCHANGED && !self.is_uid(id))
        {
            return Err(libc::EPERM);
        }
        self.set_uids(|c| {
            if r != UNCHANGED {
                c.ruid = r;
            }
            if e != UNCHANGED {
                c.euid = e;
            }
            if s != UNCHANGED {
                c.suid = s;
            }
        });
        Ok(())
    }

    pub fn setresgid(&mut self, r: u32, e: u32, s: u32) -> Result {
        if !self.capable(CAP_SETGID)
            && [r, e, s]
                .iter()
                .any(|&id| id != UNCHANGED && !self.is_gid(id))
        {
            return Err(libc::EPERM);
        }
        if r != UNCHANGED {
            self.rgid = r;
        }
        if e != UNCHANGED {
            self.egid = e;
        }
        if s != UNCHANGED {
            self.sgid = s;
        }
        self.fsgid = self.egid;
        Ok(())
    }

    /// Returns the previous fsuid whether or not the change was allowed, as the kernel does.
    pub fn setfsuid(&mut self, id: u32) -> u32 {
        let old = self.fsuid;
        if id != UNCHANGED && (self.capable(CAP_SETUID) || self.is_uid(id) || id == self.fsuid) {
            self.fsuid = id;
            if old == 0 && id != 0 {
                self.effective &= !FS_CAPS;
            }
            if old != 0 && id == 0 {
                self.effective |= self.permitted & FS_CAPS;
            }
        }
        old
    }

    pub fn setfsgid(&mut self, id: u32) -> u32 {
        let old = self.fsgid;
        if id != UNCHANGED && (self.capable(CAP_SETGID) || self.is_gid(id) || id == self.fsgid) {
            self.fsgid = id;
        }
        old
    }

    pub fn setgroups(&mut self, groups: Vec<u32>) -> Result {
        if !self.capable(CAP_SETGID) {
            return Err(libc::EPERM);
        }
        if groups.len() > NGROUPS_MAX {
            return Err(libc::EINVAL);
        }
        if groups.contains(&UNCHANGED) {
            return Err(libc::EINVAL);
        }
        self.groups = groups;
        Ok(())
    }

    /// capset(2) on oneself: the permitted set only shrinks, the effective one stays within
    /// it, and the inheritable one within the old inheritable and permitted sets.
    pub fn capset(&mut self, effective: CapSet, permitted: CapSet, inheritable: CapSet) -> Result {
        if permitted & !self.permitted != 0
            || effective & !permitted != 0
            || inheritable & !(self.inheritable | self.permitted) != 0
        {
            return Err(libc::EPERM);
        }
        (self.effective, self.permitted, self.inheritable) = (effective, permitted, inheritable);
        Ok(())
    }

    /// A successful execve: a set-user-ID (set-group-ID) program makes its owner (group) the
    /// effective id, the saved ids take the effective ones, and root gets the container's
    /// capabilities (effective too when it is the effective uid), anyone else none.
    pub fn exec(&mut self, setuid_to: Option<u32>, setgid_to: Option<u32>) {
        if let Some(uid) = setuid_to {
            self.euid = uid;
        }
        if let Some(gid) = setgid_to {
            self.egid = gid;
        }
        self.suid = self.euid;
        self.sgid = self.egid;
        self.fsuid = self.euid;
        self.fsgid = self.egid;
        self.keep_caps = false;
        if self.ruid == 0 || self.euid == 0 {
            self.permitted = self.bounding | self.inheritable;
            self.effective = if self.euid == 0 { self.permitted } else { 0 };
        } else {
            self.permitted = 0;
            self.effective = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_CAPS: [u32; 10] = [0, 1, 2, 3, 4, 6, 7, 9, 27, 32];
    const ALL: CapSet = bit(CAP_CHOWN) | bit(CAP_SETGID) | bit(CAP_SETUID) | FS_CAPS;

    fn identity(uid: u32, groups: Vec<u32>, caps: &[u32]) -> Identity {
        Identity {
            uid,
            gid: uid,
            groups,
            capabilities: caps.to_vec(),
        }
    }

    fn root() -> Creds {
        Creds::new(&identity(0, vec![0], &ALL_CAPS))
    }

    fn user(uid: u32) -> Creds {
        Creds::new(&identity(uid, Vec::new(), &ALL_CAPS))
    }

    #[test]
    fn root_drops_to_a_user_for_good() {
        let mut c = root();
        c.setgroups(vec![33]).unwrap();
        c.setgid(33).unwrap();
        c.setuid(33).unwrap();
        assert_eq!((c.ruid, c.euid, c.suid, c.fsuid), (33, 33, 33, 33));
        assert_eq!((c.rgid, c.egid, c.sgid, c.fsgid), (33, 33, 33, 33));
        assert_eq!((c.effective, c.permitted), (0, 0));
        assert_eq!(c.setuid(0), Err(libc::EPERM));
        assert_eq!(c.setgroups(vec![0]), Err(libc::EPERM));
        assert_eq!(c.setgid(0), Err(libc::EPERM));
    }

    #[test]
    fn a_temporary_drop_keeps_the_saved_root() {
        let mut c = root();
        c.setresuid(UNCHANGED, 1000, UNCHANGED).unwrap();
        assert_eq!((c.ruid, c.euid, c.suid, c.fsuid), (0, 1000, 0, 1000));
        assert_eq!((c.effective, c.permitted), (0, ALL));
        assert_eq!(c.setuid(2000), Err(libc::EPERM));
        c.setuid(0).unwrap();
        assert_eq!((c.ruid, c.euid, c.suid), (0, 0, 0));
        assert_eq!(c.effective, ALL, "back to root: effective = permitted");
        // seteuid() through setreuid(-1, e): the saved id follows only away from the real id.
        c.setreuid(UNCHANGED, 5).unwrap();
        assert_eq!((c.ruid, c.euid, c.suid), (0, 5, 5));
    }

    #[test]
    fn keepcaps_and_capset_let_a_user_switch_groups_as_setpriv_does() {
        let mut c = root();
        c.keep_caps = true;
        c.setresuid(1000, 1000, 1000).unwrap();
        assert_eq!((c.effective, c.permitted), (0, ALL));
        assert_eq!(c.setresgid(1000, 1000, 1000), Err(libc::EPERM));
        c.capset(ALL, ALL, 0).unwrap();
        c.setresgid(1000, 1000, 1000).unwrap();
        c.capset(0, 0, 0).unwrap();
        assert_eq!(
            c.capset(ALL, ALL, 0),
            Err(libc::EPERM),
            "permitted never grows"
        );
        assert_eq!(c.setgid(0), Err(libc::EPERM));
    }

    #[test]
    fn unprivileged_changes_stay_among_the_three_ids() {
        let mut c = user(1000);
        assert_eq!(c.setuid(0), Err(libc::EPERM));
        assert_eq!(c.setresuid(0, UNCHANGED, UNCHANGED), Err(libc::EPERM));
        assert_eq!(c.setreuid(UNCHANGED, 7), Err(libc::EPERM));
        c.setresuid(1000, 1000, 1000).unwrap();
        assert_eq!(c.setgid(0), Err(libc::EPERM));
        assert_eq!(c.setfsuid(0), 1000);
        assert_eq!(c.fsuid, 1000);
        assert_eq!(c.setuid(UNCHANGED), Err(libc::EINVAL));
    }

    #[test]
    fn a_root_without_the_capability_cannot_switch() {
        let mut c = Creds::new(&identity(0, vec![], &[0, 1, 2, 3, 4, 9, 27, 32]));
        assert_eq!(c.setuid(1000), Err(libc::EPERM));
        assert_eq!(c.setgroups(vec![]), Err(libc::EPERM));
        // To itself is always allowed.
        c.setuid(0).unwrap();
    }

    #[test]
    fn fsuid_takes_the_file_capabilities_with_it() {
        let mut c = root();
        assert_eq!(c.setfsuid(1000), 0);
        assert!(!c.may_chown());
        assert_eq!(c.setfsuid(UNCHANGED), 1000);
        assert_eq!(c.setfsuid(0), 1000);
        assert!(c.may_chown());
        c.setresuid(UNCHANGED, 5, UNCHANGED).unwrap();
        assert_eq!(c.fsuid, 5);
    }

    #[test]
    fn setuid_programs_become_their_owner_and_save_it() {
        let mut c = user(1000);
        c.exec(Some(0), None);
        assert_eq!((c.ruid, c.euid, c.suid, c.fsuid), (1000, 0, 0, 0));
        assert_eq!((c.effective, c.permitted), (ALL, ALL));
        c.setuid(0).unwrap();
        assert_eq!(c.ruid, 0);
        let mut d = user(1000);
        d.exec(None, Some(42));
        assert_eq!((d.rgid, d.egid, d.sgid), (1000, 42, 42));
        assert_eq!(d.permitted, 0);
    }

    #[test]
    fn groups_are_checked() {
        let mut c = root();
        assert_eq!(c.setgroups(vec![1, UNCHANGED]), Err(libc::EINVAL));
        assert_eq!(c.setgroups(vec![0; NGROUPS_MAX + 1]), Err(libc::EINVAL));
        c.setgroups(vec![4, 24]).unwrap();
        assert!(c.in_group(24) && c.in_group(0) && !c.in_group(5));
    }
}
