import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import type { ListQuery } from "../../ipc";
import { setLocale } from "../../i18n";
import { changed, commands, detail, idea, page, profile } from "../../test/fixtures";
import { session } from "../../app/session.svelte";
import { IdeaFeed } from "./ideaFeed.svelte";
import VoteView from "./VoteView.svelte";

const categories = [
  { slug: "drinks", name: "饮品", nameEn: "Drinks" },
  { slug: "app", name: "应用", nameEn: null },
];

function queries(): ListQuery[] {
  return invoke.mock.calls
    .filter(([command]) => command === "list_ideas")
    .map(([, args]) => (args as { query: ListQuery }).query);
}

beforeEach(() => {
  invoke.mockReset();
  setLocale("en");
});

describe("VoteView", () => {
  it("renders a card per idea with its details", async () => {
    invoke.mockResolvedValueOnce(
      page([
        idea(7, { pinned: true, status: "planned", voteCount: 1234, commentCount: 1 }),
        idea(3, { category: null, author: { id: "m", displayName: "Ada", role: "moderator" } }),
      ]),
    );
    render(VoteView, { categories });

    const cards = await screen.findAllByTestId("idea-card");
    expect(cards.map((card) => card.dataset.number)).toEqual(["7", "3"]);
    const first = within(cards[0]!);
    expect(first.getByTestId("idea-number").textContent).toBe("#7");
    expect(first.getByTestId("idea-title").textContent).toBe("Idea number 7");
    expect(first.getByTestId("idea-category").textContent?.trim()).toBe("Drinks");
    expect(first.getByTestId("status-badge").textContent).toBe("Planned");
    expect(first.getByTestId("vote-count").textContent).toBe("1,234");
    expect(first.getByTestId("comment-count").textContent).toBe("1 comment");
    expect(first.getByTestId("idea-author").textContent).toBe("Lin Mei");
    expect(first.getByTestId("pinned").textContent).toBe("Pinned");
    const second = within(cards[1]!);
    expect(second.queryByTestId("pinned")).toBeNull();
    expect(second.getByTestId("idea-category").textContent?.trim()).toBe("Uncategorised");
    expect(second.getByText("Team")).toBeTruthy();
    expect(queries()).toEqual([
      expect.objectContaining({ sort: "trending", category: null, status: null, offset: 0, limit: 30 }),
    ]);
  });

  it("puts fan text into the DOM as text only", async () => {
    const title = '<img src="x" onerror="alert(1)"> Free coffee';
    invoke.mockResolvedValueOnce(page([idea(1, { title, excerpt: "<b>bold</b>" })]));
    const { container } = render(VoteView, { categories });
    const card = await screen.findByTestId("idea-card");
    expect(within(card).getByTestId("idea-title").textContent).toBe(title);
    expect(container.querySelector("img, b")).toBeNull();
  });

  it("shows the empty state when the board has no ideas", async () => {
    invoke.mockResolvedValueOnce(page([]));
    render(VoteView, { categories });
    const empty = await screen.findByTestId("empty-state");
    expect(empty.textContent).toContain("No ideas yet");
    expect(screen.queryByTestId("idea-card")).toBeNull();
  });

  it("shows a localised error by code and retries", async () => {
    setLocale("zh-CN");
    invoke.mockRejectedValueOnce({ code: "Storage", message: "disk I/O error" });
    render(VoteView, { categories });
    const error = await screen.findByTestId("error-state");
    expect(within(error).getByTestId("error-message").textContent).toBe("无法读取或写入创意板文件。");
    expect(error.textContent).not.toContain("disk I/O error");

    invoke.mockResolvedValueOnce(page([idea(1)]));
    await fireEvent.click(within(error).getByTestId("retry"));
    expect(await screen.findAllByTestId("idea-card")).toHaveLength(1);
    expect(screen.queryByTestId("error-state")).toBeNull();
  });

  it("asks again when the sort or a filter changes", async () => {
    invoke.mockResolvedValue(page([idea(1)]));
    render(VoteView, { categories });
    await screen.findAllByTestId("idea-card");

    await fireEvent.click(screen.getByTestId("sort-new"));
    expect(screen.getByTestId("sort-new").getAttribute("aria-selected")).toBe("true");
    await fireEvent.change(screen.getByTestId("filter-category"), { target: { value: "app" } });
    await fireEvent.change(screen.getByTestId("filter-status"), { target: { value: "launched" } });

    await waitFor(() => expect(queries()).toHaveLength(4));
    expect(queries().slice(1)).toEqual([
      expect.objectContaining({ sort: "new", category: null, status: null, offset: 0 }),
      expect.objectContaining({ sort: "new", category: "app", status: null, offset: 0 }),
      expect.objectContaining({ sort: "new", category: "app", status: "launched", offset: 0 }),
    ]);
  });

  it("loads the next page by offset and appends it", async () => {
    const first = Array.from({ length: 30 }, (_, i) => idea(60 - i));
    invoke.mockResolvedValueOnce(page(first, 0, true));
    invoke.mockResolvedValueOnce(page([idea(30), idea(29)], 30, false));
    render(VoteView, { categories });
    await screen.findAllByTestId("idea-card");

    await fireEvent.click(screen.getByTestId("load-more"));
    await waitFor(() => expect(screen.getAllByTestId("idea-card")).toHaveLength(32));
    expect(queries()[1]).toEqual(expect.objectContaining({ offset: 30, limit: 30 }));
    expect(screen.queryByTestId("load-more")).toBeNull();
  });

  it("moves between sort tabs with the arrow keys", async () => {
    invoke.mockResolvedValue(page([idea(1)]));
    render(VoteView, { categories });
    await screen.findAllByTestId("idea-card");
    const trending = screen.getByTestId("sort-trending");
    expect(trending.tabIndex).toBe(0);
    await fireEvent.keyDown(trending, { key: "ArrowRight" });
    expect(screen.getByTestId("sort-top").getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(screen.getByTestId("sort-top"));
  });

  it("votes and unvotes from the card in one click and links to the idea page", async () => {
    const listed = idea(5, { voteCount: 3 });
    invoke.mockImplementation(async (command: string) => {
      if (command === "list_ideas") return page([listed]);
      if (command === "vote") return changed(detail({ ...listed, voteCount: 4, myVote: "nice_to_have" }));
      if (command === "unvote") return changed(detail({ ...listed, voteCount: 3, myVote: null }));
      throw new Error(`unexpected ${command}`);
    });
    render(VoteView, { categories });
    const card = await screen.findByTestId("idea-card");
    expect(within(card).getByTestId("idea-link").getAttribute("href")).toBe(`#/ideas/${listed.id}`);

    await fireEvent.click(within(card).getByTestId("card-vote"));
    await waitFor(() => expect(screen.getByTestId("vote-count").textContent).toBe("4"));
    expect(screen.getByTestId("card-vote").dataset.myVote).toBe("nice_to_have");
    expect(screen.getByTestId("card-vote").getAttribute("aria-pressed")).toBe("true");
    expect(invoke).toHaveBeenCalledWith("vote", { ideaId: listed.id, priority: "nice_to_have" });

    await fireEvent.click(screen.getByTestId("card-vote"));
    await waitFor(() => expect(screen.getByTestId("vote-count").textContent).toBe("3"));
    expect(invoke).toHaveBeenCalledWith("unvote", { ideaId: listed.id });
    // Each click is one call: the card takes the answer, nothing is asked again.
    expect(invoke.mock.calls.map(([command]) => command)).toEqual(["list_ideas", "vote", "unvote"]);
  });

  it("shows a refused card vote localised on that card", async () => {
    invoke.mockImplementation(async (command: string) => {
      if (command === "list_ideas") return page([idea(5)]);
      throw { code: "NotSignedIn", message: "guest" };
    });
    render(VoteView, { categories });
    await fireEvent.click(await screen.findByTestId("card-vote"));
    expect((await screen.findByTestId("card-vote-error")).textContent).toBe("Please choose a profile first.");
  });

  it("filters by a card's tag, by mine and by I voted, and clears each", async () => {
    const me = profile();
    session.profile = me;
    invoke.mockResolvedValue(page([idea(4, { tags: ["oat", "cold brew"] })]));
    const feed = new IdeaFeed(() => session.profile?.id ?? null);
    render(VoteView, { categories, feed });
    const last = () => queries().at(-1)!;

    await fireEvent.click((await screen.findAllByTestId("idea-tag"))[0]!);
    await waitFor(() => expect(last()).toMatchObject({ tag: "oat", author: null, votedBy: null }));
    expect(screen.getByTestId("filter-tag").textContent).toContain("oat");

    await fireEvent.click(screen.getByTestId("filter-mine"));
    await waitFor(() => expect(last()).toMatchObject({ tag: "oat", author: me.id, votedBy: null }));
    expect(screen.getByTestId("filter-mine").getAttribute("aria-pressed")).toBe("true");

    await fireEvent.click(screen.getByTestId("filter-voted"));
    await waitFor(() => expect(last()).toMatchObject({ author: me.id, votedBy: me.id }));

    await fireEvent.click(screen.getByTestId("filter-tag"));
    await fireEvent.click(screen.getByTestId("filter-mine"));
    await fireEvent.click(screen.getByTestId("filter-voted"));
    await waitFor(() => expect(last()).toMatchObject({ tag: null, author: null, votedBy: null }));
    expect(screen.queryByTestId("filter-tag")).toBeNull();
    session.profile = null;
  });

  it("offers mine and I voted to a signed-in member only", async () => {
    session.profile = null;
    invoke.mockResolvedValue(page([idea(4)]));
    render(VoteView, { categories });
    await screen.findAllByTestId("idea-card");
    expect(screen.queryByTestId("filter-mine")).toBeNull();
    expect(screen.queryByTestId("filter-voted")).toBeNull();
  });
});

describe("a long list keeps a window of cards", () => {
  it("slides the window down as pages load and back up on request, fetching each page once", async () => {
    const { MAX_SHOWN, PAGE_SIZE } = await import("./options");
    const fetched: number[] = [];
    invoke.mockImplementation(
      commands({
        list_ideas: (args) => {
          const offset = (args.query as { offset: number }).offset;
          fetched.push(offset);
          const numbers = Array.from({ length: PAGE_SIZE }, (_, i) => offset + i + 1);
          return page(numbers.map((n) => idea(n)), offset, offset + PAGE_SIZE < 300);
        },
      }),
    );
    const feed = new IdeaFeed();
    await feed.reload();
    for (let i = 0; i < 7; i++) await feed.loadMore();
    expect(feed.items).toHaveLength(240);
    expect(feed.shown).toHaveLength(MAX_SHOWN);
    expect(feed.shown[0]!.number).toBe(91);
    expect(feed.hiddenBefore).toBe(90);

    feed.showEarlier();
    expect(feed.shown[0]!.number).toBe(61);
    expect(feed.hiddenAfter).toBe(30);
    await feed.loadMore(); // back down over what was loaded: no fetch
    expect(feed.shown[0]!.number).toBe(91);
    expect(fetched).toEqual([0, 30, 60, 90, 120, 150, 180, 210]);
    await feed.reload();
    expect(feed.windowStart).toBe(0);
  });
});
