import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import type { TriageItem } from "../../ipc";
import { setLocale } from "../../i18n";
import { commands, idea, moved } from "../../test/fixtures";
import InboxView from "./InboxView.svelte";

const allowed = ["under_review", "planned", "declined"] as const;

function row(number: number): TriageItem {
  return { idea: idea(number, { voteCount: 60 - number }), pastThreshold: number === 1, allowedStatuses: [...allowed] };
}

beforeEach(() => {
  invoke.mockReset();
  setLocale("en");
});

describe("the triage inbox", () => {
  it("moves the selected ideas with one call and updates the list in place", async () => {
    const [one, two, three] = [row(1), row(2), row(3)];
    invoke.mockImplementation(
      commands({
        triage_inbox: () => ({
          items: [one, two, three],
          offset: 0,
          hasMore: false,
          supportThreshold: 50,
          total: 3,
          pastThreshold: 1,
        }),
        change_status_bulk: () => ({
          rows: [],
          gone: [one.idea.id, three.idea.id],
          total: 1,
          pastThreshold: 0,
          moved: moved(),
        }),
      }),
    );
    render(InboxView);
    const boxes = await screen.findAllByTestId("inbox-select");
    await fireEvent.click(boxes[0]!);
    await fireEvent.click(boxes[2]!);
    invoke.mockClear();
    await fireEvent.click(screen.getByTestId("inbox-bulk"));
    await fireEvent.change(screen.getByTestId("status-to"), { target: { value: "planned" } });
    await fireEvent.click(screen.getByTestId("status-submit"));
    await waitFor(() => expect(screen.queryByTestId("status-dialog")).toBeNull());
    expect(invoke.mock.calls).toEqual([
      ["change_status_bulk", { ideaIds: [one.idea.id, three.idea.id], to: "planned", note: null }],
    ]);
    expect(screen.getAllByTestId("inbox-row").map((r) => r.dataset.number)).toEqual(["2"]);
    expect(screen.getByTestId("inbox-counts").textContent).toMatch(/1.*0/);
    expect(screen.getByTestId("inbox-done").textContent).toContain("2");
    expect(screen.getByTestId("inbox-selected").textContent).toContain("0");
  });
});
