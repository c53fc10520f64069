//! Who joins a shared board, over HTTP: the sign-up setting, an admin's invitation
//! links (the role comes from the link, once), password-reset links, changing one's
//! password, and the team's members page. Each test signs people up from addresses
//! of their own (`--forwarded-for`), so the per-address sign-up limit is not what
//! answers.

use serde_json::{Value, json};

use crate::support::{Reply, Server, board_bytes, contains};

const PASSWORD: &str = "a quiet morning espresso";
const NEW_PASSWORD: &str = "ginger tea by the window";

/// Signs up from its own address `198.51.100.<n>`, for a bearer token.
fn sign_up(server: &Server, n: u8, email: &str, invitation: Option<&str>) -> Reply {
    let from = format!("198.51.100.{n}");
    server.post(
        "/api/auth/sign_up",
        &[("X-Forwarded-For", &from)],
        &json!({
            "displayName": email.split('@').next().unwrap(),
            "email": email, "password": PASSWORD,
            "invitation": invitation, "bearer": true,
        }),
    )
}

/// The `Authorization` value of a sign-up's or sign-in's bearer token.
fn bearer_of(reply: &Reply) -> String {
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    format!("Bearer {}", reply.json()["token"].as_str().unwrap())
}

/// Signs in from its own address; the reply.
fn sign_in(server: &Server, n: u8, email: &str, password: &str, bearer: bool) -> Reply {
    let from = format!("198.51.100.{n}");
    server.post(
        "/api/auth/sign_in",
        &[("X-Forwarded-For", &from)],
        &json!({ "email": email, "password": password, "bearer": bearer }),
    )
}

fn status_code(reply: &Reply) -> (u16, String) {
    let code = if reply.status == 200 {
        String::new()
    } else {
        reply.code()
    };
    (reply.status, code)
}

fn refused(reply: &Reply, status: u16, code: &str) {
    assert_eq!(
        status_code(reply),
        (status, code.to_string()),
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
}

/// An invitation by `admin` for `role`: (id, token).
fn invite(server: &Server, admin: &str, role: &str) -> (String, String) {
    let issued = server.call(
        "invite",
        &[("Authorization", admin)],
        &json!({ "input": { "role": role, "validForHours": 48 } }),
    );
    assert_eq!(
        issued.status,
        200,
        "{}",
        String::from_utf8_lossy(&issued.body)
    );
    let answer = issued.json();
    assert_eq!(answer["invitation"]["role"], role);
    (
        answer["invitation"]["id"].as_str().unwrap().to_string(),
        answer["token"].as_str().unwrap().to_string(),
    )
}

fn pending_ids(server: &Server, admin: &str) -> Vec<String> {
    let list = server.call(
        "list_invitations",
        &[("Authorization", admin)],
        &json!(null),
    );
    assert_eq!(list.status, 200);
    list.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn invitations_decide_who_joins_in_which_role_and_work_once() {
    let server = Server::start(&["--forwarded-for"]);
    let admin = server.admin("ada@brand.example");
    let as_admin = [("Authorization", admin.as_str())];

    let set = server.call(
        "set_sign_up_mode",
        &as_admin,
        &json!({ "mode": "invite_only" }),
    );
    assert_eq!(set.json(), json!("invite_only"));
    let asked = server.call("sign_up_mode", &[], &json!(null));
    assert_eq!(asked.json(), json!("invite_only"));
    refused(
        &sign_up(&server, 1, "walk-in@example.com", None),
        403,
        "InvitationRequired",
    );

    // The link says what it offers, and the role comes from it.
    let (invitation_id, token) = invite(&server, &admin, "moderator");
    let offered = server.call("check_invitation", &[], &json!({ "token": token }));
    assert_eq!(offered.json()["role"], "moderator");
    assert!(pending_ids(&server, &admin).contains(&invitation_id));
    let joined = sign_up(&server, 2, "mia@brand.example", Some(&token));
    let mia = bearer_of(&joined);
    assert_eq!(joined.json()["profile"]["role"], "moderator");
    let as_mia = [("Authorization", mia.as_str())];
    let inbox = json!({ "query": { "status": null, "offset": 0, "limit": 5 } });
    assert_eq!(server.call("triage_inbox", &as_mia, &inbox).status, 200);

    // Spent: refused for anyone else, and no longer pending.
    refused(
        &sign_up(&server, 3, "copy@brand.example", Some(&token)),
        400,
        "TokenExpired",
    );
    refused(
        &server.call("check_invitation", &[], &json!({ "token": token })),
        400,
        "TokenExpired",
    );
    assert!(!pending_ids(&server, &admin).contains(&invitation_id));

    // Revoked: refused as well.
    let (revoked_id, revoked) = invite(&server, &admin, "fan");
    let revoke = server.call(
        "revoke_invitation",
        &as_admin,
        &json!({ "invitationId": revoked_id }),
    );
    assert_eq!(revoke.status, 200);
    refused(
        &sign_up(&server, 4, "late@example.com", Some(&revoked)),
        400,
        "TokenExpired",
    );

    // Closed: nobody by themselves nor with a fan's link; the team still joins.
    server.call("set_sign_up_mode", &as_admin, &json!({ "mode": "closed" }));
    let (_, fan_link) = invite(&server, &admin, "fan");
    refused(
        &sign_up(&server, 5, "fan@example.com", Some(&fan_link)),
        403,
        "SignUpClosed",
    );
    let (_, admin_link) = invite(&server, &admin, "admin");
    let second_admin = sign_up(&server, 6, "ana@brand.example", Some(&admin_link));
    bearer_of(&second_admin);
    assert_eq!(second_admin.json()["profile"]["role"], "admin");

    // A fan (invited while the board was open to invitations) cannot invite.
    server.call(
        "set_sign_up_mode",
        &as_admin,
        &json!({ "mode": "invite_only" }),
    );
    let fan = bearer_of(&sign_up(&server, 7, "fan@example.com", Some(&fan_link)));
    let as_fan = [("Authorization", fan.as_str())];
    let tried = server.call(
        "invite",
        &as_fan,
        &json!({ "input": { "role": "admin", "validForHours": 48 } }),
    );
    refused(&tried, 403, "NotAllowed");
    refused(
        &server.call("set_sign_up_mode", &as_fan, &json!({ "mode": "open" })),
        403,
        "NotAllowed",
    );

    let bytes = board_bytes(&server.board());
    for secret in [&token, &revoked, &fan_link, &admin_link] {
        assert!(
            !contains(&bytes, secret.as_bytes()),
            "an invitation token is in the board in clear"
        );
    }
}

#[test]
fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    let server = Server::start(&["--forwarded-for"]);
    let admin = server.admin("ada@brand.example");
    let joined = sign_up(&server, 1, "wang@example.com", None);
    let in_app = bearer_of(&joined);
    let wang_id = joined.json()["profile"]["id"].as_str().unwrap().to_string();
    let browser = sign_in(&server, 2, "wang@example.com", PASSWORD, false);
    assert_eq!(browser.status, 200);
    let cookie = browser
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let csrf = browser.json()["csrfToken"].as_str().unwrap().to_string();
    let in_browser = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf.as_str())];

    // A fan issues no reset link, for anyone.
    let for_wang = json!({ "memberId": wang_id });
    refused(
        &server.call(
            "issue_password_reset",
            &[("Authorization", &in_app)],
            &for_wang,
        ),
        403,
        "NotAllowed",
    );
    let issued = server.call(
        "issue_password_reset",
        &[("Authorization", &admin)],
        &for_wang,
    );
    assert_eq!(
        issued.status,
        200,
        "{}",
        String::from_utf8_lossy(&issued.body)
    );
    assert_eq!(issued.json()["memberId"], Value::String(wang_id.clone()));
    let token = issued.json()["token"].as_str().unwrap().to_string();

    // The same rules as signing up, and a refusal spends nothing.
    let reset = |password: &str| {
        server.post(
            "/api/auth/reset_password",
            &[("X-Forwarded-For", "198.51.100.9")],
            &json!({ "token": token, "password": password }),
        )
    };
    refused(&reset("short"), 400, "PasswordTooShort");
    assert_eq!(
        server
            .call("my_account", &[("Authorization", &in_app)], &json!(null))
            .status,
        200,
        "a refused reset signs no one out"
    );
    let done = reset(NEW_PASSWORD);
    assert_eq!(done.status, 200, "{}", String::from_utf8_lossy(&done.body));
    assert_eq!(done.json()["id"], Value::String(wang_id));

    // Every session of the member ended, the app's and the browser's.
    refused(
        &server.call("my_account", &[("Authorization", &in_app)], &json!(null)),
        401,
        "NotSignedIn",
    );
    refused(
        &server.call("my_account", &in_browser, &json!(null)),
        401,
        "NotSignedIn",
    );
    refused(
        &sign_in(&server, 3, "wang@example.com", PASSWORD, true),
        401,
        "InvalidCredentials",
    );
    let again = bearer_of(&sign_in(&server, 4, "wang@example.com", NEW_PASSWORD, true));
    let account = server.call("my_account", &[("Authorization", &again)], &json!(null));
    assert_eq!(account.json()["email"], "wang@example.com");

    // Spent.
    refused(&reset("yet another long password"), 400, "TokenExpired");
    let bytes = board_bytes(&server.board());
    for secret in [token.as_str(), NEW_PASSWORD] {
        assert!(
            !contains(&bytes, secret.as_bytes()),
            "{secret} is in the board in clear"
        );
    }
}

#[test]
fn a_member_changes_their_password_and_their_other_sessions_end() {
    let server = Server::start(&["--forwarded-for"]);
    let in_app = bearer_of(&sign_up(&server, 1, "li@example.com", None));
    let browser = sign_in(&server, 2, "li@example.com", PASSWORD, false);
    let cookie = browser
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let csrf = browser.json()["csrfToken"].as_str().unwrap().to_string();
    let in_browser = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf.as_str())];
    let change = |headers: &[(&str, &str)], current: &str, new: &str| {
        let mut all = vec![("X-Forwarded-For", "198.51.100.20")];
        all.extend_from_slice(headers);
        server.post(
            "/api/auth/change_password",
            &all,
            &json!({ "currentPassword": current, "newPassword": new }),
        )
    };

    refused(&change(&[], PASSWORD, NEW_PASSWORD), 401, "NotSignedIn");
    refused(
        &change(&[("Cookie", cookie.as_str())], PASSWORD, NEW_PASSWORD),
        403,
        "CsrfRejected",
    );
    refused(
        &change(&in_browser, "not my password at all", NEW_PASSWORD),
        401,
        "InvalidCredentials",
    );
    refused(
        &change(&in_browser, PASSWORD, "short"),
        400,
        "PasswordTooShort",
    );
    // None of the refusals changed anything: both sessions still work.
    assert_eq!(
        server
            .call("my_account", &[("Authorization", &in_app)], &json!(null))
            .status,
        200
    );

    let changed = change(&in_browser, PASSWORD, NEW_PASSWORD);
    assert_eq!(
        changed.status,
        200,
        "{}",
        String::from_utf8_lossy(&changed.body)
    );
    // This browser stays signed in; the app is signed out.
    let mine = server.call("my_account", &in_browser, &json!(null));
    assert_eq!(mine.json()["email"], "li@example.com");
    refused(
        &server.call("my_account", &[("Authorization", &in_app)], &json!(null)),
        401,
        "NotSignedIn",
    );
    refused(
        &sign_in(&server, 3, "li@example.com", PASSWORD, true),
        401,
        "InvalidCredentials",
    );
    bearer_of(&sign_in(&server, 4, "li@example.com", NEW_PASSWORD, true));
}

#[test]
fn the_team_sees_the_members_and_only_admins_see_emails() {
    let server = Server::start(&["--forwarded-for"]);
    let admin = server.admin("ada@brand.example");
    let (_, link) = invite(&server, &admin, "moderator");
    let moderator = bearer_of(&sign_up(&server, 1, "mia@brand.example", Some(&link)));
    let fan = bearer_of(&sign_up(&server, 2, "fang@fans.example", None));
    let query =
        json!({ "query": { "teamOnly": false, "search": null, "after": null, "limit": 3 } });

    let seen = server.call("member_directory", &[("Authorization", &moderator)], &query);
    assert_eq!(seen.status, 200, "{}", String::from_utf8_lossy(&seen.body));
    let members = seen.json()["members"].as_array().cloned().unwrap();
    let names: Vec<&str> = members
        .iter()
        .map(|m| m["profile"]["displayName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["fang", "mia", "Ada"]);
    assert!(members.iter().all(|m| m["email"].is_null()), "{members:?}");
    assert!(
        !String::from_utf8_lossy(&seen.body).contains("@"),
        "no email reaches a moderator"
    );
    assert!(
        seen.json()["next"].is_string(),
        "the demo board's profiles follow"
    );

    let for_admin = server.call("member_directory", &[("Authorization", &admin)], &query);
    assert_eq!(for_admin.json()["members"][0]["email"], "fang@fans.example");
    refused(
        &server.call("member_directory", &[("Authorization", &fan)], &query),
        403,
        "NotAllowed",
    );
}
