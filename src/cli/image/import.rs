//! `rpod import`.

use std::path::PathBuf;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::image::import::{self, ImportOptions};
use crate::image::manifest::Platform;
use crate::image::reference::Reference;

/// Import a root file system tarball to create an image
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod import [options] PATH [REFERENCE]")]
pub struct ImportArgs {
    /// Apply a Dockerfile instruction to the image config (CMD, ENTRYPOINT, ENV, …)
    #[arg(short, long = "change", value_name = "INSTRUCTION")]
    pub changes: Vec<String>,
    /// Set a commit message for the imported image
    #[arg(short, long, value_name = "MESSAGE")]
    pub message: Option<String>,
    /// Suppress the output
    #[arg(short, long)]
    pub quiet: bool,
    /// Set the architecture of the imported image (default: the host's)
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Set the operating system of the imported image (default: the host's)
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Set the variant of the imported image's architecture (e.g. v7)
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Tarball (plain, gzip or zstd) to import, or - for standard input
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Name for the new image
    #[arg(value_name = "REFERENCE")]
    pub reference: Option<String>,
}

pub fn run(args: ImportArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let name = args
        .reference
        .as_deref()
        .map(Reference::parse_local)
        .transpose()?;
    let platform = Platform::from_flags(
        None,
        args.os.as_deref(),
        args.arch.as_deref(),
        args.variant.as_deref(),
    )
    .map_err(|e| Error::Usage(e.to_string()))?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let opts = ImportOptions {
        changes: args.changes.clone(),
        message: args.message.clone(),
        platform,
    };
    let id = if args.path.as_os_str() == "-" {
        import::import(&store, std::io::stdin().lock(), name.as_ref(), &opts)?
    } else {
        let file = std::fs::File::open(&args.path).map_err(|source| Error::ReadFile {
            path: args.path.clone(),
            source,
        })?;
        import::import(&store, file, name.as_ref(), &opts)?
    };
    ctx.event(
        "image",
        "import",
        id.as_str(),
        args.reference.as_deref().unwrap_or(""),
    );
    out(&format!("sha256:{id}\n"))?;
    Ok(0)
}
