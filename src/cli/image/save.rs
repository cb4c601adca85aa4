//! `rpod save`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::error::Error;
use crate::image::archive::{self, ArchiveFormat};
use crate::image::squash;

/// Save images to an archive
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod save [options] IMAGE [IMAGE...]")]
pub struct SaveArgs {
    /// Write to a file (or directory for oci-dir) instead of standard output
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Archive format: docker-archive, oci-archive, oci-dir, or squashfs (one file holding the
    /// flattened image, for HPC; needs --output)
    #[arg(long, default_value = "docker-archive", value_name = "FORMAT")]
    pub format: String,
    /// Suppress the output
    #[arg(short, long)]
    pub quiet: bool,
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
}

pub fn run(args: SaveArgs, global: &GlobalFlags) -> Result<u8, Error> {
    if args.format == "squashfs" {
        return save_squashfs(&args, global);
    }
    let format = ArchiveFormat::parse(&args.format).ok_or_else(|| {
        Error::Usage(format!(
            "unknown format {:?}: use docker-archive, oci-archive, oci-dir or squashfs",
            args.format
        ))
    })?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let items = archive::items(&store, &args.images, &ctx.config.registries)?;
    match (format, &args.output) {
        (ArchiveFormat::OciDir, None) => {
            Err(Error::Usage("oci-dir needs --output DIRECTORY".into()))
        }
        (ArchiveFormat::OciDir, Some(dir)) => {
            Ok(archive::save(&store, &items, format, None, Some(dir))?)
        }
        (_, Some(path)) => Ok(archive::save_to_file(&store, &items, format, path)?),
        (_, None) => {
            if std::io::stdout().is_terminal() {
                return Err(Error::Usage(
                    "refusing to save to a terminal: use --output or redirect standard output"
                        .into(),
                ));
            }
            let mut stdout = std::io::stdout().lock();
            archive::save(&store, &items, format, Some(&mut stdout), None)?;
            stdout.flush().map_err(Error::Output)
        }
    }?;
    Ok(0)
}

/// One image as one squashfs file: a file system image holds one root, and the packer writes
/// a seekable file, not a stream.
fn save_squashfs(args: &SaveArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let Some(path) = &args.output else {
        return Err(Error::Usage("squashfs needs --output FILE".into()));
    };
    let [name_or_id] = args.images.as_slice() else {
        return Err(Error::Usage("squashfs saves one image per file".into()));
    };
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let image = store.find(name_or_id, &ctx.config.registries)?;
    squash::save(&store, &image, path)?;
    Ok(0)
}
