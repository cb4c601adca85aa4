//! argv → cli → one exit path.

use std::process::ExitCode;

fn main() -> ExitCode {
    // The monitor is started thousands of times and lives long: it skips argument parsing.
    if std::env::args_os().nth(1).as_deref()
        == Some(std::ffi::OsStr::new(rpod::monitor::SUBCOMMAND))
    {
        return ExitCode::from(rpod::monitor::supervise::main());
    }
    let code = match rpod::cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) => rpod::error::report(&err),
    };
    ExitCode::from(code)
}
