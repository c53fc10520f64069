// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p ideaboard-app bindings` instead.

export type Timestamp = string;

export type ErrorCode = "NotFound" | "NotAllowed" | "NotSignedIn" | "InvalidInput" | "TitleEmpty" | "TitleTooShort" | "TitleTooLong" | "BodyTooLong" | "ControlCharacter" | "InvalidId" | "UnknownValue" | "AlreadyVoted" | "NotVoted" | "VotingClosed" | "VoteBudgetExhausted" | "NoteRequired" | "NoteTooLong" | "InvalidTransition" | "MergeIntoSelf" | "MergeIntoMerged" | "AlreadyMerged" | "NameEmpty" | "NameTooLong" | "PassphraseTooShort" | "WrongPassphrase" | "EditWindowClosed" | "CommentEmpty" | "CommentTooLong" | "ParentMismatch" | "CommentDeleted" | "LastAdmin" | "TooManyTags" | "SearchEmpty" | "NewerBoard" | "NotABoard" | "Storage" | "Internal";

export type ErrorDto = { code: ErrorCode, message: string, };

export type Role = "fan" | "moderator" | "admin";

export type IdeaStatus = "new" | "under_review" | "planned" | "in_progress" | "launched" | "declined" | "merged";

export type Priority = "nice_to_have" | "important" | "critical";

export type IdeaSort = "trending" | "top" | "new" | "most_discussed";

export type CommentKind = "public" | "official" | "internal";

export type Reaction = "like" | "love" | "insightful" | "funny";

export type NotificationKind = "status_changed" | "official_answer" | "reply" | "merged";

export type PointsReason = "idea_submitted" | "vote_cast" | "vote_withdrawn" | "comment_posted" | "comment_removed" | "reaction_received" | "reaction_withdrawn" | "idea_reached_votes" | "idea_launched";

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
canEdit: boolean, };

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
 * Markdown source; empty when deleted.
 */
body: string, 
/**
 * Rendered and sanitised; empty when deleted.
 */
bodyHtml: string, createdAt: Timestamp, editedAt: Timestamp | null, deleted: boolean, reactions: Array<ReactionCount>, myReactions: Array<Reaction>, };

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

export type BoardOverview = { name: string, path: string, categories: Array<Category>, counts: BoardCounts, };

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
