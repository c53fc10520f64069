import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import type { Change, ChangeKind, ChangePage } from "../ipc";
import { changed, commands, comment, detail, idea, page } from "../test/fixtures";
import { IdeaFeed } from "../views/vote/ideaFeed.svelte";
import { IdeaPage } from "../views/discuss/ideaPage.svelte";
import { BoardFollow, COALESCE_MS, changedIdeas, commentsChanged, ideaChanged, type ChangeListener } from "./follow.svelte";

let seq = 0;

function change(kind: ChangeKind, id: string | null, ideaId: string | null = null): Change {
  seq += 1;
  return { seq, kind, id, ideaId };
}

function feedPage(changes: Change[], reset = false): ChangePage {
  return { changes, latestSeq: seq, reset, hasMore: false };
}

/** A follower whose shell is the test: `send` plays the shell's event. */
function follower() {
  let handler: ((page: ChangePage) => void) | null = null;
  const unlisten = vi.fn();
  const listen = vi.fn(async (h: (page: ChangePage) => void) => {
    handler = h;
    return unlisten;
  }) as unknown as ChangeListener;
  const follow = new BoardFollow(listen);
  const stop = follow.start();
  return { follow, stop, unlisten, send: (p: ChangePage) => handler?.(p) };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

beforeEach(() => {
  vi.useFakeTimers();
  invoke.mockReset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("BoardFollow", () => {
  it("refreshes a view once for a burst of its changes, after a short wait", async () => {
    const { follow, send } = follower();
    await settle();
    const refresh = vi.fn();
    follow.watch(ideaChanged(), refresh);
    const a = change("idea", "a");
    const b = change("idea", "b");
    send(feedPage([a, change("standing", "me")]));
    send(feedPage([b]));
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith([a, b], false);
    expect(follow.latestSeq).toBe(seq);
    expect(follow.pages).toBe(2);
  });

  it("tells only the views a change is about, and every view of a reset", async () => {
    const { follow, send } = follower();
    await settle();
    const list = vi.fn();
    const page = vi.fn();
    const standing = vi.fn();
    follow.watch(ideaChanged(), list);
    follow.watch(commentsChanged("x"), page);
    follow.watch((c) => c.kind === "standing", standing);

    send(feedPage([change("comment", "c1", "x"), change("comment", "c2", "y")]));
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(list).not.toHaveBeenCalled();
    expect(page).toHaveBeenCalledTimes(1);
    expect(page.mock.calls[0]?.[0]).toHaveLength(1);
    expect(standing).not.toHaveBeenCalled();

    send(feedPage([], true));
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    for (const view of [list, page, standing]) expect(view).toHaveBeenLastCalledWith([], true);
  });

  it("never runs two refreshes of a view at once, and catches up after a slow one", async () => {
    const { follow, send } = follower();
    await settle();
    let finish: () => void = () => {};
    const refresh = vi.fn(() => new Promise<void>((done) => (finish = done)));
    follow.watch(ideaChanged(), refresh);
    send(feedPage([change("idea", "a")]));
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(refresh).toHaveBeenCalledTimes(1);

    const b = change("idea", "b");
    send(feedPage([b]));
    await vi.advanceTimersByTimeAsync(COALESCE_MS * 5);
    expect(refresh).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(refresh).toHaveBeenLastCalledWith([b], false);
  });

  it("a failed refresh does not stop the next one", async () => {
    const { follow, send } = follower();
    await settle();
    const refresh = vi.fn().mockRejectedValueOnce(new Error("gone")).mockResolvedValue(undefined);
    follow.watch(ideaChanged(), refresh);
    send(feedPage([change("idea", "a")]));
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    send(feedPage([change("idea", "a")]));
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it("forgets a view that stopped watching and stops listening when stopped", async () => {
    const { follow, send, stop, unlisten } = follower();
    await settle();
    const refresh = vi.fn();
    const unwatch = follow.watch(ideaChanged(), refresh);
    send(feedPage([change("idea", "a")]));
    unwatch();
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    send(feedPage([change("idea", "b")]));
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(refresh).not.toHaveBeenCalled();
    stop();
    await settle();
    expect(unlisten).toHaveBeenCalledTimes(1);
  });

  it("skips the entries this window's own write reflects, and nothing else", async () => {
    const { follow, send } = follower();
    await settle();
    const refresh = vi.fn();
    follow.watch(() => true, refresh);
    const before = change("idea", "x"); // another process, just before the write
    const own = [change("idea", "a"), change("standing", "me")];
    const after = change("idea", "y"); // another process, just after
    follow.writeStarted();
    follow.writeEnded({ first: own[0]!.seq, last: own[1]!.seq });
    send(feedPage([before, ...own, after]));
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith([before, after], false);

    // A page of nothing but this window's own entries asks no view for anything.
    follow.writeStarted();
    const alone = change("idea", "a");
    follow.writeEnded({ first: alone.seq, last: alone.seq });
    send(feedPage([alone]));
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(follow.latestSeq).toBe(alone.seq);
  });

  it("holds the pages that come while a write is on its way, until its answer says what it reflects", async () => {
    const { follow, send } = follower();
    await settle();
    const refresh = vi.fn();
    follow.watch(ideaChanged(), refresh);
    follow.writeStarted();
    const own = change("idea", "a");
    const other = change("idea", "b");
    send(feedPage([own, other])); // the feed was quicker than the answer
    await vi.advanceTimersByTimeAsync(COALESCE_MS * 3);
    expect(refresh).not.toHaveBeenCalled();
    follow.writeEnded({ first: own.seq, last: own.seq });
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(refresh).toHaveBeenCalledWith([other], false);

    // A refused write (or one that answers nothing of the feed) lets the pages go as they are.
    follow.writeStarted();
    const elsewhere = change("idea", "c");
    send(feedPage([elsewhere]));
    follow.writeEnded(null);
    await vi.advanceTimersByTimeAsync(COALESCE_MS);
    expect(refresh).toHaveBeenLastCalledWith([elsewhere], false);
  });

  it("names each changed idea once", () => {
    expect(changedIdeas([change("idea", "a"), change("comment", "c", "a"), change("idea", "a"), change("idea", "b")])).toEqual([
      "a",
      "b",
    ]);
  });
});

describe("views following the board", () => {
  it("the list takes the new counts and status in place and drops an idea gone from view", async () => {
    const [one, two, three] = [idea(1), idea(2), idea(3)];
    invoke.mockImplementation(
      commands({
        list_ideas: () => page([one, two, three]),
        get_idea: ({ ideaId }) => {
          if (ideaId === one.id) return detail({ ...one, voteCount: 4, status: "planned" });
          if (ideaId === two.id) return detail(two);
          throw { code: "NotFound", message: "idea not found" };
        },
      }),
    );
    const feed = new IdeaFeed();
    await feed.reload();
    const before = feed.items;
    await feed.refreshIdeas([one.id, two.id, three.id, "not-loaded"]);
    expect(feed.items.map((i) => [i.number, i.voteCount, i.status])).toEqual([
      [1, 4, "planned"],
      [2, 3, "new"],
    ]);
    expect(feed.items[1]).toBe(before[1]);
    expect(invoke.mock.calls.filter(([c]) => c === "get_idea")).toHaveLength(3);
  });

  it("the newest-first list reloads for an idea it has not loaded, which may be new", async () => {
    const one = idea(1);
    const two = idea(2);
    let ideas = [one];
    invoke.mockImplementation(
      commands({
        list_ideas: () => page(ideas),
        get_idea: () => detail(one),
      }),
    );
    const feed = new IdeaFeed();
    feed.sort = "new";
    await feed.reload();
    ideas = [two, one];
    await feed.refreshIdeas([two.id]);
    expect(feed.items.map((i) => i.number)).toEqual([2, 1]);
    feed.sort = "trending";
    ideas = [idea(3), two, one];
    await feed.refreshIdeas([idea(3).id]);
    expect(feed.items.map((i) => i.number)).toEqual([2, 1]);
  });

  it("the list keeps a card this window changed while the refresh was under way", async () => {
    const one = idea(1);
    let answer: (value: unknown) => void = () => {};
    invoke.mockImplementation(
      commands({
        list_ideas: () => page([one]),
        get_idea: () => new Promise((done) => (answer = done)),
        vote: () => changed(detail({ ...one, voteCount: 5, myVote: "nice_to_have" })),
      }),
    );
    const feed = new IdeaFeed();
    await feed.reload();
    const refreshing = feed.refreshIdeas([one.id]);
    await feed.toggleVote(one);
    answer(detail({ ...one, voteCount: 4 }));
    await refreshing;
    expect(feed.items[0]?.voteCount).toBe(5);
  });

  it("the idea page takes the new detail and keeps an unchanged thread as it is", async () => {
    const one = idea(1);
    const thread = [comment()];
    let current = detail(one);
    invoke.mockImplementation(
      commands({
        get_idea: () => current,
        list_comments: () => structuredClone(thread),
      }),
    );
    const ideaPage = new IdeaPage();
    await ideaPage.load(one.id);
    const shownThread = ideaPage.comments;
    current = detail({ ...one, status: "planned", voteCount: 9 });
    await ideaPage.refreshQuietly(true, true);
    expect(ideaPage.detail?.idea.status).toBe("planned");
    expect(ideaPage.detail?.idea.voteCount).toBe(9);
    expect(ideaPage.comments).toBe(shownThread);
    expect(ideaPage.phase).toBe("ready");
  });
});
