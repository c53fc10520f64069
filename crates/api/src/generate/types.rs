//! Every type that crosses a host's boundary, declared in TypeScript in this order:
//! the core's model types the commands, events and streams carry (and the few the UI
//! builds itself), then each command's request.

use ideaboard_core::model::*;
use ideaboard_core::ops::MergePreview;
use ideaboard_core::{ErrorCode, ErrorDto, ErrorParams, Timestamp};
use ts_rs::{Config, TS};

use crate::boards::{BoardKind, KnownBoard, ServerCheck};
use crate::commands;

/// The TypeScript declaration (`type Name = ...;`) and the name of each model type.
pub fn model(cfg: &Config) -> Vec<(String, String)> {
    let mut out = Vec::new();
    macro_rules! declare {
        ($($t:ty),+ $(,)?) => {
            $( out.push((<$t as TS>::ident(cfg), <$t as TS>::decl(cfg))); )+
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
        SignUp,
        SignIn,
        SessionKind,
        SessionInfo,
        SignUpMode,
        NewInvitation,
        InvitationInfo,
        IssuedInvitation,
        IssuedReset,
        AccountInfo,
        MemberQuery,
        ListedMember,
        MemberPage,
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
        ChangeKind,
        Change,
        ChangePage,
        Standing,
        ChangeSpan,
        Moved,
        IdeaChanged,
        CommentAdded,
        StatusesChanged,
        BoardKind,
        KnownBoard,
        ServerCheck,
    );
    out
}

/// The name and TypeScript declaration of each command's request, in table order.
pub fn requests(cfg: &Config) -> Vec<(String, String)> {
    commands::ALL
        .iter()
        .filter_map(|c| c.request.as_ref())
        .map(|r| (r.name.to_string(), (r.decl)(cfg)))
        .collect()
}

/// The codes of [`ErrorCode`], in order, read from its TypeScript union.
pub fn error_codes(cfg: &Config) -> Vec<String> {
    let union = <ErrorCode as TS>::inline(cfg);
    union
        .split('|')
        .map(|code| code.trim().trim_matches('"').to_string())
        .filter(|code| !code.is_empty())
        .collect()
}
