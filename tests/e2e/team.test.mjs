// The product team's workspace end to end: unlocking a team profile, the triage inbox's
// bulk status change with one answer, a refused decline, merging duplicates, internal
// notes, and what a fan can and cannot do. Its own fans share the ideas it works on,
// so it depends on nothing the other suites leave behind.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { launchApp } from "./lib/app.mjs";
import { waitForList } from "./lib/ideaboard.mjs";
import { DEMO_PASSPHRASE, catalogues, q, uiHelpers } from "./lib/ui.mjs";
import { waitFor } from "./lib/webdriver.mjs";

const RUN = process.pid;
const FAN_A = `Team E2E Fan A ${RUN}`;
const FAN_B = `Team E2E Fan B ${RUN}`;
const TRIAGED = [1, 2, 3].map((n) => `Triage me ${n}: refill station ${RUN}`);
const DUPLICATE = `Free refills for members ${RUN}`;
const ORIGINAL = `Members get free refills ${RUN}`;
const FAN_B_COMMENT = `Yes please, refills ${RUN}`;
const ANSWER = `Planned for the spring menu ${RUN}`;
const INTERNAL = `Internal: cost check with finance ${RUN}`;

describe("team: inbox, answers, merge, internal notes, and what fans cannot do", { timeout: 600_000 }, () => {
  let app;
  let ui;
  let messages;
  const numbers = {};

  before(
    async () => {
      app = await launchApp();
      ui = uiHelpers(app);
      messages = await catalogues();
      await waitForList(app, "the demo board's ideas");
      await ui.setLocale("en");
    },
    { timeout: 120_000 },
  );

  after(
    async () => {
      await app?.delete();
    },
    { timeout: 30_000 },
  );

  const en = (key) => {
    const text = messages.en.get(key);
    assert.ok(text, `no English message ${key}`);
    return text;
  };

  async function headerNumber() {
    return Number(await app.executeScript(`return document.querySelector('[data-testid="idea-header"]')?.dataset.number ?? 0;`));
  }

  async function openIdea(number) {
    await app.executeScript(`location.hash = "#/";`);
    await waitForList(app);
    // By number, through the command the team's merge picker uses.
    const id = await invokeAs("get_idea_by_number", { number }).then((r) => r.ok?.idea.id);
    assert.ok(id, `idea #${number} exists`);
    await app.executeScript(`location.hash = "#/ideas/" + arguments[0];`, [id]);
    await waitFor(async () => (await headerNumber()) === number, { timeout: 15_000, message: `the page of #${number}` });
  }

  /**
   * Calls a command straight through the IPC bridge, as a page script could: `{ ok }`
   * or `{ refused }` (not `error`: WebDriver clients read that key as their own).
   */
  async function invokeAs(command, args) {
    await app.executeScript(
      `window.__e2eCall = null;
       window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then(
         (ok) => (window.__e2eCall = { ok }),
         (refused) => (window.__e2eCall = { refused }));`,
      [command, args],
    );
    return waitFor(() => app.executeScript("return window.__e2eCall;"), { timeout: 15_000, message: `${command} to answer` });
  }

  async function createFan(name) {
    await ui.click(q("profile-switch"));
    await ui.typeInto(q("create-profile-name"), name);
    await ui.click(q("create-profile-submit"));
    await ui.waitText(q("member-name"), (t) => t === name, `${name} to be signed in`);
  }

  async function switchTo(name) {
    await ui.click(q("profile-switch"));
    await ui.typeInto(q("profile-filter"), name);
    await ui.click(q("profile-option"));
    await ui.waitText(q("member-name"), (t) => t.includes(name), `${name} to be signed in`);
  }

  /** Unlocks the first team profile of `role` with the demo passphrase. */
  const signInTeam = (role) => ui.signInTeam(role);

  async function share(title) {
    await ui.click(q("nav-share"));
    // Replaces whatever draft an earlier suite left in the form.
    await ui.paste(q("share-title"), title);
    await ui.paste(q("share-body"), `Shared by the team suite (${RUN}).`);
    await ui.click(q("share-submit"));
    await ui.waitText(q("detail-title"), (t) => t === title, `the page of “${title}”`);
    return headerNumber();
  }

  async function voteHere() {
    await ui.click(q("vote"));
    await ui.waitVisible(q("unvote"), "the vote to count");
  }

  async function journeyNotes() {
    return app.executeScript(
      `return Array.from(document.querySelectorAll('[data-testid="journey-step"]')).map((s) => ({
         status: s.dataset.status, note: s.querySelector('[data-testid="journey-note"]')?.textContent.trim() ?? null }));`,
    );
  }

  it("(6) a fan has no team workspace, and the core refuses a moderator command sent over IPC", async () => {
    await createFan(FAN_B);
    await createFan(FAN_A);
    assert.equal(await ui.text(q("nav-team")), null, "no team section in a fan's sidebar");
    for (const [i, title] of TRIAGED.entries()) numbers[`t${i}`] = await share(title);
    numbers.original = await share(ORIGINAL);
    await voteHere();
    numbers.duplicate = await share(DUPLICATE);
    await voteHere();

    const page = await invokeAs("get_idea_by_number", { number: numbers.t0 });
    const refused = await invokeAs("change_status", {
      update: { ideaId: page.ok.idea.id, to: "planned", note: "a fan trying" },
    });
    assert.equal(refused.refused?.code, "NotAllowed");
    const bulk = await invokeAs("change_status_bulk", { ideaIds: [page.ok.idea.id], to: "declined", note: "no" });
    assert.equal(bulk.refused?.code, "NotAllowed");
    // Every command goes through one handler into the contract's dispatch, yet Tauri's
    // ACL still gates it first: a name no capability allows never reaches dispatch
    // (whose own answer would be the ErrorDto `UnknownCommand`).
    const unlisted = await invokeAs("drop_board", {});
    assert.equal(typeof unlisted.refused, "string", `refused by the ACL: ${JSON.stringify(unlisted)}`);
    assert.match(unlisted.refused, /not allowed|not found/i);
    const badArgs = await invokeAs("get_idea_by_number", { number: "one" });
    assert.equal(badArgs.refused?.code, "BadArguments");

    await app.executeScript(`location.hash = "#/team/inbox";`);
    await ui.waitVisible(q("team-only"), "the team-only notice for a fan");

    // Fan B supports the duplicate and talks about it, so the merge has something to move.
    await switchTo(FAN_B);
    await openIdea(numbers.duplicate);
    await voteHere();
    await ui.typeInto(q("comment-input"), FAN_B_COMMENT);
    await ui.click(q("comment-submit"));
    await ui.waitText(q("comment-thread"), (t) => t.includes(FAN_B_COMMENT), "fan B's comment");
  });

  it("(1) a moderator unlocks their profile with the passphrase; a wrong one is refused", async () => {
    await ui.click(q("profile-switch"));
    await ui.waitVisible(q("profile-option"), "the profile list");
    await ui.click(`${q("profile-option")}[data-role="moderator"]`);
    await ui.typeInto(q("passphrase-input"), "not-it");
    await ui.click(q("passphrase-submit"));
    assert.equal(await ui.waitText(q("passphrase-error"), (t) => t.length > 0, "the refusal"), en("error.WrongPassphrase"));
    await app.executeScript(`document.querySelector('[data-testid="passphrase-input"]').value = "";`);
    await ui.typeInto(q("passphrase-input"), DEMO_PASSPHRASE);
    await ui.click(q("passphrase-submit"));
    await ui.waitText(q("member-role"), (t) => t === "Team", "the moderator to be signed in");
    await ui.waitVisible(q("nav-team-inbox"), "the team section");
  });

  it("(2) triage: three ideas move to planned with one answer; journeys and followers show it", async () => {
    await ui.click(q("nav-team-inbox"));
    const wanted = [numbers.t0, numbers.t1, numbers.t2];
    const rowSelector = (n) => `${q("inbox-row")}[data-number="${n}"]`;
    await waitFor(
      async () => {
        const found = await app.executeScript(
          `return arguments[0].every((n) => document.querySelector('[data-testid="inbox-row"][data-number="' + n + '"]'));`,
          [wanted],
        );
        if (found) return true;
        await app.executeScript(`document.querySelector('.more button')?.click();`);
        return false;
      },
      { timeout: 60_000, interval: 500, message: "the three new ideas in the inbox" },
    );
    for (const n of wanted) await ui.click(`${rowSelector(n)} ${q("inbox-select")}`);
    assert.equal(await ui.text(q("inbox-selected")), "3 selected");
    // The top of the inbox: its counts and the most supported ideas (the bar stays in view).
    await app.executeScript("window.scrollTo(0, 0);");
    await ui.shot("team-inbox-en");
    await ui.setLocale("zh-CN");
    await ui.shot("team-inbox-zh");
    await ui.setLocale("en");

    await ui.click(q("inbox-bulk"));
    await ui.waitVisible(q("status-dialog"));
    assert.deepEqual(
      (await ui.texts(`${q("status-targets")} li`)).map((t) => t.replace(/^#\d+\s*/, "")),
      TRIAGED,
    );
    await ui.click(`${q("status-to")} option[value="planned"]`);
    await ui.paste(q("status-note"), ANSWER);
    await ui.click(q("status-submit"));
    await ui.waitText(q("inbox-done"), (t) => t === "3 ideas moved to Planned.", "the bulk change to finish");

    for (const n of wanted) {
      await openIdea(n);
      const steps = await waitFor(async () => {
        const s = await journeyNotes();
        return s.length >= 2 && s;
      }, { message: `the journey of #${n}` });
      assert.deepEqual(steps.at(-1), { status: "planned", note: ANSWER });
    }

    // The author follows their ideas: each change reached them.
    await switchTo(FAN_A);
    await ui.click(q("nav-notifications"));
    const lines = await waitFor(async () => {
      const items = await app.executeScript(
        `return Array.from(document.querySelectorAll('[data-testid="notification"]')).map((n) => n.textContent);`,
      );
      return wanted.every((n) => items.some((t) => t.includes(`#${n} `) && t.includes("Planned"))) && items;
    }, { timeout: 20_000, message: "a notification per idea for its follower" });
    assert.ok(lines.length >= 3);
  });

  it("(3) declining without an answer is refused with a clear message", async () => {
    await signInTeam("moderator");
    await openIdea(numbers.t0);
    await ui.click(q("team-change-status"));
    await ui.click(`${q("status-to")} option[value="declined"]`);
    await ui.click(q("status-submit"));
    const message = await ui.waitText(q("status-error"), (t) => t.length > 0, "the refusal");
    // The core names the status the answer is required for; the message says it.
    assert.equal(message, en("error.NoteRequired").replace("{status}", en("status.declined")));
    await ui.click(q("dialog-close"));
    const steps = await journeyNotes();
    assert.equal(steps.at(-1).status, "planned", "nothing changed");
  });

  it("exports the planned ideas to CSV through the export dialog: the file holds exactly those", async () => {
    const path = join(process.env.IDEABOARD_E2E_TMP ?? "/tmp", `planned-${RUN}.csv`);
    await ui.click(q("nav-team-exchange"));
    await ui.click(q("export-format-csv"));
    await ui.click(q("export-status-planned"));
    await ui.typeInto(q("export-path"), path);
    await ui.click(q("export-run"));
    await ui.waitText(q("export-done"), (t) => t.includes(path), "the export to finish");
    await ui.shot("team-export-en");
    await ui.setLocale("zh-CN");
    await ui.shot("team-export-zh");
    await ui.setLocale("en");

    const file = await readFile(path, "utf8");
    assert.ok(file.startsWith("\uFEFF"), "a byte order mark for Excel");
    const rows = parseCsv(file.slice(1));
    assert.deepEqual(rows[0].slice(0, 2), ["number", "title"]);
    const exported = rows.slice(1).map((r) => Number(r[0])).sort((a, b) => a - b);
    const listed = await invokeAs("list_ideas", {
      query: { sort: "new", category: null, status: "planned", tag: null, author: null, votedBy: null, includeHidden: false, offset: 0, limit: 200 },
    });
    const planned = listed.ok.items.map((i) => i.number).sort((a, b) => a - b);
    assert.ok(planned.includes(numbers.t0) && planned.includes(numbers.t2), "the triaged ideas are planned now");
    assert.deepEqual(exported, planned);
  });

  it("(4) merge A into B: B holds the union of voters and A's comments; A says where it went", async () => {
    await openIdea(numbers.duplicate);
    await ui.click(q("team-merge"));
    await ui.waitVisible(q("merge-dialog"));
    await ui.typeInto(q("merge-search"), `#${numbers.original}`);
    await ui.click(q("merge-search-submit"));
    await ui.click(`${q("merge-candidate")}[data-number="${numbers.original}"]`);
    await ui.waitVisible(q("merge-preview"), "the merge preview");
    // Fan A voted for both (one vote collapses), fan B only for the duplicate.
    assert.equal(await ui.text(q("merge-votes")), "2");
    assert.equal(await ui.text(q("merge-collapsing")), "1");
    await ui.shot("team-merge-en");
    await ui.setLocale("zh-CN");
    await ui.shot("team-merge-zh");
    await ui.setLocale("en");
    await ui.click(q("merge-confirm"));

    await waitFor(async () => (await headerNumber()) === numbers.original, { timeout: 15_000, message: "the surviving idea" });
    await ui.waitText(q("detail-vote-count"), (t) => t === "2", "B's votes to be the union of voters");
    await ui.waitText(q("comment-thread"), (t) => t.includes(FAN_B_COMMENT), "A's comment on B");

    await openIdea(numbers.duplicate);
    assert.equal(await ui.text(q("detail-merged-into")), `Merged into #${numbers.original}`);
  });

  it("(5) an internal note shows for the team, marked internal, and is absent from a fan's page", async () => {
    await openIdea(numbers.original);
    await ui.click(`${q("comment-kind")} option[value="internal"]`);
    await ui.paste(q("comment-input"), INTERNAL);
    await ui.click(q("comment-submit"));
    await ui.waitText(q("comment-thread"), (t) => t.includes(INTERNAL), "the internal note");
    const badges = await ui.texts(q("internal-badge"));
    assert.ok(badges.includes("Internal"));

    await switchTo(FAN_B);
    await openIdea(numbers.original);
    await ui.waitText(q("comment-thread"), (t) => t.includes(FAN_B_COMMENT), "the fan's view of the thread");
    const html = await app.executeScript("return document.documentElement.outerHTML;");
    assert.ok(!html.includes(INTERNAL), "the fan's DOM never holds the internal note");
  });

  it("analytics and engagement show their figures, each chart also as a table, in both languages", async () => {
    await signInTeam("moderator");
    await ui.click(q("nav-team-analytics"));
    await ui.waitVisible(q("analytics-rate"), "the analytics");
    const funnel = async () => {
      await ui.click(q("analytics-funnel-toggle"));
      const rows = await ui.texts(`${q("analytics-funnel-table")} tbody tr`);
      await ui.click(q("analytics-funnel-toggle"));
      return rows;
    };
    const rows = await funnel();
    assert.equal(rows.length, 4, "submitted, reviewed, planned, launched");
    await ui.shot("team-analytics-en");
    await ui.setLocale("zh-CN");
    await ui.waitVisible(q("analytics-rate"));
    await ui.shot("team-analytics-zh");
    await ui.setLocale("en");

    await ui.click(q("nav-team-engagement"));
    await ui.waitVisible(q("leaderboard-row"), "the leaderboard");
    assert.match(await ui.text(q("core-vote-share")), /^\d+(\.\d)?%$/);
    await ui.shot("team-engagement-en");
    await ui.setLocale("zh-CN");
    await ui.shot("team-engagement-zh");
    await ui.setLocale("en");
  });

  it("board settings, members and the audit log for an admin, in both languages", async () => {
    await signInTeam("admin");
    await ui.click(q("nav-team-settings"));
    await ui.waitVisible(q("settings-name"), "the settings form");
    await ui.waitVisible(q("audit-row"), "the audit log");
    const actions = await app.executeScript(
      `return Array.from(document.querySelectorAll('[data-testid="audit-row"]')).map((r) => r.dataset.action);`,
    );
    assert.ok(actions.includes("idea.merge") && actions.includes("idea.status"), "the merge and the status changes are logged");
    await ui.shot("team-settings-en");
    await ui.setLocale("zh-CN");
    await ui.shot("team-settings-zh");
    await ui.setLocale("en");
  });

  it("an admin backs the board up from the settings, and the new backup is listed", async () => {
    await signInTeam("admin");
    await ui.click(q("nav-team-settings"));
    await ui.waitVisible(q("backups"), "the backups panel");
    await ui.waitVisible(`${q("backup-list")} ${q("backup-row")}, ${q("backups-empty")}`, "the backup list");
    const before = (await ui.texts(q("backup-row"))).length;
    await app.executeScript(`document.querySelector('[data-testid="backups"]').scrollIntoView({ block: "center" });`);
    await ui.click(q("backup-now"));
    const made = await ui.waitText(q("backup-made"), (t) => t.endsWith("-manual.board"), "the backup made");
    await waitFor(async () => (await ui.texts(q("backup-row"))).length === before + 1, {
      timeout: 15_000,
      message: "the new backup in the list",
    });
    const kinds = await app.executeScript(
      `return Array.from(document.querySelectorAll('[data-testid="backup-row"]')).map((r) => r.dataset.kind);`,
    );
    assert.ok(kinds.includes("manual"), `${made}: ${kinds}`);
    await ui.click(q("backup-restore"));
    await ui.waitVisible(q("backup-restore-confirm"), "the restore confirmation");
    await app.executeScript(`document.querySelector('[data-testid="backups"]').scrollIntoView({ block: "center" });`);
    await ui.shot("team-backups-en");
    await ui.setLocale("zh-CN");
    await ui.shot("team-backups-zh");
    await ui.setLocale("en");
  });
});

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      (row = []), (cell = "");
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}
