//! The Docker-compatible API socket (`rpod system service`): docker's HTTP endpoints over a
//! unix socket or TCP (either of them under TLS), each answered by the same engine calls as the CLI verbs. The service keeps
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
mod image_archive;
mod images;
mod listen;
mod networks;
mod pull;
mod push;
mod reply;
mod route;
mod server;
mod stream;
mod system;
mod tls;
mod update;
mod volumes;
mod wait;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::config::{Config, PathOverrides, Paths, StorageDriver};
use crate::container::{ContainerError, Engine};
use crate::image::store::Store;

pub use listen::Endpoint;
pub use server::serve;
pub use tls::TlsFiles;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("invalid URI {0:?}: expected unix:///PATH or tcp://HOST:PORT")]
    Uri(String),
    #[error("listen on {at}: {source}")]
    Listen { at: String, source: std::io::Error },
    #[error("{flag} {}: {reason}", path.display())]
    Tls {
        flag: &'static str,
        path: PathBuf,
        reason: String,
    },
    #[error("--cors {0:?}: not a valid HTTP header value")]
    Cors(String),
    #[error("the socket passed by systemd: {0}")]
    Activation(std::io::Error),
    #[error("start the service's runtime: {0}")]
    Runtime(std::io::Error),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
}

/// Where the service listens, how, and when it stops.
#[derive(Debug, Clone)]
pub struct ServicePlan {
    /// The socket to create, unless systemd passed one.
    pub endpoint: Endpoint,
    /// Exit after this long without a connection; None: never.
    pub idle: Option<Duration>,
    /// Set: every connection is a TLS one.
    pub tls: Option<Arc<tokio_rustls::rustls::ServerConfig>>,
    /// `--cors`: the Access-Control-Allow-Origin of every answer.
    pub cors: Option<hyper::header::HeaderValue>,
    pub setup: Setup,
}

/// What `system service` was asked for, before any file is read.
#[derive(Debug, Clone, Default)]
pub struct ServiceRequest {
    pub uri: Option<String>,
    /// `--time SECONDS` (0: forever).
    pub time: u64,
    pub tls: Option<TlsFiles>,
    /// `--cors`; empty, as podman's default, sends no CORS headers.
    pub cors: Option<String>,
}

impl ServicePlan {
    /// The URI (default `$XDG_RUNTIME_DIR/rpod/rpod.sock`, else the runtime directory), the
    /// TLS files read and checked, and the CORS origin as a header value.
    pub fn new(request: &ServiceRequest, setup: Setup) -> Result<ServicePlan, ApiError> {
        let endpoint = match &request.uri {
            Some(uri) => Endpoint::parse(uri)?,
            None => Endpoint::Unix(default_socket(&setup)?),
        };
        let cors = match request.cors.as_deref() {
            None | Some("") => None,
            Some(origin) => Some(
                hyper::header::HeaderValue::from_str(origin)
                    .map_err(|_| ApiError::Cors(origin.to_string()))?,
            ),
        };
        let tls = request.tls.as_ref().map(TlsFiles::load).transpose()?;
        let idle = (request.time > 0).then(|| Duration::from_secs(request.time));
        Ok(ServicePlan {
            endpoint,
            idle,
            tls,
            cors,
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
