//! The server's numbers in Prometheus's text format, at `/metrics`: requests and
//! their latency by route and status, write latency, and live connections. Kept by
//! hand (a few counters behind one mutex), so the server needs no metrics stack.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

#[derive(Debug, Default, Clone)]
struct Histogram {
    /// Counts per bucket of [`BUCKETS`] (not cumulative), then the overflow.
    counts: [u64; BUCKETS.len() + 1],
    sum: f64,
    count: u64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        let i = BUCKETS
            .iter()
            .position(|b| seconds <= *b)
            .unwrap_or(BUCKETS.len());
        self.counts[i] += 1;
        self.sum += seconds;
        self.count += 1;
    }

    fn render(&self, out: &mut String, name: &str, labels: &str) {
        let mut cumulative = 0;
        for (bound, count) in BUCKETS.iter().zip(self.counts) {
            cumulative += count;
            let _ = writeln!(out, "{name}_bucket{{{labels},le=\"{bound}\"}} {cumulative}");
        }
        let _ = writeln!(out, "{name}_bucket{{{labels},le=\"+Inf\"}} {}", self.count);
        let _ = writeln!(out, "{name}_sum{{{labels}}} {}", self.sum);
        let _ = writeln!(out, "{name}_count{{{labels}}} {}", self.count);
    }
}

/// Every number `/metrics` shows.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Requests by (route, status).
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    /// Latency by route.
    latency: Mutex<BTreeMap<String, Histogram>>,
    /// Time the board's writer took, by command.
    writes: Mutex<BTreeMap<String, Histogram>>,
    /// Open live-update connections.
    live: AtomicI64,
    /// Content-Security-Policy violations browsers reported.
    csp_violations: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Metrics {
    /// One answered request on `route` (the matched path, never the raw URL, so the
    /// label set stays bounded).
    pub fn request(&self, route: &str, status: u16, took: Duration) {
        *lock(&self.requests)
            .entry((route.to_string(), status))
            .or_default() += 1;
        lock(&self.latency)
            .entry(route.to_string())
            .or_default()
            .observe(took.as_secs_f64());
    }

    /// One write command and how long it held the writer.
    pub fn write(&self, command: &str, took: Duration) {
        lock(&self.writes)
            .entry(command.to_string())
            .or_default()
            .observe(took.as_secs_f64());
    }

    /// A live-update connection opened (+1) or closed (-1).
    pub fn live(&self, delta: i64) {
        self.live.fetch_add(delta, Ordering::Relaxed);
    }

    /// `n` Content-Security-Policy violations reported by a browser.
    pub fn csp_violations(&self, n: u64) {
        self.csp_violations.fetch_add(n, Ordering::Relaxed);
    }

    /// Everything, in Prometheus's text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP ideaboard_http_requests_total HTTP requests answered, by route and status.\n# TYPE ideaboard_http_requests_total counter\n");
        for ((route, status), n) in lock(&self.requests).iter() {
            let _ = writeln!(
                out,
                "ideaboard_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP ideaboard_http_request_seconds Time to answer a request, by route.\n# TYPE ideaboard_http_request_seconds histogram\n");
        for (route, h) in lock(&self.latency).iter() {
            h.render(
                &mut out,
                "ideaboard_http_request_seconds",
                &format!("route=\"{route}\""),
            );
        }
        out.push_str("# HELP ideaboard_write_seconds Time a write command took on the board's writer, by command.\n# TYPE ideaboard_write_seconds histogram\n");
        for (command, h) in lock(&self.writes).iter() {
            h.render(
                &mut out,
                "ideaboard_write_seconds",
                &format!("command=\"{command}\""),
            );
        }
        out.push_str("# HELP ideaboard_live_connections Open live-update connections.\n# TYPE ideaboard_live_connections gauge\n");
        let _ = writeln!(
            out,
            "ideaboard_live_connections {}",
            self.live.load(Ordering::Relaxed)
        );
        out.push_str("# HELP ideaboard_csp_violations_total Content-Security-Policy violations reported by browsers at /api/csp-report.\n# TYPE ideaboard_csp_violations_total counter\n");
        let _ = writeln!(
            out,
            "ideaboard_csp_violations_total {}",
            self.csp_violations.load(Ordering::Relaxed)
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_cumulative_buckets() {
        let m = Metrics::default();
        m.request("/api/{command}", 200, Duration::from_millis(3));
        m.request("/api/{command}", 200, Duration::from_millis(30));
        m.request("/healthz", 200, Duration::from_micros(10));
        m.write("vote", Duration::from_millis(2));
        m.live(1);
        m.csp_violations(2);
        let text = m.render();
        assert!(
            text.contains(
                "ideaboard_http_requests_total{route=\"/api/{command}\",status=\"200\"} 2"
            )
        );
        assert!(text.contains(
            "ideaboard_http_request_seconds_bucket{route=\"/api/{command}\",le=\"0.005\"} 1"
        ));
        assert!(text.contains(
            "ideaboard_http_request_seconds_bucket{route=\"/api/{command}\",le=\"+Inf\"} 2"
        ));
        assert!(text.contains("ideaboard_write_seconds_count{command=\"vote\"} 1"));
        assert!(text.contains("ideaboard_live_connections 1"));
        assert!(text.contains("ideaboard_csp_violations_total 2"));
    }
}
