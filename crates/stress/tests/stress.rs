//! ideaboard-stress, the workshop: the real binary on real board files. The scale
//! seed and the bench on a small board, the crash test's kills, the soak's short
//! run, and the premise of the bench's "vote while XLSX export runs" row.

use std::path::Path;
use std::process::{Command, Output};

mod crash;
mod scale;
mod snapshot;
mod soak;

fn stress(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ideaboard-stress"))
        .args(args)
        .output()
        .expect("run ideaboard-stress")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}
