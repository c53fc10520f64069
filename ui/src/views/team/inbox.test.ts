import { describe, expect, it, vi } from "vitest";
import type { TriagePage } from "../../ipc";
import { idea, moved } from "../../test/fixtures";
import { Inbox } from "./inbox.svelte";

function pageOf(numbers: number[], hasMore = false): TriagePage {
  return {
    items: numbers.map((n) => ({ idea: idea(n, { voteCount: 100 - n }), pastThreshold: n < 3, allowedStatuses: [] })),
    supportThreshold: 50,
    total: numbers.length,
    pastThreshold: numbers.filter((n) => n < 3).length,
    offset: 0,
    hasMore,
  };
}

describe("triage inbox state", () => {
  it("moves the cursor within the list and selects under it", async () => {
    const inbox = new Inbox(vi.fn(async () => pageOf([1, 2, 3])));
    await inbox.reload();
    expect(inbox.phase).toBe("ready");
    inbox.move(-1);
    expect(inbox.cursor).toBe(0);
    inbox.move(1);
    inbox.move(5);
    expect(inbox.cursor).toBe(2);
    inbox.toggle(inbox.items[2]!.idea.id);
    inbox.toggle(inbox.items[0]!.idea.id);
    expect(inbox.chosen.map((i) => i.idea.number)).toEqual([1, 3]);
    inbox.toggle(inbox.items[0]!.idea.id);
    expect(inbox.chosen.map((i) => i.idea.number)).toEqual([3]);
  });

  it("pages on, and a reload drops selections of ideas that left the inbox", async () => {
    const load = vi
      .fn()
      .mockResolvedValueOnce(pageOf([1, 2], true))
      .mockResolvedValueOnce({ ...pageOf([3]), offset: 2 })
      .mockResolvedValueOnce(pageOf([2, 3]));
    const inbox = new Inbox(load);
    await inbox.reload();
    await inbox.loadMore();
    expect(inbox.items.map((i) => i.idea.number)).toEqual([1, 2, 3]);
    expect(load).toHaveBeenNthCalledWith(2, { status: null, offset: 2, limit: 50 });
    inbox.selectAll(true);
    await inbox.reload();
    expect(load).toHaveBeenNthCalledWith(3, { status: null, offset: 0, limit: 50 });
    expect(inbox.chosen.map((i) => i.idea.number)).toEqual([2, 3]);
  });

  it("takes a bulk status change's rows and figures in place, with one call", async () => {
    const load = vi.fn(async () => pageOf([1, 2, 3, 4]));
    const [one, , three, four] = pageOf([1, 2, 3, 4]).items;
    const move = vi.fn(async () => ({
      rows: [{ ...one!, idea: { ...one!.idea, status: "under_review" as const } }],
      gone: [three!.idea.id, four!.idea.id],
      total: 2,
      pastThreshold: 1,
      moved: moved(),
    }));
    const inbox = new Inbox(load, move);
    await inbox.reload();
    inbox.move(3);
    inbox.selectAll(true);
    const ids = [one!.idea.id, three!.idea.id, four!.idea.id];
    await expect(inbox.changeStatus(ids, "under_review", "Looking")).resolves.toBe(3);
    expect(move).toHaveBeenCalledWith(ids, "under_review", "Looking");
    expect(load).toHaveBeenCalledTimes(1);
    expect(inbox.items.map((i) => [i.idea.number, i.idea.status])).toEqual([
      [1, "under_review"],
      [2, "new"],
    ]);
    expect([inbox.total, inbox.pastThreshold, inbox.cursor, inbox.selected]).toEqual([2, 1, 1, []]);
  });

  it("keeps the core's error for the view", async () => {
    const inbox = new Inbox(
      vi.fn(async () => {
        throw { code: "NotAllowed", message: "no" };
      }),
    );
    await inbox.reload();
    expect(inbox.phase).toBe("error");
    expect(inbox.error?.code).toBe("NotAllowed");
  });
});
