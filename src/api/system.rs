//! `_ping`, `version`, `info`.

use hyper::{Method, StatusCode};
use serde_json::json;

use super::reply::{self, Failure, Reply};
use super::route::Call;

/// The newest and oldest API versions answered (docker 19.03 to 26).
pub const API_VERSION: &str = "1.47";
pub const MIN_API_VERSION: &str = "1.40";

pub fn ping(method: &Method) -> Reply {
    let body = if method == Method::HEAD { "" } else { "OK" };
    let mut reply = reply::full(StatusCode::OK, "text/plain; charset=utf-8", body);
    let headers = reply.headers_mut();
    headers.insert("Api-Version", API_VERSION.parse().expect("a header value"));
    headers.insert(
        "Docker-Experimental",
        "false".parse().expect("a header value"),
    );
    headers.insert("Ostype", "linux".parse().expect("a header value"));
    headers.insert(
        "Cache-Control",
        "no-cache, no-store, must-revalidate"
            .parse()
            .expect("a header value"),
    );
    reply
}

pub fn version() -> Reply {
    let version = env!("CARGO_PKG_VERSION");
    let arch = crate::image::manifest::host_arch();
    let kernel = nix::sys::utsname::uname()
        .map(|u| u.release().to_string_lossy().into_owned())
        .unwrap_or_default();
    let doc = json!({
        "Platform": { "Name": "rpod" },
        "Components": [{ "Name": "rpod", "Version": version, "Details": {} }],
        "Version": version,
        "ApiVersion": API_VERSION,
        "MinAPIVersion": MIN_API_VERSION,
        "GitCommit": "",
        "GoVersion": "",
        "Os": "linux",
        "Arch": arch,
        "KernelVersion": kernel,
    });
    reply::json(StatusCode::OK, &doc)
}

/// Docker's field names over what `rpod info` finds.
pub async fn info(call: Call) -> Result<Reply, Failure> {
    let podman = call
        .engine(|o| Ok(crate::container::info::info(&o.engine()?, &o.paths)?))
        .await?;
    let field = |path: &str| podman.pointer(path).cloned().unwrap_or_default();
    let doc = json!({
        "ID": "",
        "Containers": field("/store/containerStore/number"),
        "ContainersRunning": field("/store/containerStore/running"),
        "ContainersPaused": field("/store/containerStore/paused"),
        "ContainersStopped": field("/store/containerStore/stopped"),
        "Images": field("/store/imageStore/number"),
        "Driver": field("/store/graphDriverName"),
        "DockerRootDir": field("/store/graphRoot"),
        "KernelVersion": field("/host/kernel"),
        "OperatingSystem": field("/host/distribution/distribution"),
        "OSType": "linux",
        "Architecture": field("/host/arch"),
        "NCPU": std::thread::available_parallelism().map_or(1, |n| n.get()),
        "CgroupVersion": "2",
        "ServerVersion": env!("CARGO_PKG_VERSION"),
        "Name": nix::unistd::gethostname().map(|h| h.to_string_lossy().into_owned()).unwrap_or_default(),
        "SecurityOptions": ["name=rootless"],
        "Runtimes": {},
        "Plugins": { "Volume": ["local"], "Network": [], "Log": ["k8s-file", "none"] },
    });
    Ok(reply::json(StatusCode::OK, &doc))
}
