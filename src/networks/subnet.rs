//! IPv4 subnets for user-defined networks: parsing `--subnet`/`--gateway`/`--ip-range` and
//! choosing a free /24 from 10.89.0.0 upward, as podman does.

use std::fmt;
use std::net::Ipv4Addr;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An IPv4 network: its first address and prefix length (host bits are zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Subnet {
    pub addr: Ipv4Addr,
    pub prefix_len: u8,
}

impl Subnet {
    /// The first subnet podman hands out; the next ones follow by /24.
    pub const FIRST_AUTO: Subnet = Subnet {
        addr: Ipv4Addr::new(10, 89, 0, 0),
        prefix_len: 24,
    };

    fn mask(self) -> u32 {
        u32::MAX
            .checked_shl(32 - u32::from(self.prefix_len))
            .unwrap_or(0)
    }

    fn first(self) -> u32 {
        u32::from(self.addr)
    }

    fn last(self) -> u32 {
        self.first() | !self.mask()
    }

    pub fn contains(self, ip: Ipv4Addr) -> bool {
        u32::from(ip) & self.mask() == self.first()
    }

    /// Whether `ip` is usable by a host: inside, and neither the network nor broadcast address.
    pub fn is_host(self, ip: Ipv4Addr) -> bool {
        self.contains(ip) && u32::from(ip) != self.first() && u32::from(ip) != self.last()
    }

    pub fn overlaps(self, other: Subnet) -> bool {
        self.first() <= other.last() && other.first() <= self.last()
    }

    /// How many host addresses it has (neither the network nor the broadcast address).
    pub fn host_count(self) -> u32 {
        self.last() - self.first() - 1
    }

    /// The usual gateway: the first host address.
    pub fn first_host(self) -> Ipv4Addr {
        Ipv4Addr::from(self.first() + 1)
    }

    /// The first /24 from [`Subnet::FIRST_AUTO`] upward (up to 10.255.255.0) that overlaps
    /// none of `used`.
    pub fn allocate(used: &[Subnet]) -> Option<Subnet> {
        let start = u32::from(Subnet::FIRST_AUTO.addr);
        let end = u32::from(Ipv4Addr::new(10, 255, 255, 0));
        (start..=end)
            .step_by(256)
            .map(|a| Subnet {
                addr: Ipv4Addr::from(a),
                prefix_len: 24,
            })
            .find(|s| used.iter().all(|u| !u.overlaps(*s)))
    }
}

impl FromStr for Subnet {
    type Err = String;

    /// `A.B.C.D/N`; host bits are cleared (podman keeps only the network part too).
    fn from_str(s: &str) -> Result<Subnet, String> {
        let (ip, len) = s
            .split_once('/')
            .ok_or_else(|| "expected ADDRESS/PREFIX, e.g. 10.90.0.0/24".to_string())?;
        let ip: Ipv4Addr = ip.parse().map_err(|_| {
            if ip.contains(':') {
                "IPv6 subnets are not supported by rpod yet".to_string()
            } else {
                format!("{ip:?} is not an IPv4 address")
            }
        })?;
        let prefix_len: u8 = len
            .parse()
            .ok()
            .filter(|n| (8..=30).contains(n))
            .ok_or_else(|| format!("prefix length {len:?} is not between 8 and 30"))?;
        let mut net = Subnet {
            addr: ip,
            prefix_len,
        };
        net.addr = Ipv4Addr::from(u32::from(ip) & net.mask());
        Ok(net)
    }
}

impl TryFrom<String> for Subnet {
    type Error = String;
    fn try_from(s: String) -> Result<Subnet, String> {
        s.parse()
    }
}

impl From<Subnet> for String {
    fn from(s: Subnet) -> String {
        s.to_string()
    }
}

impl fmt::Display for Subnet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix_len)
    }
}

/// The addresses containers get from (`--ip-range`), inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseRange {
    pub start_ip: Ipv4Addr,
    pub end_ip: Ipv4Addr,
}

impl LeaseRange {
    /// `--ip-range` as podman 5 takes it: a CIDR (its host addresses) or `START-END`.
    pub fn parse(s: &str) -> Result<LeaseRange, String> {
        if let Some((a, b)) = s.split_once('-') {
            let parse = |v: &str| {
                v.trim()
                    .parse::<Ipv4Addr>()
                    .map_err(|_| format!("{v:?} is not an IPv4 address"))
            };
            let range = LeaseRange {
                start_ip: parse(a)?,
                end_ip: parse(b)?,
            };
            if u32::from(range.start_ip) > u32::from(range.end_ip) {
                return Err("the range's start is after its end".into());
            }
            return Ok(range);
        }
        let net: Subnet = s.parse()?;
        Ok(LeaseRange {
            start_ip: Ipv4Addr::from(net.first() + 1),
            end_ip: Ipv4Addr::from(net.last() - 1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Subnet {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_normalises() {
        assert_eq!(net("10.90.1.7/24").to_string(), "10.90.1.0/24");
        assert!("10.90.1.0".parse::<Subnet>().is_err());
        assert!("10.90.1.0/31".parse::<Subnet>().is_err());
        assert!("fd00::/64".parse::<Subnet>().unwrap_err().contains("IPv6"));
        let s = net("192.168.5.0/24");
        assert!(s.is_host("192.168.5.1".parse().unwrap()));
        assert!(!s.is_host("192.168.5.255".parse().unwrap()));
        assert!(!s.is_host("192.168.6.1".parse().unwrap()));
        assert_eq!(s.first_host().to_string(), "192.168.5.1");
    }

    #[test]
    fn allocates_the_first_free_24_from_10_89() {
        assert_eq!(Subnet::allocate(&[]), Some(net("10.89.0.0/24")));
        let used = [
            net("10.89.0.0/24"),
            net("10.89.1.0/25"),
            net("10.89.2.0/16"),
        ];
        // 10.89.2.0/16 is 10.89.0.0/16: everything up to 10.89.255.0 is taken.
        assert_eq!(Subnet::allocate(&used), Some(net("10.90.0.0/24")));
    }

    #[test]
    fn lease_ranges() {
        let r = LeaseRange::parse("10.89.0.128/25").unwrap();
        assert_eq!(r.start_ip.to_string(), "10.89.0.129");
        assert_eq!(r.end_ip.to_string(), "10.89.0.254");
        let r = LeaseRange::parse("10.89.0.10-10.89.0.20").unwrap();
        assert_eq!(r.end_ip.to_string(), "10.89.0.20");
        assert!(LeaseRange::parse("10.89.0.20-10.89.0.10").is_err());
    }
}
