//! The bench's figures: percentiles of timed samples, each row's target and whether
//! it was met, printed as a table or as JSON.

use std::time::Duration;

use serde_json::{Value, json};

/// Percentiles of one operation's samples, in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub n: usize,
    pub p50: f64,
    pub p99: f64,
    pub max: f64,
    /// Samples per second of time spent in the operation.
    pub ops_per_s: f64,
}

impl Stats {
    pub fn of(samples: &[Duration]) -> Stats {
        let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        let at = |q: f64| -> f64 {
            if ms.is_empty() {
                return f64::NAN;
            }
            let rank = ((q * ms.len() as f64).ceil() as usize).clamp(1, ms.len());
            ms[rank - 1]
        };
        let total: f64 = ms.iter().sum();
        Stats {
            n: ms.len(),
            p50: at(0.50),
            p99: at(0.99),
            max: ms.last().copied().unwrap_or(f64::NAN),
            ops_per_s: if total > 0.0 {
                ms.len() as f64 * 1e3 / total
            } else {
                f64::NAN
            },
        }
    }
}

/// What an operation must reach (the targets, p99).
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub p99_ms: f64,
    /// At most this many times the hand-written floor (median against median).
    pub floor_ratio: Option<f64>,
}

/// One line of the report.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub stats: Option<Stats>,
    pub floor: Option<Stats>,
    pub target: Option<Target>,
    /// Why there are no figures (e.g. "not built yet").
    pub note: Option<String>,
}

impl Row {
    pub fn timed(name: impl Into<String>, samples: &[Duration], target: Option<Target>) -> Row {
        Row {
            name: name.into(),
            stats: Some(Stats::of(samples)),
            floor: None,
            target,
            note: None,
        }
    }

    /// The operation's median over the floor's median.
    pub fn ratio(&self) -> Option<f64> {
        Some(self.stats?.p50 / self.floor?.p50)
    }

    /// Whether the target is met; None without a target or figures.
    pub fn met(&self) -> Option<bool> {
        let (stats, target) = (self.stats?, self.target?);
        let fast = stats.p99 <= target.p99_ms;
        let near_floor = match target.floor_ratio {
            Some(limit) => self.ratio().is_some_and(|r| r <= limit),
            None => true,
        };
        Some(fast && near_floor)
    }
}

fn ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    }
}

/// The report as a fixed-width table.
pub fn table(rows: &[Row]) -> String {
    let mut out = format!(
        "{:<44} {:>5} {:>9} {:>9} {:>9} {:>9} {:>10} {:>6} {:>16} {}\n",
        "operation",
        "n",
        "p50 ms",
        "p99 ms",
        "max ms",
        "ops/s",
        "floor p50",
        "ratio",
        "target",
        "met"
    );
    for row in rows {
        let Some(s) = row.stats else {
            out.push_str(&format!(
                "{:<44} {}\n",
                row.name,
                row.note.as_deref().unwrap_or("")
            ));
            continue;
        };
        let floor = row.floor.map_or("-".to_string(), |f| ms(f.p50));
        let ratio = row.ratio().map_or("-".to_string(), |r| format!("{r:.2}x"));
        let target = row.target.map_or("-".to_string(), |t| match t.floor_ratio {
            Some(r) => format!("<={}ms,<={r}x", t.p99_ms),
            None => format!("<={}ms", t.p99_ms),
        });
        let met = match row.met() {
            Some(true) => "met",
            Some(false) => "MISSED",
            None => "-",
        };
        out.push_str(&format!(
            "{:<44} {:>5} {:>9} {:>9} {:>9} {:>9.0} {:>10} {:>6} {:>16} {}\n",
            row.name,
            s.n,
            ms(s.p50),
            ms(s.p99),
            ms(s.max),
            s.ops_per_s,
            floor,
            ratio,
            target,
            met
        ));
    }
    out
}

fn stats_json(s: Option<Stats>) -> Value {
    match s {
        Some(s) => json!({
            "n": s.n, "p50_ms": s.p50, "p99_ms": s.p99, "max_ms": s.max, "ops_per_s": s.ops_per_s
        }),
        None => Value::Null,
    }
}

/// The report as JSON: one object per row.
pub fn json(rows: &[Row], context: Value) -> Value {
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "operation": r.name,
                "stats": stats_json(r.stats),
                "floor": stats_json(r.floor),
                "ratio": r.ratio(),
                "target_p99_ms": r.target.map(|t| t.p99_ms),
                "target_floor_ratio": r.target.and_then(|t| t.floor_ratio),
                "met": r.met(),
                "note": r.note,
            })
        })
        .collect();
    json!({ "context": context, "rows": rows })
}
