//! Where a secret's value lives: podman's secret drivers. `file` keeps it in a file of mode
//! 0600 (in rpod's data directory, or the directory its `path` option names); `shell` hands
//! it to the user's own commands (a password manager, a vault client), which get the
//! secret's ID in `SECRET_ID` and the value on stdin (`store`) or stdout (`lookup`).

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use super::SecretError;
use crate::state::atomic;

/// The shell driver's commands, as podman names them.
const SHELL_KEYS: [&str; 4] = ["list", "lookup", "store", "delete"];

/// A secret's driver and its options, as `secret create --driver --driver-opts` gave them and
/// `secret inspect` shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriverSpec {
    pub name: String,
    #[serde(default)]
    pub options: BTreeMap<String, String>,
}

impl Default for DriverSpec {
    fn default() -> DriverSpec {
        DriverSpec {
            name: "file".into(),
            options: BTreeMap::new(),
        }
    }
}

impl DriverSpec {
    /// Checks `--driver NAME --driver-opts K=V[,K=V…]…`: every option the driver knows, and
    /// for `shell` every command it needs.
    pub fn parse(name: &str, opts: &[String]) -> Result<DriverSpec, SecretError> {
        let bad = |detail: String| SecretError::DriverOptions {
            driver: name.to_string(),
            detail,
        };
        let mut options = BTreeMap::new();
        for pair in opts.iter().flat_map(|o| o.split(',')) {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| bad(format!("{pair:?} is not KEY=VALUE")))?;
            options.insert(key.to_string(), value.to_string());
        }
        let known: &[&str] = match name {
            "file" => &["path"],
            "shell" => &SHELL_KEYS,
            "pass" => {
                return Err(bad(
                    "rpod has the file and shell drivers: the shell driver's commands can run \
                     pass(1) (e.g. store=\"pass insert -m rpod/$SECRET_ID\")"
                        .into(),
                ));
            }
            other => return Err(SecretError::Driver(other.to_string())),
        };
        if let Some(key) = options.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(bad(format!(
                "unknown option {key:?} (it takes {})",
                known.join(", ")
            )));
        }
        if name == "shell"
            && let Some(key) = ["lookup", "store", "delete"]
                .into_iter()
                .find(|k| options.get(*k).is_none_or(|v| v.trim().is_empty()))
        {
            return Err(bad(format!("the {key} command is missing ({key}=COMMAND)")));
        }
        if let Some(path) = options.get("path")
            && !Path::new(path).is_absolute()
        {
            return Err(bad(format!("path {path:?} is not absolute")));
        }
        Ok(DriverSpec {
            name: name.to_string(),
            options,
        })
    }

    /// The options `secret inspect` shows: the file driver's directory even when defaulted.
    pub fn shown_options(&self, default_dir: &Path) -> BTreeMap<String, String> {
        let mut options = self.options.clone();
        if self.name == "file" {
            options
                .entry("path".into())
                .or_insert_with(|| default_dir.display().to_string());
        }
        options
    }

    /// The file that holds the value of secret `id` with the file driver.
    fn file(&self, default_dir: &Path, id: &str) -> PathBuf {
        self.options
            .get("path")
            .map_or_else(|| default_dir.to_path_buf(), PathBuf::from)
            .join(id)
    }

    pub fn store(&self, default_dir: &Path, id: &str, value: &[u8]) -> Result<(), SecretError> {
        if self.name == "shell" {
            return self.shell("store", id, Some(value)).map(drop);
        }
        let path = self.file(default_dir, id);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(SecretError::io("create", dir))?;
        }
        atomic::write(&path, value).map_err(SecretError::io("write", &path))?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600))
            .map_err(SecretError::io("protect", &path))
    }

    pub fn lookup(&self, default_dir: &Path, id: &str) -> Result<Vec<u8>, SecretError> {
        if self.name == "shell" {
            return self.shell("lookup", id, None);
        }
        let path = self.file(default_dir, id);
        fs::read(&path).map_err(SecretError::io("read", &path))
    }

    pub fn delete(&self, default_dir: &Path, id: &str) -> Result<(), SecretError> {
        if self.name == "shell" {
            return self.shell("delete", id, None).map(drop);
        }
        let path = self.file(default_dir, id);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                Err(SecretError::io("remove", &path)(e))
            }
            _ => Ok(()),
        }
    }

    /// Runs the shell driver's `command` for secret `id`; returns what it printed.
    fn shell(&self, command: &str, id: &str, input: Option<&[u8]>) -> Result<Vec<u8>, SecretError> {
        let script = self.options.get(command).map_or("", String::as_str);
        let failed = |detail: String| SecretError::Shell {
            command: command.to_string(),
            detail,
        };
        let mut child = Command::new("/bin/sh")
            .args(["-c", script])
            .env("SECRET_ID", id)
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| failed(e.to_string()))?;
        if let Some(input) = input {
            let mut stdin = child.stdin.take().expect("stdin is piped");
            // A command that exits without reading is judged by its exit status below.
            let _ = stdin.write_all(input);
        }
        let output = child
            .wait_with_output()
            .map_err(|e| failed(e.to_string()))?;
        if !output.status.success() {
            let said = String::from_utf8_lossy(&output.stderr).trim().to_string();
            return Err(failed(format!("{} {said}", output.status)));
        }
        Ok(output.stdout)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(s: &[&str]) -> Vec<String> {
        s.iter().map(|o| o.to_string()).collect()
    }

    #[test]
    fn options_are_checked_per_driver() {
        let file = DriverSpec::parse("file", &opts(&["path=/srv/s"])).unwrap();
        assert_eq!(file.options["path"], "/srv/s");
        assert!(DriverSpec::parse("file", &opts(&["path=rel"])).is_err());
        assert!(DriverSpec::parse("file", &opts(&["nope=1"])).is_err());
        assert!(DriverSpec::parse("shell", &opts(&["store=a,lookup=b"])).is_err());
        assert!(DriverSpec::parse("shell", &opts(&["store=a,lookup=b", "delete=c"])).is_ok());
        assert!(matches!(
            DriverSpec::parse("vault", &[]),
            Err(SecretError::Driver(_))
        ));
        assert!(DriverSpec::parse("pass", &[]).is_err());
    }

    #[test]
    fn the_shell_driver_runs_the_users_commands() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display();
        let spec = DriverSpec::parse(
            "shell",
            &opts(&[
                &format!("store=cat > {d}/$SECRET_ID"),
                &format!("lookup=cat {d}/$SECRET_ID"),
                &format!("delete=rm {d}/$SECRET_ID"),
            ]),
        )
        .unwrap();
        spec.store(dir.path(), "abc", b"value").unwrap();
        assert_eq!(fs::read(dir.path().join("abc")).unwrap(), b"value");
        assert_eq!(spec.lookup(dir.path(), "abc").unwrap(), b"value");
        spec.delete(dir.path(), "abc").unwrap();
        let gone = spec.lookup(dir.path(), "abc").unwrap_err().to_string();
        assert!(gone.contains("lookup"), "{gone}");
    }
}
