//! Identifiers: content digests, image and container ids, container names.
//!
//! An image id is the sha256 of its config blob; a container id is 32 random bytes. Both are
//! 64 lowercase hex characters, shown as their first 12 (docker's short form).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// Length of the short form of an id, as docker prints it.
pub const SHORT_LEN: usize = 12;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IdError {
    #[error("invalid digest {0:?}: expected sha256:<64 hex characters>")]
    Digest(String),
    #[error("invalid id {0:?}: expected 64 hex characters")]
    Id(String),
    #[error(
        "invalid name {0:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]* and be at most 253 characters"
    )]
    Name(String),
}

fn is_lower_hex(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A sha256 content digest, `sha256:<64 hex>`. Other algorithms are refused on parse: every
/// registry in the field speaks sha256 and the store is keyed by it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest(String);

impl Digest {
    pub fn of(bytes: &[u8]) -> Digest {
        Digest::from_sha256(Sha256::digest(bytes).into())
    }

    pub fn from_sha256(sum: [u8; 32]) -> Digest {
        Digest(hex::encode(sum))
    }

    /// The 64 hex characters without the `sha256:` prefix.
    pub fn hex(&self) -> &str {
        &self.0
    }

    pub fn short(&self) -> &str {
        &self.0[..SHORT_LEN]
    }
}

impl FromStr for Digest {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Digest, IdError> {
        match s.strip_prefix("sha256:") {
            Some(hex) if hex.len() == 64 && is_lower_hex(hex) => Ok(Digest(hex.to_string())),
            _ => Err(IdError::Digest(s.to_string())),
        }
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sha256:{}", self.0)
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sha256:{}", self.0)
    }
}

impl Serialize for Digest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Digest, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Streaming sha256 that ends in a [`Digest`].
#[derive(Default, Clone)]
pub struct Hasher(Sha256);

impl Hasher {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn finish(self) -> Digest {
        Digest::from_sha256(self.0.finalize().into())
    }
}

/// A sink that only hashes: what is written is digested, then dropped.
impl std::io::Write for Hasher {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

macro_rules! hex_id {
    ($name:ident, $what:literal) => {
        #[doc = concat!("A ", $what, " id: 64 lowercase hex characters.")]
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn short(&self) -> &str {
                &self.0[..SHORT_LEN]
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                let hex = s.strip_prefix("sha256:").unwrap_or(s);
                if hex.len() == 64 && is_lower_hex(hex) {
                    Ok($name(hex.to_string()))
                } else {
                    Err(IdError::Id(s.to_string()))
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                s.parse()
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

hex_id!(ImageId, "image");
hex_id!(ContainerId, "container");

impl ImageId {
    /// The image id is the digest of the config blob.
    pub fn from_config_digest(d: &Digest) -> ImageId {
        ImageId(d.hex().to_string())
    }

    pub fn digest(&self) -> Digest {
        Digest(self.0.clone())
    }
}

impl ContainerId {
    pub fn random() -> ContainerId {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the kernel's random source is unavailable");
        ContainerId(hex::encode(bytes))
    }
}

/// Whether `s` could be a prefix of a hex id (what `rm 3f2a` or `inspect 3f2a` type).
pub fn is_id_prefix(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && is_lower_hex(s)
}

/// Checks a container or volume name as docker does: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`.
pub fn check_name(name: &str) -> Result<(), IdError> {
    let mut bytes = name.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphanumeric());
    let rest_ok = bytes.all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b));
    if first_ok && rest_ok && name.len() <= 253 {
        Ok(())
    } else {
        Err(IdError::Name(name.to_string()))
    }
}

/// The owner a file has inside a container when it is not the one id the kernel maps: with
/// one mapped id every file belongs to the caller on disk, so the owner a layer, `chown` or a
/// process's emulated identity gave it is recorded in the user xattr [`FileOwner::XATTR`]
/// (`"UID:GID"` in decimal) and read back by the root emulation, commit, save and export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FileOwner {
    pub uid: u32,
    pub gid: u32,
}

impl FileOwner {
    pub const XATTR: &'static str = "user.rpod.owner";
    pub const ROOT: FileOwner = FileOwner { uid: 0, gid: 0 };

    pub fn encode(self) -> String {
        format!("{}:{}", self.uid, self.gid)
    }

    /// `None` for anything but two decimal ids, which rpod never wrote.
    pub fn decode(value: &[u8]) -> Option<FileOwner> {
        let text = std::str::from_utf8(value).ok()?;
        let (uid, gid) = text.split_once(':')?;
        let id = |s: &str| {
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        Some(FileOwner {
            uid: id(uid)?,
            gid: id(gid)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_owners_round_trip_and_refuse_anything_else() {
        let owner = FileOwner { uid: 1000, gid: 42 };
        assert_eq!(owner.encode(), "1000:42");
        assert_eq!(FileOwner::decode(b"1000:42"), Some(owner));
        for bad in [
            &b""[..],
            b"1000",
            b"1000:",
            b":42",
            b"-1:0",
            b"1:2:3",
            b"4294967296:0",
            b"a:b",
        ] {
            assert_eq!(FileOwner::decode(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn digest_round_trip_and_refusals() {
        let d = Digest::of(b"");
        assert_eq!(
            d.to_string(),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(d.to_string().parse::<Digest>().unwrap(), d);
        assert!("sha512:abcd".parse::<Digest>().is_err());
        assert!("sha256:ABCD".parse::<Digest>().is_err());
        assert!(
            format!("sha256:{}", "g".repeat(64))
                .parse::<Digest>()
                .is_err()
        );
    }

    #[test]
    fn streaming_hash_matches_one_shot() {
        let mut h = Hasher::default();
        h.update(b"hello ");
        h.update(b"world");
        assert_eq!(h.finish(), Digest::of(b"hello world"));
    }

    #[test]
    fn ids_accept_prefixed_digests_and_shorten() {
        let hex = "a".repeat(64);
        let id: ImageId = format!("sha256:{hex}").parse().unwrap();
        assert_eq!(id.as_str(), hex);
        assert_eq!(id.short(), "aaaaaaaaaaaa");
        assert!("abc".parse::<ContainerId>().is_err());
        let random = ContainerId::random();
        assert_ne!(random, ContainerId::random());
        assert_eq!(random.as_str().len(), 64);
    }

    #[test]
    fn names_follow_docker_rules() {
        assert!(check_name("web-1.a_b").is_ok());
        for bad in ["", "-x", "a/b", "a b", "ä"] {
            assert!(check_name(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(is_id_prefix("3f2a"));
        assert!(!is_id_prefix("web"));
    }
}
