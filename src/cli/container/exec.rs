//! `rpod exec`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::container::exec;
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
    /// The container, then the command: every word after the container is the command's.
    #[arg(
        value_name = "CONTAINER COMMAND [ARG...]",
        required = true,
        trailing_var_arg = true
    )]
    pub argv: Vec<String>,
}

pub fn run(args: ExecArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let Some((container, command)) = args.argv.split_first().filter(|(_, c)| !c.is_empty()) else {
        return Err(Error::Usage(
            "must provide a non-empty command to start an exec session".into(),
        ));
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
    };
    let plan = ExecPlan::build(&opts)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let code = exec::exec(&engine, container, &plan)?;
    Ok(code.clamp(0, 255) as u8)
}
