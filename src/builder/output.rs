//! `--output`/`-o`: the built image's file tree (its layers merged) written out, besides the
//! image kept in the store: into a directory (`type=local`, or a bare path) or as a tar
//! archive (`type=tar`; `dest=-` is standard output).

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::error::BuildError;
use crate::image::fs_tar::{self, Owner, OwnerXattrs};
use crate::image::store::{ImageRecord, Store};
use crate::state::scratch::Temp;
use crate::storage::union::Union;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Dir(PathBuf),
    Tar(PathBuf),
    TarStdout,
}

fn invalid(value: &str, reason: &str) -> BuildError {
    BuildError::Output {
        value: value.to_string(),
        reason: reason.to_string(),
    }
}

/// One `--output` value: `PATH`, `type=local,dest=DIR` or `type=tar,dest=FILE|-`.
pub fn parse(value: &str) -> Result<Output, BuildError> {
    if !value.contains('=') {
        return match value {
            "" => Err(invalid(value, "expected a directory")),
            "-" => Ok(Output::TarStdout),
            dir => Ok(Output::Dir(dir.into())),
        };
    }
    let (mut kind, mut dest) = (None, None);
    for field in value.split(',') {
        match field.split_once('=') {
            Some(("type", v)) => kind = Some(v),
            Some(("dest", v)) if !v.is_empty() => dest = Some(v),
            _ => {
                return Err(invalid(
                    value,
                    &format!("unknown option {field:?} (use type= and dest=)"),
                ));
            }
        }
    }
    let dest = dest.ok_or_else(|| invalid(value, "dest= is required"))?;
    match (kind, dest) {
        (Some("local"), "-") => Err(invalid(value, "type=local needs a directory, not -")),
        (Some("local"), dir) => Ok(Output::Dir(dir.into())),
        (Some("tar"), "-") => Ok(Output::TarStdout),
        (Some("tar"), file) => Ok(Output::Tar(file.into())),
        (Some(other), _) => Err(invalid(
            value,
            &format!("type={other}: rpod writes type=local and type=tar"),
        )),
        (None, _) => Err(invalid(value, "type= is required (local or tar)")),
    }
}

fn tree(store: &Store, image: &ImageRecord, out: impl Write) -> Result<(), BuildError> {
    let layers = image
        .layers
        .iter()
        .rev()
        .map(|l| store.layer_diff(l))
        .collect();
    let root = Owner { uid: 0, gid: 0 };
    fs_tar::write_tree(&Union::new(layers), root, OwnerXattrs::Omit, out)
        .map_err(|e| BuildError::OutputWrite(e.to_string()))
}

/// Writes `image`'s tree where `output` says.
pub fn write(store: &Store, image: &ImageRecord, output: &Output) -> Result<(), BuildError> {
    match output {
        Output::TarStdout => {
            let mut out = BufWriter::new(io::stdout().lock());
            tree(store, image, &mut out)?;
            out.flush()
                .map_err(BuildError::io("write", "standard output"))
        }
        Output::Tar(path) => {
            let file = fs::File::create(path).map_err(BuildError::io("create", path))?;
            let mut out = BufWriter::new(file);
            tree(store, image, &mut out)?;
            out.flush().map_err(BuildError::io("write", path))
        }
        Output::Dir(dir) => {
            let tar = Temp::new(store.dir(), "build-output");
            let file =
                fs::File::create(tar.path()).map_err(BuildError::io("create", tar.path()))?;
            let mut out = BufWriter::new(file);
            tree(store, image, &mut out)?;
            out.flush().map_err(BuildError::io("write", tar.path()))?;
            drop(out);
            unpack(tar.path(), dir)
        }
    }
}

/// The tree into `dir` as the caller's files (owners are not kept: they would need root).
fn unpack(tar: &Path, dir: &Path) -> Result<(), BuildError> {
    fs::create_dir_all(dir).map_err(BuildError::io("create", dir))?;
    let file = fs::File::open(tar).map_err(BuildError::io("read", tar))?;
    let mut archive = tar::Archive::new(io::BufReader::new(file));
    archive.set_preserve_permissions(true);
    archive.set_preserve_mtime(true);
    archive.set_overwrite(true);
    for entry in archive.entries().map_err(BuildError::io("read", tar))? {
        let mut entry = entry.map_err(BuildError::io("read", tar))?;
        // Device nodes cannot be made without privileges; an image's /dev is the runtime's.
        if matches!(
            entry.header().entry_type(),
            tar::EntryType::Block | tar::EntryType::Char
        ) {
            continue;
        }
        entry
            .unpack_in(dir)
            .map_err(BuildError::io("write the --output tree into", dir))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        assert_eq!(parse("out").unwrap(), Output::Dir("out".into()));
        assert_eq!(
            parse("type=local,dest=/o").unwrap(),
            Output::Dir("/o".into())
        );
        assert_eq!(
            parse("type=tar,dest=o.tar").unwrap(),
            Output::Tar("o.tar".into())
        );
        assert_eq!(parse("type=tar,dest=-").unwrap(), Output::TarStdout);
        for bad in [
            "",
            "type=registry,dest=x",
            "type=tar",
            "dest=x",
            "type=local,dest=-",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
