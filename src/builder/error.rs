//! What can go wrong in a build. A failing step names itself and its Dockerfile line:
//! `building at STEP "RUN make" (Dockerfile:7): the command exited with code 2`.

use std::io;
use std::path::PathBuf;

use super::dockerfile::ParseError;
use crate::container::ContainerError;
use crate::image::commit::CommitError;
use crate::image::pull::PullError;
use crate::image::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("cannot preprocess {}: {reason}", path.display())]
    Preprocess { path: PathBuf, reason: String },
    #[error("no Containerfile or Dockerfile in the build context {}", .0.display())]
    NoDockerfile(PathBuf),
    #[error("the build context {} is not a directory", .0.display())]
    ContextNotDir(PathBuf),
    #[error("target stage {0:?} could not be found in the Dockerfile")]
    UnknownTarget(String),
    #[error(
        "cannot build for platform {wanted} on this {host} host: build steps run natively, without emulation"
    )]
    Platform { wanted: String, host: String },
    #[error("invalid --build-arg {0:?}: expected NAME=VALUE or NAME")]
    BuildArg(String),
    #[error("invalid --secret {value:?}: {reason}")]
    Secret { value: String, reason: String },
    #[error("invalid --ssh {value:?}: {reason}")]
    Ssh { value: String, reason: String },
    #[error("invalid --build-context {value:?}: {reason}")]
    NamedContext { value: String, reason: String },
    #[error("invalid --output {value:?}: {reason}")]
    Output { value: String, reason: String },
    #[error("cannot write the --output tree: {0}")]
    OutputWrite(String),
    #[error("secret {id:?}: {reason}")]
    SecretValue { id: String, reason: String },
    #[error("building at STEP \"{step}\" (Dockerfile:{line}): {cause}")]
    Step {
        step: String,
        line: usize,
        cause: Box<StepError>,
    },
    #[error("{0}")]
    Network(Box<ContainerError>),
    #[error(
        "cannot edit the built image (--label, --unsetlabel, --env, --unsetenv, --omit-history): {0}"
    )]
    Labels(Box<StepError>),
    #[error("cannot squash the built image's layers (--squash, --squash-all): {0}")]
    Squash(Box<StepError>),
    #[error("cannot write the built image's annotations: {0}")]
    Annotations(Box<StepError>),
    #[error(transparent)]
    Sbom(#[from] super::sbom::SbomError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why one step failed.
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    #[error("the command exited with code {0}")]
    RunFailed(i32),
    #[error("{0}: no such file or directory in the build context (or excluded by .dockerignore)")]
    NoSource(String),
    #[error("{0}: no such file or directory in {1}")]
    NoSourceIn(String, String),
    #[error("{0}: the path is outside the build context")]
    OutsideContext(String),
    #[error("no source files were specified")]
    NoSources,
    #[error(
        "when copying more than one source, the destination must be a directory and end with a /"
    )]
    DestNotDir,
    #[error(
        "RUN needs a file system with a shell: the stage starts FROM scratch and has no files yet"
    )]
    RunOnScratch,
    #[error("{flag} is not supported by rpod build")]
    Unsupported { flag: String },
    #[error(
        "RUN --mount=type=secret,id={0},required: the build has no secret {0:?} (give it with --secret id={0},src=FILE)"
    )]
    NoSecret(String),
    #[error(
        "RUN --mount=type=ssh,id={0},required: the build has no SSH agent {0:?} (give it with --ssh {0}=SOCKET)"
    )]
    NoSsh(String),
    #[error("secret {0:?} is used as an environment variable but is not UTF-8 text")]
    SecretNotText(String),
    #[error("invalid --chmod={0}: expected an octal mode such as 0644")]
    Chmod(String),
    #[error("invalid STOPSIGNAL {0:?}: expected a name like SIGTERM or a number")]
    StopSignal(String),
    #[error("FROM {0}: {0} is a --build-context directory, which only COPY --from can use in rpod")]
    FromContext(String),
    #[error("stage {0:?} is not built before this step: only earlier stages can be used")]
    LaterStage(String),
    #[error("no stage named {name:?}, and it is not an image either: {cause}")]
    NoStage { name: String, cause: String },
    #[error("the ONBUILD trigger {trigger:?} of the base image is invalid: {cause}")]
    Trigger { trigger: String, cause: ParseError },
    #[error("archive {name}: {cause}")]
    Archive { name: String, cause: String },
    #[error("cannot fetch {url}: {cause}")]
    Fetch { url: String, cause: String },
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    Container(#[from] ContainerError),
    #[error(transparent)]
    Pull(#[from] PullError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Commit(#[from] CommitError),
    #[error("cannot push the step's image to the build cache {repo} (--cache-to): {source}")]
    CachePush {
        repo: String,
        source: Box<crate::image::push::PushError>,
    },
}

impl StepError {
    pub fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(io::Error) -> StepError {
        let path = path.into();
        move |source| StepError::Io {
            action,
            path,
            source,
        }
    }
}

impl BuildError {
    pub fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(io::Error) -> BuildError {
        let path = path.into();
        move |source| BuildError::Io {
            action,
            path,
            source,
        }
    }

    /// A failed RUN exits with its command's code, as docker and podman do; anything else
    /// is rpod's own failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            BuildError::Step { cause, .. } => match **cause {
                StepError::RunFailed(code) => code.clamp(1, 255) as u8,
                StepError::Container(ref e) => e.exit_code(),
                _ => 125,
            },
            _ => 125,
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            BuildError::NoDockerfile(_) => Some("name the file with -f".into()),
            BuildError::Step { cause, .. } => match &**cause {
                StepError::NoSource(_) => {
                    Some("COPY and ADD sources are relative to the build context directory".into())
                }
                StepError::Pull(e) => e.hint(),
                StepError::Container(e) => e.hint(),
                StepError::Store(e) => e.hint(),
                _ => None,
            },
            BuildError::Store(e) => e.hint(),
            BuildError::Sbom(e) => e.hint(),
            _ => None,
        }
    }
}
