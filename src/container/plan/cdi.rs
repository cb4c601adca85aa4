//! CDI devices (`--device vendor.com/class=name`, `--gpus all`): the edits a vendor's
//! Container Device Interface specification asks for, read from the spec directories and
//! turned into rpod's own mounts, variables and groups before anything runs.
//!
//! A rootless engine can carry out device nodes (binds of nodes the user may open), binds of
//! host files, variables and extra groups. Intel RDT and network devices need root, and a
//! spec's hooks are not yet carried into the container's OCI hooks (#16): a spec asking for
//! them is refused with the reason, never applied halfway.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::super::ContainerError;
use super::extra::{Access, GroupAdd, device_node};
use super::mounts::{MountDef, MountKind};
use crate::config::Config;

/// Where specifications live when rpod.toml names no directories, lowest priority first.
const DEFAULT_DIRS: [&str; 2] = ["/etc/cdi", "/var/run/cdi"];

/// `--gpus all`: podman's meaning, NVIDIA's CDI kind.
const GPU_KIND: &str = "nvidia.com/gpu";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Spec {
    cdi_version: String,
    kind: String,
    #[serde(default)]
    devices: Vec<SpecDevice>,
    #[serde(default)]
    container_edits: Edits,
    #[serde(default, rename = "annotations")]
    _annotations: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SpecDevice {
    name: String,
    #[serde(default)]
    container_edits: Edits,
    #[serde(default, rename = "annotations")]
    _annotations: BTreeMap<String, String>,
}

/// What a spec or one of its devices changes in the container.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Edits {
    #[serde(default)]
    env: Vec<String>,
    #[serde(default)]
    device_nodes: Vec<DeviceNode>,
    #[serde(default)]
    mounts: Vec<Mount>,
    #[serde(default)]
    additional_gids: Vec<u32>,
    #[serde(default)]
    hooks: Vec<serde_json::Value>,
    intel_rdt: Option<serde_json::Value>,
    #[serde(default)]
    net_devices: Vec<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DeviceNode {
    path: String,
    host_path: Option<String>,
    permissions: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    major: Option<i64>,
    minor: Option<i64>,
    file_mode: Option<u32>,
    uid: Option<u32>,
    gid: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Mount {
    host_path: String,
    container_path: String,
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    options: Vec<String>,
}

/// The CDI devices asked for, as rpod carries them out.
#[derive(Debug, Default, PartialEq)]
pub struct CdiEdits {
    /// Device nodes, then the binds of host files.
    pub mounts: Vec<MountDef>,
    /// `KEY=VALUE`, before the command line's own variables (which win).
    pub env: Vec<String>,
    pub groups: Vec<GroupAdd>,
}

/// Whether a `--device` value names a CDI device (`vendor.com/class=name`) rather than a
/// host path.
pub fn is_cdi_name(given: &str) -> bool {
    !given.starts_with('/') && given.contains('=')
}

fn invalid(given: &str, reason: impl Into<String>) -> ContainerError {
    ContainerError::invalid("--device", given, reason)
}

/// `vendor.com/class=name` → (kind, name), checked as the CDI specification spells them.
fn split_name(given: &str) -> Result<(&str, &str), ContainerError> {
    let bad = || {
        invalid(
            given,
            "expected a CDI device name vendor.com/class=name (or =all), or a host path",
        )
    };
    let (kind, name) = given.split_once('=').ok_or_else(bad)?;
    if !valid_kind(kind) || !valid_device_name(name) {
        return Err(bad());
    }
    Ok((kind, name))
}

fn valid_kind(kind: &str) -> bool {
    let Some((vendor, class)) = kind.split_once('/') else {
        return false;
    };
    let alnum_ends = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && s.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
    };
    alnum_ends(vendor)
        && vendor
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && alnum_ends(class)
        && class
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

fn valid_device_name(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.:-".contains(c))
}

/// The CDI devices among `--device` values, with `--gpus all`'s, resolved against the spec
/// directories; the other values are left for plain device binds.
pub fn resolve(names: &[&str], config: &Config) -> Result<CdiEdits, ContainerError> {
    if names.is_empty() {
        return Ok(CdiEdits::default());
    }
    let dirs: Vec<PathBuf> = match &config.devices.cdi_spec_dirs {
        Some(dirs) => dirs.clone(),
        None => DEFAULT_DIRS.iter().map(PathBuf::from).collect(),
    };
    let registry = Registry::load(&dirs)?;
    let mut out = CdiEdits::default();
    // A spec's own edits apply once however many of its devices are asked for.
    let mut specs_applied: Vec<&Path> = Vec::new();
    for given in names {
        let (kind, name) = split_name(given)?;
        let Some(found) = registry.kinds.get(kind) else {
            return Err(invalid(
                given,
                format!(
                    "no CDI specification of kind {kind} in {}",
                    shown_dirs(&dirs)
                ),
            ));
        };
        let devices: Vec<&SpecDevice> = if name == "all" {
            found.spec.devices.iter().collect()
        } else {
            found
                .spec
                .devices
                .iter()
                .filter(|d| d.name == name)
                .collect()
        };
        if devices.is_empty() {
            return Err(invalid(
                given,
                format!(
                    "{} defines no device {name:?} of kind {kind}",
                    found.file.display()
                ),
            ));
        }
        if !specs_applied.contains(&found.file.as_path()) {
            apply(&found.spec.container_edits, &found.file, given, &mut out)?;
            specs_applied.push(&found.file);
        }
        for device in devices {
            apply(&device.container_edits, &found.file, given, &mut out)?;
        }
    }
    Ok(out)
}

/// `--gpus`: podman's shorthand for every NVIDIA GPU its CDI specification describes.
pub fn gpus(given: &str) -> Result<String, ContainerError> {
    match given {
        "all" => Ok(format!("{GPU_KIND}=all")),
        _ => Err(ContainerError::invalid(
            "--gpus",
            given,
            format!("only \"all\" is understood; name single GPUs with --device {GPU_KIND}=INDEX"),
        )),
    }
}

fn shown_dirs(dirs: &[PathBuf]) -> String {
    dirs.iter()
        .map(|d| d.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn apply(
    edits: &Edits,
    file: &Path,
    given: &str,
    out: &mut CdiEdits,
) -> Result<(), ContainerError> {
    let refuse =
        |what: &str, why: &str| invalid(given, format!("{}: {what}: {why}", file.display()));
    if !edits.hooks.is_empty() {
        return Err(refuse(
            "hooks",
            "rpod does not yet take a CDI specification's hooks (#16); ask the vendor's tool \
             for a specification without hooks, or put the hook in a --hooks-dir file",
        ));
    }
    if edits.intel_rdt.is_some() {
        return Err(refuse("intelRdt", "Intel RDT needs root"));
    }
    if !edits.net_devices.is_empty() {
        return Err(refuse(
            "netDevices",
            "moving a host network interface into a container needs root",
        ));
    }
    for var in &edits.env {
        match var.split_once('=') {
            Some((key, _)) if !key.is_empty() => out.env.push(var.clone()),
            _ => return Err(refuse("env", &format!("{var:?} is not KEY=VALUE"))),
        }
    }
    for node in &edits.device_nodes {
        out.mounts
            .push(node_mount(node).map_err(|why| refuse(&node.path, &why))?);
    }
    for mount in &edits.mounts {
        out.mounts
            .push(bind(mount).map_err(|why| refuse(&mount.container_path, &why))?);
    }
    out.groups
        .extend(edits.additional_gids.iter().map(|g| GroupAdd::Gid(*g)));
    Ok(())
}

fn node_mount(node: &DeviceNode) -> Result<MountDef, String> {
    if node.uid.is_some() || node.gid.is_some() || node.file_mode.is_some() {
        return Err(
            "a bound device node keeps its host owner and mode: rootless rpod cannot set \
             uid, gid or fileMode"
                .into(),
        );
    }
    let host = node.host_path.as_deref().unwrap_or(&node.path);
    let meta = std::fs::metadata(host).map_err(|e| format!("{host}: {e}"))?;
    check_identity(node, &meta)?;
    let perms = node.permissions.as_deref().unwrap_or("rwm");
    device_node(host, &node.path, perms, Access::Required)
}

/// A type, major or minor number the spec gives must be the host node's: rpod binds the
/// host's node and cannot make another.
fn check_identity(node: &DeviceNode, meta: &std::fs::Metadata) -> Result<(), String> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let kind = if meta.file_type().is_block_device() {
        "b"
    } else {
        "c"
    };
    if let Some(want) = node.kind.as_deref().filter(|k| *k != kind && *k != "u") {
        return Err(format!(
            "the spec says type {want}, the host node is {kind}"
        ));
    }
    let rdev = meta.rdev();
    let (major, minor) = (
        i64::from(nix::sys::stat::major(rdev) as u32),
        i64::from(nix::sys::stat::minor(rdev) as u32),
    );
    if node.major.is_some_and(|m| m != major) || node.minor.is_some_and(|m| m != minor) {
        return Err(format!(
            "the spec gives device {}:{}, the host node is {major}:{minor}",
            node.major.map_or("*".into(), |m| m.to_string()),
            node.minor.map_or("*".into(), |m| m.to_string()),
        ));
    }
    Ok(())
}

fn bind(mount: &Mount) -> Result<MountDef, String> {
    if let Some(kind) = mount
        .kind
        .as_deref()
        .filter(|k| *k != "bind" && *k != "none")
    {
        return Err(format!(
            "mount type {kind:?}: rpod carries out only bind mounts from a CDI specification"
        ));
    }
    let mut readonly = false;
    for option in &mount.options {
        match option.as_str() {
            "ro" => readonly = true,
            "rw" => readonly = false,
            // Binds are recursive and private in rpod already; the rest are the defaults of a
            // bind in a user namespace (nosuid/nodev are inherited from the host's mount).
            "bind" | "rbind" | "private" | "rprivate" | "nosuid" | "nodev" => {}
            other => return Err(format!("mount option {other:?} is not supported")),
        }
    }
    if !mount.container_path.starts_with('/') {
        return Err("the container path must be absolute".into());
    }
    let source =
        std::fs::canonicalize(&mount.host_path).map_err(|e| format!("{}: {e}", mount.host_path))?;
    Ok(MountDef {
        kind: MountKind::Bind { source },
        target: mount.container_path.clone(),
        readonly,
    })
}

/// A spec file and what it says.
struct Found {
    file: PathBuf,
    spec: Spec,
}

/// Every specification in the directories, by kind; a later directory's replaces an earlier
/// one's of the same kind, and two of one kind in one directory are an error.
struct Registry {
    kinds: BTreeMap<String, Found>,
}

impl Registry {
    fn load(dirs: &[PathBuf]) -> Result<Registry, ContainerError> {
        let mut kinds = BTreeMap::new();
        for dir in dirs {
            let mut here: BTreeMap<String, Found> = BTreeMap::new();
            for file in spec_files(dir)? {
                let spec = read_spec(&file)?;
                if let Some(other) = here.get(&spec.kind) {
                    return Err(ContainerError::invalid(
                        "CDI specification",
                        file.display().to_string(),
                        format!(
                            "kind {} is also defined by {} in the same directory",
                            spec.kind,
                            other.file.display()
                        ),
                    ));
                }
                here.insert(spec.kind.clone(), Found { file, spec });
            }
            kinds.extend(here);
        }
        Ok(Registry { kinds })
    }
}

fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, ContainerError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(ContainerError::io("read CDI directory", dir)(e)),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    files.sort();
    Ok(files)
}

fn read_spec(file: &Path) -> Result<Spec, ContainerError> {
    let text = std::fs::read_to_string(file)
        .map_err(ContainerError::io("read CDI specification", file))?;
    let bad =
        |why: String| ContainerError::invalid("CDI specification", file.display().to_string(), why);
    let spec: Spec = if file.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?
    } else {
        serde_yaml_ng::from_str(&text).map_err(|e| bad(e.to_string()))?
    };
    let major_minor = spec
        .cdi_version
        .split('.')
        .take(2)
        .map(str::parse::<u32>)
        .collect::<Result<Vec<_>, _>>();
    if !matches!(major_minor.as_deref(), Ok([0, 3..=8])) {
        return Err(bad(format!(
            "cdiVersion {:?}: rpod reads versions 0.3.0 to 0.8.0",
            spec.cdi_version
        )));
    }
    if !valid_kind(&spec.kind) {
        return Err(bad(format!(
            "kind {:?}: expected vendor.com/class",
            spec.kind
        )));
    }
    if let Some(d) = spec.devices.iter().find(|d| !valid_device_name(&d.name)) {
        return Err(bad(format!("device name {:?} is not valid", d.name)));
    }
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_told_from_paths_and_checked() {
        assert!(is_cdi_name("vendor.com/gpu=0"));
        assert!(!is_cdi_name("/dev/fuse"));
        assert!(!is_cdi_name("/dev/a=b"));
        assert_eq!(
            split_name("nvidia.com/gpu=all").unwrap(),
            ("nvidia.com/gpu", "all")
        );
        assert_eq!(
            split_name("a.b/c_d=GPU-1:0").unwrap(),
            ("a.b/c_d", "GPU-1:0")
        );
        for bad in [
            "gpu=0",
            "vendor.com/=0",
            "vendor.com/gpu=",
            "vendor.com/gpu/x=0",
            "-v.com/g=0",
        ] {
            assert!(split_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn gpus_all_is_nvidias_kind() {
        assert_eq!(gpus("all").unwrap(), "nvidia.com/gpu=all");
        assert!(gpus("2").is_err());
    }

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join(name), text).unwrap();
    }

    fn config(dirs: &[&Path]) -> Config {
        let mut c = Config::default();
        c.devices.cdi_spec_dirs = Some(dirs.iter().map(|d| d.to_path_buf()).collect());
        c
    }

    #[test]
    fn a_device_brings_its_own_and_its_specs_edits_once() {
        let tmp = tempfile::tempdir().unwrap();
        let lib = tmp.path().join("lib");
        std::fs::create_dir(&lib).unwrap();
        let spec = format!(
            r#"cdiVersion: "0.6.0"
kind: vendor.com/acc
containerEdits:
  env: [ACC_SPEC=1]
  mounts:
    - {{hostPath: {lib}, containerPath: /opt/acc, options: [ro, rbind]}}
devices:
  - name: a0
    containerEdits:
      env: [ACC=0]
      deviceNodes: [{{path: /dev/acc0, hostPath: /dev/null, permissions: rw}}]
  - name: a1
    containerEdits:
      env: [ACC=1]
      additionalGids: [44]
"#,
            lib = lib.display()
        );
        write(&tmp.path().join("d"), "acc.yaml", &spec);
        let c = config(&[&tmp.path().join("d")]);
        let edits = resolve(&["vendor.com/acc=all"], &c).unwrap();
        assert_eq!(edits.env, ["ACC_SPEC=1", "ACC=0", "ACC=1"]);
        assert_eq!(edits.groups, [GroupAdd::Gid(44)]);
        let targets: Vec<(&str, bool)> = edits
            .mounts
            .iter()
            .map(|m| (m.target.as_str(), m.readonly))
            .collect();
        assert_eq!(targets, [("/opt/acc", true), ("/dev/acc0", false)]);
        let one = resolve(&["vendor.com/acc=a1", "vendor.com/acc=a0"], &c).unwrap();
        assert_eq!(one.env, ["ACC_SPEC=1", "ACC=1", "ACC=0"]);
    }

    #[test]
    fn what_rootless_cannot_do_is_refused_with_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path().join("d");
        write(
            &d,
            "h.json",
            r#"{"cdiVersion":"0.5.0","kind":"v.com/h","devices":[{"name":"x","containerEdits":{"hooks":[{"hookName":"createContainer","path":"/bin/true"}]}}]}"#,
        );
        let err = resolve(&["v.com/h=x"], &config(&[&d]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("h.json") && err.contains("hooks"), "{err}");
        let err = resolve(&["v.com/other=x"], &config(&[&d]))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("no CDI specification of kind v.com/other"),
            "{err}"
        );
        let err = resolve(&["v.com/h=y"], &config(&[&d]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("defines no device \"y\""), "{err}");
        write(
            &d,
            "v.json",
            r#"{"cdiVersion":"1.0.0","kind":"v.com/v","devices":[]}"#,
        );
        let err = resolve(&["v.com/h=x"], &config(&[&d]))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("v.json") && err.contains("cdiVersion"),
            "{err}"
        );
    }

    #[test]
    fn a_later_directory_replaces_a_kind_and_one_directory_may_not_define_it_twice() {
        let tmp = tempfile::tempdir().unwrap();
        let (low, high) = (tmp.path().join("low"), tmp.path().join("high"));
        let spec = |env: &str| {
            format!(
                r#"{{"cdiVersion":"0.6.0","kind":"v.com/k","devices":[{{"name":"x","containerEdits":{{"env":["{env}"]}}}}]}}"#
            )
        };
        write(&low, "k.json", &spec("FROM=low"));
        write(&high, "k.json", &spec("FROM=high"));
        let edits = resolve(&["v.com/k=x"], &config(&[&low, &high])).unwrap();
        assert_eq!(edits.env, ["FROM=high"]);
        write(&low, "k2.json", &spec("FROM=low2"));
        let err = resolve(&["v.com/k=x"], &config(&[&low, &high]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("also defined"), "{err}");
    }
}
