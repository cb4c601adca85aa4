//! How `save` writes an image's layers: the tar itself, named by its diff id, or
//! gzip-compressed (podman's OCI formats by default, docker-dir with `--compress`), named by
//! the digest of the compressed blob, which is known only once it is written: so it is
//! compressed into a temp file first, then copied in.

use std::fs::File;
use std::io;
use std::path::PathBuf;

use super::archive::{ArchiveError, Sink, layer_file};
use super::manifest::{Descriptor, media};
use super::push::{Algorithm, LayerCompression, compress_layer};
use super::store::Store;
use crate::ids::Digest;
use crate::state::scratch;

/// A Docker manifest's name for an uncompressed layer.
const DOCKER_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar";

#[derive(Debug, Clone, Copy)]
pub(super) struct Layers {
    pub gzip: bool,
    /// Docker media types (docker-dir) rather than OCI's.
    pub docker_types: bool,
}

impl Layers {
    /// Writes the layer `chain` to `sink` at `path_of` its blob's digest; its descriptor.
    pub fn write(
        self,
        store: &Store,
        sink: &mut dyn Sink,
        chain: &Digest,
        path_of: &dyn Fn(&Digest) -> String,
    ) -> Result<Descriptor, ArchiveError> {
        let info = store.layer_info(chain)?;
        if !self.gzip {
            layer_file(store, sink, &path_of(&info.diff_id), chain, &info)?;
            let media_type = match self.docker_types {
                true => DOCKER_LAYER,
                false => media::OCI_LAYER,
            };
            return Ok(Descriptor::new(media_type, info.diff_id, info.size));
        }
        let tmp = scratch::Temp::new(store.dir(), "save-layer");
        let gzip = LayerCompression {
            algorithm: Algorithm::Gzip,
            level: None,
            force: true,
        };
        let (digest, size) =
            compress_layer(&store.layer_dir(chain), &info.relocated, gzip, tmp.path()).map_err(
                |source| ArchiveError::Layer {
                    layer: chain.to_string(),
                    source,
                },
            )?;
        let read_err = |source: io::Error| ArchiveError::Write {
            path: PathBuf::from(tmp.path()),
            source,
        };
        let mut file = File::open(tmp.path()).map_err(read_err)?;
        sink.file(&path_of(&digest), size, &mut |w| {
            io::copy(&mut file, w).map(|_| ()).map_err(read_err)
        })?;
        let media_type = match self.docker_types {
            true => media::DOCKER_LAYER_GZIP,
            false => media::OCI_LAYER_GZIP,
        };
        Ok(Descriptor::new(media_type, digest, size))
    }
}
