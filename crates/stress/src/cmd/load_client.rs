//! The load generator's HTTP side: one pooled HTTP/1.1 client, a fan's requests
//! with their bearer token and a made-up address of their own (the server runs
//! with `--forwarded-for`, so each simulated fan counts as their own address, as
//! real fans would), and each fan's live stream.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

/// The shared client (keep-alive connections, pooled).
pub type Http = Client<HttpConnector, Full<Bytes>>;

pub fn client(fans: usize) -> Http {
    Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(fans.max(1))
        .build_http()
}

/// One simulated fan as the server knows them.
#[derive(Clone)]
pub struct Fan {
    pub bearer: String,
    /// The address the fan comes from (X-Forwarded-For).
    pub address: String,
}

/// One answered request (its body read to the end): its status and how long it
/// took.
pub struct Answer {
    pub status: u16,
    pub took: Duration,
}

/// `POST {base}/api/{command}` as `fan`.
pub async fn call(http: &Http, base: &str, fan: &Fan, command: &str, body: &Value) -> Answer {
    let request = Request::post(format!("{base}/api/{command}"))
        .header("content-type", "application/json")
        .header("authorization", &fan.bearer)
        .header("x-forwarded-for", &fan.address)
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("a well-formed request");
    let started = Instant::now();
    let result = async {
        let response = http.request(request).await.ok()?;
        let status = response.status().as_u16();
        response.into_body().collect().await.ok()?;
        Some(status)
    }
    .await;
    let took = started.elapsed();
    match result {
        Some(status) => Answer { status, took },
        // A failed connection counts as status 0.
        None => Answer { status: 0, took },
    }
}

/// Holds `GET {base}/api/live` open as `fan` until `until`, counting the events it
/// sends into `events`.
pub async fn live(http: &Http, base: &str, fan: &Fan, until: Instant, events: &AtomicU64) {
    let request = Request::get(format!("{base}/api/live"))
        .header("authorization", &fan.bearer)
        .header("x-forwarded-for", &fan.address)
        .body(Full::new(Bytes::new()))
        .expect("a well-formed request");
    let read = async {
        let Ok(response) = http.request(request).await else {
            return;
        };
        let mut body = response.into_body();
        while let Some(Ok(frame)) = body.frame().await {
            if let Some(data) = frame.data_ref() {
                let n = data.windows(6).filter(|w| w == b"event:").count() as u64;
                events.fetch_add(n, Ordering::Relaxed);
            }
        }
    };
    let left = until.saturating_duration_since(Instant::now());
    let _ = tokio::time::timeout(left, read).await;
}
