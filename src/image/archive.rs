//! `save`: images as docker-archive (`docker save`'s format), oci-archive (an OCI image layout
//! in a tar), oci-dir (the layout as a directory) or docker-dir (containers/image's `dir`
//! layout); `load` reads them back (`archive_load`).

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::archive_layers::Layers;
use super::layer_tar::{self, LayerTarError};
use super::manifest::{Descriptor, Index, Manifest, ManifestError, media};
use super::reference::RefError;
use super::store::{ImageRecord, LayerInfo, Store, StoreError, find_in, matched_name};
use super::unpack::UnpackError;
use crate::config::RegistriesConfig;
use crate::ids::Digest;
use crate::state::atomic::{self, Failed};

pub use super::archive_load::{LoadInput, Loaded, load};

pub(super) const REF_NAME: &str = "org.opencontainers.image.ref.name";
/// The `version` file of containers/image's `dir` transport (docker-dir), which marks it.
pub(super) const DIR_VERSION: &str = "Directory Transport Version: 1.1\n";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveFormat {
    DockerArchive,
    OciArchive,
    OciDir,
    /// containers/image's `dir` transport with a Docker v2s2 manifest: one image.
    DockerDir,
}

impl ArchiveFormat {
    pub fn parse(s: &str) -> Option<ArchiveFormat> {
        match s {
            "docker-archive" => Some(ArchiveFormat::DockerArchive),
            "oci-archive" => Some(ArchiveFormat::OciArchive),
            "oci-dir" => Some(ArchiveFormat::OciDir),
            "docker-dir" => Some(ArchiveFormat::DockerDir),
            _ => None,
        }
    }

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            ArchiveFormat::DockerArchive => "docker-archive",
            ArchiveFormat::OciArchive => "oci-archive",
            ArchiveFormat::OciDir => "oci-dir",
            ArchiveFormat::DockerDir => "docker-dir",
        }
    }

    /// A directory, not a stream.
    pub fn is_dir(self) -> bool {
        matches!(self, ArchiveFormat::OciDir | ArchiveFormat::DockerDir)
    }
}

/// What `save` was asked, before anything is read.
pub struct SaveRequest {
    pub format: ArchiveFormat,
    pub compress: bool,
    pub uncompressed: bool,
    pub multi_image_archive: bool,
    /// How many images were named.
    pub images: usize,
}

/// What `save` writes: the format, and whether its layers are gzip-compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SaveHow {
    pub format: ArchiveFormat,
    pub gzip: bool,
}

impl SaveHow {
    /// podman 5's rules: the OCI formats compress their layers unless `--uncompressed`
    /// (containers/image's OCI layout wants compressed layers), docker-dir keeps them as
    /// they are unless `--compress`, docker-archive never compresses (`docker load` reads
    /// tars). `-m` asks for several images in one archive, which only docker-archive holds;
    /// docker-dir is one image by its layout. rpod's OCI formats hold every image named
    /// without `-m` (an index with an entry each); podman's read the names after the first
    /// as tags.
    pub fn new(req: &SaveRequest) -> Result<SaveHow, String> {
        let format = req.format;
        if req.compress && format != ArchiveFormat::DockerDir {
            return Err("--compress can only be set when --format is 'docker-dir'".into());
        }
        if req.compress && req.uncompressed {
            return Err("--compress and --uncompressed cannot be used together".into());
        }
        let one_image_only = req.multi_image_archive || format == ArchiveFormat::DockerDir;
        if req.images > 1 && format != ArchiveFormat::DockerArchive && one_image_only {
            return Err(format!(
                "unsupported format {:?} for saving multiple images (only docker-archive)",
                format.name()
            ));
        }
        let gzip = match format {
            ArchiveFormat::DockerArchive => false,
            ArchiveFormat::OciArchive | ArchiveFormat::OciDir => !req.uncompressed,
            ArchiveFormat::DockerDir => req.compress,
        };
        Ok(SaveHow { format, gzip })
    }

    /// docker save's archive: what the Docker API writes.
    pub fn docker_archive() -> SaveHow {
        SaveHow {
            format: ArchiveFormat::DockerArchive,
            gzip: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    #[error(transparent)]
    Reference(#[from] RefError),
    #[error("layer {layer}: {source}")]
    Layer {
        layer: String,
        source: LayerTarError,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot read archive: {0}")]
    Read(io::Error),
    #[error("cannot read archive: {0}")]
    Unpack(#[from] UnpackError),
    #[error("invalid archive: {0}")]
    Invalid(String),
}

impl ArchiveError {
    pub fn hint(&self) -> Option<String> {
        match self {
            ArchiveError::Store(e) => e.hint(),
            ArchiveError::Invalid(_) => {
                Some("rpod loads docker-archive, oci-archive, oci-dir and docker-dir images".into())
            }
            _ => None,
        }
    }
}

/// Where saved files go: entries of a tar stream, or files under a directory.
pub(super) trait Sink {
    fn file(
        &mut self,
        path: &str,
        size: u64,
        fill: &mut dyn FnMut(&mut dyn Write) -> Result<(), ArchiveError>,
    ) -> Result<(), ArchiveError>;

    fn bytes(&mut self, path: &str, bytes: &[u8]) -> Result<(), ArchiveError> {
        self.file(path, bytes.len() as u64, &mut |w| {
            w.write_all(bytes).map_err(|source| ArchiveError::Write {
                path: PathBuf::from("-"),
                source,
            })
        })
    }
}

struct TarSink<W: Write> {
    out: W,
    written: HashSet<String>,
}

impl<W: Write> Sink for TarSink<W> {
    fn file(
        &mut self,
        path: &str,
        size: u64,
        fill: &mut dyn FnMut(&mut dyn Write) -> Result<(), ArchiveError>,
    ) -> Result<(), ArchiveError> {
        if !self.written.insert(path.to_string()) {
            return Ok(());
        }
        let werr = |source| ArchiveError::Write {
            path: PathBuf::from(path),
            source,
        };
        self.parent_dirs(path).map_err(werr)?;
        self.header(path, size, tar::EntryType::Regular, 0o644)
            .map_err(werr)?;
        let mut counter = CountingWriter {
            inner: &mut self.out,
            count: 0,
        };
        fill(&mut counter)?;
        if counter.count != size {
            return Err(ArchiveError::Invalid(format!(
                "{path}: wrote {} bytes, expected {size}",
                counter.count
            )));
        }
        let pad = (512 - size % 512) % 512;
        self.out.write_all(&vec![0u8; pad as usize]).map_err(werr)
    }
}

impl<W: Write> TarSink<W> {
    /// An entry for each directory above `path` not yet written: containers/image (skopeo,
    /// podman) extracts an oci-archive and chowns a directory the tar does not list to
    /// root, which an unprivileged user may not, so an archive without them loads only as
    /// root.
    fn parent_dirs(&mut self, path: &str) -> io::Result<()> {
        let mut end = 0;
        while let Some(slash) = path[end..].find('/') {
            end += slash + 1;
            let dir = &path[..end];
            if self.written.insert(dir.to_string()) {
                self.header(dir, 0, tar::EntryType::Directory, 0o755)?;
            }
        }
        Ok(())
    }

    fn header(&mut self, path: &str, size: u64, kind: tar::EntryType, mode: u32) -> io::Result<()> {
        let mut header = tar::Header::new_ustar();
        header.set_path(path)?;
        header.set_size(size);
        header.set_mode(mode);
        header.set_mtime(0);
        header.set_entry_type(kind);
        header.set_cksum();
        self.out.write_all(header.as_bytes())
    }

    fn finish(mut self) -> Result<W, ArchiveError> {
        self.out
            .write_all(&[0u8; 1024])
            .map_err(|source| ArchiveError::Write {
                path: PathBuf::from("-"),
                source,
            })?;
        Ok(self.out)
    }
}

struct DirSink {
    root: PathBuf,
}

impl Sink for DirSink {
    fn file(
        &mut self,
        path: &str,
        _size: u64,
        fill: &mut dyn FnMut(&mut dyn Write) -> Result<(), ArchiveError>,
    ) -> Result<(), ArchiveError> {
        let dest = self.root.join(path);
        if dest.exists() {
            return Ok(());
        }
        let werr = |source| ArchiveError::Write {
            path: dest.clone(),
            source,
        };
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(werr)?;
        }
        let mut file = io::BufWriter::new(File::create(&dest).map_err(werr)?);
        fill(&mut file)?;
        file.flush().map_err(werr)
    }
}

struct CountingWriter<'a, W: Write> {
    inner: &'a mut W,
    count: u64,
}

impl<W: Write> Write for CountingWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// One image to save, with the names to record for it.
pub struct SaveItem {
    pub image: ImageRecord,
    pub names: Vec<String>,
}

/// What saving `names_or_ids` writes: a name saves that name, an id every name its image
/// has; an image named twice is written once, with both names.
pub fn items(
    store: &Store,
    names_or_ids: &[String],
    registries: &RegistriesConfig,
) -> Result<Vec<SaveItem>, StoreError> {
    let index = store.index()?;
    let mut items: Vec<SaveItem> = Vec::new();
    for name_or_id in names_or_ids {
        let image = find_in(&index, name_or_id, registries)?;
        let names = match matched_name(&index, name_or_id, &image.id, registries) {
            Some(name) => vec![name],
            None => image.names.clone(),
        };
        match items.iter_mut().find(|i| i.image.id == image.id) {
            Some(item) => item.names.extend(names),
            None => items.push(SaveItem {
                image: image.clone(),
                names,
            }),
        }
    }
    Ok(items)
}

#[derive(Serialize, Deserialize)]
pub(super) struct DockerManifestEntry {
    #[serde(rename = "Config")]
    pub config: String,
    #[serde(rename = "RepoTags", default)]
    pub repo_tags: Option<Vec<String>>,
    #[serde(rename = "Layers")]
    pub layers: Vec<String>,
}

/// Saves to the file `path`, written beside it and renamed into place: a failed save leaves
/// no half archive.
pub fn save_to_file(
    store: &Store,
    items: &[SaveItem],
    how: SaveHow,
    path: &Path,
) -> Result<(), ArchiveError> {
    atomic::write_with(path, |out| {
        save(store, items, how, Some(out), None).map_err(Failed::Fill)
    })
    .map_err(|e| match e {
        Failed::Io(source) => ArchiveError::Write {
            path: path.to_path_buf(),
            source,
        },
        Failed::Fill(e) => e,
    })
}

/// Writes `items` as `how` says to `out` (a stream for the archives) or `dir` (for the
/// directory formats).
pub fn save(
    store: &Store,
    items: &[SaveItem],
    how: SaveHow,
    out: Option<&mut dyn Write>,
    dir: Option<&Path>,
) -> Result<(), ArchiveError> {
    let format = how.format;
    let layers = Layers {
        gzip: how.gzip,
        docker_types: format == ArchiveFormat::DockerDir,
    };
    match format {
        ArchiveFormat::OciDir | ArchiveFormat::DockerDir => {
            let root = dir
                .expect("a directory format saves to a directory")
                .to_path_buf();
            let sink = &mut DirSink { root };
            match format {
                ArchiveFormat::DockerDir => save_docker_dir(store, items, layers, sink),
                _ => save_oci(store, items, layers, sink),
            }
        }
        ArchiveFormat::DockerArchive | ArchiveFormat::OciArchive => {
            let out = out.expect("archives are written to a stream");
            let mut sink = TarSink {
                out: io::BufWriter::with_capacity(1 << 20, out),
                written: HashSet::new(),
            };
            if format == ArchiveFormat::DockerArchive {
                save_docker(store, items, &mut sink)?;
            } else {
                save_oci(store, items, layers, &mut sink)?;
            }
            sink.finish()?
                .flush()
                .map_err(|source| ArchiveError::Write {
                    path: PathBuf::from("-"),
                    source,
                })
        }
    }
}

pub(super) fn layer_file(
    store: &Store,
    sink: &mut dyn Sink,
    path: &str,
    chain: &Digest,
    info: &LayerInfo,
) -> Result<(), ArchiveError> {
    let dir = store.layer_dir(chain);
    sink.file(path, info.size, &mut |w| {
        layer_tar::write_layer_tar(&dir, &info.relocated, w)
            .map(|_| ())
            .map_err(|source| ArchiveError::Layer {
                layer: chain.to_string(),
                source,
            })
    })
}

fn save_docker(store: &Store, items: &[SaveItem], sink: &mut dyn Sink) -> Result<(), ArchiveError> {
    let mut entries = Vec::new();
    for item in items {
        let config_digest = item.image.config_digest();
        let config_name = format!("{}.json", config_digest.hex());
        sink.bytes(&config_name, &store.read_blob(&config_digest)?)?;
        let mut layers = Vec::new();
        for chain in &item.image.layers {
            let info = store.layer_info(chain)?;
            let path = format!("{}.tar", info.diff_id.hex());
            layer_file(store, sink, &path, chain, &info)?;
            layers.push(path);
        }
        entries.push(DockerManifestEntry {
            config: config_name,
            repo_tags: Some(item.names.clone()),
            layers,
        });
    }
    sink.bytes(
        "manifest.json",
        &serde_json::to_vec(&entries).expect("serialises"),
    )
}

fn save_oci(
    store: &Store,
    items: &[SaveItem],
    how: Layers,
    sink: &mut dyn Sink,
) -> Result<(), ArchiveError> {
    sink.bytes("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)?;
    let mut index = Index {
        schema_version: 2,
        media_type: Some(media::OCI_INDEX.into()),
        manifests: Vec::new(),
        annotations: BTreeMap::new(),
        subject: None,
    };
    for item in items {
        let bytes = image_files(store, &item.image, how, sink, &|d| {
            format!("blobs/sha256/{}", d.hex())
        })?;
        let digest = Digest::of(&bytes);
        sink.bytes(&format!("blobs/sha256/{}", digest.hex()), &bytes)?;
        let entry = Descriptor::new(media::OCI_MANIFEST, digest, bytes.len() as u64);
        if item.names.is_empty() {
            index.manifests.push(entry.clone());
        }
        for name in &item.names {
            let mut named = entry.clone();
            named.annotations.insert(REF_NAME.into(), name.clone());
            index.manifests.push(named);
        }
    }
    sink.bytes(
        "index.json",
        &serde_json::to_vec(&index).expect("serialises"),
    )
}

/// containers/image's `dir` layout: a version file, the manifest, and each blob under its
/// hex digest.
fn save_docker_dir(
    store: &Store,
    items: &[SaveItem],
    how: Layers,
    sink: &mut dyn Sink,
) -> Result<(), ArchiveError> {
    let [item] = items else {
        unreachable!("SaveHow::new refuses several images for docker-dir");
    };
    sink.bytes("version", DIR_VERSION.as_bytes())?;
    let bytes = image_files(store, &item.image, how, sink, &|d| d.hex().to_string())?;
    sink.bytes("manifest.json", &bytes)
}

/// Writes the image's config and layers (each named by `path_of` its digest) and returns its
/// manifest's bytes, with the stored manifest's annotations where the type can carry them.
fn image_files(
    store: &Store,
    image: &ImageRecord,
    how: Layers,
    sink: &mut dyn Sink,
    path_of: &dyn Fn(&Digest) -> String,
) -> Result<Vec<u8>, ArchiveError> {
    let config_digest = image.config_digest();
    let config = store.read_blob(&config_digest)?;
    sink.bytes(&path_of(&config_digest), &config)?;
    let mut layers = Vec::new();
    for chain in &image.layers {
        layers.push(how.write(store, sink, chain, path_of)?);
    }
    let (manifest_type, config_type) = match how.docker_types {
        true => (media::DOCKER_MANIFEST, media::DOCKER_CONFIG),
        false => (media::OCI_MANIFEST, media::OCI_CONFIG),
    };
    let stored = store.read_blob(&image.manifest)?;
    let annotations = match (
        how.docker_types,
        serde_json::from_slice::<Manifest>(&stored),
    ) {
        (false, Ok(m)) => m.annotations,
        _ => BTreeMap::new(),
    };
    let manifest = Manifest {
        schema_version: 2,
        media_type: Some(manifest_type.into()),
        config: Descriptor::new(config_type, config_digest, config.len() as u64),
        layers,
        annotations,
    };
    Ok(serde_json::to_vec(&manifest).expect("serialises"))
}
