//! `rpod volume export` and `rpod volume import`.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::container::volume_archive;
use crate::error::Error;

/// Export a volume's contents as a tar archive
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod volume export [options] VOLUME")]
pub struct ExportArgs {
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(value_name = "VOLUME")]
    pub volume: String,
}

pub fn export(args: ExportArgs, global: &GlobalFlags) -> Result<u8, Error> {
    if args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(Error::Usage(
            "refusing to write a tar archive to a terminal: use --output or redirect standard output".into(),
        ));
    }
    let ctx = Context::load(global)?;
    let volumes = ctx.volumes()?;
    match &args.output {
        Some(path) => volume_archive::export_to_file(&volumes, &args.volume, path)?,
        None => {
            let mut stdout = BufWriter::new(std::io::stdout().lock());
            volume_archive::export(&volumes, &args.volume, &mut stdout)?;
            stdout.flush().map_err(Error::Output)?;
        }
    }
    Ok(0)
}

/// Import a tar archive into a volume
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod volume import VOLUME [SOURCE]")]
pub struct ImportArgs {
    #[arg(value_name = "VOLUME")]
    pub volume: String,
    /// A tar archive, or - for standard input
    #[arg(value_name = "SOURCE")]
    pub source: String,
}

pub fn import(args: ImportArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let volumes = ctx.volumes()?;
    match args.source.as_str() {
        "-" => volume_archive::import(&volumes, &args.volume, std::io::stdin().lock())?,
        path => {
            let file = File::open(path).map_err(|source| Error::ReadFile {
                path: path.into(),
                source,
            })?;
            volume_archive::import(&volumes, &args.volume, std::io::BufReader::new(file))?
        }
    }
    Ok(0)
}
