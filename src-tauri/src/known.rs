//! The boards the app knows, on disk: `boards.json` in the app's config directory
//! (board files and servers: where, the name, the member's email, which one the
//! window showed last) and, for each shared board, the session's bearer token in a
//! file of its own under the app's data directory, readable by the user alone
//! (0600 in a 0700 directory). There is no OS keyring to ask under every desktop
//! (none under Xvfb, none on a bare window manager), so the token is guarded as an
//! SSH key is. It never goes into the list, and signing out removes its file.

use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

use ideaboard_api::boards::{BoardKind, KnownBoard};
use serde::{Deserialize, Serialize};

/// The list's file in the config directory.
pub const LIST_FILE: &str = "boards.json";
/// The tokens' directory in the data directory.
pub const TOKENS_DIR: &str = "tokens";

/// One known board as the list keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub id: String,
    pub kind: BoardKind,
    pub name: String,
    pub location: String,
    pub email: Option<String>,
}

impl Entry {
    /// A board file at `path`.
    pub fn local(path: &Path, name: &str) -> Entry {
        let location = path.to_string_lossy().into_owned();
        Entry {
            id: id_of("file", &[&location]),
            kind: BoardKind::Local,
            name: name.to_string(),
            location,
            email: None,
        }
    }

    /// The shared board at `url`, as the member `email`.
    pub fn server(url: &str, email: &str, name: &str) -> Entry {
        let email = email.trim().to_lowercase();
        Entry {
            id: id_of("server", &[url, &email]),
            kind: BoardKind::Server,
            name: name.to_string(),
            location: url.to_string(),
            email: Some(email),
        }
    }

    /// As the board menu shows it.
    pub fn shown(&self, current: bool) -> KnownBoard {
        KnownBoard {
            id: self.id.clone(),
            kind: self.kind,
            name: self.name.clone(),
            location: self.location.clone(),
            email: self.email.clone(),
            current,
        }
    }
}

/// A stable id from what makes a board itself (its path; its server and member).
fn id_of(kind: &str, parts: &[&str]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut hasher);
    format!("{kind}-{:016x}", hasher.finish())
}

/// What `boards.json` holds.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stored {
    /// The board the window showed last, when it was a shared board.
    pub current: Option<String>,
    pub boards: Vec<Entry>,
}

/// Where the list and the tokens live.
#[derive(Debug, Clone)]
pub struct Store {
    config_dir: PathBuf,
    data_dir: PathBuf,
}

impl Store {
    pub fn new(config_dir: PathBuf, data_dir: PathBuf) -> Store {
        Store {
            config_dir,
            data_dir,
        }
    }

    /// The list as last saved; empty when there is none (or it does not read:
    /// a list is rebuilt as boards are opened and joined again).
    pub fn load(&self) -> Stored {
        std::fs::read(self.config_dir.join(LIST_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Saves the list whole (a new file renamed over the old one).
    pub fn save(&self, stored: &Stored) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.config_dir)?;
        let path = self.config_dir.join(LIST_FILE);
        let fresh = self.config_dir.join(format!("{LIST_FILE}.new"));
        let json = serde_json::to_vec_pretty(stored).map_err(std::io::Error::other)?;
        std::fs::write(&fresh, json)?;
        std::fs::rename(fresh, path)
    }

    fn token_path(&self, id: &str) -> PathBuf {
        self.data_dir.join(TOKENS_DIR).join(format!("{id}.token"))
    }

    /// The bearer token kept for the board `id`.
    pub fn token(&self, id: &str) -> Option<String> {
        let token = std::fs::read_to_string(self.token_path(id)).ok()?;
        let token = token.trim();
        (!token.is_empty()).then(|| token.to_string())
    }

    /// Keeps `token` for the board `id`, readable by this user alone.
    pub fn keep_token(&self, id: &str, token: &str) -> std::io::Result<()> {
        let dir = self.data_dir.join(TOKENS_DIR);
        std::fs::create_dir_all(&dir)?;
        let path = self.token_path(id);
        let fresh = dir.join(format!("{id}.token.new"));
        let _ = std::fs::remove_file(&fresh);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
            options.mode(0o600);
        }
        let mut file = options.open(&fresh)?;
        file.write_all(token.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(fresh, path)
    }

    /// Forgets the token of the board `id` (signed out).
    pub fn forget_token(&self, id: &str) -> std::io::Result<()> {
        match std::fs::remove_file(self.token_path(id)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("config"), dir.path().join("data"));
        (dir, store)
    }

    #[test]
    fn the_list_round_trips_and_holds_no_token() {
        let (_dir, store) = store();
        assert_eq!(store.load(), Stored::default());
        let server = Entry::server("http://127.0.0.1:8080", " Fan@Example.com", "Acme");
        let stored = Stored {
            current: Some(server.id.clone()),
            boards: vec![Entry::local(Path::new("/tmp/a.board"), "Mine"), server],
        };
        store.save(&stored).unwrap();
        assert_eq!(store.load(), stored);
        assert_eq!(stored.boards[1].email.as_deref(), Some("fan@example.com"));

        store
            .keep_token(&stored.boards[1].id, "s3cret-token")
            .unwrap();
        let list = std::fs::read_to_string(store.config_dir.join(LIST_FILE)).unwrap();
        assert!(!list.contains("s3cret-token"), "{list}");
        assert_eq!(
            store.token(&stored.boards[1].id).as_deref(),
            Some("s3cret-token")
        );
    }

    #[test]
    fn ids_are_stable_and_tell_boards_apart() {
        let a = Entry::server("http://h:1", "a@x.org", "A");
        assert_eq!(a.id, Entry::server("http://h:1", "A@x.org", "renamed").id);
        assert_ne!(a.id, Entry::server("http://h:2", "a@x.org", "A").id);
        assert_ne!(a.id, Entry::server("http://h:1", "b@x.org", "A").id);
        assert!(a.id.starts_with("server-"));
        assert!(Entry::local(Path::new("/b"), "B").id.starts_with("file-"));
    }

    #[cfg(unix)]
    #[test]
    fn a_token_is_the_users_alone_and_goes_on_sign_out() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, store) = store();
        store.keep_token("server-1", "first").unwrap();
        store.keep_token("server-1", "second").unwrap();
        assert_eq!(store.token("server-1").as_deref(), Some("second"));
        let path = store.token_path("server-1");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let dir_mode = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o777, 0o700);
        store.forget_token("server-1").unwrap();
        assert!(!path.exists());
        assert_eq!(store.token("server-1"), None);
        store.forget_token("server-1").unwrap();
    }
}
