import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import type { Priority } from "../../ipc";
import { setLocale } from "../../i18n";
import { session } from "../../app/session.svelte";
import { takeWrites } from "../../app/writes.svelte";
import { changed, commands, detail, idea, profile } from "../../test/fixtures";
import { switcher } from "../../layout/switcher.svelte";
import DiscussView from "./DiscussView.svelte";

const summary = idea(7, { voteCount: 3 });
const me = profile();

function withVote(priority: Priority | null, voteCount: number) {
  return detail({ ...summary, myVote: priority, voteCount });
}

function calls(command: string): unknown[] {
  return invoke.mock.calls.filter(([name]) => name === command).map(([, args]) => args);
}

beforeEach(async () => {
  invoke.mockReset();
  setLocale("en");
  invoke.mockImplementation(commands({ sign_in: () => me }));
  await session.signIn(me.id, null);
});

describe("vote box", () => {
  it("votes with the chosen priority, changes it, and takes the vote back", async () => {
    invoke.mockImplementation(
      commands({
        get_idea: () => withVote(null, 3),
        list_comments: () => [],
        vote: (args) => changed(withVote(args.priority as Priority, 4), { standing: { points: 13, level: 2, votesLeft: 4 } }),
        change_vote_priority: (args) => changed(withVote(args.priority as Priority, 4)),
        unvote: () => changed(withVote(null, 3), { standing: { points: 12, level: 2, votesLeft: 5 } }),
      }),
    );
    const stop = takeWrites();
    render(DiscussView, { id: summary.id });
    const count = await screen.findByTestId("detail-vote-count");
    expect(count.textContent).toBe("3");
    expect(screen.getByTestId("vote-box").dataset.myVote).toBe("");
    invoke.mockClear();

    await fireEvent.click(screen.getByTestId("priority-important"));
    await fireEvent.click(screen.getByTestId("vote"));
    await waitFor(() => expect(screen.getByTestId("detail-vote-count").textContent).toBe("4"));
    expect(calls("vote")).toEqual([{ ideaId: summary.id, priority: "important" }]);
    expect(screen.getByTestId("my-vote").textContent).toBe("You voted: Important");
    // The member's standing came with the answer.
    expect([session.profile?.points, session.votesLeft]).toEqual([13, 4]);

    await fireEvent.click(screen.getByTestId("priority-critical"));
    await waitFor(() => expect(screen.getByTestId("vote-box").dataset.myVote).toBe("critical"));
    expect(calls("change_vote_priority")).toEqual([{ ideaId: summary.id, priority: "critical" }]);

    await fireEvent.click(screen.getByTestId("unvote"));
    await waitFor(() => expect(screen.getByTestId("detail-vote-count").textContent).toBe("3"));
    expect(calls("unvote")).toEqual([{ ideaId: summary.id }]);
    expect(screen.queryByTestId("my-vote")).toBeNull();
    expect(screen.getByTestId("vote")).toBeTruthy();
    expect([session.profile?.points, session.votesLeft]).toEqual([12, 5]);
    // One call each: nothing was asked again after a vote.
    expect(invoke.mock.calls.map(([command]) => command)).toEqual([
      "vote",
      "change_vote_priority",
      "unvote",
    ]);
    stop();
  });

  it("shows the votes by priority and localises a refused vote", async () => {
    setLocale("zh-CN");
    invoke.mockImplementation(
      commands({
        get_idea: () => detail(summary, { votes: { niceToHave: 5, important: 2, critical: 1 } }),
        list_comments: () => [],
        vote: () => {
          throw { code: "VotingClosed", message: "closed" };
        },
      }),
    );
    render(DiscussView, { id: summary.id });
    await screen.findByTestId("vote-box");
    expect(screen.getByTestId("votes-nice_to_have").textContent).toContain("有更好");
    expect(screen.getByTestId("votes-nice_to_have").textContent).toContain("5");
    expect(screen.getByTestId("votes-critical").textContent).toContain("1");

    await fireEvent.click(screen.getByTestId("vote"));
    expect((await screen.findByTestId("vote-error")).textContent).toBe("该创意的投票已关闭。");
  });

  it("says voting is closed when the core says so, instead of offering a vote", async () => {
    invoke.mockImplementation(
      commands({
        get_idea: () => detail({ ...summary, status: "launched", myVote: "critical" }, { votingOpen: false }),
        list_comments: () => [],
      }),
    );
    render(DiscussView, { id: summary.id });
    expect((await screen.findByTestId("voting-closed")).textContent).toBe("Voting is closed for this idea.");
    expect(screen.queryByTestId("vote")).toBeNull();
    // A voter still sees their vote, with nothing to press that the core would refuse.
    expect(screen.getByTestId("my-vote").textContent).toBe("You voted: Critical");
    expect(screen.queryByTestId("unvote")).toBeNull();
  });

  it("follows the core's votingOpen, not the status it knows", async () => {
    // No status list in the UI: whatever the status, votingOpen alone decides.
    invoke.mockImplementation(
      commands({ get_idea: () => detail({ ...summary, status: "new" }, { votingOpen: false }), list_comments: () => [] }),
    );
    const closed = render(DiscussView, { id: summary.id });
    await screen.findByTestId("voting-closed");
    closed.unmount();
    invoke.mockImplementation(
      commands({ get_idea: () => detail({ ...summary, status: "launched" }, { votingOpen: true }), list_comments: () => [] }),
    );
    render(DiscussView, { id: summary.id });
    expect(await screen.findByTestId("vote")).toBeTruthy();
    expect(screen.queryByTestId("voting-closed")).toBeNull();
  });

  it("says how big the vote budget is when it is used up", async () => {
    invoke.mockImplementation(
      commands({
        get_idea: () => detail(summary),
        list_comments: () => [],
        vote: () => {
          throw { code: "VoteBudgetExhausted", message: "no votes left", params: { budget: 5 } };
        },
      }),
    );
    render(DiscussView, { id: summary.id });
    await fireEvent.click(await screen.findByTestId("vote"));
    expect((await screen.findByTestId("vote-error")).textContent).toBe(
      "You have used all 5 of your votes. Remove a vote to vote again.",
    );
  });

  it("offers the profile switcher when a guest tries to vote", async () => {
    invoke.mockImplementation(
      commands({
        get_idea: () => detail(summary),
        list_comments: () => [],
        vote: () => {
          throw { code: "NotSignedIn", message: "guest" };
        },
      }),
    );
    switcher.open = false;
    render(DiscussView, { id: summary.id });
    await fireEvent.click(await screen.findByTestId("vote"));
    expect((await screen.findByTestId("vote-error")).textContent).toBe("Please choose a profile first.");
    await fireEvent.click(screen.getByTestId("vote-choose-profile"));
    expect(switcher.open).toBe(true);
    switcher.open = false;
  });
});
