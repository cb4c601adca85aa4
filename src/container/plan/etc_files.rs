//! The container's /etc files that rpod writes, as podman's `--passwd`, `--passwd-entry`,
//! `--group-entry`, `--hostuser` and `--chrootdirs` shape them.

use std::path::{Component, Path};

use super::super::ContainerError;

/// The flags as given.
#[derive(Debug, Clone, Default)]
pub struct EtcOptions {
    /// `--passwd` (podman's default true when None).
    pub passwd: Option<bool>,
    pub passwd_entry: Option<String>,
    pub group_entry: Option<String>,
    /// `--hostuser`: names or uids of host accounts.
    pub host_users: Vec<String>,
    /// `--chrootdirs`, once per flag (podman splits no commas, whatever its page says).
    pub chroot_dirs: Vec<String>,
}

/// A host account `--hostuser` copies into the container's /etc/passwd, as the host's passwd
/// database gives it at create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostUser {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    /// The GECOS field's first part (the full name), as podman's entry has it.
    pub gecos: String,
    /// The home directory on the host: the entry's only where it is mounted in the container.
    pub home: String,
}

impl HostUser {
    /// podman's lookup: a uid first, then a name.
    fn find(given: &str) -> Result<HostUser, ContainerError> {
        let by_uid = given
            .parse::<u32>()
            .ok()
            .and_then(|uid| nix::unistd::User::from_uid(uid.into()).ok().flatten());
        let user = match by_uid {
            Some(user) => user,
            None => nix::unistd::User::from_name(given)
                .map_err(|e| {
                    ContainerError::invalid(
                        "--hostuser",
                        given,
                        format!("cannot read the host's passwd database: {e}"),
                    )
                })?
                .ok_or_else(|| {
                    ContainerError::invalid(
                        "--hostuser",
                        given,
                        "no such user in the host's passwd database",
                    )
                })?,
        };
        Ok(HostUser {
            uid: user.uid.as_raw(),
            gid: user.gid.as_raw(),
            gecos: user
                .gecos
                .to_string_lossy()
                .split(',')
                .next()
                .unwrap_or("")
                .to_string(),
            home: user.dir.to_string_lossy().into_owned(),
            name: user.name,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EtcPlan {
    /// Lines are added to /etc/passwd and /etc/group for `--user`'s ids the image lacks.
    pub passwd: bool,
    /// The templates of those lines (podman's variables replaced at create).
    pub passwd_entry: Option<String>,
    pub group_entry: Option<String>,
    /// `--hostuser`'s accounts, looked up at create.
    pub host_users: Vec<HostUser>,
    /// Directories inside the container where /etc/hosts, /etc/hostname and /etc/resolv.conf
    /// are bound too, below `etc/`.
    pub chroot_dirs: Vec<String>,
}

impl EtcPlan {
    pub fn build(opts: &EtcOptions) -> Result<EtcPlan, ContainerError> {
        let passwd = opts.passwd != Some(false);
        for (flag, template) in [
            ("--passwd-entry", &opts.passwd_entry),
            ("--group-entry", &opts.group_entry),
        ] {
            let Some(template) = template else { continue };
            if !passwd {
                return Err(ContainerError::invalid(
                    flag,
                    template,
                    "--passwd=false adds no entry for it to shape",
                ));
            }
            // One line: more would be entries no id check on a restart could recognise.
            if template.contains('\n') {
                return Err(ContainerError::invalid(
                    flag,
                    template,
                    "an entry is one line: it cannot hold a newline",
                ));
            }
        }
        if let Some(first) = opts.host_users.first()
            && !passwd
        {
            return Err(ContainerError::invalid(
                "--hostuser",
                first,
                "--passwd=false adds no /etc/passwd entry for it",
            ));
        }
        let host_users = opts
            .host_users
            .iter()
            .map(|u| HostUser::find(u))
            .collect::<Result<_, _>>()?;
        let chroot_dirs = opts
            .chroot_dirs
            .iter()
            .map(|dir| chroot_dir(dir))
            .collect::<Result<_, _>>()?;
        Ok(EtcPlan {
            passwd,
            passwd_entry: opts.passwd_entry.clone(),
            group_entry: opts.group_entry.clone(),
            host_users,
            chroot_dirs,
        })
    }
}

/// An absolute directory other than `/` with no `..`: the files go below it in the container.
fn chroot_dir(given: &str) -> Result<String, ContainerError> {
    let path = Path::new(given);
    let invalid = |reason: &str| ContainerError::invalid("--chrootdirs", given, reason);
    if !path.is_absolute() {
        return Err(invalid(
            "the directory must be an absolute path in the container",
        ));
    }
    if path.components().any(|c| c == Component::ParentDir) {
        return Err(invalid("the directory cannot hold .."));
    }
    let clean: std::path::PathBuf = path.components().collect();
    if clean == Path::new("/") {
        return Err(invalid(
            "/ is the container's root, where the files are bound anyway",
        ));
    }
    Ok(clean.to_string_lossy().into_owned())
}

/// podman's `--passwd-entry` variables: `$USERNAME`, `$UID`, `$GID`, `$NAME`, `$HOME`.
pub fn passwd_line(
    template: &str,
    username: &str,
    uid: u32,
    gid: u32,
    name: &str,
    home: &str,
) -> String {
    template
        .replace("$USERNAME", username)
        .replace("$UID", &uid.to_string())
        .replace("$GID", &gid.to_string())
        .replace("$NAME", name)
        .replace("$HOME", home)
}

/// podman's `--group-entry` variables: `$GROUPNAME`, `$GID`, `$USERLIST`.
pub fn group_line(template: &str, groupname: &str, gid: u32, users: &str) -> String {
    template
        .replace("$GROUPNAME", groupname)
        .replace("$GID", &gid.to_string())
        .replace("$USERLIST", users)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_take_podmans_variables() {
        assert_eq!(
            passwd_line(
                "$UID-$GID-$NAME-$HOME-$USERNAME",
                "12345",
                12345,
                12346,
                "container user",
                "/etc"
            ),
            "12345-12346-container user-/etc-12345"
        );
        assert_eq!(
            group_line("$GROUPNAME:x:$GID:$USERLIST", "g", 7, "a,b"),
            "g:x:7:a,b"
        );
    }

    #[test]
    fn flags_are_checked() {
        let opts = |passwd, entry: &str, dir: &str| EtcOptions {
            passwd,
            passwd_entry: Some(entry.into()),
            group_entry: None,
            host_users: Vec::new(),
            chroot_dirs: vec![dir.into()],
        };
        assert!(EtcPlan::build(&opts(None, "FOO", "/srv/jail/")).is_ok());
        assert_eq!(
            EtcPlan::build(&opts(None, "FOO", "/srv/a,b"))
                .unwrap()
                .chroot_dirs,
            ["/srv/a,b"]
        );
        assert!(EtcPlan::build(&opts(Some(false), "FOO", "/srv")).is_err());
        assert!(EtcPlan::build(&opts(None, "a\nb", "/srv")).is_err());
        for dir in ["srv", "/srv/../etc", "/"] {
            assert!(EtcPlan::build(&opts(None, "FOO", dir)).is_err(), "{dir}");
        }
    }

    #[test]
    fn host_users_come_from_the_hosts_database() {
        let users = |passwd, names: &[&str]| {
            EtcPlan::build(&EtcOptions {
                passwd,
                host_users: names.iter().map(|n| n.to_string()).collect(),
                ..Default::default()
            })
        };
        let root = users(None, &["root", "0"]).unwrap().host_users;
        assert_eq!(root.len(), 2);
        assert!(root.iter().all(|u| u.name == "root" && u.uid == 0));
        let missing = users(None, &["rpod-no-such-user"]).unwrap_err().to_string();
        assert!(missing.contains("--hostuser"), "{missing}");
        assert!(users(Some(false), &["root"]).is_err());
    }
}
