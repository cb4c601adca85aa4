//! The build context: a directory, or a tar stream (on stdin, or in a file) unpacked into a scratch directory
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
    /// A file holding what stdin would: the body of the Docker API's `POST /build`.
    Archive(PathBuf),
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

/// `--build-context NAME=DIR`: a directory `COPY --from=NAME` reads. podman's other kinds
/// (`docker-image://`, `container-image://`, `oci-layout://`, URLs) are refused by name.
pub fn parse_named(value: &str) -> Result<(String, PathBuf), BuildError> {
    let invalid = |reason: String| BuildError::NamedContext {
        value: value.to_string(),
        reason,
    };
    let (name, source) = value
        .split_once('=')
        .filter(|(name, source)| !name.is_empty() && !source.is_empty())
        .ok_or_else(|| invalid("expected NAME=DIR".into()))?;
    if let Some((kind, _)) = source.split_once("://") {
        return Err(invalid(format!(
            "{kind}:// contexts are not supported: rpod reads directories only"
        )));
    }
    let meta = fs::metadata(source).map_err(|e| invalid(format!("{source}: {e}")))?;
    if !meta.is_dir() {
        return Err(invalid(format!("{source} is not a directory")));
    }
    Ok((name.to_string(), PathBuf::from(source)))
}

/// Whether `head` starts a tar archive (the `ustar` magic) or a gzip stream.
fn is_archive(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b]) || head.get(257..262) == Some(b"ustar")
}

fn read_stdin() -> Result<Vec<u8>, BuildError> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(BuildError::io("read", STDIN))?;
    Ok(bytes)
}

const STDIN: &str = "standard input";
/// A tar archive's block size.
const BLOCK: usize = 512;
/// What tells an archive from a Dockerfile: a tar header's `ustar` magic ends at byte 262.
const HEAD: usize = BLOCK;

fn utf8(bytes: Vec<u8>, from: &str) -> Result<String, BuildError> {
    String::from_utf8(bytes).map_err(|e| {
        BuildError::io("read the Dockerfile from", from)(io::Error::new(
            io::ErrorKind::InvalidData,
            e,
        ))
    })
}

/// A tar stream with the end it may lack: the docker CLI (20.10) sends a context with a
/// Dockerfile from outside it cut short, its last file's data ending the body without the
/// rest of that block or the two end-of-archive blocks. docker's daemon reads it; so does
/// rpod, with the zeros added once the stream ends.
struct Padded<R> {
    inner: R,
    read: u64,
    tail: Option<io::Take<io::Repeat>>,
}

impl<R: Read> Read for Padded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(tail) = &mut self.tail {
            return tail.read(buf);
        }
        let n = self.inner.read(buf)?;
        if n > 0 || buf.is_empty() {
            self.read += n as u64;
            return Ok(n);
        }
        let tail = match (self.read % BLOCK as u64) as usize {
            0 => 2 * BLOCK,
            partial => 3 * BLOCK - partial,
        };
        self.tail.insert(io::repeat(0).take(tail as u64)).read(buf)
    }
}

/// Unpacks a tar stream (plain or gzip; `head` is its first bytes, already read from it).
fn unpack(head: &[u8], rest: impl Read, from: &str, dir: &Path) -> Result<(), BuildError> {
    let action = match from {
        STDIN => "unpack the build context from standard input into",
        _ => "unpack the build context from the request body into",
    };
    let fail = BuildError::io(action, dir);
    let stream = head.chain(rest);
    let reader: Box<dyn Read + '_> = if head.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::read::MultiGzDecoder::new(stream))
    } else {
        Box::new(Padded {
            inner: stream,
            read: 0,
            tail: None,
        })
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
            ContextSource::Stdin | ContextSource::Archive(_) => {
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
        let sent: Option<(Box<dyn Read>, &str)> = match source {
            ContextSource::Stdin => Some((Box::new(io::stdin()), STDIN)),
            ContextSource::Archive(path) => Some((
                Box::new(fs::File::open(path).map_err(BuildError::io("open", path))?),
                "the request body",
            )),
            ContextSource::Dir(_) => None,
        };
        if let Some((mut rest, from)) = sent {
            // Streamed, not read whole: a context may be larger than memory.
            let mut head = Vec::with_capacity(HEAD);
            (&mut rest)
                .take(HEAD as u64)
                .read_to_end(&mut head)
                .map_err(BuildError::io("read", from))?;
            if is_archive(&head) {
                unpack(&head, rest, from, &context.root)?;
            } else {
                // `docker build - < Dockerfile`: a Dockerfile and an empty context.
                let mut bytes = head;
                rest.read_to_end(&mut bytes)
                    .map_err(BuildError::io("read", from))?;
                stdin_file = Some(utf8(bytes, from)?);
            }
        }
        let (text, path) = match (stdin_file, dockerfile) {
            (Some(text), _) => (text, PathBuf::from("-")),
            (None, Some(DockerfileSource::Stdin)) => {
                (utf8(read_stdin()?, STDIN)?, PathBuf::from("-"))
            }
            (None, Some(DockerfileSource::Path(path))) => {
                let path = match source {
                    ContextSource::Stdin | ContextSource::Archive(_) => context.root.join(path),
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
    /// `ignore_file` (`--ignorefile`) replaces them all.
    pub fn tree(&self, ignore_file: Option<&Path>) -> Result<Tree, BuildError> {
        if let Some(path) = ignore_file {
            let text = fs::read_to_string(path).map_err(BuildError::io("read", path))?;
            return Ok(Tree::context(&self.root, Ignore::parse(&text)));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_cut_short_after_its_last_file_still_unpacks() {
        let mut builder = tar::Builder::new(Vec::new());
        let mut header = tar::Header::new_gnu();
        header.set_size(5);
        header.set_mode(0o644);
        builder
            .append_data(&mut header, "Dockerfile.x", &b"FROM\n"[..])
            .unwrap();
        let whole = builder.into_inner().unwrap();
        // The header, then the data without its padding or the end blocks.
        let cut = &whole[..BLOCK + 5];
        let dir = tempfile::tempdir().unwrap();
        let (head, rest) = cut.split_at(HEAD);
        unpack(head, rest, "the request body", dir.path()).unwrap();
        assert_eq!(
            fs::read(dir.path().join("Dockerfile.x")).unwrap(),
            b"FROM\n"
        );
        let (head, rest) = whole.split_at(HEAD);
        unpack(head, rest, STDIN, dir.path()).unwrap();
    }
}
