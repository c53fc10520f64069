/**
 * The Backend of the web portal: the server's HTTP API (crates/server). A command is
 * `POST /api/<command>` with its camelCase request as the JSON body, answered with
 * its response or refused with the same `{code, message, params}` the app gets, which
 * becomes the same `IpcError`; when no server answers at all, the error is
 * `Unreachable`.
 *
 * The browser carries the member's session in an HttpOnly cookie, and every POST
 * proves it with the session's CSRF token: the page learns it from
 * `GET /api/auth/session` before its first request, and from every sign-in's answer
 * (./accounts.ts). A refused token (a sign-in or sign-out in another tab changed the
 * cookie) is asked for again once, and so is the session after the server no longer
 * knows it (revoked, expired): the page carries on as whoever the server now says.
 *
 * Exports download and imports upload (./files.ts), with the same session.
 *
 * The board's change feed comes as Server-Sent Events from `/api/live`; the browser
 * reconnects by itself, and the feed restarts when the member changes (the server
 * filters it for who is signed in). Without it, everything else still works.
 */
import type { Backend } from "./backend";
import type { MemberProfile, SessionInfo } from "./bindings";
import { LOCAL_COMMANDS, type CommandName, type EventName } from "./contract";
import { IpcError, toIpcError } from "./errors";
import { httpFiles } from "./files";

/** Who the server says the page is signed in as. */
export interface SessionAnswer {
  profile: MemberProfile | null;
  session: SessionInfo | null;
  /** What each POST of a cookie session carries in `X-CSRF-Token`. */
  csrfToken: string | null;
}

/** The header a cookie session's requests prove themselves with. */
export const CSRF_HEADER = "X-CSRF-Token";
/** The server's stream of the board's changes. */
export const LIVE_URL = "/api/live";

const GUEST: SessionAnswer = { profile: null, session: null, csrfToken: null };

let csrfToken: string | null = null;
/** The session as last asked of the server (one request for every caller meanwhile). */
let asked: Promise<SessionAnswer> | null = null;
/** The member the page acts as; undefined until the server first said. */
let memberId: string | null | undefined;
const sessionWatchers = new Set<(answer: SessionAnswer) => void>();

type Method = "GET" | "POST";

/** One request to the server; its answer's JSON, or the refusal as an `IpcError`. */
async function send<T>(method: Method, path: string, body?: object): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (method === "POST") {
    headers["Content-Type"] = "application/json";
    if (csrfToken !== null) headers[CSRF_HEADER] = csrfToken;
  }
  let status: number;
  let text: string;
  try {
    const response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    status = response.status;
    text = await response.text();
  } catch (reason) {
    throw new IpcError("Unreachable", `${path}: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
  let payload: unknown;
  try {
    payload = text === "" ? null : JSON.parse(text);
  } catch {
    payload = undefined;
  }
  const ok = status >= 200 && status < 300;
  if (ok && payload !== undefined) return payload as T;
  if (!ok && typeof payload === "object" && payload !== null && "code" in payload) throw toIpcError(payload);
  // Not the server's own answer: a proxy in front of a server that is down, or a page
  // that is not the API at all.
  const what = `${path}: HTTP ${status}${ok ? " with an answer that is not JSON" : ""}`;
  throw new IpcError(status >= 500 ? "Unreachable" : "Internal", what);
}

/** Takes in who the server says the page is: the CSRF token, and the member (watchers hear of a change). */
export function rememberSession(answer: SessionAnswer): SessionAnswer {
  csrfToken = answer.csrfToken;
  asked = Promise.resolve(answer);
  const next = answer.profile?.id ?? null;
  const changed = memberId !== undefined && memberId !== next;
  memberId = next;
  if (changed) {
    live.restart();
    for (const watcher of sessionWatchers) watcher(answer);
  }
  return answer;
}

/** Forgets the session after signing out: a guest from now on. */
export function forgetSession(): void {
  rememberSession(GUEST);
}

/** Who the server says the page is signed in as; `fresh` asks again rather than reusing the last answer. */
export function sessionAnswer(fresh = false): Promise<SessionAnswer> {
  if (asked === null || fresh) {
    const asking = send<SessionAnswer>("GET", "/api/auth/session").then(rememberSession);
    asked = asking;
    // A failed look (offline) is not remembered: the next request asks again.
    asking.catch(() => {
      if (asked === asking) asked = null;
    });
  }
  return asked;
}

/** Calls `handler` whenever the server's answer names another member than before; returns the unsubscribe. */
export function watchSession(handler: (answer: SessionAnswer) => void): () => void {
  sessionWatchers.add(handler);
  return () => sessionWatchers.delete(handler);
}

/**
 * A POST to the API once the page knows its session. A CSRF refusal, or a session
 * the server no longer knows, asks for the session again and tries once more.
 */
export async function post<T>(path: string, body?: object): Promise<T> {
  await sessionAnswer();
  try {
    return await send<T>("POST", path, body);
  } catch (reason) {
    const error = toIpcError(reason);
    const stale = error.code === "CsrfRejected" || (error.code === "NotSignedIn" && csrfToken !== null);
    if (!stale) throw error;
    const before = csrfToken;
    try {
      await sessionAnswer(true);
    } catch {
      throw error;
    }
    if (error.code === "NotSignedIn" && csrfToken === before) throw error;
    return send<T>("POST", path, body);
  }
}

/** How long the live feed waits before opening again after the server refused it, at first and at most. */
export const LIVE_RETRY_FIRST_MS = 1000;
export const LIVE_RETRY_MAX_MS = 30_000;
/** `EventSource.CLOSED`: the browser gave up on the stream and will not reconnect by itself. */
const CLOSED = 2;
/** What the views are told when changes may have been missed: reload, as after a reset. */
const MISSED = { changes: [], latestSeq: 0, reset: true, hasMore: false };

/**
 * The live feed: one EventSource for every listener, opened while anyone listens.
 * The browser reconnects a dropped stream by itself (sending the last event's id);
 * when it gives up instead (the server answered an error, as while it restarts), the
 * feed opens again after a back-off, from the last event it had (`?after=`), so no
 * change between the two streams is missed; with no event to resume from, the views
 * are told to reload (a reset page) once it is back.
 */
class LiveFeed {
  readonly #handlers = new Set<(page: unknown) => void>();
  #source: EventSource | null = null;
  #lastId: string | null = null;
  #retry: ReturnType<typeof setTimeout> | null = null;
  #backoff = LIVE_RETRY_FIRST_MS;
  /** The stream failed since the last one opened: what happened meanwhile may be missed. */
  #broken = false;

  add(handler: (page: unknown) => void): () => void {
    this.#handlers.add(handler);
    this.#open();
    return () => {
      this.#handlers.delete(handler);
      if (this.#handlers.size === 0) this.#close();
    };
  }

  /** Reconnects as the member the page now is. */
  restart(): void {
    if (this.#source === null && this.#retry === null) return;
    this.#close();
    this.#open();
  }

  #open(): void {
    if (this.#source !== null || this.#retry !== null) return;
    if (this.#handlers.size === 0 || typeof EventSource === "undefined") return;
    const url = this.#lastId === null ? LIVE_URL : `${LIVE_URL}?after=${encodeURIComponent(this.#lastId)}`;
    try {
      const source = new EventSource(url);
      source.addEventListener("board-changes", (event) => {
        const message = event as MessageEvent<string>;
        if (message.lastEventId) this.#lastId = message.lastEventId;
        this.#backoff = LIVE_RETRY_FIRST_MS;
        this.#deliver(message.data);
      });
      source.addEventListener("open", () => {
        // Back after a failure with no event to resume from (the stream broke before
        // its first one): the server cannot say what was missed, so every view
        // reloads what it shows, as after a board reset.
        if (this.#broken && this.#lastId === null) this.#deliver(JSON.stringify(MISSED));
        this.#broken = false;
      });
      source.addEventListener("error", () => {
        this.#broken = true;
        if (source.readyState === CLOSED) this.#retryLater(source);
      });
      this.#source = source;
    } catch {
      // No live updates: every view still loads what it shows when it opens.
    }
  }

  #retryLater(source: EventSource): void {
    if (this.#source !== source) return;
    this.#source = null;
    const wait = this.#backoff;
    this.#backoff = Math.min(this.#backoff * 2, LIVE_RETRY_MAX_MS);
    this.#retry = setTimeout(() => {
      this.#retry = null;
      this.#open();
    }, wait);
  }

  #deliver(data: string): void {
    let page: unknown;
    try {
      page = JSON.parse(data);
    } catch {
      return;
    }
    for (const handler of this.#handlers) handler(page);
  }

  #close(): void {
    if (this.#retry !== null) clearTimeout(this.#retry);
    this.#retry = null;
    this.#source?.close();
    this.#source = null;
  }
}

const live = new LiveFeed();

/** The CSRF header a cookie session's POST carries, once the page knows its session. */
async function sessionHeaders(): Promise<Record<string, string>> {
  await sessionAnswer();
  return csrfToken === null ? {} : { [CSRF_HEADER]: csrfToken };
}

export const httpBackend: Backend = {
  serves(command: CommandName): boolean {
    return !LOCAL_COMMANDS.has(command);
  },

  call<T>(command: CommandName, args?: object): Promise<T> {
    return post<T>(`/api/${command}`, args);
  },

  // The only streaming command (export_board) is one the server does not serve.
  stream<T>(command: CommandName, args: object): Promise<T> {
    return post<T>(`/api/${command}`, args);
  },

  async listen<P>(event: EventName, handler: (payload: P) => void): Promise<() => void> {
    // The window's own events (board health, a second start) have no meaning in a browser.
    if (event !== "board-changes") return () => {};
    return live.add((page) => handler(page as P));
  },

  async notify(title: string, body: string): Promise<void> {
    if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
    try {
      new Notification(title, { body });
    } catch {
      // Some browsers allow notifications only from a service worker: nothing is shown.
    }
  },

  // A browser has no paths of the machine to offer: exports download and imports
  // upload instead (`files`).
  async chooseSavePath(): Promise<string | null> {
    return null;
  },

  async chooseOpenPath(): Promise<string | null> {
    return null;
  },

  files: httpFiles(sessionHeaders),
};
