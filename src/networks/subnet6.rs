//! IPv6 subnets of dual-stack networks (`network create --ipv6`): parsing a v6 `--subnet`,
//! `--gateway` or `--ip-range`, and choosing a free random unique local /64 (RFC 4193, as podman
//! does: `fd` and 56 random bits) when none is given.

use std::fmt;
use std::net::Ipv6Addr;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An IPv6 network: its first address and prefix length (host bits are zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Subnet6 {
    pub addr: Ipv6Addr,
    pub prefix_len: u8,
}

impl Subnet6 {
    fn mask(self) -> u128 {
        u128::MAX
            .checked_shl(128 - u32::from(self.prefix_len))
            .unwrap_or(0)
    }

    fn first(self) -> u128 {
        u128::from(self.addr)
    }

    fn last(self) -> u128 {
        self.first() | !self.mask()
    }

    pub fn contains(self, ip: Ipv6Addr) -> bool {
        u128::from(ip) & self.mask() == self.first()
    }

    /// Whether `ip` may be a host's: inside, and not the subnet-router anycast address (the
    /// subnet's first), which IPv6 reserves.
    pub fn is_host(self, ip: Ipv6Addr) -> bool {
        self.contains(ip) && u128::from(ip) != self.first()
    }

    pub fn overlaps(self, other: Subnet6) -> bool {
        self.first() <= other.last() && other.first() <= self.last()
    }

    /// The usual gateway: the first host address (`…::1`).
    pub fn first_host(self) -> Ipv6Addr {
        Ipv6Addr::from(self.first() + 1)
    }

    pub fn last_host(self) -> Ipv6Addr {
        Ipv6Addr::from(self.last())
    }

    /// A random unique local /64 that overlaps none of `used` (a few tries: 2^56 of them).
    pub fn allocate(used: &[Subnet6]) -> Option<Subnet6> {
        (0..16).find_map(|_| {
            let mut bytes = [0u8; 16];
            getrandom::fill(&mut bytes[1..8]).ok()?;
            bytes[0] = 0xfd;
            let net = Subnet6 {
                addr: Ipv6Addr::from(bytes),
                prefix_len: 64,
            };
            used.iter().all(|u| !u.overlaps(net)).then_some(net)
        })
    }
}

impl FromStr for Subnet6 {
    type Err = String;

    /// `ADDRESS/N`; host bits are cleared, as for IPv4.
    fn from_str(s: &str) -> Result<Subnet6, String> {
        let (ip, len) = s
            .split_once('/')
            .ok_or_else(|| "expected ADDRESS/PREFIX, e.g. fd00:1::/64".to_string())?;
        let ip: Ipv6Addr = ip
            .parse()
            .map_err(|_| format!("{ip:?} is not an IPv6 address"))?;
        // Fewer than 2 host bits leave no address beside the gateway.
        let prefix_len: u8 = len
            .parse()
            .ok()
            .filter(|n| (8..=126).contains(n))
            .ok_or_else(|| format!("prefix length {len:?} is not between 8 and 126"))?;
        let mut net = Subnet6 {
            addr: ip,
            prefix_len,
        };
        net.addr = Ipv6Addr::from(u128::from(ip) & net.mask());
        Ok(net)
    }
}

impl TryFrom<String> for Subnet6 {
    type Error = String;
    fn try_from(s: String) -> Result<Subnet6, String> {
        s.parse()
    }
}

impl From<Subnet6> for String {
    fn from(s: Subnet6) -> String {
        s.to_string()
    }
}

impl fmt::Display for Subnet6 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix_len)
    }
}

/// The IPv6 addresses containers get from (`--ip-range`), inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseRange6 {
    pub start_ip: Ipv6Addr,
    pub end_ip: Ipv6Addr,
}

impl LeaseRange6 {
    /// A CIDR (its host addresses) or `START-END`.
    pub fn parse(s: &str) -> Result<LeaseRange6, String> {
        if let Some((a, b)) = s.split_once('-') {
            let parse = |v: &str| {
                v.trim()
                    .parse::<Ipv6Addr>()
                    .map_err(|_| format!("{v:?} is not an IPv6 address"))
            };
            let range = LeaseRange6 {
                start_ip: parse(a)?,
                end_ip: parse(b)?,
            };
            if range.start_ip > range.end_ip {
                return Err("the range's start is after its end".into());
            }
            return Ok(range);
        }
        let net: Subnet6 = s.parse()?;
        Ok(LeaseRange6 {
            start_ip: net.first_host(),
            end_ip: net.last_host(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Subnet6 {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_normalises() {
        assert_eq!(net("fd00:1:2:3::7/64").to_string(), "fd00:1:2:3::/64");
        assert!("fd00::".parse::<Subnet6>().is_err());
        assert!("10.0.0.0/24".parse::<Subnet6>().is_err());
        assert!("fd00::/127".parse::<Subnet6>().is_err());
        let s = net("fd00:1::/64");
        assert!(s.is_host("fd00:1::2".parse().unwrap()));
        assert!(
            !s.is_host("fd00:1::".parse().unwrap()),
            "subnet-router anycast"
        );
        assert!(!s.is_host("fd00:2::1".parse().unwrap()));
        assert_eq!(s.first_host().to_string(), "fd00:1::1");
        assert!(s.overlaps(net("fd00:1::/48")));
        assert!(!s.overlaps(net("fd00:1:0:1::/64")));
    }

    #[test]
    fn allocates_a_random_unique_local_64() {
        let a = Subnet6::allocate(&[]).unwrap();
        assert_eq!(a.prefix_len, 64);
        assert_eq!(a.addr.octets()[0], 0xfd);
        assert!(a.addr.octets()[8..].iter().all(|b| *b == 0));
        assert_eq!(
            Subnet6::allocate(&[net("fd00::/8")]),
            None,
            "all of fd00::/8 taken"
        );
    }

    #[test]
    fn lease_ranges() {
        let r = LeaseRange6::parse("fd00:1::100/120").unwrap();
        assert_eq!(r.start_ip.to_string(), "fd00:1::101");
        assert_eq!(r.end_ip.to_string(), "fd00:1::1ff");
        let r = LeaseRange6::parse("fd00:1::10-fd00:1::20").unwrap();
        assert_eq!(r.end_ip.to_string(), "fd00:1::20");
        assert!(LeaseRange6::parse("fd00:1::20-fd00:1::10").is_err());
    }
}
