//! `rpod image mount` and `rpod image unmount`/`umount`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::image_mount;
use crate::error::Error;

/// Mount images' trees read-only and print where (without arguments: list the mounted ones).
/// Unprivileged, this works inside `rpod unshare`, whose session the mounts last for
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod image mount [options] [IMAGE...]")]
pub struct MountArgs {
    /// Mount every image
    #[arg(short, long)]
    pub all: bool,
    /// Print the mounted images as json
    #[arg(long, value_name = "FORMAT", value_parser = ["json"])]
    pub format: Option<String>,
    #[arg(value_name = "IMAGE")]
    pub images: Vec<String>,
}

/// Unmount images mounted by `rpod image mount`
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod image unmount [options] IMAGE [IMAGE...]")]
pub struct UnmountArgs {
    /// Unmount every mounted image
    #[arg(short, long)]
    pub all: bool,
    /// Unmount even while a process uses the tree
    #[arg(short, long)]
    pub force: bool,
    #[arg(value_name = "IMAGE", required_unless_present = "all")]
    pub images: Vec<String>,
}

fn show(mounted: &[image_mount::MountedImage], json: bool) -> String {
    let name = |m: &image_mount::MountedImage| {
        m.image
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| m.image.id.to_string())
    };
    if !json {
        return mounted
            .iter()
            .map(|m| format!("{} {}\n", name(m), m.path.display()))
            .collect();
    }
    let list: Vec<_> = mounted
        .iter()
        .map(|m| {
            serde_json::json!({
                "id": m.image.id.as_str(),
                "Names": [format!("sha256:{}", m.image.id.as_str())],
                "Repositories": m.image.names,
                "mountpoint": m.path,
            })
        })
        .collect();
    format!(
        "{}\n",
        serde_json::to_string_pretty(&list).expect("json values serialise")
    )
}

pub fn mount(args: MountArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let json = args.format.is_some();
    if args.images.is_empty() && !args.all {
        return out(&show(&image_mount::mounted(&engine)?, json)).map(|()| 0);
    }
    let targets: Vec<String> = match args.all {
        true => store
            .index()?
            .images
            .iter()
            .map(|i| i.id.to_string())
            .collect(),
        false => args.images,
    };
    let mut mounted = Vec::new();
    let result = each(&targets, |image| {
        mounted.push(image_mount::mount(&engine, image)?);
        Ok(())
    });
    let text = match json {
        true => show(&mounted, true),
        false => mounted
            .iter()
            .map(|m| format!("{}\n", m.path.display()))
            .collect(),
    };
    out(&text)?;
    result.map(|()| 0)
}

pub fn unmount(args: UnmountArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let targets: Vec<String> = match args.all {
        true => image_mount::mounted(&engine)?
            .into_iter()
            .map(|m| m.image.id.to_string())
            .collect(),
        false => args.images,
    };
    each(&targets, |image| {
        let id = image_mount::unmount(&engine, image, args.force)?;
        out(&format!("{id}\n"))
    })?;
    Ok(0)
}
