//! `ideaboard-stress load`: simulated fans against a running `ideaboard-server`,
//! bounded in count and time, on loopback only.
//!
//! Each fan is an account made beforehand on the served board file (`--board`,
//! through the core, with a bearer session), comes from an address of its own
//! (X-Forwarded-For; start the server with `--forwarded-for`), holds a live stream
//! open, and runs a loop of requests with a think time between them (`--think-ms`)
//! in the mix: lists 50%, idea
//! pages 25%, search 10%, vote and unvote 10%, comment 4% and submit 1%. A second
//! phase sends list pages alone. Beside them, in the same run, the core's in-process
//! throughput for the same list page on as many threads as the machine has cores,
//! and the ratio HTTP / in-process. Prints req/s and p50/p99/max per route, what
//! the server refused (429) or failed, and the server's peak RSS (`--server-pid`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use clap::Args;
use ideaboard_core::model::{ListQuery, NewSession, SessionKind, SignIn, SignUp};
use ideaboard_core::ops::{self, accounts};
use ideaboard_core::{Actor, Board, Error, Timestamp};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

use super::bench_report::Stats;
use super::internal;
use super::load_client::{self, Fan, Http};

#[derive(Args)]
pub struct LoadArgs {
    /// The server, on a loopback address (anything else is refused).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// The board file the server serves: the fans' accounts are made on it.
    #[arg(long)]
    board: PathBuf,
    /// How many simulated fans (at most 5,000).
    #[arg(long, default_value_t = 500)]
    fans: usize,
    /// Seconds of each phase (at most 600).
    #[arg(long, default_value_t = 20)]
    seconds: u64,
    /// At most this many requests per phase, whatever the time left.
    #[arg(long, default_value_t = 2_000_000)]
    max_requests: u64,
    /// Milliseconds a fan waits between one answer and their next request, on
    /// average (uniform from half to one and a half times it); 0 sends the next
    /// request at once, so latency then measures the queue, not the server.
    #[arg(long, default_value_t = 200)]
    think_ms: u64,
    /// The server's process id, for its peak resident memory (VmHWM).
    #[arg(long)]
    server_pid: Option<u32>,
    /// The seed of every random choice.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// What one fan may do in the mix, and its share in percent.
const MIX: &[(&str, u32)] = &[
    ("list", 50),
    ("idea", 25),
    ("search", 10),
    ("vote", 10),
    ("comment", 4),
    ("submit", 1),
];

const SEARCH_WORDS: &[&str] = &[
    "oat", "拿铁", "app", "store", "杯", "rewards", "咖啡", "milk",
];

/// Refuses any server not on a loopback address.
fn loopback_base(url: &str) -> Result<String, Error> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| internal("--url must be http://127.0.0.1:PORT (loopback, plain HTTP)"))?;
    let host_port = rest.split('/').next().unwrap_or("");
    let host = host_port
        .rsplit_once(':')
        .map_or(host_port, |(h, _)| h)
        .trim_matches(['[', ']']);
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if !loopback {
        return Err(internal(format!(
            "refusing {url}: the load generator only sends to loopback addresses"
        )));
    }
    Ok(format!("http://{host_port}"))
}

/// Makes (or signs in again) `n` fan accounts on the board, each with a bearer
/// session. Accounts are reused across runs: the same emails sign in.
fn make_fans(board: &PathBuf, n: usize, now: Timestamp) -> Result<Vec<Fan>, Error> {
    let mut board = Board::open(board, now)?;
    let session = NewSession {
        kind: SessionKind::Bearer,
        label: "ideaboard-stress load".into(),
    };
    let mut fans = Vec::with_capacity(n);
    for i in 0..n {
        let email = format!("load-fan-{i}@load.example");
        let password = format!("load fan {i} passphrase");
        let signed = match accounts::sign_in(
            &mut board,
            &SignIn {
                email: email.clone(),
                password: password.clone(),
            },
            &session,
            now,
        ) {
            Ok(signed) => signed,
            Err(_) => accounts::sign_up(
                &mut board,
                &SignUp {
                    display_name: format!("Load fan {i}"),
                    email,
                    password,
                    invitation: None,
                },
                &session,
                now,
            )?,
        };
        fans.push(Fan {
            bearer: format!("Bearer {}", signed.token.expose()),
            address: format!(
                "10.{}.{}.{}",
                (i >> 16) & 255,
                (i >> 8) & 255,
                (i & 255) + 1
            ),
        });
    }
    Ok(fans)
}

/// Ideas open to votes, for the idea pages, votes and comments.
fn idea_pool(board: &PathBuf) -> Result<Vec<String>, Error> {
    let board = Board::open_read_only(board)?;
    let mut ids = Vec::new();
    for offset in (0..2_000).step_by(100) {
        let query = ListQuery {
            status: Some(ideaboard_core::model::IdeaStatus::New),
            offset,
            limit: 100,
            ..ListQuery::default()
        };
        let page = ops::list_ideas(&board, &Actor::guest(), &query)?;
        ids.extend(page.items.into_iter().map(|i| i.id));
        if !page.has_more {
            break;
        }
    }
    if ids.is_empty() {
        return Err(internal("the board has no open ideas to load"));
    }
    Ok(ids)
}

fn list_body(rng: &mut ChaCha8Rng) -> Value {
    let sort = ["trending", "top", "new"][rng.random_range(0..3)];
    json!({ "query": { "sort": sort, "includeHidden": false, "offset": rng.random_range(0..5) * 20, "limit": 20 } })
}

/// Latencies and statuses by route.
#[derive(Default)]
struct Tally {
    took: BTreeMap<&'static str, Vec<Duration>>,
    statuses: BTreeMap<(&'static str, u16), u64>,
}

impl Tally {
    fn add(&mut self, route: &'static str, answer: &load_client::Answer) {
        self.took.entry(route).or_default().push(answer.took);
        *self.statuses.entry((route, answer.status)).or_default() += 1;
    }

    fn merge(&mut self, other: Tally) {
        for (route, took) in other.took {
            self.took.entry(route).or_default().extend(took);
        }
        for (key, n) in other.statuses {
            *self.statuses.entry(key).or_default() += n;
        }
    }
}

/// What every fan of one phase shares.
struct Run {
    http: Http,
    base: String,
    ideas: Arc<Vec<String>>,
    lists_only: bool,
    until: Instant,
    /// Requests left in the phase.
    budget: AtomicU64,
    think_ms: u64,
}

/// One fan's closed loop until the phase's time or request budget is spent.
async fn fan_loop(run: Arc<Run>, fan: Fan, seed: u64) -> Tally {
    let (http, base, ideas) = (&run.http, &run.base, &run.ideas);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut tally = Tally::default();
    let mut voted: Vec<String> = Vec::new();
    while Instant::now() < run.until && run.budget.fetch_sub(1, Ordering::Relaxed) > 0 {
        let route = if run.lists_only {
            "list"
        } else {
            let mut roll = rng.random_range(0..100);
            MIX.iter()
                .find(|(_, share)| {
                    let hit = roll < *share;
                    roll = roll.saturating_sub(*share);
                    hit
                })
                .map_or("list", |(r, _)| *r)
        };
        let idea = &ideas[rng.random_range(0..ideas.len())];
        let (command, body, route) = match route {
            "idea" => ("get_idea", json!({ "ideaId": idea }), "idea"),
            "search" => {
                let word = SEARCH_WORDS[rng.random_range(0..SEARCH_WORDS.len())];
                let body = json!({ "query": { "query": word, "includeHidden": false, "offset": 0, "limit": 20 } });
                ("search_ideas", body, "search")
            }
            "vote" if !voted.is_empty() && rng.random_bool(0.5) => {
                let idea = voted.swap_remove(rng.random_range(0..voted.len()));
                ("unvote", json!({ "ideaId": idea }), "vote")
            }
            "vote" => {
                voted.push(idea.clone());
                (
                    "vote",
                    json!({ "ideaId": idea, "priority": "important" }),
                    "vote",
                )
            }
            "comment" => {
                let input = json!({ "ideaId": idea, "parentId": null, "kind": "public", "body": "Load test comment: yes please." });
                ("add_comment", json!({ "input": input }), "comment")
            }
            "submit" => {
                let title = format!("Load idea {} from {}", rng.random::<u32>(), fan.address);
                let input = json!({ "title": title, "body": "", "category": null, "tags": [] });
                ("submit_idea", json!({ "input": input }), "submit")
            }
            _ => ("list_ideas", list_body(&mut rng), "list"),
        };
        let answer = load_client::call(http, base, &fan, command, &body).await;
        tally.add(route, &answer);
        if run.think_ms > 0 {
            let think = rng.random_range(run.think_ms / 2..=run.think_ms * 3 / 2);
            tokio::time::sleep(Duration::from_millis(think)).await;
        }
    }
    tally
}

/// One phase: every fan's loop and live stream, for `seconds`.
fn phase(
    args: &LoadArgs,
    base: &str,
    fans: &[Fan],
    ideas: &Arc<Vec<String>>,
    lists_only: bool,
) -> Result<(Tally, Duration, u64), Error> {
    let runtime = tokio::runtime::Runtime::new().map_err(internal)?;
    runtime.block_on(async {
        let run = Arc::new(Run {
            http: load_client::client(fans.len() * 2),
            base: base.to_string(),
            ideas: ideas.clone(),
            lists_only,
            until: Instant::now() + Duration::from_secs(args.seconds),
            budget: AtomicU64::new(args.max_requests),
            think_ms: args.think_ms,
        });
        let events = Arc::new(AtomicU64::new(0));
        let mut streams = Vec::new();
        for fan in fans {
            let (run, fan, events) = (run.clone(), fan.clone(), events.clone());
            streams.push(tokio::spawn(async move {
                load_client::live(&run.http, &run.base, &fan, run.until, &events).await;
            }));
        }
        let started = Instant::now();
        let mut loops = Vec::new();
        for (i, fan) in fans.iter().enumerate() {
            let seed = args.seed ^ ((i as u64) << 8);
            loops.push(tokio::spawn(fan_loop(run.clone(), fan.clone(), seed)));
        }
        let mut tally = Tally::default();
        for handle in loops {
            tally.merge(handle.await.map_err(internal)?);
        }
        let elapsed = started.elapsed();
        for stream in streams {
            let _ = stream.await;
        }
        Ok((tally, elapsed, events.load(Ordering::Relaxed)))
    })
}

/// The core's own list-page throughput: the same page, read-only connections of
/// its own on as many threads as the machine has cores, for `seconds`.
fn in_process_lists(board: &PathBuf, seconds: u64, seed: u64) -> Result<(f64, Stats), Error> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut handles = Vec::new();
    for t in 0..threads {
        let board = Board::open_read_only(board)?;
        handles.push(std::thread::spawn(
            move || -> Result<Vec<Duration>, Error> {
                let mut rng = ChaCha8Rng::seed_from_u64(seed ^ t as u64);
                let mut took = Vec::new();
                while Instant::now() < until {
                    let body = list_body(&mut rng);
                    let query: ListQuery =
                        serde_json::from_value(body["query"].clone()).map_err(internal)?;
                    let started = Instant::now();
                    let page = ops::list_ideas(&board, &Actor::guest(), &query)?;
                    // The same work an HTTP answer does besides the query: the JSON.
                    let _ = serde_json::to_vec(&page).map_err(internal)?;
                    took.push(started.elapsed());
                }
                Ok(took)
            },
        ));
    }
    let started = Instant::now();
    let mut all = Vec::new();
    for handle in handles {
        all.extend(
            handle
                .join()
                .map_err(|_| internal("a reader thread panicked"))??,
        );
    }
    let rate = all.len() as f64 / started.elapsed().as_secs_f64();
    Ok((rate, Stats::of(&all)))
}

/// The peak resident memory of a process, in MiB (VmHWM).
fn peak_rss_mib(pid: u32) -> Option<f64> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kib| kib / 1024.0)
}

fn phase_json(name: &str, tally: &Tally, elapsed: Duration, events: u64) -> Value {
    let total: usize = tally.took.values().map(Vec::len).sum();
    let routes: Vec<Value> = tally
        .took
        .iter()
        .map(|(route, took)| {
            let stats = Stats::of(took);
            let statuses: BTreeMap<String, u64> = tally
                .statuses
                .iter()
                .filter(|((r, _), _)| r == route)
                .map(|((_, s), n)| (s.to_string(), *n))
                .collect();
            json!({
                "route": route, "requests": took.len(),
                "req_per_s": took.len() as f64 / elapsed.as_secs_f64(),
                "p50_ms": stats.p50, "p99_ms": stats.p99, "max_ms": stats.max,
                "statuses": statuses,
            })
        })
        .collect();
    json!({
        "phase": name, "seconds": elapsed.as_secs_f64(), "requests": total,
        "req_per_s": total as f64 / elapsed.as_secs_f64(), "live_events": events,
        "routes": routes,
    })
}

fn print_phase(phase: &Value) {
    println!(
        "{}: {} requests in {:.1} s = {:.0} req/s; {} live events",
        phase["phase"].as_str().unwrap_or(""),
        phase["requests"],
        phase["seconds"].as_f64().unwrap_or(0.0),
        phase["req_per_s"].as_f64().unwrap_or(0.0),
        phase["live_events"],
    );
    println!(
        "  {:<8} {:>9} {:>8} {:>8} {:>8} {:>8}  statuses",
        "route", "requests", "req/s", "p50 ms", "p99 ms", "max ms"
    );
    for r in phase["routes"].as_array().into_iter().flatten() {
        println!(
            "  {:<8} {:>9} {:>8.0} {:>8.2} {:>8.2} {:>8.1}  {}",
            r["route"].as_str().unwrap_or(""),
            r["requests"].as_u64().unwrap_or(0),
            r["req_per_s"].as_f64().unwrap_or(0.0),
            r["p50_ms"].as_f64().unwrap_or(f64::NAN),
            r["p99_ms"].as_f64().unwrap_or(f64::NAN),
            r["max_ms"].as_f64().unwrap_or(f64::NAN),
            r["statuses"],
        );
    }
}

pub fn run(args: &LoadArgs, now: Timestamp) -> Result<(), Error> {
    let base = loopback_base(&args.url)?;
    if args.fans == 0 || args.fans > 5_000 {
        return Err(internal("--fans must be 1 to 5,000"));
    }
    if args.seconds == 0 || args.seconds > 600 {
        return Err(internal("--seconds must be 1 to 600"));
    }
    eprintln!(
        "load: making {} fan accounts on {}",
        args.fans,
        args.board.display()
    );
    let fans = make_fans(&args.board, args.fans, now)?;
    let ideas = Arc::new(idea_pool(&args.board)?);
    eprintln!(
        "load: {} s of the mix, then {} s of list pages",
        args.seconds, args.seconds
    );
    let (mix, mix_time, mix_events) = phase(args, &base, &fans, &ideas, false)?;
    let (lists, lists_time, lists_events) = phase(args, &base, &fans, &ideas, true)?;
    eprintln!("load: {} s of list pages in process", args.seconds);
    let (in_process, in_stats) = in_process_lists(&args.board, args.seconds, args.seed)?;
    let mix = phase_json("mix", &mix, mix_time, mix_events);
    let lists = phase_json("lists", &lists, lists_time, lists_events);
    let http_lists = lists["req_per_s"].as_f64().unwrap_or(0.0);
    let report = json!({
        "fans": args.fans, "seconds": args.seconds, "seed": args.seed, "think_ms": args.think_ms,
        "phases": [mix, lists],
        "in_process_lists": { "req_per_s": in_process, "p50_ms": in_stats.p50, "p99_ms": in_stats.p99 },
        "http_over_in_process": http_lists / in_process,
        "server_peak_rss_mib": args.server_pid.and_then(peak_rss_mib),
    });
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(internal)?
        );
        return Ok(());
    }
    print_phase(&report["phases"][0]);
    print_phase(&report["phases"][1]);
    println!(
        "in process: list pages {:.0} req/s (p50 {:.2} ms, p99 {:.2} ms); HTTP / in-process = {:.2}",
        in_process,
        in_stats.p50,
        in_stats.p99,
        http_lists / in_process
    );
    if let Some(rss) = report["server_peak_rss_mib"].as_f64() {
        println!("server peak RSS: {rss:.0} MiB");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_servers_are_loaded() {
        assert_eq!(
            loopback_base("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert!(loopback_base("http://localhost:9000/").is_ok());
        assert!(loopback_base("http://[::1]:9000").is_ok());
        for refused in [
            "http://10.0.0.5:8080",
            "http://example.com",
            "https://127.0.0.1:8080",
            "http://192.168.1.2",
        ] {
            assert!(loopback_base(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn the_mix_adds_up_to_the_whole() {
        assert_eq!(MIX.iter().map(|(_, s)| s).sum::<u32>(), 100);
    }
}
