//! `network create -o KEY=VALUE` (and the Docker API's `Options`): the bridge driver's options
//! rpod carries out, checked before the network is written; any other key is refused by name,
//! so that no option is accepted without effect.

use std::collections::BTreeMap;

use super::NetworksError;

/// The keys rpod's bridge driver takes, for the error naming an unknown one.
const KNOWN: &str = "mtu, metric, no_default_route, isolate, com.docker.network.driver.mtu, \
                     com.docker.network.bridge.name";

/// podman's alias of `mtu`, which docker's clients send.
pub const DOCKER_MTU: &str = "com.docker.network.driver.mtu";
/// podman's alias of `--interface-name`.
pub const DOCKER_BRIDGE_NAME: &str = "com.docker.network.bridge.name";

/// What a network's options ask of its containers' interfaces and routes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkOptions {
    /// The MTU of the bridge and of both ends of every veth pair on it.
    pub mtu: Option<u32>,
    /// The metric of the default route via the network's gateway.
    pub metric: Option<u32>,
    /// `no_default_route=1`: no default route via the network's gateway.
    pub no_default_route: bool,
}

fn invalid(key: &str, value: &str, reason: impl Into<String>) -> NetworksError {
    NetworksError::Invalid {
        flag: "--opt",
        value: format!("{key}={value}"),
        reason: reason.into(),
    }
}

/// podman's boolean spellings of `no_default_route`.
fn boolean(key: &str, value: &str) -> Result<bool, NetworksError> {
    match value {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(invalid(key, value, "expected 1, true, 0 or false")),
    }
}

/// Checks every option, then returns what they ask of the containers' links.
pub fn check(options: &BTreeMap<String, String>) -> Result<LinkOptions, NetworksError> {
    let mut link = LinkOptions::default();
    for (key, value) in options {
        match key.as_str() {
            "mtu" | DOCKER_MTU => {
                let mtu = value
                    .parse::<u32>()
                    .ok()
                    .filter(|m| (576..=65535).contains(m))
                    .ok_or_else(|| invalid(key, value, "mtu must be a number from 576 to 65535"))?;
                if link.mtu.is_some_and(|m| m != mtu) {
                    return Err(invalid(key, value, "mtu is given twice, differently"));
                }
                link.mtu = Some(mtu);
            }
            "metric" => {
                link.metric = Some(
                    value
                        .parse::<u32>()
                        .ok()
                        .filter(|m| *m > 0)
                        .ok_or_else(|| invalid(key, value, "metric must be a positive number"))?,
                );
            }
            "no_default_route" => link.no_default_route = boolean(key, value)?,
            // Traffic between two networks is always dropped in rpod's namespace
            // (`network::firewall`): every network is isolated, and strictly.
            "isolate" => match value.as_str() {
                "true" | "1" | "strict" => {}
                _ => {
                    return Err(invalid(
                        key,
                        value,
                        "rpod's networks are always isolated from each other (isolate=true or \
                         strict); it has no way to let two networks reach each other",
                    ));
                }
            },
            DOCKER_BRIDGE_NAME => {}
            "vrf" => return Err(invalid(key, value, crate::network::vrf::refusal())),
            "vlan" => {
                return Err(invalid(
                    key,
                    value,
                    "rpod's bridges live in its rootless network namespace, joined to no host \
                     interface that could carry tagged frames",
                ));
            }
            "mode" if value == "managed" => {}
            "mode" => {
                return Err(invalid(
                    key,
                    value,
                    "rpod makes its own bridges in its rootless network namespace (managed); \
                     no host bridge can be used there",
                ));
            }
            _ => {
                return Err(NetworksError::Invalid {
                    flag: "--opt",
                    value: format!("{key}={value}"),
                    reason: format!("unknown option {key:?}: the bridge driver takes {KNOWN}"),
                });
            }
        }
    }
    Ok(link)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn link_options() {
        let link = check(&opts(&[
            ("mtu", "1400"),
            ("metric", "50"),
            ("no_default_route", "1"),
            ("isolate", "strict"),
        ]))
        .unwrap();
        assert_eq!(
            link,
            LinkOptions {
                mtu: Some(1400),
                metric: Some(50),
                no_default_route: true
            }
        );
        assert_eq!(
            check(&opts(&[(DOCKER_MTU, "9000")])).unwrap().mtu,
            Some(9000)
        );
        assert_eq!(check(&opts(&[])).unwrap(), LinkOptions::default());
    }

    #[test]
    fn refusals_name_the_key() {
        for (key, value, words) in [
            ("colour", "blue", "unknown option \"colour\""),
            ("mtu", "100", "576 to 65535"),
            ("metric", "0", "positive"),
            ("metric", "x", "positive"),
            ("no_default_route", "yes", "expected 1"),
            ("isolate", "false", "always isolated"),
            ("vlan", "5", "tagged"),
            ("mode", "unmanaged", "managed"),
            ("vrf", "blue", "vrf"),
        ] {
            let e = check(&opts(&[(key, value)])).unwrap_err().to_string();
            assert!(e.contains(&format!("{key}={value}")), "{e}");
            assert!(e.contains(words), "{e}");
        }
        let e = check(&opts(&[("mtu", "1400"), (DOCKER_MTU, "1500")])).unwrap_err();
        assert!(e.to_string().contains("twice"));
    }
}
