//! One round of the crash test: start the writers (`storm` processes of this same
//! binary) on the board, maybe take a backup (`backup`, a process too) while they
//! write, kill each writer with SIGKILL at its own random moment, and read back
//! what each one printed, line by line, with when each line arrived.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use ideaboard_core::Error;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::storm_op::StormOp;

/// How long a backup taken while the writers write may take.
const BACKUP_TIMEOUT: Duration = Duration::from_secs(120);

/// How a step of a writer ended.
#[derive(Debug, Clone)]
pub enum End {
    /// `ok`: committed; `made` is the id of what it created; `at` when the line came.
    Acked { made: Option<String>, at: Instant },
    /// `refused`, with the error code.
    Refused(String),
    /// Killed before it said.
    InFlight,
    /// `error`: the writer failed on its own.
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct Step {
    pub k: u64,
    pub op: StormOp,
    pub end: End,
}

/// What one writer did in a round.
pub struct Transcript {
    pub tag: String,
    pub steps: Vec<Step>,
    /// Said before it was killed: it stopped on its own (with its stderr).
    pub exited: Option<String>,
}

/// A backup taken during the round.
pub struct Backup {
    pub began: Instant,
    pub file: PathBuf,
    /// The failure, if it failed or did not finish.
    pub failure: Option<String>,
    pub took: Duration,
}

struct Writer {
    child: Child,
    tag: String,
    lines: JoinHandle<Vec<(Instant, String)>>,
    errors: JoinHandle<String>,
}

/// A moment to kill a writer: now and then while it starts and opens the board,
/// mostly while it writes.
pub fn kill_delay(rng: &mut ChaCha8Rng) -> Duration {
    let ms = if rng.random_bool(0.15) {
        rng.random_range(1..25)
    } else {
        rng.random_range(25..300)
    };
    Duration::from_millis(ms)
}

fn spawn_writer(
    exe: &Path,
    board: &Path,
    seed: u64,
    w: usize,
    n: usize,
    tag: &str,
) -> Result<Writer, Error> {
    let mut child = Command::new(exe)
        .arg("storm")
        .arg("--board")
        .arg(board)
        .args(["--seed", &seed.to_string(), "--writer", &w.to_string()])
        .args(["--writers", &n.to_string(), "--tag", tag])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let lines = thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut lines = Vec::new();
        let mut buf = Vec::new();
        // A line cut short by the kill is dropped: its write had not begun.
        while matches!(reader.read_until(b'\n', &mut buf), Ok(n) if n > 0) && buf.ends_with(b"\n") {
            buf.pop();
            lines.push((Instant::now(), String::from_utf8_lossy(&buf).into_owned()));
            buf.clear();
        }
        lines
    });
    let errors = thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    Ok(Writer {
        child,
        tag: tag.to_string(),
        lines,
        errors,
    })
}

/// Runs a round: `writers` storms with seeds from `seed`, killed at random; with
/// `backup`, a backup into that file is taken while they write.
pub fn run(
    exe: &Path,
    board: &Path,
    seed: u64,
    round: u32,
    writers: usize,
    rng: &mut ChaCha8Rng,
    backup: Option<PathBuf>,
) -> Result<(Vec<Transcript>, Option<Backup>), Error> {
    let started = Instant::now();
    let mut running = Vec::new();
    for w in 0..writers {
        let tag = format!("s{seed}r{round}w{w}");
        let writer_seed = seed
            .wrapping_mul(1_000_003)
            .wrapping_add(u64::from(round) * 64 + w as u64);
        running.push(spawn_writer(exe, board, writer_seed, w, writers, &tag)?);
    }
    let (taken, kills_from) = match backup {
        Some(file) => {
            thread::sleep(Duration::from_millis(rng.random_range(20..150)));
            let taken = take_backup(exe, board, file)?;
            (Some(taken), Instant::now())
        }
        None => (None, started),
    };
    let mut kill_at: Vec<(Instant, usize)> = (0..writers)
        .map(|w| (kills_from + kill_delay(rng), w))
        .collect();
    kill_at.sort();
    let mut exited = vec![None; writers];
    for (at, w) in kill_at {
        thread::sleep(at.saturating_duration_since(Instant::now()));
        let child = &mut running[w].child;
        if let Some(status) = child.try_wait()? {
            exited[w] = Some(status.to_string());
        } else {
            child.kill()?;
            child.wait()?;
        }
    }
    let mut transcripts = Vec::new();
    for (w, writer) in running.into_iter().enumerate() {
        let lines = writer.lines.join().unwrap_or_default();
        let errors = writer.errors.join().unwrap_or_default();
        let steps =
            parse(&lines).map_err(|e| Error::Internal(format!("writer {}: {e}", writer.tag)))?;
        transcripts.push(Transcript {
            tag: writer.tag,
            steps,
            exited: exited[w]
                .take()
                .map(|status| format!("{status}: {}", errors.trim())),
        });
    }
    Ok((transcripts, taken))
}

fn take_backup(exe: &Path, board: &Path, file: PathBuf) -> Result<Backup, Error> {
    let began = Instant::now();
    let mut child = Command::new(exe)
        .arg("backup")
        .arg("--board")
        .arg(board)
        .arg("-o")
        .arg(&file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let failure = loop {
        if let Some(status) = child.try_wait()? {
            let mut text = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut text);
            }
            break (!status.success()).then(|| format!("backup {status}: {}", text.trim()));
        }
        if began.elapsed() > BACKUP_TIMEOUT {
            child.kill()?;
            child.wait()?;
            break Some(format!(
                "the backup did not finish in {} s while the writers wrote",
                BACKUP_TIMEOUT.as_secs()
            ));
        }
        thread::sleep(Duration::from_millis(5));
    };
    Ok(Backup {
        began,
        file,
        failure,
        took: began.elapsed(),
    })
}

/// Reads a writer's lines into its steps.
fn parse(lines: &[(Instant, String)]) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    let mut open: Option<(u64, StormOp)> = None;
    for (at, line) in lines {
        let bad = || format!("unexpected line {line:?}");
        let (word, rest) = line.split_once(' ').ok_or_else(bad)?;
        let (k, rest) = rest.split_once(' ').unwrap_or((rest, ""));
        let k: u64 = k.parse().map_err(|_| bad())?;
        if word == "begin" {
            if open.is_some() {
                return Err(format!("{line:?} while a step was open"));
            }
            open = Some((k, rest.parse().map_err(|_| bad())?));
            continue;
        }
        let (begun, op) = open.take().ok_or_else(bad)?;
        if begun != k {
            return Err(format!("{line:?} ends step {begun}"));
        }
        let end = match word {
            "ok" => End::Acked {
                made: Some(rest.to_string()).filter(|r| !r.is_empty()),
                at: *at,
            },
            "refused" => End::Refused(rest.to_string()),
            "error" => End::Failed(rest.to_string()),
            _ => return Err(bad()),
        };
        steps.push(Step { k, op, end });
    }
    if let Some((k, op)) = open {
        steps.push(Step {
            k,
            op,
            end: End::InFlight,
        });
    }
    Ok(steps)
}
