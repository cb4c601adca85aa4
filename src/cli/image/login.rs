//! `rpod login` and `rpod logout`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::image::auth::{self, Credentials};
use crate::image::pull::io_runtime;
use crate::image::registry;

/// Log in to a container registry
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod login [options] REGISTRY")]
pub struct LoginArgs {
    /// Username for the registry
    #[arg(short, long, value_name = "USERNAME")]
    pub username: Option<String>,
    /// Password for the registry (prefer --password-stdin)
    #[arg(short, long, value_name = "PASSWORD")]
    pub password: Option<String>,
    /// Read the password from standard input
    #[arg(long)]
    pub password_stdin: bool,
    /// Path of the authentication file (default: $REGISTRY_AUTH_FILE, else podman's auth.json)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<PathBuf>,
    /// Write the credentials to this Docker-compatible file (a docker config.json) instead
    #[arg(long, value_name = "PATH", conflicts_with = "authfile")]
    pub compat_auth_file: Option<PathBuf>,
    /// Read the password from the secret NAME (and, without --username, log in as NAME)
    #[arg(long, value_name = "NAME", conflicts_with_all = ["password", "password_stdin"])]
    pub secret: Option<String>,
    /// Say which credentials file was used
    #[arg(short, long)]
    pub verbose: bool,
    /// Print the user name logged in to REGISTRY, or fail when there is none
    #[arg(long)]
    pub get_login: bool,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Trust the CA certificates (*.crt) in DIR for the registry, instead of
    /// certs.d/REGISTRY
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<PathBuf>,
    #[arg(value_name = "REGISTRY")]
    pub registry: String,
}

/// Log out of a container registry
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod logout [options] REGISTRY")]
pub struct LogoutArgs {
    /// Remove the credentials of every registry
    #[arg(short, long)]
    pub all: bool,
    /// Path of the authentication file (default: $REGISTRY_AUTH_FILE, else podman's auth.json)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<PathBuf>,
    /// Remove the credentials from this Docker-compatible file (a docker config.json) instead
    #[arg(long, value_name = "PATH", conflicts_with = "authfile")]
    pub compat_auth_file: Option<PathBuf>,
    #[arg(value_name = "REGISTRY", required_unless_present = "all")]
    pub registry: Option<String>,
}

/// `https://host:port/v2/` → `host:port`, as docker accepts URLs at login.
fn registry_key(s: &str) -> String {
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    let s = s.trim_end_matches('/');
    s.strip_suffix("/v2")
        .or_else(|| s.strip_suffix("/v1"))
        .unwrap_or(s)
        .to_string()
}

fn prompt(question: &str) -> Result<String, Error> {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(Error::Output)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

pub(crate) fn prompt_hidden(question: &str) -> Result<String, Error> {
    use nix::sys::termios::{self, LocalFlags, SetArg};
    let stdin = std::io::stdin();
    let saved = termios::tcgetattr(&stdin).ok();
    if let Some(saved) = &saved {
        let mut quiet = saved.clone();
        quiet.local_flags.remove(LocalFlags::ECHO);
        let _ = termios::tcsetattr(&stdin, SetArg::TCSANOW, &quiet);
    }
    let answer = prompt(question);
    if let Some(saved) = &saved {
        let _ = termios::tcsetattr(&stdin, SetArg::TCSANOW, saved);
        eprintln!();
    }
    answer
}

pub fn login(args: LoginArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let registry = registry_key(&args.registry);
    let named_file = args.compat_auth_file.as_ref().or(args.authfile.as_ref());
    if args.get_login {
        let files = match named_file {
            Some(file) => vec![file.clone()],
            None => ctx.auth_files(),
        };
        return match auth::lookup(&files, &registry, "")? {
            Some(creds) => out(&format!("{}\n", creds.username)).map(|()| 0),
            None => Err(Error::NotLoggedIn(registry)),
        };
    }
    let interactive = std::io::stdin().is_terminal();
    let from_secret = match &args.secret {
        Some(name) => {
            let secrets = ctx.secrets()?;
            let value = secrets.value(&secrets.get(name)?)?;
            let password = String::from_utf8(value).map_err(|_| {
                Error::Usage(format!(
                    "--secret {name}: the secret's value is not UTF-8 text"
                ))
            })?;
            Some((name.clone(), password))
        }
        None => None,
    };
    let username = match (args.username, &from_secret) {
        (Some(u), _) => u,
        (None, Some((name, _))) => name.clone(),
        (None, None) if interactive => prompt("Username: ")?,
        (None, None) => {
            return Err(Error::Usage(
                "login needs --username when standard input is not a terminal".into(),
            ));
        }
    };
    let password = match from_secret {
        Some((_, password)) => password,
        None => match (args.password, args.password_stdin) {
            (Some(_), true) => {
                return Err(Error::Usage(
                    "--password and --password-stdin are mutually exclusive".into(),
                ));
            }
            (Some(p), false) => p,
            (None, true) => {
                let mut text = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut text)
                    .map_err(Error::Output)?;
                text.trim_end_matches(['\r', '\n']).to_string()
            }
            (None, false) if interactive => prompt_hidden("Password: ")?,
            (None, false) => return Err(Error::Usage(
                "login needs --password-stdin or --password when standard input is not a terminal"
                    .into(),
            )),
        },
    };
    if username.is_empty() || password.is_empty() {
        return Err(Error::Usage(
            "username and password must not be empty".into(),
        ));
    }
    let creds = Credentials { username, password };
    let opts = ctx
        .registry_options(args.tls_verify, None)
        .with_cert_dir(args.cert_dir.clone());
    let runtime = io_runtime().map_err(Error::Runtime)?;
    runtime.block_on(registry::verify_login(&registry, &creds, &opts))?;
    drop(runtime);
    let file = ctx.auth_file(named_file.map(PathBuf::as_path));
    auth::store(&file, &registry, &creds)?;
    if args.verbose {
        out(&format!("Used: {}\n", file.display()))?;
    }
    out("Login Succeeded!\n")?;
    Ok(0)
}

pub fn logout(args: LogoutArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let named_file = args.compat_auth_file.as_ref().or(args.authfile.as_ref());
    let file = ctx.auth_file(named_file.map(PathBuf::as_path));
    if args.all {
        auth::remove_all(&file)?;
        out("Removed login credentials for all registries\n")?;
        return Ok(0);
    }
    let registry = registry_key(
        args.registry
            .as_deref()
            .expect("clap requires it without --all"),
    );
    auth::remove(&file, &registry)?;
    out(&format!("Removed login credentials for {registry}\n"))?;
    Ok(0)
}
