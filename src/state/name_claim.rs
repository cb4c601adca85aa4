//! Names held by ids, one symbolic link per name in a directory (`DIR/NAME` → `ID`), so that
//! whether a name is taken costs one `readlink` instead of reading every record. symlink(2)
//! fails with EEXIST when the name exists, so two processes can never both make a claim; a
//! claim says only who asked for the name: the caller checks it against the holder's record,
//! which stays the truth (a claim whose holder is gone or renamed is stale and may be taken
//! over). Every change of a claim is made under one lock held by the caller.

use std::fs;
use std::io;
use std::os::unix::fs::symlink;
use std::path::Path;

use super::scratch;

/// The id a name's claim names, if there is a claim.
pub fn holder(dir: &Path, name: &str) -> io::Result<Option<String>> {
    match fs::read_link(dir.join(name)) {
        Ok(target) => Ok(target.to_str().map(str::to_string)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Claims `name` for `id`: `Ok(None)` when the claim is now `id`'s, else the id holding it.
/// A retried create on a network file system may find its own claim: that is a success.
pub fn claim(dir: &Path, name: &str, id: &str) -> io::Result<Option<String>> {
    match symlink(id, dir.join(name)) {
        Ok(()) => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match holder(dir, name)? {
            Some(held) if held == id => Ok(None),
            Some(held) => Ok(Some(held)),
            // Released between the two calls (by a holder not under the caller's lock).
            None => claim(dir, name, id),
        },
        Err(e) => Err(e),
    }
}

/// Points `name` at `id` in one step, over a stale claim (made beside it, then renamed over).
pub fn replace(dir: &Path, name: &str, id: &str) -> io::Result<()> {
    let tmp = scratch::temp_path(dir, "claim");
    symlink(id, &tmp)?;
    fs::rename(&tmp, dir.join(name)).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// Removes `name`'s claim if `id` holds it (another id's claim of the name stays).
pub fn release(dir: &Path, name: &str, id: &str) -> io::Result<()> {
    if holder(dir, name)?.as_deref() != Some(id) {
        return Ok(());
    }
    match fs::remove_file(dir.join(name)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Every claim: (name, id). Temp names of [`replace`] are left out.
pub fn all(dir: &Path) -> io::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        let Some(name) = name.to_str().filter(|n| !n.starts_with(scratch::PREFIX)) else {
            continue;
        };
        if let Some(id) = holder(dir, name)? {
            out.push((name.to_string(), id));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_claimed_once_and_released_only_by_its_holder() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(claim(d, "web", "aaa").unwrap(), None);
        assert_eq!(claim(d, "web", "aaa").unwrap(), None, "a retried claim");
        assert_eq!(claim(d, "web", "bbb").unwrap(), Some("aaa".into()));
        release(d, "web", "bbb").unwrap();
        assert_eq!(holder(d, "web").unwrap(), Some("aaa".into()));
        replace(d, "web", "bbb").unwrap();
        assert_eq!(holder(d, "web").unwrap(), Some("bbb".into()));
        assert_eq!(all(d).unwrap(), vec![("web".into(), "bbb".into())]);
        release(d, "web", "bbb").unwrap();
        assert_eq!(holder(d, "web").unwrap(), None);
        assert!(all(d).unwrap().is_empty());
    }

    #[test]
    fn racing_claims_of_one_name_have_one_winner() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_path_buf();
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let d = d.clone();
                std::thread::spawn(move || claim(&d, "db", &format!("id{i}")).unwrap().is_none())
            })
            .collect();
        let winners = threads
            .into_iter()
            .map(|t| t.join().unwrap())
            .filter(|won| *won)
            .count();
        assert_eq!(winners, 1);
    }
}
