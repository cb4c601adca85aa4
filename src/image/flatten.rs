//! Several layers of an image made one (`build --squash`, `--squash-all`, `commit --squash`):
//! the merged tree of the layers above a base, as one layer of the differences from the
//! base's tree (whiteouts for what they removed), on the base's own layers.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use super::commit::{CommitError, Step, config_of, derive};
use super::fs_tar::{self, ChangeSource, FsTarError, Owner};
use super::store::{ImageRecord, Store};
use crate::ids::Digest;
use crate::state::scratch;
use crate::storage::changes;
use crate::storage::union::Union;

fn union_of(store: &Store, layers: &[Digest]) -> Union {
    let dirs: Vec<PathBuf> = layers.iter().rev().map(|l| store.layer_diff(l)).collect();
    Union::new(dirs)
}

fn failed(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> FsTarError + '_ {
    move |source| FsTarError {
        path: path.to_path_buf(),
        source,
    }
}

/// `image` with every layer above `base`'s (all of them without a base) made one, keeping
/// its config; the history keeps the base's entries and gets one for the new layer. An image
/// with at most one layer above the base is returned as it is. `base` must be an image
/// `image` was built on: its layers are the first of `image`'s.
pub fn squash(
    store: &Store,
    base: Option<&ImageRecord>,
    image: &ImageRecord,
    created: Option<jiff::Timestamp>,
) -> Result<ImageRecord, CommitError> {
    let below = base.map_or(0, |b| b.layers.len());
    if image.layers.len() <= below + 1 {
        return Ok(image.clone());
    }
    let mut config = config_of(store, image)?;
    let base_config = base.map(|b| config_of(store, b)).transpose()?;
    config.rootfs.diff_ids = base_config
        .as_ref()
        .map(|c| c.rootfs.diff_ids.clone())
        .unwrap_or_default();
    config.history = base_config.map(|c| c.history).unwrap_or_default();
    let old = union_of(store, base.map_or(&[][..], |b| &b.layers[..]));
    let new = union_of(store, &image.layers);
    let changed = changes::between(&old, &new).map_err(failed(store.dir()))?;
    let tmp = scratch::Temp::new(store.dir(), "squash");
    let file = File::create(tmp.path()).map_err(failed(tmp.path()))?;
    let mut out = BufWriter::new(file);
    // A file without a recorded owner is root's in the image.
    let root = Owner { uid: 0, gid: 0 };
    fs_tar::write_changes(ChangeSource::Union(&new), &changed, root, &mut out)?;
    out.flush().map_err(failed(tmp.path()))?;
    drop(out);
    let step = Step {
        layer_tar: Some(tmp.path()),
        config,
        created_by: format!(
            "/bin/sh -c #(nop) squashed {} layers",
            image.layers.len() - below
        ),
        author: None,
        comment: None,
        names: Vec::new(),
        build_key: None,
        created,
        omit_history: false,
    };
    derive(store, base, step)
}
