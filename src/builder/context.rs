//! The build context: a directory, or a tar stream on stdin unpacked into a scratch directory
//! of the store (which the next rpod command removes if this one is killed). Also finds the
//! Dockerfile and the ignore file, as podman and docker look for them.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::error::BuildError;
use super::ignore::Ignore;
use super::tree::Tree;
use crate::state::scratch;

/// Where the context comes from.
#[derive(Debug, Clone)]
pub enum ContextSource {
    Dir(PathBuf),
    /// `-`: a tar archive (plain or gzip) on stdin, or just a Dockerfile and no context.
    Stdin,
}

/// Where the Dockerfile comes from, when not from the context.
#[derive(Debug, Clone)]
pub enum DockerfileSource {
    /// `-f PATH`: relative to the current directory (to the context, for a stdin context).
    Path(PathBuf),
    /// `-f -`.
    Stdin,
}

pub struct Context {
    pub root: PathBuf,
    /// The unpacked stdin archive, removed when the build ends.
    _scratch: Option<scratch::Temp>,
    pub dockerfile: String,
    /// Where the Dockerfile was read from, for messages.
    pub dockerfile_path: PathBuf,
}

/// Whether `head` starts a tar archive (the `ustar` magic) or a gzip stream.
fn is_archive(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b]) || head.get(257..262) == Some(b"ustar")
}

fn read_stdin() -> Result<Vec<u8>, BuildError> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(BuildError::io("read", "standard input"))?;
    Ok(bytes)
}

fn utf8(bytes: Vec<u8>) -> Result<String, BuildError> {
    String::from_utf8(bytes).map_err(|e| {
        BuildError::io("read the Dockerfile from", "standard input")(io::Error::new(
            io::ErrorKind::InvalidData,
            e,
        ))
    })
}

fn unpack(bytes: &[u8], dir: &Path) -> Result<(), BuildError> {
    let fail = BuildError::io("unpack the build context from standard input into", dir);
    let reader: Box<dyn Read + '_> = if bytes.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::read::MultiGzDecoder::new(bytes))
    } else {
        Box::new(bytes)
    };
    let mut archive = tar::Archive::new(reader);
    archive.set_preserve_permissions(true);
    archive.set_overwrite(true);
    // The tar crate refuses entries that would land outside `dir` (`..`, absolute paths,
    // symlinked parents).
    archive.unpack(dir).map_err(fail)
}

impl Context {
    /// Opens the context and reads the Dockerfile: `dockerfile` if given, else the context's
    /// Containerfile or Dockerfile. `scratch_parent` receives an unpacked stdin context.
    pub fn open(
        source: &ContextSource,
        dockerfile: Option<&DockerfileSource>,
        scratch_parent: &Path,
    ) -> Result<Context, BuildError> {
        let mut context = match source {
            ContextSource::Dir(dir) => {
                let meta =
                    fs::metadata(dir).map_err(BuildError::io("open the build context", dir))?;
                if !meta.is_dir() {
                    return Err(BuildError::ContextNotDir(dir.clone()));
                }
                Context {
                    root: dir.clone(),
                    _scratch: None,
                    dockerfile: String::new(),
                    dockerfile_path: PathBuf::new(),
                }
            }
            ContextSource::Stdin => {
                let dir = scratch::Temp::new(scratch_parent, "context");
                fs::create_dir_all(dir.path()).map_err(BuildError::io("create", dir.path()))?;
                Context {
                    root: dir.path().to_path_buf(),
                    _scratch: Some(dir),
                    dockerfile: String::new(),
                    dockerfile_path: PathBuf::new(),
                }
            }
        };
        let mut stdin_file = None;
        if let ContextSource::Stdin = source {
            let bytes = read_stdin()?;
            if is_archive(&bytes) {
                unpack(&bytes, &context.root)?;
            } else {
                // `docker build - < Dockerfile`: a Dockerfile and an empty context.
                stdin_file = Some(utf8(bytes)?);
            }
        }
        let (text, path) = match (stdin_file, dockerfile) {
            (Some(text), _) => (text, PathBuf::from("-")),
            (None, Some(DockerfileSource::Stdin)) => (utf8(read_stdin()?)?, PathBuf::from("-")),
            (None, Some(DockerfileSource::Path(path))) => {
                let path = match source {
                    ContextSource::Stdin => context.root.join(path),
                    ContextSource::Dir(_) => path.clone(),
                };
                let text = fs::read_to_string(&path)
                    .map_err(BuildError::io("read the Dockerfile", &path))?;
                (text, path)
            }
            (None, None) => {
                let path = ["Containerfile", "Dockerfile"]
                    .iter()
                    .map(|name| context.root.join(name))
                    .find(|p| p.is_file())
                    .ok_or_else(|| BuildError::NoDockerfile(context.root.clone()))?;
                let text = fs::read_to_string(&path)
                    .map_err(BuildError::io("read the Dockerfile", &path))?;
                (text, path)
            }
        };
        context.dockerfile = text;
        context.dockerfile_path = path;
        Ok(context)
    }

    /// The context as COPY sees it: `<Dockerfile>.dockerignore` next to the Dockerfile (as
    /// BuildKit reads it), else the context's `.containerignore` or `.dockerignore`.
    pub fn tree(&self) -> Result<Tree, BuildError> {
        let own = self
            .dockerfile_path
            .file_name()
            .map(|name| {
                let mut name = name.to_os_string();
                name.push(".dockerignore");
                self.dockerfile_path.with_file_name(name)
            })
            .filter(|_| self.dockerfile_path != Path::new("-"));
        let candidates = own
            .into_iter()
            .chain([".containerignore", ".dockerignore"].map(|n| self.root.join(n)));
        for path in candidates {
            match fs::read_to_string(&path) {
                Ok(text) => return Ok(Tree::context(&self.root, Ignore::parse(&text))),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(BuildError::io("read", &path)(e)),
            }
        }
        Ok(Tree::context(&self.root, Ignore::default()))
    }
}
