//! `rpod diff`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::OneContainer;
use crate::cli::{GlobalFlags, out, style};
use crate::container::filesystem::{self, Change, Kind};
use crate::error::Error;

/// Show what a container changed in its image's file system (A added, C changed, D deleted)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod diff [options] CONTAINER")]
pub struct DiffArgs {
    /// Output format: json, or the A/C/D lines by default
    #[arg(long, value_name = "FORMAT", value_parser = ["json"])]
    pub format: Option<String>,
    #[command(flatten)]
    pub target: OneContainer,
}

pub fn run(args: DiffArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let container = args.target.resolve(&engine)?;
    let (record, paths) = engine.find_here(&container)?;
    let (_, changes) = filesystem::changes(&engine, &record, &paths)?;
    out(&render(&changes, args.format.is_some()))?;
    Ok(0)
}

/// The A/C/D lines, or with `json` podman's object of the three lists.
pub fn render(changes: &[Change], json: bool) -> String {
    let path = |c: &Change| format!("/{}", c.path.display());
    if json {
        let of = |kind: Kind| -> Vec<String> {
            changes
                .iter()
                .filter(|c| c.kind == kind)
                .map(path)
                .collect()
        };
        let doc = serde_json::json!({
            "changed": of(Kind::Changed),
            "added": of(Kind::Added),
            "deleted": of(Kind::Deleted),
        });
        return format!("{}\n", serde_json::to_string_pretty(&doc).expect("json"));
    }
    changes
        .iter()
        .map(|c| format!("{} {}\n", c.kind.letter(), path(c)))
        .collect()
}
