//! podman's `--passwd` at create: the /etc/passwd and /etc/group lines for the container's
//! user when its ids are numbers the image may not know (`-u 4321[:4321]`), and for the
//! caller under `--userns keep-id`, and `--hostuser`'s host accounts. The init appends each at every start unless the file
//! gives that id by then (`runtime::user_entries`), as podman decides on the mounted root.

use super::plan::etc_files::{EtcPlan, group_line, passwd_line};
use super::plan::mounts::MountDef;
use super::record::RunConfig;
use super::user::ResolvedUser;
use crate::runtime::spec::UserEntry;

/// podman's name for a user it adds.
const NAME: &str = "container user";

/// What `entries` needs to know of the container.
pub struct Who<'a> {
    /// The user as given (`-u` or the image's USER).
    pub given: &'a str,
    pub resolved: &'a ResolvedUser,
    /// The container's working directory: podman's home for a user it adds.
    pub working_dir: &'a str,
    pub keep_id: bool,
    pub mounts: &'a [MountDef],
}

pub fn entries(etc: &EtcPlan, who: &Who<'_>) -> Vec<UserEntry> {
    if !etc.passwd {
        return Vec::new();
    }
    let mut passwd: Vec<UserEntry> = Vec::new();
    let mut group: Vec<UserEntry> = Vec::new();
    let entry = |file: &str, id: u32, line: String| UserEntry {
        file: file.into(),
        id,
        line,
    };
    // podman's order: the host accounts first; a later entry for the same uid is dropped.
    for (uid, line) in host_user_lines(etc, who.working_dir, who.mounts) {
        if !passwd.iter().any(|e| e.id == uid) {
            passwd.push(entry("/etc/passwd", uid, line));
        }
    }
    if who.keep_id {
        let caller = Caller::find(who.resolved, who.working_dir, who.mounts);
        let [line, group_entry] = caller.entries(etc);
        if !passwd.iter().any(|e| e.id == caller.uid) {
            passwd.push(line);
        }
        group.push(group_entry);
    }
    let (user_part, group_part) = match who.given.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (who.given, None),
    };
    if let Ok(uid) = user_part.parse::<u32>()
        && !passwd.iter().any(|e| e.id == uid)
    {
        let gid = who.resolved.gid;
        let line = match &etc.passwd_entry {
            Some(t) => passwd_line(t, user_part, uid, gid, NAME, who.working_dir),
            None => format!("{uid}:*:{uid}:{gid}:{NAME}:{}:/bin/sh", who.working_dir),
        };
        passwd.push(entry("/etc/passwd", uid, line));
    }
    // podman's rule: a user given at all (or a --group-entry) names a group, root's by default.
    if (!who.given.is_empty() || etc.group_entry.is_some())
        && let Ok(gid) = group_part.unwrap_or("0").parse::<u32>()
        && !group.iter().any(|e| e.id == gid)
    {
        let line = match &etc.group_entry {
            Some(t) => group_line(t, &gid.to_string(), gid, user_part),
            None => format!("{gid}:x:{gid}:{user_part}"),
        };
        group.push(entry("/etc/group", gid, line));
    }
    // A file the user mounts there is theirs, as podman leaves it.
    let mounted = |file: &str| who.mounts.iter().any(|m| m.target == file);
    passwd
        .into_iter()
        .filter(|_| !mounted("/etc/passwd"))
        .chain(group.into_iter().filter(|_| !mounted("/etc/group")))
        .collect()
}

/// `--hostuser`'s /etc/passwd lines (uid, line), before the `--user` is resolved: a host
/// account is a user the container may run as (`--hostuser NAME --user NAME`).
pub fn host_user_lines(
    etc: &EtcPlan,
    working_dir: &str,
    mounts: &[MountDef],
) -> Vec<(u32, String)> {
    etc.host_users
        .iter()
        .map(|u| {
            let home = home_in(Some(u.home.clone()), working_dir, mounts);
            let line = match &etc.passwd_entry {
                Some(t) => passwd_line(t, &u.name, u.uid, u.gid, &u.gecos, &home),
                None => format!(
                    "{}:*:{}:{}:{}:{home}:/bin/sh",
                    u.name, u.uid, u.gid, u.gecos
                ),
            };
            (u.uid, line)
        })
        .collect()
}

/// podman's choice of home for an account it adds: the host's home when it is mounted into
/// the container, else the working directory (the host's would not exist there).
fn home_in(host_home: Option<String>, working_dir: &str, mounts: &[MountDef]) -> String {
    host_home
        .filter(|home| {
            mounts.iter().any(|m| {
                let target = m.target.trim_end_matches('/');
                home == target || home.starts_with(&format!("{target}/"))
            })
        })
        .unwrap_or_else(|| working_dir.to_string())
}

/// The caller as the host knows them, for keep-id's entry.
struct Caller {
    uid: u32,
    gid: u32,
    name: String,
    gecos: String,
    group: String,
    home: String,
}

impl Caller {
    fn find(resolved: &ResolvedUser, working_dir: &str, mounts: &[MountDef]) -> Caller {
        let (uid, gid) = (resolved.uid, resolved.gid);
        let user = nix::unistd::User::from_uid(uid.into()).ok().flatten();
        let group = nix::unistd::Group::from_gid(gid.into()).ok().flatten();
        let host_home = user.as_ref().map(|u| u.dir.to_string_lossy().into_owned());
        let home = home_in(host_home, working_dir, mounts);
        Caller {
            uid,
            gid,
            name: user.as_ref().map_or(uid.to_string(), |u| u.name.clone()),
            gecos: user.as_ref().map_or(String::new(), |u| {
                u.gecos
                    .to_string_lossy()
                    .split(',')
                    .next()
                    .unwrap_or("")
                    .to_string()
            }),
            group: group.map_or(gid.to_string(), |g| g.name),
            home,
        }
    }

    /// Its /etc/passwd and /etc/group lines, shaped by `--passwd-entry` and `--group-entry`.
    fn entries(&self, etc: &EtcPlan) -> [UserEntry; 2] {
        let entry = |file: &str, id: u32, line: String| UserEntry {
            file: file.into(),
            id,
            line,
        };
        [
            entry(
                "/etc/passwd",
                self.uid,
                match &etc.passwd_entry {
                    Some(t) => {
                        passwd_line(t, &self.name, self.uid, self.gid, &self.gecos, &self.home)
                    }
                    None => format!(
                        "{}:*:{}:{}:{}:{}:/bin/sh",
                        self.name, self.uid, self.gid, self.gecos, self.home
                    ),
                },
            ),
            entry(
                "/etc/group",
                self.gid,
                match &etc.group_entry {
                    Some(t) => group_line(t, &self.group, self.gid, &self.name),
                    None => format!("{}:x:{}:{}", self.group, self.gid, self.name),
                },
            ),
        ]
    }
}

/// keep-id's lines for the caller as a container of `run`'s working directory and mounts gets
/// them without `--passwd-entry` or `--group-entry` (a record keeps the lines, not the
/// templates): what `pod clone --userns` gives a member moving into keep-id, and takes from
/// one leaving it.
pub fn caller_entries(run: &RunConfig, uid: u32, gid: u32) -> [UserEntry; 2] {
    caller_lines(&run.working_dir, &run.mounts, uid, gid)
}

fn caller_lines(working_dir: &str, mounts: &[MountDef], uid: u32, gid: u32) -> [UserEntry; 2] {
    let resolved = ResolvedUser {
        uid,
        gid,
        home: String::new(),
        groups: Vec::new(),
    };
    let etc = EtcPlan {
        passwd: true,
        passwd_entry: None,
        group_entry: None,
        host_users: Vec::new(),
        chroot_dirs: Vec::new(),
    };
    Caller::find(&resolved, working_dir, mounts).entries(&etc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::plan::etc_files::EtcOptions;

    fn who<'a>(given: &'a str, resolved: &'a ResolvedUser) -> Who<'a> {
        Who {
            given,
            resolved,
            working_dir: "/work",
            keep_id: false,
            mounts: &[],
        }
    }

    fn user(uid: u32, gid: u32) -> ResolvedUser {
        ResolvedUser {
            uid,
            gid,
            home: "/".into(),
            groups: vec![gid],
        }
    }

    fn lines(etc: &EtcOptions, who: &Who<'_>) -> Vec<(String, u32, String)> {
        entries(&EtcPlan::build(etc).unwrap(), who)
            .into_iter()
            .map(|e| (e.file, e.id, e.line))
            .collect()
    }

    #[test]
    fn numeric_ids_get_podmans_lines() {
        let u = user(4321, 99);
        assert_eq!(
            lines(&EtcOptions::default(), &who("4321:99", &u)),
            [
                (
                    "/etc/passwd".into(),
                    4321,
                    "4321:*:4321:99:container user:/work:/bin/sh".into()
                ),
                ("/etc/group".into(), 99, "99:x:99:4321".into()),
            ]
        );
        let named = user(1000, 0);
        assert_eq!(
            lines(&EtcOptions::default(), &who("app", &named)),
            [("/etc/group".into(), 0, "0:x:0:app".into())]
        );
        assert!(lines(&EtcOptions::default(), &who("", &user(0, 0))).is_empty());
        let off = EtcOptions {
            passwd: Some(false),
            ..Default::default()
        };
        assert!(lines(&off, &who("4321:99", &u)).is_empty());
    }

    #[test]
    fn templates_replace_the_lines() {
        let u = user(12345, 12346);
        let etc = EtcOptions {
            passwd_entry: Some("$UID-$GID-$NAME-$HOME-$USERNAME".into()),
            group_entry: Some("$GROUPNAME:x:$GID:$USERLIST".into()),
            ..Default::default()
        };
        let got = lines(&etc, &who("12345:12346", &u));
        assert_eq!(got[0].2, "12345-12346-container user-/work-12345");
        assert_eq!(got[1].2, "12346:x:12346:12345");
    }

    #[test]
    fn a_mounted_file_is_left_alone() {
        let u = user(4321, 0);
        let mounts = [MountDef {
            kind: crate::container::plan::mounts::MountKind::Tmpfs {
                options: String::new(),
            },
            target: "/etc/passwd".into(),
            readonly: false,
        }];
        let w = Who {
            mounts: &mounts,
            ..who("4321", &u)
        };
        let got = lines(&EtcOptions::default(), &w);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "/etc/group");
    }

    #[test]
    fn a_clone_takes_away_exactly_the_lines_keep_id_added() {
        let me = user(
            nix::unistd::getuid().as_raw(),
            nix::unistd::getgid().as_raw(),
        );
        let w = Who {
            keep_id: true,
            ..who("", &me)
        };
        let got = entries(&EtcPlan::build(&EtcOptions::default()).unwrap(), &w);
        let caller = caller_lines("/work", &[], me.uid, me.gid);
        assert_eq!(got, caller);
    }
}
