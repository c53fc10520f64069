import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import {
  IpcError,
  addComment,
  boardOverview,
  changeVotePriority,
  chooseSavePath,
  createProfile,
  editComment,
  exportBoard,
  listIdeas,
  onSecondInstance,
  react,
  setFollowing,
  signIn,
  signOut,
  toIpcError,
  vote,
} from "./index";
import { calls, useBackend, watchWrites, type Backend } from "./backend";
import type { ExportProgress, ExportRequest, ListQuery } from "./bindings";
import { COMMANDS, WRITES, type CommandName } from "./contract";

const query: ListQuery = {
  sort: "new",
  category: "drinks",
  status: null,
  tag: null,
  author: null,
  votedBy: null,
  includeHidden: false,
  offset: 30,
  limit: 30,
};

function fields(error: unknown): { code: string; message: string } {
  const { code, message } = error as IpcError;
  return { code, message };
}

describe("ipc", () => {
  beforeEach(() => invoke.mockReset());

  it("calls the snake_case command with camelCase args", async () => {
    invoke.mockResolvedValueOnce({ items: [], offset: 30, hasMore: false });
    await expect(listIdeas(query)).resolves.toEqual({ items: [], offset: 30, hasMore: false });
    expect(invoke).toHaveBeenCalledWith("list_ideas", { query });
  });

  it("converts an ErrorDto rejection into an IpcError with its code", async () => {
    invoke.mockRejectedValueOnce({ code: "NotABoard", message: "not an Ideaboard file" });
    let error: unknown;
    try {
      await boardOverview();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IpcError);
    expect(fields(error)).toEqual({ code: "NotABoard", message: "not an Ideaboard file" });
    expect(invoke.mock.calls).toEqual([["board_overview", undefined]]);
  });

  it("maps unknown codes, strings and Errors to Internal", () => {
    expect(fields(toIpcError({ code: "Bogus", message: "x" }))).toEqual({
      code: "Internal",
      message: "x",
    });
    expect(fields(toIpcError("command list_ideas not found"))).toEqual({
      code: "Internal",
      message: "command list_ideas not found",
    });
    expect(fields(toIpcError(new TypeError("boom")))).toEqual({ code: "Internal", message: "boom" });
  });

  it("keeps the core's params on the IpcError, and none when it sent none", () => {
    const error = toIpcError({ code: "TitleTooLong", message: "too long", params: { len: 130, max: 120 } });
    expect(error.code).toBe("TitleTooLong");
    expect(error.params).toEqual({ len: 130, max: 120 });
    expect(toIpcError({ code: "NotFound", message: "gone" }).params).toEqual({});
  });

  it("falls back to the code when the message is missing", () => {
    expect(fields(toIpcError({ code: "NotFound" }))).toEqual({ code: "NotFound", message: "NotFound" });
  });

  it("passes every command's arguments as the camelCase object the shell expects", async () => {
    invoke.mockResolvedValue(null);
    const input = { ideaId: "i", parentId: null, kind: "public" as const, body: "hi" };
    await vote("i", "critical");
    await changeVotePriority("i", "important");
    await setFollowing("i", false);
    await addComment(input);
    await editComment("c", "edited");
    await react("c", "love", true);
    await signIn("m", null);
    await createProfile("小王");
    expect(invoke.mock.calls).toEqual([
      ["vote", { ideaId: "i", priority: "critical" }],
      ["change_vote_priority", { ideaId: "i", priority: "important" }],
      ["set_following", { ideaId: "i", on: false }],
      ["add_comment", { input }],
      ["edit_comment", { commentId: "c", body: "edited" }],
      ["react", { commentId: "c", reaction: "love", on: true }],
      ["sign_in", { memberId: "m", passphrase: null }],
      ["create_profile", { displayName: "小王" }],
    ]);
  });
});

describe("the Backend", () => {
  beforeEach(() => invoke.mockReset());

  /** A backend that records what reaches it, as an HTTP backend would receive it. */
  function recording() {
    const seen: unknown[][] = [];
    const fake: Backend = {
      call: async <T>(command: string, args?: object) => {
        seen.push(["call", command, args]);
        return null as T;
      },
      stream: async <T, I>(command: string, args: object, onItem: (item: I) => void) => {
        seen.push(["stream", command, args]);
        onItem({ done: 1, total: 2 } as I);
        return 42 as T;
      },
      listen: async (event: string) => {
        seen.push(["listen", event]);
        return () => {};
      },
      serves: () => true,
      notify: async () => {},
      chooseSavePath: async (defaultPath: string) => {
        seen.push(["save", defaultPath]);
        return "/tmp/x.csv";
      },
      chooseOpenPath: async () => null,
      files: null,
    };
    return { fake, seen };
  }

  it("carries every generated function, argument shape and stream; the views never see which host", async () => {
    const { fake, seen } = recording();
    const previous = useBackend(fake);
    try {
      await vote("i", "critical");
      await signOut();
      const request: ExportRequest = {
        format: "csv",
        filter: {
          statuses: [],
          category: null,
          tag: null,
          createdFrom: null,
          createdTo: null,
          minVotes: null,
          includeMerged: false,
        },
        includeInternal: false,
      };
      const progress: ExportProgress[] = [];
      await expect(exportBoard(request, "/tmp/x.csv", (p) => progress.push(p))).resolves.toBe(42);
      expect(progress).toEqual([{ done: 1, total: 2 }]);
      await onSecondInstance(() => {});
      await expect(chooseSavePath("ideas.csv", [])).resolves.toBe("/tmp/x.csv");
      expect(seen).toEqual([
        ["call", "vote", { ideaId: "i", priority: "critical" }],
        ["call", "sign_out", undefined],
        ["stream", "export_board", { request, path: "/tmp/x.csv" }],
        ["listen", "second-instance"],
        ["save", "ideas.csv"],
      ]);
      expect(invoke).not.toHaveBeenCalled();
    } finally {
      useBackend(previous);
    }
  });

  it("counts every call by command, and shows each write's start and answer to the watchers", async () => {
    const { fake } = recording();
    const previous = useBackend(fake);
    const events: unknown[][] = [];
    const stop = watchWrites({
      started: (command) => events.push(["started", command]),
      ended: (command, answer) => events.push(["ended", command, answer]),
    });
    const before = { ...calls };
    const grew = (command: string) => (calls[command] ?? 0) - (before[command] ?? 0);
    try {
      await vote("i", "critical");
      await listIdeas(query);
      await listIdeas(query);
      await expect(chooseSavePath("ideas.csv", [])).resolves.toBe("/tmp/x.csv");
      useBackend({ ...fake, call: async () => Promise.reject({ code: "VotingClosed", message: "closed" }) });
      await expect(vote("i", "critical")).rejects.toBeInstanceOf(Object);
      expect([grew("vote"), grew("list_ideas"), grew("plugin:dialog|save")]).toEqual([2, 2, 1]);
      expect((globalThis as { ideaboardCalls?: unknown }).ideaboardCalls).toBe(calls);
      // Reads are counted, never watched; a refused write ends with no answer.
      expect(events).toEqual([
        ["started", "vote"],
        ["ended", "vote", null],
        ["started", "vote"],
        ["ended", "vote", undefined],
      ]);
    } finally {
      stop();
      useBackend(previous);
    }
  });

  it("names every command of the contract once, and which of them write", () => {
    expect(new Set(COMMANDS).size).toBe(COMMANDS.length);
    expect(COMMANDS).toContain("vote");
    expect(COMMANDS).toContain("export_board");
    expect([...WRITES].every((command) => COMMANDS.includes(command))).toBe(true);
    expect(["vote", "add_comment", "change_status_bulk"].every((c) => WRITES.has(c as CommandName))).toBe(true);
    expect(WRITES.has("get_idea")).toBe(false);
  });
});
