//! `.volume`, `.network` and `.image` files: oneshot units that make the resource (`rpod
//! volume create --ignore`, `network create --ignore`, `image pull`), and the names containers
//! use when their `Volume=`, `Network=`, `Image=` or `Pod=` name such a file (or a `.build` or
//! `.pod` file, whose units are made in `build.rs` and `pod.rs`).

use std::collections::HashMap;
use std::path::Path;

use super::command::{self, Command, Map};
use super::error::QuadletError;
use super::unit_file::UnitFile;
use super::{Kind, KnowsFlag, Source, layout, words};

const VOLUME_KEYS: &[(&str, Map)] = &[
    ("Label", Map::Words("--label")),
    ("Driver", Map::One("--driver")),
];

const NETWORK_KEYS: &[(&str, Map)] = &[
    ("Subnet", Map::Each("--subnet")),
    ("Gateway", Map::Each("--gateway")),
    ("IPRange", Map::Each("--ip-range")),
    ("Internal", Map::Switch("--internal")),
    ("Driver", Map::One("--driver")),
    ("DNS", Map::Each("--dns")),
    ("DisableDNS", Map::Switch("--disable-dns")),
    ("IPv6", Map::Switch("--ipv6")),
    ("Label", Map::Words("--label")),
    ("Options", Map::Each("--opt")),
];

const IMAGE_KEYS: &[(&str, Map)] = &[
    ("AllTags", Map::Switch("--all-tags")),
    ("Arch", Map::One("--arch")),
    ("AuthFile", Map::One("--authfile")),
    ("Creds", Map::One("--creds")),
    ("OS", Map::One("--os")),
    ("TLSVerify", Map::Bool("--tls-verify")),
    ("Variant", Map::One("--variant")),
];

/// The names the resources of the search path get.
#[derive(Debug, Default)]
pub struct Names {
    /// (kind, file name like `data.volume`) → (resource name, its unit).
    by_file: HashMap<(ResourceKind, String), (Option<String>, String)>,
    /// `web.pod` → the units of the containers whose `Pod=` names it.
    members: HashMap<String, Vec<String>>,
}

/// The kinds of quadlet file that make one resource with a oneshot unit; containers have their
/// own generator, so they have no place here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResourceKind {
    Volume,
    Network,
    Image,
    Build,
    Pod,
}

impl ResourceKind {
    pub fn of(kind: Kind) -> Option<ResourceKind> {
        match kind {
            Kind::Volume => Some(ResourceKind::Volume),
            Kind::Network => Some(ResourceKind::Network),
            Kind::Image => Some(ResourceKind::Image),
            Kind::Build => Some(ResourceKind::Build),
            Kind::Pod => Some(ResourceKind::Pod),
            Kind::Container => None,
        }
    }
}

impl Names {
    pub fn of<'f>(sources: impl Iterator<Item = (Kind, &'f str, &'f UnitFile, &'f Path)>) -> Names {
        let mut names = Names::default();
        for (any_kind, stem, file, _) in sources {
            let Some(kind) = ResourceKind::of(any_kind) else {
                // A template's instances cannot be named here: only plain units join a pod.
                let pod = file.section("Container").and_then(|s| s.last("Pod"));
                if let Some(pod) = pod.filter(|_| !stem.contains('@')) {
                    names
                        .members
                        .entry(pod.to_string())
                        .or_default()
                        .push(any_kind.service(stem));
                }
                continue;
            };
            let (extension, group, key) = match kind {
                ResourceKind::Volume => ("volume", "Volume", "VolumeName"),
                ResourceKind::Network => ("network", "Network", "NetworkName"),
                ResourceKind::Image => ("image", "Image", "ImageTag"),
                ResourceKind::Build => ("build", "Build", "ImageTag"),
                ResourceKind::Pod => ("pod", "Pod", "PodName"),
            };
            let section = file.section(group);
            let own = section.and_then(|s| s.last(key)).map(String::from);
            let name = match kind {
                ResourceKind::Image => {
                    own.or_else(|| section.and_then(|s| s.last("Image")).map(String::from))
                }
                // podman's rule: the first of several tags names the image for its users.
                ResourceKind::Build => section
                    .and_then(|s| s.all(key).first().copied())
                    .map(String::from),
                _ => Some(own.unwrap_or_else(|| format!("systemd-{stem}"))),
            };
            names.by_file.insert(
                (kind, format!("{stem}.{extension}")),
                (name, any_kind.service(stem)),
            );
        }
        names
    }

    /// A `Network=` value (`app.network:alias=www`) as `--network` takes it, the network file
    /// named by its resource's name; its unit joins `needs`.
    pub fn network_value(
        &self,
        value: &str,
        path: &Path,
        needs: &mut Vec<String>,
    ) -> Result<String, QuadletError> {
        let (mode, options) = match value.split_once(':') {
            Some((mode, options)) => (mode, Some(options)),
            None => (value, None),
        };
        let mode = match self.resolve(ResourceKind::Network, mode, path, "Network")? {
            Some((name, unit)) => {
                needs.push(unit);
                name
            }
            None => mode.to_string(),
        };
        Ok(match options {
            Some(options) => format!("{mode}:{options}"),
            None => mode,
        })
    }

    /// The units of the containers of the pod that `file` (`web.pod`) makes.
    pub fn members_of(&self, file: &str) -> &[String] {
        self.members
            .get(file)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// What `reference` (`data.volume`) stands for and the unit that makes it; None when it
    /// names no such file (then it is a plain name).
    pub fn resolve(
        &self,
        kind: ResourceKind,
        reference: &str,
        path: &Path,
        key: &str,
    ) -> Result<Option<(String, String)>, QuadletError> {
        let extension = match kind {
            ResourceKind::Volume => ".volume",
            ResourceKind::Network => ".network",
            ResourceKind::Image => ".image",
            ResourceKind::Build => ".build",
            ResourceKind::Pod => ".pod",
        };
        if !reference.ends_with(extension) {
            return Ok(None);
        }
        match self.by_file.get(&(kind, reference.to_string())) {
            Some((Some(name), unit)) => Ok(Some((name.clone(), unit.clone()))),
            Some((None, _)) => Err(QuadletError::invalid(
                path,
                key,
                reference,
                match kind {
                    ResourceKind::Build => "that file has no ImageTag=",
                    _ => "that file has no Image=",
                },
            )),
            None => Err(QuadletError::invalid(
                path,
                key,
                reference,
                "no such quadlet file in the search path",
            )),
        }
    }
}

pub fn unit(
    kind: ResourceKind,
    source: &Source,
    names: &Names,
    rpod: &str,
    knows: KnowsFlag,
) -> Result<UnitFile, QuadletError> {
    let path = source.path.as_path();
    let (group, verb, table, name_key): (_, &'static [&'static str], _, _) = match kind {
        ResourceKind::Volume => ("Volume", &["volume", "create"], VOLUME_KEYS, "VolumeName"),
        ResourceKind::Network => (
            "Network",
            &["network", "create"],
            NETWORK_KEYS,
            "NetworkName",
        ),
        ResourceKind::Image => ("Image", &["image", "pull"], IMAGE_KEYS, "ImageTag"),
        ResourceKind::Build => return super::build::unit(source, names, rpod, knows),
        ResourceKind::Pod => return super::pod::unit(source, names, rpod, knows),
    };
    let section = source.file.section(group).ok_or(QuadletError::NoSection {
        path: path.to_path_buf(),
        group,
    })?;
    let mut extra_keys = vec![name_key, "PodmanArgs", "GlobalArgs"];
    if kind == ResourceKind::Image {
        extra_keys.push("Image");
    }
    if kind == ResourceKind::Network {
        extra_keys.push("NetworkDeleteOnStop");
    }
    command::check_keys(path, section, table, &extra_keys)?;
    let global = section.last("GlobalArgs");
    let mut command = Command::new(path, knows, global, verb)?;
    // A volume or network that exists (made by hand, or by the last boot) is fine.
    if kind != ResourceKind::Image {
        command.switch(group, "--ignore")?;
    }
    for (key, map) in table {
        command.apply(key, map, &section.all(key))?;
    }
    command.extra(&section.all("PodmanArgs"))?;
    let resource = match kind {
        ResourceKind::Image => {
            section
                .last("Image")
                .map(String::from)
                .ok_or(QuadletError::Missing {
                    path: path.to_path_buf(),
                    key: "Image",
                })?
        }
        _ => section
            .last(name_key)
            .map(String::from)
            .unwrap_or_else(|| format!("systemd-{}", source.stem)),
    };
    command.word(resource.clone());
    let mut service = vec![
        ("Type", "oneshot".to_string()),
        ("RemainAfterExit", "yes".to_string()),
        ("ExecStart", command.render(rpod)),
        ("SyslogIdentifier", "%N".to_string()),
    ];
    if let Some(value) = section.last("NetworkDeleteOnStop") {
        let delete = words::boolean(value)
            .map_err(|why| QuadletError::invalid(path, "NetworkDeleteOnStop", value, why))?;
        if delete {
            let mut remove = Command::new(path, knows, global, &["network", "rm"])?;
            remove.word(resource);
            service.push(("ExecStopPost", format!("-{}", remove.render(rpod))));
        }
    }
    Ok(layout::unit(&source.file, group, path, service))
}
