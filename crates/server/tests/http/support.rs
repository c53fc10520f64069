//! A real `ideaboard-server` process on a loopback port, and a small HTTP/1.1
//! client over a plain socket (so a test can also be a slow or broken client), or
//! over rustls for a server holding its own TLS.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::rustls::{ClientConfig, ClientConnection, StreamOwned};

/// The password `Server::admin` gives the admin.
pub const ADMIN_PASSWORD: &str = "the brand's own long passphrase";

/// A server process serving a demo board of its own, stopped when dropped.
pub struct Server {
    pub addr: SocketAddr,
    pub dir: tempfile::TempDir,
    child: Option<Child>,
    /// How to reach a server holding its own TLS (as `localhost`).
    tls: Option<Arc<ClientConfig>>,
}

/// A connection to the server: a socket, or a TLS session over one.
pub trait Connection: Read + Write {}
impl<T: Read + Write> Connection for T {}

/// A fresh directory with a stand-in web portal, for a server of its own.
pub fn server_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let web = dir.path().join("web");
    std::fs::create_dir_all(&web).unwrap();
    std::fs::write(
        web.join("index.html"),
        "<!doctype html><title>Ideaboard</title><p>portal</p>",
    )
    .unwrap();
    dir
}

impl Server {
    /// Starts the server on a fresh demo board with `extra` flags.
    pub fn start(extra: &[&str]) -> Server {
        Server::start_in(server_dir(), extra)
    }

    /// Starts the server on the board in `dir` (made as a demo board if there is
    /// none yet), with `extra` flags.
    pub fn start_in(dir: tempfile::TempDir, extra: &[&str]) -> Server {
        Server::launch(dir, "127.0.0.1:0", extra, None)
    }

    /// Starts the server on the board in `dir` listening on `listen` (the address a
    /// killed server had, so that its clients find it again).
    pub fn start_at(dir: tempfile::TempDir, listen: SocketAddr) -> Server {
        Server::launch(dir, &listen.to_string(), &[], None)
    }

    /// Starts the server in `dir` as a fresh install does: no `--demo`, so with no
    /// board file yet it listens but is not healthy; does not wait for health.
    pub fn start_before_board(dir: tempfile::TempDir) -> Server {
        Server::spawn(dir, "127.0.0.1:0", &[], None, false)
    }

    /// Starts the server in `dir` with `extra` flags that make it hold its own TLS;
    /// every request goes over TLS with `client`, to the name `localhost`.
    pub fn start_tls(dir: tempfile::TempDir, extra: &[&str], client: Arc<ClientConfig>) -> Server {
        Server::launch(dir, "127.0.0.1:0", extra, Some(client))
    }

    fn launch(
        dir: tempfile::TempDir,
        listen: &str,
        extra: &[&str],
        tls: Option<Arc<ClientConfig>>,
    ) -> Server {
        let server = Server::spawn(dir, listen, extra, tls, true);
        server.wait_healthy();
        server
    }

    fn spawn(
        dir: tempfile::TempDir,
        listen: &str,
        extra: &[&str],
        tls: Option<Arc<ClientConfig>>,
        demo: bool,
    ) -> Server {
        let board = dir.path().join("shared.board");
        let mut child = Command::new(env!("CARGO_BIN_EXE_ideaboard-server"))
            .arg("--board")
            .arg(&board)
            .args(["--listen", listen])
            .args(demo.then_some("--demo"))
            .arg("--web")
            .arg(dir.path().join("web"))
            .args(extra)
            .env("RUST_LOG", "warn")
            .env_remove("IDEABOARD_CONFIG")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .rsplit("://")
            .next()
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Server {
            addr,
            dir,
            child: Some(child),
            tls,
        }
    }

    /// Creates the board's first admin with `ideaboard-server admin create` (beside
    /// the running server) and signs them in for a bearer token.
    pub fn admin(&self, email: &str) -> String {
        let made = admin_create(&self.board(), email, &[]);
        assert!(made.status.success(), "admin create: {made:?}");
        self.bearer(email, ADMIN_PASSWORD)
    }

    /// Signs `email` in: the `Authorization` value of its bearer token.
    pub fn bearer(&self, email: &str, password: &str) -> String {
        let reply = self.post(
            "/api/auth/sign_in",
            &[],
            &serde_json::json!({ "email": email, "password": password, "bearer": true }),
        );
        assert_eq!(
            reply.status,
            200,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        format!("Bearer {}", reply.json()["token"].as_str().unwrap())
    }

    /// The board file.
    pub fn board(&self) -> PathBuf {
        self.dir.path().join("shared.board")
    }

    pub fn wait_healthy(&self) {
        for _ in 0..300 {
            let reply = self.try_request("GET", "/healthz", &[], b"");
            if reply.is_ok_and(|r| r.status == 200) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the server did not become healthy within 15 s");
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().unwrap().id()
    }

    /// `POST /api/{command}`, or None when no answer came (the server died).
    pub fn try_call(&self, command: &str, headers: &[(&str, &str)], body: &Value) -> Option<Reply> {
        let mut all = vec![("Content-Type", "application/json")];
        all.extend_from_slice(headers);
        let path = format!("/api/{command}");
        self.try_request("POST", &path, &all, body.to_string().as_bytes())
            .ok()
    }

    /// Kills the server with SIGKILL, as a power cut would; the directory stays.
    pub fn kill(mut self) -> tempfile::TempDir {
        let mut child = self.child.take().unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::mem::replace(&mut self.dir, dir)
    }

    /// Sends SIGTERM and waits; the exit status and everything it wrote on stderr.
    pub fn stop(mut self) -> (std::process::ExitStatus, String) {
        let mut child = self.child.take().unwrap();
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        let mut log = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut log)
            .unwrap();
        (status, log)
    }

    /// Sends SIGTERM; asserts a clean exit with no panic, and gives the log.
    pub fn stop_cleanly(self) -> String {
        let (status, log) = self.stop();
        assert!(status.success(), "a clean stop: {status:?}\n{log}");
        assert!(!log.contains("panicked"), "{log}");
        log
    }

    /// One request; panics when the connection fails.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Reply {
        self.try_request(method, path, headers, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub fn try_request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Reply> {
        let mut stream = self.connect()?;
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        read_reply(&mut stream)
    }

    /// A new connection, over TLS when the server holds its own.
    pub fn connect(&self) -> std::io::Result<Box<dyn Connection>> {
        match &self.tls {
            Some(client) => Server::connect_with(self.addr, Arc::clone(client)),
            None => Ok(Box::new(socket(self.addr)?)),
        }
    }

    /// A TLS connection to `addr` as `localhost`, with `client`'s trust (the
    /// handshake happens on the first write or read).
    pub fn connect_with(
        addr: SocketAddr,
        client: Arc<ClientConfig>,
    ) -> std::io::Result<Box<dyn Connection>> {
        let name = ServerName::try_from("localhost").unwrap();
        let session = ClientConnection::new(client, name).map_err(std::io::Error::other)?;
        Ok(Box::new(StreamOwned::new(session, socket(addr)?)))
    }

    /// `POST /api/{command}` with a JSON body.
    pub fn call(&self, command: &str, headers: &[(&str, &str)], body: &Value) -> Reply {
        self.post(&format!("/api/{command}"), headers, body)
    }

    /// `POST path` with a JSON body.
    pub fn post(&self, path: &str, headers: &[(&str, &str)], body: &Value) -> Reply {
        let mut all = vec![("Content-Type", "application/json")];
        all.extend_from_slice(headers);
        self.request("POST", path, &all, body.to_string().as_bytes())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// `ideaboard-server --board BOARD admin create` for Ada at `email`, with
/// `ADMIN_PASSWORD` and `extra` arguments: its output.
pub fn admin_create(board: &Path, email: &str, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ideaboard-server"))
        .arg("--board")
        .arg(board)
        .args(["admin", "create", "--name", "Ada", "--email", email])
        .args(extra)
        .env("IDEABOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("RUST_LOG", "warn")
        .env_remove("IDEABOARD_CONFIG")
        .output()
        .unwrap()
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {} {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// The error code of an error answer.
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_string()
    }
}

fn socket(addr: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpStream::connect(addr)?;
    socket.set_read_timeout(Some(Duration::from_secs(30)))?;
    Ok(socket)
}

/// Reads a whole `Connection: close` answer (plain or chunked body).
pub fn read_reply(stream: &mut (impl Read + ?Sized)) -> std::io::Result<Reply> {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no end of headers"))?;
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Ok(Reply {
        status,
        headers,
        body,
    })
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        let start = end + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
}

/// Every file of the board (the file and its write-ahead log), as bytes.
pub fn board_bytes(board: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for side in ["", "-wal"] {
        if let Ok(bytes) = std::fs::read(format!("{}{side}", board.display())) {
            all.extend(bytes);
        }
    }
    all
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
