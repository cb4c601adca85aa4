//! Addresses of containers on a network (IPAM): one file per leased address, named by the
//! address and holding the owner's id, created with O_EXCL under the networks lock.
//!
//! ```text
//! networks/leases/<network>/<address>   the container id that holds it
//! ```
//!
//! A crash between the lease and the container's record leaves a lease whose owner does not
//! exist; an allocation on that network reclaims it once it is older than [`GRACE`], which
//! no create takes between its lease and its record.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use super::{Network, Networks, NetworksError};
use crate::state::atomic;

/// How long a lease without an owner is kept for a create still writing its record.
pub const GRACE: Duration = Duration::from_secs(300);

impl Networks {
    fn leases_dir(&self, network: &str) -> PathBuf {
        self.dir.join("leases").join(network)
    }

    /// The file of the lease of `address` on `network`.
    pub fn lease_file(&self, network: &str, address: IpAddr) -> PathBuf {
        self.leases_dir(network).join(address.to_string())
    }

    /// Every lease of `network`, of both families: (address, owner).
    pub fn leases(&self, network: &str) -> Result<Vec<(IpAddr, String)>, NetworksError> {
        let dir = self.leases_dir(network);
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(NetworksError::io("list", &dir)(e)),
        };
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let Some(ip) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
                continue;
            };
            let owner = fs::read_to_string(entry.path()).unwrap_or_default();
            out.push((ip, owner.trim().to_string()));
        }
        out.sort();
        Ok(out)
    }

    /// Leases an IPv4 address of `network` to `owner`: `want` if it is free, else the first
    /// free host address of the range that is not the gateway. Leases of owners `is_live`
    /// denies are reclaimed first.
    pub fn lease(
        &self,
        network: &Network,
        owner: &str,
        want: Option<Ipv4Addr>,
        is_live: impl Fn(&str) -> bool,
    ) -> Result<Ipv4Addr, NetworksError> {
        let config = network.v4().ok_or_else(|| no_address(network))?;
        let (first, last) = match config.lease_range {
            Some(r) => (u32::from(r.start_ip), u32::from(r.end_ip)),
            None => (
                u32::from(config.subnet.first_host()),
                u32::from(config.subnet.first_host()) + config.subnet.host_count() - 1,
            ),
        };
        let usable = |ip: Ipv4Addr| config.subnet.is_host(ip) && ip != config.gateway;
        let picked = self.take(network, owner, is_live, |taken| match want {
            Some(ip) if !usable(ip) => Err(NetworksError::Invalid {
                flag: "--ip",
                value: ip.to_string(),
                reason: format!(
                    "not a free host address of network {} ({}, gateway {})",
                    network.name, config.subnet, config.gateway
                ),
            }),
            Some(ip) => Ok(IpAddr::V4(ip)),
            None => (first..=last)
                .map(Ipv4Addr::from)
                .find(|ip| usable(*ip) && !taken.contains(&IpAddr::V4(*ip)))
                .map(IpAddr::V4)
                .ok_or_else(|| no_address(network)),
        })?;
        match picked {
            IpAddr::V4(ip) => Ok(ip),
            IpAddr::V6(_) => Err(no_address(network)),
        }
    }

    /// [`Networks::lease`] on the IPv6 side of a dual-stack network (`--ip6`). An address
    /// outside the subnet, or any on a network without IPv6, is refused in podman's words.
    pub fn lease6(
        &self,
        network: &Network,
        owner: &str,
        want: Option<Ipv6Addr>,
        is_live: impl Fn(&str) -> bool,
    ) -> Result<Ipv6Addr, NetworksError> {
        let not_in_subnet = |ip: Ipv6Addr| NetworksError::NotInSubnet {
            address: IpAddr::V6(ip),
            network: network.name.clone(),
        };
        let Some(config) = network.v6() else {
            return Err(match want {
                Some(ip) => not_in_subnet(ip),
                None => no_address(network),
            });
        };
        let (first, last) = match config.lease_range {
            Some(r) => (u128::from(r.start_ip), u128::from(r.end_ip)),
            None => (
                u128::from(config.subnet.first_host()),
                u128::from(config.subnet.last_host()),
            ),
        };
        let usable = |ip: Ipv6Addr| config.subnet.is_host(ip) && ip != config.gateway;
        let picked = self.take(network, owner, is_live, |taken| match want {
            Some(ip) if !config.subnet.contains(ip) => Err(not_in_subnet(ip)),
            Some(ip) if !usable(ip) => Err(NetworksError::Invalid {
                flag: "--ip6",
                value: ip.to_string(),
                reason: format!(
                    "not a free host address of network {} ({}, gateway {})",
                    network.name, config.subnet, config.gateway
                ),
            }),
            Some(ip) => Ok(IpAddr::V6(ip)),
            // The taken addresses are few: the first free one lies within as many steps.
            None => (first..=last)
                .take(taken.len() + 2)
                .map(Ipv6Addr::from)
                .find(|ip| usable(*ip) && !taken.contains(&IpAddr::V6(*ip)))
                .map(IpAddr::V6)
                .ok_or_else(|| no_address(network)),
        })?;
        match picked {
            IpAddr::V6(ip) => Ok(ip),
            IpAddr::V4(_) => Err(no_address(network)),
        }
    }

    /// Under the networks lock: reclaims dead leases, lets `pick` choose among the taken
    /// ones, and writes the lease of its choice (one already taken is refused).
    fn take(
        &self,
        network: &Network,
        owner: &str,
        is_live: impl Fn(&str) -> bool,
        pick: impl FnOnce(&[IpAddr]) -> Result<IpAddr, NetworksError>,
    ) -> Result<IpAddr, NetworksError> {
        let _guard = self.lock()?;
        let dir = self.leases_dir(&network.name);
        fs::create_dir_all(&dir).map_err(NetworksError::io("create", &dir))?;
        let mut taken = Vec::new();
        for (ip, holder) in self.leases(&network.name)? {
            let path = dir.join(ip.to_string());
            let age = fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .unwrap_or_default();
            if is_live(&holder) || age < GRACE {
                taken.push(ip);
            } else {
                let _ = fs::remove_file(path);
            }
        }
        let ip = pick(&taken)?;
        if taken.contains(&ip) {
            return Err(NetworksError::AddressInUse {
                address: ip,
                network: network.name.clone(),
            });
        }
        let path = dir.join(ip.to_string());
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(NetworksError::io("lease", &path))?;
        file.write_all(owner.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(NetworksError::io("lease", &path))?;
        atomic::sync_dir(&dir).map_err(NetworksError::io("lease", &dir))?;
        Ok(ip)
    }

    /// Gives back every address `owner` holds on `network`.
    pub fn release(&self, network: &str, owner: &str) -> Result<(), NetworksError> {
        let _guard = self.lock()?;
        let dir = self.leases_dir(network);
        for (ip, holder) in self.leases(network)? {
            if holder == owner {
                let path = dir.join(ip.to_string());
                fs::remove_file(&path).map_err(NetworksError::io("release", &path))?;
            }
        }
        Ok(())
    }

    /// The leases of a removed network go with it.
    pub(super) fn drop_leases(&self, network: &str) {
        let _ = fs::remove_dir_all(self.leases_dir(network));
    }
}

fn no_address(network: &Network) -> NetworksError {
    NetworksError::NoFreeAddress(network.name.clone())
}
