//! rpod.toml and the directories rpod works in (XDG, overridable by --root/--runroot).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("invalid configuration {}: {message}", path.display())]
    Parse { path: PathBuf, message: String },
    #[error("cannot find the home directory: neither $HOME nor the password database names one")]
    NoHome,
    #[error("cannot create {what} {}: {source}", path.display())]
    CreateDir {
        what: &'static str,
        path: PathBuf,
        source: io::Error,
    },
}

impl ConfigError {
    pub fn hint(&self) -> Option<String> {
        match self {
            ConfigError::Parse { .. } => {
                Some("see the README's configuration section for the keys rpod.toml accepts".into())
            }
            ConfigError::NoHome => Some("set HOME, or pass --root and --runroot".into()),
            _ => None,
        }
    }
}

/// How container root filesystems are assembled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StorageDriver {
    /// Kernel overlayfs mounted inside the user namespace with `userxattr`.
    Overlay,
    /// fuse-overlayfs run as a child of the monitor.
    FuseOverlayfs,
    /// A full copy of the image per container: works everywhere, costs disk and time.
    Vfs,
}

impl StorageDriver {
    pub const ALL: [StorageDriver; 3] = [
        StorageDriver::Overlay,
        StorageDriver::FuseOverlayfs,
        StorageDriver::Vfs,
    ];

    pub fn name(self) -> &'static str {
        match self {
            StorageDriver::Overlay => "overlay",
            StorageDriver::FuseOverlayfs => "fuse-overlayfs",
            StorageDriver::Vfs => "vfs",
        }
    }

    pub fn parse(s: &str) -> Option<StorageDriver> {
        StorageDriver::ALL.into_iter().find(|d| d.name() == s)
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StorageConfig {
    /// Forces a driver instead of probing.
    pub driver: Option<StorageDriver>,
    /// Where containers' writable layers go instead of the data directory (a node-local disk
    /// when the data directory is on NFS or Lustre, say).
    pub container_dir: Option<PathBuf>,
    /// Read-only image stores (data directories of another rpod, often on a shared file
    /// system) whose images are listed and run in place, as podman's `additionalimagestores`.
    #[serde(default)]
    pub additional_image_stores: Vec<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RegistriesConfig {
    /// Registries tried, in order, for a name without a registry (`busybox`).
    #[serde(default = "default_search")]
    pub unqualified_search: Vec<String>,
    /// Registries spoken to over plain HTTP (host or host:port).
    #[serde(default)]
    pub insecure: Vec<String>,
    /// Per registry, mirrors tried before it for pulls.
    #[serde(default)]
    pub mirrors: BTreeMap<String, Vec<String>>,
    /// Short name → fully qualified repository, used before the search list.
    #[serde(default)]
    pub short_names: BTreeMap<String, String>,
    /// Seconds a registry may stay silent before the transfer fails.
    #[serde(default = "default_timeout")]
    pub timeout: u64,
}

fn default_timeout() -> u64 {
    30
}

fn default_search() -> Vec<String> {
    vec!["docker.io".to_string()]
}

impl Default for RegistriesConfig {
    fn default() -> Self {
        RegistriesConfig {
            unqualified_search: default_search(),
            insecure: Vec::new(),
            mirrors: BTreeMap::new(),
            short_names: BTreeMap::new(),
            timeout: default_timeout(),
        }
    }
}

impl RegistriesConfig {
    pub fn is_insecure(&self, registry: &str) -> bool {
        self.insecure.iter().any(|r| r == registry)
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NetworkConfig {
    /// The `--network` value used when none is given: pasta, slirp4netns, host or none
    /// (default: pasta when installed, else slirp4netns).
    pub default: Option<String>,
    /// Where pasta and slirp4netns are looked up, instead of $PATH and the system directories.
    #[serde(default)]
    pub helper_dirs: Vec<PathBuf>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DevicesConfig {
    /// Where CDI device specifications are read, lowest priority first, instead of
    /// /etc/cdi and /var/run/cdi (podman's `cdi_spec_dirs`).
    pub cdi_spec_dirs: Option<Vec<PathBuf>>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EngineConfig {
    /// Where OCI hook files are read, lowest precedence first, instead of
    /// /usr/share/containers/oci/hooks.d and /etc/containers/oci/hooks.d (podman's
    /// `hooks_dir`).
    pub hooks_dirs: Option<Vec<PathBuf>>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PushConfig {
    /// The layer compression of a push without --compression-format (podman's
    /// `compression_format`): gzip (the default) or zstd.
    pub compression_format: Option<Compression>,
    /// Its level (podman's `compression_level`).
    pub compression_level: Option<i32>,
}

impl PushConfig {
    /// The level fits the format it goes with (gzip when none is set).
    fn check(&self) -> Result<(), String> {
        let format = self.compression_format.unwrap_or(Compression::Gzip);
        match self.compression_level {
            Some(level) => format
                .check_level(level)
                .map_err(|e| format!("[push] compression-level: {e}")),
            None => Ok(()),
        }
    }
}

/// A layer compression rpod writes: rpod.toml's `[push] compression-format` and podman's
/// `--compression-format`, parsed here so that a bad value in the file is named with its file
/// and key when rpod starts, not when a push reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Compression {
    Gzip,
    Zstd,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompressionError {
    #[error("unsupported compression format {0:?}: rpod pushes gzip or zstd")]
    Unknown(String),
    #[error(
        "compression format zstd:chunked is not supported: rpod does not write its table of contents (what lets a pull fetch single files), so it would be plain zstd under another name; use zstd"
    )]
    Chunked,
    #[error("compression level {level} is out of range for {algorithm} ({min}-{max})")]
    Level {
        level: i32,
        algorithm: &'static str,
        min: i32,
        max: i32,
    },
}

impl Compression {
    pub fn parse(text: &str) -> Result<Compression, CompressionError> {
        match text {
            "gzip" => Ok(Compression::Gzip),
            "zstd" => Ok(Compression::Zstd),
            "zstd:chunked" => Err(CompressionError::Chunked),
            other => Err(CompressionError::Unknown(other.to_string())),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }

    /// The levels podman documents for each algorithm.
    pub fn levels(self) -> (i32, i32) {
        match self {
            Compression::Gzip => (1, 9),
            Compression::Zstd => (1, 20),
        }
    }

    pub fn check_level(self, level: i32) -> Result<(), CompressionError> {
        let (min, max) = self.levels();
        if (min..=max).contains(&level) {
            Ok(())
        } else {
            Err(CompressionError::Level {
                level,
                algorithm: self.name(),
                min,
                max,
            })
        }
    }
}

impl TryFrom<String> for Compression {
    type Error = CompressionError;

    fn try_from(text: String) -> Result<Compression, CompressionError> {
        Compression::parse(&text)
    }
}

/// The contents of rpod.toml.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default)]
    pub storage: StorageConfig,
    #[serde(default)]
    pub registries: RegistriesConfig,
    #[serde(default)]
    pub network: NetworkConfig,
    #[serde(default)]
    pub devices: DevicesConfig,
    #[serde(default)]
    pub push: PushConfig,
    #[serde(default)]
    pub engine: EngineConfig,
}

impl Config {
    /// Reads `path`; a missing file is the default configuration.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.into(),
                    source,
                });
            }
        };
        let config: Config = toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.into(),
            message: e.to_string().trim().replace('\n', " "),
        })?;
        config.push.check().map_err(|message| ConfigError::Parse {
            path: path.into(),
            message,
        })?;
        Ok(config)
    }

    /// `--cdi-spec-dir`'s directories, when given, in place of `[devices] cdi-spec-dirs`.
    pub fn with_cdi_spec_dirs(mut self, dirs: &[PathBuf]) -> Config {
        if !dirs.is_empty() {
            self.devices.cdi_spec_dirs = Some(dirs.to_vec());
        }
        self
    }

    /// `--hooks-dir`'s directories, when given, in place of `[engine] hooks-dirs`.
    pub fn with_hooks_dirs(mut self, dirs: &[PathBuf]) -> Config {
        if !dirs.is_empty() {
            self.engine.hooks_dirs = Some(dirs.to_vec());
        }
        self
    }
}

/// Where rpod keeps things.
#[derive(Debug, Clone)]
pub struct Paths {
    /// Persistent data: images, containers, volumes.
    pub root: PathBuf,
    /// Per-boot state on tmpfs: sockets, pids, locks.
    pub runroot: PathBuf,
    /// rpod.toml.
    pub config_file: PathBuf,
    /// $XDG_CONFIG_HOME (for containers/certs.d, policy.json, registries.d).
    pub config_home: PathBuf,
    /// $XDG_DATA_HOME (containers/sigstore, the default signature storage).
    pub data_home: PathBuf,
    /// $XDG_RUNTIME_DIR when set (podman's auth.json lives below it).
    pub xdg_runtime_dir: Option<PathBuf>,
    pub home: PathBuf,
    /// Named and anonymous volumes: `ROOT/volumes`, or `--volumepath`.
    pub volumes: PathBuf,
    /// User-defined networks' records: `ROOT/networks`, or `--network-config-dir`.
    pub networks: PathBuf,
    /// docker's client configuration directory given by `--config` (over $DOCKER_CONFIG).
    pub docker_config_dir: Option<PathBuf>,
}

/// The command line's overrides of the default paths.
#[derive(Debug, Default, Clone)]
pub struct PathOverrides {
    pub root: Option<PathBuf>,
    pub runroot: Option<PathBuf>,
    pub volumes: Option<PathBuf>,
    pub networks: Option<PathBuf>,
    pub docker_config_dir: Option<PathBuf>,
}

fn env_dir(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
}

/// The caller's uid as the host knows it: inside a user namespace of one id of its own (`rpod
/// unshare`) the id that namespace maps, so that a session finds the same runtime directory.
fn host_uid() -> u32 {
    let uid = nix::unistd::getuid().as_raw();
    // A session makes its caller root: any other uid is the host's (and costs no read).
    if uid != 0 {
        return uid;
    }
    let mapped = std::fs::read_to_string("/proc/self/uid_map")
        .ok()
        .and_then(|map| {
            let fields: Vec<u32> = map
                .split_whitespace()
                .map(str::parse)
                .collect::<Result<_, _>>()
                .ok()?;
            match fields[..] {
                [inside, outside, 1] if inside == uid => Some(outside),
                _ => None,
            }
        });
    mapped.unwrap_or(uid)
}

impl Paths {
    pub fn resolve(overrides: &PathOverrides) -> Result<Paths, ConfigError> {
        let home = directories::BaseDirs::new()
            .map(|b| b.home_dir().to_path_buf())
            .ok_or(ConfigError::NoHome)?;
        let data_home = env_dir("XDG_DATA_HOME").unwrap_or_else(|| home.join(".local/share"));
        let config_home = env_dir("XDG_CONFIG_HOME").unwrap_or_else(|| home.join(".config"));
        let xdg_runtime_dir = env_dir("XDG_RUNTIME_DIR");
        let uid = host_uid();
        let runroot = overrides
            .runroot
            .clone()
            .unwrap_or_else(|| match &xdg_runtime_dir {
                Some(dir) => dir.join("rpod"),
                None => PathBuf::from(format!("/tmp/rpod-{uid}")),
            });
        let root = overrides
            .root
            .clone()
            .unwrap_or_else(|| data_home.join("rpod"));
        Ok(Paths {
            volumes: overrides
                .volumes
                .clone()
                .unwrap_or_else(|| root.join("volumes")),
            networks: overrides
                .networks
                .clone()
                .unwrap_or_else(|| root.join("networks")),
            docker_config_dir: overrides.docker_config_dir.clone(),
            root,
            runroot,
            config_file: config_home.join("rpod/rpod.toml"),
            config_home,
            data_home,
            xdg_runtime_dir,
            home,
        })
    }

    /// podman's auth file: $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json,
    /// else (no runtime dir, as on HPC login nodes) ~/.config/containers/auth.json.
    /// A relative $REGISTRY_AUTH_FILE is relative to the working directory, as podman reads it.
    pub fn auth_file(&self) -> PathBuf {
        if let Some(path) = std::env::var_os("REGISTRY_AUTH_FILE").filter(|p| !p.is_empty()) {
            return std::path::absolute(&path).unwrap_or_else(|_| PathBuf::from(path));
        }
        match &self.xdg_runtime_dir {
            Some(dir) => dir.join("containers/auth.json"),
            None => self.config_home.join("containers/auth.json"),
        }
    }

    /// docker's client configuration: `--config`'s, $DOCKER_CONFIG/config.json or
    /// ~/.docker/config.json.
    pub fn docker_config_file(&self) -> PathBuf {
        self.docker_config_dir
            .clone()
            .or_else(|| env_dir("DOCKER_CONFIG"))
            .unwrap_or_else(|| self.home.join(".docker"))
            .join("config.json")
    }

    /// Directories holding per-registry CA files (`HOST:PORT/*.crt`), as podman and docker read them.
    pub fn certs_dirs(&self) -> Vec<PathBuf> {
        vec![
            self.config_home.join("containers/certs.d"),
            PathBuf::from("/etc/containers/certs.d"),
            PathBuf::from("/etc/docker/certs.d"),
        ]
    }

    /// Creates a private (0700) directory, as every per-user rpod directory is.
    pub fn ensure_private_dir(what: &'static str, path: &Path) -> Result<(), ConfigError> {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(path)
            .map_err(|source| ConfigError::CreateDir {
                what,
                path: path.into(),
                source,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_section_and_refuses_unknown_keys() {
        let cfg: Config = toml::from_str(
            r#"
            [storage]
            driver = "fuse-overlayfs"
            additional-image-stores = ["/shared/rpod"]
            [registries]
            unqualified-search = ["quay.io", "docker.io"]
            insecure = ["localhost:5000"]
            [registries.mirrors]
            "docker.io" = ["mirror.local:5000"]
            [registries.short-names]
            alpine = "docker.io/library/alpine"
            "#,
        )
        .unwrap();
        assert_eq!(cfg.storage.driver, Some(StorageDriver::FuseOverlayfs));
        assert_eq!(
            cfg.storage.additional_image_stores,
            [PathBuf::from("/shared/rpod")]
        );
        assert_eq!(cfg.registries.unqualified_search, ["quay.io", "docker.io"]);
        assert!(cfg.registries.is_insecure("localhost:5000"));
        assert_eq!(cfg.registries.mirrors["docker.io"], ["mirror.local:5000"]);

        assert!(toml::from_str::<Config>("[storage]\ndriverr = \"vfs\"").is_err());
        assert!(toml::from_str::<Config>("[storage]\ndriver = \"zfs\"").is_err());
    }

    #[test]
    fn the_push_table_is_checked_when_read() {
        let cfg: Config =
            toml::from_str("[push]\ncompression-format = \"zstd\"\ncompression-level = 19")
                .unwrap();
        assert_eq!(cfg.push.compression_format, Some(Compression::Zstd));
        assert!(cfg.push.check().is_ok());
        let unknown = toml::from_str::<Config>("[push]\ncompression-format = \"lz4\"")
            .unwrap_err()
            .to_string();
        assert!(
            unknown.contains("compression-format = \"lz4\""),
            "{unknown}"
        );
        assert!(unknown.contains("rpod pushes gzip or zstd"), "{unknown}");
        // Level 19 is zstd's, not gzip's (the format without one).
        let gzip: Config = toml::from_str("[push]\ncompression-level = 19").unwrap();
        assert_eq!(
            gzip.push.check().unwrap_err(),
            "[push] compression-level: compression level 19 is out of range for gzip (1-9)"
        );
    }

    #[test]
    fn defaults_search_docker_hub() {
        let cfg = Config::load(Path::new("/nonexistent/rpod.toml")).unwrap();
        assert_eq!(cfg.registries.unqualified_search, ["docker.io"]);
        assert_eq!(cfg.storage.driver, None);
    }
}
