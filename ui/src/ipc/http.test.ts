import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MemberProfile } from "./bindings";
import { profile } from "../test/fixtures";
import { fakeServer } from "../test/server";

// Fresh module state (the CSRF token, the session, the live feed) for every test.
async function load() {
  vi.resetModules();
  const http = await import("./http");
  const accounts = await import("./accounts");
  const errors = await import("./errors");
  return { ...http, ...accounts, IpcError: errors.IpcError };
}

const member: MemberProfile = profile({ id: "m-1", displayName: "Lin" });
const guest = { json: { profile: null, session: null, csrfToken: null } };
const signedIn = (csrfToken: string, who: MemberProfile = member) => ({
  json: { profile: who, session: null, csrfToken },
});

/** An EventSource stand-in: the tests play the server's events on it. */
class FakeEventSource {
  static made: FakeEventSource[] = [];
  readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  closed = false;
  readyState = 1;

  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
  }

  emit(type: string, data: string, lastEventId = ""): void {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data, lastEventId }));
  }

  /** The browser gives up on the stream (the server answered an error). */
  fail(): void {
    this.readyState = 2;
    this.emit("error", "");
  }
}

beforeEach(() => {
  FakeEventSource.made = [];
  vi.stubGlobal("EventSource", FakeEventSource);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the HTTP backend", () => {
  it("posts a command's camelCase request to /api/<command>, once the page knows its session's CSRF token", async () => {
    const { httpBackend } = await load();
    const { sent } = fakeServer({
      "GET /api/auth/session": signedIn("csrf-1"),
      "POST /api/vote": { json: { voteCount: 4 } },
      "POST /api/board_overview": { json: { name: "Board" } },
    });
    await expect(httpBackend.call("vote", { ideaId: "i", priority: "critical" })).resolves.toEqual({ voteCount: 4 });
    await httpBackend.call("board_overview");
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      "GET /api/auth/session",
      "POST /api/vote",
      "POST /api/board_overview",
    ]);
    expect(sent[1]).toEqual({
      url: "/api/vote",
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRF-Token": "csrf-1" },
      body: { ideaId: "i", priority: "critical" },
      credentials: "same-origin",
    });
    // No arguments: an empty body.
    expect(sent[2]!.body).toBeUndefined();
    expect(sent[2]!.headers["X-CSRF-Token"]).toBe("csrf-1");
  });

  it("sends no CSRF header for a guest, and asks for the session only once", async () => {
    const { httpBackend } = await load();
    const { sent } = fakeServer({
      "GET /api/auth/session": guest,
      "POST /api/list_ideas": [{ json: 1 }, { json: 2 }],
    });
    await Promise.all([httpBackend.call("list_ideas", {}), httpBackend.call("list_ideas", {})]);
    expect(sent.filter((s) => s.method === "GET")).toHaveLength(1);
    expect(sent.filter((s) => s.method === "POST").map((s) => s.headers["X-CSRF-Token"])).toEqual([
      undefined,
      undefined,
    ]);
  });

  it("turns the server's {code, message, params} into the same IpcError as the app's", async () => {
    const { httpBackend, IpcError } = await load();
    fakeServer({
      "GET /api/auth/session": guest,
      "POST /api/vote": [
        { status: 409, json: { code: "VoteBudgetExhausted", message: "no votes left", params: { budget: 10 } } },
        { status: 429, json: { code: "RateLimited", message: "slow down", params: { retryAfter: 30 } } },
        { status: 404, json: { code: "Bogus", message: "what" } },
      ],
    });
    const refusal = await httpBackend.call("vote", {}).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(IpcError);
    expect(refusal).toMatchObject({ code: "VoteBudgetExhausted", message: "no votes left", params: { budget: 10 } });
    await expect(httpBackend.call("vote", {})).rejects.toMatchObject({
      code: "RateLimited",
      params: { retryAfter: 30 },
    });
    await expect(httpBackend.call("vote", {})).rejects.toMatchObject({ code: "Internal", message: "what" });
  });

  it("says the server could not be reached when nothing (or only a proxy) answered", async () => {
    const { httpBackend } = await load();
    fakeServer({
      "GET /api/auth/session": [new TypeError("Failed to fetch"), guest],
      "POST /api/list_ideas": [
        { status: 502, text: "<html>Bad Gateway</html>" },
        { status: 404, text: "<html>Not here</html>" },
        { status: 200, text: "<html>the portal</html>" },
      ],
    });
    // Offline at first: the session is asked again on the next call.
    await expect(httpBackend.call("list_ideas", {})).rejects.toMatchObject({ code: "Unreachable" });
    await expect(httpBackend.call("list_ideas", {})).rejects.toMatchObject({ code: "Unreachable" });
    await expect(httpBackend.call("list_ideas", {})).rejects.toMatchObject({ code: "Internal" });
    await expect(httpBackend.call("list_ideas", {})).rejects.toMatchObject({ code: "Internal" });
  });

  it("asks for the session again once when its CSRF token is refused, and retries with the new one", async () => {
    const { httpBackend } = await load();
    const { sent } = fakeServer({
      "GET /api/auth/session": [signedIn("old"), signedIn("new")],
      "POST /api/add_comment": [
        { status: 403, json: { code: "CsrfRejected", message: "stale" } },
        { json: { id: "c" } },
      ],
    });
    await expect(httpBackend.call("add_comment", { input: {} })).resolves.toEqual({ id: "c" });
    const posts = sent.filter((s) => s.method === "POST");
    expect(posts.map((s) => s.headers["X-CSRF-Token"])).toEqual(["old", "new"]);
  });

  it("goes on as a guest when the server no longer knows the session, and tells who watches", async () => {
    const { httpBackend, watchSession } = await load();
    fakeServer({
      "GET /api/auth/session": [signedIn("csrf"), guest],
      "POST /api/list_ideas": [{ status: 401, json: { code: "NotSignedIn", message: "revoked" } }, { json: [] }],
      "POST /api/vote": { status: 401, json: { code: "NotSignedIn", message: "sign in" } },
    });
    const heard: (string | null)[] = [];
    watchSession((answer) => heard.push(answer.profile?.id ?? null));
    await expect(httpBackend.call("list_ideas", {})).resolves.toEqual([]);
    expect(heard).toEqual([null]);
    // A guest refused a member's command is not retried.
    await expect(httpBackend.call("vote", {})).rejects.toMatchObject({ code: "NotSignedIn" });
  });

  it("serves every command but the desktop's local ones, and offers no paths", async () => {
    const { httpBackend } = await load();
    const { LOCAL_COMMANDS, COMMANDS } = await import("./contract");
    for (const command of COMMANDS) expect(httpBackend.serves(command)).toBe(!LOCAL_COMMANDS.has(command));
    expect(httpBackend.serves("vote")).toBe(true);
    expect(httpBackend.serves("list_backups")).toBe(false);
    await expect(httpBackend.chooseSavePath("ideas.csv", [])).resolves.toBeNull();
    await expect(httpBackend.chooseOpenPath([])).resolves.toBeNull();
  });
});

describe("accounts over HTTP", () => {
  it("signs in, uses the answer's CSRF token, tells watchers of the new member, and signs out", async () => {
    const { signInWithPassword, signOutOfAccount, watchSession, httpBackend } = await load();
    const { sent } = fakeServer({
      "GET /api/auth/session": guest,
      "POST /api/auth/sign_in": signedIn("csrf-9"),
      "POST /api/my_points": { json: [] },
      "POST /api/auth/sign_out": { json: null },
    });
    const heard: (string | null)[] = [];
    watchSession((answer) => heard.push(answer.profile?.id ?? null));
    const answer = await signInWithPassword({ email: "lin@example.com", password: "correct horse battery" });
    expect(answer.profile?.id).toBe("m-1");
    expect(sent[1]).toMatchObject({
      url: "/api/auth/sign_in",
      body: { email: "lin@example.com", password: "correct horse battery" },
    });
    await httpBackend.call("my_points", { limit: 5 });
    expect(sent[2]!.headers["X-CSRF-Token"]).toBe("csrf-9");
    await signOutOfAccount();
    expect(sent[3]!.headers["X-CSRF-Token"]).toBe("csrf-9");
    expect(heard).toEqual(["m-1", null]);
  });

  it("lists and revokes sessions with the CSRF header", async () => {
    const { listSessions, revokeSession } = await load();
    const { sent } = fakeServer({
      "GET /api/auth/session": signedIn("t"),
      "POST /api/auth/sessions": { json: [{ id: "s1", current: true }] },
      "POST /api/auth/sessions/revoke": { json: null },
    });
    await expect(listSessions()).resolves.toEqual([{ id: "s1", current: true }]);
    await revokeSession("s2");
    expect(sent.slice(1).map((s) => [s.url, s.body, s.headers["X-CSRF-Token"]])).toEqual([
      ["/api/auth/sessions", undefined, "t"],
      ["/api/auth/sessions/revoke", { id: "s2" }, "t"],
    ]);
  });

  it("keeps the server's refusal of a sign-up, params and all", async () => {
    const { signUp } = await load();
    fakeServer({
      "GET /api/auth/session": guest,
      "POST /api/auth/sign_up": { status: 400, json: { code: "PasswordTooShort", message: "short", params: { min: 10 } } },
    });
    await expect(
      signUp({ displayName: "Lin", email: "lin@example.com", password: "short", invitation: null }),
    ).rejects.toMatchObject({ code: "PasswordTooShort", params: { min: 10 } });
  });
});

describe("the live feed", () => {
  it("hands board-changes pages from /api/live to listeners, and closes when the last one leaves", async () => {
    const { httpBackend } = await load();
    const pages: unknown[] = [];
    const stop = await httpBackend.listen("board-changes", (page) => pages.push(page));
    expect(FakeEventSource.made.map((s) => s.url)).toEqual(["/api/live"]);
    const source = FakeEventSource.made[0]!;
    source.emit("board-changes", JSON.stringify({ latestSeq: 7, reset: false, changes: [] }));
    source.emit("board-changes", "not json");
    expect(pages).toEqual([{ latestSeq: 7, reset: false, changes: [] }]);
    stop();
    expect(source.closed).toBe(true);
  });

  it("ignores the desktop's own events and survives a browser without EventSource", async () => {
    const { httpBackend } = await load();
    const stop = await httpBackend.listen("board-health", () => {});
    stop();
    expect(FakeEventSource.made).toEqual([]);
    vi.stubGlobal("EventSource", undefined);
    const quiet = await httpBackend.listen("board-changes", () => {});
    quiet();
    vi.stubGlobal(
      "EventSource",
      class {
        constructor() {
          throw new Error("blocked");
        }
      },
    );
    await expect(httpBackend.listen("board-changes", () => {})).resolves.toBeTypeOf("function");
  });

  it("opens again after a back-off when the browser gives up, from the last event it had", async () => {
    vi.useFakeTimers();
    try {
      const { httpBackend, LIVE_RETRY_FIRST_MS } = await load();
      const pages: unknown[] = [];
      await httpBackend.listen("board-changes", (page) => pages.push(page));
      const first = FakeEventSource.made[0]!;
      first.emit("board-changes", JSON.stringify({ latestSeq: 7 }), "7");
      // A dropped connection the browser retries itself: nothing to do.
      first.emit("error", "");
      vi.advanceTimersByTime(LIVE_RETRY_FIRST_MS * 4);
      expect(FakeEventSource.made).toHaveLength(1);
      // Refused (the server restarting): opened again after the back-off, from seq 7.
      first.fail();
      vi.advanceTimersByTime(LIVE_RETRY_FIRST_MS - 1);
      expect(FakeEventSource.made).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(FakeEventSource.made.map((s) => s.url)).toEqual(["/api/live", "/api/live?after=7"]);
      // Refused again: the wait doubles.
      FakeEventSource.made[1]!.fail();
      vi.advanceTimersByTime(LIVE_RETRY_FIRST_MS * 2 - 1);
      expect(FakeEventSource.made).toHaveLength(2);
      vi.advanceTimersByTime(1);
      const third = FakeEventSource.made[2]!;
      third.emit("board-changes", JSON.stringify({ latestSeq: 9 }), "9");
      expect(pages).toEqual([{ latestSeq: 7 }, { latestSeq: 9 }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("tells the views to reload when the stream comes back with no event to resume from", async () => {
    vi.useFakeTimers();
    try {
      const { httpBackend, LIVE_RETRY_FIRST_MS } = await load();
      const pages: unknown[] = [];
      await httpBackend.listen("board-changes", (page) => pages.push(page));
      const first = FakeEventSource.made[0]!;
      first.emit("open", "");
      expect(pages).toEqual([]);
      // Refused before any event came (the server killed and restarting).
      first.fail();
      vi.advanceTimersByTime(LIVE_RETRY_FIRST_MS);
      const second = FakeEventSource.made[1]!;
      expect(second.url).toBe("/api/live");
      second.emit("open", "");
      expect(pages).toEqual([{ changes: [], latestSeq: 0, reset: true, hasMore: false }]);
      // Once; and not after a failure it can resume from.
      second.emit("board-changes", JSON.stringify({ latestSeq: 4 }), "4");
      second.emit("error", "");
      second.emit("open", "");
      expect(pages).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("reconnects as the new member after a sign-in", async () => {
    const { httpBackend, signInWithPassword } = await load();
    fakeServer({ "GET /api/auth/session": guest, "POST /api/auth/sign_in": signedIn("c") });
    await httpBackend.listen("board-changes", () => {});
    await signInWithPassword({ email: "lin@example.com", password: "correct horse battery" });
    expect(FakeEventSource.made).toHaveLength(2);
    expect(FakeEventSource.made[0]!.closed).toBe(true);
    expect(FakeEventSource.made[1]!.closed).toBe(false);
  });
});

describe("notifications and the host", () => {
  it("shows a browser notification only when the person allowed them", async () => {
    const { httpBackend } = await load();
    const shown: unknown[] = [];
    class FakeNotification {
      static permission = "default";
      constructor(title: string, options: NotificationOptions) {
        shown.push([title, options.body]);
      }
    }
    vi.stubGlobal("Notification", FakeNotification);
    await httpBackend.notify("Planned", "Mia moved #3");
    expect(shown).toEqual([]);
    FakeNotification.permission = "granted";
    await httpBackend.notify("Planned", "Mia moved #3");
    expect(shown).toEqual([["Planned", "Mia moved #3"]]);
  });

  it("picks Tauri's backend inside the app's window and HTTP anywhere else", async () => {
    vi.resetModules();
    const { hostBackend } = await import("./backend");
    const { httpBackend } = await import("./http");
    const { tauriBackend } = await import("./tauri");
    expect(hostBackend({ __TAURI_INTERNALS__: {} })).toBe(tauriBackend);
    expect(hostBackend({})).toBe(httpBackend);
  });
});
