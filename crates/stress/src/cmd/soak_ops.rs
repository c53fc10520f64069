//! The soak's members at work: one random operation per step, through the core's
//! ops, as a fan or the team would do it (team operations in soak_team, reads in
//! soak_reads). Each step says what it did, what the board answered, what the
//! model predicted where it predicts, and which ideas to look at afterwards.

use ideaboard_core::model::{IdeaEdit, NewIdea, Priority};
use ideaboard_core::{Board, Error, Timestamp, ops};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::soak_model::{Model, Prediction, SimIdea};
use super::{soak_discuss, soak_reads, soak_team};

/// The board, the model of it, the simulated clock and the dice.
pub struct Soak {
    pub board: Board,
    pub model: Model,
    pub now: Timestamp,
    pub rng: ChaCha8Rng,
    pub categories: Vec<String>,
}

/// One step, done.
pub struct Done {
    pub kind: &'static str,
    pub what: String,
    pub result: Result<(), Error>,
    /// What the model said the board must answer, where it says.
    pub predicted: Option<Prediction>,
    /// Ideas whose counters and status to compare with the model.
    pub ideas: Vec<usize>,
    /// The member who voted, after a vote.
    pub voter: Option<usize>,
}

impl Done {
    pub fn new<T>(kind: &'static str, what: String, result: Result<T, Error>) -> Done {
        Done {
            kind,
            what,
            result: result.map(|_| ()),
            predicted: None,
            ideas: Vec::new(),
            voter: None,
        }
    }

    pub fn predicted(mut self, p: Prediction) -> Done {
        self.predicted = Some(p);
        self
    }

    pub fn on(mut self, ideas: &[usize]) -> Done {
        self.ideas.extend_from_slice(ideas);
        self
    }
}

const WORDS: &[&str] = &[
    "oat milk",
    "燕麦拿铁",
    "reusable cup",
    "会员积分",
    "dark roast",
    "冷萃",
    "app ordering",
    "门店营业时间",
    "seasonal menu",
    "低糖",
    "delivery",
    "外卖",
    "loyalty card",
    "桂花",
    "decaf",
    "早餐套餐",
    "quiet corner",
    "充电插座",
    "pour over",
    "季节限定",
];

pub fn text(rng: &mut ChaCha8Rng, words: usize) -> String {
    let picked: Vec<&str> = (0..words)
        .map(|_| *WORDS.choose(rng).unwrap_or(&"coffee"))
        .collect();
    picked.join(" ")
}

impl Soak {
    pub fn member(&mut self) -> usize {
        self.rng.random_range(0..self.model.members.len())
    }

    /// Mostly a team member, now and then anyone (who may be refused).
    pub fn team_member(&mut self) -> usize {
        let team: Vec<usize> = (0..self.model.members.len())
            .filter(|&m| self.model.is_team(m))
            .collect();
        match team.choose(&mut self.rng) {
            Some(&m) if self.rng.random_bool(0.9) => m,
            _ => self.member(),
        }
    }

    pub fn idea(&mut self) -> Option<usize> {
        let n = self.model.ideas.len();
        (n > 0).then(|| self.rng.random_range(0..n))
    }

    pub fn comment(&mut self) -> Option<usize> {
        let n = self.model.comments.len();
        (n > 0).then(|| self.rng.random_range(0..n))
    }

    /// A member as reports name them.
    pub fn who(&self, m: usize) -> String {
        format!("member {m} ({})", self.model.members[m].role)
    }

    /// An idea as reports name it.
    pub fn number(&self, i: usize) -> String {
        format!("#{}", self.model.ideas[i].number)
    }
}

/// Runs one random operation.
pub fn step(s: &mut Soak) -> Done {
    s.now = s.now.plus_millis(s.rng.random_range(1_000..20 * 60_000));
    let roll = s.rng.random_range(0..1000);
    let done = match roll {
        0..60 => Some(submit(s)),
        60..100 => edit_idea(s),
        100..300 => vote(s),
        300..370 => unvote(s, false),
        370..400 => unvote(s, true),
        400..520 => soak_discuss::comment(s, false),
        520..570 => soak_discuss::comment(s, true),
        570..610 => soak_team::comment_upkeep(s),
        610..650 => soak_discuss::react(s),
        650..675 => soak_discuss::follow(s),
        675..700 => soak_discuss::report(s),
        700..820 => soak_team::step(s),
        _ => Some(soak_reads::step(s)),
    };
    done.unwrap_or_else(|| submit(s))
}

fn submit(s: &mut Soak) -> Done {
    let m = s.member();
    let title = if s.rng.random_bool(0.02) {
        "ab".to_string()
    } else {
        text(&mut s.rng, 2)
    };
    let category = s
        .categories
        .choose(&mut s.rng)
        .filter(|_| s.rng.random_bool(0.7))
        .cloned();
    let tags = (0..s.rng.random_range(0..3))
        .map(|_| text(&mut s.rng, 1).replace(' ', "-"))
        .collect();
    let input = NewIdea {
        title: title.clone(),
        body: format!("{}\n\n{}", text(&mut s.rng, 8), text(&mut s.rng, 5)),
        category,
        tags,
    };
    let result = ops::submit_idea(&mut s.board, &s.model.members[m].actor, &input, s.now);
    let mut ideas = Vec::new();
    if let Ok(d) = &result {
        ideas.push(s.model.ideas.len());
        s.model.ideas.push(SimIdea {
            id: d.idea.id.clone(),
            number: d.idea.number,
            author: m,
            status: d.idea.status,
            hidden: false,
        });
    }
    Done::new("submit", format!("{} submits {title:?}", s.who(m)), result).on(&ideas)
}

fn edit_idea(s: &mut Soak) -> Option<Done> {
    let i = s.idea()?;
    // Mostly the author (inside or past the edit window), sometimes anyone.
    let m = if s.rng.random_bool(0.7) {
        s.model.ideas[i].author
    } else {
        s.member()
    };
    let what = format!("{} edits {}", s.who(m), s.number(i));
    let actor = s.model.members[m].actor.clone();
    let id = s.model.ideas[i].id.clone();
    let (board, now) = (&mut s.board, s.now);
    let result = if s.rng.random_bool(0.7) {
        let edit = IdeaEdit {
            title: text(&mut s.rng, 2),
            body: text(&mut s.rng, 10),
        };
        ops::edit_idea(board, &actor, &id, &edit, now).map(|_| ())
    } else {
        let category = s.categories.choose(&mut s.rng).cloned();
        let tags = vec![text(&mut s.rng, 1).replace(' ', "-")];
        ops::set_idea_labels(board, &actor, &id, category.as_deref(), &tags, now).map(|_| ())
    };
    Some(Done::new("edit idea", what, result).on(&[i]))
}

fn priority(rng: &mut ChaCha8Rng) -> Priority {
    *Priority::ALL.choose(rng).unwrap_or(&Priority::Important)
}

fn vote(s: &mut Soak) -> Option<Done> {
    let (m, i) = (s.member(), s.idea()?);
    let p = priority(&mut s.rng);
    let predicted = s.model.predict_vote(m, i);
    let what = format!("{} votes {p} on {}", s.who(m), s.number(i));
    let result = ops::vote(
        &mut s.board,
        &s.model.members[m].actor,
        &s.model.ideas[i].id,
        p,
        s.now,
    );
    if result.is_ok() {
        s.model.votes.insert((m, i), p);
    }
    let mut done = Done::new("vote", what, result)
        .predicted(predicted)
        .on(&[i]);
    done.voter = Some(m);
    Some(done)
}

/// An unvote, or (`change`) a change of priority.
fn unvote(s: &mut Soak, change: bool) -> Option<Done> {
    // Mostly a vote that exists, so that the success path is walked too.
    let (m, i) = match s
        .model
        .votes
        .keys()
        .copied()
        .collect::<Vec<_>>()
        .choose(&mut s.rng)
    {
        Some(&pair) if s.rng.random_bool(0.8) => pair,
        _ => (s.member(), s.idea()?),
    };
    let predicted = s.model.predict_unvote(m, i);
    let (actor, id) = (
        s.model.members[m].actor.clone(),
        s.model.ideas[i].id.clone(),
    );
    if change {
        let p = priority(&mut s.rng);
        let what = format!("{} changes their vote on {} to {p}", s.who(m), s.number(i));
        let result = ops::change_vote_priority(&mut s.board, &actor, &id, p, s.now);
        if result.is_ok() {
            s.model.votes.insert((m, i), p);
        }
        Some(
            Done::new("change priority", what, result)
                .predicted(predicted)
                .on(&[i]),
        )
    } else {
        let what = format!("{} withdraws their vote on {}", s.who(m), s.number(i));
        let result = ops::unvote(&mut s.board, &actor, &id, s.now);
        if result.is_ok() {
            s.model.votes.remove(&(m, i));
        }
        Some(
            Done::new("unvote", what, result)
                .predicted(predicted)
                .on(&[i]),
        )
    }
}
