//! `rpod container cleanup`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::SelectFlags;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::{ContainerError, exec_session, remove, resources, status};
use crate::error::Error;
use crate::image::remove as image_remove;

/// Clean up what stopped containers left behind (a crashed monitor's cgroup), then
/// optionally remove them and their images; or clean up one exec session of a container
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod container cleanup [options] CONTAINER [CONTAINER...]")]
pub struct CleanupArgs {
    /// Clean up every stopped container
    #[arg(short, long)]
    pub all: bool,
    /// Clean up this exec session of the container instead (a finished one): with --rm,
    /// remove it from the container
    #[arg(long, value_name = "SESSION", conflicts_with_all = ["all", "rmi", "filter"])]
    pub exec: Option<String>,
    /// Then remove the container (with --exec: the session)
    #[arg(long)]
    pub rm: bool,
    /// Then remove its image, when no other container uses it
    #[arg(long)]
    pub rmi: bool,
    #[command(flatten)]
    pub select: SelectFlags,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "cidfile", "filter"])]
    pub containers: Vec<String>,
}

pub fn run(args: CleanupArgs, global: &GlobalFlags) -> Result<u8, Error> {
    if let Some(session) = &args.exec {
        let named =
            args.containers.len() + args.select.cidfile.len() + usize::from(args.select.latest);
        if named > 1 {
            return Err(Error::Usage(
                "cannot use exec option when more than one container is given".into(),
            ));
        }
        return cleanup_exec(&args, session, global);
    }
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = args.select.selection(&args.containers, args.all, false);
    let targets = super::targets(&ctx, &engine, &selection, &|s| !s.is_running())?;
    each(&targets, |name| {
        let (record, paths) = engine.find_here(name)?;
        // Reading the status records a dead monitor's container as exited.
        if status::of(&paths).is_running() {
            return Err(ContainerError::invalid(
                "container",
                record.name,
                "it is running: only stopped containers are cleaned up",
            )
            .into());
        }
        resources::remove_leftover_leaf(&paths);
        if args.rm || args.rmi {
            remove::remove(&engine, record.id.as_str(), false, true)?;
        }
        if args.rmi {
            let users = crate::container::system::image_users(&engine)?;
            let user_of = |id: &crate::ids::ImageId| users.get(id).cloned();
            let image = record.image.as_str();
            image_remove::remove(&store, image, true, &ctx.config.registries, &user_of)?;
        }
        out(&format!("{name}\n"))
    })?;
    Ok(0)
}

/// `--exec SESSION`: the container stays as it is, running or not.
fn cleanup_exec(args: &CleanupArgs, session: &str, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = args.select.selection(&args.containers, false, false);
    let targets = super::targets(&ctx, &engine, &selection, &|_| true)?;
    each(&targets, |name| {
        exec_session::cleanup(&engine, name, session, args.rm)?;
        out(&format!("{name}\n"))
    })?;
    Ok(0)
}
