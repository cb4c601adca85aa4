//! Help and usage-error shape, as podman prints them.

use crate::error::{EXIT_RPOD, Error};

pub const ROOT_TEMPLATE: &str =
    "{about}\n\nUsage:\n  {usage}\n\nAvailable Commands:\n{subcommands}\n\nOptions:\n{options}\n";

pub const COMMAND_TEMPLATE: &str = "{about}\n\nUsage:\n  {usage}\n\nOptions:\n{options}\n";

pub const GROUP_TEMPLATE: &str =
    "{about}\n\nUsage:\n  {usage}\n\nAvailable Commands:\n{subcommands}\n";

/// Help and version go to stdout with status 0; anything else is a usage error: exit 125.
pub fn usage_error(err: clap::Error) -> Result<u8, Error> {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            crate::cli::out(&err.render().to_string())?;
            Ok(0)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", err.render());
            Ok(EXIT_RPOD)
        }
        _ => {
            let text = err.render().to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            Err(Error::Usage(text.trim_end().to_string()))
        }
    }
}
