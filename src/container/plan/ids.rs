//! Who the container's process is: `-u` and `--userns`. Without /etc/subuid rpod maps one id,
//! so this decides which id inside the user namespace stands for the caller. Root emulation
//! (see runtime::emulation) lets the container pretend to any other id on top of this one.

use super::super::ContainerError;
use super::RunOptions;

/// Why `--userns` takes what it takes: `host` is rootless podman's default, the caller as root.
const USERNS_MODES: &str = "rpod maps one id, so it supports host (the default: your uid is \
    root inside) and keep-id; auto, nomap and private need a range of ids from /etc/subuid";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdsPlan {
    /// `-u NAME|UID[:GROUP|GID]`; None means the image's USER.
    pub user: Option<String>,
    /// `--userns=keep-id`: the caller's own uid and gid inside, instead of root.
    pub keep_id: bool,
    /// `--userns` was given (a pod's member then keeps its own mode).
    pub own_userns: bool,
    /// `--group-add`: more supplementary groups (names are looked up in the image).
    pub group_add: Vec<super::extra::GroupAdd>,
    /// `--group-add keep-groups`: the caller's own supplementary groups stay.
    pub keep_groups: bool,
}

impl IdsPlan {
    pub fn build(opts: &RunOptions) -> Result<IdsPlan, ContainerError> {
        if let Some((flag, value)) = opts.id_maps.first() {
            return Err(ContainerError::invalid(
                flag,
                value,
                "rpod maps exactly one id (no /etc/subuid, no newuidmap): there is no range to map",
            ));
        }
        let keep_id = match opts.userns.as_deref() {
            None | Some("" | "host") => false,
            Some("keep-id") => true,
            Some(other) => {
                return Err(ContainerError::invalid("--userns", other, USERNS_MODES));
            }
        };
        let (group_add, keep_groups) = super::extra::group_add(&opts.more.group_add)?;
        Ok(IdsPlan {
            user: opts.user.clone(),
            keep_id,
            own_userns: opts.userns.as_deref().is_some_and(|u| !u.is_empty()),
            group_add,
            keep_groups,
        })
    }
}
