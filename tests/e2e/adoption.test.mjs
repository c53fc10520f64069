// The fan's "see adoption" view and notification centre end to end, and the
// language switch across every view: (6) roadmap columns hold the right ideas and
// the showcase the launched ones; (7) switching language changes every visible label.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { launchApp } from "./lib/app.mjs";
import { visibleTexts, waitForList } from "./lib/ideaboard.mjs";
import { catalogues, q, uiHelpers } from "./lib/ui.mjs";
import { waitFor } from "./lib/webdriver.mjs";

const ROADMAP = ["under_review", "planned", "in_progress", "launched"];
const COLUMN_IDEAS = 20;
const SHOWCASE_IDEAS = 12;
const RAW_KEY = /^[a-z]+(\.[a-zA-Z_]+)+$/;

describe("adoption, notifications and the language of every view", { timeout: 420_000 }, () => {
  let app;
  let ui;

  before(
    async () => {
      app = await launchApp();
      ui = uiHelpers(app);
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

  /** The list's cards for one status, by votes: what the roadmap column must start with. */
  async function listByVotes(status) {
    await ui.click(`${q("filter-status")} option[value="${status}"]`);
    await ui.click(q("sort-top"));
    return waitFor(
      async () => {
        const cards = await waitForList(app, `the ${status} ideas`);
        const shown = await app.executeScript(
          `return Array.from(document.querySelectorAll('[data-testid="idea-card"]'))
             .map((c) => ({ number: Number(c.dataset.number), status: c.dataset.status,
                            votes: Number(c.querySelector('[data-testid="vote-count"]').textContent.replace(/[^0-9]/g, "")) }));`,
        );
        return cards.length > 0 && shown.every((c) => c.status === status) && shown;
      },
      { timeout: 15_000, message: `the list filtered to ${status}` },
    );
  }

  async function openAdoption() {
    await ui.click(q("nav-adoption"));
    await ui.waitVisible(q("roadmap"), "the roadmap");
  }

  it("(6) the adoption view shows each roadmap column's ideas and the launched showcase", async () => {
    const expected = {};
    await ui.goToList();
    for (const status of ROADMAP) expected[status] = await listByVotes(status);
    await ui.click(`${q("filter-status")} option[value=""]`);

    await openAdoption();
    for (const status of ROADMAP) {
      const column = `${q("roadmap-column")}[data-status="${status}"]`;
      const numbers = await app.executeScript(
        `return Array.from(document.querySelectorAll(arguments[0] + ' [data-testid="roadmap-idea"]')).map((a) => Number(a.dataset.number));`,
        [column],
      );
      assert.deepEqual(
        numbers,
        expected[status].slice(0, COLUMN_IDEAS).map((c) => c.number),
        `the ${status} column`,
      );
    }

    const launched = expected.launched;
    const showcase = await app.executeScript(
      `return Array.from(document.querySelectorAll('[data-testid="showcase-idea"]')).map((card) => ({
         number: Number(card.dataset.number),
         author: card.querySelector('[data-testid="showcase-author"]').textContent.trim(),
         supporters: Number(card.querySelector('[data-testid="showcase-supporters"]').textContent.replace(/[^0-9]/g, "")),
       }));`,
    );
    assert.equal(showcase.length, Math.min(SHOWCASE_IDEAS, launched.length));
    for (const card of showcase) {
      const listed = launched.find((c) => c.number === card.number);
      assert.ok(listed, `showcase idea #${card.number} is a launched idea`);
      assert.equal(card.supporters, listed.votes, `#${card.number}'s supporters are its voters`);
      assert.match(card.author, /^Idea by .+/);
    }
    assert.match(await ui.text(q("adoption-rate")), /^\d+(\.\d)?%$/);
    await ui.waitVisible(q("adoption-chart"), "the chart");
    await ui.shot("adoption-en");
    const reveal = (css) =>
      app.executeScript("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });", [css]);
    await ui.click(q("adoption-toggle"));
    await ui.waitVisible(q("adoption-table"), "the figures as a table");
    await reveal(q("adoption-table"));
    await ui.shot("adoption-table-en");
    await ui.setLocale("zh-CN");
    await ui.click(q("adoption-toggle"));
    await ui.waitVisible(q("adoption-chart"), "the chart again");
    await reveal(q("adoption-chart"));
    await ui.shot("adoption-chart-zh");
    await app.executeScript("document.documentElement.scrollTop = 0;");
    await ui.shot("adoption-zh");
    await ui.setLocale("en");
  });

  it("a demo fan's notification centre lists what happened and clears the unread count", async () => {
    await ui.signInAs("fan");
    const badge = Number(
      (await ui.waitText(q("nav-unread"), (t) => /\d/.test(t), "the unread badge")).replace(/[^0-9]/g, ""),
    );
    assert.ok(badge > 0, "a demo fan has unread notifications");
    await ui.click(q("nav-notifications"));
    await ui.waitVisible(q("notifications-list"), "the notification list");
    const unreadRows = await app.executeScript(
      `return document.querySelectorAll('[data-testid="notification"][data-read="false"]').length;`,
    );
    assert.ok(unreadRows > 0);
    const lines = await ui.texts(q("notification-line"));
    assert.ok(lines.every((line) => line.length > 0 && !RAW_KEY.test(line)), "every item says what happened");
    await ui.shot("notifications-en");
    await ui.setLocale("zh-CN");
    await ui.shot("notifications-zh");
    await ui.setLocale("en");

    // Opening one marks it read and opens its idea.
    await ui.click(`${q("notification")}[data-read="false"]`);
    await ui.waitVisible(q("idea-header"), "the notified idea's page");
    await ui.waitText(q("nav-unread"), (t) => Number(t.replace(/[^0-9]/g, "")) === badge - 1, "one fewer unread");

    await ui.click(q("nav-notifications"));
    await ui.click(q("notifications-mark-all"));
    await waitFor(async () => (await ui.text(q("nav-unread"))) === null, { message: "the badge to go" });
    assert.equal(
      await app.executeScript(`return document.querySelectorAll('[data-testid="notification"][data-read="false"]').length;`),
      0,
    );
  });

  it("the demo fan's profile shows who they are, their points history and their votes", async () => {
    await ui.click(q("nav-profile"));
    await ui.waitVisible(q("points-history"), "the points history");
    await ui.waitVisible(q("my-votes"), "the ideas voted for");
    assert.equal(await ui.text(q("profile-name")), (await ui.text(q("member-name"))).trim());
    const cardPoints = Number((await ui.text(q("member-points"))).replace(/[^0-9]/g, ""));
    assert.equal(Number((await ui.text(q("profile-points"))).replace(/[^0-9]/g, "")), cardPoints);
    const reasons = await app.executeScript(
      `return Array.from(document.querySelectorAll('[data-testid="points-entry"]')).map((e) => e.dataset.reason);`,
    );
    assert.ok(reasons.length > 0 && reasons.every((r) => r.length > 0));
    const votes = await app.executeScript(`return document.querySelectorAll('[data-testid="my-vote"]').length;`);
    assert.ok(votes > 0, "a demo fan has voted");
    await ui.shot("profile-en");
    await ui.setLocale("zh-CN");
    await ui.shot("profile-zh");
    await ui.setLocale("en");
  });

  it("(7) switching the language changes every visible label in every view", async () => {
    const { en, "zh-CN": zh } = await catalogues();
    // Labels that differ between the languages: in one, none of the other's may show.
    const foreign = {
      en: new Set([...zh].filter(([key, text]) => en.get(key) !== text && !text.includes("{")).map(([, t]) => t)),
      "zh-CN": new Set(
        [...en].filter(([key, text]) => zh.get(key) !== text && !text.includes("{")).map(([, t]) => t),
      ),
    };
    const views = [
      ["vote", async () => ui.goToList()],
      [
        "idea",
        async () => {
          await ui.click(`${q("idea-card")} ${q("idea-link")}`);
          await ui.waitVisible(q("idea-header"), "the idea page");
        },
      ],
      ["share", async () => ui.click(q("nav-share"))],
      ["adoption", openAdoption],
      [
        "profile",
        async () => {
          await ui.click(q("nav-profile"));
          await ui.waitVisible(q("points-history"), "the points history");
        },
      ],
      [
        "notifications",
        async () => {
          await ui.click(q("nav-notifications"));
          await ui.waitVisible(`${q("notifications-list")}, ${q("notifications-empty")}`);
        },
      ],
    ];
    for (const [name, open] of views) {
      await open();
      for (const locale of ["zh-CN", "en"]) {
        await ui.setLocale(locale);
        await new Promise((done) => setTimeout(done, 300));
        const shown = await visibleTexts(app);
        assert.deepEqual(shown.filter((t) => RAW_KEY.test(t)), [], `raw keys in ${name} (${locale})`);
        // Fans' tags are board content, in whatever language they were written (the
        // demo tags an idea 积分, which is also the Chinese label for "Points").
        const tags = new Set(await ui.texts('[data-testid="idea-card"] .tag'));
        assert.deepEqual(
          shown.filter((t) => foreign[locale].has(t) && !tags.has(t)),
          [],
          `labels of the other language in ${name} (${locale})`,
        );
      }
    }
  });
});
