//! crash-test: the board survives its writers being killed at any moment. On a
//! fresh demo board with a crew of members, it starts writer processes (`storm`),
//! kills them with SIGKILL at random moments, and after every kill opens the
//! board and checks it: SQLite's integrity and foreign-key checks, every counter
//! against a recount, and every write a writer acknowledged (crash_model). Some
//! rounds also take a backup (`backup`) while the writers write and check it the
//! same way. The board carries over from round to round, and so does what it
//! must hold.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;
use ideaboard_core::model::{BoardSettings, Role};
use ideaboard_core::{Board, Error, Timestamp, ops, seed};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::crash_check::{check_backup, check_board};
use super::crash_model::{Crew, Expected};
use super::crash_observe::observe;
use super::crash_round;
use super::storm_op::CREW_PREFIX;

#[derive(Args)]
pub struct CrashArgs {
    /// How many times to kill the writers (one round each).
    #[arg(long, default_value_t = 50)]
    kills: u32,
    /// Seed of the writers' writes and of the kill moments.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Writer processes on the board at once.
    #[arg(long, default_value_t = 1)]
    writers: usize,
    /// Every Nth round, a backup process (what `ideaboard-cli backup -o` does) runs
    /// while the writers write, and the backup is checked too (0: never).
    #[arg(long, default_value_t = 10)]
    backup_every: u32,
    /// Work in this directory and keep it (default: a temporary directory, kept
    /// only when the test fails).
    #[arg(long)]
    dir: Option<PathBuf>,
}

/// Tallies for the summary.
#[derive(Default)]
pub struct Tally {
    pub acked: u64,
    pub checkpoints: u64,
    pub refused: BTreeMap<String, u64>,
    pub landed: BTreeMap<&'static str, u64>,
    pub kills_at_start: u64,
    pub kills_mid_write: u64,
    pub kills_between: u64,
    pub backups: u64,
    pub backup_time: Duration,
}

pub fn run(args: &CrashArgs, now: Timestamp) -> Result<(), Error> {
    let started = Instant::now();
    let writers = args.writers.clamp(1, 12);
    let temp = tempfile::Builder::new()
        .prefix("ideaboard-crash")
        .tempdir()?;
    let dir = match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            dir.clone()
        }
        None => temp.path().to_path_buf(),
    };
    let path = dir.join("crash.board");
    let crew = make_board(&path, args.seed, now)?;
    let mut expected = {
        let board = Board::open(&path, now)?;
        Expected::new(observe(&board, &crew, &[])?)
    };
    println!(
        "crash test: {} kills of {writers} writer(s), seed {}, board {}",
        args.kills,
        args.seed,
        path.display()
    );
    let exe = std::env::current_exe()?;
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let mut tally = Tally::default();
    for round in 0..args.kills {
        let backup = (args.backup_every > 0 && (round + 1) % args.backup_every == 0)
            .then(|| dir.join(format!("backup-{round}.board")));
        let before = backup.is_some().then(|| expected.clone());
        let (transcripts, backup) =
            crash_round::run(&exe, &path, args.seed, round, writers, &mut rng, backup)?;
        let mut problems = check_board(&path, &crew, &mut expected, &transcripts, &mut tally)
            .unwrap_or_else(|e| vec![format!("the board does not open or read: {e}")]);
        if let (Some(backup), Some(before)) = (&backup, before) {
            problems.extend(check_backup(
                before,
                &crew,
                &transcripts,
                backup,
                &mut tally,
            ));
        }
        if !problems.is_empty() {
            let kept = match &args.dir {
                Some(_) => dir.clone(),
                None => temp.keep(),
            };
            eprintln!("after kill {} (round {round}):", round + 1);
            for p in problems.iter().take(40) {
                eprintln!("  {p}");
            }
            eprintln!("board kept in {}", kept.display());
            return Err(Error::Internal(format!(
                "crash test failed after kill {}: {} problem(s), the first: {}",
                round + 1,
                problems.len(),
                problems[0]
            )));
        }
        if (round + 1) % 50 == 0 && round + 1 < args.kills {
            println!(
                "  {} kills, {} writes acknowledged, {:.0} s",
                round + 1,
                tally.acked,
                started.elapsed().as_secs_f64()
            );
        }
    }
    print_summary(args.kills, &tally, &expected, started.elapsed());
    Ok(())
}

/// A demo board plus the crew: two moderators and ten fans, and a vote budget so
/// that writers also meet refusals.
fn make_board(path: &Path, seed: u64, now: Timestamp) -> Result<Crew, Error> {
    let mut board = Board::create(path, seed::DEMO_BOARD_NAME, now)?;
    seed::demo(&mut board, seed, now)?;
    let admin = ops::list_members(&board)?
        .into_iter()
        .find(|m| m.role == Role::Admin)
        .ok_or(Error::NotFound { what: "admin" })?;
    let admin = ops::act_as(&board, &admin.id)?;
    let mut members = Vec::new();
    for (i, role) in [Role::Moderator, Role::Moderator]
        .into_iter()
        .chain([Role::Fan; 10])
        .enumerate()
    {
        let name = format!("{CREW_PREFIX}{role} {}", i + 1);
        members.push(super::add_member(&mut board, &admin, name, role, now)?);
    }
    let settings = BoardSettings {
        vote_budget: Some(15),
        ..ops::board_settings(&board)?
    };
    ops::update_board_settings(&mut board, &admin, &settings, now)?;
    Ok(Crew {
        reader: members[0].id.clone(),
        members: members.into_iter().map(|m| m.id).collect(),
    })
}

fn print_summary(kills: u32, tally: &Tally, expected: &Expected, took: Duration) {
    let f = &expected.facts;
    let landed = |k: &str| tally.landed.get(k).copied().unwrap_or(0);
    let refused: Vec<String> = tally
        .refused
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    println!(
        "kills                  {kills} rounds, {} writer processes killed: {} while starting, {} mid-write, {} between writes",
        tally.kills_at_start + tally.kills_mid_write + tally.kills_between,
        tally.kills_at_start,
        tally.kills_mid_write,
        tally.kills_between
    );
    println!(
        "writes acknowledged    {} (and {} checkpoints); every one present after every kill",
        tally.acked, tally.checkpoints
    );
    println!("refused (expected)     {}", refused.join(", "));
    println!(
        "in flight at a kill    {} committed, {} not committed, {} left no trace either way",
        landed("committed"),
        landed("not committed"),
        landed("left no trace either way")
    );
    println!(
        "facts checked at end   {} ideas, {} crew votes, {} crew comments, {} follows",
        f.ideas.len(),
        f.votes.len(),
        f.comments.len(),
        f.follows.len()
    );
    println!(
        "backups while writing  {} (each opened, checked, held every earlier acknowledged write; {:.1} s in all)",
        tally.backups,
        tally.backup_time.as_secs_f64()
    );
    println!(
        "checks after each kill integrity_check, foreign_key_check, counters = recount, acknowledged writes"
    );
    println!("lost writes            0");
    println!("took                   {:.1} s", took.as_secs_f64());
}
