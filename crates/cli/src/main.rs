//! `ideaboard-cli`: the headless face of Ideaboard, for product teams' scripts.
//! Every subcommand maps to core ops; errors print their stable code and exit
//! non-zero. One file per subcommand area under `cmd/`. The test workshop (bench,
//! crash-test, soak) is a binary of its own, `ideaboard-stress`.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error [{:?}]: {e}", e.code());
            ExitCode::FAILURE
        }
    }
}
