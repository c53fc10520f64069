// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p ideaboard-app bindings` instead.

export type Timestamp = string;

export type ErrorCode = "NotFound" | "NotAllowed" | "NotSignedIn" | "InvalidInput" | "TitleEmpty" | "TitleTooShort" | "TitleTooLong" | "BodyTooLong" | "ControlCharacter" | "InvalidId" | "UnknownValue" | "AlreadyVoted" | "NotVoted" | "VotingClosed" | "VoteBudgetExhausted" | "NoteRequired" | "NoteTooLong" | "InvalidTransition" | "MergeIntoSelf" | "MergeIntoMerged" | "AlreadyMerged" | "NameEmpty" | "NameTooLong" | "PassphraseTooShort" | "WrongPassphrase" | "EditWindowClosed" | "CommentEmpty" | "CommentTooLong" | "ParentMismatch" | "CommentDeleted" | "LastAdmin" | "TooManyTags" | "TagTooLong" | "SearchEmpty" | "ReasonEmpty" | "ReasonTooLong" | "AlreadyReported" | "NoOpenReports" | "NotAPublicComment" | "NewerBoard" | "NotABoard" | "ImportRejected" | "BoardNotEmpty" | "Cancelled" | "EmptyFile" | "BoardDamaged" | "ReadOnly" | "DiskFull" | "BoardBusy" | "OpenElsewhere" | "Storage" | "Internal";

export type ErrorDto = { code: ErrorCode, message: string, 
/**
 * The numbers and names the localised message fills in. (Boxed in Rust: every
 * host returns `Result<_, ErrorDto>`, which would otherwise be hundreds of bytes.)
 */
params: ErrorParams, };

export type ErrorParams = { 
/**
 * How long the refused text was.
 */
len?: number, 
/**
 * The least the rule accepts.
 */
min?: number, 
/**
 * The most the rule accepts.
 */
max?: number, 
/**
 * The board's vote budget.
 */
budget?: number, 
/**
 * The idea status concerned (its stored text form, e.g. `launched`).
 */
status?: string, 
/**
 * A refused transition's current status.
 */
from?: string, 
/**
 * A refused transition's wanted status.
 */
to?: string, 
/**
 * The input field concerned (`title`, `tag`, `category`, ...).
 */
field?: string, 
/**
 * The refused value.
 */
value?: string, 
/**
 * Why an input was refused, in English (the UI shows its own text by code).
 */
reason?: string, 
/**
 * What was missing or in the way (`idea`, `comment`, `ideas`, ...).
 */
what?: string, 
/**
 * The schema version of a board written by a newer app.
 */
found?: number, 
/**
 * The newest schema version this app knows.
 */
supported?: number, 
/**
 * How many problems made an import refuse.
 */
problems?: number, };

export type Role = "fan" | "moderator" | "admin";

export type IdeaStatus = "new" | "under_review" | "planned" | "in_progress" | "launched" | "declined" | "merged";

export type Priority = "nice_to_have" | "important" | "critical";

export type IdeaSort = "trending" | "top" | "new" | "most_discussed";

export type CommentKind = "public" | "official" | "internal";

export type Reaction = "like" | "love" | "insightful" | "funny";

export type NotificationKind = "status_changed" | "official_answer" | "reply" | "merged";

export type PointsReason = "idea_submitted" | "vote_cast" | "vote_withdrawn" | "comment_posted" | "comment_removed" | "reaction_received" | "reaction_withdrawn" | "idea_reached_votes" | "idea_launched" | "comment_hidden" | "comment_restored";

export type MemberRef = { id: string, displayName: string, role: Role, };

export type MemberProfile = { id: string, displayName: string, role: Role, joinedAt: Timestamp, points: number, level: number, hasPassphrase: boolean, };

export type NewMember = { displayName: string, role: Role, passphrase: string | null, };

export type Category = { slug: string, name: string, nameEn: string | null, };

export type IdeaSummary = { id: string, number: number, title: string, 
/**
 * Plain text, the first words of the body.
 */
excerpt: string, category: Category | null, tags: Array<string>, status: IdeaStatus, author: MemberRef, createdAt: Timestamp, updatedAt: Timestamp, voteCount: number, commentCount: number, pinned: boolean, hidden: boolean, 
/**
 * The number of the idea this one was merged into.
 */
mergedInto: number | null, 
/**
 * The acting member's vote, if any.
 */
myVote: Priority | null, };

export type VoteBreakdown = { niceToHave: number, important: number, critical: number, };

export type IdeaDetail = { idea: IdeaSummary, 
/**
 * The Markdown source, for editing.
 */
body: string, 
/**
 * The body rendered and sanitised by the core; safe to insert as HTML.
 */
bodyHtml: string, votes: VoteBreakdown, 
/**
 * Every status change, oldest first.
 */
journey: Array<StatusChange>, following: boolean, 
/**
 * Whether the acting member may edit the title and body now.
 */
canEdit: boolean, 
/**
 * Whether the idea takes votes (and vote changes and withdrawals) now: the
 * core's rule, so the UI shows "voting closed" without knowing which statuses
 * are open.
 */
votingOpen: boolean, 
/**
 * The statuses the acting member may move the idea to, in journey order: the
 * workflow's next steps for the team, empty for fans and guests and for an idea
 * whose status is final.
 */
allowedStatuses: Array<IdeaStatus>, };

export type NewIdea = { title: string, body: string, 
/**
 * Category slug.
 */
category: string | null, tags: Array<string>, };

export type IdeaEdit = { title: string, body: string, };

export type ListQuery = { sort: IdeaSort, 
/**
 * Category slug.
 */
category: string | null, status: IdeaStatus | null, tag: string | null, 
/**
 * Member id of the author.
 */
author: string | null, 
/**
 * Member id of a voter.
 */
votedBy: string | null, 
/**
 * Hidden and merged ideas too (the team only).
 */
includeHidden: boolean, offset: number, limit: number, };

export type IdeaPage = { items: Array<IdeaSummary>, offset: number, hasMore: boolean, };

export type CommentView = { id: string, parentId: string | null, author: MemberRef, kind: CommentKind, 
/**
 * Markdown source; empty when deleted (or hidden, for fans).
 */
body: string, 
/**
 * Rendered and sanitised; empty when deleted.
 */
bodyHtml: string, createdAt: Timestamp, editedAt: Timestamp | null, deleted: boolean, 
/**
 * Hidden by the team: fans see its place only.
 */
hidden: boolean, reactions: Array<ReactionCount>, myReactions: Array<Reaction>, };

export type ReactionCount = { reaction: Reaction, count: number, };

export type NewComment = { ideaId: string, parentId: string | null, kind: CommentKind, body: string, };

export type StatusChange = { 
/**
 * None for the first step (submission).
 */
from: IdeaStatus | null, to: IdeaStatus, actor: MemberRef, 
/**
 * The team's note to the fans (Markdown).
 */
note: string | null, 
/**
 * The note rendered and sanitised.
 */
noteHtml: string | null, at: Timestamp, };

export type StatusUpdate = { ideaId: string, to: IdeaStatus, note: string | null, };

export type Notification = { id: string, kind: NotificationKind, ideaId: string, ideaNumber: number, ideaTitle: string, actor: MemberRef | null, 
/**
 * The new status, for status changes and merges.
 */
status: IdeaStatus | null, createdAt: Timestamp, read: boolean, };

export type NotificationPage = { items: Array<Notification>, unread: number, };

export type PointsEntry = { delta: number, reason: PointsReason, ideaNumber: number | null, at: Timestamp, };

export type AuditEntry = { id: string, actor: MemberRef, action: string, 
/**
 * What it acted on, e.g. `idea:#12` or `member:<id>`.
 */
target: string, 
/**
 * Details as JSON text.
 */
detail: string, at: Timestamp, };

export type BoardSettings = { name: string, 
/**
 * Active votes on open ideas a member may hold; None = unlimited.
 */
voteBudget: number | null, 
/**
 * Votes past which an idea is first in the team's triage inbox.
 */
supportThreshold: number, defaultLocale: string, 
/**
 * Minutes during which an author may still edit their idea.
 */
editGraceMinutes: number, };

export type BoardCounts = { ideas: number, votes: number, comments: number, members: number, };

export type BoardOverview = { name: string, path: string, categories: Array<Category>, counts: BoardCounts, 
/**
 * The input rules' limits, so forms can say them without keeping a copy.
 */
limits: InputLimits, };

export type InputLimits = { titleMin: number, titleMax: number, bodyMax: number, nameMax: number, commentMax: number, noteMax: number, 
/**
 * Tags on one idea.
 */
tagsMax: number, tagMax: number, passphraseMin: number, reasonMax: number, };

export type BackupKind = "daily" | "beforeUpgrade" | "manual" | "beforeRestore";

export type BackupInfo = { 
/**
 * The backup file's full path, as the restore command takes it back.
 */
path: string, fileName: string, takenAt: Timestamp, kind: BackupKind, sizeBytes: number, };

export type BackupList = { folder: string, backups: Array<BackupInfo>, };

export type BoardHealth = { 
/**
 * Opened with "Open read-only": nothing done in this window is saved.
 */
readOnly: boolean, 
/**
 * Whether the background check has run yet.
 */
checked: boolean, 
/**
 * What the check found wrong, in SQLite's words; empty when the board is whole.
 */
problems: Array<string>, 
/**
 * The backup taken on this opening, if one was due.
 */
dailyBackup: BackupInfo | null, 
/**
 * Why the daily backup could not be taken (e.g. a full disk), if it could not.
 */
backupError: ErrorDto | null, };

export type MergePreview = { sourceNumber: number, targetNumber: number, votesMoving: number, 
/**
 * Members who voted for both; they keep one vote.
 */
votesCollapsing: number, commentsMoving: number, followersMoving: number, };

export type SearchQuery = { 
/**
 * What the fan typed: Chinese of any length, English words, both, `"phrases"`.
 * Every term must match.
 */
query: string, 
/**
 * `None`: by relevance, ties by votes. Otherwise the list's order over the matches.
 */
sort: IdeaSort | null, 
/**
 * Category slug.
 */
category: string | null, status: IdeaStatus | null, tag: string | null, 
/**
 * Member id of the author ("mine").
 */
author: string | null, 
/**
 * Member id of a voter ("I voted").
 */
votedBy: string | null, 
/**
 * Hidden and merged ideas too (the team only).
 */
includeHidden: boolean, offset: number, limit: number, };

export type Highlighted = { text: string, matches: Array<[number, number]>, };

export type SearchHit = { idea: IdeaSummary, title: Highlighted, snippet: Highlighted, };

export type SearchPage = { items: Array<SearchHit>, offset: number, hasMore: boolean, };

export type SimilarIdea = { idea: IdeaSummary, score: number, };

export type RoadmapColumn = { status: IdeaStatus, total: number, 
/**
 * By votes, most first.
 */
ideas: Array<IdeaSummary>, };

export type LaunchedIdea = { idea: IdeaSummary, launchedAt: Timestamp, 
/**
 * The team's launch note as plain text, shortened.
 */
note: string | null, };

export type AdoptionFigures = { 
/**
 * None for the board as a whole (or, in `by_category`, ideas without one).
 */
category: Category | null, ideas: number, answered: number, launched: number, 
/**
 * launched ÷ ideas, 0 when there are no ideas.
 */
adoptionRate: number, medianDaysToAnswer: number | null, medianDaysToLaunch: number | null, };

export type AdoptionOverview = { 
/**
 * Under review, planned, in progress, launched.
 */
roadmap: Array<RoadmapColumn>, 
/**
 * Launched ideas, latest launch first.
 */
showcase: Array<LaunchedIdea>, overall: AdoptionFigures, 
/**
 * In the board's category order; ideas without a category last, if any.
 */
byCategory: Array<AdoptionFigures>, };

export type IdeaJourney = { idea: IdeaSummary, 
/**
 * Every status change, oldest first.
 */
journey: Array<StatusChange>, };

export type ContentKind = "idea" | "comment";

export type ReportOutcome = "resolved" | "dismissed";

export type FunnelStep = "submitted" | "reviewed" | "planned" | "launched";

export type ContentRef = { kind: ContentKind, id: string, };

export type NewReport = { target: ContentRef, 
/**
 * Why: 1 to 500 characters.
 */
reason: string, };

export type Report = { id: string, target: ContentRef, reason: string, createdAt: Timestamp, };

export type ReportReason = { reporter: MemberRef, reason: string, at: Timestamp, };

export type ModerationItem = { target: ContentRef, 
/**
 * The idea itself, or the idea the comment is on.
 */
ideaId: string, ideaNumber: number, ideaTitle: string, 
/**
 * Set for comments.
 */
commentKind: CommentKind | null, 
/**
 * The idea's body or the comment's Markdown, shortened (the team sees it all).
 */
excerpt: string, author: MemberRef, createdAt: Timestamp, hidden: boolean, 
/**
 * A comment the team deleted.
 */
removed: boolean, openReports: number, 
/**
 * The latest open reports, newest first (at most `QUEUE_REASONS_MAX`).
 */
reasons: Array<ReportReason>, lastReportedAt: Timestamp | null, 
/**
 * The team's latest action on it (hidden, restored, removed, reports closed),
 * from the audit log.
 */
lastAction: AuditEntry | null, };

export type ModerationPage = { items: Array<ModerationItem>, offset: number, hasMore: boolean, 
/**
 * Open reports on the whole board.
 */
openReports: number, };

export type TriageQuery = { 
/**
 * New or under review only; None for both.
 */
status: IdeaStatus | null, offset: number, limit: number, };

export type TriageItem = { idea: IdeaSummary, 
/**
 * Its votes reached the board's support threshold.
 */
pastThreshold: boolean, 
/**
 * The statuses the team may move it to, in journey order (as on its page), so
 * a bulk change offers only what every chosen idea accepts.
 */
allowedStatuses: Array<IdeaStatus>, };

export type TriagePage = { items: Array<TriageItem>, offset: number, hasMore: boolean, supportThreshold: number, 
/**
 * Ideas in the inbox (with the status filter).
 */
total: number, 
/**
 * Of them, past the support threshold.
 */
pastThreshold: number, };

export type WeekActivity = { weekStart: Timestamp, ideas: number, votes: number, comments: number, };

export type FunnelStage = { stage: FunnelStep, 
/**
 * Ideas that ever reached the stage.
 */
ideas: number, 
/**
 * ideas ÷ the previous stage's ideas (1 for the first stage, 0 after an empty one).
 */
conversion: number, };

export type UnansweredIdea = { idea: IdeaSummary, waitingDays: number, };

export type TeamAnalytics = { 
/**
 * The last N weeks, oldest first, the current week last, zero-filled.
 */
weeks: Array<WeekActivity>, 
/**
 * Submitted -> reviewed (ever left new) -> planned -> launched, over every idea
 * ever submitted.
 */
funnel: Array<FunnelStage>, 
/**
 * Adoption rate and median days to first answer and to launch: the board, and
 * by category (as the adoption view computes them).
 */
overall: AdoptionFigures, byCategory: Array<AdoptionFigures>, 
/**
 * Open, listed, unanswered ideas, oldest first.
 */
oldestUnanswered: Array<UnansweredIdea>, };

export type FanStanding = { rank: number, member: MemberRef, points: number, ideas: number, adopted: number, votes: number, comments: number, 
/**
 * ideas × 5 + adopted × 20 + comments × 2 + votes × 1 ([`ENGAGEMENT_WEIGHTS`]).
 */
engagementIndex: number, };

export type CoreFans = { 
/**
 * Fans who ever submitted, voted or commented.
 */
participants: number, 
/**
 * ceil(participants × 20%).
 */
coreFans: number, 
/**
 * The points of the last core fan.
 */
pointsCutoff: number, 
/**
 * Of all fans' votes cast, ideas submitted and comments posted, the core fans' share.
 */
voteShare: number, ideaShare: number, commentShare: number, };

export type ParticipantsWeek = { weekStart: Timestamp, new: number, returning: number, };

export type EngagementWeights = { idea: number, adopted: number, comment: number, vote: number, };

export type Engagement = { core: CoreFans, 
/**
 * The top fans by points, then engagement index.
 */
leaderboard: Array<FanStanding>, 
/**
 * The last N weeks, oldest first, zero-filled. Counts every member, team included.
 */
weeks: Array<ParticipantsWeek>, 
/**
 * What the engagement index counts each interaction as ([`ENGAGEMENT_WEIGHTS`]).
 */
weights: EngagementWeights, };

export type ExportFormat = "csv" | "xlsx" | "json" | "markdown";

export type ExportFilter = { 
/**
 * Any of these statuses; empty = all.
 */
statuses: Array<IdeaStatus>, 
/**
 * Category slug.
 */
category: string | null, 
/**
 * Tag name.
 */
tag: string | null, createdFrom: string | null, createdTo: string | null, minVotes: number | null, 
/**
 * Ideas merged into another one too.
 */
includeMerged: boolean, };

export type ExportRequest = { format: ExportFormat, filter: ExportFilter, 
/**
 * Internal notes too: JSON and XLSX only, where they are marked internal.
 */
includeInternal: boolean, };

export type ExportProgress = { done: number, total: number, };

export type ImportFormat = "json" | "fiderCsv";

export type ImportProblem = { 
/**
 * 1-based line of the file (the header is line 1); 0 when not line-based.
 */
line: number, 
/**
 * The record, for files that are not line-based (JSON); empty otherwise.
 */
record: string, message: string, };

export type ImportReport = { ideas: number, membersCreated: number, votes: number, comments: number, statusChanges: number, 
/**
 * Things the format carries that the board cannot take, e.g. Fider's vote
 * counts without voters.
 */
notes: Array<string>, };

export type ImportPreview = { report: ImportReport | null, problems: Array<ImportProblem>, };
