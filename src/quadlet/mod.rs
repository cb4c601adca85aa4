//! quadlet: `.container`, `.volume`, `.network`, `.image`, `.build` and `.pod` files (podman's format, read from
//! the same directories) turned into systemd units that run rpod. The rpod binary is the
//! systemd generator (linked as `/etc/systemd/user-generators/rpod-user-generator` by an
//! administrator); a user without root writes the units into `~/.config/systemd/user` with
//! `rpod quadlet generate DIR`; `--dryrun` prints them.
//!
//! Nothing here touches the store: a generator runs while systemd (re)loads, before any user
//! service, and must only read files and write units.

mod build;
mod command;
mod container;
mod dropins;
mod error;
pub mod installed;
mod layout;
mod pod;
mod resources;
pub mod systemd;
mod unit_file;
mod words;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

pub use error::QuadletError;
use unit_file::UnitFile;

/// Whether rpod's command line has `flag` on the verb `path` (`["run"]`, `["volume",
/// "create"]`): a key whose flag rpod lacks fails its file at generation, not at start.
pub type KnowsFlag<'a> = &'a dyn Fn(&[&str], &str) -> bool;

pub struct Request<'a> {
    /// Where quadlet files are looked for, first match of a file name wins.
    pub dirs: Vec<PathBuf>,
    /// The rpod binary the units run.
    pub rpod: PathBuf,
    pub knows: KnowsFlag<'a>,
}

/// One generated unit and the links that stand for its `[Install]` section (generated
/// units cannot be enabled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub name: String,
    pub text: String,
    /// (link path relative to the output directory, what it points at).
    pub links: Vec<(PathBuf, String)>,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub units: Vec<Unit>,
    /// Files that made no unit, each with the reason; the others are still generated.
    pub failures: Vec<QuadletError>,
}

/// podman's search path: rootless users' own directory, then the administrator's for every
/// user and for this uid; the system generator's when not `user`.
pub fn search_dirs(user: bool, config_home: &Path, uid: u32) -> Vec<PathBuf> {
    if user {
        vec![
            config_home.join("containers/systemd"),
            PathBuf::from(format!("/etc/containers/systemd/users/{uid}")),
            PathBuf::from("/etc/containers/systemd/users"),
        ]
    } else {
        ["/run", "/etc", "/usr/share"]
            .iter()
            .map(|root| Path::new(root).join("containers/systemd"))
            .collect()
    }
}

/// A quadlet file found in the search path.
struct Source {
    path: PathBuf,
    /// `web` of `web.container`.
    stem: String,
    kind: Kind,
    file: UnitFile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Container,
    Volume,
    Network,
    Image,
    Build,
    Pod,
}

impl Kind {
    fn of(extension: &str) -> Option<Kind> {
        Some(match extension {
            "container" => Kind::Container,
            "volume" => Kind::Volume,
            "network" => Kind::Network,
            "image" => Kind::Image,
            "build" => Kind::Build,
            "pod" => Kind::Pod,
            _ => return None,
        })
    }

    /// podman's names: `web.container` → `web.service`, `data.volume` → `data-volume.service`.
    fn service(self, stem: &str) -> String {
        match self {
            Kind::Container => format!("{stem}.service"),
            Kind::Volume => format!("{stem}-volume.service"),
            Kind::Network => format!("{stem}-network.service"),
            Kind::Image => format!("{stem}-image.service"),
            Kind::Build => format!("{stem}-build.service"),
            Kind::Pod => format!("{stem}-pod.service"),
        }
    }
}

/// Extensions of podman's quadlet that rpod does not turn into units yet.
const NOT_YET: [(&str, &str); 2] = [
    ("kube", "kube play is not supported yet (#20)"),
    ("artifact", "artifacts are not supported by rpod"),
];

pub fn generate(request: &Request) -> Outcome {
    let mut outcome = Outcome::default();
    let mut sources = Vec::new();
    for path in find(&request.dirs) {
        match read(&path, &request.dirs) {
            Ok(Some(source)) => sources.push(source),
            Ok(None) => {}
            Err(e) => outcome.failures.push(e),
        }
    }
    let names = resources::Names::of(
        sources
            .iter()
            .map(|s| (s.kind, s.stem.as_str(), &s.file, s.path.as_path())),
    );
    let rpod = request.rpod.display().to_string();
    for source in &sources {
        let made = match resources::ResourceKind::of(source.kind) {
            Some(kind) => resources::unit(kind, source, &names, &rpod, request.knows),
            None => container::unit(&source.file, &source.path, &names, &rpod, request.knows),
        };
        match made.and_then(|file| finish(source, file)) {
            Ok(unit) => outcome.units.push(unit),
            Err(e) => outcome.failures.push(e),
        }
    }
    outcome
}

/// Files of the search path by name, the first directory's winning; subdirectories too.
fn find(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut by_name: BTreeMap<String, PathBuf> = BTreeMap::new();
    for dir in dirs {
        let mut found = Vec::new();
        walk(dir, &mut found);
        for path in found {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            if let Some(name) = name {
                by_name.entry(name).or_insert(path);
            }
        }
    }
    by_name.into_values().collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The file's source with its drop-ins merged, None for a file quadlet does not read (another
/// extension).
fn read(path: &Path, dirs: &[PathBuf]) -> Result<Option<Source>, QuadletError> {
    let (Some(stem), Some(extension)) = (
        path.file_stem().and_then(|s| s.to_str()),
        path.extension().and_then(|s| s.to_str()),
    ) else {
        return Ok(None);
    };
    if let Some((_, why)) = NOT_YET.iter().find(|(ext, _)| *ext == extension) {
        return Err(QuadletError::NotYet {
            path: path.to_path_buf(),
            why,
        });
    }
    let Some(kind) = Kind::of(extension) else {
        return Ok(None);
    };
    if stem.contains('@') && kind != Kind::Container {
        return Err(QuadletError::NotYet {
            path: path.to_path_buf(),
            why: "only .container files can be templates (NAME@.container)",
        });
    }
    let mut file = parse(path)?;
    // The file's own directory first: it may be a subdirectory of a search directory.
    let roots: Vec<PathBuf> = path
        .parent()
        .map(Path::to_path_buf)
        .into_iter()
        .chain(dirs.iter().cloned())
        .collect();
    for drop_in in dropins::files(&roots, stem, extension) {
        file.merge(parse(&drop_in)?);
    }
    Ok(Some(Source {
        path: path.to_path_buf(),
        stem: stem.to_string(),
        kind,
        file,
    }))
}

fn parse(path: &Path) -> Result<UnitFile, QuadletError> {
    let text = fs::read_to_string(path).map_err(|source| QuadletError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    UnitFile::parse(&text).map_err(|e| QuadletError::Syntax {
        path: path.to_path_buf(),
        line: e.line,
        text: e.text,
    })
}

/// The unit's name and text, and the links its `[Install]` section asks for.
fn finish(source: &Source, file: UnitFile) -> Result<Unit, QuadletError> {
    let name = source.kind.service(&source.stem);
    let mut links = Vec::new();
    // A template (`web@.container`) is enabled only through its DefaultInstance: the links
    // name that instance and lead to the template.
    let enabled = match source.stem.strip_suffix('@') {
        None => Some(name.clone()),
        Some(base) => file
            .section("Install")
            .and_then(|i| i.last("DefaultInstance"))
            .map(|instance| source.kind.service(&format!("{base}@{instance}"))),
    };
    if let (Some(install), Some(enabled)) = (file.section("Install"), enabled) {
        for (key, dir) in [
            ("WantedBy", "wants"),
            ("RequiredBy", "requires"),
            ("UpheldBy", "upholds"),
        ] {
            for value in install.all(key) {
                for target in words::split(value)
                    .map_err(|why| QuadletError::invalid(&source.path, key, value, why))?
                {
                    links.push((
                        PathBuf::from(format!("{target}.{dir}")).join(&enabled),
                        format!("../{name}"),
                    ));
                }
            }
        }
        for value in install.all("Alias") {
            for alias in words::split(value)
                .map_err(|why| QuadletError::invalid(&source.path, "Alias", value, why))?
            {
                links.push((PathBuf::from(alias), name.clone()));
            }
        }
    }
    Ok(Unit {
        name,
        text: file.render(),
        links,
    })
}

/// Writes the units and their links into systemd's generator directory.
pub fn write(dir: &Path, units: &[Unit]) -> Result<(), QuadletError> {
    let failed = |path: &Path| {
        let path = path.to_path_buf();
        move |source| QuadletError::Write { path, source }
    };
    for unit in units {
        let path = dir.join(&unit.name);
        fs::write(&path, &unit.text).map_err(failed(&path))?;
        for (link, target) in &unit.links {
            let link = dir.join(link);
            if let Some(parent) = link.parent() {
                fs::create_dir_all(parent).map_err(failed(parent))?;
            }
            let _ = fs::remove_file(&link);
            std::os::unix::fs::symlink(target, &link).map_err(failed(&link))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
