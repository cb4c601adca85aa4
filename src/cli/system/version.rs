//! `rpod version`.

use clap::Args;
use serde_json::json;

use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::format;

/// Display the rpod version information
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod version [options]")]
pub struct VersionArgs {
    /// Change the output format to json or a Go template ({{.Client.Version}},
    /// {{.Server.Version}})
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

pub fn run(args: VersionArgs, _global: &GlobalFlags) -> Result<u8, Error> {
    let os_arch = format!("linux/{}", crate::image::manifest::host_arch());
    let side = json!({
        "APIVersion": env!("CARGO_PKG_VERSION"),
        "Version": env!("CARGO_PKG_VERSION"),
        "GoVersion": "",
        "GitCommit": "",
        "BuiltTime": "",
        "Built": 0,
        "Os": "linux",
        "OsArch": os_arch,
    });
    // There is no daemon: the "server" docker's scripts ask about is rpod itself.
    let doc = json!({ "Client": side, "Server": side });
    let text = match args.format.as_deref() {
        None => format!(
            "Version:      {}\nOS/Arch:      {os_arch}\n",
            env!("CARGO_PKG_VERSION")
        ),
        Some("json") => format!("{}\n", format::json_pretty(&doc)),
        Some(template) => format::render_documents(Some(template), &[doc])?,
    };
    out(&text)?;
    Ok(0)
}
