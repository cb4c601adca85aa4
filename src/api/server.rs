//! The accept loop: a socket of mode 0600, one hyper connection per client, and the idle
//! timer podman's `--time` sets (any connection, or one ending, restarts it).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::UnixListener;
use tokio::sync::Notify;

use super::{ApiError, ServicePlan, route};

/// Serves until idle for the plan's time (or forever).
pub fn serve(plan: ServicePlan) -> Result<(), ApiError> {
    let inherited = crate::network::activation::inherited_socket();
    let listener = match (&inherited, &plan.socket) {
        (Some(_), _) | (_, None) => None,
        (None, Some(path)) => Some(bind(path)?),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ApiError::Runtime)?;
    runtime.block_on(async move {
        let listener = match (inherited, listener) {
            (Some(fd), _) => {
                let std = std::os::unix::net::UnixListener::from(fd);
                std.set_nonblocking(true).map_err(ApiError::Activation)?;
                UnixListener::from_std(std).map_err(ApiError::Activation)?
            }
            (None, Some(std)) => UnixListener::from_std(std).map_err(ApiError::Runtime)?,
            (None, None) => unreachable!("a socket is bound unless systemd passed one"),
        };
        accept_loop(listener, plan).await;
        Ok(())
    })
}

fn bind(path: &Path) -> Result<std::os::unix::net::UnixListener, ApiError> {
    let err = |source| ApiError::Listen {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(err(e)),
        _ => {}
    }
    let listener = std::os::unix::net::UnixListener::bind(path).map_err(err)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(err)?;
    listener.set_nonblocking(true).map_err(err)?;
    Ok(listener)
}

async fn accept_loop(listener: UnixListener, plan: ServicePlan) {
    let active = Arc::new(AtomicUsize::new(0));
    let ended = Arc::new(Notify::new());
    let setup = Arc::new(plan.setup);
    loop {
        let idle = async {
            match plan.idle {
                Some(time) if active.load(Ordering::SeqCst) == 0 => tokio::time::sleep(time).await,
                _ => std::future::pending().await,
            }
        };
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    active.fetch_add(1, Ordering::SeqCst);
                    let (active, ended, setup) = (active.clone(), ended.clone(), setup.clone());
                    tokio::spawn(async move {
                        let service = service_fn(move |req| route::handle(req, setup.clone()));
                        let conn = http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .with_upgrades();
                        if let Err(e) = conn.await {
                            tracing::debug!("API connection: {e}");
                        }
                        active.fetch_sub(1, Ordering::SeqCst);
                        ended.notify_one();
                    });
                }
                Err(e) => tracing::warn!("accept on the API socket: {e}"),
            },
            _ = ended.notified() => {}
            _ = idle => {
                tracing::debug!("the API service was idle for {:?}: exiting", plan.idle);
                return;
            }
        }
    }
}
