//! What container verbs work with: the image store, rpod.toml, the data and runtime
//! directories, the storage driver and the volumes.

use std::path::PathBuf;

use super::{ContainerError, record};
use crate::config::{Config, Paths, StorageDriver};
use crate::image::registry::RegistryOptions;
use crate::image::store::Store;
use crate::state::events;
use crate::storage::{StorageError, lower_dirs, probe};
use crate::volume::Volumes;

pub struct Engine<'a> {
    pub root: PathBuf,
    pub runroot: PathBuf,
    pub store: &'a Store,
    pub config: &'a Config,
    /// The store's storage driver (probed once, recorded).
    pub driver: StorageDriver,
    /// Whether the user chose `driver` (flag or rpod.toml) rather than the probe.
    pub driver_forced: bool,
    /// Where writable layers go when not next to the records (a local disk for a data
    /// directory on NFS).
    pub layers_dir: Option<PathBuf>,
    pub volumes: Volumes,
    /// Where user-defined networks are recorded (`ROOT/networks`, or `--network-config-dir`).
    pub networks_dir: PathBuf,
    /// How registries are reached when `run` pulls (certificates, credential files, timeout);
    /// `--tls-verify` and `--creds` are set per pull.
    pub registry: RegistryOptions,
    /// The node this command runs on (`state::node`): it acts only on its own containers.
    pub node: String,
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
            driver_forced: choice.forced,
            layers_dir: choice.container_dir.map(|(dir, _)| dir),
            volumes: Volumes::open(&paths.volumes),
            networks_dir: paths.networks.clone(),
            registry: RegistryOptions::configured(config, paths),
            node: crate::state::node::name().to_string(),
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

    /// The driver of the new container `record`. Kernel overlay cannot copy up a file of
    /// another user's layer (a shared store's: the namespace does not map its owner), so
    /// writing one in place fails; fuse-overlayfs, told to show every file as the caller's,
    /// can. So the probe's overlay gives way to fuse-overlayfs for such an image; a driver the
    /// user chose is kept, and a container left unable to write the image's files in place
    /// says so (#22).
    pub fn container_driver(&self, record: &record::ContainerRecord) -> StorageDriver {
        // A squashfs file's mount shows the caller's ids; a bound directory has no overlay.
        let lowers: Vec<PathBuf> = match (&record.squash, &record.root_dir) {
            (Some(_), _) => return self.driver,
            (None, Some(dir)) if dir.overlay => vec![dir.path.clone()],
            (None, Some(_)) => return self.driver,
            (None, None) => record
                .layers
                .iter()
                .map(|l| self.store.layer_diff(l))
                .collect(),
        };
        if self.driver != StorageDriver::Overlay {
            return self.driver;
        }
        let mine = lower_dirs::Mapped::only(
            nix::unistd::getuid().as_raw(),
            nix::unistd::getgid().as_raw(),
        );
        // A layer that cannot be read fails the start with its name.
        if !lower_dirs::foreign(&lowers, &mine).unwrap_or(false) {
            return self.driver;
        }
        let why = match (self.driver_forced, probe::fuse_overlayfs_problem()) {
            (false, None) => return StorageDriver::FuseOverlayfs,
            (true, _) => "the storage driver overlay was chosen".to_string(),
            (false, Some(problem)) => format!("fuse-overlayfs cannot run: {problem}"),
        };
        eprintln!(
            "rpod: {} is another user's (a shared image store): kernel overlay cannot copy its \
             files up, so the container cannot write them in place ({why})",
            record.image_name
        );
        self.driver
    }

    /// The lock guarding names and the set of containers (the store's lock).
    pub fn lock(&self) -> Result<crate::state::lock::Guard, ContainerError> {
        let path = self.store.dir().join("lock");
        crate::state::lock::exclusive(&path).map_err(ContainerError::io("lock", &path))
    }
}
