//! Secrets: small named values kept for containers (podman's `secret`, file driver), stored
//! where only the user can read them. Containers get copies with `run --secret`.
//!
//! ```text
//! secrets/secrets.json    the records: id, name, labels, times, driver
//! secrets/data/<id>       each value of the file driver, mode 0600 (see `driver`)
//! ```

use std::collections::BTreeMap;
pub mod driver;

use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use driver::DriverSpec;

use crate::state::{atomic, lock};

/// podman's limit on a secret's size.
pub const MAX_SIZE: usize = 512_000;
const INDEX: &str = "secrets.json";

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("no secret with name or id {0:?}: no such secret")]
    NotFound(String),
    #[error("{0}: secret name in use")]
    Exists(String),
    #[error(
        "invalid secret name {0:?}: it must start with a letter or digit and hold only letters, digits, '_', '.' and '-' (at most 253)"
    )]
    Name(String),
    #[error("secret {name} is {size} bytes: the limit is {MAX_SIZE}")]
    TooLarge { name: String, size: usize },
    #[error("secret {0} is empty")]
    Empty(String),
    #[error(
        "secret {name} is stored by the {driver} driver with other options: --replace keeps the driver (rpod secret rm it first)"
    )]
    OtherDriver { name: String, driver: String },
    #[error("unknown secret driver {0:?}: rpod has file and shell")]
    Driver(String),
    #[error("--driver-opts for the {driver} driver: {detail}")]
    DriverOptions { driver: String, detail: String },
    #[error("the shell driver's {command} command failed: {detail}")]
    Shell { command: String, detail: String },
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
}

impl SecretError {
    fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> SecretError {
        let path = path.to_path_buf();
        move |source| SecretError::Io {
            action,
            path,
            source,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Secret {
    /// 25 hex digits, as podman's.
    pub id: String,
    pub name: String,
    /// RFC 3339.
    pub created: String,
    pub updated: String,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub driver: DriverSpec,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    secrets: Vec<Secret>,
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    name.len() <= 253
        && chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

fn new_id() -> String {
    let mut bytes = [0u8; 13];
    getrandom::fill(&mut bytes).expect("the kernel's random source is unavailable");
    hex::encode(bytes)[..25].to_string()
}

pub struct Secrets {
    dir: PathBuf,
}

impl Secrets {
    /// The secrets under the data directory `root`.
    pub fn open(root: &Path) -> Secrets {
        Secrets {
            dir: root.join("secrets"),
        }
    }

    /// The file driver's directory when its `path` option is not given.
    pub fn data_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn lock(&self) -> Result<lock::Guard, SecretError> {
        fs::create_dir_all(self.dir.join("data")).map_err(SecretError::io("create", &self.dir))?;
        let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700));
        let path = self.dir.join("lock");
        lock::exclusive(&path).map_err(SecretError::io("lock", &path))
    }

    fn index(&self) -> Result<Index, SecretError> {
        let path = self.dir.join(INDEX);
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| SecretError::io("read", &path)(io::Error::other(e))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Index::default()),
            Err(e) => Err(SecretError::io("read", &path)(e)),
        }
    }

    fn save(&self, index: &Index) -> Result<(), SecretError> {
        let path = self.dir.join(INDEX);
        atomic::write_json(&path, index).map_err(SecretError::io("write", &path))
    }

    pub fn list(&self) -> Result<Vec<Secret>, SecretError> {
        Ok(self.index()?.secrets)
    }

    /// A secret by name, ID or unique ID prefix.
    pub fn get(&self, spec: &str) -> Result<Secret, SecretError> {
        let secrets = self.list()?;
        let by_name = secrets.iter().find(|s| s.name == spec || s.id == spec);
        let by_prefix = || {
            let matching: Vec<&Secret> =
                secrets.iter().filter(|s| s.id.starts_with(spec)).collect();
            (matching.len() == 1).then(|| matching[0])
        };
        by_name
            .or_else(by_prefix)
            .cloned()
            .ok_or_else(|| SecretError::NotFound(spec.to_string()))
    }

    /// The secret's value.
    pub fn value(&self, secret: &Secret) -> Result<Vec<u8>, SecretError> {
        secret.driver.lookup(&self.data_dir(), &secret.id)
    }

    /// Stores a new secret with `driver` (or, with `replace`, a new value for an existing
    /// one, which keeps its ID and creation time).
    pub fn create(
        &self,
        name: &str,
        value: &[u8],
        (labels, driver): (BTreeMap<String, String>, DriverSpec),
        replace: bool,
    ) -> Result<Secret, SecretError> {
        if !valid_name(name) {
            return Err(SecretError::Name(name.to_string()));
        }
        if value.is_empty() {
            return Err(SecretError::Empty(name.to_string()));
        }
        if value.len() > MAX_SIZE {
            return Err(SecretError::TooLarge {
                name: name.to_string(),
                size: value.len(),
            });
        }
        let _guard = self.lock()?;
        let mut index = self.index()?;
        let now = jiff::Timestamp::now().to_string();
        let existing = index.secrets.iter().position(|s| s.name == name);
        let secret = match existing {
            Some(_) if !replace => return Err(SecretError::Exists(name.to_string())),
            Some(i) => {
                // Storing with the new driver, then deleting with the old, could lose the value
                // both reach (two shell drivers on one vault): the user removes it first.
                if index.secrets[i].driver != driver {
                    return Err(SecretError::OtherDriver {
                        name: name.to_string(),
                        driver: index.secrets[i].driver.name.clone(),
                    });
                }
                let old = index.secrets.remove(i);
                Secret {
                    updated: now,
                    labels,
                    driver,
                    ..old
                }
            }
            None => Secret {
                id: new_id(),
                name: name.to_string(),
                created: now.clone(),
                updated: now,
                labels,
                driver,
            },
        };
        secret.driver.store(&self.data_dir(), &secret.id, value)?;
        index.secrets.push(secret.clone());
        self.save(&index)?;
        Ok(secret)
    }

    /// Removes a secret and its value; returns what it was.
    pub fn remove(&self, spec: &str) -> Result<Secret, SecretError> {
        let _guard = self.lock()?;
        let secret = self.get(spec)?;
        let mut index = self.index()?;
        index.secrets.retain(|s| s.id != secret.id);
        self.save(&index)?;
        secret.driver.delete(&self.data_dir(), &secret.id)?;
        Ok(secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_get_replace_remove() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::open(dir.path());
        let s = secrets
            .create(
                "db-pass",
                b"one",
                (BTreeMap::new(), DriverSpec::default()),
                false,
            )
            .unwrap();
        assert_eq!(s.id.len(), 25);
        assert_eq!(
            secrets.value(&secrets.get("db-pass").unwrap()).unwrap(),
            b"one"
        );
        assert!(matches!(
            secrets.create(
                "db-pass",
                b"two",
                (BTreeMap::new(), DriverSpec::default()),
                false
            ),
            Err(SecretError::Exists(_))
        ));
        let replaced = secrets
            .create(
                "db-pass",
                b"two",
                (BTreeMap::new(), DriverSpec::default()),
                true,
            )
            .unwrap();
        assert_eq!(replaced.id, s.id);
        assert_eq!(secrets.value(&replaced).unwrap(), b"two");
        let mode = fs::metadata(secrets.data_dir().join(&s.id))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(secrets.get(&s.id[..5]).unwrap().name, "db-pass");
        for bad in ["", "-x", "a b", "a/b"] {
            assert!(matches!(
                secrets.create(bad, b"v", (BTreeMap::new(), DriverSpec::default()), false),
                Err(SecretError::Name(_))
            ));
        }
        assert!(matches!(
            secrets.create(
                "big",
                &vec![b'x'; MAX_SIZE + 1],
                (BTreeMap::new(), DriverSpec::default()),
                false
            ),
            Err(SecretError::TooLarge { .. })
        ));
        secrets.remove("db-pass").unwrap();
        assert!(matches!(
            secrets.get("db-pass"),
            Err(SecretError::NotFound(_))
        ));
        assert!(!secrets.data_dir().join(&s.id).exists());
    }
}
