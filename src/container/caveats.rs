//! Options rpod accepts but can honour only in part. Each one earns a warning that says what
//! the container gets instead, so that nothing degrades without a word; options rpod cannot
//! honour at all are refused where they are parsed.

use super::plan::RunOptions;

/// One warning per option the container will get only in part.
pub fn of(opts: &RunOptions) -> Vec<String> {
    let mut warnings = Vec::new();
    if let Some(network) = opts.network.first()
        && network.split(':').next() == Some("bridge")
    {
        warnings.push(
            "--network bridge: rootless rpod has no bridge network yet (issue #12): the \
             container gets its own user-mode network (the default, pasta or slirp4netns); \
             other containers reach it only through its published ports"
                .to_string(),
        );
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bridge_is_degraded() {
        let with = |network: &str| RunOptions {
            network: vec![network.into()],
            ..RunOptions::default()
        };
        assert_eq!(of(&with("bridge")).len(), 1);
        for fine in [
            "pasta",
            "slirp4netns",
            "host",
            "none",
            "private",
            "container:x",
        ] {
            assert!(of(&with(fine)).is_empty(), "{fine}");
        }
        assert!(of(&RunOptions::default()).is_empty());
    }
}
