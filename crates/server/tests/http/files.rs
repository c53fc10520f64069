//! Exports as downloads and imports as uploads: the team downloads the same file
//! the app would write, a fan and a guest are refused before a byte, a cookie
//! session needs its CSRF token; an upload is checked, then imported, all or
//! nothing; a file over `--max-upload` is refused and changes nothing.

use serde_json::{Value, json};

use crate::accounts::browser_fan;
use crate::support::{Reply, Server};

fn export_body(format: &str) -> Value {
    json!({ "request": {
        "format": format,
        "filter": {
            "statuses": [], "category": null, "tag": null, "createdFrom": null,
            "createdTo": null, "minVotes": null, "includeMerged": true
        },
        "includeInternal": false
    }})
}

fn ideas_on(server: &Server) -> u64 {
    let overview = server.call("board_overview", &[], &json!(null)).json();
    overview["counts"]["ideas"].as_u64().expect("a count")
}

#[test]
fn the_team_downloads_an_export_and_no_one_else_does() {
    let server = Server::start(&[]);
    let admin = server.admin("ada@brand.example");
    let team = [("Authorization", admin.as_str())];

    let json_file = server.post("/api/files/export", &team, &export_body("json"));
    assert_eq!(
        json_file.status,
        200,
        "{}",
        String::from_utf8_lossy(&json_file.body)
    );
    assert_eq!(json_file.header("content-type"), Some("application/json"));
    let disposition = json_file.header("content-disposition").unwrap_or_default();
    assert!(
        disposition.starts_with("attachment; filename=\"ideas-")
            && disposition.ends_with(".json\""),
        "{disposition}"
    );
    let bundle: Value = serde_json::from_slice(&json_file.body).expect("a whole JSON bundle");
    let ideas = bundle["ideas"].as_array().expect("ideas");
    assert!(
        ideas.len() as u64 >= ideas_on(&server),
        "every idea of the board"
    );
    let newest = server.call(
        "list_ideas",
        &[],
        &json!({ "query": { "sort": "new", "includeHidden": false, "offset": 0, "limit": 1 } }),
    );
    let title = &newest.json()["items"][0]["title"];
    assert!(
        ideas.iter().any(|idea| &idea["title"] == title),
        "{title} is in the file"
    );

    let csv = server.post("/api/files/export", &team, &export_body("csv"));
    assert_eq!(csv.status, 200);
    assert!(
        csv.body.starts_with("\u{feff}".as_bytes()),
        "UTF-8 with a BOM"
    );
    let xlsx = server.post("/api/files/export", &team, &export_body("xlsx"));
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.body.starts_with(b"PK"), "a zip: the XLSX");

    // A fan, a guest and a fan's cookie without its CSRF token: refused, as JSON.
    let (cookie, csrf) = browser_fan(&server, "wang@example.com");
    let fan = server.post(
        "/api/files/export",
        &[("Cookie", &cookie), ("X-CSRF-Token", &csrf)],
        &export_body("csv"),
    );
    assert_eq!((fan.status, fan.code().as_str()), (403, "NotAllowed"));
    let guest = server.post("/api/files/export", &[], &export_body("csv"));
    assert!(
        guest.status == 401 || guest.status == 403,
        "{}",
        guest.status
    );
    assert!(guest.header("content-disposition").is_none());
    let no_token = server.post(
        "/api/files/export",
        &[("Cookie", &cookie)],
        &export_body("csv"),
    );
    assert_eq!(no_token.code(), "CsrfRejected");
    let bad = server.post(
        "/api/files/export",
        &team,
        &json!({ "request": { "format": "pdf" } }),
    );
    assert_eq!((bad.status, bad.code().as_str()), (400, "BadArguments"));
}

const POSTS_CSV: &str = "number,title,description,created_at,created_by,votes_count,comments_count,status,responded_by,responded_at,response,original_number,original_title,tags\n\
1,Dark mode for the app,Please add dark mode.,2024-01-02T10:00:00Z,Alice,12,3,open,,,,0,,app\n\
2,会员积分可以兑换咖啡,积分兑换咖啡,2024-01-03T10:00:00Z,小王,5,0,planned,Mia,2024-02-01T09:00:00Z,排期在三月,0,,\n";

fn upload(server: &Server, query: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut all = vec![("Content-Type", "text/csv")];
    all.extend_from_slice(headers);
    server.request("POST", &format!("/api/files/import?{query}"), &all, body)
}

#[test]
fn an_upload_is_checked_then_imported_and_a_refused_one_changes_nothing() {
    let server = Server::start(&["--max-body", "1024", "--max-upload", "2048"]);
    let admin = server.admin("ada@brand.example");
    let team = [("Authorization", admin.as_str())];
    let before = ideas_on(&server);

    let preview = upload(
        &server,
        "format=fiderCsv&preview=true",
        &team,
        POSTS_CSV.as_bytes(),
    );
    assert_eq!(
        preview.status,
        200,
        "{}",
        String::from_utf8_lossy(&preview.body)
    );
    assert_eq!(preview.json()["report"]["ideas"], 2);
    assert_eq!(ideas_on(&server), before, "a preview writes nothing");

    let broken = POSTS_CSV.replace("2024-01-03T10:00:00Z", "last tuesday");
    let problems = upload(
        &server,
        "format=fiderCsv&preview=true",
        &team,
        broken.as_bytes(),
    );
    assert_eq!(problems.status, 200);
    assert!(problems.json()["report"].is_null());
    assert_eq!(
        problems.json()["problems"][0]["line"],
        3,
        "{}",
        problems.json()
    );

    let (cookie, csrf) = browser_fan(&server, "wang@example.com");
    let fan = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf.as_str())];
    let refused = upload(&server, "format=fiderCsv", &fan, POSTS_CSV.as_bytes());
    assert_eq!(
        (refused.status, refused.code().as_str()),
        (403, "NotAllowed")
    );

    let too_big = format!("{POSTS_CSV}{}", "x".repeat(2048));
    let large = upload(&server, "format=fiderCsv", &team, too_big.as_bytes());
    assert_eq!(
        (large.status, large.code().as_str()),
        (413, "RequestTooLarge")
    );
    let unknown = upload(&server, "format=pdf", &team, POSTS_CSV.as_bytes());
    assert_eq!(
        (unknown.status, unknown.code().as_str()),
        (400, "BadArguments")
    );
    assert_eq!(ideas_on(&server), before, "nothing refused wrote anything");

    let imported = upload(&server, "format=fiderCsv", &team, POSTS_CSV.as_bytes());
    assert_eq!(
        imported.status,
        200,
        "{}",
        String::from_utf8_lossy(&imported.body)
    );
    assert_eq!(imported.json()["ideas"], 2);
    assert_eq!(ideas_on(&server), before + 2);
}
