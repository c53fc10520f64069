//! Writes the files generated from the contract (the Tauri registrations and the
//! TypeScript client), or with `--check` only tells which are stale and exits 1.

use std::process::ExitCode;

use ideaboard_api::generate;

fn main() -> ExitCode {
    let root = generate::repository_root();
    match std::env::args().nth(1).as_deref() {
        Some("--check") => {
            let stale = generate::check(&root);
            if stale.is_empty() {
                println!("ideaboard-api-gen: every generated file is fresh");
                return ExitCode::SUCCESS;
            }
            for file in &stale {
                eprintln!("ideaboard-api-gen: {file}");
            }
            eprintln!(
                "ideaboard-api-gen: run `{}` and commit the result",
                generate::GENERATOR
            );
            ExitCode::FAILURE
        }
        None => match generate::write(&root) {
            Ok(written) => {
                for path in &written {
                    println!("wrote {}", path.display());
                }
                if written.is_empty() {
                    println!("ideaboard-api-gen: nothing to write, every generated file is fresh");
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("ideaboard-api-gen: {e}");
                ExitCode::FAILURE
            }
        },
        Some(other) => {
            eprintln!("usage: ideaboard-api-gen [--check]  (unknown argument {other:?})");
            ExitCode::from(2)
        }
    }
}
