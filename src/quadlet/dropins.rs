//! Drop-ins: `*.conf` files in `.d` directories merged into a quadlet file, as systemd merges
//! a unit's. For `web-api@blue.container` the directories are, most general first:
//! `container.d` (every .container file), `web-.container.d` (every name starting `web-`),
//! `web-api@.container.d` (every instance of the template), `web-api@blue.container.d`. A
//! file in a more specific directory replaces one of the same name in a more general one; in
//! directories of one name, the first search directory's wins. The files are merged in the
//! order of their names.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The drop-in directory names for `stem.extension`, most general first.
pub fn dir_names(stem: &str, extension: &str) -> Vec<String> {
    let mut names = vec![format!("{extension}.d")];
    let (base, instance) = match stem.split_once('@') {
        Some((base, instance)) => (base, Some(instance)),
        None => (stem, None),
    };
    // `a-b-c` → `a-`, `a-b-` (the whole name comes last, below).
    for (i, _) in base.match_indices('-') {
        names.push(format!("{}.{extension}.d", &base[..=i]));
    }
    if let Some(instance) = instance {
        names.push(format!("{base}@.{extension}.d"));
        if !instance.is_empty() {
            names.push(format!("{stem}.{extension}.d"));
        }
    } else {
        names.push(format!("{stem}.{extension}.d"));
    }
    names
}

/// The drop-in files that apply, in the order they are merged. `roots` are the directories
/// the drop-in directories are looked for in, highest priority first.
pub fn files(roots: &[PathBuf], stem: &str, extension: &str) -> Vec<PathBuf> {
    let mut by_name: BTreeMap<String, PathBuf> = BTreeMap::new();
    for dir_name in dir_names(stem, extension) {
        let mut here: BTreeMap<String, PathBuf> = BTreeMap::new();
        for root in roots {
            for (name, path) in confs(&root.join(&dir_name)) {
                here.entry(name).or_insert(path);
            }
        }
        by_name.extend(here);
    }
    by_name.into_values().collect()
}

/// The `*.conf` files of a directory, by name.
fn confs(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "conf") && p.is_file())
        .filter_map(|p| Some((p.file_name()?.to_str()?.to_string(), p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_run_from_the_type_to_the_instance() {
        assert_eq!(
            dir_names("web-api-v2", "container"),
            [
                "container.d",
                "web-.container.d",
                "web-api-.container.d",
                "web-api-v2.container.d"
            ]
        );
        assert_eq!(
            dir_names("web@blue", "container"),
            ["container.d", "web@.container.d", "web@blue.container.d"]
        );
        assert_eq!(
            dir_names("web@", "container"),
            ["container.d", "web@.container.d"]
        );
        assert_eq!(dir_names("data", "volume"), ["volume.d", "data.volume.d"]);
    }

    #[test]
    fn the_most_specific_file_of_a_name_wins_then_the_first_root() {
        let tmp = tempfile::tempdir().unwrap();
        let (user, admin) = (tmp.path().join("user"), tmp.path().join("admin"));
        let put = |root: &Path, dir: &str, name: &str| {
            fs::create_dir_all(root.join(dir)).unwrap();
            fs::write(root.join(dir).join(name), "").unwrap();
        };
        put(&admin, "container.d", "10-all.conf");
        put(&admin, "container.d", "50-x.conf");
        put(&user, "web@.container.d", "50-x.conf");
        put(&admin, "web@blue.container.d", "20-blue.conf");
        put(&user, "web@blue.container.d", "20-blue.conf");
        put(&user, "web@blue.container.d", "notes.txt");
        let got = files(&[user.clone(), admin.clone()], "web@blue", "container");
        assert_eq!(
            got,
            [
                admin.join("container.d/10-all.conf"),
                user.join("web@blue.container.d/20-blue.conf"),
                user.join("web@.container.d/50-x.conf"),
            ]
        );
    }
}
