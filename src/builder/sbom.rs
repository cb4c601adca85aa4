//! `--sbom` and its parts: a software bill of materials of the built image. After the target's
//! last step, each scanner command runs in a container of the scanner image (as a RUN step
//! runs) with the image's file tree and the build context bound read-only; what the commands
//! write is merged into one SBOM, which goes to a local file, into the image as a layer of its
//! own, or both, with the package URLs found in it beside.
//!
//! The options are checked and made typed values here, before the build starts, and the
//! outputs merged; the scan itself is `Builder::sbom` (`sbom_scan`).

use std::collections::{BTreeSet, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::error::StepError;

/// Where the scanner's container sees the built image's tree, the build context and the
/// directory its `{OUTPUT}` files go to: out of the way of any scanner image's own files.
pub(super) const ROOTFS_AT: &str = "/.rpod-sbom/rootfs";
pub(super) const CONTEXT_AT: &str = "/.rpod-sbom/context";
pub(super) const OUTPUT_AT: &str = "/.rpod-sbom/output";

#[derive(Debug, thiserror::Error)]
pub enum SbomError {
    #[error(
        "unknown --sbom preset {0:?}: use syft, syft-cyclonedx, syft-spdx, trivy, \
         trivy-cyclonedx or trivy-spdx"
    )]
    UnknownPreset(String),
    #[error(
        "unknown --sbom-merge-strategy {0:?}: use cat, \
         merge-cyclonedx-by-component-name-and-version or \
         merge-spdx-by-package-name-and-versioninfo"
    )]
    UnknownStrategy(String),
    #[error("invalid {flag} {path:?}: a path in the image must be absolute")]
    NotAbsolute { flag: &'static str, path: String },
    #[error("--sbom-image-output and --sbom-image-purl-output name the same path {0:?}")]
    SamePath(String),
    #[error(
        "{0} needs an SBOM scanner: give --sbom PRESET, or --sbom-scanner-image and \
         --sbom-scanner-command"
    )]
    NoScanner(&'static str),
    #[error(
        "{0} needs somewhere to put the SBOM: give --sbom-output, --sbom-purl-output, \
         --sbom-image-output or --sbom-image-purl-output"
    )]
    NoOutput(&'static str),
    #[error("--sbom-scanner-command needs --sbom-scanner-image (or an --sbom preset naming one)")]
    NoScannerImage,
    #[error("--sbom-scanner-image needs --sbom-scanner-command (or an --sbom preset giving them)")]
    NoCommand,
    #[error("invalid --sbom-scanner-command {command:?}: {reason}")]
    BadCommand { command: String, reason: String },
    #[error(
        "{0} --sbom-scanner-command values need --sbom-merge-strategy to combine their outputs"
    )]
    NoStrategy(usize),
    #[error("cannot get the SBOM scanner image {image}: {cause}")]
    ScannerImage { image: String, cause: String },
    #[error("the SBOM scanner command {command:?} failed: {cause}")]
    Scan {
        command: String,
        cause: Box<StepError>,
    },
    #[error("the SBOM scanner command {command:?} exited with code {code}")]
    ScanFailed { command: String, code: i32 },
    #[error("the SBOM scanner command {command:?} wrote nothing to {{OUTPUT}}")]
    NothingWritten { command: String },
    #[error("cannot merge the SBOMs ({strategy}): the output of {command:?} is {reason}")]
    Merge {
        strategy: &'static str,
        command: String,
        reason: String,
    },
    #[error("cannot list the SBOM's package URLs: it is not JSON ({0})")]
    PurlsNotJson(String),
    #[error("cannot read the image's files for the SBOM scanner: {0}")]
    Rootfs(String),
    #[error("cannot add the SBOM to the image: {0}")]
    Layer(Box<StepError>),
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
}

impl SbomError {
    pub(super) fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> SbomError {
        let path = path.to_path_buf();
        move |source| SbomError::Io {
            action,
            path,
            source,
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            SbomError::ScannerImage { .. } => Some(
                "the scanner runs as a container of that image: pull or load it first, or \
                 name another with --sbom-scanner-image"
                    .into(),
            ),
            _ => None,
        }
    }
}

/// `--sbom-merge-strategy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeStrategy {
    /// The outputs one after the other.
    Cat,
    /// CycloneDX documents: `components` joined, one per name and version.
    CycloneDx,
    /// SPDX documents: `packages` joined, one per name and versionInfo.
    Spdx,
}

impl MergeStrategy {
    pub fn parse(text: &str) -> Result<MergeStrategy, SbomError> {
        match text {
            "cat" => Ok(MergeStrategy::Cat),
            "merge-cyclonedx-by-component-name-and-version" => Ok(MergeStrategy::CycloneDx),
            "merge-spdx-by-package-name-and-versioninfo" => Ok(MergeStrategy::Spdx),
            other => Err(SbomError::UnknownStrategy(other.to_string())),
        }
    }

    fn name(self) -> &'static str {
        match self {
            MergeStrategy::Cat => "cat",
            MergeStrategy::CycloneDx => "merge-cyclonedx-by-component-name-and-version",
            MergeStrategy::Spdx => "merge-spdx-by-package-name-and-versioninfo",
        }
    }
}

/// A preset's scanner image, commands and merge strategy, as podman defines them.
fn preset(name: &str) -> Result<(&'static str, [&'static str; 2], MergeStrategy), SbomError> {
    const SYFT: &str = "ghcr.io/anchore/syft";
    const TRIVY: &str = "ghcr.io/aquasecurity/trivy";
    Ok(match name {
        "syft" | "syft-cyclonedx" => (
            SYFT,
            [
                "/syft scan -q dir:{ROOTFS} --output cyclonedx-json={OUTPUT}",
                "/syft scan -q dir:{CONTEXT} --output cyclonedx-json={OUTPUT}",
            ],
            MergeStrategy::CycloneDx,
        ),
        "syft-spdx" => (
            SYFT,
            [
                "/syft scan -q dir:{ROOTFS} --output spdx-json={OUTPUT}",
                "/syft scan -q dir:{CONTEXT} --output spdx-json={OUTPUT}",
            ],
            MergeStrategy::Spdx,
        ),
        "trivy" | "trivy-cyclonedx" => (
            TRIVY,
            [
                "trivy filesystem -q {ROOTFS} --format cyclonedx --output {OUTPUT}",
                "trivy filesystem -q {CONTEXT} --format cyclonedx --output {OUTPUT}",
            ],
            MergeStrategy::CycloneDx,
        ),
        "trivy-spdx" => (
            TRIVY,
            [
                "trivy filesystem -q {ROOTFS} --format spdx-json --output {OUTPUT}",
                "trivy filesystem -q {CONTEXT} --format spdx-json --output {OUTPUT}",
            ],
            MergeStrategy::Spdx,
        ),
        other => return Err(SbomError::UnknownPreset(other.to_string())),
    })
}

/// The `--sbom*` flags as given.
#[derive(Debug, Default)]
pub struct SbomRequest<'a> {
    pub preset: Option<&'a str>,
    pub scanner_image: Option<&'a str>,
    pub commands: &'a [String],
    pub merge: Option<&'a str>,
    pub output: Option<&'a Path>,
    pub purl_output: Option<&'a Path>,
    pub image_output: Option<&'a str>,
    pub image_purl_output: Option<&'a str>,
}

/// One scanner command: as written (for messages) and split into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanCommand {
    pub text: String,
    pub words: Vec<String>,
}

impl ScanCommand {
    fn parse(text: &str) -> Result<ScanCommand, SbomError> {
        let bad = |reason: &str| SbomError::BadCommand {
            command: text.to_string(),
            reason: reason.to_string(),
        };
        // Split as a shell would, then run without one: a scanner image may have no shell.
        let words = shlex::split(text).ok_or_else(|| bad("unbalanced quotes"))?;
        if words.is_empty() {
            return Err(bad("it is empty"));
        }
        Ok(ScanCommand {
            text: text.to_string(),
            words,
        })
    }

    /// Whether the command names `{OUTPUT}`; without it, what it prints is its SBOM.
    pub(super) fn writes_output(&self) -> bool {
        self.words.iter().any(|w| w.contains("{OUTPUT}"))
    }

    pub(super) fn argv(&self, output: &str) -> Vec<String> {
        self.words
            .iter()
            .map(|w| {
                w.replace("{ROOTFS}", ROOTFS_AT)
                    .replace("{CONTEXT}", CONTEXT_AT)
                    .replace("{OUTPUT}", output)
            })
            .collect()
    }
}

/// What the build makes an SBOM with, and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sbom {
    pub scanner_image: String,
    pub commands: Vec<ScanCommand>,
    /// None only with one command: its output is the SBOM as it is.
    pub merge: Option<MergeStrategy>,
    pub output: Option<PathBuf>,
    pub purl_output: Option<PathBuf>,
    /// Absolute paths in the image.
    pub image_output: Option<String>,
    pub image_purl_output: Option<String>,
}

impl Sbom {
    /// The flags checked and combined (a preset's parts replaced by the flags given); None
    /// when no `--sbom*` flag was given.
    pub fn from_flags(flags: &SbomRequest<'_>) -> Result<Option<Sbom>, SbomError> {
        let outputs = [
            ("--sbom-output", flags.output.is_some()),
            ("--sbom-purl-output", flags.purl_output.is_some()),
            ("--sbom-image-output", flags.image_output.is_some()),
            (
                "--sbom-image-purl-output",
                flags.image_purl_output.is_some(),
            ),
        ];
        let scanner = [
            ("--sbom", flags.preset.is_some()),
            ("--sbom-scanner-image", flags.scanner_image.is_some()),
            ("--sbom-scanner-command", !flags.commands.is_empty()),
            ("--sbom-merge-strategy", flags.merge.is_some()),
        ];
        let first = |given: &[(&'static str, bool)]| given.iter().find(|(_, g)| *g).map(|g| g.0);
        let (first_output, first_scanner) = (first(&outputs), first(&scanner));
        let preset = flags.preset.map(preset).transpose()?;
        let merge = flags.merge.map(MergeStrategy::parse).transpose()?;
        for (flag, path) in [
            ("--sbom-image-output", flags.image_output),
            ("--sbom-image-purl-output", flags.image_purl_output),
        ] {
            if let Some(path) = path.filter(|p| !p.starts_with('/')) {
                return Err(SbomError::NotAbsolute {
                    flag,
                    path: path.to_string(),
                });
            }
        }
        if let (Some(a), Some(b)) = (flags.image_output, flags.image_purl_output)
            && Path::new(a) == Path::new(b)
        {
            return Err(SbomError::SamePath(a.to_string()));
        }
        let commands: Vec<ScanCommand> = match (flags.commands, &preset) {
            ([], Some((_, commands, _))) => commands
                .iter()
                .map(|c| ScanCommand::parse(c))
                .collect::<Result<_, _>>()?,
            (given, _) => given
                .iter()
                .map(|c| ScanCommand::parse(c))
                .collect::<Result<_, _>>()?,
        };
        let scanner_image = flags
            .scanner_image
            .map(str::to_string)
            .or_else(|| preset.as_ref().map(|p| p.0.to_string()));
        match (first_output, first_scanner) {
            (None, None) => return Ok(None),
            (Some(output), _) if scanner_image.is_none() && commands.is_empty() => {
                return Err(SbomError::NoScanner(output));
            }
            (None, Some(flag)) => return Err(SbomError::NoOutput(flag)),
            _ => {}
        }
        let scanner_image = scanner_image.ok_or(SbomError::NoScannerImage)?;
        if scanner_image.is_empty() {
            return Err(SbomError::NoScannerImage);
        }
        if commands.is_empty() {
            return Err(SbomError::NoCommand);
        }
        let merge = merge.or(preset.map(|p| p.2));
        if commands.len() > 1 && merge.is_none() {
            return Err(SbomError::NoStrategy(commands.len()));
        }
        Ok(Some(Sbom {
            scanner_image,
            commands,
            merge,
            output: flags.output.map(Path::to_path_buf),
            purl_output: flags.purl_output.map(Path::to_path_buf),
            image_output: flags.image_output.map(str::to_string),
            image_purl_output: flags.image_purl_output.map(str::to_string),
        }))
    }
}

/// The name and version that make two entries of a merged list the same package.
fn identity(entry: &Value, version: &str) -> (Value, Value) {
    let field = |key: &str| entry.get(key).cloned().unwrap_or(Value::Null);
    (field("name"), field(version))
}

/// JSON documents made one: the first's fields, with `list` holding every document's
/// entries, the first of each name and version only.
fn merge_lists(
    strategy: MergeStrategy,
    outputs: &[(&ScanCommand, Vec<u8>)],
    list: &str,
    version: &str,
) -> Result<Vec<u8>, SbomError> {
    let fail = |command: &ScanCommand, reason: String| SbomError::Merge {
        strategy: strategy.name(),
        command: command.text.clone(),
        reason,
    };
    let mut merged: Option<serde_json::Map<String, Value>> = None;
    let mut entries = Vec::new();
    let mut seen = HashSet::new();
    for (command, bytes) in outputs {
        let command: &ScanCommand = command;
        let doc: Value =
            serde_json::from_slice(bytes).map_err(|e| fail(command, format!("not JSON: {e}")))?;
        let Value::Object(mut doc) = doc else {
            return Err(fail(command, "not a JSON object".into()));
        };
        match doc.remove(list) {
            Some(Value::Array(items)) => {
                for item in items {
                    if seen.insert(identity(&item, version)) {
                        entries.push(item);
                    }
                }
            }
            None | Some(Value::Null) => {}
            Some(_) => {
                return Err(fail(
                    command,
                    format!("a document whose {list:?} is no list"),
                ));
            }
        }
        merged.get_or_insert(doc);
    }
    let mut merged = merged.unwrap_or_default();
    merged.insert(list.to_string(), Value::Array(entries));
    let mut text =
        serde_json::to_vec_pretty(&Value::Object(merged)).expect("a JSON value serializes");
    text.push(b'\n');
    Ok(text)
}

/// The commands' outputs, in the order the commands ran, made one SBOM.
pub fn merge(
    strategy: Option<MergeStrategy>,
    outputs: &[(&ScanCommand, Vec<u8>)],
) -> Result<Vec<u8>, SbomError> {
    match (strategy, outputs) {
        (_, [(_, only)]) => Ok(only.clone()),
        (None | Some(MergeStrategy::Cat), _) => {
            Ok(outputs.iter().flat_map(|(_, b)| b.clone()).collect())
        }
        (Some(s @ MergeStrategy::CycloneDx), _) => merge_lists(s, outputs, "components", "version"),
        (Some(s @ MergeStrategy::Spdx), _) => merge_lists(s, outputs, "packages", "versionInfo"),
    }
}

fn collect_purls(value: &Value, found: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            // CycloneDX names a component's `purl`; SPDX lists it among a package's
            // `externalRefs` as a reference of type purl.
            if let Some(Value::String(purl)) = map.get("purl") {
                found.insert(purl.clone());
            }
            if map.get("referenceType").and_then(Value::as_str) == Some("purl")
                && let Some(Value::String(purl)) = map.get("referenceLocator")
            {
                found.insert(purl.clone());
            }
            map.values().for_each(|v| collect_purls(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_purls(v, found)),
        _ => {}
    }
}

/// The package URLs in the SBOM (one JSON document, or several one after the other, as
/// `cat` leaves them), sorted, one a line.
pub fn purls(sbom: &[u8]) -> Result<Vec<u8>, SbomError> {
    let mut found = BTreeSet::new();
    for doc in serde_json::Deserializer::from_slice(sbom).into_iter::<Value>() {
        let doc = doc.map_err(|e| SbomError::PurlsNotJson(e.to_string()))?;
        collect_purls(&doc, &mut found);
    }
    Ok(found
        .into_iter()
        .flat_map(|p| format!("{p}\n").into_bytes())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags<'a>(commands: &'a [String]) -> SbomRequest<'a> {
        SbomRequest {
            commands,
            ..SbomRequest::default()
        }
    }

    #[test]
    fn presets_and_overrides() {
        let out = Path::new("sbom.json");
        let sbom = Sbom::from_flags(&SbomRequest {
            preset: Some("syft-spdx"),
            output: Some(out),
            ..SbomRequest::default()
        })
        .unwrap()
        .unwrap();
        assert_eq!(sbom.scanner_image, "ghcr.io/anchore/syft");
        assert_eq!(sbom.merge, Some(MergeStrategy::Spdx));
        assert_eq!(sbom.commands.len(), 2);
        assert_eq!(
            sbom.commands[0].argv("/o"),
            [
                "/syft",
                "scan",
                "-q",
                "dir:/.rpod-sbom/rootfs",
                "--output",
                "spdx-json=/o"
            ]
        );
        let mine = ["scan '{ROOTFS}' -o {OUTPUT}".to_string()];
        let sbom = Sbom::from_flags(&SbomRequest {
            preset: Some("trivy"),
            scanner_image: Some("localhost/scanner"),
            output: Some(out),
            ..flags(&mine)
        })
        .unwrap()
        .unwrap();
        assert_eq!(sbom.scanner_image, "localhost/scanner");
        assert_eq!(sbom.commands.len(), 1);
        assert_eq!(sbom.merge, Some(MergeStrategy::CycloneDx));
        assert!(Sbom::from_flags(&SbomRequest::default()).unwrap().is_none());
    }

    #[test]
    fn bad_combinations_are_refused() {
        let out = Path::new("sbom.json");
        let two = ["a {OUTPUT}".to_string(), "b {OUTPUT}".to_string()];
        let cases: Vec<(SbomRequest<'_>, &str)> = vec![
            (
                SbomRequest {
                    preset: Some("grype"),
                    output: Some(out),
                    ..SbomRequest::default()
                },
                "unknown --sbom preset \"grype\"",
            ),
            (
                SbomRequest {
                    preset: Some("syft"),
                    merge: Some("zip"),
                    output: Some(out),
                    ..SbomRequest::default()
                },
                "unknown --sbom-merge-strategy \"zip\"",
            ),
            (
                SbomRequest {
                    output: Some(out),
                    ..SbomRequest::default()
                },
                "--sbom-output needs an SBOM scanner",
            ),
            (
                SbomRequest {
                    preset: Some("syft"),
                    ..SbomRequest::default()
                },
                "--sbom needs somewhere to put the SBOM",
            ),
            (
                SbomRequest {
                    preset: Some("syft"),
                    image_output: Some("sbom.json"),
                    ..SbomRequest::default()
                },
                "invalid --sbom-image-output \"sbom.json\": a path in the image must be absolute",
            ),
            (
                SbomRequest {
                    preset: Some("syft"),
                    image_output: Some("/s"),
                    image_purl_output: Some("/s"),
                    ..SbomRequest::default()
                },
                "name the same path",
            ),
            (
                SbomRequest {
                    output: Some(out),
                    ..flags(&two)
                },
                "--sbom-scanner-command needs --sbom-scanner-image",
            ),
            (
                SbomRequest {
                    scanner_image: Some("s"),
                    output: Some(out),
                    ..flags(&two)
                },
                "2 --sbom-scanner-command values need --sbom-merge-strategy",
            ),
            (
                SbomRequest {
                    scanner_image: Some("s"),
                    output: Some(out),
                    ..SbomRequest::default()
                },
                "--sbom-scanner-image needs --sbom-scanner-command",
            ),
        ];
        for (flags, want) in cases {
            let got = Sbom::from_flags(&flags).unwrap_err().to_string();
            assert!(got.contains(want), "{got:?} lacks {want:?}");
        }
        let unbalanced = ["scan 'x".to_string()];
        let got = Sbom::from_flags(&SbomRequest {
            scanner_image: Some("s"),
            output: Some(out),
            ..flags(&unbalanced)
        })
        .unwrap_err();
        assert!(got.to_string().contains("unbalanced quotes"), "{got}");
    }

    fn command(text: &str) -> ScanCommand {
        ScanCommand::parse(text).unwrap()
    }

    #[test]
    fn merges_dedupe_by_name_and_version() {
        let (a, b) = (command("a"), command("b"));
        let first = br#"{"bomFormat":"CycloneDX","components":[{"name":"x","version":"1"},{"name":"y","version":"1"}]}"#;
        let second = br#"{"bomFormat":"other","components":[{"name":"x","version":"1","extra":1},{"name":"x","version":"2"}]}"#;
        let merged = merge(
            Some(MergeStrategy::CycloneDx),
            &[(&a, first.to_vec()), (&b, second.to_vec())],
        )
        .unwrap();
        let merged: Value = serde_json::from_slice(&merged).unwrap();
        assert_eq!(merged["bomFormat"], "CycloneDX");
        assert_eq!(
            merged["components"],
            serde_json::json!([
                {"name": "x", "version": "1"},
                {"name": "y", "version": "1"},
                {"name": "x", "version": "2"}
            ])
        );
        let spdx = br#"{"packages":[{"name":"x","versionInfo":"1"}]}"#;
        let merged = merge(
            Some(MergeStrategy::Spdx),
            &[(&a, spdx.to_vec()), (&b, spdx.to_vec())],
        )
        .unwrap();
        let merged: Value = serde_json::from_slice(&merged).unwrap();
        assert_eq!(merged["packages"].as_array().unwrap().len(), 1);
        let cat = merge(
            Some(MergeStrategy::Cat),
            &[(&a, b"one\n".to_vec()), (&b, b"two\n".to_vec())],
        )
        .unwrap();
        assert_eq!(cat, b"one\ntwo\n");
        let err = merge(
            Some(MergeStrategy::Spdx),
            &[(&a, spdx.to_vec()), (&b, b"text".to_vec())],
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("the output of \"b\" is not JSON"),
            "{err}"
        );
    }

    #[test]
    fn purls_of_either_format() {
        let cyclonedx = br#"{"components":[{"name":"x","purl":"pkg:a/x@1"},{"name":"y"}]}"#;
        let spdx = br#"{"packages":[{"externalRefs":[{"referenceType":"purl","referenceLocator":"pkg:a/b@2"},{"referenceType":"cpe23Type","referenceLocator":"cpe:x"}]}]}"#;
        let mut both = cyclonedx.to_vec();
        both.extend_from_slice(spdx);
        both.extend_from_slice(cyclonedx);
        assert_eq!(purls(&both).unwrap(), b"pkg:a/b@2\npkg:a/x@1\n");
        assert!(purls(b"not json").is_err());
    }
}
