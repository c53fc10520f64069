// What a click costs (issue 13). Every call the UI makes goes through its ipc module,
// which counts them by command (`window.ideaboardCalls`). A vote, its withdrawal and
// a comment as a fan, a status change with an answer and a bulk status change as a
// moderator each cost exactly one call: the write, whose answer carries everything
// the window shows that it moved. Each step also reads the new state from the page
// (the counts, the member's points and votes left, the comment, the status), so the
// count cannot pass by skipping an update; and the count is taken only once the
// calls have stayed still for QUIET_MS, well past the feed's echo of the write (the
// shell polls every 200 ms, views wait 100 ms more), so a re-fetch the follower
// would make is counted too.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { launchOnDemoBoard } from "./lib/demo.mjs";
import { q } from "./lib/ui.mjs";
import { waitFor } from "./lib/webdriver.mjs";

/** How long the calls must stay still before they are counted. */
const QUIET_MS = 1500;
const RUN = process.pid;

/** The first number in a text as the UI formats it ("1,234 votes left"). */
const number = (text) => Number(String(text).match(/[\d,]+/)?.[0].replace(/,/g, "") ?? NaN);

describe("a write costs one call", { timeout: 420_000 }, () => {
  let app;
  let ui;
  /** Calls per command, as the step measured it. */
  const measured = {};

  before(
    async () => {
      ({ app, ui } = await launchOnDemoBoard("calls"));
    },
    { timeout: 120_000 },
  );

  after(
    async () => {
      console.log(`calls per write: ${JSON.stringify(measured)}`);
      await app?.delete();
    },
    { timeout: 30_000 },
  );

  function calls() {
    return app.executeScript("return { ...window.ideaboardCalls };");
  }

  /** The calls once they have not moved for QUIET_MS. */
  async function quiet() {
    let last = JSON.stringify(await calls());
    let since = Date.now();
    return waitFor(
      async () => {
        const now = JSON.stringify(await calls());
        if (now !== last) {
          last = now;
          since = Date.now();
          return false;
        }
        return Date.now() - since >= QUIET_MS && JSON.parse(now);
      },
      { timeout: 30_000, interval: 100, message: "the calls to settle" },
    );
  }

  /**
   * Runs `act` once the window is quiet, waits for `shown` (the page showing the
   * write's outcome) and for quiet again; answers the calls made meanwhile.
   */
  async function cost(name, act, shown) {
    const before = await quiet();
    await act();
    await waitFor(shown, { timeout: 15_000, message: `the page to show ${name}` });
    const after = await quiet();
    const made = {};
    for (const [command, n] of Object.entries(after)) {
      if (n !== (before[command] ?? 0)) made[command] = n - (before[command] ?? 0);
    }
    measured[name] = made;
    return made;
  }

  /** What the frame and the idea page show now. */
  function frame() {
    return app.executeScript(`
      const text = (id) => document.querySelector('[data-testid="' + id + '"]')?.textContent ?? null;
      return {
        points: text("member-points"),
        votesLeft: text("member-votes-left"),
        stats: text("board-stats"),
        votes: text("detail-vote-count"),
        voted: !!document.querySelector('[data-testid="unvote"]'),
        status: document.querySelector('[data-testid="idea-header"] [data-testid="status-badge"]')?.dataset.status ?? null,
      };`);
  }

  /** The board's vote total in the top bar ("12 ideas · 340 votes · 56 members"). */
  const boardVotes = (stats) => number(String(stats).split("·")[1]);

  let ideaNumber;

  it("an admin gives the board a vote budget, so the frame shows votes left", async () => {
    await ui.signInTeam("admin");
    await app.executeScript(`location.hash = "#/team/settings";`);
    await ui.waitVisible(q("settings-budget-on"), "the board's settings");
    const on = await app.executeScript(`return document.querySelector('[data-testid="settings-budget-on"]').checked;`);
    if (!on) await ui.click(q("settings-budget-on"));
    await ui.paste(q("settings-budget"), "10");
    await ui.click(q("settings-save"));
    await ui.waitVisible(q("settings-saved"), "the settings to be saved");

    // A new fan: ten votes left, none used.
    await ui.click(q("profile-switch"));
    await ui.paste(q("create-profile-name"), `Counting Fan ${RUN}`);
    await ui.click(q("create-profile-submit"));
    await ui.waitText(q("member-name"), (t) => t === `Counting Fan ${RUN}`, "the new fan to be signed in");
    await ui.waitText(q("member-votes-left"), (t) => number(t) === 10, "ten votes left");
  });

  it("a fan's vote, its withdrawal and a comment cost one call each", async () => {
    await ui.goToList();
    ideaNumber = await app.executeScript(`
      const card = Array.from(document.querySelectorAll('[data-testid="idea-card"]')).find((c) =>
        c.querySelector('[data-testid="status-badge"]')?.dataset.status === "new");
      return card ? Number(card.dataset.number) : null;`);
    assert.ok(ideaNumber, "a new idea on the list");
    await ui.click(`[data-testid="idea-card"][data-number="${ideaNumber}"] ${q("idea-link")}`);
    await ui.waitVisible(`${q("idea-header")}[data-number="${ideaNumber}"]`, `the page of #${ideaNumber}`);
    await ui.waitVisible(q("vote"), "the vote button");
    const start = await frame();

    const vote = await cost(
      "vote",
      () => ui.click(q("vote")),
      async () => {
        const now = await frame();
        return (
          now.voted &&
          number(now.votes) === number(start.votes) + 1 &&
          number(now.votesLeft) === 9 &&
          number(now.points) > number(start.points) &&
          boardVotes(now.stats) === boardVotes(start.stats) + 1
        );
      },
    );
    assert.deepEqual(vote, { vote: 1 });

    const unvote = await cost(
      "unvote",
      () => ui.click(q("unvote")),
      async () => {
        const now = await frame();
        return (
          !now.voted &&
          number(now.votes) === number(start.votes) &&
          number(now.votesLeft) === 10 &&
          boardVotes(now.stats) === boardVotes(start.stats)
        );
      },
    );
    assert.deepEqual(unvote, { unvote: 1 });

    const body = `Counted once (${RUN}).`;
    await ui.typeInto(q("comment-input"), body);
    const pointsBefore = number((await frame()).points);
    const comment = await cost(
      "add_comment",
      () => ui.click(q("comment-submit")),
      async () =>
        (await ui.text(q("comment-thread")))?.includes(body) && number((await frame()).points) > pointsBefore,
    );
    assert.deepEqual(comment, { add_comment: 1 });
  });

  it("a moderator's status change with an answer costs one call", async () => {
    await ui.signInTeam("moderator");
    await app.executeScript(`location.hash = "#/";`);
    await ui.goToList();
    await ui.click(`[data-testid="idea-card"][data-number="${ideaNumber}"] ${q("idea-link")}`);
    await ui.waitVisible(`${q("idea-header")}[data-number="${ideaNumber}"]`, `the page of #${ideaNumber}`);
    await ui.click(q("team-change-status"));
    await ui.waitVisible(q("status-dialog"), "the status dialog");
    await ui.click(`${q("status-to")} option[value="planned"]`);
    const answer = `On the roadmap, counted once (${RUN}).`;
    await ui.paste(q("status-note"), answer);

    const change = await cost(
      "change_status",
      () => ui.click(q("status-submit")),
      async () => {
        const shown = await app.executeScript(`
          const notes = document.querySelectorAll('[data-testid="journey-note"]');
          return {
            dialog: !!document.querySelector('[data-testid="status-dialog"]'),
            note: notes[notes.length - 1]?.textContent.trim() ?? null,
          };`);
        return !shown.dialog && shown.note === answer && (await frame()).status === "planned";
      },
    );
    assert.deepEqual(change, { change_status: 1 });
  });

  it("a bulk status change in the inbox costs one call", async () => {
    await ui.click(q("nav-team-inbox"));
    await ui.waitVisible(q("inbox-row"), "the inbox's rows");
    const rows = await app.executeScript(
      `return Array.from(document.querySelectorAll('[data-testid="inbox-row"]')).slice(0, 2).map((r) => Number(r.dataset.number));`,
    );
    assert.equal(rows.length, 2, "two ideas in the inbox");
    const total = number(await ui.text(q("inbox-counts")));
    for (const n of rows) await ui.click(`${q("inbox-row")}[data-number="${n}"] ${q("inbox-select")}`);
    await ui.click(q("inbox-bulk"));
    await ui.waitVisible(q("status-dialog"), "the bulk status dialog");
    await ui.click(`${q("status-to")} option[value="planned"]`);
    await ui.paste(q("status-note"), `Planned together (${RUN}).`);

    const bulk = await cost(
      "change_status_bulk",
      () => ui.click(q("status-submit")),
      () =>
        app.executeScript(
          `const shown = Array.from(document.querySelectorAll('[data-testid="inbox-row"]')).map((r) => Number(r.dataset.number));
           const counts = document.querySelector('[data-testid="inbox-counts"]')?.textContent ?? "";
           return !!document.querySelector('[data-testid="inbox-done"]')
             && arguments[0].every((n) => !shown.includes(n))
             && Number((counts.match(/[\\d,]+/) ?? ["0"])[0].replace(/,/g, "")) === arguments[1] - 2;`,
          [rows, total],
        ),
    );
    assert.deepEqual(bulk, { change_status_bulk: 1 });
  });
});
