//! What every command needs: resolved paths, rpod.toml, and lazily the image store.

use std::path::PathBuf;

use super::GlobalFlags;
use crate::config::{Config, Paths, StorageDriver};
use crate::container::Engine;
use crate::error::Error;
use crate::image::auth::Credentials;
use crate::image::registry::RegistryOptions;
use crate::image::store::Store;
use crate::volume::Volumes;

pub struct Context {
    pub paths: Paths,
    pub config: Config,
    /// `--storage-driver`.
    pub storage_driver: Option<StorageDriver>,
}

impl Context {
    pub fn load(global: &GlobalFlags) -> Result<Context, Error> {
        let paths = Paths::resolve(&global.overrides())?;
        let config = Config::load(&paths.config_file)?
            .with_cdi_spec_dirs(&global.cdi_spec_dir)
            .with_hooks_dirs(&global.hooks_dir);
        Ok(Context {
            paths,
            config,
            storage_driver: global.storage_driver,
        })
    }

    /// Records an image or volume event in the user's event log (`rpod events`).
    pub fn event(&self, kind: &str, action: &str, id: &str, name: &str) {
        // Image commands do not otherwise need the runtime directory.
        if Paths::ensure_private_dir("runtime directory", &self.paths.runroot).is_err() {
            return;
        }
        crate::container::events::record(&self.paths.runroot, kind, action, id, name);
    }

    /// Opens the image store, creating the data directory on first use.
    pub fn store(&self) -> Result<Store, Error> {
        Paths::ensure_private_dir("data directory", &self.paths.root)?;
        let shared = &self.config.storage.additional_image_stores;
        Ok(Store::open(&self.paths.root)?.with_shared(shared)?)
    }

    /// The volume store, creating the data directory on first use.
    pub fn volumes(&self) -> Result<Volumes, Error> {
        Paths::ensure_private_dir("data directory", &self.paths.root)?;
        Ok(Volumes::open(&self.paths.volumes))
    }

    /// The user-defined networks, creating the data directory on first use.
    pub fn networks(&self) -> Result<crate::networks::Networks, Error> {
        Paths::ensure_private_dir("data directory", &self.paths.root)?;
        Ok(crate::networks::Networks::open(&self.paths.networks))
    }

    /// The secrets, creating the data directory on first use.
    pub fn secrets(&self) -> Result<crate::secret::Secrets, Error> {
        Paths::ensure_private_dir("data directory", &self.paths.root)?;
        Ok(crate::secret::Secrets::open(&self.paths.root))
    }

    /// The container engine over `store`.
    pub fn engine<'a>(&'a self, store: &'a Store) -> Result<Engine<'a>, Error> {
        Ok(Engine::open(
            store,
            &self.config,
            &self.paths,
            self.storage_driver,
        )?)
    }

    /// Credential files in the order podman reads them: `$REGISTRY_AUTH_FILE` (else podman's
    /// auth.json), then docker's config.json.
    pub fn auth_files(&self) -> Vec<PathBuf> {
        vec![self.paths.auth_file(), self.paths.docker_config_file()]
    }

    /// The file `login` writes and `--authfile` names: `--authfile`, else
    /// `$REGISTRY_AUTH_FILE`, else podman's auth.json.
    pub fn auth_file(&self, flag: Option<&std::path::Path>) -> PathBuf {
        flag.map(PathBuf::from)
            .unwrap_or_else(|| self.auth_files().remove(0))
    }

    /// [`Context::registry_options`], with `--authfile` (when given) the only credentials file.
    pub fn registry_options_with(
        &self,
        tls_verify: Option<bool>,
        creds: Option<Credentials>,
        authfile: Option<&std::path::Path>,
    ) -> RegistryOptions {
        let mut opts = self.registry_options(tls_verify, creds);
        if let Some(file) = authfile {
            opts.auth_files = vec![file.to_path_buf()];
        }
        opts
    }

    pub fn registry_options(
        &self,
        tls_verify: Option<bool>,
        creds: Option<Credentials>,
    ) -> RegistryOptions {
        RegistryOptions {
            tls_verify,
            creds,
            ..RegistryOptions::configured(&self.config, &self.paths)
        }
    }
}

/// `--creds user[:password]`.
pub fn parse_creds(s: &str) -> Result<Credentials, String> {
    match s.split_once(':') {
        Some((u, p)) if !u.is_empty() => Ok(Credentials {
            username: u.to_string(),
            password: p.to_string(),
        }),
        _ => Err("expected USERNAME:PASSWORD".into()),
    }
}
