//! TypeScript declarations of every type that crosses IPC, generated from the Rust
//! types with ts-rs into one committed file, `ui/src/ipc/bindings.ts`. A test fails
//! when that file is stale; `UPDATE_BINDINGS=1 cargo test -p ideaboard-app bindings`
//! rewrites it.

use ideaboard_core::model::*;
use ideaboard_core::ops::MergePreview;
use ideaboard_core::{ErrorCode, ErrorDto, ErrorParams, Timestamp};
use ts_rs::{Config, TS};

/// Where the generated file lives, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/ipc/bindings.ts";

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit:\n\
         // run `UPDATE_BINDINGS=1 cargo test -p ideaboard-app bindings` instead.\n\n",
    );
    macro_rules! declare {
        ($($t:ty),+ $(,)?) => {
            $(
                out.push_str("export ");
                out.push_str(&<$t as TS>::decl(&cfg));
                out.push_str("\n\n");
            )+
        };
    }
    declare!(
        Timestamp,
        ErrorCode,
        ErrorDto,
        ErrorParams,
        Role,
        IdeaStatus,
        Priority,
        IdeaSort,
        CommentKind,
        Reaction,
        NotificationKind,
        PointsReason,
        MemberRef,
        MemberProfile,
        NewMember,
        Category,
        IdeaSummary,
        VoteBreakdown,
        IdeaDetail,
        NewIdea,
        IdeaEdit,
        ListQuery,
        IdeaPage,
        CommentView,
        ReactionCount,
        NewComment,
        StatusChange,
        StatusUpdate,
        Notification,
        NotificationPage,
        PointsEntry,
        AuditEntry,
        BoardSettings,
        BoardCounts,
        BoardOverview,
        InputLimits,
        BackupKind,
        BackupInfo,
        BackupList,
        BoardHealth,
        MergePreview,
        SearchQuery,
        Highlighted,
        SearchHit,
        SearchPage,
        SimilarIdea,
        RoadmapColumn,
        LaunchedIdea,
        AdoptionFigures,
        AdoptionOverview,
        IdeaJourney,
        ContentKind,
        ReportOutcome,
        FunnelStep,
        ContentRef,
        NewReport,
        Report,
        ReportReason,
        ModerationItem,
        ModerationPage,
        TriageQuery,
        TriageItem,
        TriagePage,
        WeekActivity,
        FunnelStage,
        UnansweredIdea,
        TeamAnalytics,
        FanStanding,
        CoreFans,
        ParticipantsWeek,
        EngagementWeights,
        Engagement,
        ExportFormat,
        ExportFilter,
        ExportRequest,
        ExportProgress,
        ImportFormat,
        ImportProblem,
        ImportReport,
        ImportPreview,
    );
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn bindings_are_fresh() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(super::BINDINGS_PATH);
        let generated = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p ideaboard-app bindings`",
            path.display()
        );
    }
}
