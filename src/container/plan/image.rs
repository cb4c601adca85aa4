//! The image a container runs and how it is fetched: `--pull`, `--platform`, `--tls-verify`,
//! `--creds`, `--authfile`, `--retry`, `--decryption-key`.

use std::path::{Path, PathBuf};

use super::super::ContainerError;
use super::RunOptions;
use crate::container::record::RootfsDir;
use crate::image::auth::Credentials;
use crate::image::crypt::DecryptionKeys;
use crate::image::manifest::Platform;
use crate::image::registry::Retry;

pub use crate::image::pull_policy::PullPolicy;

/// An image reference naming a squashfs image file, as `--rootfs FILE` does.
pub const SQUASH_PREFIX: &str = "sqfs:";

#[derive(Debug, Clone)]
pub struct ImagePlan {
    /// The image as the user named it.
    pub reference: String,
    /// `--rootfs FILE` or `sqfs:FILE`: the squashfs image file to run from, absolute (#22).
    pub squash: Option<PathBuf>,
    /// `--rootfs DIR[:O]`: a directory that is the container's root file system.
    pub root_dir: Option<RootfsDir>,
    pub pull: PullPolicy,
    pub platform: Platform,
    pub tls_verify: Option<bool>,
    pub creds: Option<Credentials>,
    pub cert_dir: Option<PathBuf>,
    pub authfile: Option<PathBuf>,
    pub retry: Retry,
    pub decryption: DecryptionKeys,
}

impl ImagePlan {
    /// An image of the store, pulled when missing, for this host's platform (`container
    /// clone`'s image).
    pub fn named(reference: &str) -> Result<ImagePlan, ContainerError> {
        if reference.starts_with(SQUASH_PREFIX) {
            return Err(ContainerError::invalid(
                "image",
                reference,
                "a clone runs from an image of the store, not a squashfs file",
            ));
        }
        Ok(ImagePlan {
            reference: reference.to_string(),
            squash: None,
            root_dir: None,
            pull: PullPolicy::Missing,
            platform: Platform::host(),
            tls_verify: None,
            creds: None,
            cert_dir: None,
            authfile: None,
            retry: Retry::default(),
            decryption: DecryptionKeys::default(),
        })
    }

    pub fn build(opts: &RunOptions) -> Result<ImagePlan, ContainerError> {
        let more = &opts.more;
        let platform = Platform::from_flags(
            opts.platform.as_deref(),
            more.os.as_deref(),
            more.arch.as_deref(),
            more.variant.as_deref(),
        )?;
        let (squash, root_dir) = match rootfs(opts)? {
            Some(Rootfs::File(file)) => (Some(file), None),
            Some(Rootfs::Dir(dir)) => (None, Some(dir)),
            None => (None, None),
        };
        Ok(ImagePlan {
            squash,
            root_dir,
            reference: opts.image.clone(),
            pull: pull_policy(opts.pull.as_deref().unwrap_or("missing"))?,
            platform,
            tls_verify: opts.tls_verify,
            creds: opts.creds.clone(),
            cert_dir: opts.cert_dir.clone(),
            authfile: opts.authfile.clone(),
            retry: retry(opts)?,
            decryption: DecryptionKeys::load(&opts.decryption_keys).map_err(|e| {
                ContainerError::invalid(
                    "--decryption-key",
                    opts.decryption_keys.join(" "),
                    e.to_string(),
                )
            })?,
        })
    }
}

fn pull_policy(value: &str) -> Result<PullPolicy, ContainerError> {
    PullPolicy::parse(value).map_err(|why| ContainerError::invalid("--pull", value, why))
}

/// `--retry` and `--retry-delay` over the defaults.
fn retry(opts: &RunOptions) -> Result<Retry, ContainerError> {
    let default = Retry::default();
    let delay = match opts.retry_delay.as_deref() {
        None => default.delay,
        Some(text) => Some(
            crate::format::units::parse_go_duration(text).ok_or_else(|| {
                ContainerError::invalid(
                    "--retry-delay",
                    text,
                    "expected a duration like 2s or 500ms",
                )
            })?,
        ),
    };
    Ok(Retry {
        retries: opts.retry.unwrap_or(default.retries),
        delay,
    })
}

enum Rootfs {
    File(PathBuf),
    Dir(RootfsDir),
}

/// What `--rootfs` or `sqfs:FILE` names, made absolute: a squashfs file, with what mounting
/// it needs of this host checked now (squashfuse and a /dev/fuse this user may open), or with
/// `--rootfs` a directory (podman's `--rootfs DIR`, `:O` for an overlay that keeps it as it is).
fn rootfs(opts: &RunOptions) -> Result<Option<Rootfs>, ContainerError> {
    let given = match opts.image.strip_prefix(SQUASH_PREFIX) {
        Some(file) => file,
        None if opts.rootfs => opts.image.as_str(),
        None => return Ok(None),
    };
    let flag = if opts.rootfs { "--rootfs" } else { "image" };
    if given.is_empty() {
        return Err(ContainerError::invalid(flag, given, "name a squashfs file"));
    }
    let absolute = |path: &str| {
        std::path::absolute(Path::new(path))
            .map_err(|e| ContainerError::invalid(flag, given, e.to_string()))
    };
    if opts.rootfs {
        let (path, overlay) = match given.rsplit_once(':') {
            Some((dir, "O")) => (dir, true),
            Some((_, "idmap")) => {
                return Err(ContainerError::invalid(
                    flag,
                    given,
                    "rpod maps one id: there is no range to map the directory's owners with",
                ));
            }
            _ => (given, false),
        };
        let dir = absolute(path)?;
        if dir.is_dir() {
            return Ok(Some(Rootfs::Dir(RootfsDir { path: dir, overlay })));
        }
        if overlay {
            return Err(ContainerError::invalid(flag, given, "no such directory"));
        }
    }
    let path = absolute(given)?;
    if path.is_dir() {
        return Err(ContainerError::invalid(
            flag,
            given,
            "sqfs: names a squashfs file; run a directory with --rootfs DIR",
        ));
    }
    crate::storage::squash::check_host().map_err(crate::storage::StorageError::from)?;
    Ok(Some(Rootfs::File(path)))
}
