//! `network create -o vrf=NAME`: whether this kernel lets rpod make a VRF device where its
//! bridges live, an unprivileged user namespace's network namespace, so that the refusal
//! names the real reason.

use std::process::Command;

use netlink_packet_route::link::{
    InfoData, InfoKind, InfoVrf, LinkAttribute, LinkInfo, LinkMessage,
};
use nix::sched::{CloneFlags, unshare};

use super::netlink::Netlink;

/// The probe's hidden subcommand: it unshares a user namespace, which needs a process that
/// never started a thread.
pub const SUBCOMMAND: &str = "__vrf-probe";

/// The probe's body: a VRF device in a fresh user and network namespace; the error is for
/// stderr.
pub fn probe_main() -> Result<(), String> {
    unshare(CloneFlags::CLONE_NEWUSER | CloneFlags::CLONE_NEWNET)
        .map_err(|e| format!("cannot make a user and network namespace: {e}"))?;
    let mut netlink = Netlink::open().map_err(|e| format!("cannot open netlink: {e}"))?;
    let mut message = LinkMessage::default();
    message.attributes = vec![
        LinkAttribute::IfName("rpodvrf".into()),
        LinkAttribute::LinkInfo(vec![
            LinkInfo::Kind(InfoKind::Vrf),
            LinkInfo::Data(InfoData::Vrf(vec![InfoVrf::TableId(10)])),
        ]),
    ];
    netlink
        .new_link(message)
        .map_err(|e| format!("creating a VRF device failed: {e}"))
}

/// Why `vrf=` is refused: the probe's failure (no vrf module, or none usable without root),
/// or, where the kernel could, that rpod does not yet enslave its bridges to one.
pub fn refusal() -> String {
    let probed = std::env::current_exe().and_then(|exe| Command::new(exe).arg(SUBCOMMAND).output());
    match probed {
        Ok(out) if out.status.success() => {
            "rpod does not yet enslave its bridges to a VRF device (#16)".into()
        }
        Ok(out) => format!(
            "this kernel gives rpod's rootless network namespace no vrf device ({}); a VRF needs \
             the vrf module, usable in a user namespace",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(e) => format!("cannot probe the kernel for vrf devices: {e}"),
    }
}
