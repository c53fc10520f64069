import { afterEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import { commands } from "../test/fixtures";
import { hasAccounts, listsSessions, loadBoards, onSharedBoardInApp, serves, shownBoard } from "./index";

const local = { id: "file-1", kind: "local", name: "Mine", location: "/b/mine.board", email: null };
const server = { id: "server-1", kind: "server", name: "Acme", location: "http://h:8080", email: "a@x.org" };

async function showing(current: "local" | "server") {
  invoke.mockReset();
  invoke.mockImplementation(
    commands({
      known_boards: () => [
        { ...local, current: current === "local" },
        { ...server, current: current === "server" },
      ],
    }),
  );
  await loadBoards();
}

afterEach(() => showing("local"));

describe("what the app's window serves follows the board it shows", () => {
  it("serves every command on its board file", async () => {
    await showing("local");
    expect(onSharedBoardInApp()).toBe(false);
    expect(shownBoard()?.id).toBe("file-1");
    for (const command of ["list_profiles", "list_backups", "export_board", "vote", "known_boards"] as const) {
      expect(serves(command)).toBe(true);
    }
    expect(hasAccounts()).toBe(false);
  });

  it("on a shared board, what the server serves and the board menu, with accounts", async () => {
    await showing("server");
    expect(onSharedBoardInApp()).toBe(true);
    expect(shownBoard()?.location).toBe("http://h:8080");
    for (const command of ["list_profiles", "sign_in", "list_backups", "export_board", "import_board"] as const) {
      expect(serves(command)).toBe(false);
    }
    for (const command of ["vote", "list_ideas", "known_boards", "join_board", "switch_board", "leave_board"] as const) {
      expect(serves(command)).toBe(true);
    }
    expect(hasAccounts()).toBe(true);
    // The member's sessions are the web portal's to list (the app has no cookie session).
    expect(listsSessions()).toBe(false);
  });

  it("shows its board file when the app cannot say", async () => {
    invoke.mockReset();
    invoke.mockImplementation(() => Promise.reject({ code: "Internal", message: "no", params: {} }));
    await loadBoards();
    expect(onSharedBoardInApp()).toBe(false);
    expect(serves("list_profiles")).toBe(true);
  });
});
