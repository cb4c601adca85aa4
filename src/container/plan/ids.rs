//! Who the container's process is: `-u` and `--userns`. Without /etc/subuid rpod maps one id,
//! so this decides which id inside the user namespace stands for the caller. Root emulation
//! (see runtime::emulation) lets the container pretend to any other id on top of this one.

use super::super::ContainerError;
use super::RunOptions;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdsPlan {
    /// `-u NAME|UID[:GROUP|GID]`; None means the image's USER.
    pub user: Option<String>,
    /// `--userns=keep-id`: the caller's own uid and gid inside, instead of root.
    pub keep_id: bool,
}

impl IdsPlan {
    pub fn build(opts: &RunOptions) -> Result<IdsPlan, ContainerError> {
        let keep_id = match opts.userns.as_deref() {
            None | Some("" | "host" | "auto") => false,
            Some("keep-id") => true,
            Some(other) => {
                return Err(ContainerError::invalid(
                    "--userns",
                    other,
                    "rpod supports keep-id (and the default single-id mapping)",
                ));
            }
        };
        Ok(IdsPlan {
            user: opts.user.clone(),
            keep_id,
        })
    }
}
