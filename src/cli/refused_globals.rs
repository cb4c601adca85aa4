//! podman's global options that do not fit rpod: accepted, so that a script gets the reason
//! rather than "unexpected argument", and refused before anything is done.

use crate::container::ContainerError;

#[derive(Debug, Default, clap::Args)]
pub struct RefusedGlobals {
    /// Refused with the reason: rpod's runtime content lives in the runroot
    #[arg(long, global = true, hide = true, value_name = "PATH")]
    tmpdir: Option<String>,
    /// Refused with the reason: rpod keeps one image store per root
    #[arg(long, global = true, hide = true, value_name = "PATH")]
    imagestore: Option<String>,
    /// Refused with the reason: container records persist in the root
    #[arg(long, global = true, hide = true, num_args = 0..=1, require_equals = true,
          default_missing_value = "true")]
    transient_store: Option<bool>,
    /// Refused with the reason: rpod has no containers-storage options
    #[arg(long, global = true, hide = true, value_name = "OPTION")]
    storage_opt: Vec<String>,
    /// Refused with the reason: rpod reads rpod.toml, not containers.conf
    #[arg(long, global = true, hide = true, value_name = "PATH")]
    module: Vec<String>,
    /// Refused with the reason: rpod logs to stderr only
    #[arg(long, global = true, hide = true, num_args = 0..=1, require_equals = true,
          default_missing_value = "true")]
    syslog: Option<bool>,
}

const TMPDIR: &str = "rpod keeps what podman puts in its tmpdir (the event log, exit files, \
     locks) in the runtime directory: use --runroot";
const IMAGESTORE: &str = "rpod keeps images and containers in one store under --root; a \
     read-only store of another rpod is rpod.toml's [storage] additional-image-stores";
const TRANSIENT: &str = "rpod records containers in the data directory (--root), so that they \
     survive a reboot; it has no transient mode";
const STORAGE_OPT: &str = "rpod has no containers-storage options: its storage settings are \
     --storage-driver and rpod.toml's [storage]";
const MODULE: &str = "rpod reads no containers.conf or its modules: its settings are in \
     $XDG_CONFIG_HOME/rpod/rpod.toml";
const SYSLOG: &str = "rpod writes its log to stderr only (a container's log is its \
     --log-driver's)";

impl RefusedGlobals {
    /// The first option given, refused with the reason.
    pub fn check(&self) -> Result<(), ContainerError> {
        let given = [
            ("--tmpdir", self.tmpdir.clone(), TMPDIR),
            ("--imagestore", self.imagestore.clone(), IMAGESTORE),
            (
                "--transient-store",
                self.transient_store.filter(|on| *on).map(|_| "true".into()),
                TRANSIENT,
            ),
            (
                "--storage-opt",
                // podman's `--storage-opt ""` asks for no options, which is what rpod has.
                self.storage_opt.iter().find(|o| !o.is_empty()).cloned(),
                STORAGE_OPT,
            ),
            ("--module", self.module.first().cloned(), MODULE),
            (
                "--syslog",
                self.syslog.filter(|on| *on).map(|_| "true".into()),
                SYSLOG,
            ),
        ];
        match given
            .into_iter()
            .find_map(|(flag, value, why)| Some((flag, value?, why)))
        {
            Some((flag, value, why)) => Err(ContainerError::invalid(flag, value, why)),
            None => Ok(()),
        }
    }
}
