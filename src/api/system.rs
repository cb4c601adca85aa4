//! `_ping`, `version`, `info`, `system/df`.

use std::collections::HashMap;

use hyper::{Method, StatusCode};
use serde_json::{Value, json};

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

/// `GET /system/df`: the objects `rpod system df` counts, in docker's shape (one row per
/// image, container and volume; the client adds them up). rpod has no build cache apart
/// from its build-step images, which are images here.
pub async fn df(call: Call) -> Result<Reply, Failure> {
    let doc = call
        .engine(|o| {
            let engine = o.engine()?;
            let usage = crate::container::system::df(&engine)?;
            let layers_size = usage
                .iter()
                .find(|u| u.kind == "Images")
                .map_or(0, |u| u.size);
            let mut uses: HashMap<String, usize> = HashMap::new();
            let entries = crate::container::list::entries(&engine)?;
            for entry in &entries {
                *uses.entry(entry.record.image.to_string()).or_default() += 1;
            }
            let index = o.store.index()?;
            let images: Vec<Value> = index
                .images
                .iter()
                .map(|image| {
                    let mut row = super::images::summary(image);
                    row["Containers"] = json!(uses.get(image.id.as_str()).copied().unwrap_or(0));
                    row["SharedSize"] = json!(0);
                    row
                })
                .collect();
            let containers: Vec<Value> = entries
                .iter()
                .map(|entry| {
                    let mut row = super::containers::summary(entry);
                    let rw = crate::container::system::disk_usage(&entry.paths.upper());
                    row["SizeRw"] = json!(rw);
                    row["SizeRootFs"] = json!(rw);
                    row
                })
                .collect();
            let volume_users = crate::container::volumes::users(&engine)?;
            let volumes: Vec<Value> = engine
                .volumes
                .list()
                .map_err(crate::container::ContainerError::from)?
                .iter()
                .map(|volume| {
                    let mut row = engine.volumes.inspect(volume);
                    let path = engine.volumes.data_path(&volume.name);
                    let refs = volume_users.get(&volume.name).map_or(0, Vec::len);
                    row["UsageData"] = json!({
                        "Size": crate::container::system::disk_usage(&path),
                        "RefCount": refs,
                    });
                    row
                })
                .collect();
            Ok(json!({
                "LayersSize": layers_size,
                "Images": images,
                "Containers": containers,
                "Volumes": volumes,
                "BuildCache": [],
            }))
        })
        .await?;
    Ok(reply::json(StatusCode::OK, &doc))
}
