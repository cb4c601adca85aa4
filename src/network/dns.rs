//! Name resolution on user-defined networks: a DNS responder in the holder, on port 53 of
//! every address of its namespace (so on each network's gateway), that answers the names and
//! aliases of the running containers of the asking container's network and forwards every
//! other question to the network's own DNS servers (`network create --dns`, `network
//! update`) or else to the host's resolver (through pasta's DNS forwarding address).
//!
//! ```text
//! RUNROOT/netns/dns/<network>/<container-id>.json   a running container's names on a network,
//!                                                   written by its monitor once connected,
//!                                                   removed when it stops
//! RUNROOT/netns/dns-upstream/<network>.json         the network's subnet and DNS servers,
//!                                                   written at each start of a container on
//!                                                   it and by `network update`
//! ```
//!
//! The responder reads the entries of the asker's network at each question: a container that
//! starts or stops is seen at once, and an entry whose monitor is dead (SIGKILL) is skipped.
//! hickory-proto reads and writes the wire format.

use std::fs;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use hickory_proto::op::{Message, MessageType, ResponseCode};
use hickory_proto::rr::rdata::{A, AAAA};
use hickory_proto::rr::{RData, Record, RecordType};
use serde::{Deserialize, Serialize};

use super::mode::Attachment;
use super::pasta::DNS_FORWARD;
use crate::state::atomic;
use crate::state::process::ProcessStamp;

const DIR: &str = "dns";
/// podman's domain for container names: `web.dns.podman` is `web`.
const DOMAIN: &str = "dns.podman";
const TTL: u32 = 60;
const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(4);

/// A running container's names on one network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsEntry {
    pub names: Vec<String>,
    pub address: Ipv4Addr,
    pub prefix_len: u8,
    /// Its address on a dual-stack network, answered to AAAA questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address6: Option<Ipv6Addr>,
    /// The container's monitor: the entry counts only while it lives.
    pub monitor: ProcessStamp,
}

impl DnsEntry {
    /// What a container answers to on `attachment`'s network: its name, short id and the
    /// attachment's aliases at its address; none when that network answers no names.
    pub fn of(
        name: &str,
        short_id: &str,
        attachment: &Attachment,
        monitor: ProcessStamp,
    ) -> Option<DnsEntry> {
        let link = attachment.link.as_ref().filter(|l| l.dns)?;
        let v4 = link.v4?;
        let mut names = vec![name.to_string(), short_id.to_string()];
        names.extend(attachment.aliases.iter().cloned());
        Some(DnsEntry {
            names,
            address: v4.address,
            prefix_len: v4.prefix_len,
            address6: link.v6.map(|v6| v6.address),
            monitor,
        })
    }

    fn same_network(&self, ip: Ipv4Addr) -> bool {
        same_subnet(self.address, self.prefix_len, ip)
    }
}

const UPSTREAM_DIR: &str = "dns-upstream";

/// The DNS servers a network's containers are forwarded to, with the network's subnet, by
/// which the responder knows the asker's network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upstream {
    pub gateway: Ipv4Addr,
    pub prefix_len: u8,
    pub servers: Vec<Ipv4Addr>,
}

fn upstream_path(holder_dir: &Path, network: &str) -> PathBuf {
    holder_dir
        .join(UPSTREAM_DIR)
        .join(format!("{network}.json"))
}

/// Publishes the DNS servers of `network`; without any its file goes and the host's resolver
/// answers.
pub fn set_upstream(holder_dir: &Path, network: &str, upstream: &Upstream) -> io::Result<()> {
    let path = upstream_path(holder_dir, network);
    if upstream.servers.is_empty() {
        return match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    // On every start of a container on the network: the usual case is no change, which
    // costs no write and no fsync.
    let same = fs::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice::<Upstream>(&b).ok())
        .is_some_and(|written| written == *upstream);
    if same {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    atomic::write_json(&path, upstream)
}

/// Where a question of `asker` that is no container's name goes: its network's servers, in
/// order, or the host's resolver.
fn upstream_for(holder_dir: &Path, asker: Ipv4Addr) -> Vec<Ipv4Addr> {
    let networks = fs::read_dir(holder_dir.join(UPSTREAM_DIR))
        .into_iter()
        .flatten();
    networks
        .flatten()
        .filter_map(|file| serde_json::from_slice::<Upstream>(&fs::read(file.path()).ok()?).ok())
        .find(|u| same_subnet(u.gateway, u.prefix_len, asker))
        .map(|u| u.servers)
        .unwrap_or_else(|| vec![DNS_FORWARD])
}

fn same_subnet(address: Ipv4Addr, prefix_len: u8, ip: Ipv4Addr) -> bool {
    let mask = u32::MAX
        .checked_shl(32 - u32::from(prefix_len))
        .unwrap_or(0);
    u32::from(ip) & mask == u32::from(address) & mask
}

/// Where the names of `container` on `network` are published.
pub fn entry_path(holder_dir: &Path, network: &str, container: &str) -> PathBuf {
    holder_dir
        .join(DIR)
        .join(network)
        .join(format!("{container}.json"))
}

/// Publishes `entry` for `container` on `network`; returns the file to remove at stop.
pub fn register(
    holder_dir: &Path,
    network: &str,
    container: &str,
    entry: &DnsEntry,
) -> io::Result<PathBuf> {
    let path = entry_path(holder_dir, network, container);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    atomic::write_json(&path, entry)?;
    Ok(path)
}

/// `container`'s live entries, with their networks.
pub fn entries_of(holder_dir: &Path, container: &str) -> Vec<(String, DnsEntry)> {
    let Ok(networks) = fs::read_dir(holder_dir.join(DIR)) else {
        return Vec::new();
    };
    networks
        .flatten()
        .filter_map(|network| {
            let name = network.file_name().to_str()?.to_string();
            let path = entry_path(holder_dir, &name, container);
            let entry: DnsEntry = serde_json::from_slice(&fs::read(path).ok()?).ok()?;
            entry.monitor.is_alive().then_some((name, entry))
        })
        .collect()
}

/// The live entries of every network the asker is on: those whose subnet holds `asker`, and
/// those where the container with the address `asker` has names too (a container on several
/// networks asks the first one's gateway about them all).
fn entries_for(holder_dir: &Path, asker: Ipv4Addr) -> Vec<DnsEntry> {
    let mut all: Vec<(String, String, DnsEntry)> = Vec::new();
    let Ok(networks) = fs::read_dir(holder_dir.join(DIR)) else {
        return Vec::new();
    };
    for network in networks.flatten() {
        let (Some(name), Ok(files)) = (
            network.file_name().to_str().map(String::from),
            fs::read_dir(network.path()),
        ) else {
            continue;
        };
        for file in files.flatten() {
            let path = file.path();
            let Some(container) = path.file_stem().and_then(|s| s.to_str()).map(String::from)
            else {
                continue;
            };
            let Some(entry) = fs::read(&path)
                .ok()
                .and_then(|b| serde_json::from_slice::<DnsEntry>(&b).ok())
                .filter(|e| e.monitor.is_alive())
            else {
                continue;
            };
            all.push((name.clone(), container, entry));
        }
    }
    let askers: Vec<&str> = all
        .iter()
        .filter(|(_, _, e)| e.address == asker)
        .map(|(_, c, _)| c.as_str())
        .collect();
    let networks: Vec<&str> = all
        .iter()
        .filter(|(_, c, e)| e.same_network(asker) || askers.contains(&c.as_str()))
        .map(|(n, _, _)| n.as_str())
        .collect();
    all.iter()
        .filter(|(n, _, _)| networks.contains(&n.as_str()))
        .map(|(_, _, e)| e.clone())
        .collect()
}

/// The container name a question asks for: `web`, `web.` or `web.dns.podman.`.
fn wanted(name: &str) -> Option<String> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let short = name
        .strip_suffix(DOMAIN)
        .map(|s| s.trim_end_matches('.').to_string())
        .unwrap_or(name);
    (!short.is_empty() && !short.contains('.')).then_some(short)
}

/// What the responder does with a question.
enum Reply {
    Answer(Vec<u8>),
    Forward,
}

fn reply(query: &[u8], holder_dir: &Path, asker: Ipv4Addr) -> Option<Reply> {
    let request = Message::from_vec(query).ok()?;
    let question = request.queries().first()?;
    let Some(short) = wanted(&question.name().to_ascii()) else {
        return Some(Reply::Forward);
    };
    let named: Vec<DnsEntry> = entries_for(holder_dir, asker)
        .into_iter()
        .filter(|e| e.names.iter().any(|n| n.eq_ignore_ascii_case(&short)))
        .collect();
    // A single label (or one under dns.podman) is a container's name or nothing: no public
    // resolver knows it, and forwarding would only make the asker wait.
    let code = if named.is_empty() {
        ResponseCode::NXDomain
    } else {
        ResponseCode::NoError
    };
    let mut response = Message::new();
    response
        .set_id(request.id())
        .set_message_type(MessageType::Response)
        .set_op_code(request.op_code())
        .set_recursion_desired(request.recursion_desired())
        .set_recursion_available(true)
        .set_authoritative(true)
        .set_response_code(code)
        .add_query(question.clone());
    // A known name has no other record: AAAA on an IPv4-only network and the rest are
    // answered empty, not forwarded.
    let data: Vec<RData> = match question.query_type() {
        RecordType::A => named.iter().map(|e| RData::A(A(e.address))).collect(),
        RecordType::AAAA => named
            .iter()
            .filter_map(|e| Some(RData::AAAA(AAAA(e.address6?))))
            .collect(),
        _ => Vec::new(),
    };
    for rdata in data {
        response.add_answer(Record::from_rdata(question.name().clone(), TTL, rdata));
    }
    Some(Reply::Answer(response.to_vec().ok()?))
}

/// Asks the host's resolver and relays its answer; on a thread, so one slow upstream does not
/// hold the others up.
/// Asks `servers` in turn, each for a share of the time a client waits, and relays the first
/// answer.
fn forward(socket: &UdpSocket, query: Vec<u8>, asker: SocketAddr, servers: Vec<Ipv4Addr>) {
    let Ok(reply_socket) = socket.try_clone() else {
        return;
    };
    let wait = UPSTREAM_TIMEOUT / servers.len().max(1) as u32;
    thread::spawn(move || {
        let answer = |server: Ipv4Addr| -> io::Result<Vec<u8>> {
            let upstream = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))?;
            upstream.set_read_timeout(Some(wait))?;
            upstream.send_to(&query, (server, 53))?;
            let mut buf = vec![0; 4096];
            let n = upstream.recv(&mut buf)?;
            buf.truncate(n);
            Ok(buf)
        };
        if let Some(answer) = servers.into_iter().find_map(|s| answer(s).ok()) {
            let _ = reply_socket.send_to(&answer, asker);
        }
    });
}

/// Binds UDP port 53 on every address of the holder's namespace and answers on a thread of
/// its own for the holder's life.
pub fn serve(holder_dir: &Path) -> io::Result<()> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 53))?;
    let holder_dir = holder_dir.to_path_buf();
    thread::spawn(move || {
        let mut buf = vec![0; 4096];
        loop {
            let Ok((n, from)) = socket.recv_from(&mut buf) else {
                continue;
            };
            let IpAddr::V4(asker) = from.ip() else {
                continue;
            };
            match reply(&buf[..n], &holder_dir, asker) {
                Some(Reply::Answer(answer)) => {
                    let _ = socket.send_to(&answer, from);
                }
                Some(Reply::Forward) => forward(
                    &socket,
                    buf[..n].to_vec(),
                    from,
                    upstream_for(&holder_dir, asker),
                ),
                None => {}
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_proto::op::Query;
    use hickory_proto::rr::Name;

    fn ask(name: &str, kind: RecordType) -> Vec<u8> {
        let mut m = Message::new();
        m.set_id(7)
            .add_query(Query::query(Name::from_ascii(name).unwrap(), kind));
        m.to_vec().unwrap()
    }

    fn answers(reply: Option<Reply>) -> Option<Vec<IpAddr>> {
        let Some(Reply::Answer(bytes)) = reply else {
            return None;
        };
        let m = Message::from_vec(&bytes).unwrap();
        assert_eq!(m.id(), 7);
        Some(
            m.answers()
                .iter()
                .filter_map(|r| match r.data() {
                    RData::A(a) => Some(IpAddr::V4(a.0)),
                    RData::AAAA(a) => Some(IpAddr::V6(a.0)),
                    _ => None,
                })
                .collect(),
        )
    }

    #[test]
    fn answers_names_of_the_askers_network_only() {
        let dir = tempfile::tempdir().unwrap();
        let me = ProcessStamp::current();
        let entry = |names: &[&str], ip: [u8; 4]| DnsEntry {
            names: names.iter().map(|s| s.to_string()).collect(),
            address: Ipv4Addr::from(ip),
            prefix_len: 24,
            address6: None,
            monitor: me,
        };
        register(
            dir.path(),
            "a",
            "c1",
            &entry(&["web", "site"], [10, 1, 0, 2]),
        )
        .unwrap();
        register(dir.path(), "b", "c2", &entry(&["db"], [10, 2, 0, 2])).unwrap();
        let dead = DnsEntry {
            monitor: ProcessStamp {
                start_time: me.start_time + 1,
                ..me
            },
            ..entry(&["gone"], [10, 1, 0, 3])
        };
        register(dir.path(), "a", "c3", &dead).unwrap();
        let on_a = Ipv4Addr::new(10, 1, 0, 9);
        let ask_a = |name, kind| answers(reply(&ask(name, kind), dir.path(), on_a));
        assert_eq!(
            ask_a("web.", RecordType::A),
            Some(vec![IpAddr::V4(Ipv4Addr::new(10, 1, 0, 2))])
        );
        assert_eq!(
            ask_a("SITE.dns.podman.", RecordType::A),
            Some(vec![IpAddr::V4(Ipv4Addr::new(10, 1, 0, 2))])
        );
        assert_eq!(ask_a("web.", RecordType::AAAA), Some(vec![]));
        let dual = DnsEntry {
            address6: Some("fd00:1::2".parse().unwrap()),
            ..entry(&["v6"], [10, 1, 0, 4])
        };
        register(dir.path(), "a", "c4", &dual).unwrap();
        assert_eq!(
            ask_a("v6.", RecordType::AAAA),
            Some(vec!["fd00:1::2".parse::<IpAddr>().unwrap()])
        );
        assert_eq!(
            ask_a("v6.", RecordType::A),
            Some(vec![IpAddr::V4(Ipv4Addr::new(10, 1, 0, 4))])
        );
        assert_eq!(
            ask_a("db.", RecordType::A),
            Some(vec![]),
            "another network's name"
        );
        assert_eq!(
            ask_a("gone.", RecordType::A),
            Some(vec![]),
            "a dead monitor's entry"
        );
        assert_eq!(ask_a("example.org.", RecordType::A), None, "forwarded");
        // Once c1 is on b too, it asks a's gateway from its address on a, and learns b's names.
        register(dir.path(), "b", "c1", &entry(&["web"], [10, 2, 0, 3])).unwrap();
        let from_web = Ipv4Addr::new(10, 1, 0, 2);
        assert_eq!(
            answers(reply(&ask("db.", RecordType::A), dir.path(), from_web)),
            Some(vec![IpAddr::V4(Ipv4Addr::new(10, 2, 0, 2))])
        );
        assert_eq!(
            ask_a("db.", RecordType::A),
            Some(vec![]),
            "others on a still do not"
        );
    }
}
