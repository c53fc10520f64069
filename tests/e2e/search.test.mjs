// Search and duplicate hints end to end: the Vote view's search box finds a Chinese
// idea by a two-character word, and a fan typing a reworded title in the Share view
// is offered the existing idea and votes for it instead of sharing a duplicate.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { launchApp } from "./lib/app.mjs";
import { waitForList } from "./lib/ideaboard.mjs";
import { q, uiHelpers } from "./lib/ui.mjs";
import { waitFor } from "./lib/webdriver.mjs";

const OAT_LATTE = "希望燕麦拿铁成为常驻饮品";
const REWORDED = "燕麦拿铁能不能一直卖";
const FAN_NAME = `E2E Searcher ${process.pid}`;

describe("search: the Vote view's box and the Share view's similar ideas", { timeout: 300_000 }, () => {
  let app;
  let click, text, waitText, typeInto, enter, shot, setLocale;

  before(
    async () => {
      app = await launchApp();
      ({ click, text, waitText, typeInto, paste: enter, shot, setLocale } = uiHelpers(app));
      await waitForList(app, "the demo board's ideas");
    },
    { timeout: 120_000 },
  );

  after(
    async () => {
      await app?.delete();
    },
    { timeout: 30_000 },
  );

  /** Waits for the search results to show a card titled `title`; returns every card. */
  async function waitForHit(title) {
    return waitFor(
      async () => {
        const cards = await waitForList(app, "the search results");
        return cards.some((card) => card.title === title) && cards;
      },
      { timeout: 15_000, message: `a search hit titled ${title}` },
    );
  }

  it("(a) entering 燕麦 in the search box shows the oat latte idea, highlighted", async () => {
    await setLocale("zh-CN");
    const placeholder = await app.executeScript(
      `return document.querySelector('[data-testid="search-input"]').placeholder;`,
    );
    assert.equal(placeholder, "搜索创意（按 / 快速定位）");
    await enter(q("search-input"), "燕麦");
    await waitForHit(OAT_LATTE);
    const marks = await app.executeScript(
      `const card = Array.from(document.querySelectorAll('[data-testid="idea-card"]'))
         .find((c) => c.querySelector('[data-testid="idea-title"]').textContent === arguments[0]);
       return Array.from(card.querySelectorAll('[data-testid="idea-title"] mark')).map((m) => m.textContent);`,
      [OAT_LATTE],
    );
    assert.deepEqual(marks, ["燕麦"]);
    assert.equal(await app.executeScript(`return document.querySelector('[data-testid="sort-relevance"]')?.getAttribute("aria-selected");`), "true");
    await shot("search-zh");

    await setLocale("en");
    await waitText(q("sort-relevance"), (t) => t === "Relevance", "the en relevance tab");
    await shot("search-en");

    await click(q("search-clear"));
    await waitFor(
      async () => (await app.executeScript(`return !document.querySelector('[data-testid="sort-relevance"]');`)),
      { message: "the plain list after clearing" },
    );
    const plain = await waitForList(app, "the plain list");
    assert.ok(plain.length > 0);
    assert.equal(await app.executeScript(`return document.querySelector('[data-testid="search-input"]').value;`), "");
  });

  it("(b) a fan typing a reworded title is offered the existing idea and votes for it instead", async () => {
    await setLocale("en");
    await click(q("profile-switch"));
    await typeInto(q("create-profile-name"), FAN_NAME);
    await click(q("create-profile-submit"));
    await waitText(q("member-name"), (t) => t === FAN_NAME, "the new fan to be signed in");

    await click(q("nav-share"));
    await setLocale("zh-CN");
    await enter(q("share-title"), REWORDED);
    const suggested = await waitFor(
      async () => {
        const titles = await app.executeScript(
          `return Array.from(document.querySelectorAll('[data-testid="similar-idea"] [data-testid="similar-link"]')).map((a) => a.textContent.trim());`,
        );
        return titles.includes(OAT_LATTE) && titles;
      },
      { timeout: 15_000, message: "the oat latte idea suggested" },
    );
    assert.ok(suggested.length <= 5);
    await shot("share-similar-zh");

    const before = await app.executeScript(
      `const item = Array.from(document.querySelectorAll('[data-testid="similar-idea"]'))
         .find((li) => li.querySelector('[data-testid="similar-link"]').textContent.trim() === arguments[0]);
       item.setAttribute("data-e2e-target", "oat");
       return Number(item.querySelector('[data-testid="similar-votes"]').textContent.replace(/[^0-9]/g, ""));`,
      [OAT_LATTE],
    );
    await click(`[data-e2e-target="oat"] ${q("vote-instead")}`);
    await waitText(q("detail-title"), (t) => t === OAT_LATTE, "the oat latte idea's page");
    await waitText(q("my-vote"), (t) => t.length > 0, "the fan's vote on the page");
    const count = Number((await text(q("detail-vote-count"))).replace(/[^0-9]/g, ""));
    assert.equal(count, before + 1);
    assert.equal(
      await app.executeScript(`return document.querySelector('[data-testid="vote-box"]').dataset.myVote;`),
      "nice_to_have",
    );
    await setLocale("en");
    assert.equal((await text(q("my-vote"))).trim(), "You voted: Nice to have");
  });
});
