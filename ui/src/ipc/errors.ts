/**
 * How a refused or failed command reaches the views, whichever backend answered: an
 * `IpcError` carrying the core's stable error code (the UI branches on it, and
 * localises the message by it), or the one code a client adds itself: the host
 * could not be reached at all (a browser offline, a server down).
 */
import type { ErrorCode, ErrorParams } from "./bindings";
import { isErrorCode } from "./errorCodes";

/** The codes no host sends, because they mean no host answered. */
export const CLIENT_ERROR_CODES = ["Unreachable"] as const;

/** What a refusal or failure is: one of the core's codes, or a client's own. */
export type FailureCode = ErrorCode | (typeof CLIENT_ERROR_CODES)[number];

export class IpcError extends Error {
  readonly code: FailureCode;
  /** The numbers and names the localised message fills in (`len`, `max`, `budget`, ...). */
  readonly params: ErrorParams;

  constructor(code: FailureCode, message: string, params: ErrorParams = {}) {
    super(message);
    this.name = "IpcError";
    this.code = code;
    this.params = params;
  }
}

/** Turns whatever a rejected call produced into an `IpcError` (unknown shapes become `Internal`). */
export function toIpcError(reason: unknown): IpcError {
  if (reason instanceof IpcError) return reason;
  if (typeof reason === "object" && reason !== null) {
    const { code, message, params } = reason as { code?: unknown; message?: unknown; params?: unknown };
    const text = typeof message === "string" ? message : undefined;
    const given = typeof params === "object" && params !== null ? (params as ErrorParams) : {};
    if (isErrorCode(code)) return new IpcError(code, text ?? code, given);
    if (text !== undefined) return new IpcError("Internal", text);
  }
  return new IpcError("Internal", typeof reason === "string" ? reason : String(reason));
}
