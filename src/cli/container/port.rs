//! `rpod port`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::ContainerError;
use crate::error::Error;
use crate::network::{PortMapping, Protocol};

/// List a container's published ports, or the host address of one of them
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod port [options] CONTAINER [PORT[/PROTOCOL]]")]
pub struct PortArgs {
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// A container port, as 80 or 80/udp
    #[arg(value_name = "PORT")]
    pub port: Option<String>,
}

fn parse_port(text: &str) -> Result<(u16, Protocol), ContainerError> {
    let bad = || ContainerError::invalid("port", text, "expected PORT or PORT/tcp or PORT/udp");
    let (port, protocol) = match text.split_once('/') {
        None => (text, Protocol::Tcp),
        Some((port, "tcp")) => (port, Protocol::Tcp),
        Some((port, "udp")) => (port, Protocol::Udp),
        Some(_) => return Err(bad()),
    };
    Ok((port.parse().map_err(|_| bad())?, protocol))
}

/// docker's `0.0.0.0:8080`, the host side of `port_line`.
fn host_side(m: &PortMapping) -> String {
    m.port_line()
        .split_once(" -> ")
        .map(|(_, host)| host.to_string())
        .unwrap_or_default()
}

pub fn run(args: PortArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let (record, _) = engine.find(&args.container)?;
    let ports = &record.run.ports;
    let Some(wanted) = &args.port else {
        for m in ports {
            out(&format!("{}\n", m.port_line()))?;
        }
        return Ok(0);
    };
    let (port, protocol) = parse_port(wanted)?;
    let found: Vec<&PortMapping> = ports
        .iter()
        .filter(|m| m.container_port == port && m.protocol == protocol)
        .collect();
    if found.is_empty() {
        return Err(ContainerError::invalid(
            "port",
            wanted,
            format!(
                "no public port {port}/{protocol} published for {}",
                record.name
            ),
        )
        .into());
    }
    for m in found {
        out(&format!("{}\n", host_side(m)))?;
    }
    Ok(0)
}
