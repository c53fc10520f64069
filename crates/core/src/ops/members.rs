//! Profiles: create, rename, roles, passphrases and signing in.

use serde_json::json;

use super::Actor;
use super::actor::{Who, audit};
use crate::clock::Timestamp;
use crate::model::{
    ListedMember, MemberPage, MemberProfile, MemberQuery, NewMember, PointsEntry, Role,
};
use crate::rules;
use crate::secrets;
use crate::store::changes::Entry;
use crate::store::{Board, ledger, members};
use crate::{Error, Result};

/// A passphrase's argon2id hash. The salt comes from the board's id source, so a
/// seeded demo board is the same on every run (a passphrase guards a profile on a
/// shared desktop, not an account on a network).
fn hash_passphrase(passphrase: &str, salt_seed: &[u8; 16]) -> Result<String> {
    secrets::hash_with_salt(passphrase, salt_seed)
}

fn salt_for(tx: &mut crate::store::Tx<'_>, now: Timestamp) -> [u8; 16] {
    *tx.ids.next(now).as_bytes()
}

/// Creates a profile. Anyone may create a fan profile; only an admin may create a
/// moderator or admin. A passphrase is only for team profiles.
pub fn create_member(
    board: &mut Board,
    actor: &Actor,
    input: &NewMember,
    now: Timestamp,
) -> Result<MemberProfile> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let admin_seq = if input.role.is_team() {
            Some(who.admin()?)
        } else {
            None
        };
        let name = rules::display_name(&input.display_name)?;
        let passphrase = match input.passphrase.as_deref() {
            Some(_) if !input.role.is_team() => {
                return Err(Error::InvalidInput {
                    field: "passphrase",
                    reason: "only team profiles have a passphrase".into(),
                });
            }
            Some(p) => Some(rules::passphrase(p)?),
            None => None,
        };
        let hash = match passphrase {
            Some(p) => {
                let salt = salt_for(tx, now);
                Some(hash_passphrase(p, &salt)?)
            }
            None => None,
        };
        let id = tx.ids.next(now).to_string();
        let seq = members::insert(tx, &id, &name, input.role, hash.as_deref(), now)?;
        tx.record(Entry::member(seq), now);
        if let Some(admin) = admin_seq {
            audit(
                tx,
                admin,
                "member.create",
                format!("member:{id}"),
                json!({ "role": input.role }),
                now,
            )?;
        }
        members::profile_by_seq(tx, seq)
    })
}

/// Creates the first admin of a new board. Refused once the board has any member.
pub fn create_owner(
    board: &mut Board,
    display_name: &str,
    passphrase: Option<&str>,
    now: Timestamp,
) -> Result<MemberProfile> {
    board.write(|tx| {
        if members::count_all(tx)? > 0 {
            return Err(Error::NotAllowed);
        }
        let name = rules::display_name(display_name)?;
        let hash = match passphrase {
            Some(p) => {
                let p = rules::passphrase(p)?;
                let salt = salt_for(tx, now);
                Some(hash_passphrase(p, &salt)?)
            }
            None => None,
        };
        let id = tx.ids.next(now).to_string();
        let seq = members::insert(tx, &id, &name, Role::Admin, hash.as_deref(), now)?;
        tx.record(Entry::member(seq), now);
        members::profile_by_seq(tx, seq)
    })
}

/// Signs a member in. A profile with a passphrase needs it; a wrong one is refused.
pub fn sign_in(board: &Board, member_id: &str, passphrase: Option<&str>) -> Result<Actor> {
    let id = crate::ids::parse_id(member_id)?.to_string();
    let row = board.read(|conn| members::by_id(conn, &id))?;
    if let Some(hash) = &row.passphrase_hash {
        let given = passphrase.ok_or(Error::WrongPassphrase)?;
        if !secrets::verify_password(given, hash)? {
            return Err(Error::WrongPassphrase);
        }
    }
    Ok(Actor::member(row.seq, row.id))
}

/// Acts as a member without a passphrase. For trusted local tools (the CLI, tests,
/// the demo seeder) that already hold the board file; the desktop app uses [`sign_in`].
pub fn act_as(board: &Board, member_id: &str) -> Result<Actor> {
    let id = crate::ids::parse_id(member_id)?.to_string();
    let row = board.read(|conn| members::by_id(conn, &id))?;
    Ok(Actor::member(row.seq, row.id))
}

/// Acts as the board's owner without a passphrase: the admin who joined first
/// (ties broken by creation order), whatever became of the profile that created
/// the board. For trusted local tools that hold the board file and act for the
/// team with no one signed in (`ideaboard-cli export` and `import` without `--as`,
/// the stress harnesses). A board with no admin (a fresh file before
/// [`create_owner`]) is refused with `NotFound` ("board owner (an admin)"); the
/// role is re-read by every op the actor then runs, as for any actor.
pub fn act_as_owner(board: &Board) -> Result<Actor> {
    let row = board.read(members::first_admin)?.ok_or(Error::NotFound {
        what: "board owner (an admin)",
    })?;
    Ok(Actor::member(row.seq, row.id))
}

/// Renames a profile: the member themself or an admin.
pub fn rename_member(
    board: &mut Board,
    actor: &Actor,
    member_id: &str,
    display_name: &str,
    now: Timestamp,
) -> Result<MemberProfile> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let (seq, role) = who.signed_in()?;
        let target = members::by_id(tx, &crate::ids::parse_id(member_id)?.to_string())?;
        if target.seq != seq && role != Role::Admin {
            return Err(Error::NotAllowed);
        }
        let name = rules::display_name(display_name)?;
        members::set_name(tx, target.seq, &name)?;
        tx.record(Entry::member(target.seq), now);
        if target.seq != seq {
            audit(
                tx,
                seq,
                "member.rename",
                format!("member:{}", target.id),
                json!({ "name": name }),
                now,
            )?;
        }
        members::profile_by_seq(tx, target.seq)
    })
}

/// Changes a member's role (admins only). The last admin cannot be demoted.
pub fn change_role(
    board: &mut Board,
    actor: &Actor,
    member_id: &str,
    role: Role,
    now: Timestamp,
) -> Result<MemberProfile> {
    board.write(|tx| {
        let admin = Who::load(tx, actor)?.admin()?;
        let target = members::by_id(tx, &crate::ids::parse_id(member_id)?.to_string())?;
        if target.role == Role::Admin && role != Role::Admin && members::count_admins(tx)? <= 1 {
            return Err(Error::LastAdmin);
        }
        members::set_role(tx, target.seq, role)?;
        tx.record(Entry::member(target.seq), now);
        if !role.is_team() {
            members::set_passphrase_hash(tx, target.seq, None)?;
        }
        audit(
            tx,
            admin,
            "member.role",
            format!("member:{}", target.id),
            json!({ "from": target.role, "to": role }),
            now,
        )?;
        members::profile_by_seq(tx, target.seq)
    })
}

/// Sets or clears the passphrase of a team profile: the member themself or an admin.
pub fn set_passphrase(
    board: &mut Board,
    actor: &Actor,
    member_id: &str,
    passphrase: Option<&str>,
    now: Timestamp,
) -> Result<MemberProfile> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let (seq, role) = who.signed_in()?;
        let target = members::by_id(tx, &crate::ids::parse_id(member_id)?.to_string())?;
        if target.seq != seq && role != Role::Admin {
            return Err(Error::NotAllowed);
        }
        if !target.role.is_team() {
            return Err(Error::InvalidInput {
                field: "passphrase",
                reason: "only team profiles have a passphrase".into(),
            });
        }
        let hash = match passphrase {
            Some(p) => {
                let p = rules::passphrase(p)?;
                let salt = salt_for(tx, now);
                Some(hash_passphrase(p, &salt)?)
            }
            None => None,
        };
        members::set_passphrase_hash(tx, target.seq, hash.as_deref())?;
        tx.record(Entry::member(target.seq), now);
        audit(
            tx,
            seq,
            "member.passphrase",
            format!("member:{}", target.id),
            json!({ "set": hash.is_some() }),
            now,
        )?;
        members::profile_by_seq(tx, target.seq)
    })
}

/// Every profile of the board (the profile switcher shows them).
pub fn list_members(board: &Board) -> Result<Vec<MemberProfile>> {
    board.read(members::list_profiles)
}

/// Most members a page of the team's members page lists.
const DIRECTORY_PAGE_MAX: u32 = 200;

/// The team's members page (moderators and admins): names, roles, join dates and
/// points, newest first, a page at a time. Emails and whether a member has an
/// account are private: only admins see them (and only admins' searches look at
/// emails). `NotFound` for an `after` that is no member.
pub fn member_directory(board: &Board, actor: &Actor, query: &MemberQuery) -> Result<MemberPage> {
    let limit = query.limit.clamp(1, DIRECTORY_PAGE_MAX);
    let search = query
        .search
        .as_deref()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty());
    let after = query
        .after
        .as_deref()
        .map(|id| crate::ids::parse_id(id).map(|id| id.to_string()))
        .transpose()?;
    board.read(|conn| {
        let who = Who::load(conn, actor)?;
        who.team()?;
        let admin = who.role == Some(Role::Admin);
        let before = match &after {
            Some(id) => members::by_id(conn, id)?.seq,
            None => i64::MAX,
        };
        // One more than the page, to know whether another follows.
        let mut rows = members::directory(
            conn,
            query.team_only,
            search.as_deref(),
            admin,
            before,
            limit + 1,
        )?;
        let next = if rows.len() > limit as usize {
            rows.truncate(limit as usize);
            rows.last().map(|r| r.profile.id.clone())
        } else {
            None
        };
        let members = rows
            .into_iter()
            .map(|row| ListedMember {
                has_account: admin && row.email.is_some(),
                email: if admin { row.email } else { None },
                profile: row.profile,
            })
            .collect();
        Ok(MemberPage { members, next })
    })
}

/// The acting member's own profile.
pub fn my_profile(board: &Board, actor: &Actor) -> Result<MemberProfile> {
    board.read(|conn| {
        let (seq, _) = Who::load(conn, actor)?.signed_in()?;
        members::profile_by_seq(conn, seq)
    })
}

/// The acting member's latest points ledger lines.
pub fn my_points(board: &Board, actor: &Actor, limit: u32) -> Result<Vec<PointsEntry>> {
    board.read(|conn| {
        let (seq, _) = Who::load(conn, actor)?.signed_in()?;
        ledger::entries(conn, seq, limit.min(500))
    })
}
