//! `--sign-by-sigstore PARAMS.yaml`: containers-sigstore-signing-params.yaml(5). Of its two
//! ways to sign, rpod does the one that needs no service: a private key (`privateKeyFile`,
//! `privateKeyPassphraseFile`). Fulcio certificates and Rekor entries are refused with the
//! reason, as the policy's keyless requirements are (see `verify`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::TrustError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ParamsFile {
    private_key_file: Option<PathBuf>,
    private_key_passphrase_file: Option<PathBuf>,
    fulcio: Option<serde_yaml_ng::Value>,
    #[serde(rename = "rekorURL")]
    rekor_url: Option<String>,
}

/// What a parameter file asks to sign with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningParams {
    pub private_key_file: PathBuf,
    /// None: the passphrase is asked for.
    pub passphrase_file: Option<PathBuf>,
}

/// Reads and checks the parameter file at `path`.
pub fn load(path: &Path) -> Result<SigningParams, TrustError> {
    let text = std::fs::read_to_string(path).map_err(|source| TrustError::Read {
        path: path.display().to_string(),
        source,
    })?;
    parse(&text).map_err(|reason| {
        TrustError::Invalid(format!(
            "sigstore signing parameter file {}: {reason}",
            path.display()
        ))
    })
}

fn parse(text: &str) -> Result<SigningParams, String> {
    let file: ParamsFile = serde_yaml_ng::from_str(text).map_err(|e| e.to_string())?;
    if file.fulcio.is_some() {
        return Err(
            "fulcio is not supported: a Fulcio certificate needs an OpenID Connect \
                    login and the Fulcio service, and rpod signs only with a private key \
                    (privateKeyFile)"
                .into(),
        );
    }
    if let Some(url) = file.rekor_url {
        return Err(format!(
            "rekorURL {url} is not supported: rpod does not upload signatures to a Rekor \
             log; remove it to sign with the private key alone"
        ));
    }
    let private_key_file = file
        .private_key_file
        .ok_or("it names no privateKeyFile, the one way of signing rpod supports (no fulcio)")?;
    Ok(SigningParams {
        private_key_file,
        passphrase_file: file.private_key_passphrase_file,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_private_key_is_read_and_services_are_refused_with_the_reason() {
        assert_eq!(
            parse("privateKeyFile: /k/cosign.key\nprivateKeyPassphraseFile: /k/pass\n"),
            Ok(SigningParams {
                private_key_file: "/k/cosign.key".into(),
                passphrase_file: Some("/k/pass".into()),
            })
        );
        assert_eq!(
            parse("privateKeyFile: k.key\n").unwrap().passphrase_file,
            None
        );
        let rekor = parse("privateKeyFile: k\nrekorURL: https://rekor.sigstore.dev\n");
        assert!(rekor.unwrap_err().contains("Rekor"));
        let fulcio = parse("fulcio:\n  fulcioURL: https://fulcio.sigstore.dev\n");
        assert!(fulcio.unwrap_err().contains("fulcio is not supported"));
        assert!(parse("{}").unwrap_err().contains("no privateKeyFile"));
        assert!(
            parse("privateKey: k\n")
                .unwrap_err()
                .contains("unknown field")
        );
    }
}
