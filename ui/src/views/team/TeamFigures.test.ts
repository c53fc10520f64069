import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));
// Canvas drawing is not what these tests check (jsdom has no canvas).
vi.mock("chart.js", () => {
  class Chart {
    static register() {}
    destroy() {}
  }
  return { Chart, BarController: {}, BarElement: {}, LineController: {}, LineElement: {}, PointElement: {}, CategoryScale: {}, LinearScale: {}, Legend: {}, Tooltip: {} };
});

import type { Engagement, ModerationItem, TeamAnalytics } from "../../ipc";
import { setLocale } from "../../i18n";
import { commands, idea } from "../../test/fixtures";
import AnalyticsView from "./AnalyticsView.svelte";
import EngagementView from "./EngagementView.svelte";
import ModerationView from "./ModerationView.svelte";

function calls(command: string): unknown[] {
  return invoke.mock.calls.filter(([name]) => name === command).map(([, args]) => args);
}

const figures = {
  category: null,
  ideas: 40,
  answered: 10,
  launched: 2,
  adoptionRate: 0.05,
  medianDaysToAnswer: 3.25,
  medianDaysToLaunch: 61,
};

const analytics: TeamAnalytics = {
  weeks: [
    { weekStart: "2026-11-16T00:00:00Z", ideas: 4, votes: 30, comments: 7 },
    { weekStart: "2026-11-23T00:00:00Z", ideas: 2, votes: 12, comments: 1 },
  ],
  funnel: [
    { stage: "submitted", ideas: 40, conversion: 1 },
    { stage: "reviewed", ideas: 10, conversion: 0.25 },
    { stage: "planned", ideas: 5, conversion: 0.5 },
    { stage: "launched", ideas: 2, conversion: 0.4 },
  ],
  overall: figures,
  byCategory: [{ ...figures, category: { slug: "drinks", name: "饮品", nameEn: "Drinks" } }],
  oldestUnanswered: [{ idea: idea(12, { title: "Still waiting" }), waitingDays: 90.4 }],
};

beforeEach(() => {
  invoke.mockReset();
  setLocale("en");
});

describe("team analytics", () => {
  it("shows the headline figures, and every chart's numbers as a table", async () => {
    invoke.mockImplementation(commands({ team_analytics: () => analytics }));
    render(AnalyticsView);
    expect((await screen.findByTestId("analytics-rate")).textContent).toContain("5%");
    expect(calls("team_analytics")).toEqual([{ weeks: 12 }]);
    await fireEvent.click(screen.getByTestId("analytics-funnel-toggle"));
    const rows = Array.from(screen.getByTestId("analytics-funnel-table").querySelectorAll("tbody tr")).map((r) =>
      Array.from(r.children).map((c) => c.textContent?.trim()),
    );
    expect(rows).toEqual([
      ["Submitted", "40", "100%"],
      ["Reviewed", "10", "25%"],
      ["Planned", "5", "50%"],
      ["Launched", "2", "40%"],
    ]);
    await fireEvent.click(screen.getByTestId("analytics-weeks-toggle"));
    expect(screen.getByTestId("analytics-weeks-table").querySelectorAll("tbody tr")).toHaveLength(2);
    expect(screen.getAllByTestId("unanswered-row")[0]!.textContent).toContain("Still waiting");
  });

  it("explains a refusal by code", async () => {
    invoke.mockImplementation(
      commands({
        team_analytics: () => {
          throw { code: "NotAllowed", message: "no" };
        },
      }),
    );
    render(AnalyticsView);
    expect(await screen.findByTestId("error-state")).toBeTruthy();
  });
});

describe("engagement", () => {
  it("shows the core fans' share and the leaderboard", async () => {
    const data: Engagement = {
      core: { participants: 50, coreFans: 10, pointsCutoff: 40, voteShare: 0.62, ideaShare: 0.5, commentShare: 0.7 },
      leaderboard: [
        {
          rank: 1,
          member: { id: "m1", displayName: "Zhang Wei", role: "fan" },
          points: 120,
          ideas: 4,
          adopted: 1,
          votes: 30,
          comments: 9,
          engagementIndex: 88,
        },
      ],
      weeks: [{ weekStart: "2026-11-23T00:00:00Z", new: 3, returning: 8 }],
      weights: { idea: 5, adopted: 20, comment: 2, vote: 1 },
    };
    invoke.mockImplementation(commands({ engagement: () => data }));
    render(EngagementView);
    expect((await screen.findByTestId("core-vote-share")).textContent).toBe("62%");
    expect(screen.getAllByTestId("leaderboard-row")[0]!.textContent).toContain("Zhang Wei");
    expect(calls("engagement")).toEqual([{ leaderboard: 20, weeks: 12 }]);
  });
});

describe("moderation queue", () => {
  const reported: ModerationItem = {
    target: { kind: "comment", id: "c1" },
    ideaId: idea(5).id,
    ideaNumber: 5,
    ideaTitle: "Idea number 5",
    commentKind: "public",
    excerpt: "Buy cheap watches at example.com",
    author: { id: "s", displayName: "Spammer", role: "fan" },
    createdAt: "2026-11-20T10:00:00Z",
    hidden: false,
    removed: false,
    openReports: 2,
    reasons: [{ reporter: { id: "f", displayName: "Wang Fang", role: "fan" }, reason: "spam", at: "2026-11-21T10:00:00Z" }],
    lastReportedAt: "2026-11-21T10:00:00Z",
    lastAction: null,
  };

  it("hides a reported comment and reloads the queue", async () => {
    let hidden = false;
    invoke.mockImplementation(
      commands({
        moderation_queue: () => ({
          items: [
            {
              ...reported,
              hidden,
              openReports: hidden ? 0 : 2,
              reasons: hidden ? [] : reported.reasons,
              lastAction: hidden
                ? {
                    id: "9",
                    actor: { id: "m", displayName: "Mia", role: "moderator" },
                    action: "comment.hide",
                    target: "idea:#5",
                    detail: "{}",
                    at: "2026-11-22T10:00:00Z",
                  }
                : null,
            },
          ],
          offset: 0,
          hasMore: false,
          openReports: hidden ? 0 : 2,
        }),
        set_comment_hidden: () => {
          hidden = true;
          return {};
        },
      }),
    );
    render(ModerationView);
    expect((await screen.findByTestId("moderation-reasons")).textContent).toContain("spam");
    await fireEvent.click(screen.getByTestId("moderation-hide"));
    await waitFor(() => expect(screen.getByTestId("moderation-hidden")).toBeTruthy());
    expect(calls("set_comment_hidden")).toEqual([{ commentId: "c1", hidden: true }]);
    expect(screen.getByTestId("moderation-open").textContent).toBe("0 open reports");
    expect(screen.getByTestId("moderation-last-action").textContent).toContain("Last: Mia hid a comment");
    expect(screen.queryByTestId("moderation-dismiss")).toBeNull();
  });

  it("dismisses reports", async () => {
    invoke.mockImplementation(
      commands({
        moderation_queue: () => ({ items: [reported], offset: 0, hasMore: false, openReports: 2 }),
        resolve_reports: () => 2,
      }),
    );
    render(ModerationView);
    await fireEvent.click(await screen.findByTestId("moderation-dismiss"));
    await waitFor(() =>
      expect(calls("resolve_reports")).toEqual([{ target: { kind: "comment", id: "c1" }, outcome: "dismissed" }]),
    );
  });
});
