//! `rpod volume create`.

use std::collections::BTreeMap;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::volume::VolumeError;

/// Create a volume
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod volume create [options] [NAME]")]
pub struct CreateArgs {
    /// Volume driver (only local)
    #[arg(short, long, default_value = "local", value_name = "DRIVER")]
    pub driver: String,
    /// Driver options (the local driver takes none)
    #[arg(short, long = "opt", value_name = "OPTION")]
    pub opt: Vec<String>,
    /// Set metadata on the volume (KEY=VALUE)
    #[arg(short, long = "label", value_name = "LABEL")]
    pub label: Vec<String>,
    /// Succeed quietly when the volume exists (it always does, as with docker)
    #[arg(long)]
    pub ignore: bool,
    /// The UID that owns the volume's directory inside containers (with root emulation,
    /// which shows the ids rpod records; GID 0 unless --gid)
    #[arg(long, value_name = "UID")]
    pub uid: Option<u32>,
    /// The GID that owns the volume's directory inside containers (UID 0 unless --uid)
    #[arg(long, value_name = "GID")]
    pub gid: Option<u32>,
    /// Name of the volume (default: a random name)
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
}

pub fn run(args: CreateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    if args.driver != "local" {
        return Err(Error::Usage(format!(
            "volume driver {:?} is not available: rpod has the local driver only",
            args.driver
        )));
    }
    if let Some(opt) = args.opt.first() {
        return Err(Error::Usage(format!(
            "volume option {opt:?} is not supported: rpod's local volumes are plain directories"
        )));
    }
    let labels: BTreeMap<String, String> = crate::cli::flags::labels::parse(&args.label)?;
    let ctx = Context::load(global)?;
    let volumes = ctx.volumes()?;
    // docker: creating a volume that exists is not an error.
    let volume = match volumes.create(args.name.as_deref(), labels) {
        Err(VolumeError::Exists(name)) => volumes.get(&name)?,
        other => {
            let created = other?;
            if args.uid.is_some() || args.gid.is_some() {
                let owner = crate::ids::FileOwner {
                    uid: args.uid.unwrap_or(0),
                    gid: args.gid.unwrap_or(0),
                };
                if let Err(e) = volumes.set_owner(&created, owner) {
                    let _ = volumes.remove(&created.name);
                    return Err(e.into());
                }
            }
            ctx.event("volume", "create", &created.name, &created.name);
            created
        }
    };
    out(&format!("{}\n", volume.name))?;
    Ok(0)
}
