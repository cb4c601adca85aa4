//! `.build` files: a oneshot unit that builds an image from a Containerfile (`rpod build`),
//! named by its first `ImageTag=` for the containers whose `Image=` names the file.

use std::path::{Path, PathBuf};

use super::command::{self, Command, Map};
use super::error::QuadletError;
use super::resources::{Names, ResourceKind};
use super::unit_file::UnitFile;
use super::{KnowsFlag, Source, layout};

/// podman's `[Build]` keys and the flags they stand for; a key whose flag rpod's `build`
/// lacks fails its file when the units are generated.
const KEYS: &[(&str, Map)] = &[
    ("Annotation", Map::Each("--annotation")),
    ("Arch", Map::Prefixed("--platform", "linux/")),
    ("AuthFile", Map::One("--authfile")),
    ("BuildArg", Map::Words("--build-arg")),
    ("ContainersConfModule", Map::Each("--module")),
    ("DNS", Map::Each("--dns")),
    ("DNSOption", Map::Each("--dns-option")),
    ("DNSSearch", Map::Each("--dns-search")),
    ("Environment", Map::Words("--env")),
    ("ForceRM", Map::Bool("--force-rm")),
    ("GroupAdd", Map::Each("--group-add")),
    ("IgnoreFile", Map::One("--ignorefile")),
    ("ImageTag", Map::Each("--tag")),
    ("Label", Map::Words("--label")),
    ("Pull", Map::Joined("--pull")),
    ("Retry", Map::One("--retry")),
    ("RetryDelay", Map::One("--retry-delay")),
    ("Secret", Map::Each("--secret")),
    ("Target", Map::One("--target")),
    ("TLSVerify", Map::Bool("--tls-verify")),
    ("Variant", Map::One("--variant")),
    ("Volume", Map::Each("--volume")),
];

/// Keys this module reads itself.
const OWN_KEYS: [&str; 5] = [
    "File",
    "Network",
    "SetWorkingDirectory",
    "PodmanArgs",
    "GlobalArgs",
];

pub fn unit(
    source: &Source,
    names: &Names,
    rpod: &str,
    knows: KnowsFlag,
) -> Result<UnitFile, QuadletError> {
    let path = source.path.as_path();
    let section = source
        .file
        .section("Build")
        .ok_or(QuadletError::NoSection {
            path: path.to_path_buf(),
            group: "Build",
        })?;
    command::check_keys(path, section, KEYS, &OWN_KEYS)?;
    if section.all("ImageTag").is_empty() {
        return Err(QuadletError::Missing {
            path: path.to_path_buf(),
            key: "ImageTag",
        });
    }
    let file = section.last("File");
    let context = context(path, section.last("SetWorkingDirectory"), file)?;
    let mut command = Command::new(path, knows, section.last("GlobalArgs"), &["build"])?;
    for (key, map) in KEYS {
        command.apply(key, map, &section.all(key))?;
    }
    let mut needs = Vec::new();
    let networks = section.all("Network");
    if networks.len() > 1 {
        return Err(QuadletError::invalid(
            path,
            "Network",
            networks[1],
            "rpod build's RUN steps take one network",
        ));
    }
    for network in networks {
        let network = match names.resolve(ResourceKind::Network, network, path, "Network")? {
            Some((name, unit)) => {
                needs.push(unit);
                name
            }
            None => network.to_string(),
        };
        command.flag("Network", "--network", &network)?;
    }
    if let Some(file) = file {
        // A relative Containerfile is the context's, as it is for `rpod build` run there.
        let file = context.directory.join(file);
        command.flag("File", "--file", &file.display().to_string())?;
    }
    command.extra(&section.all("PodmanArgs"))?;
    let mut service = vec![
        ("Type", "oneshot".to_string()),
        ("RemainAfterExit", "yes".to_string()),
    ];
    let directory = context.directory.display().to_string();
    let own = source.file.section("Service");
    if context.sets_working_directory && own.is_none_or(|s| s.last("WorkingDirectory").is_none()) {
        service.push(("WorkingDirectory", directory.clone()));
    }
    command.word(directory);
    service.push(("ExecStart", command.render(rpod)));
    service.push(("SyslogIdentifier", "%N".to_string()));
    let mut unit = layout::unit(&source.file, "Build", path, service);
    layout::depend(&mut unit, &needs);
    Ok(unit)
}

/// The build's context directory, from `SetWorkingDirectory=`.
struct Context {
    directory: PathBuf,
    /// `file` and `unit` set the service's working directory too (podman's rule); a path
    /// does not.
    sets_working_directory: bool,
}

fn context(
    unit_path: &Path,
    value: Option<&str>,
    file: Option<&str>,
) -> Result<Context, QuadletError> {
    let unit_dir = unit_path.parent().unwrap_or(Path::new("/"));
    let invalid =
        |key: &str, value: &str, why: &str| QuadletError::invalid(unit_path, key, value, why);
    let absolute_file = file.filter(|f| Path::new(f).is_absolute());
    let file_dir = |f: &str| {
        Path::new(f)
            .parent()
            .unwrap_or(Path::new("/"))
            .to_path_buf()
    };
    let (directory, sets_working_directory) = match (value, file) {
        (None, None) => {
            return Err(QuadletError::Missing {
                path: unit_path.to_path_buf(),
                key: "File",
            });
        }
        // Only a Containerfile: the files it copies are the ones beside it.
        (None, Some(file)) => match absolute_file {
            Some(file) => (file_dir(file), false),
            None => {
                return Err(invalid(
                    "File",
                    file,
                    "a relative File= needs SetWorkingDirectory= to say where it is",
                ));
            }
        },
        (Some("unit"), _) => (unit_dir.to_path_buf(), true),
        (Some("file"), _) => match absolute_file {
            Some(file) => (file_dir(file), true),
            None => {
                return Err(invalid(
                    "SetWorkingDirectory",
                    "file",
                    "needs an absolute File=",
                ));
            }
        },
        (Some(url), _) if url.contains("://") => {
            return Err(invalid(
                "SetWorkingDirectory",
                url,
                "rpod build takes a local directory as its context, not a URL",
            ));
        }
        // A relative directory is taken from the unit file's own, where the files it names are.
        (Some(directory), _) => (unit_dir.join(directory), false),
    };
    Ok(Context {
        directory,
        sets_working_directory,
    })
}
