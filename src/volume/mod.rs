//! Named volumes: directories under the data directory that outlive containers.
//!
//! ```text
//! volumes/<name>/volume.json   name, creation time, labels, whether it is anonymous
//! volumes/<name>/_data/        what containers see
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ids::{FileOwner, check_name};
use crate::state::{atomic, scratch};

const RECORD: &str = "volume.json";
pub const DATA: &str = "_data";
/// The names of the volumes that hold a build's `RUN --mount=type=cache` (one per cache id),
/// which `image prune --build-cache` removes.
pub const BUILD_CACHE_PREFIX: &str = "rpod-build-cache-";

#[derive(Debug, thiserror::Error)]
pub enum VolumeError {
    #[error("no such volume: {0}")]
    NotFound(String),
    #[error("volume with name {0} already exists: volume already exists")]
    Exists(String),
    #[error("invalid volume name {name:?}: {reason}")]
    Name { name: String, reason: String },
    #[error("volume {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
}

impl VolumeError {
    fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> VolumeError {
        let path = path.to_path_buf();
        move |source| VolumeError::Io {
            action,
            path,
            source,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Volume {
    pub name: String,
    /// RFC 3339.
    pub created: String,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Made for a container (an image VOLUME or `-v /path`), removed with it by `rm -v`.
    #[serde(default)]
    pub anonymous: bool,
}

pub struct Volumes {
    dir: PathBuf,
}

impl Volumes {
    /// The volumes in `dir`: `ROOT/volumes`, or `--volumepath`.
    pub fn open(dir: &Path) -> Volumes {
        let _ = scratch::clean(dir);
        Volumes {
            dir: dir.to_path_buf(),
        }
    }

    /// The volume's directory: its record and its data.
    pub fn volume_dir(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Where containers see the volume's content.
    pub fn data_path(&self, name: &str) -> PathBuf {
        self.volume_dir(name).join(DATA)
    }

    /// Creates a volume; without a name it gets a random one (an anonymous volume).
    /// `volume create --uid/--gid`: the volume's directory is recorded as that owner's, which
    /// the root emulation shows inside a container (the one id a container without it maps
    /// owns every file there).
    pub fn set_owner(&self, volume: &Volume, owner: FileOwner) -> Result<(), VolumeError> {
        let data = self.volume_dir(&volume.name).join(DATA);
        xattr::set(&data, FileOwner::XATTR, owner.encode().as_bytes())
            .map_err(VolumeError::io("record the owner of", &data))
    }

    pub fn create(
        &self,
        name: Option<&str>,
        labels: BTreeMap<String, String>,
    ) -> Result<Volume, VolumeError> {
        let anonymous = name.is_none();
        let name = match name {
            Some(n) => {
                check_name(n).map_err(|e| VolumeError::Name {
                    name: n.to_string(),
                    reason: e.to_string(),
                })?;
                n.to_string()
            }
            None => crate::ids::ContainerId::random().to_string(),
        };
        let volume = Volume {
            name: name.clone(),
            created: jiff::Timestamp::now().to_string(),
            labels,
            anonymous,
        };
        fs::create_dir_all(&self.dir).map_err(VolumeError::io("create", &self.dir))?;
        let tmp = scratch::temp_path(&self.dir, &name);
        let result = (|| {
            fs::create_dir_all(tmp.join(DATA)).map_err(VolumeError::io("create", &tmp))?;
            atomic::write_json(&tmp.join(RECORD), &volume)
                .map_err(VolumeError::io("create", &tmp))?;
            let dest = self.volume_dir(&name);
            match fs::rename(&tmp, &dest) {
                Ok(()) => Ok(()),
                Err(e) if matches!(e.raw_os_error(), Some(libc::EEXIST | libc::ENOTEMPTY)) => {
                    Err(VolumeError::Exists(name.clone()))
                }
                Err(e) => Err(VolumeError::io("create", &dest)(e)),
            }
        })();
        if result.is_err() {
            let _ = scratch::remove_any(&tmp);
        }
        result.map(|()| volume)
    }

    /// The volume called `name`, created when missing (as `run -v name:/path` does).
    pub fn get_or_create(&self, name: &str) -> Result<Volume, VolumeError> {
        match self.get(name) {
            Err(VolumeError::NotFound(_)) => match self.create(Some(name), BTreeMap::new()) {
                Err(VolumeError::Exists(_)) => self.get(name),
                other => other,
            },
            other => other,
        }
    }

    pub fn get(&self, name: &str) -> Result<Volume, VolumeError> {
        let path = self.volume_dir(name).join(RECORD);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(VolumeError::NotFound(name.to_string()));
            }
            Err(e) => return Err(VolumeError::io("read", &path)(e)),
        };
        serde_json::from_slice(&bytes)
            .map_err(|e| VolumeError::io("read", &path)(io::Error::other(e)))
    }

    pub fn list(&self) -> Result<Vec<Volume>, VolumeError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(VolumeError::io("list", &self.dir)(e)),
        };
        let mut out: Vec<Volume> = entries
            .flatten()
            .filter_map(|e| e.file_name().to_str().and_then(|n| self.get(n).ok()))
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Removes a volume and its data. The caller has checked that no container uses it.
    pub fn remove(&self, name: &str) -> Result<(), VolumeError> {
        self.get(name)?;
        let dir = self.volume_dir(name);
        let tmp = scratch::temp_path(&self.dir, "rm");
        fs::rename(&dir, &tmp).map_err(VolumeError::io("remove", &dir))?;
        scratch::remove_any(&tmp).map_err(VolumeError::io("remove", &tmp))
    }

    /// The volume as `volume inspect` shows it (docker's fields).
    pub fn inspect(&self, volume: &Volume) -> serde_json::Value {
        serde_json::json!({
            "Name": volume.name,
            "Driver": "local",
            "Mountpoint": self.data_path(&volume.name),
            "CreatedAt": volume.created,
            "Labels": volume.labels,
            "Scope": "local",
            "Options": {},
            "Anonymous": volume.anonymous,
        })
    }

    /// Whether a volume holds nothing yet (it is then filled from the image on mount).
    pub fn is_empty(&self, name: &str) -> bool {
        fs::read_dir(self.data_path(name))
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_get_list_remove() {
        let root = std::env::temp_dir().join(format!("rpod-volumes-{}", std::process::id()));
        let vols = Volumes::open(&root.join("volumes"));
        let named = vols
            .create(Some("data"), BTreeMap::from([("k".into(), "v".into())]))
            .unwrap();
        assert!(!named.anonymous);
        assert!(matches!(
            vols.create(Some("data"), BTreeMap::new()),
            Err(VolumeError::Exists(_))
        ));
        assert!(matches!(
            vols.create(Some("bad/name"), BTreeMap::new()),
            Err(VolumeError::Name { .. })
        ));
        let anon = vols.create(None, BTreeMap::new()).unwrap();
        assert!(anon.anonymous && anon.name.len() == 64);
        assert!(vols.is_empty("data"));
        fs::write(vols.data_path("data").join("f"), b"x").unwrap();
        assert!(!vols.is_empty("data"));
        assert_eq!(vols.list().unwrap().len(), 2);
        assert_eq!(vols.get_or_create("data").unwrap().labels["k"], "v");
        vols.remove("data").unwrap();
        assert!(matches!(vols.get("data"), Err(VolumeError::NotFound(_))));
        assert!(matches!(vols.remove("data"), Err(VolumeError::NotFound(_))));
        fs::remove_dir_all(&root).unwrap();
    }
}
