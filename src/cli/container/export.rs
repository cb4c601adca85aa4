//! `rpod export`.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::container::filesystem;
use crate::error::Error;

/// Export a container's file system as a tar archive
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod export [options] CONTAINER")]
pub struct ExportArgs {
    /// Write to a file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

pub fn run(args: ExportArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let Some(path) = &args.output else {
        if std::io::stdout().is_terminal() {
            return Err(Error::Usage(
                "refusing to write a tar archive to a terminal: use --output or redirect standard output".into(),
            ));
        }
        let (record, paths) = engine.find_here(&args.container)?;
        let mut stdout = BufWriter::new(std::io::stdout().lock());
        filesystem::export(&engine, &record, &paths, &mut stdout)?;
        stdout.flush().map_err(Error::Output)?;
        return Ok(0);
    };
    filesystem::export_to_file(&engine, &args.container, path)?;
    Ok(0)
}
