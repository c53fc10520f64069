import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import { setLocale } from "../../i18n";
import { commands } from "../../test/fixtures";
import BoardMenu from "./BoardMenu.svelte";

const HERE = {
  id: "local:/home/lin/ideas.board",
  kind: "local",
  name: "Chestnut Coffee",
  location: "/home/lin/ideas.board",
  email: null,
  current: true,
};

beforeEach(() => {
  invoke.mockReset();
  invoke.mockImplementation(commands({ known_boards: () => Promise.resolve([HERE]) }));
  setLocale("en");
});

describe("the board menu", () => {
  it("closes with Escape, focus back on its button, and with a click elsewhere", async () => {
    render(BoardMenu);
    const button = screen.getByTestId("board-menu");
    await fireEvent.click(button);
    await waitFor(() => expect(screen.getByTestId("board-list")).toBeTruthy());
    expect(screen.getAllByTestId("board-item")).toHaveLength(1);

    await fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByTestId("board-list")).toBeNull();
    expect(document.activeElement).toBe(button);

    await fireEvent.click(button);
    await waitFor(() => expect(screen.getByTestId("board-list")).toBeTruthy());
    // A click inside the menu keeps it open; one outside closes it.
    await fireEvent.click(screen.getByTestId("board-list"));
    expect(screen.getByTestId("board-list")).toBeTruthy();
    await fireEvent.click(document.body);
    expect(screen.queryByTestId("board-list")).toBeNull();
  });
});
