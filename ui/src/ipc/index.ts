/**
 * The one module views talk to for anything of the host: the generated function of
 * every command and event (./commands.ts, from the contract in crates/api), the
 * types (./bindings.ts), the error every refusal becomes (`IpcError`), what the
 * host offers besides commands, all through the one Backend (./backend.ts); and a
 * shared board's accounts (./accounts.ts), which only the server has.
 */
import { backend, type FileFilter } from "./backend";
import type { CommandName } from "./contract";
import type { FileTransfer } from "./files";

export type * from "./bindings";
export * from "./commands";
export { IpcError, toIpcError, type FailureCode } from "./errors";
export { calls, watchWrites } from "./backend";
export type { Backend, FileFilter, WriteWatcher } from "./backend";
export type { Download, FileTransfer } from "./files";
export * from "./accounts";
export { loadBoards, onSharedBoardInApp, shownBoard } from "./boards";

/** Whether the host serves `command`: a server does not serve the desktop's local ones (paths, backups, local profiles). */
export function serves(command: CommandName): boolean {
  return backend().serves(command);
}

/** Shows a notification from the operating system (the Tauri notification plugin). */
export function notifyOs(title: string, body: string): Promise<void> {
  return backend().notify(title, body);
}

/** The operating system's save dialog; resolves to the chosen path, or null when cancelled. */
export function chooseSavePath(defaultPath: string, filters: FileFilter[]): Promise<string | null> {
  return backend().chooseSavePath(defaultPath, filters);
}

/** The operating system's open dialog for one file; null when cancelled. */
export function chooseOpenPath(filters: FileFilter[]): Promise<string | null> {
  return backend().chooseOpenPath(filters);
}

/** Downloads and uploads in place of paths, where the host has none to offer (the web portal); null in the app. */
export function fileTransfer(): FileTransfer | null {
  return backend().files;
}
