/**
 * The Backend of the desktop app: Tauri's IPC. The only module that calls
 * `invoke`; every command goes to the shell's one handler, which dispatches it
 * through the contract (crates/api).
 */
import { Channel, invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { Backend, FileFilter } from "./backend";
import { LOCAL_COMMANDS, STREAM_ARG, type CommandName } from "./contract";
import { toIpcError } from "./errors";

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toIpcError(reason);
  }
}

/** The board menu's commands (./boards.ts): the window serves them on every board. */
const MENU: ReadonlySet<CommandName> = new Set<CommandName>([
  "known_boards",
  "check_server",
  "join_board",
  "switch_board",
  "leave_board",
]);

let sharedBoard = false;

export const tauriBackend: Backend & { onSharedBoard(shared: boolean): void } = {
  // On its board file the window serves every command of the contract, the local
  // ones included; on a shared board, what the server serves and the board menu.
  serves: (command: CommandName) => !sharedBoard || !LOCAL_COMMANDS.has(command) || MENU.has(command),

  /** Says whether the window shows a shared board (./boards.ts, at start). */
  onSharedBoard(shared: boolean): void {
    sharedBoard = shared;
  },

  call<T>(command: string, args?: object): Promise<T> {
    return call<T>(command, args as InvokeArgs | undefined);
  },

  stream<T, I>(command: string, args: object, onItem: (item: I) => void): Promise<T> {
    // The shell finds the channel under the contract's streaming key.
    const channel = new Channel<I>();
    channel.onmessage = onItem;
    return call<T>(command, { ...args, [STREAM_ARG]: channel });
  },

  listen<P>(event: string, handler: (payload: P) => void): Promise<() => void> {
    return listen<P>(event, (e) => handler(e.payload));
  },

  notify(title: string, body: string): Promise<void> {
    return call<void>("plugin:notification|notify", { options: { title, body } });
  },

  chooseSavePath(defaultPath: string, filters: FileFilter[]): Promise<string | null> {
    return call<string | null>("plugin:dialog|save", { options: { defaultPath, filters } });
  },

  chooseOpenPath(filters: FileFilter[]): Promise<string | null> {
    return call<string | null>("plugin:dialog|open", {
      options: { multiple: false, directory: false, filters },
    });
  },

  // The app exports to and imports from paths of its machine (the commands above).
  files: null,
};
