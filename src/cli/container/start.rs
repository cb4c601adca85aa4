//! `rpod start`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::SelectFlags;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::attach::{Ending, Sinks};
use crate::container::plan::attach::{AttachPlan, parse_detach_keys};
use crate::container::{ContainerError, start};
use crate::error::Error;

/// Start one or more containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod start [options] CONTAINER [CONTAINER...]")]
pub struct StartArgs {
    /// Attach the container's output (and with -i its input)
    #[arg(short, long)]
    pub attach: bool,
    /// Attach the container's stdin
    #[arg(short, long)]
    pub interactive: bool,
    /// Start every container that is not running
    #[arg(long)]
    pub all: bool,
    /// With --attach: whether SIGINT, SIGTERM and SIGHUP sent to rpod stop the container
    /// (default true); with false they end only this command
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub sig_proxy: Option<bool>,
    /// With --attach: key sequence that detaches (default ctrl-p,ctrl-q; "" for none); the
    /// container needs a terminal (-t)
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    #[command(flatten)]
    pub select: SelectFlags,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "cidfile", "filter"])]
    pub containers: Vec<String>,
}

pub fn run(args: StartArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = args.select.selection(&args.containers, args.all, false);
    let targets = super::targets(&ctx, &engine, &selection, &|s| !s.is_running())?;
    let attaching = args.attach || args.interactive;
    let plan = attach_plan(&args, attaching)?;
    if attaching {
        if targets.len() != 1 {
            return Err(Error::Usage(
                "you cannot start and attach multiple containers at once".into(),
            ));
        }
        // Checked before the start: a container started for nothing is not what was asked.
        let (record, _) = engine.find(&targets[0])?;
        if args.detach_keys.is_some() && !record.run.tty {
            return Err(ContainerError::invalid(
                "--detach-keys",
                args.detach_keys.clone().unwrap_or_default(),
                "the container has no terminal (-t): rpod reads detach keys only from one",
            )
            .into());
        }
        let mut plan = plan;
        if let Some(streams) = record.run.attach {
            plan.only(streams);
        }
        let attached =
            start::start_attached(&engine, &targets[0], args.interactive)?.with(&plan)?;
        return Ok(match Sinks::terminal(|sinks| attached.relay(sinks))? {
            Ending::Exited(code) => code.clamp(0, 255) as u8,
            Ending::Detached | Ending::Lost => 0,
        });
    }
    each(&targets, |name| {
        start::start(&engine, name)?;
        out(&format!("{name}\n"))
    })?;
    Ok(0)
}

/// `--sig-proxy` and `--detach-keys` act on an attached start only.
fn attach_plan(args: &StartArgs, attaching: bool) -> Result<AttachPlan, Error> {
    let given = [
        ("--sig-proxy", args.sig_proxy.map(|p| p.to_string())),
        ("--detach-keys", args.detach_keys.clone()),
    ];
    if let (false, Some((flag, Some(value)))) = (attaching, given.iter().find(|(_, v)| v.is_some()))
    {
        return Err(ContainerError::invalid(
            flag,
            value.as_str(),
            "it applies to an attached start only: add --attach",
        )
        .into());
    }
    let mut plan = AttachPlan {
        sig_proxy: args.sig_proxy.unwrap_or(true),
        ..AttachPlan::default()
    };
    if let Some(keys) = &args.detach_keys {
        plan.detach_keys = parse_detach_keys(keys)?;
    }
    Ok(plan)
}
