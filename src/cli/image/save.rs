//! `rpod save`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::error::Error;
use crate::image::archive::{self, ArchiveFormat, SaveHow, SaveRequest};
use crate::image::squash;

/// Save images to an archive
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod save [options] IMAGE [IMAGE...]")]
pub struct SaveArgs {
    /// Write to a file (or directory for oci-dir and docker-dir) instead of standard output
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Archive format: docker-archive, oci-archive, oci-dir, docker-dir (containers/image's
    /// dir layout, one image), or squashfs (one file holding the flattened image, for HPC;
    /// needs --output)
    #[arg(long, default_value = "docker-archive", value_name = "FORMAT")]
    pub format: String,
    /// Gzip-compress the layers of a docker-dir (they are tars without it)
    #[arg(long)]
    pub compress: bool,
    /// Leave the layers of the OCI formats uncompressed (they are gzip-compressed by default)
    #[arg(long)]
    pub uncompressed: bool,
    /// Save several images into one archive (docker-archive only, whose archives always hold
    /// every image named, as docker save's)
    #[arg(short, long)]
    pub multi_image_archive: bool,
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
            "unknown format {:?}: use docker-archive, oci-archive, oci-dir, docker-dir or squashfs",
            args.format
        ))
    })?;
    let how = SaveHow::new(&SaveRequest {
        format,
        compress: args.compress,
        uncompressed: args.uncompressed,
        multi_image_archive: args.multi_image_archive,
        images: args.images.len(),
    })
    .map_err(Error::Usage)?;
    if format.is_dir() && args.output.is_none() {
        return Err(Error::Usage(format!(
            "{} needs --output DIRECTORY",
            format.name()
        )));
    }
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let items = archive::items(&store, &args.images, &ctx.config.registries)?;
    match &args.output {
        Some(dir) if format.is_dir() => Ok(archive::save(&store, &items, how, None, Some(dir))?),
        Some(path) => Ok(archive::save_to_file(&store, &items, how, path)?),
        None => {
            if std::io::stdout().is_terminal() {
                return Err(Error::Usage(
                    "refusing to save to a terminal: use --output or redirect standard output"
                        .into(),
                ));
            }
            let mut stdout = std::io::stdout().lock();
            archive::save(&store, &items, how, Some(&mut stdout), None)?;
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
    if args.compress || args.uncompressed || args.multi_image_archive {
        return Err(Error::Usage(
            "--compress, --uncompressed and --multi-image-archive do not apply to squashfs: \
             it is one file system image, compressed by its packer"
                .into(),
        ));
    }
    let [name_or_id] = args.images.as_slice() else {
        return Err(Error::Usage("squashfs saves one image per file".into()));
    };
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let image = store.find(name_or_id, &ctx.config.registries)?;
    squash::save(&store, &image, path)?;
    Ok(0)
}
