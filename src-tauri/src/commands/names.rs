// Every app command, in one list: build.rs gates them, lib.rs registers them, and a
// test checks both agree with capabilities/.
pub const ALL: &[&str] = &[
    "board_overview",
    "list_ideas",
    "get_idea",
    "submit_idea",
    "vote",
    "change_vote_priority",
    "unvote",
    "set_following",
    "preview_markdown",
    "list_comments",
    "add_comment",
    "edit_comment",
    "delete_comment",
    "react",
    "list_profiles",
    "current_profile",
    "create_profile",
    "sign_in",
    "sign_out",
];
