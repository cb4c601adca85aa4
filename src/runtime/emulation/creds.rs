//! The credentials an emulated process has, and the kernel's rules for changing them
//! (credentials(7), setresuid(2), setfsuid(2), setgroups(2), execve(2)), applied to those
//! emulated ids instead of the real ones: with one mapped id every process is the same kernel
//! user, so these rules are the only thing that gives `su`, `setpriv` or a daemon dropping its
//! privileges a consistent answer.

use super::Identity;

/// `(uid_t) -1`: "leave this one as it is" for setre*id/setres*id, never a valid id.
pub const UNCHANGED: u32 = u32::MAX;
/// The kernel's limit on supplementary groups.
pub const NGROUPS_MAX: usize = 65536;

/// What an emulated root may do, from the capabilities the container's root holds: a container
/// started with `--cap-drop setuid` must not switch users by emulation either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Powers {
    pub setuid: bool,
    pub setgid: bool,
    pub chown: bool,
}

impl Powers {
    /// From the capability numbers the container's root holds.
    pub fn of(capabilities: &[u32]) -> Powers {
        let has = |name: &str| {
            crate::runtime::caps::number(name).is_ok_and(|cap| capabilities.contains(&cap))
        };
        Powers {
            setuid: has("SETUID"),
            setgid: has("SETGID"),
            chown: has("CHOWN"),
        }
    }
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
    pub fn new(identity: &Identity) -> Creds {
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
        }
    }

    /// CAP_SETUID in the effective set: the kernel clears it when the effective uid leaves 0.
    fn may_setuid(&self, powers: Powers) -> bool {
        self.euid == 0 && powers.setuid
    }

    fn may_setgid(&self, powers: Powers) -> bool {
        self.euid == 0 && powers.setgid
    }

    /// CAP_CHOWN for a file operation: the file-system capabilities follow the fsuid.
    pub fn may_chown(&self, powers: Powers) -> bool {
        self.fsuid == 0 && powers.chown
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

    pub fn setuid(&mut self, uid: u32, powers: Powers) -> Result {
        let uid = valid(uid)?;
        if self.may_setuid(powers) {
            (self.ruid, self.euid, self.suid) = (uid, uid, uid);
        } else if uid == self.ruid || uid == self.suid {
            self.euid = uid;
        } else {
            return Err(libc::EPERM);
        }
        self.fsuid = self.euid;
        Ok(())
    }

    pub fn setgid(&mut self, gid: u32, powers: Powers) -> Result {
        let gid = valid(gid)?;
        if self.may_setgid(powers) {
            (self.rgid, self.egid, self.sgid) = (gid, gid, gid);
        } else if gid == self.rgid || gid == self.sgid {
            self.egid = gid;
        } else {
            return Err(libc::EPERM);
        }
        self.fsgid = self.egid;
        Ok(())
    }

    pub fn setreuid(&mut self, r: u32, e: u32, powers: Powers) -> Result {
        let privileged = self.may_setuid(powers);
        if r != UNCHANGED && !privileged && r != self.ruid && r != self.euid {
            return Err(libc::EPERM);
        }
        if e != UNCHANGED && !privileged && !self.is_uid(e) {
            return Err(libc::EPERM);
        }
        let old_ruid = self.ruid;
        if r != UNCHANGED {
            self.ruid = r;
        }
        if e != UNCHANGED {
            self.euid = e;
        }
        // The saved id follows the effective one whenever the real one is set or the
        // effective one moves away from the old real id.
        if r != UNCHANGED || (e != UNCHANGED && e != old_ruid) {
            self.suid = self.euid;
        }
        self.fsuid = self.euid;
        Ok(())
    }

    pub fn setregid(&mut self, r: u32, e: u32, powers: Powers) -> Result {
        let privileged = self.may_setgid(powers);
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

    pub fn setresuid(&mut self, r: u32, e: u32, s: u32, powers: Powers) -> Result {
        if !self.may_setuid(powers)
            && [r, e, s]
                .iter()
                .any(|&id| id != UNCHANGED && !self.is_uid(id))
        {
            return Err(libc::EPERM);
        }
        if r != UNCHANGED {
            self.ruid = r;
        }
        if e != UNCHANGED {
            self.euid = e;
        }
        if s != UNCHANGED {
            self.suid = s;
        }
        self.fsuid = self.euid;
        Ok(())
    }

    pub fn setresgid(&mut self, r: u32, e: u32, s: u32, powers: Powers) -> Result {
        if !self.may_setgid(powers)
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
    pub fn setfsuid(&mut self, id: u32, powers: Powers) -> u32 {
        let old = self.fsuid;
        if id != UNCHANGED && (self.may_setuid(powers) || self.is_uid(id) || id == self.fsuid) {
            self.fsuid = id;
        }
        old
    }

    pub fn setfsgid(&mut self, id: u32, powers: Powers) -> u32 {
        let old = self.fsgid;
        if id != UNCHANGED && (self.may_setgid(powers) || self.is_gid(id) || id == self.fsgid) {
            self.fsgid = id;
        }
        old
    }

    pub fn setgroups(&mut self, groups: Vec<u32>, powers: Powers) -> Result {
        if !self.may_setgid(powers) {
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

    /// A successful execve: a set-user-ID (set-group-ID) program makes its owner (group) the
    /// effective id, and the saved ids take the effective ones.
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: Powers = Powers {
        setuid: true,
        setgid: true,
        chown: true,
    };
    const NONE: Powers = Powers {
        setuid: false,
        setgid: false,
        chown: false,
    };

    fn root() -> Creds {
        Creds::new(&Identity {
            uid: 0,
            gid: 0,
            groups: vec![0],
        })
    }

    fn user(uid: u32) -> Creds {
        Creds::new(&Identity {
            uid,
            gid: uid,
            groups: Vec::new(),
        })
    }

    #[test]
    fn root_drops_to_a_user_for_good() {
        let mut c = root();
        c.setgroups(vec![33], ALL).unwrap();
        c.setgid(33, ALL).unwrap();
        c.setuid(33, ALL).unwrap();
        assert_eq!((c.ruid, c.euid, c.suid, c.fsuid), (33, 33, 33, 33));
        assert_eq!((c.rgid, c.egid, c.sgid, c.fsgid), (33, 33, 33, 33));
        assert_eq!(c.setuid(0, ALL), Err(libc::EPERM));
        assert_eq!(c.setgroups(vec![0], ALL), Err(libc::EPERM));
        assert_eq!(c.setgid(0, ALL), Err(libc::EPERM));
    }

    #[test]
    fn a_temporary_drop_keeps_the_saved_root() {
        let mut c = root();
        c.setresuid(UNCHANGED, 1000, UNCHANGED, ALL).unwrap();
        assert_eq!((c.ruid, c.euid, c.suid, c.fsuid), (0, 1000, 0, 1000));
        assert_eq!(c.setuid(2000, ALL), Err(libc::EPERM));
        c.setuid(0, ALL).unwrap();
        assert_eq!((c.ruid, c.euid, c.suid), (0, 0, 0));
        // seteuid() through setreuid(-1, e): the saved id follows only away from the real id.
        c.setreuid(UNCHANGED, 5, ALL).unwrap();
        assert_eq!((c.ruid, c.euid, c.suid), (0, 5, 5));
    }

    #[test]
    fn unprivileged_changes_stay_among_the_three_ids() {
        let mut c = user(1000);
        assert_eq!(c.setuid(0, ALL), Err(libc::EPERM));
        assert_eq!(c.setresuid(0, UNCHANGED, UNCHANGED, ALL), Err(libc::EPERM));
        assert_eq!(c.setreuid(UNCHANGED, 7, ALL), Err(libc::EPERM));
        c.setresuid(1000, 1000, 1000, ALL).unwrap();
        assert_eq!(c.setgid(0, ALL), Err(libc::EPERM));
        assert_eq!(c.setfsuid(0, ALL), 1000);
        assert_eq!(c.fsuid, 1000);
        assert_eq!(c.setuid(UNCHANGED, ALL), Err(libc::EINVAL));
    }

    #[test]
    fn a_root_without_the_capability_cannot_switch() {
        let mut c = root();
        assert_eq!(c.setuid(1000, NONE), Err(libc::EPERM));
        assert_eq!(c.setgroups(vec![], NONE), Err(libc::EPERM));
        // To itself is always allowed.
        c.setuid(0, NONE).unwrap();
    }

    #[test]
    fn fsuid_follows_the_effective_uid_and_setfsuid_reports_the_old_one() {
        let mut c = root();
        assert_eq!(c.setfsuid(1000, ALL), 0);
        assert_eq!(c.setfsuid(UNCHANGED, ALL), 1000);
        c.setresuid(UNCHANGED, 5, UNCHANGED, ALL).unwrap();
        assert_eq!(c.fsuid, 5);
    }

    #[test]
    fn setuid_programs_become_their_owner_and_save_it() {
        let mut c = user(1000);
        c.exec(Some(0), None);
        assert_eq!((c.ruid, c.euid, c.suid, c.fsuid), (1000, 0, 0, 0));
        c.setuid(0, ALL).unwrap();
        assert_eq!(c.ruid, 0);
        let mut d = user(1000);
        d.exec(None, Some(42));
        assert_eq!((d.rgid, d.egid, d.sgid), (1000, 42, 42));
    }

    #[test]
    fn groups_are_checked() {
        let mut c = root();
        assert_eq!(c.setgroups(vec![1, UNCHANGED], ALL), Err(libc::EINVAL));
        assert_eq!(
            c.setgroups(vec![0; NGROUPS_MAX + 1], ALL),
            Err(libc::EINVAL)
        );
        c.setgroups(vec![4, 24], ALL).unwrap();
        assert!(c.in_group(24) && c.in_group(0) && !c.in_group(5));
    }
}
