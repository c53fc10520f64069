//! The generated files (the Tauri registrations and the TypeScript client) match
//! the contract, so `cargo nextest run --workspace` fails when one is stale or was
//! edited by hand, as `ideaboard-api-gen --check` does.

use ideaboard_api::generate;

#[test]
fn every_generated_file_is_fresh() {
    let stale = generate::check(&generate::repository_root());
    assert!(
        stale.is_empty(),
        "{}\nrun `{}` and commit the result",
        stale
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        generate::GENERATOR
    );
}

#[test]
fn the_check_names_a_file_edited_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let written = generate::write(dir.path()).unwrap();
    assert_eq!(written.len(), generate::files().len());
    assert!(generate::check(dir.path()).is_empty());
    let client = dir.path().join("ui/src/ipc/commands.ts");
    let text = std::fs::read_to_string(&client).unwrap();
    std::fs::write(&client, text.replace("\"vote\"", "\"vote_twice\"")).unwrap();
    std::fs::remove_file(dir.path().join("src-tauri/commands.rs")).unwrap();
    let stale: Vec<String> = generate::check(dir.path())
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        stale,
        [
            "ui/src/ipc/commands.ts differs from what the contract generates (stale, or edited by hand)",
            "src-tauri/commands.rs is missing",
        ]
    );
}

#[test]
fn every_command_has_a_function_and_a_permission() {
    let files = generate::files();
    let text = |path: &str| &files.iter().find(|f| f.path == path).unwrap().contents;
    for command in ideaboard_api::commands::ALL {
        let allow = format!("\"allow-{}\"", command.name.replace('_', "-"));
        assert!(text("src-tauri/capabilities/commands.json").contains(&allow));
        assert!(text("src-tauri/commands.rs").contains(&format!("\"{}\"", command.name)));
        assert!(text("ui/src/ipc/commands.ts").contains(&format!("(\"{}\"", command.name)));
    }
    assert!(text("ui/src/ipc/errorCodes.ts").contains("\"UnknownCommand\""));
}
