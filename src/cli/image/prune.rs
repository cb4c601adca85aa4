//! `rpod image prune`.

use std::io::{BufRead, IsTerminal, Write};

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::prune_filter::PruneFilters;
use crate::error::Error;
use crate::image::remove;

/// Remove unused images from local storage
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod image prune [options]")]
pub struct PruneArgs {
    /// Remove all images not in use by containers, not just dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Remove only the images these pick: label=KEY[=VALUE], label!=KEY[=VALUE],
    /// until=TIME (created before)
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Also remove the storage of containers rpod has no record of (left by a crash; rpod
    /// system check lists them), each named on stderr
    #[arg(long)]
    pub external: bool,
    /// Also remove the build cache: the volumes of RUN --mount=type=cache that no container
    /// uses, each named on stderr
    #[arg(long)]
    pub build_cache: bool,
}

/// Asks on the terminal; without one, only `--force` proceeds.
pub fn confirm(question: &str) -> Result<bool, Error> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage(format!(
            "{question}: no terminal to confirm on; pass --force"
        )));
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(Error::Output)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

/// `--external` of image and system prune: the storage of containers without a record.
pub fn remove_external(engine: &crate::container::Engine) -> Result<(), Error> {
    for id in crate::container::system::remove_leftovers(engine)? {
        eprintln!("removed the storage of container {id}, which had no record");
    }
    Ok(())
}

pub fn run(args: PruneArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let filters = PruneFilters::parse(&args.filter)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    if !args.force {
        let what = if args.all {
            "all images without at least one container associated to them"
        } else {
            "all dangling images"
        };
        let cache = match args.build_cache {
            true => " and the build cache",
            false => "",
        };
        if !confirm(&format!(
            "WARNING! This command removes {what}{cache}. Are you sure you want to continue?"
        ))? {
            return Ok(0);
        }
    }
    // An image a container was made from stays, whatever the container's state.
    let engine = ctx.engine(&store)?;
    if args.external {
        remove_external(&engine)?;
    }
    if args.build_cache {
        for volume in crate::container::volumes::prune_build_cache(&engine)? {
            eprintln!("removed the build cache volume {}", volume.name);
        }
    }
    let users = crate::container::system::image_users(&engine)?;
    let picked = |image: &_| filters.matches_image(&store, image);
    let removed = remove::prune_picked(&store, args.all, &|id| users.get(id).cloned(), &picked)?;
    out(&removed
        .iter()
        .map(|id| format!("{id}\n"))
        .collect::<String>())?;
    Ok(0)
}
