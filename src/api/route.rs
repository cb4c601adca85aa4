//! Which handler answers a request: docker's paths, with or without a `/v1.NN` prefix.

use std::collections::HashMap;
use std::sync::Arc;

use hyper::body::Incoming;
use hyper::{Method, Request, StatusCode};

use super::body::{self, BodyReader};
use super::reply::{Failure, Reply};
use super::{
    Opened, Setup, archive, attach, build, commit, container_more, containers, events, exec,
    image_archive, images, networks, pull, push, stream, system, update, volumes, wait,
};
use crate::container::prune_filter::PruneFilters;
use crate::image::auth::Credentials;

/// What a handler is given: the request's parts, its query and its body.
pub struct Call {
    pub setup: Arc<Setup>,
    pub query: HashMap<String, String>,
    /// The query as sent, repeated keys and all (`build`'s `t`).
    pub pairs: Vec<(String, String)>,
    pub headers: hyper::HeaderMap,
    /// The body read whole, unless the endpoint streams it (`stream`).
    pub body: bytes::Bytes,
    /// The body of an endpoint that takes archives (`build`, `cp`, `load`), as it arrives.
    pub stream: Option<BodyReader>,
    /// Set when the client asked to take over the connection (`Upgrade: tcp`: attach, exec).
    pub upgrade: Option<hyper::upgrade::OnUpgrade>,
    /// The API version of the path's `/vX.Y` prefix; None without one (the newest).
    pub version: Option<(u32, u32)>,
}

impl Call {
    /// The body of an endpoint that streams it (see `streams`), to read once.
    pub fn body_stream(&mut self) -> BodyReader {
        self.stream
            .take()
            .expect("the router streams the bodies of the endpoints that read them so")
    }

    pub fn flag(&self, key: &str) -> bool {
        matches!(
            self.query.get(key).map(String::as_str),
            Some("1" | "true" | "True")
        )
    }

    /// A prune's `filters`: `label`, `label!` and `until` (where `until` is one of `keys`) as
    /// the CLI's prune filters; the other keys, for the endpoint's own.
    pub fn prune_filters(
        &self,
        keys: &[&str],
    ) -> Result<(PruneFilters, HashMap<String, Vec<String>>), Failure> {
        let mut picked = Vec::new();
        let mut rest = HashMap::new();
        for (key, values) in self.filters()? {
            if keys.contains(&key.as_str()) {
                picked.extend(values.iter().map(|v| format!("{key}={v}")));
            } else {
                rest.insert(key, values);
            }
        }
        let filters =
            PruneFilters::parse(&picked).map_err(|e| Failure::bad(format!("filters: {e}")))?;
        Ok((filters, rest))
    }

    /// docker's answer to a filter key an endpoint does not take.
    pub fn invalid_filter(key: &str) -> Failure {
        Failure::bad(format!("invalid filter '{key}'"))
    }

    /// `filters`, in either of docker's encodings: `{"label":["k=v"]}` or, as the docker CLI
    /// sends it, `{"label":{"k=v":true}}`.
    pub fn filters(&self) -> Result<HashMap<String, Vec<String>>, Failure> {
        let Some(text) = self.query.get("filters").filter(|f| !f.is_empty()) else {
            return Ok(HashMap::new());
        };
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text)
            .map_err(|e| Failure::bad(format!("filters: invalid JSON: {e}")))?;
        map.into_iter()
            .map(|(key, values)| {
                let values = match values {
                    serde_json::Value::Array(a) => a
                        .into_iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect(),
                    serde_json::Value::Object(o) => o.into_iter().map(|(k, _)| k).collect(),
                    _ => return Err(Failure::bad(format!("filters: {key}: expected a list"))),
                };
                Ok((key, values))
            })
            .collect()
    }

    /// `X-Registry-Auth`: base64 (URL-safe, as docker's client writes it) JSON with
    /// `username` and `password`; none without a user (the CLI sends `{}` when not logged
    /// in). An identity token (OAuth) is refused: rpod logs in with a user and a password.
    pub fn registry_auth(&self) -> Result<Option<Credentials>, Failure> {
        use base64::Engine as _;
        let Some(value) = self.headers.get("X-Registry-Auth") else {
            return Ok(None);
        };
        let bad = |why: String| Failure::bad(format!("X-Registry-Auth: {why}"));
        let text: String = value
            .to_str()
            .map_err(|e| bad(e.to_string()))?
            .trim_end_matches('=')
            .chars()
            .map(|c| match c {
                '-' => '+',
                '_' => '/',
                c => c,
            })
            .collect();
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(text)
            .map_err(|e| bad(e.to_string()))?;
        #[derive(serde::Deserialize)]
        struct Auth {
            #[serde(default)]
            username: String,
            #[serde(default)]
            password: String,
            #[serde(default)]
            identitytoken: String,
        }
        let auth: Auth = serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
        if !auth.identitytoken.is_empty() {
            return Err(bad(
                "identity tokens are not supported by rpod: log in with a user and a password"
                    .into(),
            ));
        }
        Ok((!auth.username.is_empty()).then_some(Credentials {
            username: auth.username,
            password: auth.password,
        }))
    }

    /// Runs an engine call on a blocking thread, over a store opened for this request.
    pub fn engine<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Opened) -> Result<T, Failure> + Send + 'static,
    ) -> impl Future<Output = Result<T, Failure>> + Send + 'static {
        let setup = self.setup.clone();
        async move {
            tokio::task::spawn_blocking(move || f(&Opened::open(&setup)?))
                .await
                .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        }
    }
}

pub async fn handle(
    mut req: Request<Incoming>,
    setup: Arc<Setup>,
) -> Result<Reply, std::convert::Infallible> {
    let method = req.method().clone();
    let path = unversioned(req.uri().path()).to_string();
    let version = version_of(req.uri().path());
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let query = pairs.iter().cloned().collect();
    let wants_upgrade = req
        .headers()
        .get(hyper::header::UPGRADE)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"tcp"));
    let upgrade = wants_upgrade.then(|| hyper::upgrade::on(&mut req));
    let headers = req.headers().clone();
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let (body, stream) = if streams(&method, &segments) {
        (bytes::Bytes::new(), Some(body::stream(req.into_body())))
    } else {
        match body::collect(req.into_body()).await {
            Ok(bytes) => (bytes, None),
            Err(failure) => return Ok(failure.into_reply()),
        }
    };
    let call = Call {
        setup,
        query,
        pairs,
        headers,
        body,
        stream,
        upgrade,
        version,
    };
    let answer = dispatch(&method, &segments, call).await;
    Ok(answer.unwrap_or_else(Failure::into_reply))
}

/// Whether the endpoint takes an archive of any size as its body.
fn streams(method: &Method, segments: &[&str]) -> bool {
    matches!(
        (method, segments),
        (&Method::POST, ["build"])
            | (&Method::PUT, ["containers", _, "archive"])
            | (&Method::POST, ["images", "load"])
    )
}

/// The path without docker's `/v1.NN` version prefix.
fn unversioned(path: &str) -> &str {
    let Some(rest) = path.strip_prefix("/v") else {
        return path;
    };
    let end = rest.find('/').unwrap_or(rest.len());
    let is_version = rest[..end]
        .split('.')
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if is_version { &rest[end..] } else { path }
}

/// `(1, 41)` of `/v1.41/…`.
fn version_of(path: &str) -> Option<(u32, u32)> {
    let rest = path.strip_prefix("/v")?;
    let (major, minor) = rest.split('/').next()?.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

async fn dispatch(method: &Method, segments: &[&str], call: Call) -> Result<Reply, Failure> {
    use Method as M;
    match (method, segments) {
        (&M::GET | &M::HEAD, ["_ping"]) => Ok(system::ping(method)),
        (&M::GET, ["version"]) => Ok(system::version()),
        (&M::GET, ["info"]) => system::info(call).await,
        (&M::GET, ["system", "df"]) => system::df(call).await,
        (&M::GET, ["events"]) => events::events(call).await,
        (&M::GET, ["containers", "json"]) => containers::list(call).await,
        (&M::POST, ["containers", "create"]) => containers::create(call).await,
        (&M::GET, ["containers", id, "json"]) => containers::inspect(call, id).await,
        (&M::POST, ["containers", id, "start"]) => containers::start(call, id).await,
        (&M::POST, ["containers", id, "stop"]) => containers::stop(call, id).await,
        (&M::POST, ["containers", id, "kill"]) => containers::kill(call, id).await,
        (&M::POST, ["containers", id, "restart"]) => containers::restart(call, id).await,
        (&M::POST, ["containers", id, "wait"]) => wait::wait(call, id).await,
        (&M::DELETE, ["containers", id]) => containers::remove(call, id).await,
        (&M::GET, ["containers", id, "logs"]) => stream::logs(call, id).await,
        (&M::POST, ["containers", id, "attach"]) => attach::attach(call, id).await,
        (&M::POST, ["containers", id, "resize"]) => attach::resize(call, id).await,
        (&M::POST, ["containers", "prune"]) => container_more::prune(call).await,
        (&M::POST, ["containers", id, "pause"]) => container_more::pause(call, id).await,
        (&M::POST, ["containers", id, "unpause"]) => container_more::unpause(call, id).await,
        (&M::POST, ["containers", id, "rename"]) => container_more::rename(call, id).await,
        (&M::GET, ["containers", id, "top"]) => container_more::top(call, id).await,
        (&M::GET, ["containers", id, "changes"]) => container_more::changes(call, id).await,
        (&M::GET, ["containers", id, "export"]) => container_more::export(call, id).await,
        (&M::GET, ["containers", id, "stats"]) => container_more::stats(call, id).await,
        (&M::POST, ["containers", id, "update"]) => update::update(call, id).await,
        (&M::HEAD, ["containers", id, "archive"]) => archive::get(call, id, false).await,
        (&M::GET, ["containers", id, "archive"]) => archive::get(call, id, true).await,
        (&M::PUT, ["containers", id, "archive"]) => archive::put(call, id).await,
        (&M::POST, ["containers", id, "exec"]) => exec::create(call, id).await,
        (&M::POST, ["exec", id, "start"]) => exec::start(call, id).await,
        (&M::GET, ["exec", id, "json"]) => exec::inspect(call, id).await,
        (&M::POST, ["exec", id, "resize"]) => exec::resize(call, id).await,
        (&M::GET, ["images", "json"]) => images::list(call).await,
        (&M::POST, ["images", "create"]) => pull::create(call).await,
        (&M::POST, ["build"]) => build::build(call).await,
        (&M::POST, ["commit"]) => commit::commit(call).await,
        (&M::POST, ["images", "prune"]) => images::prune(call).await,
        (&M::GET, ["images", "search"]) => images::search(call).await,
        (&M::GET, ["images", "get"]) => image_archive::get(call, None).await,
        (&M::POST, ["images", "load"]) => image_archive::load(call).await,
        (&M::GET, ["images", name @ .., "history"]) if !name.is_empty() => {
            images::history(call, &name.join("/")).await
        }
        (&M::GET, ["images", name @ .., "get"]) if !name.is_empty() => {
            image_archive::get(call, Some(&name.join("/"))).await
        }
        (&M::GET, ["images", name @ .., "json"]) if !name.is_empty() => {
            images::inspect(call, &name.join("/")).await
        }
        (&M::POST, ["images", name @ .., "push"]) if !name.is_empty() => {
            push::push(call, &name.join("/")).await
        }
        (&M::POST, ["images", name @ .., "tag"]) if !name.is_empty() => {
            images::tag(call, &name.join("/")).await
        }
        (&M::DELETE, ["images", name @ ..]) if !name.is_empty() => {
            images::remove(call, &name.join("/")).await
        }
        (&M::GET, ["networks"]) => networks::list(call).await,
        (&M::POST, ["networks", "create"]) => networks::create(call).await,
        (&M::POST, ["networks", "prune"]) => networks::prune(call).await,
        (&M::GET, ["networks", id]) => networks::inspect(call, id).await,
        (&M::DELETE, ["networks", id]) => networks::remove(call, id).await,
        (&M::POST, ["networks", id, "connect"]) => networks::connect(call, id).await,
        (&M::POST, ["networks", id, "disconnect"]) => networks::disconnect(call, id).await,
        (&M::GET, ["volumes"]) => volumes::list(call).await,
        (&M::POST, ["volumes", "create"]) => volumes::create(call).await,
        (&M::POST, ["volumes", "prune"]) => volumes::prune(call).await,
        (&M::GET, ["volumes", name]) => volumes::inspect(call, name).await,
        (&M::DELETE, ["volumes", name]) => volumes::remove(call, name).await,
        _ => Err(Failure::new(StatusCode::NOT_FOUND, "page not found")),
    }
}

#[cfg(test)]
mod tests {
    use super::unversioned;

    #[test]
    fn version_prefixes_are_dropped() {
        assert_eq!(unversioned("/v1.41/containers/json"), "/containers/json");
        assert_eq!(unversioned("/v1.47/_ping"), "/_ping");
        assert_eq!(unversioned("/_ping"), "/_ping");
        assert_eq!(unversioned("/volumes"), "/volumes");
        assert_eq!(super::version_of("/v1.41/volumes/prune"), Some((1, 41)));
        assert_eq!(super::version_of("/volumes/prune"), None);
    }
}
