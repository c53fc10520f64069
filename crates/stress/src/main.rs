//! `ideaboard-stress`: the workshop around Ideaboard, not the product. It times
//! every operation on a copy of a board (`bench`), generates Starbucks-scale boards
//! to time them on (`seed-scale`), kills writers at random moments and checks what
//! survived (`crash-test`, whose writers are `storm` processes of this binary), and
//! runs seeded random members against every invariant (`soak`). It builds the core
//! with its `devtools` feature, which the desktop app and `ideaboard-cli` never
//! enable. Errors print their stable code and exit non-zero.

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
