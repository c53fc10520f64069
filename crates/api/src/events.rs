//! The events hosts send to the UI without being asked. Each is declared once here:
//! its name on the wire, its payload and the name of its listener in the TypeScript
//! client. Commands name the events they may emit in the contract table.

use ideaboard_core::model::{BoardHealth, ChangePage};
use ts_rs::TS;

use crate::TsName;

/// One event of the contract.
#[derive(Debug)]
pub struct Event {
    /// Its name on the wire (Tauri's event name; the WebSocket message type later).
    pub name: &'static str,
    /// What it means, carried to the TypeScript client.
    pub doc: &'static str,
    /// The TypeScript name of its payload (`null` for none).
    pub payload: TsName,
    /// The name of the TypeScript function that listens to it.
    pub listener: &'static str,
}

/// The background look-over of the board is done; carries what it found.
pub static BOARD_HEALTH: Event = Event {
    name: "board-health",
    doc: "Calls `handler` when the background look-over of the board is done; returns the unsubscribe.",
    payload: <BoardHealth as TS>::name,
    listener: "onBoardHealth",
};

/// Ideaboard was started again on the same board, so this window came forward.
pub static SECOND_INSTANCE: Event = Event {
    name: "second-instance",
    doc: "Calls `handler` when Ideaboard is started again on this board (this window came forward).",
    payload: <() as TS>::name,
    listener: "onSecondInstance",
};

/// What changed on the board since the window's last page of the change feed, as far
/// as its member may know (`ops::changes_since`); `reset` asks for a reload.
pub static BOARD_CHANGES: Event = Event {
    name: "board-changes",
    doc: "Calls `handler` with each page of the board's change feed the window's member may see; returns the unsubscribe.",
    payload: <ChangePage as TS>::name,
    listener: "onBoardChanges",
};

/// The window's shared board: its live stream opened (`true`) or went away
/// (`false`, and the app tries again by itself). Never sent for a board file.
pub static SERVER_CONNECTION: Event = Event {
    name: "server-connection",
    doc: "Calls `handler` with `true` when the shared board's live stream opens and `false` when the server went away (the app reconnects by itself); returns the unsubscribe.",
    payload: <bool as TS>::name,
    listener: "onServerConnection",
};

/// Every event of the contract.
pub static ALL: &[&Event] = &[
    &BOARD_HEALTH,
    &SECOND_INSTANCE,
    &BOARD_CHANGES,
    &SERVER_CONNECTION,
];
