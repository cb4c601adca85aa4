//! `POST /containers/ID/update` (`docker update`): the limits and restart policy `rpod update`
//! changes, from docker's UpdateConfig. The docker CLI sends every field, zero when not
//! given; a field rpod cannot change that is set to anything else is a 400 naming it.

use std::collections::BTreeMap;

use hyper::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::reply::{self, Failure, Reply};
use super::route::Call;
use crate::container::plan::resources::LimitOptions;
use crate::container::{resources, restart_policy};

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
struct UpdateBody {
    #[serde(default)]
    memory: i64,
    #[serde(default)]
    memory_swap: i64,
    #[serde(default)]
    memory_reservation: i64,
    #[serde(default)]
    nano_cpus: i64,
    #[serde(default)]
    cpu_shares: i64,
    #[serde(default)]
    cpuset_cpus: String,
    #[serde(default)]
    cpuset_mems: String,
    #[serde(default)]
    cpu_period: i64,
    #[serde(default)]
    cpu_quota: i64,
    #[serde(default)]
    pids_limit: Option<i64>,
    #[serde(default)]
    restart_policy: Option<RestartBody>,
    /// Every other field: refused unless zero, empty or null.
    #[serde(flatten)]
    other: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RestartBody {
    #[serde(default)]
    name: String,
    #[serde(default)]
    maximum_retry_count: u32,
}

fn is_unset(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

/// A size or count docker gives as a number, as the text `rpod update`'s flag takes; zero is
/// "not given".
fn given(n: i64) -> Option<String> {
    (n != 0).then(|| n.to_string())
}

pub async fn update(call: Call, id: &str) -> Result<Reply, Failure> {
    let body: UpdateBody = match call.body.iter().all(u8::is_ascii_whitespace) {
        true => UpdateBody::default(),
        false => serde_json::from_slice(&call.body)
            .map_err(|e| Failure::bad(format!("invalid update body: {e}")))?,
    };
    if let Some((field, value)) = body.other.iter().find(|(_, v)| !is_unset(v)) {
        return Err(Failure::bad(format!(
            "{field}={value}: not something rpod update changes"
        )));
    }
    let limits = LimitOptions {
        memory: given(body.memory),
        memory_swap: given(body.memory_swap),
        memory_reservation: given(body.memory_reservation),
        cpus: (body.nano_cpus != 0).then(|| format!("{}", body.nano_cpus as f64 / 1e9)),
        cpu_shares: u64::try_from(body.cpu_shares).ok().filter(|s| *s != 0),
        cpu_weight: None,
        cpuset_cpus: Some(body.cpuset_cpus).filter(|c| !c.is_empty()),
        cpu_period: u64::try_from(body.cpu_period).ok().filter(|p| *p != 0),
        cpu_quota: Some(body.cpu_quota).filter(|q| *q != 0),
        cpuset_mems: Some(body.cpuset_mems).filter(|m| !m.is_empty()),
        pids_limit: body.pids_limit.filter(|p| *p != 0),
        // The API's BlkioDevice* fields are in `other`, refused above when set.
        device_rates: Vec::new(),
        io_weights: Vec::new(),
    };
    let policy = match body.restart_policy.filter(|r| !r.name.is_empty()) {
        None => None,
        Some(r) => {
            let text = match r.maximum_retry_count {
                0 => r.name,
                n => format!("{}:{n}", r.name),
            };
            Some(restart_policy::parse(&text)?)
        }
    };
    let id = id.to_string();
    call.engine(move |o| {
        let engine = o.engine()?;
        if let Some(policy) = policy {
            restart_policy::update(&engine, &id, policy)?;
        }
        if restart_policy::limits_given(&limits)? {
            resources::update(&engine, &id, &limits)?;
        }
        Ok(())
    })
    .await?;
    Ok(reply::json(StatusCode::OK, &json!({ "Warnings": [] })))
}
