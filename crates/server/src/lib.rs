//! # ideaboard-server
//!
//! One Ideaboard board served over HTTP: the web portal (the same Svelte UI as the
//! app) to a brand's fans in any browser, and the contract's commands to the portal,
//! the desktop app and scripts. It is a host of the contract like the desktop window:
//! the board's slot and every session are the core's (`ideaboard_core::session`),
//! every command goes through `ideaboard_api::dispatch` (no per-command code), and
//! ops run on tokio's blocking pool, never on the event loop.
//!
//! Layout: [`config`] (flags, environment, TOML), [`routes`] (the router: the API,
//! health, metrics, the portal), [`errors`] (the contract's errors as HTTP statuses),
//! [`metrics`] (Prometheus text), [`board`] (opening and upkeep of the board), [`tls`]
//! (HTTPS held by the server itself).

pub mod auth;
pub mod board;
pub mod config;
pub mod errors;
pub mod gate;
pub mod live;
pub mod metrics;
pub mod routes;
pub mod tls;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::ConnectInfo;
use axum::serve::{IncomingStream, Listener};
use ideaboard_core::session::BoardSlot;
use tower::Layer;

use crate::config::Config;
use crate::metrics::Metrics;

/// Read-only connections for reading commands: enough for reads to run side by
/// side on the blocking pool, few enough that each keeps its page cache warm.
pub const READERS: usize = 8;

/// What every request handler shares.
pub struct App {
    /// The one board this server serves.
    pub slot: Arc<BoardSlot>,
    /// The settings it runs with.
    pub config: Config,
    /// What `/metrics` shows.
    pub metrics: Metrics,
    /// Rate limits per address and per account.
    pub limits: auth::Limits,
    /// The board's newest change seq, for the live streams.
    pub latest: live::Latest,
    /// The bound on writes waiting for the board's writer.
    pub writes: gate::WriteGate,
}

/// Serves `config`'s board on `listener` (a `TcpListener`, or a [`tls::TlsListener`])
/// until `shutdown` resolves; then lets the requests in flight finish and
/// checkpoints the board.
pub async fn serve<L>(
    config: Config,
    listener: L,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()>
where
    L: Listener<Addr = SocketAddr>,
{
    let slot = Arc::new(BoardSlot::with_readers(READERS));
    let (latest_tx, latest) = tokio::sync::watch::channel(None);
    let app = Arc::new(App {
        slot: Arc::clone(&slot),
        config,
        metrics: Metrics::default(),
        limits: auth::Limits::default(),
        latest,
        writes: gate::WriteGate::new(gate::MAX_WAITING_WRITES),
    });
    let upkeep = board::open_and_keep(Arc::clone(&app));
    let poller = live::publish(&app, latest_tx);
    let router = routes::router(Arc::clone(&app));
    tracing::info!(address = %listener.local_addr()?, board = %app.config.board.display(), "serving");
    // Each connection's router knows the client's address (`ConnectInfo`), whatever
    // the listener: axum's `into_make_service_with_connect_info` only knows TCP's.
    let router = tower::service_fn(move |connection: IncomingStream<'_, L>| {
        let client = ConnectInfo(*connection.remote_addr());
        std::future::ready(Ok::<_, std::convert::Infallible>(
            axum::Extension(client).layer(router.clone()),
        ))
    });
    // On shutdown the poller stops first: its end ends every live stream, which
    // would otherwise keep its connection (and so the graceful stop) open forever.
    let stop_live = poller.abort_handle();
    let shutdown = async move {
        shutdown.await;
        stop_live.abort();
    };
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await?;
    upkeep.abort();
    board::close(&slot).await;
    tracing::info!("stopped");
    Ok(())
}
