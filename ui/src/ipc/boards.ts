/**
 * The boards the desktop app knows (board files and shared boards on servers) and
 * which one its window shows. Only the app's window has these: in a browser there
 * is one board, the server's, and `loadBoards` leaves everything as it is.
 *
 * What the window shows decides what its backend serves: on a shared board, the
 * desktop's local commands (paths of the machine, backups, local profiles) are not
 * served, so the views hide them exactly as they do in the web portal; the board
 * menu's own commands are served on every board.
 */
import type { KnownBoard } from "./bindings";
import { knownBoards } from "./commands";
import { tauriBackend } from "./tauri";
import { backend } from "./backend";

let shown: KnownBoard | null = null;

/** Asks the app which board its window shows (call once before the UI mounts); nothing in a browser. */
export async function loadBoards(): Promise<void> {
  if (!backend().serves("known_boards")) return;
  try {
    shown = (await knownBoards()).find((board) => board.current) ?? null;
  } catch {
    // The window shows its board file, as it always did.
    shown = null;
  }
  tauriBackend.onSharedBoard(shown?.kind === "server");
}

/** The board the app's window shows; null in a browser (or before `loadBoards`). */
export function shownBoard(): KnownBoard | null {
  return shown;
}

/** Whether this is the app's window showing a shared board (a server's). */
export function onSharedBoardInApp(): boolean {
  return shown?.kind === "server";
}
