//! docker's `cp` rules on one side of the copy: a path made into a tar stream, and a tar
//! stream put at a destination. The same code runs on the host and, for the container's
//! side, in a helper whose root is the container's (so its paths cannot lead outside).

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Why a copy cannot be done as asked, in docker's words.
fn refused(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

/// An entry whose kind differs from what is already there (a directory against anything
/// else), which only `--overwrite` replaces: podman's words, which scripts match.
fn kind_conflict(path: &Path, is_dir: bool) -> io::Error {
    let op = if is_dir { "mkdir" } else { "open" };
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "copier: put: error creating {:?}: {op} {}: file exists",
            path.display().to_string(),
            path.display()
        ),
    )
}

fn not_found(path: &Path) -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, path.display().to_string())
}

/// `SRC/.` copies what is in SRC rather than SRC itself; so does `/`, as podman copies it.
pub fn contents_only(src: &str) -> bool {
    src.ends_with("/.") || src == "." || src == "/"
}

/// Where a copy to the host lands: an existing destination is followed through symlinks
/// (`/dev/stdout` redirected to a file is that file), and must be a directory or a regular
/// file (a terminal or a pipe is not: `-` streams a tar archive instead).
pub fn host_destination(dest: &str) -> io::Result<String> {
    let Ok(meta) = fs::metadata(dest) else {
        return Ok(dest.to_string());
    };
    if !meta.is_dir() && !meta.is_file() {
        return Err(refused(format!(
            "invalid destination: {dest:?} must be a directory or a regular file"
        )));
    }
    let real = fs::canonicalize(dest)?;
    let mut real = real.to_string_lossy().into_owned();
    // A trailing `/` or `/.` says "into this directory": keep saying it.
    if dest.ends_with('/') && !real.ends_with('/') {
        real.push('/');
    }
    if dest.ends_with("/.") {
        real.push_str("/.");
    }
    Ok(real)
}

/// A tar stream of `src` (not following it if it is a symlink) whose one top-level entry is
/// named after it.
pub fn archive(src: &Path, out: impl Write) -> io::Result<()> {
    let meta = fs::symlink_metadata(src)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", src.display())))?;
    let name = src
        .file_name()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("root"));
    let mut builder = tar::Builder::new(out);
    builder.follow_symlinks(false);
    if meta.is_dir() {
        builder.append_dir_all(&name, src)?;
    } else {
        builder.append_path_with_name(src, &name)?;
    }
    builder.into_inner()?.flush()
}

/// Unpacks `tar` into the existing directory `dest`, as `cp -` does; an entry of another kind
/// than the one in place (a directory against a non-directory) replaces it only with
/// `overwrite`.
pub fn untar(tar: impl Read, dest: &Path, overwrite: bool) -> io::Result<()> {
    match fs::metadata(dest) {
        Ok(m) if m.is_dir() => {}
        Err(_) if dest.to_string_lossy().ends_with('/') => return Err(not_found(dest)),
        _ => {
            return Err(refused(
                "destination must be a directory when copying from stdin".into(),
            ));
        }
    }
    // Unpacked beside what it lands on first, so that the kinds can be checked entry by entry.
    let tmp = dest.join(format!(".rpod-cp-{}", std::process::id()));
    fs::create_dir(&tmp)?;
    let result = unpack(tar, &tmp).and_then(|()| merge(&tmp, dest, overwrite));
    let _ = fs::remove_dir_all(&tmp);
    result
}

fn unpack(tar: impl Read, dir: &Path) -> io::Result<()> {
    let mut archive = tar::Archive::new(tar);
    archive.set_preserve_permissions(true);
    archive.set_preserve_mtime(true);
    archive.set_overwrite(true);
    archive.unpack(dir)
}

/// Puts the one top-level entry of `tar` (made by [`archive`]) at `dest` by docker's rules:
/// into `dest` if it is a directory (its contents only with `contents_only`), over `dest` if
/// it is a file, as `dest` if it does not exist yet (its parent must). In a directory, an
/// entry of another kind than the one in place replaces it only with `overwrite`.
pub fn place(tar: impl Read, dest: &str, contents_only: bool, overwrite: bool) -> io::Result<()> {
    let dest_path = Path::new(dest);
    let existing = fs::metadata(dest_path).ok();
    let parent = match &existing {
        Some(m) if m.is_dir() => dest_path.to_path_buf(),
        _ => {
            if dest.ends_with('/') {
                return Err(not_found(dest_path));
            }
            let parent = dest_path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            if !fs::metadata(parent).is_ok_and(|m| m.is_dir()) {
                return Err(not_found(parent));
            }
            parent.to_path_buf()
        }
    };
    // Unpacked beside its destination first: a stream that breaks off leaves nothing half
    // copied in place.
    let tmp = parent.join(format!(".rpod-cp-{}", std::process::id()));
    fs::create_dir(&tmp)?;
    let result = unpack(tar, &tmp)
        .and_then(|()| settle(&tmp, dest_path, existing, contents_only, overwrite));
    let _ = fs::remove_dir_all(&tmp);
    result
}

fn settle(
    tmp: &Path,
    dest: &Path,
    existing: Option<fs::Metadata>,
    contents_only: bool,
    overwrite: bool,
) -> io::Result<()> {
    let mut top = fs::read_dir(tmp)?;
    let entry = top
        .next()
        .ok_or_else(|| refused("the source is empty".into()))??;
    let unpacked = entry.path();
    let is_dir = fs::symlink_metadata(&unpacked)?.is_dir();
    match existing {
        Some(m) if m.is_dir() && is_dir && contents_only => merge(&unpacked, dest, overwrite),
        Some(m) if m.is_dir() => put(&unpacked, &dest.join(entry.file_name()), overwrite),
        Some(_) if is_dir => Err(refused(
            "destination must be a directory when copying a directory".into(),
        )),
        _ => fs::rename(&unpacked, dest),
    }
}

/// Moves what is in `from` into the existing directory `into` entry by entry ([`put`]).
fn merge(from: &Path, into: &Path, overwrite: bool) -> io::Result<()> {
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        put(&entry.path(), &into.join(entry.file_name()), overwrite)?;
    }
    Ok(())
}

/// Moves `item` to `target`: a directory merges into a directory, anything else replaces
/// an entry of its own kind; a directory against a non-directory (either way round) is
/// replaced only with `overwrite`, as podman's `cp --overwrite`.
fn put(item: &Path, target: &Path, overwrite: bool) -> io::Result<()> {
    let is_dir = fs::symlink_metadata(item)?.is_dir();
    let Ok(there) = fs::symlink_metadata(target) else {
        return fs::rename(item, target);
    };
    match (is_dir, there.is_dir()) {
        (true, true) => merge(item, target, overwrite),
        (false, false) => fs::rename(item, target),
        _ if !overwrite => Err(kind_conflict(target, is_dir)),
        (_, true) => fs::remove_dir_all(target).and_then(|()| fs::rename(item, target)),
        (_, false) => fs::remove_file(target).and_then(|()| fs::rename(item, target)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn stream(src: &Path) -> Vec<u8> {
        let mut out = Vec::new();
        archive(src, &mut out).unwrap();
        out
    }

    #[test]
    fn docker_rules_for_files_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        fs::create_dir_all(src.join("sub")).unwrap();
        fs::write(src.join("sub/f"), "f").unwrap();
        fs::set_permissions(src.join("sub/f"), fs::Permissions::from_mode(0o640)).unwrap();
        let file = dir.path().join("file.txt");
        fs::write(&file, "one").unwrap();
        let dest = dir.path().join("dest");
        fs::create_dir(&dest).unwrap();
        let at = |p: &Path| p.to_str().unwrap().to_string();

        // A directory into an existing directory lands under its own name.
        place(&stream(&src)[..], &at(&dest), false, false).unwrap();
        assert_eq!(fs::read_to_string(dest.join("src/sub/f")).unwrap(), "f");
        let mode = fs::metadata(dest.join("src/sub/f"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
        // With SRC/. its contents merge into the directory.
        place(&stream(&src)[..], &at(&dest), true, false).unwrap();
        assert!(dest.join("sub/f").exists());
        // A directory to a new name is created as that name.
        place(
            &stream(&src)[..],
            &at(&dir.path().join("copy")),
            false,
            false,
        )
        .unwrap();
        assert!(dir.path().join("copy/sub/f").exists());
        // A file to a new name, into a directory, over a file.
        place(
            &stream(&file)[..],
            &at(&dir.path().join("renamed")),
            false,
            false,
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("renamed")).unwrap(),
            "one"
        );
        place(&stream(&file)[..], &at(&dest), false, false).unwrap();
        assert!(dest.join("file.txt").exists());
        fs::write(&file, "two").unwrap();
        place(
            &stream(&file)[..],
            &at(&dir.path().join("renamed")),
            false,
            false,
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("renamed")).unwrap(),
            "two"
        );
        // The errors: a directory over a file, a missing parent, a missing directory.
        assert!(
            place(
                &stream(&src)[..],
                &at(&dir.path().join("renamed")),
                false,
                false
            )
            .is_err()
        );
        assert!(
            place(
                &stream(&file)[..],
                &at(&dir.path().join("no/such")),
                false,
                false
            )
            .is_err()
        );
        assert!(
            place(
                &stream(&file)[..],
                &format!("{}/", at(&dir.path().join("nodir"))),
                false,
                false
            )
            .is_err()
        );
        assert_eq!(
            fs::read_dir(dir.path())
                .unwrap()
                .filter(|e| e
                    .as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".rpod-cp"))
                .count(),
            0
        );
    }

    #[test]
    fn a_directory_and_a_file_replace_each_other_only_with_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        fs::create_dir_all(src.join("foo")).unwrap();
        fs::write(src.join("foo/inner"), "d").unwrap();
        let file_src = dir.path().join("other");
        fs::create_dir(&file_src).unwrap();
        fs::write(file_src.join("foo"), "f").unwrap();
        let dest = dir.path().join("dest");
        fs::create_dir(&dest).unwrap();
        let at = |p: &Path| p.to_str().unwrap().to_string();

        // A file where a directory is: refused in podman's words, then replaced.
        fs::create_dir(dest.join("foo")).unwrap();
        let err = place(&stream(&file_src.join("foo"))[..], &at(&dest), false, false).unwrap_err();
        assert!(err.to_string().contains("error creating"), "{err}");
        assert!(err.to_string().ends_with(": file exists"), "{err}");
        assert!(dest.join("foo").is_dir());
        place(&stream(&file_src.join("foo"))[..], &at(&dest), false, true).unwrap();
        assert_eq!(fs::read_to_string(dest.join("foo")).unwrap(), "f");

        // A directory where a file is, and the same inside a merge of SRC/.
        assert!(place(&stream(&src.join("foo"))[..], &at(&dest), false, false).is_err());
        assert!(dest.join("foo").is_file());
        place(&stream(&src.join("foo"))[..], &at(&dest), false, true).unwrap();
        assert_eq!(fs::read_to_string(dest.join("foo/inner")).unwrap(), "d");
        assert!(
            place(
                &stream(&file_src)[..],
                &format!("{}/.", at(&dest)),
                true,
                false
            )
            .is_err()
        );
        place(
            &stream(&file_src)[..],
            &format!("{}/.", at(&dest)),
            true,
            true,
        )
        .unwrap();
        assert!(dest.join("foo").is_file());

        // `cp -`: the same rule for each entry of the stream.
        let tar = stream(&src.join("foo"));
        fs::remove_file(dest.join("foo")).unwrap();
        fs::write(dest.join("foo"), "f").unwrap();
        assert!(untar(&tar[..], &dest, false).is_err());
        assert!(dest.join("foo").is_file());
        untar(&tar[..], &dest, true).unwrap();
        assert!(dest.join("foo/inner").is_file());
        assert_eq!(fs::read_dir(&dest).unwrap().count(), 1, "no scratch left");
    }
}
