/**
 * The one module that talks to the Rust side. Every command is a typed function here;
 * a rejected invoke always surfaces as an `IpcError` carrying the core's error code.
 */
import { Channel, invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type {
  AdoptionOverview,
  AuditEntry,
  BackupInfo,
  BackupList,
  BoardHealth,
  BoardOverview,
  BoardSettings,
  Category,
  CommentView,
  ContentRef,
  Engagement,
  ErrorCode,
  ErrorParams,
  ExportProgress,
  ExportRequest,
  IdeaDetail,
  IdeaJourney,
  IdeaPage,
  ListQuery,
  IdeaStatus,
  ImportFormat,
  ImportPreview,
  ImportReport,
  MemberProfile,
  MergePreview,
  ModerationPage,
  NewComment,
  NewIdea,
  NewReport,
  NotificationPage,
  PointsEntry,
  Priority,
  Reaction,
  Report,
  ReportOutcome,
  Role,
  SearchPage,
  SearchQuery,
  SimilarIdea,
  StatusUpdate,
  TeamAnalytics,
  TriagePage,
  TriageQuery,
} from "./bindings";
import { isErrorCode } from "./errorCodes";

export type * from "./bindings";

export class IpcError extends Error {
  readonly code: ErrorCode;
  /** The numbers and names the localised message fills in (`len`, `max`, `budget`, ...). */
  readonly params: ErrorParams;

  constructor(code: ErrorCode, message: string, params: ErrorParams = {}) {
    super(message);
    this.name = "IpcError";
    this.code = code;
    this.params = params;
  }
}

/** Turns whatever a rejected invoke produced into an `IpcError` (unknown shapes become `Internal`). */
export function toIpcError(reason: unknown): IpcError {
  if (reason instanceof IpcError) return reason;
  if (typeof reason === "object" && reason !== null) {
    const { code, message, params } = reason as { code?: unknown; message?: unknown; params?: unknown };
    const text = typeof message === "string" ? message : undefined;
    const given = typeof params === "object" && params !== null ? (params as ErrorParams) : {};
    if (isErrorCode(code)) return new IpcError(code, text ?? code, given);
    if (text !== undefined) return new IpcError("Internal", text);
  }
  return new IpcError("Internal", typeof reason === "string" ? reason : String(reason));
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toIpcError(reason);
  }
}

export function boardOverview(): Promise<BoardOverview> {
  return call<BoardOverview>("board_overview");
}

export function listIdeas(query: ListQuery): Promise<IdeaPage> {
  return call<IdeaPage>("list_ideas", { query });
}

export function getIdea(ideaId: string): Promise<IdeaDetail> {
  return call<IdeaDetail>("get_idea", { ideaId });
}

export function submitIdea(input: NewIdea): Promise<IdeaDetail> {
  return call<IdeaDetail>("submit_idea", { input });
}

export function vote(ideaId: string, priority: Priority): Promise<IdeaDetail> {
  return call<IdeaDetail>("vote", { ideaId, priority });
}

export function changeVotePriority(ideaId: string, priority: Priority): Promise<IdeaDetail> {
  return call<IdeaDetail>("change_vote_priority", { ideaId, priority });
}

export function unvote(ideaId: string): Promise<IdeaDetail> {
  return call<IdeaDetail>("unvote", { ideaId });
}

export function setFollowing(ideaId: string, on: boolean): Promise<IdeaDetail> {
  return call<IdeaDetail>("set_following", { ideaId, on });
}

/** Markdown rendered and sanitised by the core: safe to insert as HTML. */
export function previewMarkdown(text: string): Promise<string> {
  return call<string>("preview_markdown", { text });
}

export function listComments(ideaId: string): Promise<CommentView[]> {
  return call<CommentView[]>("list_comments", { ideaId });
}

export function addComment(input: NewComment): Promise<CommentView> {
  return call<CommentView>("add_comment", { input });
}

export function editComment(commentId: string, body: string): Promise<CommentView> {
  return call<CommentView>("edit_comment", { commentId, body });
}

export function deleteComment(commentId: string): Promise<void> {
  return call<void>("delete_comment", { commentId });
}

export function react(commentId: string, reaction: Reaction, on: boolean): Promise<CommentView> {
  return call<CommentView>("react", { commentId, reaction, on });
}

export function listProfiles(): Promise<MemberProfile[]> {
  return call<MemberProfile[]>("list_profiles");
}

export function currentProfile(): Promise<MemberProfile | null> {
  return call<MemberProfile | null>("current_profile");
}

/** Creates a fan profile and signs in with it. */
export function createProfile(displayName: string): Promise<MemberProfile> {
  return call<MemberProfile>("create_profile", { displayName });
}

/** Signs in; profiles with a passphrase need it (`WrongPassphrase` otherwise). */
export function signIn(memberId: string, passphrase: string | null): Promise<MemberProfile> {
  return call<MemberProfile>("sign_in", { memberId, passphrase });
}

/** Back to browsing as a guest. */
export function signOut(): Promise<void> {
  return call<void>("sign_out");
}

/** Full-text search over the board; titles and snippets come with match ranges (UTF-16). */
export function searchIdeas(query: SearchQuery): Promise<SearchPage> {
  return call<SearchPage>("search_ideas", { query });
}

/** Up to five existing ideas that look like a draft, for the Share view. */
export function similarIdeas(title: string, body: string | null): Promise<SimilarIdea[]> {
  return call<SimilarIdea[]>("similar_ideas", { title, body });
}

/** Roadmap, launched showcase and adoption figures (anyone, guests included). */
export function adoptionOverview(): Promise<AdoptionOverview> {
  return call<AdoptionOverview>("adoption_overview");
}

/** The signed-in member's own ideas, newest first, each with its journey. */
export function myIdeaJourneys(): Promise<IdeaJourney[]> {
  return call<IdeaJourney[]>("my_idea_journeys");
}

/** The latest notifications (or only the unread ones) and the unread total. */
export function listNotifications(unreadOnly: boolean, limit: number): Promise<NotificationPage> {
  return call<NotificationPage>("list_notifications", { unreadOnly, limit });
}

/** Marks the given notifications read, or all of them with `null`; resolves to how many changed. */
export function markNotificationsRead(ids: string[] | null): Promise<number> {
  return call<number>("mark_notifications_read", { ids });
}

/** Votes the member has left under the board's budget; `null` when the board has none. */
export function votesLeft(): Promise<number | null> {
  return call<number | null>("votes_left");
}

/** Shows a notification from the operating system (the Tauri notification plugin). */
export function notifyOs(title: string, body: string): Promise<void> {
  return call<void>("plugin:notification|notify", { options: { title, body } });
}

/** The signed-in member's latest points ledger lines, newest first. */
export function myPoints(limit: number): Promise<PointsEntry[]> {
  return call<PointsEntry[]>("my_points", { limit });
}

// The team's workspace (moderators and admins; the core refuses anyone else).

/** New and under-review ideas, those past the support threshold first, then by votes. */
export function triageInbox(query: TriageQuery): Promise<TriagePage> {
  return call<TriagePage>("triage_inbox", { query });
}

/** Weekly activity, the status funnel, adoption by category and the oldest unanswered ideas. */
export function teamAnalytics(weeks: number): Promise<TeamAnalytics> {
  return call<TeamAnalytics>("team_analytics", { weeks });
}

/** Core fans and their share, the leaderboard, and new vs returning participants per week. */
export function engagement(leaderboard: number, weeks: number): Promise<Engagement> {
  return call<Engagement>("engagement", { leaderboard, weeks });
}

/** Reported, hidden and removed content: reported first (most reports, then latest). */
export function moderationQueue(offset: number, limit: number): Promise<ModerationPage> {
  return call<ModerationPage>("moderation_queue", { offset, limit });
}

/** Hides a comment from fans, or shows it again (hiding resolves its open reports). */
export function setCommentHidden(commentId: string, hidden: boolean): Promise<CommentView> {
  return call<CommentView>("set_comment_hidden", { commentId, hidden });
}

/** Closes the open reports on an idea or comment; resolves to how many closed. */
export function resolveReports(target: ContentRef, outcome: ReportOutcome): Promise<number> {
  return call<number>("resolve_reports", { target, outcome });
}

/** A fan reports an idea or a comment to the team, with a reason. */
export function reportContent(input: NewReport): Promise<Report> {
  return call<Report>("report_content", { input });
}

/** Moves an idea along its journey; `note` is the official answer shown to fans. */
export function changeStatus(update: StatusUpdate): Promise<IdeaDetail> {
  return call<IdeaDetail>("change_status", { update });
}

/** Moves several ideas to one status with one answer, all or none. */
export function changeStatusBulk(ideaIds: string[], to: IdeaStatus, note: string | null): Promise<IdeaDetail[]> {
  return call<IdeaDetail[]>("change_status_bulk", { ideaIds, to, note });
}

/** What merging `sourceId` into `targetId` would move, without moving it. */
export function mergePreview(sourceId: string, targetId: string): Promise<MergePreview> {
  return call<MergePreview>("merge_preview", { sourceId, targetId });
}

/** Merges a duplicate into the idea that stays; resolves to the surviving idea. */
export function mergeIdeas(sourceId: string, targetId: string, note: string | null): Promise<IdeaDetail> {
  return call<IdeaDetail>("merge_ideas", { sourceId, targetId, note });
}

/** An idea by its human number (`#123`), for the team's pickers. */
export function getIdeaByNumber(number: number): Promise<IdeaDetail> {
  return call<IdeaDetail>("get_idea_by_number", { number });
}

export function setIdeaHidden(ideaId: string, hidden: boolean): Promise<IdeaDetail> {
  return call<IdeaDetail>("set_idea_hidden", { ideaId, hidden });
}

export function setIdeaPinned(ideaId: string, pinned: boolean): Promise<IdeaDetail> {
  return call<IdeaDetail>("set_idea_pinned", { ideaId, pinned });
}

export function boardSettings(): Promise<BoardSettings> {
  return call<BoardSettings>("board_settings");
}

/** Admins only. */
export function updateBoardSettings(settings: BoardSettings): Promise<BoardSettings> {
  return call<BoardSettings>("update_board_settings", { settings });
}

/** Admins only. */
export function changeRole(memberId: string, role: Role): Promise<MemberProfile> {
  return call<MemberProfile>("change_role", { memberId, role });
}

/** Sets or clears (`null`) a team profile's passphrase. */
export function setPassphrase(memberId: string, passphrase: string | null): Promise<MemberProfile> {
  return call<MemberProfile>("set_passphrase", { memberId, passphrase });
}

/** Adds a category (the team); the slug is 1-32 of a-z, 0-9 and -. */
export function addCategory(category: Category): Promise<Category> {
  return call<Category>("add_category", { category });
}

/** The latest moderator and admin actions, newest first. */
export function auditLog(limit: number): Promise<AuditEntry[]> {
  return call<AuditEntry[]>("audit_log", { limit });
}

// Export and import (the team).

/** A file type offered by the save and open dialogs. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** The operating system's save dialog; resolves to the chosen path, or null when cancelled. */
export function chooseSavePath(defaultPath: string, filters: FileFilter[]): Promise<string | null> {
  return call<string | null>("plugin:dialog|save", { options: { defaultPath, filters } });
}

/** The operating system's open dialog for one file; null when cancelled. */
export function chooseOpenPath(filters: FileFilter[]): Promise<string | null> {
  return call<string | null>("plugin:dialog|open", {
    options: { multiple: false, directory: false, filters },
  });
}

/** Exports to `path` (all or nothing), calling `onProgress` as ideas are written; resolves to the bytes written. */
export function exportBoard(
  request: ExportRequest,
  path: string,
  onProgress: (progress: ExportProgress) => void,
): Promise<number> {
  const channel = new Channel<ExportProgress>();
  channel.onmessage = onProgress;
  return call<number>("export_board", { request, path, onProgress: channel });
}

/** Stops the running export; its partial file is removed. */
export function cancelExport(): Promise<void> {
  return call<void>("cancel_export");
}

/** What importing the file would write, or every problem with it; writes nothing. */
export function importPreview(path: string, format: ImportFormat): Promise<ImportPreview> {
  return call<ImportPreview>("import_preview", { path, format });
}

/** Imports the file, all or nothing. */
export function importBoard(path: string, format: ImportFormat): Promise<ImportReport> {
  return call<ImportReport>("import_board", { path, format });
}

/** What the background look-over of the open board found (read-only, damage, backup). */
export function boardHealth(): Promise<BoardHealth> {
  return call<BoardHealth>("board_health");
}

/** The board's backups, newest first; also when the board did not open. */
export function listBackups(): Promise<BackupList> {
  return call<BackupList>("list_backups");
}

export function backupNow(): Promise<BackupInfo> {
  return call<BackupInfo>("backup_now");
}

/** Puts the named backup in the board's place; resolves to the backup kept of the board it replaced. */
export function restoreBackup(fileName: string): Promise<BackupInfo | null> {
  return call<BackupInfo | null>("restore_backup", { fileName });
}

/** Opens a board that did not open, for reading only. */
export function openReadOnly(): Promise<void> {
  return call<void>("open_read_only");
}

/** Calls `handler` when the background look-over of the board is done; returns the unsubscribe. */
export function onBoardHealth(handler: (health: BoardHealth) => void): Promise<() => void> {
  return listen<BoardHealth>("board-health", (event) => handler(event.payload));
}

/** Calls `handler` when Ideaboard is started again on this board (this window came forward). */
export function onSecondInstance(handler: () => void): Promise<() => void> {
  return listen("second-instance", () => handler());
}
