//! `load`: images from a docker-archive, an oci-archive (either possibly compressed), an
//! oci-dir or a docker-dir (containers/image's `dir` layout, as `save --format docker-dir`
//! writes it). Each image is stored with its source manifest's annotations, so that an OCI
//! archive `save` wrote gives the saved image back as it was.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use nix::fcntl::OFlag;

use super::archive::{ArchiveError, DIR_VERSION, DockerManifestEntry, REF_NAME};
use super::layer_tar;
use super::manifest::{
    self, Compression, Descriptor, Document, ImageConfig, MAX_DOCUMENT_SIZE, Manifest, media,
};
use super::reference::Reference;
use super::store::Store;
use super::unpack;
use crate::ids::{Digest, ImageId};
use crate::runtime::safe_path::RootDir;
use crate::state::scratch;

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

    /// The document `rel`, which must have `digest`.
    fn blob_at(&self, rel: &str, digest: &Digest) -> Result<Vec<u8>, ArchiveError> {
        let bytes = self.read(rel)?;
        if Digest::of(&bytes) != *digest {
            return Err(ArchiveError::Invalid(format!(
                "blob {digest} does not match its digest"
            )));
        }
        Ok(bytes)
    }
}

/// Loads every image in an archive stream (possibly gzip or zstd compressed) or a directory.
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
    if src.exists("version")? {
        return load_dir_transport(store, src).map(|image| vec![image]);
    }
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
            // docker save's manifest.json has no annotations to keep.
            loaded.push(store_image(
                store,
                &config,
                files,
                &entry.layers,
                &names,
                BTreeMap::new(),
            )?);
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
        let blob_path = |d: &Digest| format!("blobs/sha256/{}", d.hex());
        let mut loaded = Vec::new();
        for (digest, names) in by_manifest {
            let manifest = src.blob_at(&blob_path(&digest), &digest)?;
            loaded.push(load_manifest(
                store, src, &manifest, &digest, &blob_path, &names,
            )?);
        }
        return Ok(loaded);
    }
    Err(ArchiveError::Invalid(
        "none of manifest.json (docker-archive), index.json (OCI layout) or version (docker-dir) found".into(),
    ))
}

/// containers/image's `dir` layout: one image, its manifest in manifest.json, each blob under
/// its hex digest. It holds no name: the image is loaded by id, as podman's.
fn load_dir_transport(store: &Store, src: &Source) -> Result<Loaded, ArchiveError> {
    let version = src.read("version")?;
    if version != DIR_VERSION.as_bytes() {
        return Err(ArchiveError::Invalid(format!(
            "version: {:?} is not the dir transport's {:?}",
            String::from_utf8_lossy(&version).trim_end(),
            DIR_VERSION.trim_end()
        )));
    }
    let manifest = src.read("manifest.json")?;
    let digest = Digest::of(&manifest);
    load_manifest(
        store,
        src,
        &manifest,
        &digest,
        &|d: &Digest| d.hex().to_string(),
        &[],
    )
}

/// Stores the image whose manifest is `bytes`, its blobs at `path_of` their digests.
fn load_manifest(
    store: &Store,
    src: &Source,
    bytes: &[u8],
    digest: &Digest,
    path_of: &dyn Fn(&Digest) -> String,
    names: &[String],
) -> Result<Loaded, ArchiveError> {
    let Document::Manifest(m) = Document::parse(bytes, None, digest)? else {
        return Err(ArchiveError::Invalid(format!(
            "{digest}: nested indexes are not supported by load"
        )));
    };
    let config = src.blob_at(&path_of(&m.config.digest), &m.config.digest)?;
    for layer in &m.layers {
        manifest::check_layer_type(layer)?;
    }
    let rels: Vec<String> = m.layers.iter().map(|l| path_of(&l.digest)).collect();
    let files: Vec<File> = rels
        .iter()
        .map(|r| src.open(r).map(|(file, _)| file))
        .collect::<Result<_, _>>()?;
    store_image(store, &config, files, &rels, names, m.annotations)
}

/// Stores an image from its config and layer files (any compression), checking every layer
/// against the config's diff ids.
fn store_image(
    store: &Store,
    config_bytes: &[u8],
    files: Vec<File>,
    labels: &[String],
    names: &[String],
    annotations: BTreeMap<String, String>,
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
    let manifest = Manifest {
        annotations,
        ..Manifest::oci(&config_digest, config_bytes.len() as u64, layers)
    };
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
