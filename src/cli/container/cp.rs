//! `rpod cp`.

use std::io::{BufWriter, IsTerminal, Write};

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::container::copy::{self, Side};
use crate::error::Error;

/// Copy files and directories between a container and the host
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod cp [options] [CONTAINER:]SRC [CONTAINER:]DEST")]
pub struct CpArgs {
    /// Accepted for docker compatibility: with one mapped id every file belongs to the container's user
    #[arg(short, long)]
    pub archive: bool,
    /// Allow a directory to replace a non-directory and a non-directory to replace a directory
    #[arg(long)]
    pub overwrite: bool,
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

/// What to copy where, checked before anything is opened.
enum Plan<'a> {
    Between(Side<'a>, Side<'a>),
    ToStream(Side<'a>),
    ToHost(Side<'a>, &'a str),
    FromStream(Side<'a>),
    FromHost(&'a str, Side<'a>),
}

fn plan(args: &CpArgs) -> Result<Plan<'_>, Error> {
    let side = |(container, path)| Side { container, path };
    let src = container_path(&args.src).map(side);
    let dest = container_path(&args.dest).map(side);
    Ok(match (src, dest) {
        (Some(from), Some(to)) => Plan::Between(from, to),
        (Some(_), None) if args.dest == "-" && std::io::stdout().is_terminal() => {
            return Err(Error::Usage(
                "refusing to write a tar archive to a terminal: redirect standard output".into(),
            ));
        }
        (Some(from), None) if args.dest == "-" => Plan::ToStream(from),
        (Some(from), None) => Plan::ToHost(from, &args.dest),
        (None, Some(to)) if args.src == "-" => Plan::FromStream(to),
        (None, Some(to)) => Plan::FromHost(&args.src, to),
        (None, None) => {
            return Err(Error::Usage(
                "one of SRC and DEST must be CONTAINER:PATH".into(),
            ));
        }
    })
}

pub fn run(args: CpArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let plan = plan(&args)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    match plan {
        Plan::Between(from, to) => copy::between(&engine, &from, &to, args.overwrite)?,
        Plan::ToStream(from) => {
            let mut stdout = BufWriter::new(std::io::stdout().lock());
            copy::to_stream(&engine, &from, &mut stdout)?;
            stdout.flush().map_err(Error::Output)?;
        }
        Plan::ToHost(from, dest) => copy::to_host(&engine, &from, dest, args.overwrite)?,
        Plan::FromStream(to) => {
            let stdin = &mut std::io::stdin().lock();
            copy::from_stream(&engine, stdin, &to, args.overwrite)?
        }
        Plan::FromHost(src, to) => copy::from_host(&engine, src, &to, args.overwrite)?,
    }
    Ok(0)
}
