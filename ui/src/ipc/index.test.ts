import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import { IpcError, boardOverview, listIdeas, toIpcError } from "./index";
import type { ListQuery } from "./bindings";

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

  it("falls back to the code when the message is missing", () => {
    expect(fields(toIpcError({ code: "NotFound" }))).toEqual({ code: "NotFound", message: "NotFound" });
  });
});
