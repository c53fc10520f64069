//! The generator: from the contract's one table, the files every host and the UI
//! build on. Each file is written whole and committed; [`check`] finds any that
//! differ from what would be written (stale, or edited by hand), which the test
//! command runs (`ideaboard-api-gen --check`, and a test in this crate).

mod tauri;
mod types;
mod typescript;

use std::fmt;
use std::path::{Path, PathBuf};

/// The command that writes the generated files, named in each file's header.
pub const GENERATOR: &str = "cargo run -p ideaboard-api --bin ideaboard-api-gen";

/// One generated file: where it goes (relative to the repository root) and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Path relative to the repository's root, with `/` separators.
    pub path: &'static str,
    /// The whole file.
    pub contents: String,
}

/// Every generated file, from the contract as compiled.
pub fn files() -> Vec<Generated> {
    vec![
        Generated {
            path: "ui/src/ipc/bindings.ts",
            contents: typescript::bindings(),
        },
        Generated {
            path: "ui/src/ipc/commands.ts",
            contents: typescript::client(),
        },
        Generated {
            path: "ui/src/ipc/contract.ts",
            contents: typescript::names(),
        },
        Generated {
            path: "ui/src/ipc/errorCodes.ts",
            contents: typescript::error_codes(),
        },
        Generated {
            path: "src-tauri/capabilities/commands.json",
            contents: tauri::capability(),
        },
        Generated {
            path: "src-tauri/commands.rs",
            contents: tauri::command_names(),
        },
    ]
}

/// A generated file whose committed copy differs from what the generator writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// The file, relative to the repository's root.
    pub path: &'static str,
    /// Whether it is missing altogether.
    pub missing: bool,
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = if self.missing {
            "is missing"
        } else {
            "differs from what the contract generates (stale, or edited by hand)"
        };
        write!(f, "{} {why}", self.path)
    }
}

/// The generated files under `root` that are missing or differ; empty when all are fresh.
pub fn check(root: &Path) -> Vec<Stale> {
    files()
        .into_iter()
        .filter_map(|file| match std::fs::read_to_string(root.join(file.path)) {
            Ok(text) if text == file.contents => None,
            Ok(_) => Some(Stale {
                path: file.path,
                missing: false,
            }),
            Err(_) => Some(Stale {
                path: file.path,
                missing: true,
            }),
        })
        .collect()
}

/// Writes every generated file under `root` that differs; returns those written.
pub fn write(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for file in files() {
        let path = root.join(file.path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(file.contents.as_str()) {
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, &file.contents)?;
        written.push(path);
    }
    Ok(written)
}

/// The repository's root, from this crate's manifest directory (`crates/api`).
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/api sits two levels below the root")
        .to_path_buf()
}

/// `snake_case` to `camelCase`, as serde's `rename_all = "camelCase"` spells fields.
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::camel_case;

    #[test]
    fn camel_case_spells_fields_as_serde_does() {
        assert_eq!(camel_case("idea_id"), "ideaId");
        assert_eq!(camel_case("on"), "on");
        assert_eq!(
            camel_case("mark_notifications_read"),
            "markNotificationsRead"
        );
    }
}
