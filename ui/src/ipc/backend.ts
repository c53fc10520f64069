/**
 * The one Backend the UI talks to: call a command by name, call one that streams
 * while it runs, listen to an event, and the few things a host offers besides
 * commands (OS notifications, file dialogs). The generated functions in
 * `commands.ts` call through it, so views never know which host answers.
 *
 * Which backend runs is chosen here, in one place: the desktop app's Tauri IPC
 * inside the app's window, the server's HTTP API (./http.ts) in any other browser
 * (the web portal).
 */
import type { CommandName, EventName } from "./contract";
import { httpBackend } from "./http";
import { tauriBackend } from "./tauri";

/** A file type offered by the save and open dialogs. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Backend {
  /** Whether this host serves `command` (a server does not serve the desktop's local ones). */
  serves(command: CommandName): boolean;
  /** Calls a command with its arguments (its request's camelCase fields); rejects with an `IpcError`. */
  call<T>(command: CommandName, args?: object): Promise<T>;
  /** Calls a command that streams items while it runs, handing each to `onItem`; rejects with an `IpcError`. */
  stream<T, I>(command: CommandName, args: object, onItem: (item: I) => void): Promise<T>;
  /** Calls `handler` with each event's payload; resolves to the unsubscribe. */
  listen<P>(event: EventName, handler: (payload: P) => void): Promise<() => void>;
  /** Shows a notification from the operating system (or the browser). */
  notify(title: string, body: string): Promise<void>;
  /** Asks where to save a file; null when cancelled. */
  chooseSavePath(defaultPath: string, filters: FileFilter[]): Promise<string | null>;
  /** Asks for one file to open; null when cancelled. */
  chooseOpenPath(filters: FileFilter[]): Promise<string | null>;
}

/** The backend of the host the page runs in: Tauri's inside the app's window, HTTP anywhere else. */
export function hostBackend(scope: object = globalThis): Backend {
  return "__TAURI_INTERNALS__" in scope ? tauriBackend : httpBackend;
}

let current: Backend = hostBackend();

/** The backend every call goes through. */
export function backend(): Backend {
  return current;
}

/** Replaces the backend (a test's fake, or another host's); returns the one it replaced. */
export function useBackend(next: Backend): Backend {
  const previous = current;
  current = next;
  return previous;
}
