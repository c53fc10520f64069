//! The fixed board of the export and import tests, built through the ops at fixed
//! times with deterministic ids, and the golden-file helper (UPDATE_GOLDEN=1
//! rewrites the files instead of comparing).

use ideaboard_core::model::{
    Category, CommentKind, ExportFilter, ExportFormat, ExportRequest, IdeaStatus, NewIdea,
    Priority, Role, StatusUpdate,
};
use ideaboard_core::{Board, Timestamp, ops};

use crate::support::{MINUTE, Member, T0, add_fan, add_team, comment, new_board, post, reply};

pub struct ExportFixture {
    pub board: Board,
    pub admin: Member,
    pub moderator: Member,
    pub fan: Member,
    pub now: Timestamp,
}

fn at(minutes: i64) -> Timestamp {
    T0.plus_millis(minutes * MINUTE)
}

fn idea(title: &str, body: &str, category: Option<&str>, tags: &[&str]) -> NewIdea {
    NewIdea {
        title: title.into(),
        body: body.into(),
        category: category.map(str::to_string),
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

fn change(b: &mut Board, who: &Member, id: &str, to: IdeaStatus, note: Option<&str>, t: Timestamp) {
    let update = StatusUpdate {
        idea_id: id.into(),
        to,
        note: note.map(str::to_string),
    };
    ops::change_status(b, &who.actor, &update, t).expect("status");
}

impl ExportFixture {
    pub fn new() -> ExportFixture {
        let (mut board, admin) = new_board(T0);
        let b = &mut board;
        let moderator = add_team(b, &admin, "Mia 产品经理", Role::Moderator, T0);
        let fan = add_fan(b, "小王", T0);
        let other = add_fan(b, "=cmd|' /C calc'!A0", T0);
        let third = add_fan(b, "Otto", T0);
        for (slug, name, en) in [("drinks", "饮品", "Drinks"), ("stores", "门店", "Stores")] {
            let c = Category {
                slug: slug.into(),
                name: name.into(),
                name_en: Some(en.into()),
            };
            ops::add_category(b, &admin.actor, &c, T0).expect("category");
        }
        let submit = |b: &mut Board, who: &Member, i: NewIdea, t: Timestamp| {
            ops::submit_idea(b, &who.actor, &i, t)
                .expect("submit")
                .idea
                .id
        };
        let oat = submit(
            b,
            &fan,
            idea(
                "燕麦奶全国门店供应",
                "希望**所有门店**都有燕麦奶。\n\n第二段：不加糖的也要。",
                Some("drinks"),
                &["燕麦", "植物奶"],
            ),
            at(1),
        );
        let formula = submit(
            b,
            &other,
            idea(
                "=1+2 free coffee",
                "+SUM(A1:A9)\nsecond line, \"quoted\"",
                Some("drinks"),
                &["-promo"],
            ),
            at(2),
        );
        let cups = submit(
            b,
            &third,
            idea(
                "-10% on \"reusable\" cups, please",
                "@everyone bring your cup",
                Some("stores"),
                &[],
            ),
            at(3),
        );
        let mobile = submit(
            b,
            &fan,
            idea("Mobile ordering ahead", "Order in the app", None, &["app"]),
            at(4),
        );
        let forever = submit(
            b,
            &third,
            idea("Free coffee forever", "Why not", Some("drinks"), &[]),
            at(5),
        );
        let twin = submit(
            b,
            &other,
            idea(
                "Reusable cup rebate",
                "Same as the cups one",
                Some("stores"),
                &[],
            ),
            at(6),
        );
        let hidden = submit(
            b,
            &third,
            idea("Spam spam spam", "Buy now", None, &[]),
            at(7),
        );
        for (who, id, p) in [
            (&other, &oat, Priority::Critical),
            (&third, &oat, Priority::Important),
            (&moderator, &oat, Priority::NiceToHave),
            (&fan, &cups, Priority::Important),
            (&other, &twin, Priority::Critical),
            (&third, &mobile, Priority::NiceToHave),
        ] {
            ops::vote(b, &who.actor, id, p, at(10)).expect("vote");
        }
        let first = post(
            b,
            &other,
            &comment(&oat, CommentKind::Public, "=HYPERLINK(\"x\") 同意！"),
            at(11),
        );
        post(
            b,
            &fan,
            &reply(&oat, &first, CommentKind::Public, "谢谢\n两行"),
            at(12),
        );
        post(
            b,
            &moderator,
            &comment(&oat, CommentKind::Official, "我们正在评估供应商。"),
            at(13),
        );
        post(
            b,
            &moderator,
            &comment(
                &oat,
                CommentKind::Internal,
                "Internal: supplier cost 3 元/杯",
            ),
            at(14),
        );
        change(
            b,
            &moderator,
            &oat,
            IdeaStatus::Planned,
            Some("Planned for **spring**."),
            at(20),
        );
        change(
            b,
            &moderator,
            &mobile,
            IdeaStatus::Launched,
            Some("Launched in all stores."),
            at(21),
        );
        change(
            b,
            &moderator,
            &forever,
            IdeaStatus::Declined,
            Some("Sorry, no."),
            at(22),
        );
        ops::merge_ideas(b, &moderator.actor, &twin, &cups, None, at(23)).expect("merge");
        ops::set_idea_hidden(b, &moderator.actor, &hidden, true, at(24)).expect("hide");
        let _ = formula;
        ExportFixture {
            board,
            admin,
            moderator,
            fan,
            now: at(60),
        }
    }

    /// The export as bytes.
    pub fn export(&self, format: ExportFormat, filter: ExportFilter, internal: bool) -> Vec<u8> {
        let request = ExportRequest {
            format,
            filter,
            include_internal: internal,
        };
        let mut out = Vec::new();
        ops::export(
            &self.board,
            &self.moderator.actor,
            &request,
            self.now,
            &mut out,
            &mut |_, _| true,
        )
        .expect("export");
        out
    }
}

/// Compares `actual` with the golden file `name`, or rewrites it when
/// UPDATE_GOLDEN=1.
pub fn golden(name: &str, actual: &[u8]) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        assert_eq!(
            String::from_utf8_lossy(actual),
            String::from_utf8_lossy(&expected),
            "{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)"
        );
        panic!("{name} differs from its golden file in bytes");
    }
}
