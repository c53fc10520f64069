//! `ideaboard-server`: see `ideaboard-server --help` and the README's "Running a
//! shared board".

use std::process::ExitCode;

use clap::Parser;
use ideaboard_server::config::{Cli, Command};
use tokio::net::TcpListener;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match cli.serve.resolve() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("ideaboard-server: {message}");
            return ExitCode::from(2);
        }
    };
    logging(config.log_json);
    match cli.command {
        None | Some(Command::Serve) => {}
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("ideaboard-server: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let served = runtime.block_on(async {
        let listener = TcpListener::bind(config.listen).await.map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot listen on {}: {e}", config.listen))
        })?;
        ideaboard_server::serve(config, listener, stopped()).await
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ideaboard-server: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Structured logs on stderr: text, or JSON lines with `--log-json`; the level from
/// `RUST_LOG` (default `info`).
fn logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// Resolves on SIGTERM or Ctrl-C: the server stops taking connections, lets the
/// requests in flight finish and checkpoints the board.
async fn stopped() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
    tracing::info!("stopping: finishing the requests in flight");
}
