//! Progress of a long export, reported to the caller every so many ideas, and the
//! caller's way to cancel it. Every format's writer ticks it once per idea.

use crate::{Error, Result};

/// Progress of a long export: `(done, total)` ideas to a callback that answers
/// false to cancel.
pub struct Progress<'a> {
    done: u64,
    total: u64,
    report: &'a mut dyn FnMut(u64, u64) -> bool,
}

/// Ideas between two progress reports.
const PROGRESS_EVERY: u64 = 1_000;

impl<'a> Progress<'a> {
    pub(crate) fn new(total: u64, report: &'a mut dyn FnMut(u64, u64) -> bool) -> Self {
        Progress {
            done: 0,
            total,
            report,
        }
    }

    /// One more idea written; `Cancelled` when the callback says stop.
    pub(crate) fn tick(&mut self) -> Result<()> {
        self.done += 1;
        if self.done.is_multiple_of(PROGRESS_EVERY) && !(self.report)(self.done, self.total) {
            return Err(Error::Cancelled);
        }
        Ok(())
    }

    pub(crate) fn finish(&mut self) -> Result<()> {
        if (self.report)(self.done.max(self.total), self.total) {
            Ok(())
        } else {
            Err(Error::Cancelled)
        }
    }
}
