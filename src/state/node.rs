//! The node this process runs on (#22): on a cluster one data directory on a shared file
//! system serves many machines, each with its own runtime directory, so a container's
//! monitor, and a command's temp names, mean something only on the node that made them.

use std::sync::OnceLock;

use sha2::{Digest, Sha256};

/// The environment variable that names the node, over the host name. A site whose nodes share
/// a host name (containers, some cloud images) or that wants a scheduler's name for them
/// (`RPOD_NODE=$SLURMD_NODENAME`) sets it; rpod.toml cannot, as it usually lives in a home on
/// the same shared file system as the store and would name every node alike.
pub const VARIABLE: &str = "RPOD_NODE";

/// `$RPOD_NODE` when set and not empty, else the host name.
pub fn name() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| {
        std::env::var(VARIABLE)
            .ok()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .or_else(|| {
                nix::unistd::gethostname()
                    .ok()
                    .map(|h| h.to_string_lossy().into_owned())
                    .filter(|h| !h.is_empty())
            })
            .unwrap_or_else(|| "localhost".to_string())
    })
}

/// A short tag of a node's name, safe in a file name (no `-`): 8 hex digits of its SHA-256.
pub fn tag(name: &str) -> String {
    hex::encode(&Sha256::digest(name.as_bytes())[..4])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_tell_names_apart_and_stay_put() {
        assert_eq!(tag("node-a"), tag("node-a"));
        assert_ne!(tag("node-a"), tag("node-b"));
        assert_eq!(tag("node-a").len(), 8);
        assert!(!tag("node-a").contains('-'));
    }
}
