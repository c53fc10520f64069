//! The checks and inserts of a JSON bundle's board-level records: members,
//! categories, tags and ideas, the ids every later record refers to.

use rusqlite::params;

use super::json::Restorer;
use super::reason;
use crate::Result;
use crate::model::bundle::*;
use crate::model::{IdeaStatus, Role};
use crate::render::{markdown_excerpt, markdown_to_safe_html};
use crate::rules;
use crate::store::import as store;

impl Restorer<'_> {
    pub(super) fn add_member(&mut self, i: usize, m: MemberRecord) -> Result<()> {
        const T: &str = "members";
        let uuid = crate::ids::parse_id(&m.id);
        let role = Role::parse(&m.role).map(|_| ());
        self.check(T, i, role);
        let name = rules::display_name(&m.display_name).map(|_| ());
        self.check(T, i, name);
        let joined = self.time(T, i, &m.joined_at);
        let uuid = match uuid {
            Ok(uuid) => uuid,
            Err(e) => {
                self.bad(T, i, reason(&e));
                return Ok(());
            }
        };
        let key = uuid.as_u128();
        if self.members.contains_key(&key) {
            self.bad(T, i, format!("member {} appears twice", m.id));
            return Ok(());
        }
        // Stored as the app writes ids (lower-case, hyphenated), whatever form the
        // file used: lookups by id compare that form.
        let id = uuid.to_string();
        let mut seq = 0;
        if self.writing() {
            seq = match store::member_seq(self.conn, &id)? {
                Some(seq) => seq,
                None => {
                    let done = self
                        .ins
                        .member
                        .execute(params![id, m.display_name, m.role, joined]);
                    self.insert(T, i, done)?;
                    self.report.members_created += 1;
                    self.conn.last_insert_rowid()
                }
            };
        }
        self.members.insert(key, seq);
        Ok(())
    }

    pub(super) fn add_category(&mut self, i: usize, c: CategoryRecord) -> Result<()> {
        if self.categories.contains_key(&c.slug) {
            self.bad(
                "categories",
                i,
                format!("category {} appears twice", c.slug),
            );
            return Ok(());
        }
        let mut seq = 0;
        if self.writing() {
            let done = self
                .ins
                .category
                .execute(params![c.slug, c.name, c.name_en, c.position]);
            self.insert("categories", i, done)?;
            seq = self.conn.last_insert_rowid();
        }
        self.categories.insert(c.slug, seq);
        Ok(())
    }

    pub(super) fn add_tag(&mut self, i: usize, t: TagRecord) -> Result<()> {
        let key = t.name.to_lowercase();
        if t.name.trim().is_empty() || self.tags.contains_key(&key) {
            self.bad(
                "tags",
                i,
                format!("tag {:?} is empty or appears twice", t.name),
            );
            return Ok(());
        }
        let mut seq = 0;
        if self.writing() {
            let done = self.ins.tag.execute([&t.name]);
            self.insert("tags", i, done)?;
            seq = self.conn.last_insert_rowid();
        }
        self.tags.insert(key, seq);
        Ok(())
    }

    pub(super) fn add_idea(&mut self, i: usize, r: IdeaRecord) -> Result<()> {
        const T: &str = "ideas";
        if r.number < 1 || !self.ideas.insert(r.number) {
            self.bad(
                T,
                i,
                format!("idea number {} is not positive or appears twice", r.number),
            );
        }
        // Stored in the app's form of an id, as for members.
        let id = crate::ids::parse_id(&r.id).map(|u| u.to_string());
        let id = match id {
            Ok(id) => id,
            Err(e) => {
                self.bad(T, i, reason(&e));
                String::new()
            }
        };
        let title = rules::title(&r.title).map(|_| ());
        self.check(T, i, title);
        let body = rules::body(&r.body).map(|_| ());
        self.check(T, i, body);
        let category = match &r.category {
            Some(slug) => match self.categories.get(slug) {
                Some(&seq) => Some(seq),
                None => {
                    self.bad(T, i, format!("category {slug} is not in the file"));
                    None
                }
            },
            None => None,
        };
        let mut tags = Vec::with_capacity(r.tags.len());
        for t in &r.tags {
            match self.tags.get(&t.to_lowercase()) {
                Some(&seq) => tags.push(seq),
                None => self.bad(T, i, format!("tag {t:?} is not in the file")),
            }
        }
        let author = self.member(T, i, &r.author);
        let status = IdeaStatus::parse(&r.status).map(|_| ());
        self.check(T, i, status);
        let created = self.time(T, i, &r.created_at);
        let updated = self.time(T, i, &r.updated_at);
        if (r.status == "merged") != r.merged_into.is_some() {
            self.bad(
                T,
                i,
                "a merged idea, and only a merged idea, names the idea it was merged into",
            );
        }
        if let Some(to) = r.merged_into {
            self.merges.push((i, to));
        }
        if !r.trending.is_finite() {
            self.bad(T, i, "the trending score is not a number");
        }
        if self.writing() {
            let done = self.ins.idea.execute(params![
                r.number,
                id,
                r.title,
                r.body,
                markdown_to_safe_html(&r.body),
                markdown_excerpt(&r.body, crate::rules::EXCERPT_CHARS),
                category,
                author,
                r.status,
                created,
                updated,
                r.merged_into,
                r.hidden,
                r.pinned,
                r.trending
            ]);
            self.insert(T, i, done)?;
            for tag in tags {
                let done = self.ins.idea_tag.execute([r.number, tag]);
                self.insert(T, i, done)?;
            }
            self.report.ideas += 1;
        }
        Ok(())
    }
}
