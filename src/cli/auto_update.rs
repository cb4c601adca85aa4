//! `rpod auto-update`.

use clap::Args;
use serde_json::Value;

use super::context::Context;
use super::{GlobalFlags, out, style};
use crate::container::auto_update::{self, Options};
use crate::error::Error;
use crate::format::{self, Column};
use crate::image::progress;

/// Pull newer images of containers labelled io.containers.autoupdate and restart their
/// systemd units
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod auto-update [options]")]
pub struct AutoUpdateArgs {
    /// Only check: UPDATED says "pending" where a newer image is available
    #[arg(long)]
    pub dry_run: bool,
    /// Go back to the previous image when the unit fails to restart with the new one
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true")]
    pub rollback: bool,
    /// Output: table (default), json, or a Go template over .Unit .Container .ContainerID
    /// .ContainerName .Image .Policy .Updated
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman's auth.json,
    /// then docker's config.json)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<std::path::PathBuf>,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
}

pub fn run(args: AutoUpdateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let opts = Options {
        dry_run: args.dry_run,
        rollback: args.rollback,
        registry: ctx.registry_options_with(args.tls_verify, None, args.authfile.as_deref()),
    };
    let reporter = progress::for_terminal(true);
    let (reports, errors) = auto_update::auto_update(&engine, &opts, reporter.as_ref())?;
    let rows: Vec<Value> = reports
        .iter()
        .map(|r| {
            let mut row = serde_json::to_value(r).unwrap_or(Value::Null);
            row["Container"] = Value::String(format!(
                "{} ({})",
                &r.container_id[..12.min(r.container_id.len())],
                r.container_name
            ));
            row
        })
        .collect();
    let columns = [
        Column::new("Unit", "UNIT"),
        Column::new("Container", "CONTAINER"),
        Column::new("Image", "IMAGE"),
        Column::new("Policy", "POLICY"),
        Column::new("Updated", "UPDATED"),
    ];
    if !rows.is_empty() || args.format.is_some() {
        out(&format::render_rows(
            args.format.as_deref(),
            &rows,
            &columns,
        )?)?;
    }
    // Every container's failure is said; the last decides the exit code, as podman's does.
    let mut errors = errors.into_iter().map(Error::from).peekable();
    while let Some(e) = errors.next() {
        if errors.peek().is_none() {
            return Err(e);
        }
        crate::error::report(&e);
    }
    Ok(0)
}
