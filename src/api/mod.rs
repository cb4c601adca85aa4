//! The Docker-compatible API socket (`rpod system service`): docker's HTTP endpoints over a
//! unix socket, each answered by the same engine calls as the CLI verbs. The service keeps
//! no state of its own: containers outlive it and the CLI sees what the API made.

mod archive;
mod attach;
mod attach_stdin;
mod body;
mod build;
mod commit;
mod container_more;
mod containers;
mod create;
mod events;
mod exec;
mod exec_store;
mod image_archive;
mod images;
mod networks;
mod pull;
mod push;
mod reply;
mod route;
mod server;
mod stream;
mod system;
mod update;
mod volumes;
mod wait;

use std::path::PathBuf;
use std::time::Duration;

use crate::config::{Config, PathOverrides, Paths, StorageDriver};
use crate::container::{ContainerError, Engine};
use crate::image::store::Store;

pub use server::serve;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("invalid URI {0:?}: only unix:///PATH is supported")]
    Uri(String),
    #[error("listen on {}: {source}", path.display())]
    Listen {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the socket passed by systemd: {0}")]
    Activation(std::io::Error),
    #[error("start the service's runtime: {0}")]
    Runtime(std::io::Error),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
}

/// Where the service listens and when it stops.
#[derive(Debug, Clone)]
pub struct ServicePlan {
    /// The socket to create; None when systemd passed one.
    pub socket: Option<PathBuf>,
    /// Exit after this long without a connection; None: never.
    pub idle: Option<Duration>,
    pub setup: Setup,
}

impl ServicePlan {
    /// `URI` (unix:///PATH, default `$XDG_RUNTIME_DIR/rpod/rpod.sock`, else the runtime
    /// directory) and `--time SECONDS` (0: forever).
    pub fn new(uri: Option<&str>, time: u64, setup: Setup) -> Result<ServicePlan, ApiError> {
        let socket = match uri {
            Some(uri) => match uri.strip_prefix("unix://") {
                Some(path) if path.starts_with('/') => PathBuf::from(path),
                _ => return Err(ApiError::Uri(uri.to_string())),
            },
            None => default_socket(&setup)?,
        };
        let idle = (time > 0).then(|| Duration::from_secs(time));
        Ok(ServicePlan {
            socket: Some(socket),
            idle,
            setup,
        })
    }
}

fn default_socket(setup: &Setup) -> Result<PathBuf, ApiError> {
    if let Some(dir) = std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("rpod").join("rpod.sock"));
    }
    Ok(Paths::resolve(&setup.overrides)?.runroot.join("rpod.sock"))
}

/// How each request opens the store and the engine, as the CLI's global flags say.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    pub overrides: PathOverrides,
    pub storage_driver: Option<StorageDriver>,
    /// `--cdi-spec-dir`.
    pub cdi_spec_dirs: Vec<std::path::PathBuf>,
    /// `--hooks-dir`.
    pub hooks_dirs: Vec<std::path::PathBuf>,
}

/// What a request works with, opened afresh for each request (the service keeps no state).
struct Opened {
    paths: Paths,
    config: Config,
    store: Store,
    driver: Option<StorageDriver>,
}

impl Opened {
    fn open(setup: &Setup) -> Result<Opened, ContainerError> {
        let paths = Paths::resolve(&setup.overrides)?;
        let config = Config::load(&paths.config_file)?
            .with_cdi_spec_dirs(&setup.cdi_spec_dirs)
            .with_hooks_dirs(&setup.hooks_dirs);
        let store = Store::open(&paths.root)?;
        Ok(Opened {
            paths,
            config,
            store,
            driver: setup.storage_driver,
        })
    }

    fn engine(&self) -> Result<Engine<'_>, ContainerError> {
        Engine::open(&self.store, &self.config, &self.paths, self.driver)
    }
}
