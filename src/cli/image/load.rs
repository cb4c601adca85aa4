//! `rpod load`.

use std::path::PathBuf;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::image::archive::{self, LoadInput};

/// Load images from an archive (docker-archive, oci-archive) or a directory (oci-dir, docker-dir)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod load [options]")]
pub struct LoadArgs {
    /// Read from this archive file or directory (oci-dir, docker-dir) instead of standard input
    #[arg(short, long, value_name = "PATH")]
    pub input: Option<PathBuf>,
    /// Suppress the output
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: LoadArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let loaded = match &args.input {
        Some(path) if path.is_dir() => archive::load(&store, LoadInput::Dir(path))?,
        Some(path) => {
            let mut file = std::fs::File::open(path).map_err(|source| Error::ReadFile {
                path: path.clone(),
                source,
            })?;
            archive::load(&store, LoadInput::Stream(&mut file))?
        }
        None => archive::load(&store, LoadInput::Stream(&mut std::io::stdin().lock()))?,
    };
    if !args.quiet {
        let mut text = String::new();
        for image in &loaded {
            if image.names.is_empty() {
                text.push_str(&format!("Loaded image: sha256:{}\n", image.id));
            }
            for name in &image.names {
                text.push_str(&format!("Loaded image: {name}\n"));
            }
        }
        out(&text)?;
    }
    Ok(0)
}
