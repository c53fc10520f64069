import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import type { SearchHit, SearchPage, SearchQuery } from "../../ipc";
import { setLocale } from "../../i18n";
import { idea, page } from "../../test/fixtures";
import VoteView from "./VoteView.svelte";

const categories = [{ slug: "drinks", name: "饮品", nameEn: "Drinks" }];

function hit(number: number, title: string, matches: [number, number][]): SearchHit {
  return { idea: idea(number, { title }), title: { text: title, matches }, snippet: { text: "", matches: [] } };
}

function searchPage(items: SearchHit[]): SearchPage {
  return { items, offset: 0, hasMore: false };
}

function searches(): SearchQuery[] {
  return invoke.mock.calls
    .filter(([command]) => command === "search_ideas")
    .map(([, args]) => (args as { query: SearchQuery }).query);
}

function listCalls(): number {
  return invoke.mock.calls.filter(([command]) => command === "list_ideas").length;
}

let results: SearchPage = searchPage([]);

beforeEach(() => {
  invoke.mockReset();
  results = searchPage([]);
  invoke.mockImplementation((command: string) =>
    Promise.resolve(command === "search_ideas" ? results : page([idea(1), idea(2)])),
  );
  setLocale("en");
});

async function typeSearch(text: string): Promise<HTMLInputElement> {
  const input = screen.getByTestId<HTMLInputElement>("search-input");
  await fireEvent.input(input, { target: { value: text } });
  return input;
}

describe("Vote view search box", () => {
  it("is the element the / shortcut focuses, with a localised placeholder", async () => {
    render(VoteView, { categories });
    const input = await screen.findByTestId<HTMLInputElement>("search-input");
    expect(input.hasAttribute("data-search")).toBe(true);
    expect(input.placeholder).toBe("Search ideas (press / to focus)");
  });

  it("waits for typing to pause, then searches once with the last text", async () => {
    render(VoteView, { categories });
    await screen.findAllByTestId("idea-card");
    await typeSearch("o");
    await typeSearch("oa");
    await typeSearch("oat");
    expect(searches()).toEqual([]);
    await waitFor(() => expect(searches()).toHaveLength(1));
    expect(searches()[0]).toEqual(
      expect.objectContaining({ query: "oat", sort: null, category: null, status: null, offset: 0 }),
    );
  });

  it("shows results with the matching ranges of the title in <mark>, as text", async () => {
    results = searchPage([hit(9, "希望燕麦拿铁成为常驻饮品", [[2, 4]]), hit(4, "<b>Oat</b> milk", [[3, 6]])]);
    const { container } = render(VoteView, { categories });
    await screen.findAllByTestId("idea-card");
    await typeSearch("燕麦");
    await waitFor(() => expect(screen.getAllByTestId("idea-card").map((c) => c.dataset.number)).toEqual(["9", "4"]));
    const titles = screen.getAllByTestId("idea-title");
    expect(titles[0]!.textContent).toBe("希望燕麦拿铁成为常驻饮品");
    expect([...titles[0]!.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["燕麦"]);
    expect(titles[1]!.textContent).toBe("<b>Oat</b> milk");
    expect([...titles[1]!.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["Oat"]);
    expect(container.querySelector("b")).toBeNull();
    const relevance = screen.getByTestId("sort-relevance");
    expect(relevance.getAttribute("aria-selected")).toBe("true");
    expect(relevance.textContent?.trim()).toBe("Relevance");
  });

  it("combines the search with the filters", async () => {
    render(VoteView, { categories });
    await screen.findAllByTestId("idea-card");
    await typeSearch("latte");
    await waitFor(() => expect(searches()).toHaveLength(1));
    const select = screen.getByTestId<HTMLSelectElement>("filter-category");
    await fireEvent.change(select, { target: { value: "drinks" } });
    await waitFor(() => expect(searches()).toHaveLength(2));
    expect(searches()[1]).toEqual(expect.objectContaining({ query: "latte", category: "drinks" }));
  });

  it("shows a localised empty state", async () => {
    setLocale("zh-CN");
    render(VoteView, { categories });
    await screen.findAllByTestId("idea-card");
    await typeSearch("火锅");
    const empty = await screen.findByTestId("search-empty");
    expect(empty.textContent).toBe("没有与“火锅”匹配的创意");
  });

  it("shows search errors localised by code", async () => {
    invoke.mockImplementation((command: string) =>
      command === "search_ideas"
        ? Promise.reject({ code: "SearchEmpty", message: "empty" })
        : Promise.resolve(page([idea(1)])),
    );
    render(VoteView, { categories });
    await screen.findAllByTestId("idea-card");
    await typeSearch("\"\"");
    const error = await screen.findByTestId("error-state");
    expect(within(error).getByTestId("error-message").textContent).toBe("Type something to search for.");
  });

  it("clears with the clear button and with Esc, back to the plain list", async () => {
    results = searchPage([hit(9, "Oat latte", [[0, 3]])]);
    render(VoteView, { categories });
    await screen.findAllByTestId("idea-card");
    const input = await typeSearch("oat");
    await waitFor(() => expect(screen.getAllByTestId("idea-card")).toHaveLength(1));
    const before = listCalls();
    await fireEvent.click(screen.getByTestId("search-clear"));
    expect(input.value).toBe("");
    await waitFor(() => expect(screen.getAllByTestId("idea-card")).toHaveLength(2));
    expect(listCalls()).toBe(before + 1);
    expect(screen.queryByTestId("sort-relevance")).toBeNull();

    await typeSearch("oat");
    await waitFor(() => expect(screen.getAllByTestId("idea-card")).toHaveLength(1));
    await fireEvent.keyDown(input, { key: "Escape" });
    expect(input.value).toBe("");
    await waitFor(() => expect(screen.getAllByTestId("idea-card")).toHaveLength(2));
    expect(screen.queryByTestId("search-clear")).toBeNull();
  });
});
