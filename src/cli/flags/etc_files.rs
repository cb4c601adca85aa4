//! `run`/`create` flags for the /etc files rpod writes into a container.

use clap::Args;

use crate::container::plan::etc_files::EtcOptions;

#[derive(Debug, Clone, Args)]
pub struct EtcFlags {
    /// Add an /etc/passwd line for a numeric --user the image lacks, and an /etc/group line
    /// for its numeric group (and the caller's with --userns keep-id) (default true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub passwd: Option<bool>,
    /// The /etc/passwd line --passwd adds: $USERNAME, $UID, $GID, $NAME, $HOME are replaced
    #[arg(long, value_name = "ENTRY")]
    pub passwd_entry: Option<String>,
    /// The /etc/group line --passwd adds: $GROUPNAME, $GID, $USERLIST are replaced (a group
    /// the image lacks is named by its gid and lists the user)
    #[arg(long, value_name = "ENTRY")]
    pub group_entry: Option<String>,
    /// Add this host account (a name or uid, from the host's passwd database) to the
    /// container's /etc/passwd unless the image has it (repeatable)
    #[arg(long, value_name = "NAME")]
    pub hostuser: Vec<String>,
    /// A directory in the container to chroot into: /etc/hosts, /etc/hostname and
    /// /etc/resolv.conf are bound below it too (repeatable)
    #[arg(long, value_name = "PATH")]
    pub chrootdirs: Vec<String>,
}

impl EtcFlags {
    pub fn options(&self) -> EtcOptions {
        EtcOptions {
            passwd: self.passwd,
            passwd_entry: self.passwd_entry.clone(),
            group_entry: self.group_entry.clone(),
            host_users: self.hostuser.clone(),
            chroot_dirs: self.chrootdirs.clone(),
        }
    }
}
