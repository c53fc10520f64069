//! The crash test's checks after a kill: the board, and a backup taken while the
//! writers wrote.

use std::path::Path;

use ideaboard_core::{Board, Error, Timestamp};

use super::crash::Tally;
use super::crash_model::{Crew, Expected, Landing, Pair, Unsettled, pair_of};
use super::crash_observe::{observe, observe_follows};
use super::crash_round::{Backup, End, Transcript};
use super::storm_op::StormOp;

/// Opens the board after a kill and checks it; takes the round's writes into
/// `expected`. Returns the problems found.
pub fn check_board(
    path: &Path,
    crew: &Crew,
    expected: &mut Expected,
    transcripts: &[Transcript],
    tally: &mut Tally,
) -> Result<Vec<String>, Error> {
    let board = Board::open(path, Timestamp::now())?;
    let mut problems = board.check_integrity()?;
    problems.extend(board.counter_mismatches()?);
    let mut in_flight = Vec::new();
    for t in transcripts {
        if let Some(exit) = &t.exited {
            problems.push(format!(
                "writer {} stopped before it was killed: {exit}",
                t.tag
            ));
        }
        match t.steps.last().map(|s| &s.end) {
            None => tally.kills_at_start += 1,
            Some(End::InFlight) => tally.kills_mid_write += 1,
            Some(_) => tally.kills_between += 1,
        }
        for step in &t.steps {
            let origin = format!("{} step {}: {}", t.tag, step.k, step.op);
            match &step.end {
                End::Acked { made, .. } => {
                    match step.op {
                        StormOp::Checkpoint => tally.checkpoints += 1,
                        _ => tally.acked += 1,
                    }
                    if let Err(e) =
                        expected.apply(&step.op, made.as_deref(), &t.tag, step.k, &origin)
                    {
                        problems.push(e);
                    }
                }
                End::Refused(code) => *tally.refused.entry(code.clone()).or_default() += 1,
                End::Failed(e) => {
                    problems.push(format!("{origin} failed: {e}"));
                    in_flight.push((t.tag.as_str(), step, origin));
                }
                End::InFlight => in_flight.push((t.tag.as_str(), step, origin)),
            }
        }
    }
    let mut pairs: Vec<Pair> = expected.facts.follows.keys().cloned().collect();
    pairs.extend(in_flight.iter().filter_map(|(_, s, _)| pair_of(&s.op)));
    let mut seen = observe(&board, crew, &pairs)?;
    for (tag, step, origin) in in_flight {
        match expected.resolve(&step.op, tag, step.k, &seen, &origin) {
            Ok(landing) => {
                let name = match landing {
                    Landing::Committed => "committed",
                    Landing::NotCommitted => "not committed",
                    Landing::NoTrace => "left no trace either way",
                };
                *tally.landed.entry(name).or_default() += 1;
            }
            Err(e) => problems.push(e),
        }
    }
    // A submission found committed brings its author's follow of the new idea.
    let unread: Vec<Pair> = (expected.facts.follows.keys())
        .filter(|p| !seen.follows.contains_key(*p))
        .cloned()
        .collect();
    observe_follows(&board, &unread, &mut seen)?;
    problems.extend(expected.differences(&seen, &Unsettled::default()));
    Ok(problems)
}

/// Checks a backup taken while the writers wrote: it opens, checks, and holds every
/// write acknowledged before it began (writes not yet acknowledged then may or may
/// not be in it).
pub fn check_backup(
    mut at_start: Expected,
    crew: &Crew,
    transcripts: &[Transcript],
    backup: &Backup,
    tally: &mut Tally,
) -> Vec<String> {
    if let Some(failure) = &backup.failure {
        return vec![failure.clone()];
    }
    tally.backups += 1;
    tally.backup_time += backup.took;
    let mut unsettled = Unsettled::default();
    for t in transcripts {
        for step in &t.steps {
            match &step.end {
                End::Acked { made, at } if *at < backup.began => {
                    let _ = at_start.apply(&step.op, made.as_deref(), &t.tag, step.k, "");
                }
                End::Refused(_) => {}
                _ => unsettled.add(&step.op, &t.tag, step.k),
            }
        }
    }
    let checked = (|| -> Result<Vec<String>, Error> {
        let board = Board::open(&backup.file, Timestamp::now())?;
        let mut problems = board.check_integrity()?;
        problems.extend(board.counter_mismatches()?);
        let seen = observe(&board, crew, at_start.facts.follows.keys())?;
        problems.extend(at_start.differences(&seen, &unsettled));
        Ok(problems)
    })();
    let name = backup.file.display();
    match checked {
        Ok(problems) => {
            let _ = std::fs::remove_file(&backup.file);
            problems
                .into_iter()
                .map(|p| format!("backup {name}: {p}"))
                .collect()
        }
        Err(e) => vec![format!("backup {name} does not open or read: {e}")],
    }
}
