//! The bench's export and import rows: each sample runs in a child process of this
//! binary (`bench-child`), which opens the board, notes its resident memory, runs
//! the one operation, and reports the operation's time and the process's peak
//! resident memory (VmHWM from /proc/self/status). A child per sample keeps one
//! operation's peak from hiding behind another's.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use clap::Args;
use ideaboard_core::model::{ExportFilter, ExportFormat, ExportRequest, ImportFormat};
use ideaboard_core::{Board, Error, Timestamp, ops};
use serde_json::json;

use super::bench_report::{Row, Target};
use super::internal;

#[derive(Args)]
pub struct ChildArgs {
    #[arg(long)]
    board: PathBuf,
    /// export-csv | export-xlsx | export-json | import-json
    #[arg(long)]
    op: String,
    /// The file written (export) or read (import).
    #[arg(long)]
    file: PathBuf,
}

/// A line of /proc/self/status in KiB (0 where there is no such file).
fn status_kib(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn whole_board(format: ExportFormat) -> ExportRequest {
    ExportRequest {
        format,
        filter: ExportFilter {
            include_merged: true,
            ..ExportFilter::default()
        },
        include_internal: format == ExportFormat::Json,
    }
}

/// Runs one operation and prints `{ms, before_kib, peak_kib}`.
pub fn child(args: &ChildArgs, now: Timestamp) -> Result<(), Error> {
    let format = match args.op.as_str() {
        "export-csv" => Some(ExportFormat::Csv),
        "export-xlsx" => Some(ExportFormat::Xlsx),
        "export-json" => Some(ExportFormat::Json),
        "import-json" => None,
        other => {
            return Err(Error::UnknownValue {
                field: "op",
                value: other.to_string(),
            });
        }
    };
    let (elapsed, before) = match format {
        Some(format) => {
            let board = Board::open(&args.board, now)?;
            let admin = ops::act_as_owner(&board)?;
            let out = std::fs::File::create(&args.file)?;
            let before = status_kib("VmRSS:");
            let started = Instant::now();
            ops::export(
                &board,
                &admin,
                &whole_board(format),
                now,
                out,
                &mut |_, _| true,
            )?;
            (started.elapsed(), before)
        }
        None => {
            let _ = std::fs::remove_file(&args.board);
            let mut board = Board::create(&args.board, "Bench import", now)?;
            let owner = ops::create_owner(&mut board, "Bench owner", None, now)?;
            let owner = ops::act_as(&board, &owner.id)?;
            let input = std::fs::File::open(&args.file)?;
            let before = status_kib("VmRSS:");
            let started = Instant::now();
            ops::import(&mut board, &owner, ImportFormat::Json, input, now)?;
            (started.elapsed(), before)
        }
    };
    let report = json!({
        "ms": elapsed.as_secs_f64() * 1e3,
        "before_kib": before,
        "peak_kib": status_kib("VmHWM:"),
    });
    println!("{report}");
    Ok(())
}

/// One sample in a child process: the time and (before, peak) resident KiB.
fn sample(board: &Path, op: &str, file: &Path) -> Result<(Duration, u64, u64), Error> {
    let output = Command::new(std::env::current_exe()?)
        .args(["bench-child", "--op", op, "--board"])
        .arg(board)
        .arg("--file")
        .arg(file)
        .output()?;
    if !output.status.success() {
        return Err(Error::Internal(format!(
            "bench-child {op}: {}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).map_err(internal)?;
    let ms = report["ms"].as_f64().unwrap_or(f64::NAN);
    Ok((
        Duration::from_secs_f64(ms / 1e3),
        report["before_kib"].as_u64().unwrap_or(0),
        report["peak_kib"].as_u64().unwrap_or(0),
    ))
}

const fn target(p99_ms: f64) -> Option<Target> {
    Some(Target {
        p99_ms,
        floor_ratio: None,
    })
}

/// The rows, for those `wants` asks for; `n` samples each.
pub fn rows(copy: &Path, n: usize, wants: impl Fn(&str) -> bool) -> Result<Vec<Row>, Error> {
    let dir = copy.parent().unwrap_or(Path::new("."));
    let bundle = dir.join("bench-export.json");
    let cases = [
        (
            "export CSV (whole board)",
            "export-csv",
            "bench-export.csv",
            target(3_000.0),
        ),
        (
            "export XLSX (whole board)",
            "export-xlsx",
            "bench-export.xlsx",
            target(20_000.0),
        ),
        (
            "export JSON (whole board)",
            "export-json",
            "bench-export.json",
            None,
        ),
        (
            "import JSON (whole board, into a new board)",
            "import-json",
            "bench-export.json",
            None,
        ),
    ];
    let mut rows = Vec::new();
    let mut have_bundle = false;
    for (name, op, file, target) in cases {
        if !wants(name) {
            continue;
        }
        let (board, file) = if op == "import-json" {
            if !have_bundle {
                sample(copy, "export-json", &bundle)?;
            }
            (dir.join("bench-import.board"), bundle.clone())
        } else {
            (copy.to_path_buf(), dir.join(file))
        };
        let (mut samples, mut before, mut peak) = (Vec::new(), 0, 0);
        for _ in 0..n {
            let (t, b, p) = sample(&board, op, &file)?;
            samples.push(t);
            before = before.max(b);
            peak = peak.max(p);
        }
        have_bundle |= op == "export-json";
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        let mib = |kib: u64| kib as f64 / 1024.0;
        rows.push(Row::timed(
            format!(
                "{name}; {:.0} MB file; peak RSS {:.0} MB ({:.0} MB before the op)",
                size as f64 / 1e6,
                mib(peak),
                mib(before)
            ),
            &samples,
            target,
        ));
        if op != "export-json" {
            let _ = std::fs::remove_file(&file);
        }
    }
    let _ = std::fs::remove_file(&bundle);
    Ok(rows)
}
