//! What a container mounts besides its image: bind mounts, volumes and tmpfs, parsed from
//! `-v`, `--mount` and `--tmpfs` as docker spells them, plus anonymous volumes for the image's
//! VOLUME entries.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::super::ContainerError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MountKind {
    Bind { source: PathBuf },
    Volume { name: String, anonymous: bool },
    Tmpfs { options: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MountDef {
    pub kind: MountKind,
    /// Absolute path inside the container.
    pub target: String,
    pub readonly: bool,
}

fn invalid(flag: &'static str, value: &str, reason: impl Into<String>) -> ContainerError {
    ContainerError::invalid(flag, value, reason)
}

fn check_target(flag: &'static str, value: &str, target: &str) -> Result<String, ContainerError> {
    if !target.starts_with('/') {
        return Err(invalid(
            flag,
            value,
            format!("the container path {target:?} must be absolute"),
        ));
    }
    let clean = Path::new(target)
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect::<PathBuf>();
    if clean
        .components()
        .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err(invalid(
            flag,
            value,
            "the container path must not contain ..",
        ));
    }
    // docker's rule: a mount on / would replace the image, and /proc and /dev with it.
    if clean == Path::new("/") {
        return Err(invalid(flag, value, "the container path must not be /"));
    }
    Ok(clean.display().to_string())
}

/// A host path for a bind mount: it must exist (podman's rule: nothing is created behind the
/// user's back). Relative paths are taken from the current directory.
fn bind_source(flag: &'static str, value: &str, source: &str) -> Result<PathBuf, ContainerError> {
    let path = if Path::new(source).is_absolute() {
        PathBuf::from(source)
    } else {
        std::env::current_dir()
            .map_err(|e| invalid(flag, value, e.to_string()))?
            .join(source)
    };
    std::fs::canonicalize(&path).map_err(|e| {
        invalid(
            flag,
            value,
            format!("the host path {} cannot be used: {e}", path.display()),
        )
    })
}

fn is_host_path(s: &str) -> bool {
    s.starts_with('/') || s.starts_with("./") || s.starts_with("../") || s == "." || s == ".."
}

/// `-v SOURCE:TARGET[:OPTIONS]`, `-v TARGET` (anonymous volume).
pub fn parse_volume_flag(value: &str) -> Result<MountDef, ContainerError> {
    let flag = "--volume";
    let parts: Vec<&str> = value.split(':').collect();
    let (source, target, options) = match parts.as_slice() {
        [target] => (None, *target, ""),
        [source, target] => (Some(*source), *target, ""),
        [source, target, options] => (Some(*source), *target, *options),
        _ => return Err(invalid(flag, value, "expected [SOURCE:]TARGET[:OPTIONS]")),
    };
    let mut readonly = false;
    for opt in options.split(',').filter(|o| !o.is_empty()) {
        match opt {
            "ro" => readonly = true,
            "rw" => readonly = false,
            // SELinux relabeling and propagation modes: nothing to do rootless and private.
            "z" | "Z" | "rbind" | "bind" | "private" | "rprivate" => {}
            other => {
                return Err(invalid(
                    flag,
                    value,
                    format!("unknown option {other:?} (use ro or rw)"),
                ));
            }
        }
    }
    let target = check_target(flag, value, target)?;
    let kind = match source {
        None => MountKind::Volume {
            name: String::new(),
            anonymous: true,
        },
        Some(s) if is_host_path(s) => MountKind::Bind {
            source: bind_source(flag, value, s)?,
        },
        Some(name) => {
            crate::ids::check_name(name).map_err(|e| invalid(flag, value, e.to_string()))?;
            MountKind::Volume {
                name: name.to_string(),
                anonymous: false,
            }
        }
    };
    Ok(MountDef {
        kind,
        target,
        readonly,
    })
}

/// `--mount type=bind|volume|tmpfs,source=…,target=…[,readonly][,tmpfs-size=…][,tmpfs-mode=…]`.
pub fn parse_mount_flag(value: &str) -> Result<MountDef, ContainerError> {
    let flag = "--mount";
    let (mut kind, mut source, mut target, mut readonly) = (None, None, None, false);
    let mut tmpfs = Vec::new();
    for field in value.split(',') {
        let (key, value) = field.split_once('=').unwrap_or((field, ""));
        match key {
            "type" => kind = Some(value.to_string()),
            "source" | "src" => source = Some(value.to_string()),
            "target" | "destination" | "dst" => target = Some(value.to_string()),
            "readonly" | "ro" => {
                readonly = match value {
                    "" | "true" | "1" => true,
                    "false" | "0" => false,
                    _ => {
                        return Err(invalid(
                            flag,
                            value,
                            format!("readonly takes true or false, not {value:?}"),
                        ));
                    }
                }
            }
            "tmpfs-size" => tmpfs.push(format!("size={value}")),
            "tmpfs-mode" => tmpfs.push(format!("mode={value}")),
            "bind-propagation" | "volume-nocopy" | "consistency" => {}
            other => return Err(invalid(flag, value, format!("unknown field {other:?}"))),
        }
    }
    let target = check_target(
        flag,
        value,
        &target.ok_or_else(|| invalid(flag, value, "target= is required"))?,
    )?;
    let kind = match kind.as_deref() {
        Some("bind") => MountKind::Bind {
            source: bind_source(
                flag,
                value,
                &source.ok_or_else(|| invalid(flag, value, "a bind mount needs source="))?,
            )?,
        },
        Some("volume") => match source {
            Some(name) if !name.is_empty() => {
                crate::ids::check_name(&name).map_err(|e| invalid(flag, value, e.to_string()))?;
                MountKind::Volume {
                    name,
                    anonymous: false,
                }
            }
            _ => MountKind::Volume {
                name: String::new(),
                anonymous: true,
            },
        },
        Some("tmpfs") => {
            let options = tmpfs.join(",");
            crate::runtime::plan::tmpfs_options(&options).map_err(|e| invalid(flag, value, e))?;
            MountKind::Tmpfs { options }
        }
        Some(other) => {
            return Err(invalid(
                flag,
                value,
                format!("unknown type {other:?} (use bind, volume or tmpfs)"),
            ));
        }
        None => return Err(invalid(flag, value, "type= is required")),
    };
    Ok(MountDef {
        kind,
        target,
        readonly,
    })
}

/// `--tmpfs TARGET[:OPTIONS]`.
pub fn parse_tmpfs_flag(value: &str) -> Result<MountDef, ContainerError> {
    let (target, options) = value.split_once(':').unwrap_or((value, ""));
    let (flags, _) =
        crate::runtime::plan::tmpfs_options(options).map_err(|e| invalid("--tmpfs", value, e))?;
    Ok(MountDef {
        kind: MountKind::Tmpfs {
            options: options.to_string(),
        },
        target: check_target("--tmpfs", value, target)?,
        readonly: flags.readonly,
    })
}

/// `-v`, `--mount` and `--tmpfs`, in that order; two of them on one path are an error.
/// `--tz ZONE` (a name under /usr/share/zoneinfo) or `--tz local` (the host's zone): that
/// zone's file bound read-only at /etc/localtime, where the C library looks.
pub fn timezone(tz: &str) -> Result<MountDef, ContainerError> {
    let flag = "--tz";
    let path = match tz {
        "local" => PathBuf::from("/etc/localtime"),
        zone if zone.is_empty()
            || zone.starts_with('/')
            || zone.split('/').any(|part| part == ".." || part == ".") =>
        {
            return Err(invalid(
                flag,
                tz,
                "expected a zone name like Europe/Berlin, or local",
            ));
        }
        zone => Path::new("/usr/share/zoneinfo").join(zone),
    };
    let source = std::fs::canonicalize(&path)
        .ok()
        .filter(|p| p.is_file())
        .ok_or_else(|| invalid(flag, tz, format!("no time zone file {}", path.display())))?;
    Ok(MountDef {
        kind: MountKind::Bind { source },
        target: "/etc/localtime".into(),
        readonly: true,
    })
}

pub fn from_flags(
    volumes: &[String],
    mounts: &[String],
    tmpfs: &[String],
) -> Result<Vec<MountDef>, ContainerError> {
    let volumes = volumes.iter().map(|v| parse_volume_flag(v));
    let binds = mounts.iter().map(|m| parse_mount_flag(m));
    let tmpfs = tmpfs.iter().map(|t| parse_tmpfs_flag(t));
    let flags = volumes
        .chain(binds)
        .chain(tmpfs)
        .collect::<Result<_, _>>()?;
    with_image_volumes(flags, &[], super::extra::ImageVolume::Bind)
}

/// The container's mounts: the command line's, then anonymous volumes for the image's VOLUME
/// paths nothing else covers. Two mounts on one path are an error.
pub fn with_image_volumes(
    flags: Vec<MountDef>,
    image_volumes: &[String],
    mode: super::extra::ImageVolume,
) -> Result<Vec<MountDef>, ContainerError> {
    let mut out: Vec<MountDef> = Vec::new();
    for m in flags {
        if out.iter().any(|o| o.target == m.target) {
            return Err(invalid(
                "mount",
                &m.target,
                "two mounts on the same container path",
            ));
        }
        out.push(m);
    }
    for path in image_volumes {
        let target = check_target("VOLUME", path, path)?;
        let kind = match mode {
            super::extra::ImageVolume::Ignore => continue,
            super::extra::ImageVolume::Bind => MountKind::Volume {
                name: String::new(),
                anonymous: true,
            },
            super::extra::ImageVolume::Tmpfs => MountKind::Tmpfs {
                options: String::new(),
            },
        };
        if !out.iter().any(|o| o.target == target) {
            out.push(MountDef {
                kind,
                target,
                readonly: false,
            });
        }
    }
    Ok(out)
}

/// The names of the anonymous volumes among `mounts`: they belong to the container.
pub fn anonymous_volumes(mounts: &[MountDef]) -> Vec<String> {
    mounts
        .iter()
        .filter_map(|m| match &m.kind {
            MountKind::Volume {
                name,
                anonymous: true,
            } => Some(name.clone()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_flags_in_every_form() {
        let named = parse_volume_flag("data:/srv/data:ro").unwrap();
        assert_eq!(
            named.kind,
            MountKind::Volume {
                name: "data".into(),
                anonymous: false
            }
        );
        assert!(named.readonly);
        assert_eq!(named.target, "/srv/data");
        let anon = parse_volume_flag("/cache").unwrap();
        assert!(matches!(
            anon.kind,
            MountKind::Volume {
                anonymous: true,
                ..
            }
        ));
        let bind = parse_volume_flag("/tmp:/host-tmp:rw,z").unwrap();
        assert_eq!(
            bind.kind,
            MountKind::Bind {
                source: std::fs::canonicalize("/tmp").unwrap()
            }
        );
        assert!(
            parse_volume_flag("/no/such/dir/anywhere:/x")
                .unwrap_err()
                .to_string()
                .contains("cannot be used")
        );
        assert!(parse_volume_flag("data:relative").is_err());
        assert!(
            parse_volume_flag("data:/x:rx")
                .unwrap_err()
                .to_string()
                .contains("unknown option")
        );
        assert!(parse_volume_flag("a:b:c:d").is_err());
        assert!(parse_volume_flag("bad/name:/x").is_err());
        assert!(parse_volume_flag("data:/x/../y").is_err());
        assert!(parse_volume_flag("data:/").is_err());
        assert!(parse_volume_flag("data:/./").is_err());
    }

    #[test]
    fn mount_and_tmpfs_flags() {
        let m = parse_mount_flag("type=volume,source=v,target=/v,readonly").unwrap();
        assert_eq!(
            m.kind,
            MountKind::Volume {
                name: "v".into(),
                anonymous: false
            }
        );
        assert!(m.readonly);
        let t = parse_mount_flag("type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=700").unwrap();
        assert_eq!(
            t.kind,
            MountKind::Tmpfs {
                options: "size=1m,mode=700".into()
            }
        );
        assert!(parse_mount_flag("type=bind,target=/x").is_err());
        assert!(parse_mount_flag("type=nfs,target=/x").is_err());
        assert!(parse_mount_flag("type=volume,target=/x,color=red").is_err());
        let tmp = parse_tmpfs_flag("/run:size=64m,ro").unwrap();
        assert!(tmp.readonly && tmp.target == "/run");
    }

    #[test]
    fn image_volumes_become_anonymous_unless_covered() {
        let flags = vec![parse_volume_flag("data:/data").unwrap()];
        let planned = with_image_volumes(
            flags,
            &["/data".into(), "/logs".into()],
            super::super::extra::ImageVolume::Bind,
        )
        .unwrap();
        assert_eq!(planned.len(), 2);
        assert!(matches!(
            planned[1].kind,
            MountKind::Volume {
                anonymous: true,
                ..
            }
        ));
        let twice = vec![
            parse_volume_flag("a:/x").unwrap(),
            parse_volume_flag("b:/x").unwrap(),
        ];
        assert!(with_image_volumes(twice, &[], super::super::extra::ImageVolume::Bind).is_err());
    }
}
