//! What container verbs work with: the image store, rpod.toml, the data and runtime
//! directories, the storage driver and the volumes.

use std::path::PathBuf;

use super::{ContainerError, record};
use crate::config::{Config, Paths, StorageDriver};
use crate::image::registry::RegistryOptions;
use crate::image::store::Store;
use crate::state::events;
use crate::storage::{StorageError, probe};
use crate::volume::Volumes;

pub struct Engine<'a> {
    pub root: PathBuf,
    pub runroot: PathBuf,
    pub store: &'a Store,
    pub config: &'a Config,
    /// The store's storage driver (probed once, recorded).
    pub driver: StorageDriver,
    /// Where writable layers go when not next to the records (a local disk for a data
    /// directory on NFS).
    pub layers_dir: Option<PathBuf>,
    pub volumes: Volumes,
    /// How registries are reached when `run` pulls (certificates, credential files, timeout);
    /// `--tls-verify` and `--creds` are set per pull.
    pub registry: RegistryOptions,
}

impl<'a> Engine<'a> {
    /// The engine over `store`, with the store's storage driver (forced by `--storage-driver`
    /// or rpod.toml, else probed once and recorded). Makes the runtime directory and removes
    /// what killed commands left behind.
    pub fn open(
        store: &'a Store,
        config: &'a Config,
        paths: &Paths,
        storage_driver: Option<StorageDriver>,
    ) -> Result<Engine<'a>, ContainerError> {
        let forced = match (storage_driver, config.storage.driver) {
            (Some(d), _) => Some((d, "--storage-driver")),
            (None, Some(d)) => Some((d, "rpod.toml")),
            (None, None) => None,
        };
        let choice = probe::choose(store.dir(), forced, config.storage.container_dir.as_deref())
            .map_err(StorageError::from)?;
        if choice.first_use
            && config.storage.container_dir.is_none()
            && let Some((dir, why)) = &choice.container_dir
        {
            // Said once, by the command that first used the store; `rpod info` keeps saying it.
            eprintln!(
                "rpod: containers' writable layers live in {}: {why}",
                dir.display()
            );
        }
        Paths::ensure_private_dir("runtime directory", &paths.runroot)?;
        Paths::ensure_private_dir("data directory", &paths.root)?;
        let engine = Engine {
            root: paths.root.clone(),
            runroot: paths.runroot.clone(),
            store,
            config,
            driver: choice.driver,
            layers_dir: choice.container_dir.map(|(dir, _)| dir),
            volumes: Volumes::open(&paths.root),
            registry: RegistryOptions::configured(config, paths),
        };
        engine.clean_leftovers();
        Ok(engine)
    }

    /// Records a container event in the user's event log (`rpod events`).
    pub fn event(&self, action: &str, record: &record::ContainerRecord) {
        let event = events::Event::new("container", action, record.id.as_str(), &record.name)
            .with("image", record.image_name.clone());
        events::record(&self.runroot, &event);
    }

    pub fn containers_dir(&self) -> PathBuf {
        self.root.join("containers")
    }

    pub fn paths(&self, id: &crate::ids::ContainerId) -> record::Paths {
        record::Paths::new(&self.root, &self.runroot, self.layers_dir.as_deref(), id)
    }

    /// The lock guarding names and the set of containers (the store's lock).
    pub fn lock(&self) -> Result<crate::state::lock::Guard, ContainerError> {
        let path = self.store.dir().join("lock");
        crate::state::lock::exclusive(&path).map_err(ContainerError::io("lock", &path))
    }
}
