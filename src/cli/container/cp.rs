//! `rpod cp`.

use std::io::{BufWriter, IsTerminal, Write};

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::container::copy;
use crate::error::Error;

/// Copy files and directories between a container and the host
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod cp [options] [CONTAINER:]SRC [CONTAINER:]DEST")]
pub struct CpArgs {
    /// Accepted for docker compatibility: with one mapped id every file belongs to the container's user
    #[arg(short, long)]
    pub archive: bool,
    /// SRC: a host path, CONTAINER:PATH, or - for a tar stream on standard input
    #[arg(value_name = "SRC")]
    pub src: String,
    /// DEST: a host path, CONTAINER:PATH, or - for a tar stream on standard output
    #[arg(value_name = "DEST")]
    pub dest: String,
}

/// `NAME:PATH` names a container's path; a host path with a colon starts with `/` or `./`.
fn container_path(arg: &str) -> Option<(&str, &str)> {
    let (name, path) = arg.split_once(':')?;
    (!name.is_empty() && !name.contains('/')).then_some((name, path))
}

pub fn run(args: CpArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    match (container_path(&args.src), container_path(&args.dest)) {
        (Some(_), Some(_)) => Err(Error::Usage(
            "copying between containers is not supported: copy through the host".into(),
        )),
        (None, None) => Err(Error::Usage(
            "one of SRC and DEST must be CONTAINER:PATH".into(),
        )),
        (Some((name, src)), None) if args.dest == "-" => {
            if std::io::stdout().is_terminal() {
                return Err(Error::Usage(
                    "refusing to write a tar archive to a terminal: redirect standard output"
                        .into(),
                ));
            }
            let mut stdout = BufWriter::new(std::io::stdout().lock());
            copy::to_stream(&engine, name, src, &mut stdout)?;
            stdout.flush().map_err(Error::Output)?;
            Ok(0)
        }
        (Some((name, src)), None) => {
            copy::to_host(&engine, name, src, &args.dest)?;
            Ok(0)
        }
        (None, Some((name, dest))) if args.src == "-" => {
            copy::from_stream(&engine, &mut std::io::stdin().lock(), name, dest)?;
            Ok(0)
        }
        (None, Some((name, dest))) => {
            copy::from_host(&engine, &args.src, name, dest)?;
            Ok(0)
        }
    }
}
