//! The architecture's rules, checked on the source tree so they cannot quietly rot:
//! the core never depends on tauri, and the contract (crates/api) on no host; SQL
//! lives only in the core's store/; the UI calls invoke() only from ui/src/ipc;
//! every command of the contract is declared and gated, and the shell has none of
//! its own;
//! inside the core the floors are straight (store and import never reach up into ops,
//! no two files import each other, the store reads no clock).

#[path = "architecture/modules.rs"]
mod modules;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path, ext: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !matches!(name, "node_modules" | "dist" | "target" | "gen") {
                files_under(&path, ext, out);
            }
        } else if ext.iter().any(|e| name.ends_with(e)) {
            out.push(path);
        }
    }
}

/// Every package the named package depends on, transitively, from Cargo.lock.
fn dependency_closure(package: &str) -> BTreeSet<String> {
    let text = fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock");
    let lock: toml::Table = match toml::from_str(&text) {
        Ok(lock) => lock,
        Err(e) => panic!("Cargo.lock does not parse: {}", e.message()),
    };
    let mut deps: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pkg in lock["package"].as_array().expect("packages") {
        let name = pkg["name"].as_str().expect("name").to_string();
        let list = pkg
            .get("dependencies")
            .and_then(|d| d.as_array())
            .cloned()
            .unwrap_or_default();
        // Entries are "name" or "name version" when several versions are locked.
        let names = list
            .iter()
            .filter_map(|d| d.as_str())
            .map(|d| d.split(' ').next().unwrap_or(d).to_string());
        deps.entry(name).or_default().extend(names);
    }
    let mut seen = BTreeSet::new();
    let mut stack = vec![package.to_string()];
    while let Some(p) = stack.pop() {
        for d in deps.get(&p).cloned().unwrap_or_default() {
            if seen.insert(d.clone()) {
                stack.push(d);
            }
        }
    }
    seen
}

#[test]
fn the_core_never_depends_on_tauri_and_the_app_does() {
    let core = dependency_closure("ideaboard-core");
    assert!(core.contains("rusqlite"), "closure computed: {core:?}");
    let tauri: Vec<_> = core
        .iter()
        .filter(|d| d.starts_with("tauri") || d.starts_with("wry") || d.starts_with("tao"))
        .collect();
    assert!(tauri.is_empty(), "ideaboard-core pulls in {tauri:?}");
    assert!(
        dependency_closure("ideaboard-app").contains("tauri"),
        "the check can see tauri where it is"
    );
}

#[test]
fn sql_lives_only_in_the_core_store() {
    let mut files = Vec::new();
    for dir in ["crates", "src-tauri/src"] {
        files_under(&root().join(dir), &[".rs"], &mut files);
    }
    let sql = [
        "SELECT ",
        "INSERT INTO",
        "UPDATE ",
        "DELETE FROM",
        "CREATE TABLE",
        "PRAGMA ",
    ];
    let mut offenders = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(root())
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("crates/core/src/store/") || rel.contains("/tests/") {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let in_string = line.contains('"');
            if in_string && sql.iter().any(|k| line.contains(k)) {
                offenders.push(format!("{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "SQL outside crates/core/src/store:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_ui_invokes_only_through_its_ipc_module() {
    let mut files = Vec::new();
    files_under(&root().join("ui/src"), &[".ts", ".svelte"], &mut files);
    assert!(!files.is_empty(), "ui sources found");
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| {
            !f.to_string_lossy()
                .replace('\\', "/")
                .contains("/ui/src/ipc/")
        })
        .filter(|f| !f.to_string_lossy().contains(".test."))
        .filter(|f| {
            let text = fs::read_to_string(f).unwrap_or_default();
            text.contains("@tauri-apps/api/core") || text.contains("invoke(")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "invoke() outside ui/src/ipc: {offenders:?}"
    );
}

/// The command names build.rs declares to Tauri's ACL (generated from the contract).
fn declared_commands() -> BTreeSet<String> {
    let names = fs::read_to_string(root().join("src-tauri/commands.rs")).expect("commands.rs");
    let list = names
        .split("= &[")
        .nth(1)
        .and_then(|s| s.split(']').next())
        .expect("command list");
    list.split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The app's own commands the capabilities allow, across every file in capabilities/.
fn allowed_commands() -> BTreeSet<String> {
    let mut allowed = BTreeSet::new();
    for entry in fs::read_dir(root().join("src-tauri/capabilities")).expect("capabilities/") {
        let path = entry.expect("entry").path();
        let cap: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&path).expect("capability")).expect("json");
        allowed.extend(
            cap["permissions"]
                .as_array()
                .expect("permissions")
                .iter()
                .filter_map(|p| p.as_str())
                .filter_map(|p| p.strip_prefix("allow-"))
                .map(|p| p.replace('-', "_")),
        );
    }
    allowed
}

/// Every command of the contract is declared to Tauri's ACL and allowed to the main
/// window, and nothing else is; the shell holds no per-command code (no
/// `#[tauri::command]`, no `generate_handler!`), as every command goes through the
/// contract's dispatch. (That these generated files match the contract is the
/// generator's `--check`, also a test of crates/api.)
#[test]
fn every_command_is_declared_and_allowed_and_the_shell_has_none_of_its_own() {
    let commands = declared_commands();
    assert!(commands.len() > 50, "commands found: {commands:?}");
    assert_eq!(
        allowed_commands(),
        commands,
        "capabilities/ allow a different set of commands than build.rs declares"
    );
    let mut files = Vec::new();
    files_under(&root().join("src-tauri/src"), &[".rs"], &mut files);
    assert!(!files.is_empty());
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = fs::read_to_string(f).unwrap_or_default();
            text.contains("tauri::command") || text.contains("generate_handler!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "per-command code in the shell (declare the command in crates/api instead): {offenders:?}"
    );
}

/// The contract is what every host builds on, so it depends on no host: no tauri,
/// no axum, no web server, no window.
#[test]
fn the_contract_depends_on_no_host() {
    let api = dependency_closure("ideaboard-api");
    assert!(api.contains("ideaboard-core"), "closure computed: {api:?}");
    let hosts: Vec<_> = api
        .iter()
        .filter(|d| {
            [
                "tauri", "wry", "tao", "axum", "hyper", "tower", "actix", "warp",
            ]
            .iter()
            .any(|h| d.starts_with(h))
        })
        .collect();
    assert!(hosts.is_empty(), "ideaboard-api pulls in {hosts:?}");
    assert!(
        dependency_closure("ideaboard-app").contains("ideaboard-api"),
        "the app hosts the contract"
    );
}

#[test]
fn the_http_client_is_no_host_either() {
    let client = dependency_closure("ideaboard-client");
    assert!(client.contains("hyper"), "closure computed: {client:?}");
    let hosts: Vec<_> = client
        .iter()
        .filter(|d| {
            ["tauri", "wry", "tao", "axum", "actix", "warp"]
                .iter()
                .any(|h| d.starts_with(h))
        })
        .collect();
    assert!(hosts.is_empty(), "ideaboard-client pulls in {hosts:?}");
    assert!(
        dependency_closure("ideaboard-app").contains("ideaboard-client"),
        "the app reaches shared boards through it"
    );
}

/// The workshop's code (the core's `devtools` feature: the bench's floors, the bulk
/// loader, the scale seed) stays out of what ships: the desktop app and
/// ideaboard-cli resolve the core without it, although ideaboard-stress in the same
/// workspace enables it. Asked of cargo itself, as `cargo tree -p <package> -e
/// features` resolves a build of that package alone.
#[test]
fn the_app_and_the_cli_build_the_core_without_devtools() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let core_features = |package: &str| -> String {
        let out = std::process::Command::new(&cargo)
            .current_dir(root())
            .args([
                "tree",
                "-e",
                "features",
                "-i",
                "ideaboard-core",
                "-p",
                package,
            ])
            .output()
            .expect("run cargo tree");
        assert!(
            out.status.success(),
            "cargo tree -p {package}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    for package in ["ideaboard-app", "ideaboard-cli"] {
        let tree = core_features(package);
        assert!(tree.contains(&format!("{package} v")), "{tree}");
        assert!(
            !tree.contains("devtools"),
            "{package} builds the core with devtools:\n{tree}"
        );
    }
    assert!(
        core_features("ideaboard-stress").contains("ideaboard-core feature \"devtools\""),
        "the check can see devtools where it is enabled"
    );
}

fn core() -> modules::Crate {
    modules::Crate::read(&root().join("crates/core/src"))
}

/// The layers above the store and the importers: validation rules sit below them
/// (`crate::rules`), so the store and the importers never name an op.
#[test]
fn the_store_and_the_importers_never_reach_up_into_ops() {
    let core = core();
    let mut offenders = Vec::new();
    for file in core.files() {
        let below_ops = ["store/", "import/", "rules", "model/"];
        if !below_ops.iter().any(|floor| file.starts_with(floor)) {
            continue;
        }
        for (target, at) in core.dependencies(file) {
            if target.starts_with("ops/") {
                offenders.push(format!(
                    "crates/core/src/{file}:{}: `{}` is in {target}",
                    at.line, at.path
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "the store, the importers, the rules and the model import ops:\n{}",
        offenders.join("\n")
    );
    // The check sees the floors it guards: ops do use the store and the rules.
    let ops_ideas = core.dependencies("ops/ideas.rs");
    assert!(ops_ideas.contains_key("store/ideas.rs") && ops_ideas.contains_key("rules.rs"));
}

/// Two files that import each other are one concern split in two, or a floor that
/// crosses; either way neither can change alone.
#[test]
fn no_two_core_files_import_each_other() {
    let core = core();
    let files: Vec<&str> = core.files().collect();
    assert!(files.len() > 50, "core files found: {}", files.len());
    let graph: BTreeMap<&str, BTreeMap<String, modules::Use>> =
        files.iter().map(|f| (*f, core.dependencies(f))).collect();
    // The scale seed leaves the core with the rest of the workshop (issue 13's
    // crates/stress); until then its two files stand as they are. Listed pairs
    // must still exist, so the list shrinks when they go.
    let known = [("seed/scale.rs", "seed/scale_plan.rs")];
    let mut cycles = Vec::new();
    let mut still_known = Vec::new();
    for (a, deps) in &graph {
        for (b, at) in deps {
            if known.contains(&(*a, b.as_str())) {
                still_known.push((*a, b.as_str()));
                continue;
            }
            if a < &b.as_str()
                && let Some(back) = graph.get(b.as_str()).and_then(|d| d.get(*a))
            {
                cycles.push(format!(
                    "{a} <-> {b} ({a}:{} `{}`; {b}:{} `{}`)",
                    at.line, at.path, back.line, back.path
                ));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "core files that import each other:\n{}",
        cycles.join("\n")
    );
    for pair in known {
        let gone = !still_known.contains(&pair)
            || !graph.get(pair.1).is_some_and(|d| d.contains_key(pair.0));
        assert!(
            !gone,
            "{pair:?} no longer import each other: drop them from `known`"
        );
    }
    // The graph sees through re-exports: `crate::Result` is error.rs, not lib.rs.
    assert!(graph["store/ideas.rs"].contains_key("error.rs"));
    assert!(!graph["clock.rs"].contains_key("lib.rs"));
}

/// Every op takes `now`; the wall clock is read by the hosts and tools that call
/// them. In the core only `Timestamp::now` itself reads it, and the benchmarks
/// measure with it; the store never does.
#[test]
fn the_core_reads_no_wall_clock_outside_its_allowed_places() {
    let allowed = ["clock.rs", "bench.rs"];
    let clocks = [
        "Timestamp::now",
        "SystemTime::now",
        "Instant::now",
        "OffsetDateTime::now",
        "Utc::now",
        "Local::now",
    ];
    let core = core();
    let mut offenders = Vec::new();
    for file in core.files() {
        if allowed.contains(&file) && !file.starts_with("store/") {
            continue;
        }
        for (n, line) in core.code(file).lines().enumerate() {
            if let Some(clock) = clocks.iter().find(|c| line.contains(*c)) {
                offenders.push(format!("crates/core/src/{file}:{}: {clock}", n + 1));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "wall-clock reads in the core (take `now` from the caller):\n{}",
        offenders.join("\n")
    );
}

/// Which statuses an idea may move to and which take votes come from the core
/// (`IdeaDetail.allowedStatuses`, `votingOpen`); the UI keeps one list of statuses,
/// the journey's display order in `views/vote/options.ts`. A view naming two or more
/// statuses is keeping a copy of a rule.
#[test]
fn the_ui_keeps_no_status_lists_of_its_own() {
    let statuses = [
        "new",
        "under_review",
        "planned",
        "in_progress",
        "launched",
        "declined",
        "merged",
    ];
    let mut files = Vec::new();
    files_under(&root().join("ui/src"), &[".ts", ".svelte"], &mut files);
    let mut offenders = Vec::new();
    for file in files {
        let path = file.display().to_string().replace('\\', "/");
        let exempt = path.ends_with("/ui/src/views/vote/options.ts")
            || path.ends_with("/ui/src/ipc/bindings.ts")
            || path.contains(".test.")
            || path.contains("/ui/src/test/");
        if exempt {
            continue;
        }
        let text = fs::read_to_string(&file).expect("ui source");
        let named: Vec<&str> = statuses
            .iter()
            .copied()
            .filter(|s| text.contains(&format!("\"{s}\"")) || text.contains(&format!("'{s}'")))
            .collect();
        if named.len() >= 2 {
            offenders.push(format!("{path}: {named:?}"));
        }
    }
    assert!(
        offenders.is_empty(),
        "UI files listing statuses: {offenders:?}"
    );
}

/// The open statuses are spelt as SQL once, built from `IdeaStatus::OPEN` in
/// store/filter.rs; no other core source writes the list out.
#[test]
fn the_core_spells_the_open_statuses_in_sql_once() {
    let mut files = Vec::new();
    files_under(&root().join("crates/core/src"), &[".rs"], &mut files);
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("store/filter.rs"))
        .filter(|f| {
            let text = fs::read_to_string(f).expect("core source");
            text.contains("'under_review', 'planned'") || text.contains("('new', 'under_review')")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "status lists in SQL outside store/filter.rs: {offenders:?}"
    );
}
