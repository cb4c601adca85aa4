//! The container's user, resolved from the image's /etc/passwd and /etc/group at create time
//! (read from the layers, topmost first, without mounting anything).

use std::fs;
use std::path::{Path, PathBuf};

use nix::fcntl::OFlag;

use super::ContainerError;
use crate::runtime::safe_path::RootDir;
use crate::storage::whiteout;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedUser {
    pub uid: u32,
    pub gid: u32,
    pub home: String,
    /// Supplementary groups as docker gives them: the primary group, then those /etc/group
    /// lists the user in.
    pub groups: Vec<u32>,
}

/// The file at `rel` as the merged image shows it: the topmost layer that has it, unless a
/// layer above hides it with a whiteout or an opaque directory.
pub fn image_file(layers: &[PathBuf], rel: &str) -> Option<String> {
    for layer in layers.iter().rev() {
        let path = layer.join(rel);
        if let Ok(meta) = fs::symlink_metadata(&path) {
            if whiteout::is_whiteout(&meta) || !meta.is_file() {
                return None;
            }
            return fs::read_to_string(&path).ok();
        }
        let mut dir = Path::new(rel).parent();
        while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
            let p = layer.join(d);
            if let Ok(meta) = fs::symlink_metadata(&p)
                && (whiteout::is_whiteout(&meta) || whiteout::is_opaque(&p).unwrap_or(false))
            {
                return None;
            }
            dir = d.parent();
        }
    }
    None
}

struct Entry<'a> {
    name: &'a str,
    id: u32,
    gid: u32,
    home: &'a str,
}

fn passwd_entries(text: &str) -> impl Iterator<Item = Entry<'_>> {
    text.lines().filter_map(|line| {
        let f: Vec<&str> = line.split(':').collect();
        (f.len() >= 6).then(|| {
            Some(Entry {
                name: f[0],
                id: f[2].parse().ok()?,
                gid: f[3].parse().ok()?,
                home: f[5],
            })
        })?
    })
}

/// The groups whose member list names `user`.
fn memberships(text: Option<&str>, user: &str) -> Vec<u32> {
    let Some(text) = text else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split(':').collect();
            (f.len() >= 4 && f[3].split(',').any(|m| m == user))
                .then(|| f[2].parse().ok())
                .flatten()
        })
        .collect()
}

pub fn group_id(text: Option<&str>, name: &str) -> Option<u32> {
    text?.lines().find_map(|line| {
        let f: Vec<&str> = line.split(':').collect();
        (f.len() >= 3 && f[0] == name).then(|| f[2].parse().ok())?
    })
}

/// A file of a running container as it sees it now (users it added included), read inside
/// its root through the host's /proc.
pub fn running_file(init: i32, rel: &str) -> Option<String> {
    let root = format!("/proc/{}/root", super::processes::namespace_holder(init));
    let root = RootDir::open(Path::new(&root)).ok()?;
    let fd = root.open_at(Path::new(rel), OFlag::O_RDONLY).ok()?;
    let mut text = String::new();
    std::io::Read::read_to_string(&mut fs::File::from(fd), &mut text).ok()?;
    Some(text)
}

/// Resolves `given` (`name`, `uid`, `name:group`, `uid:gid`; empty means root) against the
/// image's files.
pub fn resolve(layers: &[PathBuf], given: &str) -> Result<ResolvedUser, ContainerError> {
    resolve_with(
        image_file(layers, "etc/passwd"),
        image_file(layers, "etc/group"),
        given,
    )
}

/// Resolves `given` against a running container's own /etc/passwd and /etc/group.
pub fn resolve_running(init: i32, given: &str) -> Result<ResolvedUser, ContainerError> {
    resolve_with(
        running_file(init, "etc/passwd"),
        running_file(init, "etc/group"),
        given,
    )
}

pub fn resolve_with(
    passwd: Option<String>,
    group: Option<String>,
    given: &str,
) -> Result<ResolvedUser, ContainerError> {
    let (user, grp) = match given.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (given, None),
    };
    let user = if user.is_empty() { "0" } else { user };
    let err = |reason: String| ContainerError::User {
        user: given.to_string(),
        reason,
    };
    let entry = passwd
        .as_deref()
        .and_then(|p| passwd_entries(p).find(|e| e.name == user || user.parse() == Ok(e.id)));
    let (uid, mut gid, home, groups) = match (entry, user.parse::<u32>()) {
        (Some(e), _) => (
            e.id,
            e.gid,
            e.home.to_string(),
            memberships(group.as_deref(), e.name),
        ),
        (None, Ok(uid)) => (uid, 0, "/".to_string(), Vec::new()),
        (None, Err(_)) => {
            return Err(err(format!(
                "unable to find user {user}: no matching entries in passwd file"
            )));
        }
    };
    if let Some(g) = grp {
        gid = match g.parse::<u32>() {
            Ok(n) => n,
            Err(_) => group_id(group.as_deref(), g).ok_or_else(|| {
                err(format!(
                    "unable to find group {g}: no matching entries in group file"
                ))
            })?,
        };
    }
    let home = if uid == 0 && home == "/" {
        "/root".to_string()
    } else {
        home
    };
    let groups = std::iter::once(gid)
        .chain(groups.into_iter().filter(|g| *g != gid))
        .collect();
    Ok(ResolvedUser {
        uid,
        gid,
        home,
        groups,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(dir: &Path, files: &[(&str, &str)]) -> PathBuf {
        for (rel, text) in files {
            let p = dir.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        dir.to_path_buf()
    }

    #[test]
    fn resolves_names_ids_and_groups_from_the_topmost_layer() {
        let base = std::env::temp_dir().join(format!("rpod-user-{}", std::process::id()));
        let l1 = layer(
            &base.join("l1"),
            &[("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")],
        );
        let l2 = layer(
            &base.join("l2"),
            &[
                (
                    "etc/passwd",
                    "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n",
                ),
                (
                    "etc/group",
                    "root:x:0:\nstaff:x:50:app,other\nwheel2:x:51:root\n",
                ),
            ],
        );
        let layers = vec![l1, l2];
        assert_eq!(
            resolve(&layers, "").unwrap(),
            ResolvedUser {
                uid: 0,
                gid: 0,
                home: "/root".into(),
                groups: vec![0, 51],
            }
        );
        assert_eq!(resolve(&layers, "app").unwrap().uid, 1000);
        assert_eq!(resolve(&layers, "1000").unwrap().home, "/home/app");
        assert_eq!(resolve(&layers, "app:staff").unwrap().gid, 50);
        assert_eq!(resolve(&layers, "app").unwrap().groups, [1000, 50]);
        assert_eq!(
            resolve(&layers, "4242:7").unwrap(),
            ResolvedUser {
                uid: 4242,
                gid: 7,
                home: "/".into(),
                groups: vec![7],
            }
        );
        assert!(
            resolve(&layers, "nobody")
                .unwrap_err()
                .to_string()
                .contains("unable to find user nobody")
        );
        assert!(resolve(&layers, "app:wheel").is_err());
        assert!(resolve(&layers[..1], "app").is_err());
        fs::remove_dir_all(&base).unwrap();
    }
}
