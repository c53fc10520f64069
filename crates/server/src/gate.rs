//! How many writes may wait for the board's one writer. Past that, a write is
//! refused at once (503 `BoardBusy`, Retry-After) instead of joining a queue whose
//! wait would grow without end: under a flood the server answers quickly and reads
//! stay fast, and the fans' apps try again.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Writes waiting or running at most, by default.
pub const MAX_WAITING_WRITES: usize = 64;

/// The count of writes in the server.
#[derive(Debug)]
pub struct WriteGate {
    inside: AtomicUsize,
    max: usize,
}

/// One admitted write; leaving the gate when dropped.
#[derive(Debug)]
pub struct Admitted<'a>(&'a WriteGate);

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        self.0.inside.fetch_sub(1, Ordering::AcqRel);
    }
}

impl WriteGate {
    pub fn new(max: usize) -> WriteGate {
        WriteGate {
            inside: AtomicUsize::new(0),
            max: max.max(1),
        }
    }

    /// Admits one more write, or None when `max` are already in.
    pub fn enter(&self) -> Option<Admitted<'_>> {
        let before = self.inside.fetch_add(1, Ordering::AcqRel);
        if before >= self.max {
            self.inside.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        Some(Admitted(self))
    }

    /// Writes in the gate now.
    pub fn inside(&self) -> usize {
        self.inside.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admits_up_to_its_bound_and_again_as_writes_leave() {
        let gate = WriteGate::new(2);
        let a = gate.enter().expect("first");
        let b = gate.enter().expect("second");
        assert!(gate.enter().is_none(), "full");
        assert_eq!(gate.inside(), 2, "a refusal leaves no trace");
        drop(a);
        let c = gate.enter().expect("room again");
        drop((b, c));
        assert_eq!(gate.inside(), 0);
    }

    #[test]
    fn many_threads_never_get_more_than_the_bound_in() {
        let gate = std::sync::Arc::new(WriteGate::new(3));
        let most = std::sync::Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (gate, most) = (gate.clone(), most.clone());
                std::thread::spawn(move || {
                    for _ in 0..2_000 {
                        if let Some(_in) = gate.enter() {
                            most.fetch_max(gate.inside(), Ordering::AcqRel);
                        }
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert!(most.load(Ordering::Acquire) <= 3);
        assert_eq!(gate.inside(), 0);
    }
}
