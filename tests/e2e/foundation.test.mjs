// The foundation screen end to end: the real app on a fresh data dir creates its demo
// board, lists ideas, sorts, filters by category and switches language.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { launchApp } from "./lib/app.mjs";
import { currentLocale, readCards, visibleTexts, waitForList } from "./lib/ideaboard.mjs";
import { screenshot } from "./lib/screenshot.mjs";
import { waitFor } from "./lib/webdriver.mjs";

const LABELS = {
  en: { appName: "Ideaboard", trending: "Trending", newest: "New" },
  "zh-CN": { appName: "创意板", trending: "热门", newest: "最新" },
};
const RAW_KEY = /^[a-z]+(\.[a-zA-Z_]+)+$/;

describe("foundation: the Vote view", { timeout: 240_000 }, () => {
  let app;

  before(
    async () => {
      app = await launchApp();
    },
    { timeout: 120_000 },
  );

  after(
    async () => {
      await app?.delete();
    },
    { timeout: 30_000 },
  );

  async function clickTestId(testId) {
    await (await app.find(`[data-testid="${testId}"]`)).click();
  }

  it("shows idea cards from the demo board", async () => {
    const cards = await waitForList(app, "the demo board's ideas");
    assert.ok(cards.length > 0, "the demo board should list ideas");
    for (const card of cards) {
      assert.ok(Number.isInteger(card.number) && card.number > 0, `card number ${card.number}`);
      assert.notEqual(card.title.trim(), "", `card #${card.number} has a title`);
    }
    const boardName = await (await app.find('[data-testid="board-name"]')).getText();
    assert.notEqual(boardName.trim(), "");
  });

  it("sorts by newest: descending idea numbers", async () => {
    await clickTestId("sort-new");
    await waitFor(
      async () => (await (await app.find('[data-testid="sort-new"]')).getAttribute("aria-selected")) === "true",
      { message: "the New tab to be selected" },
    );
    const cards = await waitForList(app, "the list sorted by new");
    const numbers = cards.map((card) => card.number);
    assert.ok(numbers.length > 1, "need at least two ideas to check the order");
    assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a));
  });

  it("filters by category: every card shows the chosen category", async () => {
    const before = await waitForList(app);
    const slug = before.find((card) => card.category)?.category;
    assert.ok(slug, "some idea of the demo board has a category");
    assert.ok(
      before.some((card) => card.category !== slug),
      "the unfiltered list should mix categories, or filtering proves nothing",
    );

    const option = await app.find(`[data-testid="filter-category"] option[value="${slug}"]`);
    const label = (await option.getText()).trim();
    await option.click();
    const cards = await waitFor(
      async () => {
        const shown = await waitForList(app, "the filtered list");
        return shown.length > 0 && shown.every((card) => card.category === slug) && shown;
      },
      { timeout: 15_000, message: `only "${slug}" ideas to be listed` },
    );
    for (const card of cards) assert.equal(card.categoryText, label, `card #${card.number}`);

    await (await app.find('[data-testid="filter-category"] option[value=""]')).click();
    await waitFor(async () => (await readCards(app)).some((card) => card.category !== slug), {
      message: "the category filter to be cleared",
    });
  });

  it("switches language between zh-CN and en with no raw message keys", async () => {
    await waitForList(app);
    const first = await currentLocale(app);
    assert.ok(first in LABELS, `unexpected locale ${first}`);
    const second = first === "en" ? "zh-CN" : "en";

    for (const locale of [first, second]) {
      if ((await currentLocale(app)) !== locale) await clickTestId("lang-switch");
      await waitFor(async () => (await currentLocale(app)) === locale, { message: `locale ${locale}` });
      const expected = LABELS[locale];
      await waitFor(
        async () => (await (await app.find('[data-testid="app-name"]')).getText()) === expected.appName,
        { message: `the ${locale} app name` },
      );
      assert.equal(await (await app.find('[data-testid="sort-trending"]')).getText(), expected.trending);
      assert.equal(await (await app.find('[data-testid="sort-new"]')).getText(), expected.newest);

      const rawKeys = (await visibleTexts(app)).filter((text) => RAW_KEY.test(text));
      assert.deepEqual(rawKeys, [], `raw catalogue keys visible in ${locale}`);
      await screenshot(locale === "en" ? "idea-list-en" : "idea-list-zh");
    }
  });
});
