//! GnuPG, which podman drives through gpgme: signing with the user's own keyring, and
//! verifying in a private, throwaway home that holds only the policy's public keys, so that
//! no key of the user's keyring can vouch for an image.

use std::io::Write;
use std::process::{Command, Stdio};

use super::TrustError;
use super::policy::Keys;

const GPG: &str = "gpg";

fn gpg() -> Command {
    let mut cmd = Command::new(GPG);
    cmd.args(["--batch", "--no-tty"]);
    cmd
}

/// Runs `cmd` with `input` on stdin; its stdout, or gpg's own message on failure.
fn run(mut cmd: Command, input: &[u8], what: &str) -> Result<Vec<u8>, TrustError> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(TrustError::GpgMissing)?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Written from a thread: gpg may fill its stdout pipe before it has read all its input.
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().map_err(TrustError::GpgMissing)?;
    let _ = writer.join();
    if !out.status.success() {
        return Err(TrustError::Gpg {
            what: what.to_string(),
            message: last_line(&out.stderr),
        });
    }
    Ok(out.stdout)
}

/// gpg's last line says what failed; the ones before are notes (a keybox created, …).
fn last_line(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or("no message")
        .to_string()
}

/// An OpenPGP signed message (not detached, not clear-signed) of `payload` by `key_id`, from
/// the user's keyring (`$GNUPGHOME`, else `~/.gnupg`); the key's passphrase is read from
/// `passphrase_file` when given (gpg reads its first line), else gpg-agent asks for it.
pub fn sign(
    payload: &[u8],
    key_id: &str,
    passphrase_file: Option<&std::path::Path>,
) -> Result<Vec<u8>, TrustError> {
    let mut cmd = gpg();
    if let Some(file) = passphrase_file {
        cmd.args(["--pinentry-mode", "loopback", "--passphrase-file"])
            .arg(file);
    }
    cmd.args(["--sign", "--local-user", key_id, "--output", "-"]);
    run(cmd, payload, &format!("sign with key {key_id}"))
}

/// Fails unless the user's keyring has a secret key for `key_id`.
pub fn has_secret_key(key_id: &str) -> Result<(), TrustError> {
    let mut cmd = gpg();
    cmd.args(["--with-colons", "--list-secret-keys", key_id]);
    run(cmd, b"", &format!("find the secret key {key_id}")).map(drop)
}

/// A private GnuPG home holding only `keys`.
pub struct Keyring {
    home: tempfile::TempDir,
}

impl Keyring {
    pub fn new(keys: &Keys) -> Result<Keyring, TrustError> {
        let home = tempfile::Builder::new()
            .prefix("rpod-gpg-")
            .tempdir()
            .map_err(|source| TrustError::Write {
                path: std::env::temp_dir().display().to_string(),
                source,
            })?;
        let ring = Keyring { home };
        match keys {
            Keys::Files(paths) => {
                for path in paths {
                    let bytes = std::fs::read(path).map_err(|source| TrustError::Read {
                        path: path.display().to_string(),
                        source,
                    })?;
                    ring.import(&bytes, &path.display().to_string())?;
                }
            }
            Keys::Data(bytes) => ring.import(bytes, "keyData")?,
        }
        Ok(ring)
    }

    fn cmd(&self) -> Command {
        let mut cmd = gpg();
        cmd.arg("--homedir")
            .arg(self.home.path())
            .args(["--no-autostart", "--no-auto-key-retrieve"]);
        cmd
    }

    fn import(&self, bytes: &[u8], from: &str) -> Result<(), TrustError> {
        let mut cmd = self.cmd();
        cmd.args(["--quiet", "--import"]);
        run(cmd, bytes, &format!("import the public keys of {from}")).map(drop)
    }

    /// The payload of `signature` when one of this keyring's keys made it, it is intact, and
    /// neither it nor its key has expired or been revoked; else why not.
    pub fn verify(&self, signature: &[u8]) -> Result<Vec<u8>, String> {
        if signature.starts_with(b"-----BEGIN PGP SIGNED MESSAGE") {
            return Err(
                "Invalid GPG signature: a cleartext signature, not a signed message".into(),
            );
        }
        let status = self.home.path().join("status");
        let input = self.home.path().join("signature");
        std::fs::write(&input, signature).map_err(|e| format!("cannot write {e}"))?;
        let mut cmd = self.cmd();
        cmd.arg("--status-file")
            .arg(&status)
            .args(["--output", "-", "--decrypt"])
            .arg(&input)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let out = cmd.output().map_err(|e| format!("cannot run gpg: {e}"))?;
        let status = std::fs::read_to_string(&status).unwrap_or_default();
        let _ = std::fs::remove_file(self.home.path().join("status"));
        judge(&status, out.status.success(), &out.stderr).map(|()| out.stdout)
    }

    /// The user ids of this keyring's keys (`image trust show`'s ID column).
    pub fn user_ids(&self) -> Result<Vec<String>, TrustError> {
        let mut cmd = self.cmd();
        cmd.args(["--with-colons", "--list-keys"]);
        let out = run(cmd, b"", "list keys")?;
        Ok(parse_user_ids(&String::from_utf8_lossy(&out)))
    }
}

/// gpg's status lines decide, never its exit code alone: a good signature by a known key is
/// GOODSIG and VALIDSIG, and nothing that says expired, revoked or bad.
fn judge(status: &str, exited_ok: bool, stderr: &[u8]) -> Result<(), String> {
    let has = |tag: &str| {
        status.lines().any(|l| {
            l.strip_prefix("[GNUPG:] ")
                .is_some_and(|l| l.split(' ').next() == Some(tag))
        })
    };
    for (tag, why) in [
        ("BADSIG", "the signature does not match its content"),
        ("EXPSIG", "the signature has expired"),
        ("EXPKEYSIG", "the key that made it has expired"),
        ("REVKEYSIG", "the key that made it was revoked"),
        ("ERRSIG", "it was not made by a trusted key"),
        ("NO_PUBKEY", "it was not made by a trusted key"),
    ] {
        if has(tag) {
            return Err(format!("Invalid GPG signature: {why}"));
        }
    }
    if !has("GOODSIG") || !has("VALIDSIG") || !exited_ok {
        return Err(format!(
            "Invalid GPG signature: not a signed message by a trusted key ({})",
            last_line(stderr)
        ));
    }
    Ok(())
}

fn parse_user_ids(colons: &str) -> Vec<String> {
    colons
        .lines()
        .filter(|l| l.starts_with("uid:"))
        .filter_map(|l| l.split(':').nth(9))
        .map(|uid| {
            // An e-mail address in <…> is what podman shows.
            match (uid.rfind('<'), uid.rfind('>')) {
                (Some(a), Some(b)) if a < b => uid[a + 1..b].to_string(),
                _ => uid.to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_good_and_valid_signature_passes() {
        let good = "[GNUPG:] NEWSIG\n[GNUPG:] GOODSIG ABCD Test <t@x>\n[GNUPG:] VALIDSIG FPR 2024-01-01 0 4 0 1 10 00 FPR\n";
        assert!(judge(good, true, b"").is_ok());
        assert!(judge(good, false, b"").is_err());
        let expired = format!("{good}[GNUPG:] EXPKEYSIG ABCD Test\n");
        assert!(judge(&expired, true, b"").unwrap_err().contains("expired"));
        assert!(
            judge(
                "[GNUPG:] ERRSIG ABCD 1 10 00 0 9 -\n[GNUPG:] NO_PUBKEY ABCD\n",
                false,
                b""
            )
            .is_err()
        );
        assert!(judge("[GNUPG:] PLAINTEXT 62 0\n", true, b"").is_err());
    }

    #[test]
    fn user_ids_show_the_address() {
        let listing = "pub:-:255:22:ABC:1:::-:::scESC::::::23::0:\nuid:-::::1::HASH::Signer Name <signer@example.com>::::::::::0:\nuid:-::::1::HASH::bare id::::::::::0:\n";
        assert_eq!(
            parse_user_ids(listing),
            vec!["signer@example.com", "bare id"]
        );
    }
}
