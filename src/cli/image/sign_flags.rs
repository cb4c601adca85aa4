//! The signing options of `push`, `manifest push` and `artifact push`, as podman has them.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::context::Context;
use crate::error::Error;
use crate::image::reference::Reference;
use crate::image::trust::sign::{PushSigners, SignRequest};
use crate::image::trust::{TrustError, TrustFiles};

#[derive(Debug, Clone, Args)]
pub struct SignFlags {
    /// Sign what is pushed with this GPG key (simple signing); the signature goes to the
    /// destination's signature storage (registries.d lookaside-staging or lookaside)
    #[arg(long, value_name = "KEY")]
    pub sign_by: Option<String>,
    /// Sign what is pushed as a sigstore signing parameter file says
    /// (containers-sigstore-signing-params.yaml: privateKeyFile and
    /// privateKeyPassphraseFile; fulcio and rekorURL are refused)
    #[arg(long, value_name = "PARAMS.yaml")]
    pub sign_by_sigstore: Option<PathBuf>,
    /// Sign what is pushed with this sigstore private key (cosign's encrypted PEM); the
    /// signature is attached in the registry, which registries.d must allow
    /// (use-sigstore-attachments: true)
    #[arg(long, value_name = "PATH")]
    pub sign_by_sigstore_private_key: Option<PathBuf>,
    /// Read the signing key's passphrase from this file (for --sign-by and
    /// --sign-by-sigstore-private-key) instead of asking for it
    #[arg(long, value_name = "PATH")]
    pub sign_passphrase_file: Option<PathBuf>,
}

impl SignFlags {
    /// The signers of a push to `destination`, checked before anything is pushed.
    pub fn prepare(&self, ctx: &Context, destination: &Reference) -> Result<PushSigners, Error> {
        let request = SignRequest {
            gpg_key: self.sign_by.clone(),
            sigstore_params: self.sign_by_sigstore.clone(),
            sigstore_key: self.sign_by_sigstore_private_key.clone(),
            passphrase_file: self.sign_passphrase_file.clone(),
        };
        let files = TrustFiles::of(&ctx.paths);
        Ok(PushSigners::prepare(
            &request,
            &files,
            destination,
            &ask_passphrase,
        )?)
    }
}

/// A sigstore key's passphrase, asked on the terminal as podman asks it; without a terminal
/// there is no one to ask.
fn ask_passphrase(key: &Path) -> Result<Vec<u8>, TrustError> {
    use std::io::IsTerminal as _;
    if !std::io::stdin().is_terminal() {
        return Err(TrustError::Invalid(format!(
            "sigstore private key {}: its passphrase is needed and stdin is not a terminal; \
             give it with --sign-passphrase-file (or privateKeyPassphraseFile)",
            key.display()
        )));
    }
    crate::cli::image::login::prompt_hidden(&format!("Passphrase for key {}: ", key.display()))
        .map(String::into_bytes)
        .map_err(|e| TrustError::Invalid(format!("cannot read the passphrase: {e}")))
}
