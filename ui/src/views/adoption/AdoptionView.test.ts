import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

// The chart draws on a canvas jsdom does not have; record what it was asked to draw.
const charts = vi.hoisted(() => [] as { data: { labels: string[]; datasets: { data: unknown[] }[] } }[]);
vi.mock("chart.js", () => {
  class Chart {
    static register(): void {}
    constructor(_canvas: unknown, config: (typeof charts)[number]) {
      charts.push(config);
    }
    destroy(): void {}
  }
  return { Chart, BarController: {}, BarElement: {}, CategoryScale: {}, LinearScale: {}, Legend: {}, Tooltip: {} };
});

import type { AdoptionFigures, AdoptionOverview } from "../../ipc";
import { setLocale } from "../../i18n";
import { idea } from "../../test/fixtures";
import AdoptionView from "./AdoptionView.svelte";

function figures(overrides: Partial<AdoptionFigures> = {}): AdoptionFigures {
  return {
    category: null,
    ideas: 40,
    answered: 12,
    launched: 5,
    adoptionRate: 0.125,
    medianDaysToAnswer: 2.25,
    medianDaysToLaunch: 31,
    ...overrides,
  };
}

const drinks = { slug: "drinks", name: "饮品", nameEn: "Drinks" };

function overview(): AdoptionOverview {
  return {
    roadmap: [
      { status: "under_review", total: 3, ideas: [idea(4, { status: "under_review", voteCount: 12 })] },
      { status: "planned", total: 1, ideas: [idea(5, { status: "planned" })] },
      { status: "in_progress", total: 0, ideas: [] },
      { status: "launched", total: 1, ideas: [idea(6, { status: "launched" })] },
    ],
    showcase: [
      {
        idea: idea(6, { status: "launched", voteCount: 321, title: "Oat milk everywhere" }),
        launchedAt: "2026-10-01T09:00:00Z",
        note: "Now in every store",
      },
    ],
    overall: figures(),
    byCategory: [
      figures({ category: drinks, ideas: 30, launched: 5, adoptionRate: 1 / 6, medianDaysToLaunch: 12.04 }),
      figures({ category: null, ideas: 10, launched: 0, adoptionRate: 0, medianDaysToAnswer: null, medianDaysToLaunch: null }),
    ],
  };
}

function answer(routes: Record<string, unknown>): void {
  invoke.mockImplementation(async (command: string) => {
    if (command in routes) return routes[command];
    throw { code: "NotSignedIn", message: "guest" };
  });
}

beforeEach(() => {
  invoke.mockReset();
  charts.length = 0;
  setLocale("en");
});

describe("AdoptionView", () => {
  it("shows the figures, the roadmap columns and the launched showcase", async () => {
    answer({ adoption_overview: overview() });
    render(AdoptionView);

    expect((await screen.findByTestId("adoption-rate")).textContent).toBe("12.5%");
    expect(screen.getByTestId("adoption-answer").textContent).toBe("2.3 days");
    expect(screen.getByTestId("adoption-launch").textContent).toBe("31 days");

    const columns = screen.getAllByTestId("roadmap-column");
    expect(columns.map((c) => c.dataset.status)).toEqual(["under_review", "planned", "in_progress", "launched"]);
    expect(within(columns[0]!).getAllByTestId("roadmap-idea").map((a) => a.dataset.number)).toEqual(["4"]);
    expect(within(columns[0]!).getByTestId("roadmap-total").textContent?.trim()).toBe("3 ideas");
    expect(within(columns[0]!).getByText("+ 2 more")).toBeTruthy();
    expect(within(columns[2]!).getByText("No ideas here yet")).toBeTruthy();

    const shown = screen.getAllByTestId("showcase-idea");
    expect(shown).toHaveLength(1);
    expect(within(shown[0]!).getByTestId("showcase-author").textContent).toBe("Idea by Lin Mei");
    expect(within(shown[0]!).getByTestId("showcase-supporters").textContent?.trim()).toBe("321 supporters");
    expect(within(shown[0]!).getByText("Now in every store")).toBeTruthy();
  });

  it("charts each category and shows the same numbers as a table", async () => {
    answer({ adoption_overview: overview() });
    render(AdoptionView);
    await screen.findByTestId("adoption-chart");
    await waitFor(() => expect(charts).toHaveLength(1));
    expect(charts[0]!.data.labels).toEqual(["Drinks", "Uncategorised"]);
    expect(charts[0]!.data.datasets.map((d) => d.data)).toEqual([
      [16.7, 0],
      [2.3, null],
      [12, null],
    ]);

    await fireEvent.click(screen.getByTestId("adoption-toggle"));
    const rows = screen.getAllByTestId("adoption-row");
    expect(rows.map((r) => [...r.children].map((c) => c.textContent?.trim()))).toEqual([
      ["Drinks", "30", "5", "16.7%", "2.3 days", "12 days"],
      ["Uncategorised", "10", "0", "0%", "—", "—"],
    ]);
  });

  it("invites a guest to choose a profile for their own journeys", async () => {
    answer({ adoption_overview: overview() });
    render(AdoptionView);
    expect(await screen.findByTestId("my-journeys-guest")).toBeTruthy();
    expect(invoke.mock.calls.map(([c]) => c)).not.toContain("my_idea_journeys");
  });

  it("explains a failure in words and retries", async () => {
    invoke.mockRejectedValueOnce({ code: "Storage", message: "disk" });
    render(AdoptionView);
    const error = await screen.findByTestId("error-state");
    expect(error.dataset.code).toBe("Storage");
    answer({ adoption_overview: overview() });
    await fireEvent.click(screen.getByTestId("retry"));
    expect(await screen.findByTestId("roadmap")).toBeTruthy();
  });

  it("reads in Chinese", async () => {
    setLocale("zh-CN");
    answer({ adoption_overview: overview() });
    render(AdoptionView);
    expect(await screen.findByText("我们采纳了什么")).toBeTruthy();
    // The heading is there before the figures are.
    expect((await screen.findByTestId("adoption-launch")).textContent).toBe("31 天");
  });
});
