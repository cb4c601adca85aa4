//! `rpod system doctor`: what this host degrades or lacks, why, what rpod does instead, and
//! the fix. Exits 1 when any check is not ok: a verdict, not an error.

use clap::Args;
use serde_json::Value;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::doctor::{self, Finding, Status};
use crate::error::Error;
use crate::format::{self, Column};

/// Check what this host degrades or lacks for rootless containers, and how to fix it
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod system doctor [options]")]
pub struct DoctorArgs {
    /// Change the output format to table, json or a Go template (one row per check: .ID, .Status, .Found, .Instead, .Fix)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

const COLUMNS: [Column; 3] = [
    Column::new("ID", "CHECK"),
    Column::new("Status", "STATUS"),
    Column::new("Found", "FOUND"),
];

pub fn run(args: DoctorArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let findings = doctor::doctor(store.dir(), &ctx.config, &ctx.paths, ctx.storage_driver)?;
    let text = match args.format.as_deref().map(str::trim) {
        None | Some("") | Some("table") => report(&findings),
        Some(template) => {
            let rows: Vec<Value> = findings
                .iter()
                .map(|f| serde_json::to_value(f).expect("findings serialise"))
                .collect();
            format::render_rows(Some(template), &rows, &COLUMNS)?
        }
    };
    out(&text)?;
    Ok(match doctor::degraded(&findings).is_empty() {
        true => 0,
        false => 1,
    })
}

/// One line per check, then the why, instead and fix of each one that is not ok.
fn report(findings: &[Finding]) -> String {
    let width = findings.iter().map(|f| f.id.len()).max().unwrap_or(0);
    let mut text = format!("{:width$}  STATUS\n", "CHECK");
    for f in findings {
        text.push_str(&format!("{:width$}  {}\n", f.id, f.status.name()));
    }
    let bad: Vec<&Finding> = findings.iter().filter(|f| f.status != Status::Ok).collect();
    for f in &bad {
        text.push_str(&format!(
            "\n{} ({}):\n  why:     {}\n  instead: {}\n  fix:     {}\n",
            f.id,
            f.status.name(),
            f.found,
            f.instead,
            f.fix
        ));
    }
    text.push_str(&match bad.len() {
        0 => "\nnothing is degraded or missing\n".to_string(),
        n => format!("\n{n} of {} checks degraded or missing\n", findings.len()),
    });
    text
}
