//! `build`'s flags from podman and docker beyond the classic builder: where the log goes,
//! platform fields of the config, file times, the C preprocessor, proxies and VOLUME rules of
//! RUN steps; and the choices of engines rpod is not (other runtimes, isolation kinds, id
//! ranges, compression), each taking effect or refused with the reason. Those only ever
//! refused are hidden from the help: README's table of what rpod leaves out names them.

use std::fs::File;
use std::path::PathBuf;

use clap::Args;

use crate::builder::MoreBuildOptions;
use crate::error::Error;
use crate::image::manifest::Platform;

#[derive(Debug, Args)]
pub struct CompatFlags {
    /// Write what the build prints (its steps and what RUN steps print on either stream) to
    /// this file instead of the terminal
    #[arg(long, value_name = "FILE")]
    pub logfile: Option<PathBuf>,
    /// With --logfile: one log per platform built, FILE_OS_ARCH (podman's naming)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub logsplit: Option<bool>,
    /// Add an OS feature the image requires to its config (FEATURE- removes an inherited one)
    #[arg(long = "os-feature", value_name = "FEATURE")]
    pub os_feature: Vec<String>,
    /// Set the OS version the image requires (its config's os.version)
    #[arg(long = "os-version", value_name = "VERSION")]
    pub os_version: Option<String>,
    /// With --source-date-epoch: files of the layers the build adds that are newer than it
    /// get its time
    #[arg(long)]
    pub rewrite_timestamp: bool,
    /// Pass a flag to cpp(1), which preprocesses a Containerfile whose name ends in .in
    /// (after those of $BUILDAH_CPPFLAGS)
    #[arg(long = "cpp-flag", value_name = "FLAG", allow_hyphen_values = true)]
    pub cpp_flag: Vec<String>,
    /// Pass rpod's proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, either
    /// case) to RUN steps (default true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub http_proxy: Option<bool>,
    /// Discard what RUN steps change below VOLUME directories (inherited ones too), as
    /// docker's builder does; COPY and ADD still write there
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub compat_volumes: Option<bool>,
    /// UID map of RUN steps (CONTAINER:HOST:SIZE): only 0:0:1, the one id rpod maps
    #[arg(long = "userns-uid-map", value_name = "MAP", hide = true)]
    pub userns_uid_map: Option<String>,
    /// GID map of RUN steps (CONTAINER:HOST:SIZE): only 0:0:1, the one id rpod maps
    #[arg(long = "userns-gid-map", value_name = "MAP", hide = true)]
    pub userns_gid_map: Option<String>,
    /// Map RUN steps' uids from this user's /etc/subuid range: refused (one id is mapped)
    #[arg(long = "userns-uid-map-user", value_name = "USER", hide = true)]
    pub userns_uid_map_user: Option<String>,
    /// Map RUN steps' gids from this group's /etc/subgid range: refused (one id is mapped)
    #[arg(long = "userns-gid-map-group", value_name = "GROUP", hide = true)]
    pub userns_gid_map_group: Option<String>,
    /// How RUN steps are isolated: oci or rootless (what rpod does: a container in a user
    /// namespace); chroot is refused
    #[arg(long, value_name = "TYPE")]
    pub isolation: Option<String>,
    /// Another OCI runtime for RUN steps: refused (rpod runs them with its own)
    #[arg(long, value_name = "PATH", hide = true)]
    pub runtime: Option<String>,
    /// A global flag of another OCI runtime: refused (rpod runs RUN steps with its own)
    #[arg(long = "runtime-flag", value_name = "FLAG", hide = true)]
    pub runtime_flag: Vec<String>,
    /// Compress the context sent to a daemon: rpod has none, so this changes nothing (as
    /// with podman)
    #[arg(long)]
    pub compress: bool,
    /// Keep the built layers uncompressed in the store (default true, the only way rpod
    /// stores them; push compresses them)
    #[arg(short = 'D', long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub disable_compression: Option<bool>,
    /// Build for every platform the base images have: refused (RUN steps run natively)
    #[arg(long, hide = true)]
    pub all_platforms: bool,
    /// Sign the built image in the store: refused (rpod's store keeps no signatures)
    #[arg(long, value_name = "FINGERPRINT", hide = true)]
    pub sign_by: Option<String>,
}

fn usage(message: String) -> Error {
    Error::Usage(message)
}

/// `0:0:1`, with podman's separators: container 0 is the host's user, the one id rpod's
/// user namespace maps.
fn one_id_map(flag: &str, map: &str) -> Result<(), Error> {
    let fields: Vec<&str> = map
        .split([':', ' ', ','])
        .filter(|f| !f.is_empty())
        .collect();
    if fields.len() % 3 != 0 || fields.iter().any(|f| f.parse::<u32>().is_err()) {
        return Err(usage(format!(
            "invalid {flag} {map:?}: expected CONTAINER:HOST:SIZE triples"
        )));
    }
    if fields != ["0", "0", "1"] {
        return Err(usage(format!(
            "unsupported {flag} {map:?}: RUN steps run in a user namespace that maps one id \
             (container root is your user), so only 0:0:1 can be honoured; a range needs \
             subordinate ids, which rpod does not use"
        )));
    }
    Ok(())
}

impl CompatFlags {
    /// Refuses what rpod cannot do, then fills `more` (and the RUN steps' options in it).
    pub fn apply(&self, more: &mut MoreBuildOptions) -> Result<(), Error> {
        self.refusals()?;
        if self.logsplit == Some(true) && self.logfile.is_none() {
            return Err(usage(
                "--logsplit needs --logfile: it splits that file".into(),
            ));
        }
        if self.rewrite_timestamp && more.created.is_none() {
            eprintln!(
                "[Warning] --rewrite-timestamp has no effect without --source-date-epoch (or \
                 $SOURCE_DATE_EPOCH): it clamps file times to that time"
            );
        }
        more.clamp_files = self.rewrite_timestamp;
        more.compat_volumes = self.compat_volumes == Some(true);
        more.os_version = self.os_version.clone();
        for feature in &self.os_feature {
            if feature.trim_end_matches('-').is_empty() {
                return Err(usage(format!(
                    "invalid --os-feature {feature:?}: expected FEATURE or FEATURE-"
                )));
            }
        }
        more.os_features = self.os_feature.clone();
        more.cpp_flags = Some(
            std::env::var("BUILDAH_CPPFLAGS")
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_string)
                .chain(self.cpp_flag.iter().cloned())
                .collect(),
        );
        more.run.http_proxy = self.http_proxy != Some(false);
        Ok(())
    }

    fn refusals(&self) -> Result<(), Error> {
        for (flag, map) in [
            ("--userns-uid-map", &self.userns_uid_map),
            ("--userns-gid-map", &self.userns_gid_map),
        ] {
            if let Some(map) = map {
                one_id_map(flag, map)?;
            }
        }
        for (flag, name) in [
            ("--userns-uid-map-user", &self.userns_uid_map_user),
            ("--userns-gid-map-group", &self.userns_gid_map_group),
        ] {
            if let Some(name) = name {
                return Err(usage(format!(
                    "unsupported {flag} {name:?}: RUN steps run in a user namespace that maps \
                     one id (container root is your user); rpod does not use /etc/subuid or \
                     /etc/subgid ranges"
                )));
            }
        }
        match self.isolation.as_deref() {
            None | Some("oci" | "rootless") => {}
            Some(other) => {
                return Err(usage(format!(
                    "unsupported --isolation {other:?}: rpod runs each RUN step as a container \
                     of its own runtime in a user namespace (oci, or rootless as podman names \
                     it for unprivileged users); it has no chroot isolation"
                )));
            }
        }
        if let Some(runtime) = &self.runtime {
            return Err(usage(format!(
                "unsupported --runtime {runtime:?}: rpod runs RUN steps with its own built-in \
                 runtime, not an external OCI runtime"
            )));
        }
        if let Some(flag) = self.runtime_flag.first() {
            return Err(usage(format!(
                "unsupported --runtime-flag {flag:?}: rpod runs RUN steps with its own built-in \
                 runtime, which takes no runtime flags"
            )));
        }
        if self.disable_compression == Some(false) {
            return Err(usage(
                "--disable-compression=false is not supported: rpod keeps layers uncompressed \
                 in its store, as podman's local storage does, and compresses them when it \
                 pushes them"
                    .into(),
            ));
        }
        if self.all_platforms {
            return Err(usage(
                "--all-platforms is not supported: rpod builds for the host's platform only, \
                 since RUN steps run natively, without emulation of other architectures"
                    .into(),
            ));
        }
        if let Some(key) = &self.sign_by {
            return Err(usage(format!(
                "--sign-by {key} is not supported by build: podman keeps the signature beside \
                 the image in its store for a later push to copy, and rpod's store keeps no \
                 signatures; sign when pushing instead (rpod push --sign-by {key} IMAGE DEST)"
            )));
        }
        Ok(())
    }

    /// `--logfile`: the file the build's output goes to (`--logsplit`: FILE_OS_ARCH of the
    /// platform built), created or truncated.
    pub fn log(&self, platform: &Platform) -> Result<Option<File>, Error> {
        let Some(path) = &self.logfile else {
            return Ok(None);
        };
        let path = match self.logsplit {
            Some(true) => {
                let mut name = path.clone().into_os_string();
                name.push(format!("_{}_{}", platform.os, platform.architecture));
                PathBuf::from(name)
            }
            _ => path.clone(),
        };
        File::create(&path)
            .map(Some)
            .map_err(|e| usage(format!("cannot create --logfile {}: {e}", path.display())))
    }
}
