//! The accept loop: one hyper connection per client (after its TLS handshake under
//! `--tls-cert`), answered through the CORS layer under `--cors`, and the idle timer podman's
//! `--time` sets (any connection, or one ending, restarts it).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::Notify;
use tokio_rustls::TlsAcceptor;
use tower::Layer;
use tower::util::Either;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

use super::listen::{Accepted, Bound, Listener};
use super::{ApiError, ServicePlan, Setup, route};

/// Serves until idle for the plan's time (or forever).
pub fn serve(plan: ServicePlan) -> Result<(), ApiError> {
    let inherited = crate::network::activation::inherited_socket();
    let bound = match inherited {
        Some(fd) => {
            let std = std::os::unix::net::UnixListener::from(fd);
            std.set_nonblocking(true).map_err(ApiError::Activation)?;
            Bound::Unix(std)
        }
        None => plan.endpoint.bind()?,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ApiError::Runtime)?;
    runtime.block_on(async move {
        let listener = Listener::register(bound).map_err(ApiError::Runtime)?;
        accept_loop(listener, plan).await;
        Ok(())
    })
}

/// What each connection shares: the handler's setup, the TLS acceptor and the CORS layer.
struct Shared {
    setup: Arc<Setup>,
    tls: Option<TlsAcceptor>,
    cors: Option<CorsLayer>,
}

async fn accept_loop(listener: Listener, plan: ServicePlan) {
    let active = Arc::new(AtomicUsize::new(0));
    let ended = Arc::new(Notify::new());
    let idle_time = plan.idle;
    let shared = Arc::new(Shared {
        tls: plan.tls.clone().map(TlsAcceptor::from),
        cors: plan.cors.clone().map(cors_layer),
        setup: Arc::new(plan.setup),
    });
    loop {
        let idle = async {
            match idle_time {
                Some(time) if active.load(Ordering::SeqCst) == 0 => tokio::time::sleep(time).await,
                _ => std::future::pending().await,
            }
        };
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(stream) => {
                    active.fetch_add(1, Ordering::SeqCst);
                    let (active, ended, shared) = (active.clone(), ended.clone(), shared.clone());
                    tokio::spawn(async move {
                        match stream {
                            Accepted::Unix(s) => connection(s, &shared).await,
                            Accepted::Tcp(s) => connection(s, &shared).await,
                        }
                        active.fetch_sub(1, Ordering::SeqCst);
                        ended.notify_one();
                    });
                }
                Err(e) => tracing::warn!("accept on the API socket: {e}"),
            },
            _ = ended.notified() => {}
            _ = idle => {
                tracing::debug!("the API service was idle for {idle_time:?}: exiting");
                return;
            }
        }
    }
}

/// podman's `--cors` is the Access-Control-Allow-Origin value; preflights are answered for
/// any method and header, since the API itself decides what a request may do.
fn cors_layer(origin: hyper::header::HeaderValue) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::exact(origin))
        .allow_methods(Any)
        .allow_headers(Any)
}

async fn connection<S>(stream: S, shared: &Shared)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    match &shared.tls {
        None => http(stream, shared).await,
        // A client without an acceptable certificate ends here, refused in the handshake.
        Some(acceptor) => match acceptor.accept(stream).await {
            Ok(tls) => http(tls, shared).await,
            Err(e) => tracing::debug!("API connection: TLS handshake: {e}"),
        },
    }
}

async fn http<S>(stream: S, shared: &Shared)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let setup = shared.setup.clone();
    let handler = tower::service_fn(move |req| route::handle(req, setup.clone()));
    let service = match &shared.cors {
        Some(cors) => Either::Left(cors.layer(handler)),
        None => Either::Right(handler),
    };
    let conn = http1::Builder::new()
        .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
        .with_upgrades();
    if let Err(e) = conn.await {
        tracing::debug!("API connection: {e}");
    }
}
