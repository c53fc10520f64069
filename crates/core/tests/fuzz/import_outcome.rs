//! What any import of any file must end in, for both importers: the preview writes
//! nothing and says what the import then does; the import either writes a
//! consistent board whose every rendered text is safe HTML, or is refused with its
//! problems and leaves the board byte for byte as it was. Nothing else: no panic,
//! no storage or internal error.

use std::cell::RefCell;

use ideaboard_core::model::{ImportFormat, ListQuery};
use ideaboard_core::{Actor, Board, Error, Timestamp, ops};
use proptest::test_runner::TestCaseError;

use crate::harness::Tally;
use crate::html_check::problems;
use crate::mutate::Shown;
use crate::support::T0;

/// A file to import, shown as escaped text when a case fails.
#[derive(Clone)]
pub struct File(pub Vec<u8>);

impl std::fmt::Debug for File {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", Shown(&self.0))
    }
}

/// The board a target imports into, kept while imports are refused (they must
/// leave it unchanged) and made anew after one is accepted or a case failed.
pub struct Target {
    make: fn() -> (Board, Actor),
    board: RefCell<Option<(Board, Actor)>>,
    pub tally: Tally,
}

impl Target {
    /// `make` builds a fresh board and the team member who imports into it.
    pub fn new(make: fn() -> (Board, Actor)) -> Target {
        Target {
            make,
            board: RefCell::new(None),
            tally: Tally::default(),
        }
    }

    /// Imports `file` into the current board and checks the outcome; whether the
    /// file was accepted.
    pub fn import(&self, format: ImportFormat, file: &File) -> Result<bool, TestCaseError> {
        let mut slot = self.board.borrow_mut();
        // Taken out for the case: a case that fails leaves no board behind.
        let (mut board, actor) = slot.take().unwrap_or_else(self.make);
        let accepted = check(&mut board, &actor, format, &file.0)?;
        self.tally
            .note(if accepted { "accepted" } else { "refused" });
        if !accepted {
            *slot = Some((board, actor));
        }
        Ok(accepted)
    }

    /// Every unchanged sample file imports: a refused seed leaves little to explore.
    pub fn assert_every_seed_imports(&self, format: ImportFormat, seeds: Vec<String>) {
        for seed in seeds {
            let file = File(seed.into_bytes());
            let accepted = self.import(format, &file).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                accepted,
                "a refused seed leaves little to explore: {file:?}"
            );
        }
    }
}

fn fail(message: String, bytes: &[u8]) -> TestCaseError {
    TestCaseError::fail(format!("{message}\nfile: {}", Shown(bytes)))
}

/// Whether the file was accepted; an `Err` for any broken rule.
fn check(
    board: &mut Board,
    actor: &Actor,
    format: ImportFormat,
    bytes: &[u8],
) -> Result<bool, TestCaseError> {
    let now = T0.plus_millis(3_600_000);
    let before = board.content_fingerprint().expect("fingerprint");
    let preview = ops::import_preview(board, actor, format, bytes, now)
        .map_err(|e| fail(format!("the preview failed: {:?}: {e}", e.code()), bytes))?;
    if board.content_fingerprint().expect("fingerprint") != before {
        return Err(fail("the preview wrote to the board".into(), bytes));
    }
    match ops::import(board, actor, format, bytes, now) {
        Ok(report) => {
            if preview.report.as_ref() != Some(&report) || !preview.problems.is_empty() {
                return Err(fail(
                    format!("the preview ({preview:?}) is not what the import did ({report:?})"),
                    bytes,
                ));
            }
            let mismatches = board.counter_mismatches().expect("recount");
            let broken = board.check_integrity().expect("integrity");
            if !mismatches.is_empty() || !broken.is_empty() {
                return Err(fail(
                    format!("an accepted import left {mismatches:?} {broken:?}"),
                    bytes,
                ));
            }
            let unsafe_html = unsafe_html(board, actor, now);
            if !unsafe_html.is_empty() {
                return Err(fail(format!("unsafe HTML stored: {unsafe_html:?}"), bytes));
            }
            Ok(true)
        }
        Err(Error::ImportRejected { problems }) => {
            if problems.is_empty() || preview.problems != problems {
                return Err(fail(
                    format!(
                        "refused with {problems:?}, previewed as {:?}",
                        preview.problems
                    ),
                    bytes,
                ));
            }
            if board.content_fingerprint().expect("fingerprint") != before {
                return Err(fail("a refused import changed the board".into(), bytes));
            }
            Ok(false)
        }
        Err(other) => Err(fail(
            format!(
                "neither imported nor refused with its problems: {:?}: {other}",
                other.code()
            ),
            bytes,
        )),
    }
}

/// Every rendered text of every idea (body, journey notes, comments) that the
/// checker objects to, as the team sees them.
fn unsafe_html(board: &Board, actor: &Actor, now: Timestamp) -> Vec<String> {
    let mut found = Vec::new();
    let mut offset = 0;
    loop {
        let query = ListQuery {
            include_hidden: true,
            offset,
            limit: 200,
            ..ListQuery::default()
        };
        let page = ops::list_ideas(board, actor, &query).expect("list");
        for summary in &page.items {
            let detail = ops::get_idea_by_number(board, actor, summary.number, now).expect("idea");
            let mut html = vec![detail.body_html];
            html.extend(detail.journey.into_iter().filter_map(|c| c.note_html));
            let thread = ops::list_comments(board, actor, &summary.id).expect("comments");
            html.extend(thread.into_iter().map(|c| c.body_html));
            for h in html {
                let p = problems(&h);
                if !p.is_empty() {
                    found.push(format!("{p:?} in {h:?}"));
                }
            }
        }
        if !page.has_more {
            return found;
        }
        offset += page.items.len() as u32;
    }
}
