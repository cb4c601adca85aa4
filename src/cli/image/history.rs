//! `rpod history` / `rpod image history`.

use clap::Args;
use serde_json::json;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::format::{self, Column, units};
use crate::image::{inspect, store::find_in};

/// Show the history of an image
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod history [options] IMAGE")]
pub struct HistoryArgs {
    /// Display sizes and dates in human readable format
    #[arg(short = 'H', long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_name = "BOOL")]
    pub human: bool,
    /// Do not truncate the output
    #[arg(long)]
    pub no_trunc: bool,
    /// Display the numeric IDs only
    #[arg(short, long)]
    pub quiet: bool,
    /// Change the output to JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

pub fn run(args: HistoryArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let index = store.index()?;
    let image = find_in(&index, &args.image, &ctx.config.registries)?;
    let steps = inspect::history(&store, image)?;
    let now = jiff::Timestamp::now();
    let rows: Vec<_> = steps
        .iter()
        .map(|s| {
            let id = match &s.id {
                Some(id) if args.no_trunc => id.clone(),
                Some(id) => id[..12].to_string(),
                None => "<missing>".to_string(),
            };
            let created_at = s.created.clone().unwrap_or_default();
            let since = match s
                .created
                .as_deref()
                .and_then(|c| c.parse::<jiff::Timestamp>().ok())
            {
                Some(t) if args.human => format!(
                    "{} ago",
                    units::human_duration(now.duration_since(t).unsigned_abs())
                ),
                Some(t) => t.to_string(),
                None => "N/A".into(),
            };
            let created_by = if args.no_trunc || s.created_by.chars().count() <= 45 {
                s.created_by.clone()
            } else {
                format!("{}...", s.created_by.chars().take(42).collect::<String>())
            };
            let size = if args.human {
                units::human_size(s.size)
            } else {
                s.size.to_string()
            };
            json!({
                "ID": id,
                "Created": since,
                "CreatedAt": created_at,
                "CreatedBy": created_by,
                "Size": size,
                "Comment": s.comment,
            })
        })
        .collect();
    if args.quiet {
        let text: String = rows
            .iter()
            .map(|r| format!("{}\n", r["ID"].as_str().unwrap_or_default()))
            .collect();
        return out(&text).map(|()| 0);
    }
    let columns = [
        Column::new("ID", "IMAGE"),
        Column::new("Created", "CREATED"),
        Column::new("CreatedBy", "CREATED BY"),
        Column::new("Size", "SIZE"),
        Column::new("Comment", "COMMENT"),
    ];
    out(&format::render_rows(
        args.format.as_deref(),
        &rows,
        &columns,
    )?)?;
    Ok(0)
}
