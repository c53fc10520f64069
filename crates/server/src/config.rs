//! How the server is told what to serve: flags, then environment variables, then an
//! optional TOML file (`--config`), in that order of precedence. Every setting is
//! documented in `ideaboard-server --help`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use ideaboard_core::store::Durability;
use serde::Deserialize;

/// ideaboard-server: one Ideaboard board, served over HTTP to a brand's fans in any
/// browser and to the desktop app.
///
/// Every option can also come from an environment variable (shown) or from a TOML
/// file given with --config, whose keys are the long option names with `_` for `-`
/// (for example `board = "/var/lib/ideaboard/brand.board"` and
/// `listen = "127.0.0.1:8080"`). A flag beats the environment, which beats the file.
#[derive(Debug, Parser)]
#[command(name = "ideaboard-server", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serves the board (what runs without a subcommand).
    Serve,
    /// Looks after the board's accounts without serving it.
    #[command(subcommand)]
    Admin(AdminCommand),
}

/// What `ideaboard-server admin` does.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Creates the board's first admin account (refused once the board has one),
    /// and the board itself, empty, when there is no file yet (a fresh install).
    /// The password is read from $IDEABOARD_ADMIN_PASSWORD, else from the first
    /// line of standard input, so it never shows in the process list.
    Create {
        /// The admin's name as members see it.
        #[arg(long)]
        name: String,
        /// The admin's email, to sign in with.
        #[arg(long)]
        email: String,
        /// The board's name, when this creates the board.
        #[arg(long, default_value = "Ideaboard")]
        board_name: String,
    },
}

/// The options of serving a board.
#[derive(Debug, Clone, Default, Args, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "snake_case")]
pub struct ServeArgs {
    /// A TOML file with any of these options.
    #[arg(long, env = "IDEABOARD_CONFIG", global = true)]
    #[serde(skip)]
    pub config: Option<PathBuf>,

    /// The board file to serve (SQLite). Required, from here, the environment or the file.
    #[arg(long, env = "IDEABOARD_BOARD", global = true)]
    pub board: Option<PathBuf>,

    /// The address to listen on. [default: 127.0.0.1:8080]
    #[arg(long, env = "IDEABOARD_LISTEN", global = true)]
    pub listen: Option<SocketAddr>,

    /// Creates the demo board at --board on first start, when there is no file yet.
    #[arg(long, env = "IDEABOARD_DEMO", global = true)]
    pub demo: bool,

    /// The built web portal to serve at `/` (the UI's `dist`). [default: the
    /// packaged portal, else `ui/dist` under the current directory]
    #[arg(long, env = "IDEABOARD_WEB", global = true)]
    pub web: Option<PathBuf>,

    /// The largest request body accepted, in bytes; larger ones get 413. [default: 1048576]
    #[arg(long, env = "IDEABOARD_MAX_BODY", global = true)]
    pub max_body: Option<usize>,

    /// The largest file a team member may upload to import, in bytes; larger ones
    /// get 413. [default: 268435456]
    #[arg(long, env = "IDEABOARD_MAX_UPLOAD", global = true)]
    pub max_upload: Option<u64>,

    /// How long a request may take, reading its body included, in seconds; slower
    /// ones get 408. An export's download and an import's upload may take longer
    /// in all, but never this long without a byte moving. [default: 30]
    #[arg(long, env = "IDEABOARD_REQUEST_TIMEOUT", global = true)]
    pub request_timeout: Option<u64>,

    /// Serves HTTPS with this certificate chain (PEM, the server's certificate
    /// first); needs --tls-key. Without both, the server speaks plain HTTP (for a
    /// reverse proxy in front of it that holds the TLS).
    #[arg(long, env = "IDEABOARD_TLS_CERT", global = true, value_name = "FILE")]
    pub tls_cert: Option<PathBuf>,

    /// The private key of --tls-cert (PEM: PKCS#8, PKCS#1 or SEC1).
    #[arg(long, env = "IDEABOARD_TLS_KEY", global = true, value_name = "FILE")]
    pub tls_key: Option<PathBuf>,

    /// Marks the session cookie `Secure` (sent over HTTPS only): set it when the
    /// server is reached through TLS at a reverse proxy in front of it. Implied by
    /// --tls-cert.
    #[arg(long, env = "IDEABOARD_SECURE_COOKIES", global = true)]
    pub secure_cookies: bool,

    /// The server sits behind a reverse proxy that appends the client's address to
    /// X-Forwarded-For: rate limits key on that address instead of the proxy's. Never
    /// set it for a server reached directly (clients could claim any address).
    #[arg(long, env = "IDEABOARD_FORWARDED_FOR", global = true)]
    pub forwarded_for: bool,

    /// How hard each write is pushed to disk before it is answered: `full` (it
    /// survives a power loss: a disk sync per write) or `normal` (it survives the
    /// server being killed or crashing, not a power loss or an operating-system
    /// crash, which may lose the last writes but never the board; writes then cost
    /// no disk sync, several times the write throughput). [default: full]
    #[arg(long, env = "IDEABOARD_SYNC", global = true, value_enum)]
    pub sync: Option<SyncMode>,

    /// Log as JSON lines instead of text (for a log collector).
    #[arg(long, env = "IDEABOARD_LOG_JSON", global = true)]
    pub log_json: bool,
}

/// The `--sync` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncMode {
    Full,
    Normal,
}

/// Where the packaged web portal is installed by the server's .deb.
pub const PACKAGED_WEB: &str = "/usr/share/ideaboard-server/web";

/// The settings the server runs with, every default applied.
#[derive(Debug, Clone)]
pub struct Config {
    pub board: PathBuf,
    pub listen: SocketAddr,
    pub demo: bool,
    pub web: PathBuf,
    pub max_body: usize,
    pub max_upload: u64,
    pub request_timeout: Duration,
    /// Set when the server holds the TLS itself.
    pub tls: Option<TlsFiles>,
    pub secure_cookies: bool,
    pub forwarded_for: bool,
    /// What `--sync` chose, as the core's durability.
    pub durability: Durability,
    pub log_json: bool,
}

/// The certificate chain and private key the server serves HTTPS with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl ServeArgs {
    /// These options over those of the TOML file named by `--config`, if any.
    pub fn with_file(self) -> Result<ServeArgs, String> {
        let Some(path) = self.config.clone() else {
            return Ok(self);
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read the configuration {}: {e}", path.display()))?;
        let file: ServeArgs = toml::from_str(&text)
            .map_err(|e| format!("the configuration {} is not valid: {e}", path.display()))?;
        Ok(ServeArgs {
            config: self.config,
            board: self.board.or(file.board),
            listen: self.listen.or(file.listen),
            demo: self.demo || file.demo,
            web: self.web.or(file.web),
            max_body: self.max_body.or(file.max_body),
            max_upload: self.max_upload.or(file.max_upload),
            request_timeout: self.request_timeout.or(file.request_timeout),
            tls_cert: self.tls_cert.or(file.tls_cert),
            tls_key: self.tls_key.or(file.tls_key),
            secure_cookies: self.secure_cookies || file.secure_cookies,
            forwarded_for: self.forwarded_for || file.forwarded_for,
            sync: self.sync.or(file.sync),
            log_json: self.log_json || file.log_json,
        })
    }

    /// The settings, with every default applied; an error a person can act on when
    /// something required is missing or out of range.
    pub fn resolve(self) -> Result<Config, String> {
        let args = self.with_file()?;
        let board = args.board.ok_or(
            "no board: give --board FILE, IDEABOARD_BOARD or `board` in the configuration",
        )?;
        let max_body = args.max_body.unwrap_or(1 << 20);
        if max_body < 1024 {
            return Err(format!(
                "--max-body {max_body} is too small: at least 1024 bytes"
            ));
        }
        let max_upload = args.max_upload.unwrap_or(1 << 28);
        if max_upload < max_body as u64 {
            return Err(format!(
                "--max-upload {max_upload} is smaller than --max-body {max_body}"
            ));
        }
        let timeout = args.request_timeout.unwrap_or(30);
        if !(1..=3600).contains(&timeout) {
            return Err(format!(
                "--request-timeout {timeout} is out of range: 1 to 3600 seconds"
            ));
        }
        let tls = match (args.tls_cert, args.tls_key) {
            (Some(cert), Some(key)) => Some(TlsFiles { cert, key }),
            (None, None) => None,
            (Some(_), None) => {
                return Err("--tls-cert needs --tls-key (the certificate's private key)".into());
            }
            (None, Some(_)) => {
                return Err("--tls-key needs --tls-cert (the certificate chain)".into());
            }
        };
        Ok(Config {
            board,
            listen: args
                .listen
                .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080))),
            demo: args.demo,
            web: args.web.unwrap_or_else(default_web),
            max_body,
            max_upload,
            request_timeout: Duration::from_secs(timeout),
            // A cookie set over HTTPS must never travel back over plain HTTP.
            secure_cookies: args.secure_cookies || tls.is_some(),
            tls,
            forwarded_for: args.forwarded_for,
            durability: match args.sync.unwrap_or(SyncMode::Full) {
                SyncMode::Full => Durability::Full,
                SyncMode::Normal => Durability::Process,
            },
            log_json: args.log_json,
        })
    }
}

/// The packaged portal if installed, else `ui/dist` under the current directory.
fn default_web() -> PathBuf {
    let packaged = Path::new(PACKAGED_WEB);
    if packaged.join("index.html").exists() {
        packaged.to_path_buf()
    } else {
        PathBuf::from("ui/dist")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The settings from a configuration file holding `text`, under `flags`.
    fn with_file(text: &str, flags: &[&str]) -> Result<Config, String> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("server.toml");
        std::fs::write(&file, text).unwrap();
        let mut args = vec!["ideaboard-server", "--config", file.to_str().unwrap()];
        args.extend_from_slice(flags);
        Cli::try_parse_from(args).unwrap().serve.resolve()
    }

    #[test]
    fn flags_beat_the_file_and_defaults_fill_the_rest() {
        let config = with_file(
            "board = \"/srv/file.board\"\nlisten = \"127.0.0.1:9000\"\nmax_body = 4096\n",
            &["--listen", "127.0.0.1:9100"],
        )
        .unwrap();
        assert_eq!(config.board, PathBuf::from("/srv/file.board"));
        assert_eq!(config.listen.port(), 9100, "the flag wins");
        assert_eq!(config.max_body, 4096, "from the file");
        assert_eq!(config.request_timeout, Duration::from_secs(30));
    }

    #[test]
    fn a_missing_board_or_a_bad_file_says_what_to_do() {
        let none = Cli::try_parse_from(["ideaboard-server"]).unwrap();
        assert!(none.serve.resolve().unwrap_err().contains("--board"));
        let error = with_file("bored = 1\n", &[]).unwrap_err();
        assert!(
            error.contains("not valid") && error.contains("bored"),
            "{error}"
        );
    }

    #[test]
    fn tls_takes_a_certificate_and_its_key_and_makes_cookies_secure() {
        let parse = |extra: &[&str]| {
            let mut args = vec!["ideaboard-server", "--board", "b.board"];
            args.extend_from_slice(extra);
            Cli::try_parse_from(args).unwrap().serve.resolve()
        };
        let plain = parse(&[]).unwrap();
        assert_eq!(plain.tls, None);
        assert!(!plain.secure_cookies);
        let tls = parse(&["--tls-cert", "c.pem", "--tls-key", "k.pem"]).unwrap();
        assert_eq!(
            tls.tls,
            Some(TlsFiles {
                cert: "c.pem".into(),
                key: "k.pem".into()
            })
        );
        assert!(tls.secure_cookies, "Secure behind the server's own TLS");
        let error = parse(&["--tls-cert", "c.pem"]).unwrap_err();
        assert!(error.contains("--tls-key"), "{error}");
        let error = parse(&["--tls-key", "k.pem"]).unwrap_err();
        assert!(error.contains("--tls-cert"), "{error}");
    }

    #[test]
    fn tls_files_come_from_the_configuration_too() {
        let text = "board = \"b.board\"\ntls_cert = \"/etc/c.pem\"\ntls_key = \"/etc/k.pem\"\n";
        let config = with_file(text, &[]).unwrap();
        assert_eq!(config.tls.unwrap().key, PathBuf::from("/etc/k.pem"));
    }
}
