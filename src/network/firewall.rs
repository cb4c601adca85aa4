//! Forwarding in the rootless network namespace: containers on a bridge reach the outside
//! through pasta's tap device, masqueraded behind the namespace's own address (pasta serves
//! one address); a network reaches no other network, and an `--internal` one nothing outside
//! (refused at once, so that a client fails fast rather than waiting out its timeouts).
//! The rules are nftables', loaded with nft(8) (Debian's nftables package) inside the
//! namespace, where the holder is root.

use std::io::{self, Write};
use std::process::{Command, Stdio};

/// The holder's rules: bridges are the interfaces called `rpod*`; `internal` lists the
/// bridges of internal networks, added as their first container connects.
const RULESET: &str = r#"
table ip rpod {
    set internal { type ifname; }
    chain forward {
        type filter hook forward priority 0; policy drop;
        ct state established,related accept
        iifname @internal reject with icmp type admin-prohibited
        iifname "rpod*" oifname != "rpod*" accept
        iifname "rpod*" reject with icmp type admin-prohibited
    }
    chain postrouting {
        type nat hook postrouting priority 100;
        iifname "rpod*" oifname != "rpod*" masquerade
    }
}
"#;

const NFT: &str = "nft";
const IP_FORWARD: &str = "/proc/sys/net/ipv4/ip_forward";
/// Present when the host has br_netfilter loaded: traffic between two containers of one
/// bridge would then cross the forward chain, whose policy drops it.
const BRIDGE_NF: &str = "/proc/sys/net/bridge/bridge-nf-call-iptables";

#[derive(Debug, thiserror::Error)]
pub enum FirewallError {
    #[error("cannot run nft: {0}")]
    Spawn(io::Error),
    #[error("nft failed: {0}")]
    Failed(String),
    #[error("cannot enable forwarding ({IP_FORWARD}): {0}")]
    Forwarding(io::Error),
    #[error("cannot keep bridged traffic out of the firewall ({BRIDGE_NF}): {0}")]
    BridgeFilter(io::Error),
}

impl FirewallError {
    pub fn hint(&self) -> Option<String> {
        matches!(self, FirewallError::Spawn(e) if e.kind() == io::ErrorKind::NotFound)
            .then(|| "user-defined networks need nft: apt install nftables".into())
    }
}

fn nft(args: &[&str], input: Option<&str>) -> Result<(), FirewallError> {
    let binary = super::helper::find(NFT).ok_or_else(|| {
        FirewallError::Spawn(io::Error::new(
            io::ErrorKind::NotFound,
            "nft is not installed (or not in [network] helper-dirs)",
        ))
    })?;
    let mut child = Command::new(binary)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(FirewallError::Spawn)?;
    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin
            .write_all(text.as_bytes())
            .map_err(FirewallError::Spawn)?;
    }
    let out = child.wait_with_output().map_err(FirewallError::Spawn)?;
    if out.status.success() {
        Ok(())
    } else {
        Err(FirewallError::Failed(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ))
    }
}

/// Run by the holder in its fresh namespace, before any bridge exists.
pub fn setup() -> Result<(), FirewallError> {
    nft(&["-f", "-"], Some(RULESET))?;
    if std::path::Path::new(BRIDGE_NF).exists() {
        std::fs::write(BRIDGE_NF, "0").map_err(FirewallError::BridgeFilter)?;
    }
    std::fs::write(IP_FORWARD, "1").map_err(FirewallError::Forwarding)
}

/// The rules again where they are missing: in namespaces a killed holder left, or after
/// someone flushed them (`network reload`).
pub fn ensure() -> Result<(), FirewallError> {
    match nft(&["list", "table", "ip", "rpod"], None) {
        Ok(()) => Ok(()),
        Err(_) => setup(),
    }
}

/// Keeps the bridge of an internal network from forwarding anything (run in the holder's
/// namespace, by the monitor that creates the bridge).
pub fn mark_internal(bridge: &str) -> Result<(), FirewallError> {
    let element = format!("{{ {bridge} }}");
    nft(
        &["add", "element", "ip", "rpod", "internal", &element],
        None,
    )
}
