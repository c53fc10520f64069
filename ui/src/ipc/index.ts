/**
 * The one module views talk to for anything of the host: the generated function of
 * every command and event (./commands.ts, from the contract in crates/api), the
 * types (./bindings.ts), the error every refusal becomes (`IpcError`), and what the
 * host offers besides commands. All of it goes through the one Backend
 * (./backend.ts).
 */
import { backend, type FileFilter } from "./backend";

export type * from "./bindings";
export * from "./commands";
export { IpcError, toIpcError } from "./errors";
export { calls, watchWrites } from "./backend";
export type { Backend, FileFilter, WriteWatcher } from "./backend";

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
