import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import { listIdeas, setFollowing, vote } from "../ipc";
import { changed, commands, detail, idea, page, profile } from "../test/fixtures";
import { follow } from "./follow.svelte";
import { overview } from "./overview.svelte";
import { session } from "./session.svelte";
import { takeWrites } from "./writes.svelte";

const counts = { ideas: 10, votes: 30, comments: 20, members: 5 };

beforeEach(async () => {
  invoke.mockReset();
  invoke.mockImplementation(
    commands({
      sign_in: () => profile({ points: 12, level: 2 }),
      votes_left: () => 5,
      board_overview: () => ({ name: "Demo", path: "", categories: [], counts, limits: {} }),
    }),
  );
  await session.signIn(profile().id, null);
  await vi.waitFor(() => expect(session.votesLeft).toBe(5));
  await overview.load();
});

describe("what a write moved", () => {
  it("reaches the frame and the follower from the write's answer, with no call", async () => {
    const stop = takeWrites();
    const ended = vi.spyOn(follow, "writeEnded");
    const answer = changed(detail(idea(1, { voteCount: 4 })), {
      standing: { points: 13, level: 3, votesLeft: 4 },
      counts: { ...counts, votes: 31 },
      changes: { first: 7, last: 9 },
    });
    invoke.mockClear();
    invoke.mockImplementation(commands({ vote: () => answer }));
    await vote(idea(1).id, "critical");
    expect([session.profile?.points, session.profile?.level, session.votesLeft]).toEqual([13, 3, 4]);
    expect(overview.value?.counts.votes).toBe(31);
    expect(ended).toHaveBeenCalledWith({ first: 7, last: 9 });
    expect(invoke.mock.calls.map(([command]) => command)).toEqual(["vote"]);

    // A read is none of its business; a write without `moved` reflects nothing.
    invoke.mockImplementation(commands({ list_ideas: () => page([]), set_following: () => detail(idea(1)) }));
    ended.mockClear();
    await listIdeas({ sort: "new", category: null, status: null, tag: null, author: null, votedBy: null, includeHidden: false, offset: 0, limit: 30 });
    expect(ended).not.toHaveBeenCalled();
    await setFollowing(idea(1).id, true);
    expect(ended).toHaveBeenCalledWith(null);
    expect(session.profile?.points).toBe(13);
    stop();
    ended.mockRestore();
  });
});
