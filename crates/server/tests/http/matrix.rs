//! The authorization matrix over HTTP: every command a server serves x {a guest, a
//! fan, another fan, a moderator, an admin}, each answered with the status and code
//! designed for it. The expectations are the core's (crates/core/tests/core/
//! authorization.rs) as HTTP says them: allowed 200, `NotSignedIn` 401,
//! `NotAllowed` 403, `NotFound` 404. (Editing after the grace window needs a
//! clock the test cannot move in a running server; the core's matrix covers it.)
//!
//! The content each cell acts on is made fresh for that cell through the core, on
//! the board file the server serves (as `ideaboard-cli` would), so no cell sees
//! another's votes, reports or comments.

use ideaboard_core::model::{
    CommentKind, ContentKind, ContentRef, NewComment, NewIdea, NewInvitation, NewReport, Priority,
    Role,
};
use ideaboard_core::{Actor, Board, Timestamp, ops};
use serde_json::{Value, json};

use crate::support::Server;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Ok,
    SignIn,
    No,
    Unseen,
}

use Expect::{No, Ok as OK, SignIn, Unseen};

impl Expect {
    fn answer(self) -> (u16, &'static str) {
        match self {
            OK => (200, ""),
            SignIn => (401, "NotSignedIn"),
            No => (403, "NotAllowed"),
            Unseen => (404, "NotFound"),
        }
    }
}

/// The callers, in the matrix's column order.
const GUEST: usize = 0;
const FAN: usize = 1;
const ADMIN: usize = 4;

/// The server, a connection of the test's own to its board, and the callers.
struct World {
    server: Server,
    board: Board,
    /// Each caller's Authorization header (None for the guest).
    bearer: [Option<String>; 5],
    /// Each caller as the core knows them.
    actor: [Actor; 5],
    /// Each caller's member id ("" for the guest).
    id: [String; 5],
}

fn now() -> Timestamp {
    Timestamp::now()
}

impl World {
    fn new() -> World {
        let server = Server::start(&[]);
        let admin = server.admin("ada@brand.example");
        let mut board = Board::open(server.board(), now()).unwrap();
        let admin_id = member_of(&server, &admin);
        let admin_actor = ops::act_as(&board, &admin_id).unwrap();
        let invitation = NewInvitation {
            role: Role::Moderator,
            valid_for_hours: 24,
        };
        let issued = ops::accounts::invite(&mut board, &admin_actor, &invitation, now()).unwrap();
        let sign_up = |name: &str, email: &str, invitation: Option<&str>| {
            let body = json!({
                "displayName": name, "email": email, "password": "a long enough password",
                "invitation": invitation, "bearer": true,
            });
            let reply = server.post("/api/auth/sign_up", &[], &body);
            assert_eq!(
                reply.status,
                200,
                "{}",
                String::from_utf8_lossy(&reply.body)
            );
            let id = reply.json()["profile"]["id"].as_str().unwrap().to_string();
            (
                format!("Bearer {}", reply.json()["token"].as_str().unwrap()),
                id,
            )
        };
        let (fan, fan_id) = sign_up("Fan", "fan@example.com", None);
        let (other, other_id) = sign_up("Other", "other@example.com", None);
        let (moderator, mod_id) = sign_up("Mod", "mod@brand.example", Some(issued.token.expose()));
        let ids = [String::new(), fan_id, other_id, mod_id, admin_id];
        let actor = ids.clone().map(|id| {
            if id.is_empty() {
                Actor::guest()
            } else {
                ops::act_as(&board, &id).unwrap()
            }
        });
        World {
            server,
            board,
            bearer: [None, Some(fan), Some(other), Some(moderator), Some(admin)],
            actor,
            id: ids,
        }
    }

    /// A new idea by the fan; its id.
    fn fans_idea(&mut self) -> String {
        let input = NewIdea {
            title: format!("A fresh idea {}", now().millis()),
            body: "Made for one cell of the matrix.".into(),
            category: None,
            tags: vec![],
        };
        let detail = ops::submit_idea(&mut self.board, &self.actor[FAN], &input, now()).unwrap();
        detail.idea.id
    }

    /// A public comment by the fan on a new idea of theirs; (idea, comment).
    fn fans_comment(&mut self) -> (String, String) {
        let idea = self.fans_idea();
        let input = NewComment {
            idea_id: idea.clone(),
            parent_id: None,
            kind: CommentKind::Public,
            body: "A comment for one cell.".into(),
        };
        let view = ops::add_comment(&mut self.board, &self.actor[FAN], &input, now()).unwrap();
        (idea, view.comment.id)
    }

    /// A new idea of the fan's, hidden by the admin.
    fn hidden_idea(&mut self) -> String {
        let idea = self.fans_idea();
        ops::set_idea_hidden(&mut self.board, &self.actor[ADMIN], &idea, true, now()).unwrap();
        idea
    }

    /// A new idea the caller has voted on (the guest cannot: just the idea).
    fn voted_idea(&mut self, caller: usize) -> String {
        let idea = self.fans_idea();
        if caller != GUEST {
            let actor = self.actor[caller].clone();
            ops::vote(&mut self.board, &actor, &idea, Priority::Important, now()).unwrap();
        }
        idea
    }

    /// A new idea of the fan's with an open report on it.
    fn reported_idea(&mut self) -> String {
        let idea = self.fans_idea();
        let input = NewReport {
            target: ContentRef {
                kind: ContentKind::Idea,
                id: idea.clone(),
            },
            reason: "Looks like spam.".into(),
        };
        let other = self.actor[2].clone();
        ops::report_content(&mut self.board, &other, &input, now()).unwrap();
        idea
    }

    /// A new invitation by the admin, for a fan (taking it up changes no one's
    /// role, so each cell leaves the callers as they were); (id, token).
    fn fan_invitation(&mut self) -> (String, String) {
        let input = NewInvitation {
            role: Role::Fan,
            valid_for_hours: 24,
        };
        let admin = self.actor[ADMIN].clone();
        let issued = ops::accounts::invite(&mut self.board, &admin, &input, now()).unwrap();
        (issued.invitation.id, issued.token.expose().to_string())
    }

    /// A new fan profile; its id.
    fn new_fan(&mut self) -> String {
        let input = ideaboard_core::model::NewMember {
            display_name: format!("Fan {}", now().millis()),
            role: Role::Fan,
            passphrase: None,
        };
        ops::create_member(&mut self.board, &Actor::guest(), &input, now())
            .unwrap()
            .id
    }
}

/// The member id of a bearer session.
fn member_of(server: &Server, bearer: &str) -> String {
    let reply = server.request(
        "GET",
        "/api/auth/session",
        &[("Authorization", bearer)],
        b"",
    );
    reply.json()["profile"]["id"].as_str().unwrap().to_string()
}

fn list_query(include_hidden: bool) -> Value {
    json!({ "sort": "new", "includeHidden": include_hidden, "offset": 0, "limit": 5 })
}

type Setup = fn(&mut World, usize) -> Value;

/// (command, what the cell is, expectations by caller, the request for caller i).
#[rustfmt::skip]
const MATRIX: &[(&str, &str, [Expect; 5], Setup)] = &[
    // command                  case                    guest   fan     other   mod     admin
    ("board_overview",          "",                     [OK,    OK,     OK,     OK,     OK], |_, _| json!(null)),
    ("board_health",            "",                     [OK,    OK,     OK,     OK,     OK], |_, _| json!(null)),
    ("board_settings",          "",                     [OK,    OK,     OK,     OK,     OK], |_, _| json!(null)),
    ("list_ideas",              "",                     [OK,    OK,     OK,     OK,     OK], |_, _| json!({ "query": list_query(false) })),
    ("list_ideas",              "with hidden ones",     [No,    No,     No,     OK,     OK], |_, _| json!({ "query": list_query(true) })),
    ("get_idea",                "",                     [OK,    OK,     OK,     OK,     OK], |w, _| json!({ "ideaId": w.fans_idea() })),
    ("get_idea",                "of a hidden idea",     [Unseen, Unseen, Unseen, OK,    OK], |w, _| json!({ "ideaId": w.hidden_idea() })),
    ("get_idea_by_number",      "",                     [OK,    OK,     OK,     OK,     OK], |_, _| json!({ "number": 1 })),
    ("list_comments",           "",                     [OK,    OK,     OK,     OK,     OK], |w, _| json!({ "ideaId": w.fans_comment().0 })),
    ("preview_markdown",        "",                     [OK,    OK,     OK,     OK,     OK], |_, _| json!({ "text": "**bold**" })),
    ("search_ideas",            "",                     [OK,    OK,     OK,     OK,     OK], |_, _| json!({ "query": { "query": "oat", "includeHidden": false, "offset": 0, "limit": 5 } })),
    ("similar_ideas",           "",                     [OK,    OK,     OK,     OK,     OK], |_, _| json!({ "title": "Oat milk", "body": null })),
    ("adoption_overview",       "",                     [OK,    OK,     OK,     OK,     OK], |_, _| json!(null)),
    ("current_profile",         "",                     [OK,    OK,     OK,     OK,     OK], |_, _| json!(null)),
    ("votes_left",              "",                     [OK,    OK,     OK,     OK,     OK], |_, _| json!(null)),
    ("my_idea_journeys",        "",                     [SignIn, OK,    OK,     OK,     OK], |_, _| json!(null)),
    ("my_points",               "",                     [SignIn, OK,    OK,     OK,     OK], |_, _| json!({ "limit": 5 })),
    ("my_standing",             "",                     [SignIn, OK,    OK,     OK,     OK], |_, _| json!(null)),
    ("list_notifications",      "",                     [SignIn, OK,    OK,     OK,     OK], |_, _| json!({ "unreadOnly": false, "limit": 5 })),
    ("mark_notifications_read", "",                     [SignIn, OK,    OK,     OK,     OK], |_, _| json!({ "ids": null })),
    ("submit_idea",             "",                     [SignIn, OK,    OK,     OK,     OK], |_, i| json!({ "input": { "title": format!("Caller {i} shares an idea"), "body": "", "category": null, "tags": [] } })),
    ("edit_idea",               "in the grace window",  [SignIn, OK,    No,     OK,     OK], |w, _| json!({ "ideaId": w.fans_idea(), "edit": { "title": "A clearer title", "body": "Clearer." } })),
    ("set_idea_labels",         "",                     [SignIn, OK,    No,     OK,     OK], |w, _| json!({ "ideaId": w.fans_idea(), "category": null, "tags": ["oat"] })),
    ("set_idea_hidden",         "",                     [SignIn, No,    No,     OK,     OK], |w, _| json!({ "ideaId": w.fans_idea(), "hidden": true })),
    ("set_idea_pinned",         "",                     [SignIn, No,    No,     OK,     OK], |w, _| json!({ "ideaId": w.fans_idea(), "pinned": true })),
    ("vote",                    "",                     [SignIn, OK,    OK,     OK,     OK], |w, _| json!({ "ideaId": w.fans_idea(), "priority": "critical" })),
    ("change_vote_priority",    "",                     [SignIn, OK,    OK,     OK,     OK], |w, i| json!({ "ideaId": w.voted_idea(i), "priority": "critical" })),
    ("unvote",                  "",                     [SignIn, OK,    OK,     OK,     OK], |w, i| json!({ "ideaId": w.voted_idea(i) })),
    ("set_following",           "",                     [SignIn, OK,    OK,     OK,     OK], |w, _| json!({ "ideaId": w.fans_idea(), "on": true })),
    ("add_comment",             "public",               [SignIn, OK,    OK,     OK,     OK], |w, _| json!({ "input": { "ideaId": w.fans_idea(), "parentId": null, "kind": "public", "body": "Yes please." } })),
    ("add_comment",             "official",             [SignIn, No,    No,     OK,     OK], |w, _| json!({ "input": { "ideaId": w.fans_idea(), "parentId": null, "kind": "official", "body": "We hear you." } })),
    ("add_comment",             "internal",             [SignIn, No,    No,     OK,     OK], |w, _| json!({ "input": { "ideaId": w.fans_idea(), "parentId": null, "kind": "internal", "body": "Costly." } })),
    ("edit_comment",            "the fan's",            [SignIn, OK,    No,     No,     No], |w, _| json!({ "commentId": w.fans_comment().1, "body": "Edited." })),
    ("delete_comment",          "the fan's",            [SignIn, OK,    No,     OK,     OK], |w, _| json!({ "commentId": w.fans_comment().1 })),
    ("react",                   "",                     [SignIn, OK,    OK,     OK,     OK], |w, _| json!({ "commentId": w.fans_comment().1, "reaction": "love", "on": true })),
    ("rename_member",           "the fan's profile",    [SignIn, OK,    No,     No,     OK], |w, _| json!({ "memberId": w.id[FAN], "displayName": "Fan Renamed" })),
    ("change_role",             "a fan to moderator",   [SignIn, No,    No,     No,     OK], |w, _| json!({ "memberId": w.new_fan(), "role": "moderator" })),
    ("change_status",           "",                     [SignIn, No,    No,     OK,     OK], |w, _| json!({ "update": { "ideaId": w.fans_idea(), "to": "under_review", "note": null } })),
    ("change_status_bulk",      "",                     [SignIn, No,    No,     OK,     OK], |w, _| json!({ "ideaIds": [w.fans_idea(), w.fans_idea()], "to": "under_review", "note": null })),
    ("merge_preview",           "",                     [SignIn, No,    No,     OK,     OK], |w, _| json!({ "sourceId": w.fans_idea(), "targetId": w.fans_idea() })),
    ("merge_ideas",             "",                     [SignIn, No,    No,     OK,     OK], |w, _| json!({ "sourceId": w.fans_idea(), "targetId": w.fans_idea(), "note": null })),
    ("update_board_settings",   "",                     [SignIn, No,    No,     No,     OK], |w, _| json!({ "settings": ops::board_settings(&w.board).unwrap() })),
    ("add_category",            "",                     [SignIn, No,    No,     OK,     OK], |_, i| json!({ "category": { "slug": format!("cat-{i}-{}", now().millis()), "name": "新类别", "nameEn": "New" } })),
    ("audit_log",               "",                     [SignIn, No,    No,     OK,     OK], |_, _| json!({ "limit": 5 })),
    ("report_content",          "an idea",              [SignIn, OK,    OK,     OK,     OK], |w, _| json!({ "input": { "target": { "kind": "idea", "id": w.fans_idea() }, "reason": "Off topic." } })),
    ("report_content",          "a hidden idea",        [SignIn, Unseen, Unseen, OK,    OK], |w, _| json!({ "input": { "target": { "kind": "idea", "id": w.hidden_idea() }, "reason": "Off topic." } })),
    ("moderation_queue",        "",                     [SignIn, No,    No,     OK,     OK], |_, _| json!({ "offset": 0, "limit": 5 })),
    ("set_comment_hidden",      "",                     [SignIn, No,    No,     OK,     OK], |w, _| json!({ "commentId": w.fans_comment().1, "hidden": true })),
    ("resolve_reports",         "",                     [SignIn, No,    No,     OK,     OK], |w, _| json!({ "target": { "kind": "idea", "id": w.reported_idea() }, "outcome": "dismissed" })),
    ("triage_inbox",            "",                     [SignIn, No,    No,     OK,     OK], |_, _| json!({ "query": { "status": null, "offset": 0, "limit": 5 } })),
    ("team_analytics",          "",                     [SignIn, No,    No,     OK,     OK], |_, _| json!({ "weeks": 4 })),
    ("engagement",              "",                     [SignIn, No,    No,     OK,     OK], |_, _| json!({ "leaderboard": 5, "weeks": 4 })),
    ("member_directory",        "",                     [SignIn, No,    No,     OK,     OK], |_, _| json!({ "query": { "teamOnly": false, "search": null, "after": null, "limit": 5 } })),
    ("sign_up_mode",            "",                     [OK,    OK,     OK,     OK,     OK], |_, _| json!(null)),
    ("set_sign_up_mode",        "to open",              [SignIn, No,    No,     No,     OK], |_, _| json!({ "mode": "open" })),
    ("invite",                  "",                     [SignIn, No,    No,     No,     OK], |_, _| json!({ "input": { "role": "moderator", "validForHours": 24 } })),
    ("list_invitations",        "",                     [SignIn, No,    No,     No,     OK], |_, _| json!(null)),
    ("revoke_invitation",       "",                     [SignIn, No,    No,     No,     OK], |w, _| json!({ "invitationId": w.fan_invitation().0 })),
    ("check_invitation",        "",                     [OK,    OK,     OK,     OK,     OK], |w, _| json!({ "token": w.fan_invitation().1 })),
    ("accept_invitation",       "a fan's",              [SignIn, OK,    OK,     OK,     OK], |w, _| json!({ "token": w.fan_invitation().1 })),
    ("issue_password_reset",    "for the fan",          [SignIn, No,    No,     No,     OK], |w, _| json!({ "memberId": w.id[FAN] })),
    ("my_account",              "",                     [SignIn, OK,    OK,     OK,     OK], |_, _| json!(null)),
];

#[test]
fn every_served_command_answers_each_role_as_designed() {
    let mut world = World::new();
    let mut wrong = Vec::new();
    for (command, case, expects, setup) in MATRIX {
        for (caller, expect) in expects.iter().enumerate() {
            let body = setup(&mut world, caller);
            let headers: Vec<(&str, &str)> = world.bearer[caller]
                .as_deref()
                .map(|b| vec![("Authorization", b)])
                .unwrap_or_default();
            let reply = world.server.call(command, &headers, &body);
            let code = if reply.status == 200 {
                String::new()
            } else {
                reply.code()
            };
            if (reply.status, code.as_str()) != expect.answer() {
                wrong.push(format!(
                    "{command} {case} as caller {caller}: expected {:?}, got {} {}",
                    expect.answer(),
                    reply.status,
                    String::from_utf8_lossy(&reply.body)
                        .chars()
                        .take(200)
                        .collect::<String>()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_matrix_covers_every_command_the_server_serves() {
    let served: Vec<&str> = ideaboard_api::commands::ALL
        .iter()
        .filter(|c| c.served_remotely())
        .map(|c| c.name)
        .collect();
    let missing: Vec<&&str> = served
        .iter()
        .filter(|name| !MATRIX.iter().any(|(c, ..)| c == *name))
        .collect();
    assert!(missing.is_empty(), "not in the HTTP matrix: {missing:?}");
}
