//! argv → cli → one exit path.

use std::process::ExitCode;

fn main() -> ExitCode {
    let code = match rpod::cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) => rpod::error::report(&err),
    };
    ExitCode::from(code)
}
