/**
 * The one Backend the UI talks to: call a command by name, call one that streams
 * while it runs, listen to an event, and the few things a host offers besides
 * commands (OS notifications, file dialogs). The generated functions in
 * `commands.ts` call through it, so views never know which host answers.
 *
 * Which backend runs is chosen here, in one place: the desktop app's Tauri IPC
 * inside the app's window, the server's HTTP API (./http.ts) in any other browser
 * (the web portal). Whichever runs, every call passes here first: it is counted
 * (`calls`) and, if it writes, shown to the write watchers (`watchWrites`), so what a
 * write answered is taken in one place (app/writes.svelte.ts).
 */
import { WRITES, type CommandName, type EventName } from "./contract";
import type { FileTransfer } from "./files";
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
  /** Exports as downloads and imports as uploads, where the host has no paths to offer (the web portal); null in the app. */
  readonly files: FileTransfer | null;
}

/** Told of every write through the backend: as it starts, and as it ends. */
export interface WriteWatcher {
  started(command: CommandName): void;
  /** `answer` is what the write answered; undefined when it was refused. */
  ended(command: CommandName, answer: unknown): void;
}

/**
 * How many calls went through the backend since the window opened, by command (and
 * by plugin command for notifications and dialogs). Cheap enough to keep always;
 * the end-to-end suite reads it as `window.ideaboardCalls` to count what a click
 * costs.
 */
export const calls: Record<string, number> = {};
(globalThis as { ideaboardCalls?: Record<string, number> }).ideaboardCalls = calls;

/** The backend of the host the page runs in: Tauri's inside the app's window, HTTP anywhere else. */
export function hostBackend(scope: object = globalThis): Backend {
  return "__TAURI_INTERNALS__" in scope ? tauriBackend : httpBackend;
}

let current: Backend = hostBackend();
const watchers = new Set<WriteWatcher>();

/** Tells `watcher` of every write from now on; returns the function that stops it. */
export function watchWrites(watcher: WriteWatcher): () => void {
  watchers.add(watcher);
  return () => void watchers.delete(watcher);
}

function count(name: string): void {
  calls[name] = (calls[name] ?? 0) + 1;
}

async function through<T>(command: CommandName, run: () => Promise<T>): Promise<T> {
  count(command);
  if (!WRITES.has(command)) return run();
  for (const watcher of watchers) watcher.started(command);
  let answer: T | undefined;
  try {
    answer = await run();
    return answer;
  } finally {
    for (const watcher of watchers) watcher.ended(command, answer);
  }
}

/** The one way through to `current`: every call is counted, every write watched. */
const counted: Backend = {
  serves: (command) => current.serves(command),
  call: (command, args) => through(command, () => current.call(command, args)),
  stream: (command, args, onItem) => through(command, () => current.stream(command, args, onItem)),
  listen: (event, handler) => current.listen(event, handler),
  notify(title, body) {
    count("plugin:notification|notify");
    return current.notify(title, body);
  },
  chooseSavePath(defaultPath, filters) {
    count("plugin:dialog|save");
    return current.chooseSavePath(defaultPath, filters);
  },
  chooseOpenPath(filters) {
    count("plugin:dialog|open");
    return current.chooseOpenPath(filters);
  },
  get files() {
    return current.files;
  },
};

/** The backend every call goes through. */
export function backend(): Backend {
  return counted;
}

/** Replaces the backend (a test's fake, or another host's); returns the one it replaced. */
export function useBackend(next: Backend): Backend {
  const previous = current;
  current = next;
  return previous;
}
