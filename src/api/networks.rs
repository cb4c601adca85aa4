//! Network endpoints: list, create, inspect, remove and prune of user-defined networks, in
//! docker's shapes, and connecting containers to them, through the calls `rpod network` makes.

use std::collections::BTreeMap;

use hyper::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::reply::{self, Failure, Reply};
use super::route::Call;
use crate::container::network_connect::{self, ConnectRequest};
use crate::container::network_use;
use crate::networks::{LeaseRange, Network, NetworkRequest, Networks, NetworksError, Subnet};

fn failed(e: NetworksError) -> Failure {
    let status = match &e {
        NetworksError::NotFound(_) => StatusCode::NOT_FOUND,
        NetworksError::Exists(_)
        | NetworksError::InUse { .. }
        | NetworksError::SubnetInUse { .. }
        | NetworksError::InterfaceInUse { .. } => StatusCode::CONFLICT,
        NetworksError::Name { .. }
        | NetworksError::Reserved(_)
        | NetworksError::Invalid { .. }
        | NetworksError::NotInSubnet { .. } => StatusCode::BAD_REQUEST,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    Failure::new(status, e.to_string())
}

fn store(o: &super::Opened) -> Networks {
    Networks::open(&o.paths.networks)
}

/// docker's NetworkResource; `Containers` names the containers attached to it.
fn resource(network: &Network, containers: Value) -> Value {
    let config: Vec<Value> = network
        .subnets
        .iter()
        .map(|s| {
            let mut c = json!({ "Subnet": s.subnet(), "Gateway": s.gateway().to_string() });
            if let Some(r) = s.lease_range() {
                c["IPRange"] = json!(r);
            }
            c
        })
        .collect();
    json!({
        "Name": network.name,
        "Id": network.id,
        "Created": network.created,
        "Scope": "local",
        "Driver": network.driver,
        "EnableIPv6": network.ipv6_enabled,
        "IPAM": {
            "Driver": match network.ipam_options.get("driver").map(String::as_str) {
                Some("none") => "null",
                _ => "default",
            },
            "Options": network.ipam_options,
            "Config": config,
        },
        "Internal": network.internal,
        "Attachable": false,
        "Ingress": false,
        "ConfigOnly": false,
        "Containers": containers,
        "Options": network.options,
        "Labels": network.labels,
    })
}

fn with_users(o: &super::Opened, network: &Network) -> Result<Value, Failure> {
    let users = network_use::users(&o.engine()?, &network.name)?;
    let containers: serde_json::Map<String, Value> = users
        .iter()
        .map(|r| (r.id.to_string(), json!({ "Name": r.name })))
        .collect();
    Ok(resource(network, Value::Object(containers)))
}

pub async fn list(call: Call) -> Result<Reply, Failure> {
    let filters = call.filters()?;
    for key in filters.keys() {
        if !matches!(key.as_str(), "name" | "id" | "label" | "driver") {
            return Err(Failure::bad(format!(
                "invalid filter {key:?}: rpod filters networks by name, id, label, driver"
            )));
        }
    }
    let rows = call
        .engine(move |o| {
            let mut rows = Vec::new();
            for network in store(o).list().map_err(failed)? {
                let keep = filters.iter().all(|(key, values)| {
                    values.is_empty()
                        || values.iter().any(|v| match key.as_str() {
                            "name" => network.name.contains(v.as_str()),
                            "id" => network.id.starts_with(v.as_str()),
                            "driver" => network.driver == *v,
                            _ => match v.split_once('=') {
                                Some((k, val)) => network.labels.get(k).is_some_and(|x| x == val),
                                None => network.labels.contains_key(v),
                            },
                        })
                });
                if keep {
                    rows.push(with_users(o, &network)?);
                }
            }
            Ok(rows)
        })
        .await?;
    Ok(reply::json(StatusCode::OK, &Value::Array(rows)))
}

pub async fn inspect(call: Call, id: &str) -> Result<Reply, Failure> {
    let id = id.to_string();
    let network = call
        .engine(move |o| with_users(o, &store(o).get(&id).map_err(failed)?))
        .await?;
    Ok(reply::json(StatusCode::OK, &network))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
struct Ipam {
    #[serde(default)]
    driver: Option<String>,
    #[serde(default)]
    config: Vec<IpamConfig>,
    #[serde(default)]
    options: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct IpamConfig {
    #[serde(default)]
    subnet: Option<String>,
    #[serde(default, rename = "IPRange")]
    ip_range: Option<String>,
    #[serde(default)]
    gateway: Option<String>,
    #[serde(default)]
    aux_address: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct CreateBody {
    name: String,
    #[serde(default)]
    driver: Option<String>,
    #[serde(default)]
    internal: bool,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    options: BTreeMap<String, String>,
    #[serde(default, rename = "IPAM")]
    ipam: Option<Ipam>,
    #[serde(default, rename = "EnableIPv6")]
    enable_ipv6: bool,
    #[serde(default)]
    check_duplicate: Option<bool>,
    #[serde(default)]
    attachable: bool,
    #[serde(default)]
    ingress: bool,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    config_only: bool,
    #[serde(default)]
    config_from: Option<Value>,
}

/// docker's create body as `rpod network create`'s typed request; what rpod cannot honour
/// is a 400 naming it.
fn request(body: CreateBody) -> Result<NetworkRequest, Failure> {
    let refuse = |what: &str, why: &str| Err(Failure::bad(format!("{what}: {why}")));
    if let Some(d) = body
        .driver
        .as_deref()
        .filter(|d| !d.is_empty() && *d != "bridge")
    {
        return refuse(&format!("Driver {d:?}"), "rpod has the bridge driver only");
    }
    // Attachable (docker-compose sends it from API 1.24 on) says that standalone containers
    // may join: every rpod network lets them.
    let _ = body.attachable;
    if body.ingress || body.config_only || body.config_from.is_some() {
        return refuse(
            "Ingress/ConfigOnly/ConfigFrom",
            "swarm settings have no meaning without swarm",
        );
    }
    if body
        .scope
        .as_deref()
        .is_some_and(|s| !s.is_empty() && s != "local")
    {
        return refuse("Scope", "rpod's networks are local");
    }
    // A duplicate name is always refused (a 409), as docker does from API 1.44.
    let _ = body.check_duplicate;
    let ipam = body.ipam.unwrap_or_default();
    // docker's `null` driver, and podman's `none`, assign no addresses.
    let no_ipam = match ipam.driver.as_deref() {
        None | Some("" | "default" | "host-local") => false,
        Some("null" | "none") => true,
        Some(_) => {
            return refuse(
                "IPAM.Driver",
                "rpod has the default (host-local) and null (none) IPAM drivers only",
            );
        }
    };
    if ipam.options.as_ref().is_some_and(|o| !o.is_empty()) {
        return refuse("IPAM.Options", "rpod's IPAM takes no options");
    }
    let config = match ipam.config.as_slice() {
        [] => None,
        [one] => Some(one),
        _ => return refuse("IPAM.Config", "rpod's networks have one subnet"),
    };
    let mut request = NetworkRequest {
        name: Some(body.name),
        internal: body.internal,
        labels: body.labels,
        options: body.options,
        no_ipam,
        // Dual stack, as `network create --ipv6`: a random unique local /64 beside the IPv4
        // subnet.
        ipv6: body.enable_ipv6,
        ..NetworkRequest::default()
    };
    if let Some(c) = config {
        if c.aux_address.as_ref().is_some_and(|a| !a.is_empty()) {
            return refuse("IPAM.Config.AuxiliaryAddresses", "not supported by rpod");
        }
        let bad = |field: &str, value: &str, e: String| {
            Failure::bad(format!("IPAM.Config.{field} {value:?}: {e}"))
        };
        request.subnet = c
            .subnet
            .as_deref()
            .map(|s| {
                s.parse::<Subnet>()
                    .map_err(|e| bad("Subnet", s, e.to_string()))
            })
            .transpose()?;
        request.gateway = c
            .gateway
            .as_deref()
            .map(|g| {
                g.parse()
                    .map_err(|_| bad("Gateway", g, "not an IPv4 address".into()))
            })
            .transpose()?;
        request.ip_range = c
            .ip_range
            .as_deref()
            .map(|r| LeaseRange::parse(r).map_err(|e| bad("IPRange", r, e)))
            .transpose()?;
    }
    request.validate().map_err(failed)?;
    Ok(request)
}

pub async fn create(call: Call) -> Result<Reply, Failure> {
    let body: CreateBody = serde_json::from_slice(&call.body)
        .map_err(|e| Failure::bad(format!("invalid network create body: {e}")))?;
    let request = request(body)?;
    let network = call
        .engine(move |o| {
            let network = store(o).create(request).map_err(failed)?;
            crate::container::events::record(
                &o.paths.runroot,
                "network",
                "create",
                &network.id,
                &network.name,
            );
            Ok(network)
        })
        .await?;
    Ok(reply::json(
        StatusCode::CREATED,
        &json!({ "Id": network.id, "Warning": "" }),
    ))
}

pub async fn remove(call: Call, id: &str) -> Result<Reply, Failure> {
    let id = id.to_string();
    call.engine(move |o| {
        let networks = store(o);
        let network = networks.get(&id).map_err(failed)?;
        network_use::check_removable(&o.engine()?, &network.name, false)?;
        networks.remove(&network.id).map_err(failed)?;
        crate::container::events::record(
            &o.paths.runroot,
            "network",
            "remove",
            &network.id,
            &network.name,
        );
        Ok(())
    })
    .await?;
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

/// `POST /networks/prune`: every user-defined network no container uses, as `rpod network
/// prune`, picked by docker's filters `until`, `label` and `label!`.
pub async fn prune(call: Call) -> Result<Reply, Failure> {
    let (filters, rest) = call.prune_filters(&["until", "label", "label!"])?;
    if let Some(key) = rest.keys().next() {
        return Err(Call::invalid_filter(key));
    }
    let removed = call
        .engine(move |o| {
            let engine = o.engine()?;
            let networks = store(o);
            let mut removed = Vec::new();
            for n in networks.list().map_err(failed)? {
                let picked = filters.matches(Some(&n.created), &n.labels);
                if !n.is_default() && picked && network_use::users(&engine, &n.name)?.is_empty() {
                    networks.remove(&n.id).map_err(failed)?;
                    crate::container::events::record(
                        &o.paths.runroot,
                        "network",
                        "remove",
                        &n.id,
                        &n.name,
                    );
                    removed.push(json!(n.name));
                }
            }
            Ok::<_, Failure>(removed)
        })
        .await?;
    Ok(reply::json(
        StatusCode::OK,
        &json!({ "NetworksDeleted": removed }),
    ))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ConnectBody {
    container: String,
    #[serde(default)]
    endpoint_config: Option<EndpointConfig>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
struct EndpointConfig {
    #[serde(default)]
    aliases: Option<Vec<String>>,
    #[serde(rename = "IPAMConfig", default)]
    ipam_config: Option<EndpointIpam>,
    #[serde(default)]
    mac_address: Option<String>,
}

#[derive(Deserialize, Default)]
struct EndpointIpam {
    #[serde(rename = "IPv4Address", default)]
    ipv4_address: Option<String>,
}

/// `POST /networks/{id}/connect`, as `rpod network connect`.
pub async fn connect(call: Call, id: &str) -> Result<Reply, Failure> {
    let body: ConnectBody = serde_json::from_slice(&call.body)
        .map_err(|e| Failure::bad(format!("invalid network connect body: {e}")))?;
    let endpoint = body.endpoint_config.unwrap_or_default();
    let ip = endpoint.ipam_config.and_then(|c| c.ipv4_address);
    let request = ConnectRequest::parse(
        endpoint.aliases.unwrap_or_default(),
        ip.as_deref(),
        endpoint.mac_address.as_deref(),
    )?;
    let (id, container) = (id.to_string(), body.container);
    call.engine(move |o| {
        network_connect::connect(&o.engine()?, &id, &container, &request).map_err(Failure::from)
    })
    .await?;
    Ok(reply::empty(StatusCode::OK))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DisconnectBody {
    container: String,
    #[serde(default)]
    force: bool,
}

/// `POST /networks/{id}/disconnect`, as `rpod network disconnect`.
pub async fn disconnect(call: Call, id: &str) -> Result<Reply, Failure> {
    let body: DisconnectBody = serde_json::from_slice(&call.body)
        .map_err(|e| Failure::bad(format!("invalid network disconnect body: {e}")))?;
    let id = id.to_string();
    call.engine(move |o| {
        network_connect::disconnect(&o.engine()?, &id, &body.container, body.force)
            .map_err(Failure::from)
    })
    .await?;
    Ok(reply::empty(StatusCode::OK))
}
