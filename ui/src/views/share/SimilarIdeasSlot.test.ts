import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import type { SimilarIdea } from "../../ipc";
import { setLocale } from "../../i18n";
import { detail, idea } from "../../test/fixtures";
import SimilarIdeasSlot from "./SimilarIdeasSlot.svelte";

const latte = idea(12, { title: "希望燕麦拿铁成为常驻饮品", voteCount: 41, status: "planned" });
const suggestions: SimilarIdea[] = [
  { idea: latte, score: 0.8 },
  { idea: idea(5, { title: "Oat milk everywhere", voteCount: 1 }), score: 0.4 },
];

function calls(command: string): unknown[] {
  return invoke.mock.calls.filter(([name]) => name === command).map(([, args]) => args);
}

beforeEach(() => {
  invoke.mockReset();
  invoke.mockImplementation((command: string) => {
    if (command === "similar_ideas") return Promise.resolve(suggestions);
    if (command === "vote") return Promise.resolve(detail({ ...latte, myVote: "nice_to_have" }));
    return Promise.resolve(null);
  });
  setLocale("en");
  globalThis.location.hash = "#/share";
});

afterEach(() => {
  globalThis.location.hash = "";
});

describe("SimilarIdeasSlot", () => {
  it("asks nothing for a title under two characters", async () => {
    render(SimilarIdeasSlot, { title: "燕" });
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(calls("similar_ideas")).toEqual([]);
    expect(screen.queryByTestId("similar-idea")).toBeNull();
  });

  it("shows similar ideas with title, votes and status once typing pauses", async () => {
    render(SimilarIdeasSlot, { title: "燕麦拿铁能不能一直卖", body: "" });
    const items = await screen.findAllByTestId("similar-idea");
    expect(calls("similar_ideas")).toEqual([{ title: "燕麦拿铁能不能一直卖", body: null }]);
    expect(items).toHaveLength(2);
    const first = within(items[0]!);
    expect(first.getByTestId("similar-link").textContent).toBe("希望燕麦拿铁成为常驻饮品");
    expect(first.getByTestId("similar-link").getAttribute("href")).toBe(`#/ideas/${latte.id}`);
    expect(first.getByTestId("similar-votes").textContent).toBe("41 votes");
    expect(first.getByTestId("status-badge").textContent).toBe("Planned");
    expect(first.getByTestId("vote-instead").textContent?.trim()).toBe("Vote for this instead");
  });

  it("votes nice to have for the suggestion, then opens it", async () => {
    render(SimilarIdeasSlot, { title: "燕麦拿铁能不能一直卖" });
    const [first] = await screen.findAllByTestId("similar-idea");
    await fireEvent.click(within(first!).getByTestId("vote-instead"));
    await waitFor(() => expect(globalThis.location.hash).toBe(`#/ideas/${latte.id}`));
    expect(calls("vote")).toEqual([{ ideaId: latte.id, priority: "nice_to_have" }]);
  });

  it("shows a vote failure localised by code and stays", async () => {
    setLocale("zh-CN");
    invoke.mockImplementation((command: string) =>
      command === "similar_ideas"
        ? Promise.resolve(suggestions)
        : Promise.reject({ code: "VoteBudgetExhausted", message: "no points" }),
    );
    render(SimilarIdeasSlot, { title: "燕麦拿铁" });
    const [first] = await screen.findAllByTestId("similar-idea");
    expect(within(first!).getByTestId("vote-instead").textContent?.trim()).toBe("改为给它投票");
    await fireEvent.click(within(first!).getByTestId("vote-instead"));
    expect((await within(first!).findByRole("alert")).textContent).not.toBe("");
    expect(globalThis.location.hash).toBe("#/share");
  });
});
