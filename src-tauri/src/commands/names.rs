// Every app command, in one list: build.rs gates them, lib.rs registers them, and a
// test checks both agree with capabilities/.
pub const ALL: &[&str] = &["board_overview", "list_ideas"];
