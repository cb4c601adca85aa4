//! Shared read-only image stores (`[storage] additional-image-stores`, podman's
//! `additionalimagestores`): a site pulls images once into a store on a shared file system and
//! every user's rpod lists them and runs containers from their layers in place. rpod never
//! writes there: its images cannot be removed or renamed, and a layer or blob found in the
//! user's own store is preferred.

use std::path::{Path, PathBuf};

use super::store::{ImageIndex, ImageRecord, Store, StoreError};

impl Store {
    /// Adds the stores under `roots` (each a data directory, holding `storage/`), which must
    /// exist and be readable.
    pub fn with_shared(mut self, roots: &[PathBuf]) -> Result<Store, StoreError> {
        for root in roots {
            let dir = root.join("storage");
            std::fs::read_dir(&dir).map_err(|source| StoreError::Shared {
                path: root.clone(),
                source,
            })?;
            self.shared.push(dir);
        }
        Ok(self)
    }

    /// The data directory `image` comes from: the shared store's it was found in, else this
    /// store's own (`images --format {{.Store}}`).
    pub fn data_dir_of<'a>(&'a self, image: &'a ImageRecord) -> &'a Path {
        let storage = image.read_only_store.as_deref().unwrap_or(self.dir());
        storage.parent().unwrap_or(storage)
    }

    /// `path` (inside this store) when it exists, else the same path in the first shared store
    /// that has it.
    pub(super) fn in_shared(&self, path: &Path) -> PathBuf {
        if self.shared.is_empty() || path.exists() {
            return path.to_path_buf();
        }
        let rel = path.strip_prefix(self.dir()).unwrap_or(path);
        self.shared
            .iter()
            .map(|dir| dir.join(rel))
            .find(|p| p.exists())
            .unwrap_or_else(|| path.to_path_buf())
    }

    /// The shared stores' images that `own` lacks, marked read-only; an image in two shared
    /// stores comes from the first.
    pub(super) fn shared_images(&self, own: &ImageIndex) -> Result<Vec<ImageRecord>, StoreError> {
        let mut found: Vec<ImageRecord> = Vec::new();
        for dir in &self.shared {
            for mut image in Store::read_index(dir.join("images.json"))?.images {
                if own.get(&image.id).is_some() || found.iter().any(|f| f.id == image.id) {
                    continue;
                }
                image.read_only_store = Some(dir.clone());
                found.push(image);
            }
        }
        Ok(found)
    }

    /// The records of `index` that belong in this store's own index; an error when a shared
    /// image was removed or renamed in it.
    pub(super) fn without_shared(&self, index: &ImageIndex) -> Result<ImageIndex, StoreError> {
        let own: Vec<ImageRecord> = index
            .images
            .iter()
            .filter(|i| i.read_only_store.is_none())
            .cloned()
            .collect();
        // The shared images the caller was shown: those the on-disk index does not shadow.
        for shared in self.shared_images(&self.own_index()?)? {
            let kept = index
                .images
                .iter()
                .find(|i| i.id == shared.id && i.read_only_store.is_some());
            if kept.is_none_or(|k| k.names != shared.names) {
                return Err(StoreError::ReadOnly {
                    id: shared.id.short().to_string(),
                    store: shared.read_only_store.unwrap_or_default(),
                });
            }
        }
        Ok(ImageIndex { images: own })
    }
}
