//! Output formatting for the command line: tables, the Go-template subset of `--format`, JSON.

/// The host architecture in OCI/Go naming (amd64, arm64, …).
pub fn host_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        other => other,
    }
}
