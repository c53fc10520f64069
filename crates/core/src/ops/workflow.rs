//! What the viewing member may do with an idea in a given status: whether it takes
//! votes, and where the member may move it. The vote and status ops enforce these
//! same two rules, and the idea page and the triage inbox send them, so the UI never
//! keeps a copy of the workflow.

use super::actor::Who;
use crate::model::IdeaStatus;

/// Whether an idea in `status` takes votes, vote changes and withdrawals: open ideas
/// only, so a closed idea's tally is final.
pub(crate) fn voting_open(status: IdeaStatus) -> bool {
    status.is_open()
}

/// The statuses `who` may move an idea in `status` to: the workflow's next steps
/// ([`IdeaStatus::transitions`]) for the team, nothing for anyone else.
pub(crate) fn allowed_statuses(who: &Who, status: IdeaStatus) -> Vec<IdeaStatus> {
    if who.is_team() {
        status.transitions()
    } else {
        Vec::new()
    }
}
