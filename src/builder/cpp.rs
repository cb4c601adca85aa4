//! A Containerfile whose name ends in `.in` goes through the C preprocessor first, as
//! podman's does: `#include` of shared parts and macros (`-DNAME=VALUE` by `--cpp-flag`).

use std::io;
use std::path::Path;
use std::process::{Command, Stdio};

use super::error::BuildError;

/// The preprocessed text of the Containerfile at `path` (already read as `text`, for the
/// check that it is there). `-undef` keeps words such as `linux` in `linux/amd64` as they
/// are; `-traditional` lets shell scripts' lone quotes through; `-P` drops line markers.
pub fn preprocess(text: &str, path: &Path, flags: &[String]) -> Result<String, BuildError> {
    let fail = |reason: String| BuildError::Preprocess {
        path: path.to_path_buf(),
        reason,
    };
    if text.is_empty() {
        return Ok(String::new());
    }
    let output = Command::new("cpp")
        .args(["-E", "-P", "-traditional", "-undef"])
        .args(flags)
        .arg(path)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => {
                fail("cpp(1) is not installed (Debian and Ubuntu: apt-get install cpp)".to_string())
            }
            _ => fail(format!("cannot run cpp: {e}")),
        })?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(fail(format!(
            "cpp failed ({}): {}",
            output.status,
            said.trim()
        )));
    }
    String::from_utf8(output.stdout).map_err(|_| fail("cpp's output is not UTF-8".into()))
}
