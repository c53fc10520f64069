//! HTTPS held by the server itself (`--tls-cert`, `--tls-key`): the certificate and
//! key are read once at start (an unreadable or invalid file stops the start with a
//! message naming it), and [`TlsListener`] hands `axum::serve` connections whose TLS
//! handshake is already done, so the router, the graceful stop and the client's
//! address work as over plain TCP.
//!
//! Handshakes run in tasks of their own, each with a deadline: a client that
//! connects and never finishes its handshake (or speaks plain HTTP to this port)
//! holds nothing but its own socket, and never delays the next client.
//!
//! The crypto is rustls with its `ring` provider ([`provider`]), named explicitly, so
//! no process-wide default has to be installed and no other provider is ever picked.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::serve::Listener;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::crypto::CryptoProvider;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::server::TlsStream;

use crate::config::TlsFiles;

/// How long a client has to finish its TLS handshake.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Handshaken connections waiting for the server to take them.
const READY_QUEUE: usize = 64;

/// Reads the certificate chain and the key and checks they make a server
/// configuration (the key must match the certificate): the acceptor, or an error a
/// person can act on, naming the file.
pub fn acceptor(files: &TlsFiles) -> Result<TlsAcceptor, String> {
    let cert_file = files.cert.display();
    let key_file = files.key.display();
    let pem = std::fs::read(&files.cert)
        .map_err(|e| format!("cannot read the TLS certificate {cert_file}: {e}"))?;
    let chain = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("the TLS certificate {cert_file} is not valid PEM: {e}"))?;
    if chain.is_empty() {
        return Err(format!(
            "the TLS certificate {cert_file} holds no certificate (expected PEM \
             \"-----BEGIN CERTIFICATE-----\")"
        ));
    }
    let pem = std::fs::read(&files.key)
        .map_err(|e| format!("cannot read the TLS key {key_file}: {e}"))?;
    let key = PrivateKeyDer::from_pem_slice(&pem).map_err(|e| {
        format!("the TLS key {key_file} holds no private key in PEM (PKCS#8, PKCS#1 or SEC1): {e}")
    })?;
    let mut config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS: {e}"))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| {
            format!("the TLS certificate {cert_file} and key {key_file} do not go together: {e}")
        })?;
    // The server speaks HTTP/1.1 (axum's `http1`); say so to clients that ask.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// rustls's `ring` provider: TLS 1.2 and 1.3 with X25519 and the NIST curves. rustls
/// deprecates it since 0.23.48 for lacking post-quantum key exchange (which its
/// aws-lc-rs provider has); aws-lc-rs is a large C build, ring builds with a C
/// compiler alone. Public so that tests make their clients with the same one.
#[allow(deprecated)]
pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(tokio_rustls::rustls::crypto::ring::default_provider())
}

/// A TCP listener whose connections come out of their TLS handshake.
pub struct TlsListener {
    local: SocketAddr,
    ready: mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    accepting: JoinHandle<()>,
}

impl TlsListener {
    /// Starts accepting on `tcp`, handshaking each connection with `acceptor`.
    pub fn new(tcp: TcpListener, acceptor: TlsAcceptor) -> io::Result<TlsListener> {
        let local = tcp.local_addr()?;
        let (sender, ready) = mpsc::channel(READY_QUEUE);
        let accepting = tokio::spawn(accept_all(tcp, acceptor, sender));
        Ok(TlsListener {
            local,
            ready,
            accepting,
        })
    }
}

/// Accepts for as long as the listener lives (its drop aborts this task, which
/// closes the socket: a stopping server takes no new connection).
async fn accept_all(
    mut tcp: TcpListener,
    acceptor: TlsAcceptor,
    ready: mpsc::Sender<(TlsStream<TcpStream>, SocketAddr)>,
) {
    loop {
        // axum's own accept: it logs and backs off on errors such as EMFILE.
        let (stream, address) = Listener::accept(&mut tcp).await;
        let acceptor = acceptor.clone();
        let ready = ready.clone();
        tokio::spawn(async move {
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                Ok(Ok(tls)) => {
                    let _ = ready.send((tls, address)).await;
                }
                Ok(Err(e)) => tracing::debug!(%address, "TLS handshake failed: {e}"),
                Err(_) => tracing::debug!(%address, "TLS handshake timed out"),
            }
        });
    }
}

impl Drop for TlsListener {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}

impl Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(connection) => connection,
            // The accepting task only ends when this listener is dropped.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(self.local)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &std::path::Path, cert: &str, key: &str) -> TlsFiles {
        std::fs::write(dir.join("cert.pem"), cert).unwrap();
        std::fs::write(dir.join("key.pem"), key).unwrap();
        TlsFiles {
            cert: dir.join("cert.pem"),
            key: dir.join("key.pem"),
        }
    }

    fn error(files: &TlsFiles) -> String {
        acceptor(files).err().expect("refused")
    }

    #[test]
    fn unreadable_or_invalid_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let missing = TlsFiles {
            cert: dir.path().join("none.pem"),
            key: dir.path().join("none.key"),
        };
        let message = error(&missing);
        assert!(
            message.contains("cannot read the TLS certificate") && message.contains("none.pem"),
            "{message}"
        );
        let message = error(&files(dir.path(), "not a certificate\n", ""));
        assert!(message.contains("holds no certificate"), "{message}");
        let cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let message = error(&files(dir.path(), cert, "no key here\n"));
        assert!(
            message.contains("holds no private key") && message.contains("key.pem"),
            "{message}"
        );
    }
}
