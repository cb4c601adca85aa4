//! `rpod exec`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::LatestContainer;
use crate::cli::{GlobalFlags, style};
use crate::container::exec;
use crate::container::plan::attach::DEFAULT_DETACH_KEYS;
use crate::container::plan::exec::{ExecOptions, ExecPlan};
use crate::error::Error;

/// Run a process in a running container
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod exec [options] CONTAINER COMMAND [ARG...]")]
pub struct ExecArgs {
    /// Run the command in the background
    #[arg(short, long)]
    pub detach: bool,
    /// Keep STDIN open
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY
    #[arg(short, long)]
    pub tty: bool,
    /// Set environment variables (KEY=VALUE, or KEY to pass rpod's own value)
    #[arg(short, long = "env", value_name = "ENV")]
    pub env: Vec<String>,
    /// Read environment variables from a file (KEY=VALUE lines; `-e` wins)
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<std::path::PathBuf>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Username or UID (it must be the container's user: one id is mapped)
    #[arg(short, long, value_name = "USER")]
    pub user: Option<String>,
    /// Give extended privileges to the process
    #[arg(long)]
    pub privileged: bool,
    /// Pass this many more file descriptors to the process: 3 to 3+N-1, as they are open in
    /// rpod
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub preserve_fds: u32,
    /// Pass these file descriptors of rpod to the process, at their numbers (FD1[,FD2,...],
    /// repeatable)
    #[arg(long, value_name = "FD1[,FD2,...]")]
    pub preserve_fd: Vec<String>,
    #[command(flatten)]
    pub latest: LatestContainer,
    /// Run in the container whose ID this file holds (as run/create --cidfile write it)
    #[arg(long, value_name = "FILE", conflicts_with = "latest")]
    pub cidfile: Option<std::path::PathBuf>,
    /// The keys that detach from the command's terminal with -it, leaving it running
    /// (default ctrl-p,ctrl-q; "" for none)
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Record no exec session: rpod never records one (nothing lists exec sessions), so this
    /// is what exec always does
    #[arg(long)]
    pub no_session: bool,
    /// The container, then the command: every word after the container is the command's
    /// (with --latest or --cidfile, every word is the command's).
    #[arg(
        value_name = "CONTAINER COMMAND [ARG...]",
        required = true,
        trailing_var_arg = true
    )]
    pub argv: Vec<String>,
}

pub fn run(args: ExecArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let named = !args.latest.latest && args.cidfile.is_none();
    let (container, command) = match named {
        true => match args.argv.split_first() {
            Some((container, command)) => (Some(container.clone()), command),
            None => (None, &[][..]),
        },
        false => (None, &args.argv[..]),
    };
    if command.is_empty() {
        return Err(Error::Usage(
            "must provide a non-empty command to start an exec session".into(),
        ));
    }
    let container = match &args.cidfile {
        Some(file) => Some(
            std::fs::read_to_string(file)
                .map_err(|e| Error::Usage(format!("invalid --cidfile {}: {e}", file.display())))?
                .trim()
                .to_string(),
        ),
        None => container,
    };
    let ctx = Context::load(global)?;
    let opts = ExecOptions {
        command: command.to_vec(),
        interactive: args.interactive,
        tty: args.tty,
        detach: args.detach,
        env: args.env,
        env_files: args.env_file,
        workdir: args.workdir,
        user: args.user,
        privileged: args.privileged,
        preserve_fds: args.preserve_fds,
        preserve_fd: args.preserve_fd,
        detach_keys: match args.detach_keys {
            None if args.tty && args.interactive && !args.detach => {
                Some(DEFAULT_DETACH_KEYS.to_string())
            }
            keys => keys,
        },
    };
    let plan = ExecPlan::build(&opts)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let container = args.latest.resolve(&engine, container.as_deref())?;
    let code = exec::exec(&engine, &container, &plan)?;
    Ok(code.clamp(0, 255) as u8)
}
