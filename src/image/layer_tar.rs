//! A stored layer as a tar stream, both ways: any (gzip, zstd, plain) layer tar into the store,
//! and the exact original tar back out of it (from the extracted tree and its tar-split).

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use super::manifest::Compression;
use super::store::{DIFF_DIR, LayerInfo, NewLayer, SHADOW_DIR, Store, StoreError, TAR_SPLIT};
use super::tarsplit;
use super::unpack::{self, UnpackError, UnpackStats};
use crate::ids::Digest;

#[derive(Debug, thiserror::Error)]
pub enum LayerTarError {
    #[error("cannot decompress: {0}")]
    Decompress(io::Error),
    #[error(transparent)]
    Unpack(#[from] UnpackError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot rebuild the layer tar: {0}")]
    Reassemble(#[from] tarsplit::TarSplitError),
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: std::path::PathBuf,
        source: io::Error,
    },
    #[error("cannot write the layer tar: {0}")]
    Write(io::Error),
    #[error("its content has diff id {actual}, expected {expected}")]
    DiffIdMismatch { expected: Digest, actual: Digest },
}

/// Decompresses (gzip, zstd or none, told by the first bytes) and extracts into the new layer,
/// recording its tar-split; then reads what the decompressor left, so that a download runs to
/// its end and gets its digest checked.
pub fn unpack_compressed(input: impl Read, layer: &NewLayer) -> Result<UnpackStats, LayerTarError> {
    let mut input = BufReader::with_capacity(1 << 20, input);
    let compression = Compression::sniff(input.fill_buf().map_err(LayerTarError::Decompress)?);
    let split_path = layer.tar_split_path();
    let store_err = |action| StoreError::io(action, &split_path);
    let split_file = File::create(&split_path).map_err(store_err("create tar-split"))?;
    let mut split =
        zstd::Encoder::new(BufWriter::new(split_file), 3).map_err(store_err("create tar-split"))?;
    let (diff, shadow) = (layer.diff(), layer.shadow());
    let stats = match compression {
        Compression::Gzip => {
            let mut decoder = flate2::bufread::MultiGzDecoder::new(input);
            let stats = unpack::unpack(&mut decoder, &diff, &mut split, Some(&shadow))?;
            drain(decoder.into_inner())?;
            stats
        }
        Compression::Zstd => {
            let mut decoder =
                zstd::Decoder::with_buffer(input).map_err(LayerTarError::Decompress)?;
            let stats = unpack::unpack(&mut decoder, &diff, &mut split, Some(&shadow))?;
            drain(decoder.finish())?;
            stats
        }
        Compression::None => {
            let stats = unpack::unpack(&mut input, &diff, &mut split, Some(&shadow))?;
            drain(input)?;
            stats
        }
    };
    split
        .finish()
        .and_then(|mut w| w.flush())
        .map_err(store_err("write tar-split"))?;
    if let Some(lost) = &stats.owners_lost {
        // Not silent: containers will show these files as root's, which breaks services
        // that check their files' owners.
        tracing::warn!(
            "layer {}: {} files keep no owner but root: {} refuses the user.rpod.owner \
             xattr ({}); root emulation shows them as root's (rpod system doctor says how to \
             fix the store)",
            stats.diff_id.short(),
            lost.files,
            diff.display(),
            lost.why
        );
    }
    Ok(stats)
}

fn drain(mut rest: impl Read) -> Result<(), LayerTarError> {
    io::copy(&mut rest, &mut io::sink())
        .map(|_| ())
        .map_err(LayerTarError::Decompress)
}

/// The chain id of a layer with `diff_id` on top of `parent`.
pub fn chain_id(parent: Option<&Digest>, diff_id: &Digest) -> Digest {
    match parent {
        None => diff_id.clone(),
        Some(parent) => Digest::of(format!("{parent} {diff_id}").as_bytes()),
    }
}

/// Stores a layer tar read from `input` on top of `parent`. With `expected`, a layer whose
/// content has another diff id is refused before it enters the store.
pub fn import_layer(
    store: &Store,
    input: impl Read,
    parent: Option<&Digest>,
    expected: Option<&Digest>,
) -> Result<LayerInfo, LayerTarError> {
    let layer = store.new_layer()?;
    let stats = unpack_compressed(input, &layer)?;
    if let Some(expected) = expected
        && *expected != stats.diff_id
    {
        return Err(LayerTarError::DiffIdMismatch {
            expected: expected.clone(),
            actual: stats.diff_id,
        });
    }
    let info = LayerInfo {
        chain_id: chain_id(parent, &stats.diff_id),
        diff_id: stats.diff_id,
        parent: parent.cloned(),
        size: stats.size,
        blob: None,
        relocated: stats.relocated,
        owners_recorded: true,
    };
    if !store.has_layer(&info.chain_id) {
        layer.commit(&info)?;
    }
    Ok(info)
}

pub fn import_layer_file(
    store: &Store,
    path: &Path,
    parent: Option<&Digest>,
    expected: Option<&Digest>,
) -> Result<LayerInfo, LayerTarError> {
    let file = File::open(path).map_err(|source| LayerTarError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    import_layer(store, file, parent, expected)
}

/// Writes the exact tar the layer in `layer_dir` was made from; returns its size.
pub fn write_layer_tar(
    layer_dir: &Path,
    relocated: &std::collections::BTreeMap<u64, std::path::PathBuf>,
    out: &mut dyn Write,
) -> Result<u64, LayerTarError> {
    let split_path = layer_dir.join(TAR_SPLIT);
    let file = File::open(&split_path).map_err(|source| LayerTarError::Read {
        path: split_path.clone(),
        source,
    })?;
    let split = zstd::Decoder::new(file).map_err(|source| LayerTarError::Read {
        path: split_path,
        source,
    })?;
    Ok(tarsplit::reassemble(
        split,
        &layer_dir.join(DIFF_DIR),
        &layer_dir.join(SHADOW_DIR),
        relocated,
        out,
    )?)
}
