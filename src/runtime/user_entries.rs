//! podman's `--passwd`: the line for `--user`'s uid (or gid) that the image's /etc/passwd (or
//! /etc/group) lacks, appended by the init to the container's own file before anything is
//! mounted over it. Appended, not bound over: `useradd` replaces /etc/passwd by a rename,
//! which a bind mount would make fail. Checked at every start, so that a restart, or a user
//! the container added itself, never gives the id a second line.

use std::io::{self, Read, Write};
use std::path::Path;

use nix::fcntl::OFlag;

use super::safe_path::{Create, RootDir};
use super::spec::UserEntry;

/// Whether `text` (the file as it is) still needs `entry`: no line is it already and none
/// gives its id (the third field of a passwd or group line).
pub fn needed(text: &str, entry: &UserEntry) -> bool {
    !text.lines().any(|line| {
        line == entry.line || line.split(':').nth(2) == Some(entry.id.to_string().as_str())
    })
}

/// Appends each needed entry to its file inside `rootfs` (created 0644 when the image has
/// none), resolving every path inside the root: an image may make /etc a symlink anywhere.
pub fn append(rootfs: &Path, entries: &[UserEntry]) -> io::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let root = RootDir::open(rootfs)?;
    for entry in entries {
        let rel = Path::new(entry.file.trim_start_matches('/'));
        let flags = OFlag::O_RDWR | OFlag::O_APPEND | OFlag::O_CLOEXEC;
        let fd = match root.open_at(rel, flags) {
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {
                drop(root.target(rel, Create::File)?);
                root.open_at(rel, flags)?
            }
            other => other?,
        };
        let mut file = std::fs::File::from(fd);
        if !file.metadata()?.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a regular file", entry.file),
            ));
        }
        let mut text = String::new();
        file.read_to_string(&mut text)?;
        if !needed(&text, entry) {
            continue;
        }
        let sep = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        file.write_all(format!("{sep}{}\n", entry.line).as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: u32, line: &str) -> UserEntry {
        UserEntry {
            file: "/etc/passwd".into(),
            id,
            line: line.into(),
        }
    }

    #[test]
    fn an_id_or_the_same_line_already_there_is_not_added_again() {
        let text = "root:x:0:0:root:/root:/bin/sh\n";
        assert!(needed(
            text,
            &entry(4321, "4321:*:4321:0:container user:/:/bin/sh")
        ));
        assert!(!needed(text, &entry(0, "0:*:0:0:container user:/:/bin/sh")));
        assert!(!needed("FOO\n", &entry(4321, "FOO")));
    }

    #[test]
    fn appends_once_creating_the_file_and_its_directory() {
        let root = std::env::temp_dir().join(format!("rpod-entries-{}", std::process::id()));
        std::fs::create_dir_all(root.join("etc")).unwrap();
        std::fs::write(root.join("etc/passwd"), "root:x:0:0::/root:/bin/sh").unwrap();
        let passwd = entry(7, "7:*:7:0:container user:/:/bin/sh");
        let group = UserEntry {
            file: "/var/db/group".into(),
            id: 9,
            line: "9:x:9:7".into(),
        };
        for _ in 0..2 {
            append(&root, &[passwd.clone(), group.clone()]).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(root.join("etc/passwd")).unwrap(),
            "root:x:0:0::/root:/bin/sh\n7:*:7:0:container user:/:/bin/sh\n"
        );
        assert_eq!(
            std::fs::read_to_string(root.join("var/db/group")).unwrap(),
            "9:x:9:7\n"
        );
        std::fs::remove_dir_all(&root).unwrap();
    }
}
