//! `save` and `load`: images as docker-archive (`docker save`'s format), oci-archive (an OCI
//! image layout in a tar) or oci-dir (the layout as a directory).

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use nix::fcntl::OFlag;
use serde::{Deserialize, Serialize};

use super::layer_tar::{self, LayerTarError};
use super::manifest::{
    self, Compression, Descriptor, Document, ImageConfig, Index, MAX_DOCUMENT_SIZE, Manifest,
    ManifestError, media,
};
use super::reference::{RefError, Reference};
use super::store::{ImageRecord, LayerInfo, Store, StoreError, find_in, matched_name};
use super::unpack::{self, UnpackError};
use crate::config::RegistriesConfig;
use crate::ids::{Digest, ImageId};
use crate::runtime::safe_path::RootDir;
use crate::state::atomic::{self, Failed};
use crate::state::scratch;

const REF_NAME: &str = "org.opencontainers.image.ref.name";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveFormat {
    DockerArchive,
    OciArchive,
    OciDir,
}

impl ArchiveFormat {
    pub fn parse(s: &str) -> Option<ArchiveFormat> {
        match s {
            "docker-archive" => Some(ArchiveFormat::DockerArchive),
            "oci-archive" => Some(ArchiveFormat::OciArchive),
            "oci-dir" => Some(ArchiveFormat::OciDir),
            _ => None,
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
                Some("rpod loads docker-archive, oci-archive and oci-dir images".into())
            }
            _ => None,
        }
    }
}

/// Where saved files go: entries of a tar stream, or files under a directory.
trait Sink {
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
        let mut header = tar::Header::new_ustar();
        header.set_path(path).map_err(werr)?;
        header.set_size(size);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_entry_type(tar::EntryType::Regular);
        header.set_cksum();
        self.out.write_all(header.as_bytes()).map_err(werr)?;
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
struct DockerManifestEntry {
    #[serde(rename = "Config")]
    config: String,
    #[serde(rename = "RepoTags", default)]
    repo_tags: Option<Vec<String>>,
    #[serde(rename = "Layers")]
    layers: Vec<String>,
}

/// Saves to the file `path`, written beside it and renamed into place: a failed save leaves
/// no half archive.
pub fn save_to_file(
    store: &Store,
    items: &[SaveItem],
    format: ArchiveFormat,
    path: &Path,
) -> Result<(), ArchiveError> {
    atomic::write_with(path, |out| {
        save(store, items, format, Some(out), None).map_err(Failed::Fill)
    })
    .map_err(|e| match e {
        Failed::Io(source) => ArchiveError::Write {
            path: path.to_path_buf(),
            source,
        },
        Failed::Fill(e) => e,
    })
}

/// Writes `items` in `format` to `out` (a stream for the archives) or `dir` (for oci-dir).
pub fn save(
    store: &Store,
    items: &[SaveItem],
    format: ArchiveFormat,
    out: Option<&mut dyn Write>,
    dir: Option<&Path>,
) -> Result<(), ArchiveError> {
    match format {
        ArchiveFormat::OciDir => {
            let root = dir.expect("oci-dir saves to a directory").to_path_buf();
            save_oci(store, items, &mut DirSink { root })
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
                save_oci(store, items, &mut sink)?;
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

fn layer_file(
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

fn save_oci(store: &Store, items: &[SaveItem], sink: &mut dyn Sink) -> Result<(), ArchiveError> {
    sink.bytes("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)?;
    let mut index = Index {
        schema_version: 2,
        media_type: Some(media::OCI_INDEX.into()),
        manifests: Vec::new(),
        annotations: BTreeMap::new(),
    };
    for item in items {
        let config_digest = item.image.config_digest();
        let config = store.read_blob(&config_digest)?;
        sink.bytes(&format!("blobs/sha256/{}", config_digest.hex()), &config)?;
        let mut layers = Vec::new();
        for chain in &item.image.layers {
            let info = store.layer_info(chain)?;
            layer_file(
                store,
                sink,
                &format!("blobs/sha256/{}", info.diff_id.hex()),
                chain,
                &info,
            )?;
            layers.push(Descriptor::new(
                media::OCI_LAYER,
                info.diff_id.clone(),
                info.size,
            ));
        }
        let manifest = Manifest {
            schema_version: 2,
            media_type: Some(media::OCI_MANIFEST.into()),
            config: Descriptor::new(media::OCI_CONFIG, config_digest, config.len() as u64),
            layers,
            annotations: BTreeMap::new(),
        };
        let bytes = serde_json::to_vec(&manifest).expect("serialises");
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

/// What `load` stored: each image with the names it received.
pub struct Loaded {
    pub id: ImageId,
    pub names: Vec<String>,
}

/// A read-only view of an unpacked archive or an oci-dir. Everything in it is read through
/// openat2(RESOLVE_IN_ROOT): an archive's symlinks resolve inside it (docker save links
/// identical layers), never to a host file; and only regular files are read, so that a fifo
/// cannot hang a load nor a device feed it forever.
struct Source {
    root: RootDir,
}

impl Source {
    fn new(root: &Path) -> Result<Source, ArchiveError> {
        let root = RootDir::open(root)
            .map_err(|e| ArchiveError::Invalid(format!("{}: {e}", root.display())))?;
        Ok(Source { root })
    }

    fn checked(rel: &str) -> Result<&Path, ArchiveError> {
        let path = Path::new(rel);
        if path.is_absolute()
            || path
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
        {
            return Err(ArchiveError::Invalid(format!(
                "entry {} points outside the archive",
                path.display()
            )));
        }
        Ok(path)
    }

    fn exists(&self, rel: &str) -> Result<bool, ArchiveError> {
        Ok(self
            .root
            .open_at(Source::checked(rel)?, OFlag::O_PATH)
            .is_ok())
    }

    /// The regular file `rel`, open for reading, and its size.
    fn open(&self, rel: &str) -> Result<(File, u64), ArchiveError> {
        let invalid = |e: io::Error| ArchiveError::Invalid(format!("{rel}: {e}"));
        // O_NONBLOCK: opening a fifo for reading would otherwise wait for a writer.
        let fd = self
            .root
            .open_at(
                Source::checked(rel)?,
                OFlag::O_RDONLY | OFlag::O_NONBLOCK | OFlag::O_NOCTTY,
            )
            .map_err(invalid)?;
        let file = File::from(fd);
        let meta = file.metadata().map_err(invalid)?;
        if !meta.is_file() {
            return Err(ArchiveError::Invalid(format!(
                "{rel} is not a regular file"
            )));
        }
        Ok((file, meta.len()))
    }

    /// A document (manifest, index, config): small, or refused before it is read.
    fn read(&self, rel: &str) -> Result<Vec<u8>, ArchiveError> {
        let (file, len) = self.open(rel)?;
        if len > MAX_DOCUMENT_SIZE {
            return Err(ArchiveError::Invalid(format!(
                "{rel} is larger than the {MAX_DOCUMENT_SIZE} bytes a document may have"
            )));
        }
        let mut bytes = Vec::with_capacity(len as usize);
        file.take(MAX_DOCUMENT_SIZE)
            .read_to_end(&mut bytes)
            .map_err(|e| ArchiveError::Invalid(format!("{rel}: {e}")))?;
        Ok(bytes)
    }

    fn blob(&self, digest: &Digest) -> Result<Vec<u8>, ArchiveError> {
        let bytes = self.read(&format!("blobs/sha256/{}", digest.hex()))?;
        if Digest::of(&bytes) != *digest {
            return Err(ArchiveError::Invalid(format!(
                "blob {digest} does not match its digest"
            )));
        }
        Ok(bytes)
    }
}

/// Loads every image in an archive stream (possibly gzip or zstd compressed) or an oci-dir.
pub fn load(store: &Store, input: LoadInput) -> Result<Vec<Loaded>, ArchiveError> {
    match input {
        LoadInput::Dir(dir) => load_from(store, &Source::new(dir)?),
        LoadInput::Stream(stream) => {
            let tmp = scratch::temp_path(store.dir(), "load");
            fs::create_dir_all(&tmp).map_err(|source| ArchiveError::Write {
                path: tmp.clone(),
                source,
            })?;
            let result = (|| {
                let mut reader = BufReader::with_capacity(1 << 20, stream);
                let head = reader.fill_buf().map_err(ArchiveError::Read)?;
                let decompressed: Box<dyn Read> = match Compression::sniff(head) {
                    Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(reader)),
                    Compression::Zstd => {
                        Box::new(zstd::Decoder::with_buffer(reader).map_err(ArchiveError::Read)?)
                    }
                    Compression::None => Box::new(reader),
                };
                unpack::unpack(decompressed, &tmp, io::sink(), None)?;
                load_from(store, &Source::new(&tmp)?)
            })();
            let _ = scratch::remove_any(&tmp);
            result
        }
    }
}

pub enum LoadInput<'a> {
    Stream(&'a mut dyn Read),
    Dir(&'a Path),
}

fn load_from(store: &Store, src: &Source) -> Result<Vec<Loaded>, ArchiveError> {
    if src.exists("manifest.json")? {
        let entries: Vec<DockerManifestEntry> = serde_json::from_slice(&src.read("manifest.json")?)
            .map_err(|e| ArchiveError::Invalid(format!("manifest.json: {e}")))?;
        let mut loaded = Vec::new();
        for entry in entries {
            let config = src.read(&entry.config)?;
            let files: Vec<File> = entry
                .layers
                .iter()
                .map(|l| src.open(l).map(|(file, _)| file))
                .collect::<Result<_, _>>()?;
            let names = entry.repo_tags.unwrap_or_default();
            loaded.push(store_image(store, &config, files, &entry.layers, &names)?);
        }
        return Ok(loaded);
    }
    if src.exists("index.json")? {
        let index_bytes = src.read("index.json")?;
        let digest = Digest::of(&index_bytes);
        let Document::Index(index) =
            Document::parse(&index_bytes, Some(media::OCI_INDEX), &digest)?
        else {
            return Err(ArchiveError::Invalid(
                "index.json is not an image index".into(),
            ));
        };
        let mut by_manifest: BTreeMap<Digest, Vec<String>> = BTreeMap::new();
        for entry in &index.manifests {
            let names = by_manifest.entry(entry.digest.clone()).or_default();
            if let Some(name) = entry.annotations.get(REF_NAME) {
                names.push(name.clone());
            }
        }
        let mut loaded = Vec::new();
        for (digest, names) in by_manifest {
            let bytes = src.blob(&digest)?;
            let Document::Manifest(m) = Document::parse(&bytes, None, &digest)? else {
                return Err(ArchiveError::Invalid(format!(
                    "{digest}: nested indexes are not supported by load"
                )));
            };
            let config = src.blob(&m.config.digest)?;
            let rels: Vec<String> = m
                .layers
                .iter()
                .map(|l| format!("blobs/sha256/{}", l.digest.hex()))
                .collect();
            let files: Vec<File> = rels
                .iter()
                .map(|r| src.open(r).map(|(file, _)| file))
                .collect::<Result<_, _>>()?;
            for layer in &m.layers {
                manifest::check_layer_type(layer)?;
            }
            loaded.push(store_image(store, &config, files, &rels, &names)?);
        }
        return Ok(loaded);
    }
    Err(ArchiveError::Invalid(
        "neither manifest.json (docker-archive) nor index.json (OCI layout) found".into(),
    ))
}

/// Stores an image from its config and layer files (any compression), checking every layer
/// against the config's diff ids.
fn store_image(
    store: &Store,
    config_bytes: &[u8],
    files: Vec<File>,
    labels: &[String],
    names: &[String],
) -> Result<Loaded, ArchiveError> {
    let config_digest = Digest::of(config_bytes);
    let config = ImageConfig::parse(config_bytes, &config_digest)?;
    if config.rootfs.diff_ids.len() != files.len() {
        return Err(ArchiveError::Invalid(format!(
            "image {} lists {} layers but its config has {} diff ids",
            config_digest.short(),
            files.len(),
            config.rootfs.diff_ids.len()
        )));
    }
    let chain = manifest::chain_ids(&config.rootfs.diff_ids);
    let mut layers = Vec::new();
    let mut size = 0;
    for (i, file) in files.into_iter().enumerate() {
        let info = if store.has_layer(&chain[i]) {
            store.layer_info(&chain[i])?
        } else {
            let parent = i.checked_sub(1).map(|p| &chain[p]);
            layer_tar::import_layer(store, file, parent, Some(&config.rootfs.diff_ids[i])).map_err(
                |source| ArchiveError::Layer {
                    layer: labels[i].clone(),
                    source,
                },
            )?
        };
        size += info.size;
        layers.push(Descriptor::new(
            media::OCI_LAYER,
            info.diff_id.clone(),
            info.size,
        ));
    }
    store.put_blob(config_bytes)?;
    let manifest = Manifest::oci(&config_digest, config_bytes.len() as u64, layers);
    let manifest_digest = store.put_blob(&serde_json::to_vec(&manifest).expect("serialises"))?;
    let mut record = Store::new_record(
        ImageId::from_config_digest(&config_digest),
        manifest_digest,
        chain,
        size,
        config.created.clone(),
    );
    let mut stored_names = Vec::new();
    for name in names {
        let reference = Reference::parse_docker(name)?;
        if let Some(tagged) = reference.tagged_name() {
            stored_names.push(tagged);
        }
    }
    record.names = stored_names.clone();
    let id = record.id.clone();
    store.add_image(record)?;
    Ok(Loaded {
        id,
        names: stored_names,
    })
}
