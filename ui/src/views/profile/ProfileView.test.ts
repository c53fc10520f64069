import { render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import type { FanStanding, PointsEntry } from "../../ipc";
import { fireEvent } from "@testing-library/svelte";
import { setLocale } from "../../i18n";
import { session } from "../../app/session.svelte";
import { commands, idea, page, profile } from "../../test/fixtures";
import ProfileView from "./ProfileView.svelte";

const me = profile({ displayName: "Fang", points: 1234, level: 4 });

const ledger: PointsEntry[] = [
  { delta: 1, reason: "vote_cast", ideaNumber: 7, at: "2026-10-01T10:00:00Z" },
  { delta: 10, reason: "idea_submitted", ideaNumber: 9, at: "2026-11-01T10:00:00Z" },
  { delta: -1, reason: "vote_withdrawn", ideaNumber: null, at: "2026-09-01T10:00:00Z" },
];

const standing: FanStanding = {
  rank: 42,
  member: { id: me.id, displayName: "Fang", role: "fan" },
  points: 1234,
  ideas: 3,
  adopted: 1,
  votes: 20,
  comments: 7,
  engagementIndex: 69,
};

beforeEach(() => {
  invoke.mockReset();
  setLocale("en");
  session.profile = me;
  session.votesLeft = 8;
});

afterEach(() => {
  session.profile = null;
  session.votesLeft = null;
});

describe("ProfileView", () => {
  it("shows who the member is, their points history newest first and the ideas they voted for", async () => {
    invoke.mockImplementation(
      commands({
        my_points: () => ledger,
        my_standing: () => standing,
        list_ideas: () => page([idea(7, { myVote: "critical", status: "planned" })]),
        my_idea_journeys: () => [],
      }),
    );
    render(ProfileView);
    expect(screen.getByTestId("profile-name").textContent).toBe("Fang");
    expect(screen.getByTestId("profile-points").textContent).toBe("1,234");
    expect(screen.getByTestId("profile-votes-left").textContent?.trim()).toBe("8");

    const entries = await screen.findAllByTestId("points-entry");
    expect(entries.map((e) => e.dataset.reason)).toEqual(["idea_submitted", "vote_cast", "vote_withdrawn"]);
    expect(entries[0]!.textContent).toContain("+10");
    expect(entries[0]!.textContent).toContain("Shared an idea");
    expect(entries[2]!.textContent).toContain("-1");

    const votes = await screen.findAllByTestId("my-vote");
    expect(votes.map((v) => v.dataset.number)).toEqual(["7"]);
    expect(within(votes[0]!).getByText("Critical")).toBeTruthy();
    const query = invoke.mock.calls.find(([c]) => c === "list_ideas")![1] as { query: { votedBy: string } };
    expect(query.query.votedBy).toBe(me.id);
    expect(await screen.findByTestId("my-journeys-empty")).toBeTruthy();
  });

  it("says what to do when there is nothing yet, in Chinese", async () => {
    setLocale("zh-CN");
    session.votesLeft = null;
    invoke.mockImplementation(
      commands({ my_points: () => [], list_ideas: () => page([]), my_idea_journeys: () => [] }),
    );
    render(ProfileView);
    expect((await screen.findByTestId("points-empty")).textContent).toContain("还没有积分");
    expect(await screen.findByTestId("my-votes-empty")).toBeTruthy();
    expect(screen.getByTestId("profile-votes-left").textContent?.trim()).toBe("不限");
  });

  it("explains a failure and keeps the rest of the page", async () => {
    invoke.mockImplementation(
      commands({
        my_points: () => {
          throw { code: "Storage", message: "disk" };
        },
        my_standing: () => standing,
        list_ideas: () => page([]),
        my_idea_journeys: () => [],
      }),
    );
    render(ProfileView);
    await waitFor(() => expect(screen.getByTestId("error-state").dataset.code).toBe("Storage"));
    expect(await screen.findByTestId("my-votes-empty")).toBeTruthy();
  });

  it("shows the member's own standing as the core sends it", async () => {
    invoke.mockImplementation(
      commands({
        my_points: () => [],
        my_standing: () => standing,
        list_ideas: () => page([]),
        my_idea_journeys: () => [],
      }),
    );
    render(ProfileView);
    expect((await screen.findByTestId("my-standing-rank")).textContent).toContain("No. 42");
    expect(screen.getByTestId("my-standing-index").textContent).toBe("69");
  });

  it("renames the member with the core's answer, and says why a name is refused", async () => {
    let calls = 0;
    invoke.mockImplementation(
      commands({
        my_points: () => [],
        my_standing: () => standing,
        list_ideas: () => page([]),
        my_idea_journeys: () => [],
        rename_member: (args) => {
          calls += 1;
          const { displayName } = args as { displayName: string };
          if (displayName.length > 10) throw { code: "NameTooLong", message: "too long", params: { len: 11, max: 10 } };
          return { ...me, displayName: displayName.trim() };
        },
      }),
    );
    render(ProfileView);
    await fireEvent.click(screen.getByTestId("rename-start"));
    const input = screen.getByTestId<HTMLInputElement>("rename-input");
    await fireEvent.input(input, { target: { value: "A name too long" } });
    await fireEvent.click(screen.getByTestId("rename-save"));
    expect((await screen.findByRole("alert")).textContent).toMatch(/11.*10/);
    expect(screen.getByTestId("profile-name").textContent).toBe("Fang");
    await fireEvent.input(input, { target: { value: "  Fang Li " } });
    await fireEvent.click(screen.getByTestId("rename-save"));
    await waitFor(() => expect(screen.getByTestId("profile-name").textContent).toBe("Fang Li"));
    expect(screen.queryByTestId("rename-form")).toBeNull();
    expect(calls).toBe(2);
  });

  it("invites a guest to choose a profile", () => {
    session.profile = null;
    render(ProfileView);
    expect(screen.getByTestId("profile-guest")).toBeTruthy();
    expect(invoke).not.toHaveBeenCalled();
  });
});
