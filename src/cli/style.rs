//! Help and usage-error shape, as podman prints them.

use std::ffi::OsString;

use crate::error::{EXIT_RPOD, Error};

pub const ROOT_TEMPLATE: &str = "{about}\n\nUsage:\n  {usage}\n\nAvailable Commands:\n{subcommands}\n\nOptions:\n{options}{after-help}";

pub const COMMAND_TEMPLATE: &str =
    "{about}\n\nUsage:\n  {usage}\n\nOptions:\n{options}{after-help}";

pub const GROUP_TEMPLATE: &str =
    "{about}\n\nUsage:\n  {usage}\n\nAvailable Commands:\n{subcommands}{after-help}";

/// Help and version go to stdout with status 0; anything else is a usage error: exit 125.
pub fn usage_error(err: clap::Error, root: &clap::Command, args: &[OsString]) -> Result<u8, Error> {
    use clap::error::ErrorKind;
    if let Some(verb) = takes_no_arguments(&err, root, args) {
        return Err(Error::Usage(format!("{verb} takes no arguments")));
    }
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

/// podman's words for a word given to a command that takes none (`rpod ps extra`): the
/// command's path, when that is what clap stumbled on.
fn takes_no_arguments(
    err: &clap::Error,
    root: &clap::Command,
    args: &[OsString],
) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(word)) = err.get(ContextKind::InvalidArg) else {
        return None;
    };
    if word.starts_with('-') {
        return None;
    }
    // The command that was running: each word naming a subcommand of the one before.
    let mut cmd = root;
    let mut path = vec![root.get_name().to_string()];
    for arg in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if let Some(sub) = cmd.find_subcommand(arg) {
            cmd = sub;
            path.push(sub.get_name().to_string());
        }
    }
    let takes_words = cmd.get_positionals().next().is_some() || cmd.has_subcommands();
    (!takes_words).then(|| path.join(" "))
}
