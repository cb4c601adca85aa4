//! Every module's typed error, gathered into one type that knows its exit code and hint.
//!
//! Shape, printed once by main.rs: `Error: <what failed>: <on what>: <cause>`, then optionally
//! `hint: <what to do>`. Exit codes follow docker and podman: 125 when rpod itself failed.

use std::io;
use std::path::PathBuf;

use crate::builder::BuildError;
use crate::config::ConfigError;
use crate::container::ContainerError;
use crate::format::FormatError;
use crate::image::archive::ArchiveError;
use crate::image::auth::AuthError;
use crate::image::id_file::IdFileError;
use crate::image::import::ImportError;
use crate::image::pull::PullError;
use crate::image::push::PushError;
use crate::image::reference::RefError;
use crate::image::registry::RegistryError;
use crate::image::remove::RemoveError;
use crate::image::squash::SquashError;
use crate::image::store::StoreError;
use crate::networks::NetworksError;
use crate::quadlet::QuadletError;
use crate::secret::SecretError;
use crate::storage::StorageError;
use crate::volume::VolumeError;

/// rpod itself failed (also bad usage).
pub const EXIT_RPOD: u8 = 125;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Format(#[from] FormatError),
    #[error(transparent)]
    Reference(#[from] RefError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Pull(#[from] PullError),
    #[error(transparent)]
    Push(#[from] PushError),
    #[error(transparent)]
    Remove(#[from] RemoveError),
    #[error(transparent)]
    Trust(#[from] crate::image::trust::TrustError),
    #[error(transparent)]
    List(#[from] crate::image::lists::ListError),
    #[error(transparent)]
    Artifact(#[from] crate::image::artifact::ArtifactError),
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    #[error(transparent)]
    Search(#[from] crate::image::search::SearchError),
    #[error(transparent)]
    Squash(#[from] SquashError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    IdFile(#[from] IdFileError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Container(#[from] ContainerError),
    #[error(transparent)]
    Volume(#[from] VolumeError),
    #[error(transparent)]
    Networks(#[from] NetworksError),
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error(transparent)]
    Quadlet(#[from] QuadletError),
    #[error(transparent)]
    Kube(#[from] crate::kube::KubeError),
    #[error(transparent)]
    Api(#[from] crate::api::ApiError),
    #[error(transparent)]
    Key(#[from] crate::image::crypt::KeyError),
    #[error("cannot attach to the container: {0}")]
    Attach(io::Error),
    #[error("not logged into {0}")]
    NotLoggedIn(String),
    #[error("no such object: {0:?}")]
    NoSuchObject(String),
    #[error("cannot read {}: {source}", path.display())]
    ReadFile { path: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    WriteFile { path: PathBuf, source: io::Error },
    /// A program rpod runs for the user (`container runlabel`) could not be started.
    #[error("cannot run {program}: {source}")]
    Invoke { program: String, source: io::Error },
    #[error(
        "no compose provider found: podman-compose is not on PATH and PODMAN_COMPOSE_PROVIDER is not set"
    )]
    NoComposeProvider,
    #[error("cannot start the I/O runtime: {0}")]
    Runtime(io::Error),
    /// Writing to stdout failed; a closed pipe (`rpod images | head -1`) is a clean exit.
    #[error("cannot write output: {0}")]
    Output(#[source] io::Error),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            // podman: rmi of an unknown image exits 1, of an image in use 2.
            Error::Remove(RemoveError::Store(StoreError::NotFound(_))) => 1,
            Error::Remove(RemoveError::InUse { .. }) => 2,
            Error::Container(e) => e.exit_code(),
            Error::Build(e) => e.exit_code(),
            Error::Kube(e) => e.exit_code(),
            Error::Volume(VolumeError::NotFound(_)) => 1,
            Error::Invoke { source, .. } if source.kind() == io::ErrorKind::NotFound => 127,
            Error::Invoke { .. } => 126,
            _ => EXIT_RPOD,
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Config(e) => e.hint(),
            Error::Store(e) => e.hint(),
            Error::Registry(e) => e.hint(),
            Error::Pull(e) => e.hint(),
            Error::Push(e) => e.hint(),
            Error::Remove(e) => e.hint(),
            Error::Trust(e) => e.hint(),
            Error::List(e) => e.hint(),
            Error::Artifact(e) => e.hint(),
            Error::Archive(e) => e.hint(),
            Error::Squash(e) => e.hint(),
            Error::Container(e) => e.hint(),
            Error::Networks(e) => e.hint(),
            Error::Build(e) => e.hint(),
            Error::NoComposeProvider => Some(
                "install podman-compose (pip install podman-compose), or set PODMAN_COMPOSE_PROVIDER to its path".into(),
            ),
            Error::Auth(_) => {
                Some("check the credentials file, or log in again with rpod login".into())
            }
            _ => None,
        }
    }

    /// A closed stdout is how `| head` says "enough", not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Prints the error the one way rpod prints errors and returns the exit code.
pub fn report(err: &Error) -> u8 {
    if err.is_broken_pipe() {
        return 0;
    }
    eprintln!("Error: {err}");
    if let Some(hint) = err.hint() {
        eprintln!("hint: {hint}");
    }
    err.exit_code()
}
