//! `network create --route DESTINATION,GATEWAY[,METRIC]`: static routes every container on
//! the network gets, in podman 5's record shape.

use std::net::IpAddr;

use ipnet::IpNet;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// Host bits cleared, as the kernel keeps a route.
    pub destination: IpNet,
    pub gateway: IpAddr,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<u32>,
}

impl Route {
    /// `DESTINATION,GATEWAY[,METRIC]`, the destination in CIDR form, both of one family.
    /// Why it is not one, if it is not.
    pub fn parse(text: &str) -> Result<Route, String> {
        let fields: Vec<&str> = text.split(',').collect();
        let (destination, gateway, metric) = match fields[..] {
            [d, g] => (d, g, None),
            [d, g, m] => (d, g, Some(m)),
            _ => return Err("expected DESTINATION,GATEWAY[,METRIC]".into()),
        };
        let gateway: IpAddr = gateway
            .parse()
            .map_err(|_| format!("gateway {gateway:?} is not an IP address"))?;
        let destination = destination
            .parse::<IpNet>()
            .map_err(|_| format!("destination {destination:?} is not in CIDR form"))?
            .trunc();
        if destination.addr().is_ipv4() != gateway.is_ipv4() {
            return Err("the destination and the gateway are of different families".into());
        }
        let metric = metric
            .map(|m| m.parse::<u32>())
            .transpose()
            .map_err(|_| "the metric is a number from 0 to 4294967295".to_string())?;
        Ok(Route {
            destination,
            gateway,
            metric,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_podmans_form_and_names_what_is_wrong() {
        let r = Route::parse("10.1.0.0/24,192.168.33.10").unwrap();
        assert_eq!(r.destination.to_string(), "10.1.0.0/24");
        assert_eq!(r.gateway.to_string(), "192.168.33.10");
        assert_eq!(r.metric, None);
        let r = Route::parse("fd00:9::/64,fd00:1::5,300").unwrap();
        assert_eq!(r.destination.prefix_len(), 64);
        assert_eq!(
            Route::parse("10.1.2.3/16,10.0.0.1")
                .unwrap()
                .destination
                .to_string(),
            "10.1.0.0/16"
        );
        assert_eq!(r.metric, Some(300));
        for bad in [
            "10.1.0.0/24",
            "10.1.0.0/24,x",
            "10.1.0.0,192.168.33.10",
            "fd00:9::/64,192.168.33.10",
            "10.1.0.0/24,192.168.33.10,-1",
            "10.1.0.0/24,192.168.33.10,1,2",
        ] {
            assert!(Route::parse(bad).is_err(), "{bad}");
        }
    }
}
