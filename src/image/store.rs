//! The content-addressed image store.
//!
//! ```text
//! storage/lock                      flock for metadata changes
//! storage/images.json               every image record; one atomic rewrite per change
//! storage/blobs/sha256/<hex>        manifests, indexes and configs, verbatim
//! storage/layers/<chain-hex>/       diff/ (the extracted tree), layer.json, tar-split.zst
//! ```
//!
//! A layer is unpacked into a temp directory and renamed into place; an image record is
//! written only after every layer it names exists. Layer directories are never modified once
//! in place. A command killed at any instant leaves temp names that the next one removes.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::manifest::Descriptor;
use super::reference::{Parsed, Reference};
use crate::config::RegistriesConfig;
use crate::ids::{Digest, ImageId, is_id_prefix};
use crate::state::{atomic, lock, scratch};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}: image not known")]
    NotFound(String),
    #[error("{name_or_id}: image id prefix is ambiguous: it matches {count} images")]
    Ambiguous { name_or_id: String, count: usize },
    #[error("image store {}: {action}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("image store {} is corrupt: {message}", path.display())]
    Corrupt { path: PathBuf, message: String },
    #[error("image {id} is in the read-only image store {}: it cannot be removed or renamed", store.display())]
    ReadOnly { id: String, store: PathBuf },
    #[error("additional image store {}: {source}", path.display())]
    Shared { path: PathBuf, source: io::Error },
}

impl StoreError {
    pub fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> StoreError {
        let path = path.to_path_buf();
        move |source| StoreError::Io {
            action,
            path,
            source,
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            StoreError::NotFound(_) => Some("pull it first, or check `rpod images`".into()),
            StoreError::Corrupt { .. } => Some("run: rpod system check --repair".into()),
            StoreError::ReadOnly { .. } => Some(
                "its store is shared ([storage] additional-image-stores): tag or remove it there, or pull it into your own store"
                    .into(),
            ),
            StoreError::Io { source, .. } if source.raw_os_error() == Some(libc::ENOSPC) => {
                Some("the file system holding the store is full: free space or use --root".into())
            }
            _ => None,
        }
    }
}

/// What the store knows of one image.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImageRecord {
    pub id: ImageId,
    /// `registry/repository:tag`; a name belongs to one image at a time.
    #[serde(default)]
    pub names: Vec<String>,
    /// Every name the image was given, the latest first, kept when a name moves to another
    /// image or is untagged: podman's `NamesHistory` (`images --history`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names_history: Vec<String>,
    /// `registry/repository@digest` for the manifest (and index) digests it was pulled by.
    #[serde(default)]
    pub repo_digests: Vec<String>,
    /// The image manifest, kept in blobs/.
    pub manifest: Digest,
    /// Chain ids of the layers, bottom first.
    pub layers: Vec<Digest>,
    /// Sum of the layers' uncompressed sizes.
    pub size: u64,
    /// The config's creation time (RFC 3339), as the image says.
    #[serde(default)]
    pub created: Option<String>,
    /// When this store received the image (RFC 3339).
    pub added: String,
    /// The image this one was built or committed on top of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ImageId>,
    /// For a build step's image: the hash of its parent and step, which a later build looks
    /// up to reuse it (the build cache).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build_key: Option<Digest>,
    /// For an image of a shared read-only store: that store's directory.
    #[serde(skip)]
    pub read_only_store: Option<PathBuf>,
}

impl ImageRecord {
    pub fn config_digest(&self) -> Digest {
        self.id.digest()
    }

    /// `(repository, tag)` pairs for the image table; `<none>` when untagged.
    pub fn repo_tags(&self) -> Vec<(String, String)> {
        if self.names.is_empty() {
            return vec![("<none>".into(), "<none>".into())];
        }
        self.names
            .iter()
            .map(
                |n| match n.rsplit_once(':').filter(|(_, t)| !t.contains('/')) {
                    Some((repo, tag)) => (repo.to_string(), tag.to_string()),
                    None => (n.clone(), "<none>".into()),
                },
            )
            .collect()
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ImageIndex {
    #[serde(default)]
    pub images: Vec<ImageRecord>,
}

impl ImageIndex {
    pub fn get(&self, id: &ImageId) -> Option<&ImageRecord> {
        self.images.iter().find(|i| &i.id == id)
    }

    /// Whether another image was built or committed on top of `id`.
    pub fn has_children(&self, id: &ImageId) -> bool {
        self.images.iter().any(|i| i.parent.as_ref() == Some(id))
    }

    /// An unnamed image that others were built on: a build step that `images` hides unless
    /// `-a`, as docker does, and that goes with the last image built on it.
    pub fn is_intermediate(&self, image: &ImageRecord) -> bool {
        image.names.is_empty() && self.has_children(&image.id)
    }

    /// An unnamed image nothing was built on: what `image prune` removes.
    pub fn is_dangling(&self, image: &ImageRecord) -> bool {
        image.names.is_empty() && !self.has_children(&image.id)
    }

    /// The image a build step with `key` made, if it and its layers are still here.
    pub fn by_build_key(&self, key: &Digest) -> Option<&ImageRecord> {
        self.images
            .iter()
            .find(|i| i.build_key.as_ref() == Some(key))
    }

    /// Gives `name` to `id` and takes it from whichever image held it.
    pub fn set_name(&mut self, id: &ImageId, name: &str) {
        for image in &mut self.images {
            if &image.id == id {
                if !image.names.iter().any(|n| n == name) {
                    image.names.push(name.to_string());
                }
                image.names_history.retain(|n| n != name);
                image.names_history.insert(0, name.to_string());
            } else if image.read_only_store.is_none() {
                // A shared store's image keeps its name; this store's image, listed first,
                // shadows it.
                image.names.retain(|n| n != name);
            }
        }
    }

    /// Inserts a record, merging names and digests into an existing one with the same id.
    pub fn upsert(&mut self, record: ImageRecord) {
        let names = record.names.clone();
        match self.images.iter_mut().find(|i| i.id == record.id) {
            Some(existing) => {
                for d in record.repo_digests {
                    if !existing.repo_digests.contains(&d) {
                        existing.repo_digests.push(d);
                    }
                }
            }
            None => self.images.push(ImageRecord {
                names: Vec::new(),
                ..record.clone()
            }),
        }
        for name in names {
            self.set_name(&record.id, &name);
        }
    }
}

/// What a layer directory says about itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LayerInfo {
    pub chain_id: Digest,
    pub diff_id: Digest,
    pub parent: Option<Digest>,
    /// Bytes of the uncompressed tar.
    pub size: u64,
    /// The compressed blob it was pulled as, so a push can reuse it where the registry has it.
    pub blob: Option<Descriptor>,
    /// Files of the tar that later entries replaced, kept in shadow/ to rebuild the tar.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub relocated: BTreeMap<u64, PathBuf>,
    /// Whether the tree records its entries' owners (`user.rpod.owner`): layers unpacked
    /// before root emulation have them only in the tar-split, until layer_owners fills them in.
    #[serde(default)]
    pub owners_recorded: bool,
}

pub const DIFF_DIR: &str = "diff";
pub const LAYER_INFO: &str = "layer.json";
pub const TAR_SPLIT: &str = "tar-split.zst";
pub const SHADOW_DIR: &str = "shadow";

pub struct Store {
    dir: PathBuf,
    /// Read-only image stores (their `storage` directories) whose images and layers are used
    /// in place: see `image::shared`.
    pub(super) shared: Vec<PathBuf>,
}

/// A layer being written, in a temp directory of layers/.
pub struct NewLayer {
    tmp: PathBuf,
    layers_dir: PathBuf,
}

impl NewLayer {
    pub fn diff(&self) -> PathBuf {
        self.tmp.join(DIFF_DIR)
    }

    pub fn tar_split_path(&self) -> PathBuf {
        self.tmp.join(TAR_SPLIT)
    }

    pub fn shadow(&self) -> PathBuf {
        self.tmp.join(SHADOW_DIR)
    }

    /// Moves the layer into place. Returns false when another process put it there first (its
    /// copy is as good as ours: same content address).
    pub fn commit(self, info: &LayerInfo) -> Result<bool, StoreError> {
        let info_path = self.tmp.join(LAYER_INFO);
        atomic::write_json(&info_path, info)
            .map_err(StoreError::io("write layer info", &info_path))?;
        let dest = self.layers_dir.join(info.chain_id.hex());
        match fs::rename(&self.tmp, &dest) {
            Ok(()) => Ok(true),
            Err(e) if matches!(e.raw_os_error(), Some(libc::EEXIST | libc::ENOTEMPTY)) => Ok(false),
            Err(e) => Err(StoreError::io("install layer", &dest)(e)),
        }
    }
}

impl Drop for NewLayer {
    fn drop(&mut self) {
        let _ = scratch::remove_any(&self.tmp);
    }
}

fn now_rfc3339() -> String {
    jiff::Timestamp::now().to_string()
}

impl Store {
    /// Opens (creating) the store under `root` and removes what killed commands left behind.
    pub fn open(root: &Path) -> Result<Store, StoreError> {
        let dir = root.join("storage");
        let store = Store {
            dir,
            shared: Vec::new(),
        };
        for sub in [store.blobs_dir(), store.layers_dir()] {
            fs::create_dir_all(&sub).map_err(StoreError::io("create directory", &sub))?;
        }
        for sub in [store.dir.clone(), store.blobs_dir(), store.layers_dir()] {
            scratch::clean(&sub).map_err(StoreError::io("remove leftovers", &sub))?;
        }
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where this store's own blobs are written (never a shared store's).
    pub(super) fn blobs_dir(&self) -> PathBuf {
        self.dir.join("blobs/sha256")
    }

    fn layers_dir(&self) -> PathBuf {
        self.dir.join("layers")
    }

    pub(super) fn index_path(&self) -> PathBuf {
        self.dir.join("images.json")
    }

    /// The store-wide lock for metadata changes.
    pub fn lock(&self) -> Result<lock::Guard, StoreError> {
        let path = self.dir.join("lock");
        lock::exclusive(&path).map_err(StoreError::io("lock", &path))
    }

    // Blobs.

    pub fn blob_path(&self, digest: &Digest) -> PathBuf {
        self.in_shared(&self.blobs_dir().join(digest.hex()))
    }

    pub fn put_blob(&self, bytes: &[u8]) -> Result<Digest, StoreError> {
        let digest = Digest::of(bytes);
        let path = self.blob_path(&digest);
        if !path.exists() {
            atomic::write(&path, bytes).map_err(StoreError::io("write blob", &path))?;
        }
        Ok(digest)
    }

    pub fn read_blob(&self, digest: &Digest) -> Result<Vec<u8>, StoreError> {
        let path = self.blob_path(digest);
        let bytes = fs::read(&path).map_err(StoreError::io("read blob", &path))?;
        if Digest::of(&bytes) != *digest {
            return Err(StoreError::Corrupt {
                path,
                message: format!("blob content does not match its digest {digest}"),
            });
        }
        Ok(bytes)
    }

    // Layers.

    pub fn layer_dir(&self, chain_id: &Digest) -> PathBuf {
        self.in_shared(&self.layers_dir().join(chain_id.hex()))
    }

    pub fn layer_diff(&self, chain_id: &Digest) -> PathBuf {
        self.layer_dir(chain_id).join(DIFF_DIR)
    }

    pub fn has_layer(&self, chain_id: &Digest) -> bool {
        self.layer_dir(chain_id).join(LAYER_INFO).exists()
    }

    pub fn layer_info(&self, chain_id: &Digest) -> Result<LayerInfo, StoreError> {
        let path = self.layer_dir(chain_id).join(LAYER_INFO);
        let bytes = fs::read(&path).map_err(StoreError::io("read layer info", &path))?;
        serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
            path,
            message: e.to_string(),
        })
    }

    /// A temp directory for a layer; its chain id is given when it is committed.
    pub fn new_layer(&self) -> Result<NewLayer, StoreError> {
        let tmp = scratch::temp_path(&self.layers_dir(), "layer");
        let diff = tmp.join(DIFF_DIR);
        fs::create_dir_all(&diff).map_err(StoreError::io("create layer", &diff))?;
        Ok(NewLayer {
            tmp,
            layers_dir: self.layers_dir(),
        })
    }

    // Image records.

    /// This store's images, then those of the shared stores it lacks (marked read-only).
    pub fn index(&self) -> Result<ImageIndex, StoreError> {
        let mut index = self.own_index()?;
        index.images.extend(self.shared_images(&index)?);
        Ok(index)
    }

    pub(super) fn own_index(&self) -> Result<ImageIndex, StoreError> {
        Self::read_index(self.index_path())
    }

    pub(super) fn read_index(path: PathBuf) -> Result<ImageIndex, StoreError> {
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
                path,
                message: e.to_string(),
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(ImageIndex::default()),
            Err(e) => Err(StoreError::io("read image index", &path)(e)),
        }
    }

    /// Changes the image index under the store lock. The caller holds `guard` from [`Store::lock`].
    /// Refuses a change to a shared store's image (see `image::shared`).
    pub fn write_index(&self, guard: &lock::Guard, index: &ImageIndex) -> Result<(), StoreError> {
        let own = self.without_shared(index)?;
        self.write_own_index(guard, &own)
    }

    /// Writes `own`, an index of this store's own images only (read by `own_index`): no shared
    /// image is in it to be checked, and none can lose a name to it (the own image shadows).
    fn write_own_index(&self, _guard: &lock::Guard, own: &ImageIndex) -> Result<(), StoreError> {
        let path = self.index_path();
        atomic::write_json(&path, own).map_err(StoreError::io("write image index", &path))
    }

    /// Records an image whose blobs and layers are all in place.
    pub fn add_image(&self, record: ImageRecord) -> Result<(), StoreError> {
        let guard = self.lock()?;
        if let Some(missing) = record.layers.iter().find(|l| !self.has_layer(l)) {
            return Err(StoreError::Corrupt {
                path: self.layer_dir(missing),
                message: format!("layer {missing} of image {} is missing", record.id.short()),
            });
        }
        // Only this store's images: `write_index` would take the shared ones as removed.
        let mut index = self.own_index()?;
        index.upsert(record);
        self.write_own_index(&guard, &index)
    }

    /// Makes image `id`, pulled from a build cache repository as `name`, the image of the
    /// build step with `key` on `parent`, as if a build in this store had made it: it loses
    /// the cache's name and is found by the key.
    pub fn adopt_build_step(
        &self,
        id: &ImageId,
        name: &str,
        parent: Option<&ImageId>,
        key: &Digest,
    ) -> Result<ImageRecord, StoreError> {
        self.edit_own(id, |image| {
            image.names.retain(|n| n != name);
            image.parent = parent.cloned();
            image.build_key = Some(key.clone());
        })
    }

    /// Gives image `id` another manifest (a blob in place) describing the same config and
    /// layers: a build's annotations. Returns the updated record.
    pub fn set_manifest(&self, id: &ImageId, manifest: &Digest) -> Result<ImageRecord, StoreError> {
        self.edit_own(id, |image| image.manifest = manifest.clone())
    }

    /// Changes image `id`'s record in the own store's index, under the lock; returns it.
    fn edit_own(
        &self,
        id: &ImageId,
        edit: impl FnOnce(&mut ImageRecord),
    ) -> Result<ImageRecord, StoreError> {
        let guard = self.lock()?;
        let mut index = self.own_index()?;
        let image = index
            .images
            .iter_mut()
            .find(|i| &i.id == id)
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        edit(image);
        let record = image.clone();
        self.write_own_index(&guard, &index)?;
        Ok(record)
    }

    /// Gives `names` to image `id`, taking them from the images that held them.
    pub fn name_image(&self, id: &ImageId, names: &[String]) -> Result<(), StoreError> {
        if names.is_empty() {
            return Ok(());
        }
        let guard = self.lock()?;
        let mut index = self.index()?;
        if index.get(id).is_none() {
            return Err(StoreError::NotFound(id.to_string()));
        }
        for name in names {
            index.set_name(id, name);
        }
        self.write_index(&guard, &index)
    }

    pub fn new_record(
        id: ImageId,
        manifest: Digest,
        layers: Vec<Digest>,
        size: u64,
        created: Option<String>,
    ) -> ImageRecord {
        ImageRecord {
            id,
            names: Vec::new(),
            names_history: Vec::new(),
            repo_digests: Vec::new(),
            manifest,
            layers,
            size,
            created,
            added: now_rfc3339(),
            parent: None,
            build_key: None,
            read_only_store: None,
        }
    }

    /// Finds an image by id, id prefix, or name (resolved as pull would resolve it, plus
    /// `localhost/` where built and imported images live).
    pub fn find(
        &self,
        name_or_id: &str,
        registries: &RegistriesConfig,
    ) -> Result<ImageRecord, StoreError> {
        let index = self.index()?;
        find_in(&index, name_or_id, registries).cloned()
    }

    /// Removes layers and blobs that no image refers to. Returns how many layers went.
    pub fn collect_garbage(&self) -> Result<usize, StoreError> {
        self.collect_unused(std::time::Duration::ZERO, &[])
    }

    /// [`Store::collect_garbage`] of what was last changed at least `age` ago, and of the
    /// layers and blobs in `known` (whose images are gone) whatever their age: younger
    /// unreferenced ones may be a pull's, whose image is not recorded yet.
    pub fn collect_unused(
        &self,
        age: std::time::Duration,
        known: &[Digest],
    ) -> Result<usize, StoreError> {
        let known: std::collections::HashSet<&str> = known.iter().map(|d| d.hex()).collect();
        let guard = self.lock()?;
        let index = self.index()?;
        let mut layers_in_use = std::collections::HashSet::new();
        let mut blobs_in_use = std::collections::HashSet::new();
        for image in &index.images {
            layers_in_use.extend(image.layers.iter().map(|l| l.hex().to_string()));
            blobs_in_use.insert(image.manifest.hex().to_string());
            blobs_in_use.insert(image.id.as_str().to_string());
            for rd in &image.repo_digests {
                if let Some((_, d)) = rd.rsplit_once('@')
                    && let Ok(d) = d.parse::<Digest>()
                {
                    blobs_in_use.insert(d.hex().to_string());
                }
            }
        }
        // A manifest list's index lives among the blobs, and so do the artifacts made for it;
        // its other entries are images of their own.
        for digest in super::list_artifact::blobs_in_use(self)? {
            blobs_in_use.insert(digest.hex().to_string());
        }
        // An artifact's manifest, config and files are blobs too.
        for digest in super::artifact::blobs_in_use(self)? {
            blobs_in_use.insert(digest.hex().to_string());
        }
        let mut doomed = Vec::new();
        for (dir, in_use) in [
            (self.layers_dir(), &layers_in_use),
            (self.blobs_dir(), &blobs_in_use),
        ] {
            let entries = fs::read_dir(&dir).map_err(StoreError::io("list", &dir))?;
            for entry in entries {
                let entry = entry.map_err(StoreError::io("list", &dir))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with(scratch::PREFIX)
                    || in_use.contains(&name)
                    || !age.is_zero()
                        && !known.contains(name.as_str())
                        && !older_than(&entry.path(), age)
                {
                    continue;
                }
                // Renamed under the lock so that a concurrent pull sees it gone at once.
                let tmp = scratch::temp_path(&dir, "gc");
                fs::rename(entry.path(), &tmp).map_err(StoreError::io("remove", &entry.path()))?;
                doomed.push((dir == self.layers_dir(), tmp));
            }
        }
        drop(guard);
        let mut layers = 0;
        for (is_layer, path) in doomed {
            scratch::remove_any(&path).map_err(StoreError::io("remove", &path))?;
            layers += usize::from(is_layer);
        }
        Ok(layers)
    }
}

/// Whether `path` was last changed at least `age` ago (unreadable times count as old).
pub(super) fn older_than(path: &Path, age: std::time::Duration) -> bool {
    fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|elapsed| elapsed >= age)
}

/// Name lookup shared by every command that takes an image argument.
pub fn find_in<'a>(
    index: &'a ImageIndex,
    name_or_id: &str,
    registries: &RegistriesConfig,
) -> Result<&'a ImageRecord, StoreError> {
    let hex = name_or_id.strip_prefix("sha256:").unwrap_or(name_or_id);
    if hex.len() == 64
        && let Some(image) = index.images.iter().find(|i| i.id.as_str() == hex)
    {
        return Ok(image);
    }
    for candidate in &local_candidates(name_or_id, registries) {
        if let Some(image) = find_reference(index, candidate) {
            return Ok(image);
        }
    }
    if is_id_prefix(hex) {
        let matches: Vec<_> = index
            .images
            .iter()
            .filter(|i| i.id.as_str().starts_with(hex))
            .collect();
        match matches.len() {
            1 => return Ok(matches[0]),
            0 => {}
            count => {
                return Err(StoreError::Ambiguous {
                    name_or_id: name_or_id.to_string(),
                    count,
                });
            }
        }
    }
    Err(StoreError::NotFound(name_or_id.to_string()))
}

/// The references a name may mean in this store: what pull would resolve it to, plus
/// `localhost/` where built, imported and manifest lists live. None for what is no name.
pub fn local_candidates(name_or_id: &str, registries: &RegistriesConfig) -> Vec<Reference> {
    let Ok(parsed) = Parsed::parse(name_or_id) else {
        return Vec::new();
    };
    let mut candidates = parsed.candidates(registries);
    if !parsed.is_qualified() {
        candidates.extend(
            Parsed {
                registry: Some("localhost".into()),
                ..parsed
            }
            .candidates(registries),
        );
    }
    candidates
}

/// Which of the image's names `name_or_id` named, if it named one rather than an id.
pub fn matched_name(
    index: &ImageIndex,
    name_or_id: &str,
    id: &ImageId,
    registries: &RegistriesConfig,
) -> Option<String> {
    let image = index.get(id)?;
    local_candidates(name_or_id, registries)
        .iter()
        .filter_map(Reference::tagged_name)
        .find(|n| image.names.contains(n))
}

fn find_reference<'a>(index: &'a ImageIndex, r: &Reference) -> Option<&'a ImageRecord> {
    if let Some(digest) = &r.digest {
        let by_digest = format!("{}@{digest}", r.name());
        return index
            .images
            .iter()
            .find(|i| i.repo_digests.contains(&by_digest) || i.manifest == *digest);
    }
    let name = r.tagged_name()?;
    index.images.iter().find(|i| i.names.contains(&name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(n: u8, names: &[&str]) -> ImageRecord {
        let id: ImageId = Digest::of(&[n]).hex().parse().unwrap();
        ImageRecord {
            names: names.iter().map(|s| s.to_string()).collect(),
            ..Store::new_record(id, Digest::of(&[n, n]), vec![], 0, None)
        }
    }

    #[test]
    fn a_name_moves_between_images() {
        let mut index = ImageIndex::default();
        index.upsert(record(1, &["docker.io/library/busybox:latest"]));
        index.upsert(record(2, &["docker.io/library/busybox:latest", "x.io/a:1"]));
        assert!(index.images[0].names.is_empty());
        assert_eq!(index.images[1].names.len(), 2);
        index.upsert(record(2, &["x.io/a:2"]));
        assert_eq!(index.images.len(), 2);
        assert_eq!(index.images[1].names.len(), 3);
    }

    #[test]
    fn finds_by_name_short_name_id_and_prefix() {
        let mut index = ImageIndex::default();
        index.upsert(record(1, &["docker.io/library/busybox:latest"]));
        index.upsert(record(2, &["localhost/built:1"]));
        let regs = RegistriesConfig::default();
        let id1 = index.images[0].id.clone();
        let find = |s: &str| find_in(&index, s, &regs).map(|i| i.id.clone());
        assert_eq!(find("busybox").unwrap(), id1);
        assert_eq!(find("busybox:latest").unwrap(), id1);
        assert_eq!(find("docker.io/library/busybox").unwrap(), id1);
        assert_eq!(find(id1.as_str()).unwrap(), id1);
        assert_eq!(find(&format!("sha256:{id1}")).unwrap(), id1);
        assert_eq!(find(&id1.as_str()[..6]).unwrap(), id1);
        assert_eq!(find("built:1").unwrap(), index.images[1].id);
        assert!(matches!(find("busybox:2"), Err(StoreError::NotFound(_))));
        assert_eq!(
            find("nothing").unwrap_err().to_string(),
            "nothing: image not known"
        );
    }

    #[test]
    fn repo_tags_split_on_the_tag_not_the_port() {
        let r = record(1, &["127.0.0.1:5000/x:1", "127.0.0.1:5000/y"]);
        assert_eq!(
            r.repo_tags(),
            [
                ("127.0.0.1:5000/x".to_string(), "1".to_string()),
                ("127.0.0.1:5000/y".to_string(), "<none>".to_string())
            ]
        );
    }
}
