//! `ideaboard-server`: see `ideaboard-server --help` and the README's "Running a
//! shared board".

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use ideaboard_core::{Board, Timestamp, ops};
use ideaboard_server::config::{AdminCommand, Cli, Command};
use ideaboard_server::tls;
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
    if let Some(Command::Admin(AdminCommand::Create {
        name,
        email,
        board_name,
    })) = &cli.command
    {
        return admin_create(&config.board, board_name, name, email);
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("ideaboard-server: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    // A certificate that cannot be used stops the start, like any bad setting.
    let acceptor = match config.tls.as_ref().map(tls::acceptor).transpose() {
        Ok(acceptor) => acceptor,
        Err(message) => {
            eprintln!("ideaboard-server: {message}");
            return ExitCode::from(2);
        }
    };
    let served = runtime.block_on(async {
        let listener = TcpListener::bind(config.listen).await.map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot listen on {}: {e}", config.listen))
        })?;
        // The one line on standard output: where it listens (port 0 picks a free one).
        let scheme = if acceptor.is_some() { "https" } else { "http" };
        println!(
            "ideaboard-server listening on {scheme}://{}",
            listener.local_addr()?
        );
        match acceptor {
            Some(acceptor) => {
                let listener = tls::TlsListener::new(listener, acceptor)?;
                ideaboard_server::serve(config, listener, stopped()).await
            }
            None => ideaboard_server::serve(config, listener, stopped()).await,
        }
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ideaboard-server: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `ideaboard-server admin create`: the first admin account, on the board file
/// directly (the server need not run; if it does, SQLite serialises the write). A
/// fresh install has no board yet: it is made here, empty, named `board_name`.
fn admin_create(board: &std::path::Path, board_name: &str, name: &str, email: &str) -> ExitCode {
    let password = match std::env::var("IDEABOARD_ADMIN_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            let mut line = String::new();
            if let Err(e) = std::io::stdin().read_line(&mut line) {
                eprintln!("ideaboard-server: cannot read the password: {e}");
                return ExitCode::FAILURE;
            }
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let now = Timestamp::now();
    let opened = if board.exists() {
        Board::open(board, now)
    } else {
        Board::create(board, board_name, now).inspect(|_| {
            println!("created the board {} ({board_name})", board.display());
        })
    };
    let created = opened.and_then(|mut board| {
        ops::accounts::create_first_admin(&mut board, name, email, &password, now)
    });
    match created {
        Ok(profile) => {
            println!(
                "created the admin account of {} ({email})",
                profile.display_name
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ideaboard-server: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Structured logs on stderr: text, or JSON lines with `--log-json`; the level from
/// `RUST_LOG` (default `info`). Colours only on a terminal: the journal or a log
/// file gets plain text.
fn logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
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
