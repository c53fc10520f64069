//! soak: a board under a long, random day-to-day load. Simulated members (an
//! admin, about one in ten moderators, the rest fans) do random operations through
//! the core's ops, one step at a time on a simulated clock, and the board is
//! checked after every step (soak_checks). Refusals are expected and counted by
//! code; an internal or storage error, a refusal the rules do not call for (or a
//! success they forbid), or a broken invariant stops the soak with the step, the op
//! and the seed: the same seed replays the same steps.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;
use ideaboard_core::model::{BoardSettings, Category, Role};
use ideaboard_core::{Board, Error, ErrorCode, Timestamp, ops};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::soak_checks;
use super::soak_model::{Model, SimMember};
use super::soak_ops::{self, Soak};

#[derive(Args)]
pub struct SoakArgs {
    /// How long to run.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Stop after this many steps instead, if sooner (to replay a failure).
    #[arg(long)]
    steps: Option<u64>,
    /// Simulated members.
    #[arg(long, default_value_t = 50)]
    members: usize,
    /// Seed of the members' choices and of the board's ids.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Create the board in this (new) file and keep it (default: a temporary file).
    #[arg(long)]
    board: Option<PathBuf>,
    /// Run SQLite's integrity checks and the full comparison every this many steps.
    #[arg(long, default_value_t = 200)]
    full_check_every: u64,
}

/// The soak's simulated clock starts here, whatever the day: the same seed gives
/// the same board.
const START: Timestamp = Timestamp::from_millis(1_790_000_000_000);
const VOTE_BUDGET: u32 = 25;

#[derive(Default)]
struct Tally {
    ops: BTreeMap<&'static str, (u64, u64)>,
    refused: BTreeMap<String, u64>,
    predicted: u64,
    step_checks: u64,
    full_checks: u64,
}

pub fn run(args: &SoakArgs) -> Result<(), Error> {
    let temp = tempfile::Builder::new()
        .prefix("ideaboard-soak")
        .tempdir()?;
    let path = args
        .board
        .clone()
        .unwrap_or_else(|| temp.path().join("soak.board"));
    let mut soak = setup(&path, args)?;
    let started = Instant::now();
    let deadline = started + Duration::from_secs(args.seconds);
    let mut tally = Tally::default();
    let mut last_note = started;
    let mut step = 0u64;
    println!(
        "soak: {} members, seed {}, {} s, board {}",
        args.members,
        args.seed,
        args.seconds,
        path.display()
    );
    while Instant::now() < deadline && args.steps.is_none_or(|n| step < n) {
        step += 1;
        let done = soak_ops::step(&mut soak);
        let code = done.result.as_ref().err().map(Error::code);
        let counts = tally.ops.entry(done.kind).or_default();
        let mut problems = Vec::new();
        match &done.result {
            Ok(()) => counts.0 += 1,
            Err(e) if matches!(e.code(), ErrorCode::Storage | ErrorCode::Internal) => {
                problems.push(format!("unexpected error: {e}"))
            }
            Err(e) => {
                counts.1 += 1;
                *tally.refused.entry(format!("{:?}", e.code())).or_default() += 1;
            }
        }
        if let Some(predicted) = done.predicted {
            tally.predicted += 1;
            if predicted != code {
                problems.push(format!(
                    "the rules call for {}, the board answered {}",
                    answer(predicted),
                    answer(code)
                ));
            }
        }
        let checked = soak_checks::after_step(&soak, &done).and_then(|mut p| {
            tally.step_checks += 1;
            if step.is_multiple_of(args.full_check_every.max(1)) {
                p.extend(soak_checks::full(&soak)?);
                tally.full_checks += 1;
            }
            Ok(p)
        });
        match checked {
            Ok(p) => problems.extend(p),
            Err(e) => problems.push(format!("checking failed: {e}")),
        }
        if !problems.is_empty() {
            return Err(fail(args, step, &done, &problems, &path, temp));
        }
        if last_note.elapsed() > Duration::from_secs(60) {
            last_note = Instant::now();
            println!("  {step} steps, {:.0} s", started.elapsed().as_secs_f64());
        }
    }
    let last = soak_checks::full(&soak)?;
    tally.full_checks += 1;
    if let Some(first) = last.first() {
        return Err(Error::Internal(format!(
            "soak failed at the end (seed {}): {first}",
            args.seed
        )));
    }
    summary(&soak, &tally, step, started.elapsed());
    Ok(())
}

fn answer(code: Option<ErrorCode>) -> String {
    code.map_or("success".to_string(), |c| format!("{c:?}"))
}

fn fail(
    args: &SoakArgs,
    step: u64,
    done: &soak_ops::Done,
    problems: &[String],
    path: &std::path::Path,
    temp: tempfile::TempDir,
) -> Error {
    if args.board.is_none() {
        let _ = temp.keep();
    }
    eprintln!(
        "soak failed at step {step} (seed {}): {}",
        args.seed, done.what
    );
    for p in problems.iter().take(20) {
        eprintln!("  {p}");
    }
    eprintln!("board kept at {}", path.display());
    eprintln!(
        "replay: ideaboard-stress soak --seed {} --members {} --steps {step} --seconds 100000",
        args.seed, args.members
    );
    Error::Internal(format!(
        "soak failed at step {step} (seed {}), {}: {}",
        args.seed, done.what, problems[0]
    ))
}

/// A new board with its members: one admin, one in ten moderators, fans; three
/// categories; a vote budget.
fn setup(path: &std::path::Path, args: &SoakArgs) -> Result<Soak, Error> {
    let now = START;
    let mut board = Board::create(path, "Soak board", now)?;
    board.use_seeded_ids(args.seed);
    let owner = ops::create_owner(&mut board, "Soak admin", None, now)?;
    let admin = ops::act_as(&board, &owner.id)?;
    let mut categories = Vec::new();
    for (slug, name) in [
        ("drinks", "饮品 Drinks"),
        ("stores", "门店 Stores"),
        ("app", "App"),
    ] {
        let category = Category {
            slug: slug.to_string(),
            name: name.to_string(),
            name_en: None,
        };
        ops::add_category(&mut board, &admin, &category, now)?;
        categories.push(slug.to_string());
    }
    let mut model = Model {
        vote_budget: Some(VOTE_BUDGET),
        ..Model::default()
    };
    model.members.push(SimMember {
        id: owner.id,
        actor: admin.clone(),
        role: Role::Admin,
    });
    let moderators = (args.members / 10).max(1);
    for i in 1..args.members.max(2) {
        let role = if i <= moderators {
            Role::Moderator
        } else {
            Role::Fan
        };
        let name = format!("Soak {role} {i}");
        let profile = super::add_member(&mut board, &admin, name, role, now)?;
        model.members.push(SimMember {
            actor: ops::act_as(&board, &profile.id)?,
            id: profile.id,
            role,
        });
    }
    let settings = BoardSettings {
        vote_budget: Some(VOTE_BUDGET),
        ..ops::board_settings(&board)?
    };
    ops::update_board_settings(&mut board, &admin, &settings, now)?;
    Ok(Soak {
        board,
        model,
        now,
        rng: ChaCha8Rng::seed_from_u64(args.seed),
        categories,
    })
}

fn summary(soak: &Soak, tally: &Tally, steps: u64, took: Duration) {
    let m = &soak.model;
    let team = (0..m.members.len()).filter(|&i| m.is_team(i)).count();
    let days = (soak.now.millis() - START.millis()) / Timestamp::MS_PER_DAY;
    println!(
        "steps        {steps} in {:.0} s ({:.0} a second), {days} simulated days",
        took.as_secs_f64(),
        steps as f64 / took.as_secs_f64().max(1e-9)
    );
    println!(
        "board        {} members ({team} on the team at the end), {} ideas, {} votes, {} comments",
        m.members.len(),
        m.ideas.len(),
        m.votes.len(),
        m.comments.len()
    );
    println!("ops          done / refused");
    for (kind, (ok, refused)) in &tally.ops {
        println!("  {kind:<24} {ok:>7} / {refused}");
    }
    let refused: Vec<String> = tally
        .refused
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    println!("refusals     {}", refused.join(", "));
    println!(
        "predictions  {} answers checked against the rules, all as predicted",
        tally.predicted
    );
    println!(
        "checks       {} after-step checks (counters = recount, vote total, touched ideas, merged ideas hold no votes, vote budget), \
         {} full checks (integrity_check, foreign_key_check, every idea and vote against the model)",
        tally.step_checks, tally.full_checks
    );
}
