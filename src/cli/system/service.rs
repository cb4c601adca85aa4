//! `rpod system service`: the Docker-compatible API socket.

use std::path::PathBuf;

use clap::Args;

use crate::api::{ServicePlan, ServiceRequest, Setup, TlsFiles};
use crate::cli::{GlobalFlags, style};
use crate::error::Error;

/// Run an API service (Docker-compatible endpoints on a unix socket or TCP, optionally over TLS)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod system service [options] [URI]")]
pub struct ServiceArgs {
    /// Seconds without a connection before the service exits (0: never)
    #[arg(short, long, value_name = "SECONDS", default_value_t = 5)]
    pub time: u64,
    /// Access-Control-Allow-Origin of every answer, e.g. '*' (empty: no CORS headers)
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// PEM certificate the service presents to its clients (with --tls-key)
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key of --tls-cert
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// PEM CA bundle: clients must present a certificate signed by one of them
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,
    /// Where to listen: unix:///PATH (default $XDG_RUNTIME_DIR/rpod/rpod.sock) or tcp://HOST:PORT
    pub uri: Option<String>,
}

pub fn run(args: ServiceArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let setup = Setup {
        overrides: global.overrides(),
        storage_driver: global.storage_driver,
        cdi_spec_dirs: global.cdi_spec_dir.clone(),
        hooks_dirs: global.hooks_dir.clone(),
    };
    let tls = match (args.tls_cert, args.tls_key) {
        (Some(cert), Some(key)) => Some(TlsFiles {
            cert,
            key,
            client_ca: args.tls_client_ca,
        }),
        // clap requires the two together.
        _ => None,
    };
    let request = ServiceRequest {
        uri: args.uri,
        time: args.time,
        tls,
        cors: args.cors,
    };
    let plan = ServicePlan::new(&request, setup)?;
    crate::api::serve(plan)?;
    Ok(0)
}
