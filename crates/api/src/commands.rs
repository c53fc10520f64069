//! The contract's table: every command of Ideaboard, declared once. Adding a command
//! is its op in the core plus one entry here, then
//! `cargo run -p ideaboard-api --bin ideaboard-api-gen` (docs/adding-a-command.md).
//! Each body calls the core exactly as a host would; hosts add nothing.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use ideaboard_core::model::{
    AccountInfo, AdoptionOverview, AuditEntry, BackupInfo, BackupList, BoardHealth, BoardOverview,
    BoardSettings, Category, CommentAdded, CommentView, ContentRef, Engagement, ExportProgress,
    ExportRequest, FanStanding, IdeaChanged, IdeaDetail, IdeaEdit, IdeaJourney, IdeaPage,
    IdeaStatus, ImportFormat, ImportPreview, ImportReport, InvitationInfo, IssuedInvitation,
    IssuedReset, ListQuery, MemberPage, MemberProfile, MemberQuery, ModerationPage, NewComment,
    NewIdea, NewInvitation, NewMember, NewReport, NotificationPage, PointsEntry, Priority,
    Reaction, Report, ReportOutcome, Role, SearchPage, SearchQuery, SignUpMode, SimilarIdea,
    StatusUpdate, StatusesChanged, TeamAnalytics, TriagePage, TriageQuery,
};
use ideaboard_core::ops::{MergePreview, accounts};
use ideaboard_core::render::markdown_to_safe_html;
use ideaboard_core::{Actor, Error, backups, ops};

use crate::boards::{KnownBoard, ServerCheck};

/// How many similar ideas the Share view suggests while a title is typed.
const SIMILAR_LIMIT: u32 = 5;

contract! {
    // The window frame and the board file.

    /// Name, categories and size of the open board.
    board_overview() -> BoardOverview, Read
        => |cx| cx.board(|board, _| ops::board_overview(board));

    /// What the background look-over of the open board found (read-only, damage, backup).
    board_health() -> BoardHealth, Read
        => |cx| Ok(cx.host().health());

    /// The board's backups, newest first; also when the board did not open.
    list_backups() -> BackupList, Read,
        local "the board file and its backups are the operator's on a server"
        => |cx| backups::list(&cx.host().board_file()?).map_err(|e| e.to_dto());

    /// Takes a backup now (admins).
    backup_now() -> BackupInfo, Read,
        local "the board file and its backups are the operator's on a server"
        => |cx| cx.board(|board, actor| ops::backup_now(board, actor, cx.now()));

    /// Puts the named backup in the board's place; resolves to the backup kept of the board it replaced.
    restore_backup(RestoreBackupRequest { file_name: String }) -> Option<BackupInfo>, Write,
        local "the board file and its backups are the operator's on a server"
        => |cx, r| cx.host().restore(&r.file_name, cx.now());

    /// Opens a board that did not open, for reading only.
    open_read_only() -> (), Read,
        local "the board file and its backups are the operator's on a server"
        => |cx| cx.host().open_read_only();

    // The boards the app knows: board files and shared boards on servers.

    /// Every board the app knows, board files and shared boards; the one shown is `current`.
    known_boards() -> Vec<KnownBoard>, Read,
        local "the app's own list of boards"
        => |cx| cx.host().known_boards();

    /// Whether an Ideaboard server answers at `url` (`Unreachable`, `NotAServer` otherwise), and its board's name.
    check_server(CheckServerRequest { url: String }) -> ServerCheck, Read,
        local "the app's own list of boards"
        => |cx, r| cx.host().check_server(&r.url);

    /// Signs in to the shared board at `url` (or opens an account there, with `displayName`),
    /// keeps the session and shows the board in this window.
    join_board(JoinBoardRequest {
        url: String,
        email: String,
        password: String,
        display_name: Option<String>,
        invitation: Option<String>,
    }) -> KnownBoard, Read,
        local "the app's own list of boards"
        => |cx, r| cx.host().join_board(&r);

    /// Shows another known board in this window (a board file opens in a window of its own).
    switch_board(SwitchBoardRequest { id: String }) -> KnownBoard, Read,
        local "the app's own list of boards"
        => |cx, r| cx.host().switch_board(&r.id);

    /// Signs out of a shared board and forgets it; the window goes back to its board file if it showed it.
    leave_board(LeaveBoardRequest { id: String }) -> (), Read,
        local "the app's own list of boards"
        => |cx, r| cx.host().leave_board(&r.id);

    // The idea list and the idea page.

    /// One page of the idea list, as the current member sees it.
    list_ideas(ListIdeasRequest { query: ListQuery }) -> IdeaPage, Read
        => |cx, r| cx.board(|board, actor| ops::list_ideas(board, actor, &r.query));

    /// One idea's page.
    get_idea(GetIdeaRequest { idea_id: String }) -> IdeaDetail, Read
        => |cx, r| cx.board(|board, actor| ops::get_idea(board, actor, &r.idea_id, cx.now()));

    /// Submits a new idea as the current member.
    submit_idea(SubmitIdeaRequest { input: NewIdea }) -> IdeaDetail, Write
        => |cx, r| cx.board(|board, actor| ops::submit_idea(board, actor, &r.input, cx.now()));

    /// Votes for an idea with a priority.
    vote(VoteRequest { idea_id: String, priority: Priority }) -> IdeaChanged, Write
        => |cx, r| cx.board(|board, actor| {
            ops::vote(board, actor, &r.idea_id, r.priority, cx.now())
        });

    /// Changes the priority of the current member's vote.
    change_vote_priority(ChangeVotePriorityRequest { idea_id: String, priority: Priority })
        -> IdeaChanged, Write
        => |cx, r| cx.board(|board, actor| {
            ops::change_vote_priority(board, actor, &r.idea_id, r.priority, cx.now())
        });

    /// Withdraws the current member's vote; answers the idea's page and what else moved.
    unvote(UnvoteRequest { idea_id: String }) -> IdeaChanged, Write
        => |cx, r| cx.board(|board, actor| ops::unvote(board, actor, &r.idea_id, cx.now()));

    /// Follows or stops following an idea.
    set_following(SetFollowingRequest { idea_id: String, on: bool }) -> IdeaDetail, Write
        => |cx, r| cx.board(|board, actor| {
            ops::set_following(board, actor, &r.idea_id, r.on, cx.now())
        });

    // The discussion on an idea page.

    /// Markdown rendered and sanitised by the core: safe to insert as HTML.
    preview_markdown(PreviewMarkdownRequest { text: String }) -> String, Read
        => |_cx, r| Ok(markdown_to_safe_html(&r.text));

    /// The thread of an idea, as the current member may see it.
    list_comments(ListCommentsRequest { idea_id: String }) -> Vec<CommentView>, Read
        => |cx, r| cx.board(|board, actor| ops::list_comments(board, actor, &r.idea_id));

    /// Edits an idea's title and description: its author inside the edit window, or the team.
    edit_idea(EditIdeaRequest { idea_id: String, edit: IdeaEdit }) -> IdeaDetail, Write
        => |cx, r| cx.board(|board, actor| {
            ops::edit_idea(board, actor, &r.idea_id, &r.edit, cx.now())
        });

    /// Team: re-categorises and re-tags an idea.
    set_idea_labels(SetIdeaLabelsRequest { idea_id: String, category: Option<String>, tags: Vec<String> })
        -> IdeaDetail, Write
        => |cx, r| cx.board(|board, actor| {
            ops::set_idea_labels(board, actor, &r.idea_id, r.category.as_deref(), &r.tags, cx.now())
        });

    /// Adds a comment or a reply; answers it, its idea's page and what else moved.
    add_comment(AddCommentRequest { input: NewComment }) -> CommentAdded, Write
        => |cx, r| cx.board(|board, actor| ops::add_comment(board, actor, &r.input, cx.now()));

    /// Edits the current member's comment.
    edit_comment(EditCommentRequest { comment_id: String, body: String }) -> CommentView, Write
        => |cx, r| cx.board(|board, actor| {
            ops::edit_comment(board, actor, &r.comment_id, &r.body, cx.now())
        });

    /// Deletes a comment, keeping its place in the thread.
    delete_comment(DeleteCommentRequest { comment_id: String }) -> (), Write
        => |cx, r| cx.board(|board, actor| {
            ops::delete_comment(board, actor, &r.comment_id, cx.now())
        });

    /// Adds or removes a reaction on a comment.
    react(ReactRequest { comment_id: String, reaction: Reaction, on: bool }) -> CommentView, Write
        => |cx, r| cx.board(|board, actor| {
            ops::react(board, actor, &r.comment_id, r.reaction, r.on, cx.now())
        });

    // Who is acting: the profile switcher.

    /// Every profile of the board.
    list_profiles() -> Vec<MemberProfile>, Read,
        local "local profiles; a server signs members in with accounts"
        => |cx| cx.board(|board, _| ops::list_members(board));

    /// The profile acting in this session; `null` for a guest.
    current_profile() -> Option<MemberProfile>, Read
        => |cx| cx.board(|board, actor| match actor.member_id() {
            Some(_) => ops::my_profile(board, actor).map(Some),
            None => Ok(None),
        });

    /// Creates a fan profile and signs in with it.
    create_profile(CreateProfileRequest { display_name: String }) -> MemberProfile, Write,
        local "local profiles; a server signs members in with accounts"
        => |cx, r| {
            let input = NewMember {
                display_name: r.display_name,
                role: Role::Fan,
                passphrase: None,
            };
            let (actor, profile) = cx.board(|board, actor| {
                let profile = ops::create_member(board, actor, &input, cx.now())?;
                Ok((ops::sign_in(board, &profile.id, None)?, profile))
            })?;
            cx.host().set_actor(actor);
            Ok(profile)
        };

    /// Signs in; profiles with a passphrase need it (`WrongPassphrase` otherwise).
    sign_in(SignInRequest { member_id: String, passphrase: Option<String> })
        -> MemberProfile, Read,
        local "local profiles; a server signs members in with accounts"
        => |cx, r| {
            let (actor, profile) = cx.board(|board, _| {
                let actor = ops::sign_in(board, &r.member_id, r.passphrase.as_deref())?;
                Ok((actor.clone(), ops::my_profile(board, &actor)?))
            })?;
            cx.host().set_actor(actor);
            Ok(profile)
        };

    /// Back to browsing as a guest.
    sign_out() -> (), Read, local "local profiles; a server signs members in with accounts"
        => |cx| {
            cx.host().set_actor(Actor::guest());
            Ok(())
        };

    /// The signed-in member's latest points ledger lines, newest first.
    my_points(MyPointsRequest { limit: u32 }) -> Vec<PointsEntry>, Read
        => |cx, r| cx.board(|board, actor| ops::my_points(board, actor, r.limit));

    /// The signed-in member's standing among fans: rank, activity, engagement index.
    my_standing() -> FanStanding, Read
        => |cx| cx.board(|board, actor| ops::my_standing(board, actor));

    /// Renames a profile: the member themselves, or an admin.
    rename_member(RenameMemberRequest { member_id: String, display_name: String })
        -> MemberProfile, Write
        => |cx, r| cx.board(|board, actor| {
            ops::rename_member(board, actor, &r.member_id, &r.display_name, cx.now())
        });

    // Search.

    /// Full-text search over the board; titles and snippets come with match ranges (UTF-16).
    search_ideas(SearchIdeasRequest { query: SearchQuery }) -> SearchPage, Read
        => |cx, r| cx.board(|board, actor| ops::search_ideas(board, actor, &r.query));

    /// Up to five existing ideas that look like a draft, for the Share view.
    similar_ideas(SimilarIdeasRequest { title: String, body: Option<String> })
        -> Vec<SimilarIdea>, Read
        => |cx, r| cx.board(|board, actor| {
            ops::similar_ideas(board, actor, &r.title, r.body.as_deref(), SIMILAR_LIMIT)
        });

    // Adoption.

    /// Roadmap, launched showcase and adoption figures (anyone, guests included).
    adoption_overview() -> AdoptionOverview, Read
        => |cx| cx.board(|board, actor| ops::adoption_overview(board, actor));

    /// The signed-in member's own ideas, newest first, each with its journey.
    my_idea_journeys() -> Vec<IdeaJourney>, Read
        => |cx| cx.board(|board, actor| ops::my_idea_journeys(board, actor));

    // Notifications and the vote budget.

    /// The latest notifications (or only the unread ones) and the unread total.
    list_notifications(ListNotificationsRequest { unread_only: bool, limit: u32 })
        -> NotificationPage, Read
        => |cx, r| cx.board(|board, actor| {
            ops::list_notifications(board, actor, r.unread_only, r.limit)
        });

    /// Marks the given notifications read, or all of them with `null`; resolves to how many changed.
    mark_notifications_read(MarkNotificationsReadRequest { ids: Option<Vec<String>> })
        -> usize, Write
        => |cx, r| cx.board(|board, actor| {
            ops::mark_notifications_read(board, actor, r.ids.as_deref(), cx.now())
        });

    /// Votes the member has left under the board's budget; `null` when the board has none.
    votes_left() -> Option<u32>, Read
        => |cx| cx.board(|board, actor| ops::votes_left(board, actor));

    // The team's work on ideas (moderators and admins; the core refuses anyone else).

    /// Moves an idea along its journey; `note` is the official answer shown to fans.
    /// Answers the idea's page (its journey shows the answer) and what else moved.
    change_status(ChangeStatusRequest { update: StatusUpdate }) -> IdeaChanged, Write
        => |cx, r| cx.board(|board, actor| {
            ops::change_status(board, actor, &r.update, cx.now())
        });

    /// Moves several ideas to one status with one answer, all or none; answers them as
    /// the triage inbox shows them, its figures and what else moved.
    change_status_bulk(ChangeStatusBulkRequest {
        idea_ids: Vec<String>,
        to: IdeaStatus,
        note: Option<String>,
    }) -> StatusesChanged, Write
        => |cx, r| cx.board(|board, actor| {
            ops::change_status_bulk(board, actor, &r.idea_ids, r.to, r.note.as_deref(), cx.now())
        });

    /// What merging `sourceId` into `targetId` would move, without moving it.
    merge_preview(MergePreviewRequest { source_id: String, target_id: String })
        -> MergePreview, Read
        => |cx, r| cx.board(|board, actor| {
            ops::merge_preview(board, actor, &r.source_id, &r.target_id)
        });

    /// Merges a duplicate into the idea that stays; resolves to the surviving idea.
    merge_ideas(MergeIdeasRequest {
        source_id: String,
        target_id: String,
        note: Option<String>,
    }) -> IdeaDetail, Write
        => |cx, r| cx.board(|board, actor| {
            let note = r.note.as_deref();
            ops::merge_ideas(board, actor, &r.source_id, &r.target_id, note, cx.now())
        });

    /// An idea by its human number (`#123`), for the team's pickers.
    get_idea_by_number(GetIdeaByNumberRequest { number: u32 }) -> IdeaDetail, Read
        => |cx, r| cx.board(|board, actor| {
            ops::get_idea_by_number(board, actor, r.number, cx.now())
        });

    /// Hides an idea from fans, or shows it again.
    set_idea_hidden(SetIdeaHiddenRequest { idea_id: String, hidden: bool }) -> IdeaDetail, Write
        => |cx, r| cx.board(|board, actor| {
            ops::set_idea_hidden(board, actor, &r.idea_id, r.hidden, cx.now())
        });

    /// Pins an idea to the top of the lists, or unpins it.
    set_idea_pinned(SetIdeaPinnedRequest { idea_id: String, pinned: bool }) -> IdeaDetail, Write
        => |cx, r| cx.board(|board, actor| {
            ops::set_idea_pinned(board, actor, &r.idea_id, r.pinned, cx.now())
        });

    // The board's settings, roles and the audit log.

    /// The board's settings.
    board_settings() -> BoardSettings, Read
        => |cx| cx.board(|board, _| ops::board_settings(board));

    /// Changes the board's settings (admins).
    update_board_settings(UpdateBoardSettingsRequest { settings: BoardSettings })
        -> BoardSettings, Write
        => |cx, r| cx.board(|board, actor| {
            ops::update_board_settings(board, actor, &r.settings, cx.now())
        });

    /// Gives a member another role (admins).
    change_role(ChangeRoleRequest { member_id: String, role: Role }) -> MemberProfile, Write
        => |cx, r| cx.board(|board, actor| {
            ops::change_role(board, actor, &r.member_id, r.role, cx.now())
        });

    // A shared board's members and who may join it (accounts; the desktop's local
    // boards keep their local profiles, and the UI offers these only on a server).

    /// The team's members page, newest first: names, roles, join dates; emails for admins only.
    member_directory(MemberDirectoryRequest { query: MemberQuery }) -> MemberPage, Read
        => |cx, r| cx.board(|board, actor| ops::member_directory(board, actor, &r.query));

    /// Who may make an account: open, invite-only or closed (anyone may ask).
    sign_up_mode() -> SignUpMode, Read
        => |cx| cx.board(|board, _| accounts::sign_up_mode(board));

    /// Sets who may make an account (admins).
    set_sign_up_mode(SetSignUpModeRequest { mode: SignUpMode }) -> SignUpMode, Write
        => |cx, r| cx.board(|board, actor| {
            accounts::set_sign_up_mode(board, actor, r.mode, cx.now())
        });

    /// Makes an invitation link for a role (admins); its token is in this answer only.
    invite(InviteRequest { input: NewInvitation }) -> IssuedInvitation, Write
        => |cx, r| cx.board(|board, actor| accounts::invite(board, actor, &r.input, cx.now()));

    /// The invitations not yet used, revoked nor expired (admins).
    list_invitations() -> Vec<InvitationInfo>, Read
        => |cx| cx.board(|board, actor| accounts::list_invitations(board, actor, cx.now()));

    /// Revokes a pending invitation (admins).
    revoke_invitation(RevokeInvitationRequest { invitation_id: String }) -> (), Write
        => |cx, r| cx.board(|board, actor| {
            accounts::revoke_invitation(board, actor, &r.invitation_id, cx.now())
        });

    /// What an invitation link offers (anyone holding it); `TokenExpired` once it is spent, revoked or expired.
    check_invitation(CheckInvitationRequest { token: String }) -> InvitationInfo, Read
        => |cx, r| cx.board(|board, _| accounts::check_invitation(board, &r.token, cx.now()));

    /// The signed-in member takes up an invitation: its role, unless theirs is higher.
    accept_invitation(AcceptInvitationRequest { token: String }) -> MemberProfile, Write
        => |cx, r| cx.board(|board, actor| {
            accounts::accept_invitation(board, actor, &r.token, cx.now())
        });

    /// Issues a password-reset link for a member's account (admins); its token is in this answer only.
    issue_password_reset(IssuePasswordResetRequest { member_id: String }) -> IssuedReset, Write
        => |cx, r| cx.board(|board, actor| {
            accounts::issue_password_reset(board, actor, &r.member_id, cx.now())
        });

    /// The signed-in member's own account (their email).
    my_account() -> AccountInfo, Read
        => |cx| cx.board(|board, actor| accounts::my_account(board, actor));

    /// Sets or clears (`null`) a team profile's passphrase.
    set_passphrase(SetPassphraseRequest { member_id: String, passphrase: Option<String> })
        -> MemberProfile, Write,
        local "local profiles; a server signs members in with accounts"
        => |cx, r| cx.board(|board, actor| {
            let passphrase = r.passphrase.as_deref();
            ops::set_passphrase(board, actor, &r.member_id, passphrase, cx.now())
        });

    /// The latest moderator and admin actions, newest first.
    audit_log(AuditLogRequest { limit: u32 }) -> Vec<AuditEntry>, Read
        => |cx, r| cx.board(|board, actor| ops::audit_log(board, actor, r.limit));

    /// Adds a category (the team); the slug is 1-32 of a-z, 0-9 and -.
    add_category(AddCategoryRequest { category: Category }) -> Category, Write
        => |cx, r| cx.board(|board, actor| {
            ops::add_category(board, actor, &r.category, cx.now())
        });

    // Export and import (the team). Paths come from the host's save and open dialogs.

    /// Exports to `path` (all or nothing), calling `onProgress` as ideas are written; resolves to the bytes written.
    export_board(ExportBoardRequest { request: ExportRequest, path: PathBuf }) -> u64, Read,
        streams ExportProgress,
        local "a path of this machine; a server downloads and uploads instead"
        => |cx, r| {
            let cancel = cx.host().start_export();
            cx.board(|board, actor| {
                let mut progress = |done, total| {
                    cx.send(&ExportProgress { done, total });
                    !cancel.load(Ordering::Relaxed)
                };
                ops::export_to_file(board, actor, &r.request, cx.now(), &r.path, &mut progress)
            })
        };

    /// Stops the running export; its partial file is removed.
    cancel_export() -> (), Read,
        local "a path of this machine; a server downloads and uploads instead"
        => |cx| {
            cx.host().cancel_export();
            Ok(())
        };

    /// What importing the file would write, or every problem with it; writes nothing
    /// (a rehearsal in a write transaction it rolls back, so it runs on the writer).
    import_preview(ImportPreviewRequest { path: PathBuf, format: ImportFormat })
        -> ImportPreview, Write,
        local "a path of this machine; a server downloads and uploads instead"
        => |cx, r| cx.board(|board, actor| {
            let input = BufReader::new(File::open(&r.path).map_err(Error::from)?);
            ops::import_preview(board, actor, r.format, input, cx.now())
        });

    /// Imports the file, all or nothing.
    import_board(ImportBoardRequest { path: PathBuf, format: ImportFormat })
        -> ImportReport, Write,
        local "a path of this machine; a server downloads and uploads instead"
        => |cx, r| cx.board(|board, actor| {
            let input = BufReader::new(File::open(&r.path).map_err(Error::from)?);
            ops::import(board, actor, r.format, input, cx.now())
        });

    // Reports and moderation.

    /// A fan reports an idea or a comment to the team, with a reason.
    report_content(ReportContentRequest { input: NewReport }) -> Report, Write
        => |cx, r| cx.board(|board, actor| {
            ops::report_content(board, actor, &r.input, cx.now())
        });

    /// Reported, hidden and removed content: reported first (most reports, then latest).
    moderation_queue(ModerationQueueRequest { offset: u32, limit: u32 }) -> ModerationPage, Read
        => |cx, r| cx.board(|board, actor| {
            ops::moderation_queue(board, actor, r.offset, r.limit)
        });

    /// Hides a comment from fans, or shows it again (hiding resolves its open reports).
    set_comment_hidden(SetCommentHiddenRequest { comment_id: String, hidden: bool })
        -> CommentView, Write
        => |cx, r| cx.board(|board, actor| {
            ops::set_comment_hidden(board, actor, &r.comment_id, r.hidden, cx.now())
        });

    /// Closes the open reports on an idea or comment; resolves to how many closed.
    resolve_reports(ResolveReportsRequest { target: ContentRef, outcome: ReportOutcome })
        -> u32, Write
        => |cx, r| cx.board(|board, actor| {
            ops::resolve_reports(board, actor, &r.target, r.outcome, cx.now())
        });

    // What the team reads.

    /// New and under-review ideas, those past the support threshold first, then by votes.
    triage_inbox(TriageInboxRequest { query: TriageQuery }) -> TriagePage, Read
        => |cx, r| cx.board(|board, actor| ops::triage_inbox(board, actor, &r.query));

    /// Weekly activity, the status funnel, adoption by category and the oldest unanswered ideas.
    team_analytics(TeamAnalyticsRequest { weeks: u32 }) -> TeamAnalytics, Read
        => |cx, r| cx.board(|board, actor| {
            ops::team_analytics(board, actor, r.weeks, cx.now())
        });

    /// Core fans and their share, the leaderboard, and new vs returning participants per week.
    engagement(EngagementRequest { leaderboard: u32, weeks: u32 }) -> Engagement, Read
        => |cx, r| cx.board(|board, actor| {
            ops::engagement(board, actor, r.leaderboard, r.weeks, cx.now())
        });
}
