//! The user's installed quadlet files (`quadlet install`, `list`, `print`, `rm`): files copied
//! into the first search directory. An application (a directory, a `.quadlets` file, or a
//! quadlet file with files of its own) lives in a subdirectory of its name there, so removing
//! one of its files removes the whole application, as podman does.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::QuadletError;

/// podman's quadlet extensions and the service each becomes (`web.pod` → `web-pod.service`).
const EXTENSIONS: [(&str, &str); 8] = [
    ("container", ""),
    ("volume", "-volume"),
    ("network", "-network"),
    ("image", "-image"),
    ("build", "-build"),
    ("pod", "-pod"),
    ("kube", ""),
    ("artifact", "-artifact"),
];

/// The unit a quadlet file's name becomes; None for a file that is not one.
pub fn unit_name(file_name: &str) -> Option<String> {
    let (stem, extension) = file_name.rsplit_once('.')?;
    let (_, suffix) = EXTENSIONS.iter().find(|(e, _)| *e == extension)?;
    Some(format!("{stem}{suffix}.service"))
}

/// One quadlet file of the search path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    pub name: String,
    pub unit: String,
    pub path: PathBuf,
    /// The application it came with: the subdirectory of the search directory it is in.
    pub app: Option<String>,
}

/// Every quadlet file of the search path, the first directory's winning for a name.
pub fn list(dirs: &[PathBuf]) -> Vec<Installed> {
    let mut out: Vec<Installed> = Vec::new();
    for dir in dirs {
        let mut found = Vec::new();
        super::walk(dir, &mut found);
        for path in found {
            let Some(name) = path.file_name().and_then(|n| n.to_str()).map(String::from) else {
                continue;
            };
            let Some(unit) = unit_name(&name) else {
                continue;
            };
            if out.iter().any(|i| i.name == name) {
                continue;
            }
            let app = path
                .strip_prefix(dir)
                .ok()
                .and_then(|rel| rel.components().next())
                .filter(|_| path.parent() != Some(dir.as_path()))
                .map(|c| c.as_os_str().to_string_lossy().into_owned());
            out.push(Installed {
                name,
                unit,
                path,
                app,
            });
        }
    }
    out
}

/// What `install` writes: (path under the install directory, content).
pub type Plan = Vec<(PathBuf, Vec<u8>)>;

/// Reads what `sources` install and where, before anything is written: a directory (an
/// application of its name), a `.quadlets` file (an application of its stem, one file per
/// `# FileName=` part), or a quadlet file followed by files of its own (an application of its
/// stem when there are any).
pub fn plan_install(dir: &Path, sources: &[PathBuf]) -> Result<Plan, QuadletError> {
    let Some(first) = sources.first() else {
        return Err(QuadletError::Install {
            path: PathBuf::new(),
            why: "nothing to install".into(),
        });
    };
    let failed = |path: &Path, why: &str| QuadletError::Install {
        path: path.to_path_buf(),
        why: why.to_string(),
    };
    let text = first.to_string_lossy();
    if text.starts_with("http://") || text.starts_with("https://") {
        return Err(failed(
            first,
            "rpod installs quadlet files from local paths only",
        ));
    }
    let read = |path: &Path| {
        fs::read(path).map_err(|source| QuadletError::Read {
            path: path.to_path_buf(),
            source,
        })
    };
    let file_name = |path: &Path| {
        path.file_name()
            .and_then(|n| n.to_str())
            .map(String::from)
            .ok_or_else(|| failed(path, "has no file name"))
    };
    if first.is_dir() {
        if sources.len() > 1 {
            return Err(failed(first, "an application directory is installed alone"));
        }
        let app = file_name(first)?;
        let mut plan = Vec::new();
        let mut entries: Vec<PathBuf> = fs::read_dir(first)
            .map_err(|source| QuadletError::Read {
                path: first.clone(),
                source,
            })?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        entries.sort();
        for path in entries {
            plan.push((dir.join(&app).join(file_name(&path)?), read(&path)?));
        }
        if !plan
            .iter()
            .any(|(p, _)| unit_name(&p.to_string_lossy()).is_some())
        {
            return Err(failed(first, "holds no quadlet file"));
        }
        return Ok(plan);
    }
    let name = file_name(first)?;
    if let Some(app) = name.strip_suffix(".quadlets") {
        if sources.len() > 1 {
            return Err(failed(first, "a .quadlets file is installed alone"));
        }
        let text = String::from_utf8(read(first)?).map_err(|_| failed(first, "is not UTF-8"))?;
        return split_quadlets(&text)
            .map_err(|why| failed(first, &why))
            .map(|parts| {
                parts
                    .into_iter()
                    .map(|(name, body)| (dir.join(app).join(name), body.into_bytes()))
                    .collect()
            });
    }
    if unit_name(&name).is_none() {
        return Err(failed(
            first,
            "is not a quadlet file (.container, .volume, .network, .image, .build, .pod, .kube)",
        ));
    }
    let target = match sources.len() {
        1 => dir.to_path_buf(),
        _ => dir.join(name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s)),
    };
    sources
        .iter()
        .map(|path| Ok((target.join(file_name(path)?), read(path)?)))
        .collect()
}

/// The parts of a `.quadlets` file, each named by its `# FileName=NAME` line and given the
/// extension of its section.
fn split_quadlets(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut parts = Vec::new();
    for (n, part) in text.split("\n---\n").enumerate() {
        let name = part
            .lines()
            .find_map(|l| l.trim().strip_prefix("# FileName="))
            .map(str::trim)
            .filter(|s| !s.is_empty() && !s.contains('/'))
            .ok_or_else(|| format!("part {} has no # FileName=NAME line", n + 1))?;
        let section = part
            .lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix('[').and_then(|l| l.strip_suffix(']')))
            .ok_or_else(|| format!("part {} ({name}) has no [Section]", n + 1))?;
        let extension = section.to_ascii_lowercase();
        if unit_name(&format!("{name}.{extension}")).is_none() {
            return Err(format!(
                "part {} ({name}): [{section}] is not a quadlet section",
                n + 1
            ));
        }
        let mut body = part.trim_start_matches('\n').to_string();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        parts.push((format!("{name}.{extension}"), body));
    }
    Ok(parts)
}

/// Writes a plan into the install directory `dir`. A quadlet whose name is installed already
/// is refused before anything is written: unless `replace`, and always when it is installed at
/// another place (in or out of an application), since one name makes one unit.
pub fn install(dir: &Path, plan: &Plan, replace: bool) -> Result<(), QuadletError> {
    let present = list(std::slice::from_ref(&dir.to_path_buf()));
    for (path, _) in plan {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let clash = present.iter().find(|q| q.name == name);
        let why = match clash {
            Some(q) if q.path != *path => format!(
                "a quadlet of that name is installed at {} (rpod quadlet rm it first)",
                q.path.display()
            ),
            Some(_) if !replace => {
                "a quadlet of that name is installed already (--replace overwrites it)".into()
            }
            _ if !replace && path.exists() => "the file exists (--replace overwrites it)".into(),
            _ => continue,
        };
        return Err(QuadletError::Install {
            path: path.clone(),
            why,
        });
    }
    for (path, content) in plan {
        let write = || -> std::io::Result<()> {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(path, content)
        };
        write().map_err(|source| QuadletError::Write {
            path: path.clone(),
            source,
        })?;
    }
    Ok(())
}

/// Removes an installed quadlet file of the install directory `dir`, or its whole
/// application; returns the quadlet files that went.
pub fn remove(dir: &Path, quadlet: &Installed) -> Result<Vec<String>, QuadletError> {
    let failed = |path: &Path| {
        let path = path.to_path_buf();
        move |source| QuadletError::Write { path, source }
    };
    match &quadlet.app {
        Some(app) => {
            let app_dir = dir.join(app);
            let names = list(std::slice::from_ref(&dir.to_path_buf()))
                .into_iter()
                .filter(|i| i.app.as_deref() == Some(app))
                .map(|i| i.name)
                .collect();
            fs::remove_dir_all(&app_dir).map_err(failed(&app_dir))?;
            Ok(names)
        }
        None => {
            fs::remove_file(&quadlet.path).map_err(failed(&quadlet.path))?;
            Ok(vec![quadlet.name.clone()])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names_follow_podman() {
        assert_eq!(unit_name("web.container").as_deref(), Some("web.service"));
        assert_eq!(unit_name("db.pod").as_deref(), Some("db-pod.service"));
        assert_eq!(
            unit_name("data.volume").as_deref(),
            Some("data-volume.service")
        );
        assert_eq!(unit_name("notes.txt"), None);
    }

    #[test]
    fn a_quadlets_file_splits_into_named_parts() {
        let parts = split_quadlets(
            "# FileName=web\n[Container]\nImage=busybox\n---\n# FileName=data\n[Volume]\n",
        )
        .unwrap();
        assert_eq!(parts[0].0, "web.container");
        assert_eq!(
            parts[1],
            ("data.volume".into(), "# FileName=data\n[Volume]\n".into())
        );
        assert!(
            split_quadlets("[Container]\nImage=x\n")
                .unwrap_err()
                .contains("no # FileName=NAME")
        );
        assert!(
            split_quadlets("# FileName=x\n[Frob]\n")
                .unwrap_err()
                .contains("not a quadlet section")
        );
    }
}
