//! The shell's locks (issue 8), read from the files that set them so a loosening
//! fails here: the CSP allows no `unsafe-eval` and no `unsafe-inline` scripts, the
//! Tauri API is not on `window`, prototypes are frozen, and every capability grants
//! either one of the app's own commands or one plugin permission this list names,
//! each the narrowest the feature needs.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn shell() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src-tauri")
}

fn json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Plugin permissions the app may hold, and why.
const PLUGIN_PERMISSIONS: &[(&str, &str)] = &[
    (
        "core:event:default",
        "the core's event bus (listen/emit), nothing else of core",
    ),
    (
        "notification:allow-notify",
        "an OS notification when a followed idea moves",
    ),
    ("dialog:allow-save", "the save dialog of the export"),
    ("dialog:allow-open", "the open dialog of the import"),
];

/// The CSP's directives, by name.
fn directives(csp: &str) -> Vec<(String, Vec<String>)> {
    csp.split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_whitespace().map(str::to_string);
            let name = words.next().unwrap_or_default();
            (name, words.collect())
        })
        .collect()
}

#[test]
fn the_csp_runs_only_the_apps_own_scripts() {
    let conf = json(&shell().join("tauri.conf.json"));
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP string in tauri.conf.json");
    let directives = directives(csp);
    let sources = |name: &str| {
        directives
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s.clone())
    };
    let default = sources("default-src").expect("default-src");
    assert_eq!(default, ["'self'"], "default-src is the app itself");
    // Scripts fall back to default-src when script-src is absent.
    let scripts = sources("script-src").unwrap_or(default);
    for banned in [
        "'unsafe-eval'",
        "'unsafe-inline'",
        "'wasm-unsafe-eval'",
        "*",
        "data:",
        "http:",
        "https:",
    ] {
        assert!(
            !scripts.iter().any(|s| s == banned),
            "script-src allows {banned}: {scripts:?}"
        );
    }
    assert_eq!(sources("object-src"), Some(vec!["'none'".to_string()]));
    let connect = sources("connect-src").expect("connect-src");
    assert!(
        connect
            .iter()
            .all(|s| s == "ipc:" || s == "http://ipc.localhost"),
        "the window talks only to the app: {connect:?}"
    );
}

#[test]
fn the_tauri_api_is_not_global_and_prototypes_are_frozen() {
    let conf = json(&shell().join("tauri.conf.json"));
    assert_eq!(conf["app"]["withGlobalTauri"], Value::Bool(false));
    assert_eq!(
        conf["app"]["security"]["freezePrototype"],
        Value::Bool(true)
    );
}

#[test]
fn capabilities_grant_only_app_commands_and_the_named_plugin_permissions() {
    let mut files: Vec<PathBuf> = fs::read_dir(shell().join("capabilities"))
        .expect("capabilities/")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let capability = json(&file);
        let windows = capability["windows"].as_array().expect("windows");
        assert_eq!(
            windows,
            &[Value::from("main")],
            "{}: only the main window",
            file.display()
        );
        assert!(
            capability.get("remote").is_none(),
            "{}: no remote URLs",
            file.display()
        );
        for permission in capability["permissions"].as_array().expect("permissions") {
            let Some(name) = permission.as_str() else {
                panic!(
                    "{}: a permission with a scope object: {permission}",
                    file.display()
                );
            };
            let own_command = name.starts_with("allow-") && !name.contains(':');
            let named = PLUGIN_PERMISSIONS.iter().any(|(p, _)| *p == name);
            assert!(
                own_command || named,
                "{}: {name} is neither an app command nor a plugin permission the app needs",
                file.display()
            );
        }
    }
}
