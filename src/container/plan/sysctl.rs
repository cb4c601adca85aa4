//! `--sysctl KEY=VALUE`: kernel settings of the container's own namespaces. Only namespaced
//! ones are allowed, as podman allows them: `net.*` (the network namespace) and the IPC
//! namespace's `kernel.msg*`, `kernel.sem`, `kernel.shm*` and `fs.mqueue.*`. Each needs a
//! namespace of the container's own: setting one in the host's would change the host.

use super::namespaces::Sharing;
use crate::container::ContainerError;
use crate::network::NetworkMode;
pub use crate::runtime::sysctl::Sysctl;

/// The IPC namespace's sysctls podman allows by name; `fs.mqueue.*` by prefix.
const IPC_KEYS: [&str; 8] = [
    "kernel.msgmax",
    "kernel.msgmnb",
    "kernel.msgmni",
    "kernel.sem",
    "kernel.shmall",
    "kernel.shmmax",
    "kernel.shmmni",
    "kernel.shm_rmid_forced",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Namespace {
    Net,
    Ipc,
}

/// `--sysctl` values in order, each checked against the namespaces the container gets.
pub fn build(
    given: &[String],
    network: &NetworkMode,
    ipc: &Sharing,
) -> Result<Vec<Sysctl>, ContainerError> {
    given
        .iter()
        .map(|g| {
            let sysctl = parse(g)?;
            check_namespace(g, &sysctl, network, ipc)?;
            Ok(sysctl)
        })
        .collect()
}

fn parse(given: &str) -> Result<Sysctl, ContainerError> {
    let bad = |reason: &str| ContainerError::invalid("--sysctl", given, reason.to_string());
    let (key, value) = given
        .split_once('=')
        .ok_or_else(|| bad("sysctl values must be in the form of KEY=VALUE"))?;
    if key.trim() != key || value.trim() != value {
        return Err(bad("extra spaces found"));
    }
    let key = key.replace('/', ".");
    let well_formed = !key.is_empty()
        && key.split('.').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        });
    if !well_formed || value.is_empty() || value.contains('\n') {
        return Err(bad(
            "expected KEY=VALUE with a key like net.ipv4.ip_forward",
        ));
    }
    Ok(Sysctl {
        key,
        value: value.to_string(),
    })
}

fn namespace_of(key: &str) -> Option<Namespace> {
    if key.starts_with("net.") {
        Some(Namespace::Net)
    } else if IPC_KEYS.contains(&key) || key.starts_with("fs.mqueue.") {
        Some(Namespace::Ipc)
    } else {
        None
    }
}

fn check_namespace(
    given: &str,
    sysctl: &Sysctl,
    network: &NetworkMode,
    ipc: &Sharing,
) -> Result<(), ContainerError> {
    let shared = match namespace_of(&sysctl.key) {
        None => {
            return Err(ContainerError::invalid(
                "--sysctl",
                given,
                format!(
                    "sysctl '{}' is not allowed: only net.*, fs.mqueue.* and the IPC ones \
                     ({}) belong to the container's namespaces",
                    sysctl.key,
                    IPC_KEYS.join(", ")
                ),
            ));
        }
        Some(Namespace::Net) => match network {
            NetworkMode::Host => Some("Network Namespace set to host"),
            NetworkMode::Container(_) => Some("Network Namespace set to another container's"),
            _ => None,
        },
        Some(Namespace::Ipc) => match ipc {
            Sharing::Host => Some("IPC Namespace set to host"),
            Sharing::Container(_) => Some("IPC Namespace set to another container's"),
            Sharing::Private => None,
        },
    };
    match shared {
        Some(why) => Err(ContainerError::invalid(
            "--sysctl",
            given,
            format!("sysctl {} can't be set since {why}", sysctl.key),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(given: &str, network: NetworkMode, ipc: Sharing) -> Result<Vec<Sysctl>, String> {
        build(&[given.to_string()], &network, &ipc).map_err(|e| e.to_string())
    }

    #[test]
    fn namespaced_sysctls_pass_and_others_are_refused_with_the_reason() {
        let ok = check("net.ipv4.ip_forward=1", NetworkMode::None, Sharing::Private).unwrap();
        assert_eq!(ok[0].key, "net.ipv4.ip_forward");
        assert_eq!(ok[0].value, "1");
        let sem = check(
            "kernel.sem=250 32000 32 128",
            NetworkMode::Host,
            Sharing::Private,
        );
        assert_eq!(sem.unwrap()[0].value, "250 32000 32 128");
        assert!(check("fs.mqueue.msg_max=20", NetworkMode::Host, Sharing::Private).is_ok());
        let slash = check(
            "net/ipv4/ping_group_range=0 0",
            NetworkMode::None,
            Sharing::Private,
        );
        assert_eq!(slash.unwrap()[0].key, "net.ipv4.ping_group_range");
        let err = check("kernel.panic=1", NetworkMode::None, Sharing::Private).unwrap_err();
        assert!(err.contains("is not allowed"), "{err}");
        let err = check("net.ipv4.ip_forward=1", NetworkMode::Host, Sharing::Private).unwrap_err();
        assert!(err.contains("Network Namespace set to host"), "{err}");
        let err = check("kernel.shmmax=1", NetworkMode::None, Sharing::Host).unwrap_err();
        assert!(err.contains("IPC Namespace set to host"), "{err}");
        for bad in [
            "net.ipv4.ip_forward",
            "net..x=1",
            "../../x=1",
            "net.a =1",
            "net.a=",
        ] {
            let err = check(bad, NetworkMode::None, Sharing::Private).unwrap_err();
            assert!(err.contains("--sysctl"), "{bad}: {err}");
        }
    }
}
