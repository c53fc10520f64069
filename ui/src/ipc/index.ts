/**
 * The one module that talks to the Rust side. Every command is a typed function here;
 * a rejected invoke always surfaces as an `IpcError` carrying the core's error code.
 */
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { BoardOverview, ErrorCode, IdeaPage, ListQuery } from "./bindings";
import { isErrorCode } from "./errorCodes";

export type * from "./bindings";

export class IpcError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "IpcError";
    this.code = code;
  }
}

/** Turns whatever a rejected invoke produced into an `IpcError` (unknown shapes become `Internal`). */
export function toIpcError(reason: unknown): IpcError {
  if (reason instanceof IpcError) return reason;
  if (typeof reason === "object" && reason !== null) {
    const { code, message } = reason as { code?: unknown; message?: unknown };
    const text = typeof message === "string" ? message : undefined;
    if (isErrorCode(code)) return new IpcError(code, text ?? code);
    if (text !== undefined) return new IpcError("Internal", text);
  }
  return new IpcError("Internal", typeof reason === "string" ? reason : String(reason));
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toIpcError(reason);
  }
}

export function boardOverview(): Promise<BoardOverview> {
  return call<BoardOverview>("board_overview");
}

export function listIdeas(query: ListQuery): Promise<IdeaPage> {
  return call<IdeaPage>("list_ideas", { query });
}
