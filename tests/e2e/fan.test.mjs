// The fan's app end to end: profiles, sharing an idea, voting with a priority, the
// discussion (replies and reactions), the status journey and inert hostile text.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { launchApp } from "./lib/app.mjs";
import { readCards, waitForList } from "./lib/ideaboard.mjs";
import { q, uiHelpers } from "./lib/ui.mjs";
import { waitFor } from "./lib/webdriver.mjs";

const FAN_NAME = `E2E Fan ${process.pid}`;
const IDEA_TITLE = `Oat milk cold brew ${process.pid}`;
const HOSTILE = "<img src=x onerror=alert(1)> <script>window.__pwned=1</script>";

// The demo board's launched ideas walk this journey, each step with the team's note.
const LAUNCH_JOURNEY = [
  ["new", null],
  ["under_review", "Our product team is looking into this."],
  ["planned", "It's on the plan, thank you for voting!"],
  ["in_progress", "Now testing in pilot stores."],
  ["launched", "Now in every store."],
];

describe("fan: profiles, share, vote, discuss, journey", { timeout: 420_000 }, () => {
  let app;
  let click, text, waitText, typeInto, pasteInto, shot, setLocale, goToList;

  before(
    async () => {
      app = await launchApp();
      ({ click, text, waitText, typeInto, paste: pasteInto, shot, setLocale, goToList } = uiHelpers(app));
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

  /** Opens the idea page of the card numbered `number` and waits for its header. */
  async function openIdea(number) {
    await click(`${q("idea-card")}[data-number="${number}"] ${q("idea-link")}`);
    await waitFor(
      () =>
        app.executeScript(
          `const h = document.querySelector('[data-testid="idea-header"]');
           return !!h && h.dataset.number === String(arguments[0]);`,
          [number],
        ),
      { timeout: 15_000, message: `the page of idea #${number}` },
    );
  }

  function cardVotes(number) {
    return app.executeScript(
      `const card = document.querySelector('[data-testid="idea-card"][data-number="' + arguments[0] + '"]');
       if (!card) return null;
       const button = card.querySelector('[data-testid="card-vote"]');
       return { count: Number(card.querySelector('[data-testid="vote-count"]').textContent.replace(/[^0-9]/g, "")),
                mine: button.dataset.myVote };`,
      [number],
    );
  }

  async function detailVotes() {
    return Number((await text(q("detail-vote-count"))).replace(/[^0-9]/g, ""));
  }

  it("refuses a team profile's wrong passphrase with a localised message", async () => {
    await setLocale("en");
    await click(q("profile-switch"));
    await waitFor(() => app.executeScript(`return document.querySelectorAll('[data-testid="profile-option"]').length > 0;`), {
      message: "the profile list",
    });
    await click(`${q("profile-option")}[data-role="admin"]`);
    await typeInto(q("passphrase-input"), "not-the-passphrase");
    await click(q("passphrase-submit"));
    const message = await waitText(q("passphrase-error"), (t) => t.length > 0, "the passphrase error");
    assert.equal(message, "The passphrase is wrong.");
    await shot("profile-switcher-en");
  });

  it("(1) a fan creates a profile, submits an idea and sees it in the list under new", async () => {
    await typeInto(q("create-profile-name"), FAN_NAME);
    await click(q("create-profile-submit"));
    await waitText(q("member-name"), (t) => t === FAN_NAME, "the new fan to be signed in");
    assert.equal(await text(q("profile-switcher")), null, "the switcher closes after creating");
    assert.equal((await text(q("member-role"))).trim(), "Fan");

    await click(q("nav-share"));
    await typeInto(q("share-title"), IDEA_TITLE);
    // Typed newlines get lost in WebKitWebDriver; paste the multi-line Markdown.
    await pasteInto(q("share-body"), "Cold brew with **oat milk**, please.\n\n- less sugar\n- a larger size");
    await click(`${q("share-category")} option:nth-child(2)`);
    await typeInto(q("share-tags"), "oat, cold brew");
    await shot("share-en");
    await setLocale("zh-CN");
    await click(q("tab-preview"));
    await waitFor(() => app.executeScript(`return !!document.querySelector('[data-testid="share-preview"] strong');`), {
      message: "the Markdown preview",
    });
    await shot("share-zh");
    await setLocale("en");

    await click(q("share-submit"));
    await waitText(q("detail-title"), (t) => t === IDEA_TITLE, "the new idea's page to open");
    assert.equal(await text(`${q("idea-header")} ${q("status-badge")}`), "New");

    const cards = await goToList();
    assert.ok(cards.length > 0);
    await click(q("sort-new"));
    const listed = await waitFor(
      async () => {
        const shown = await waitForList(app, "the list sorted by new");
        return shown[0]?.title === IDEA_TITLE && shown;
      },
      { timeout: 15_000, message: "the new idea at the top of New" },
    );
    const status = await app.executeScript(
      `return document.querySelector('[data-testid="idea-card"]').dataset.status;`,
    );
    assert.equal(status, "new");
    assert.ok(listed.length > 1);
  });

  it("(3) a fan votes with a priority, unvotes, and the counts follow in the list and on the page", async () => {
    await waitForList(app);
    // A demo idea still open for votes (status new) that this fresh fan has not voted for.
    const target = await app.executeScript(
      `const card = Array.from(document.querySelectorAll('[data-testid="idea-card"]'))
         .find((c) => c.dataset.status === "new" && c.querySelector('[data-testid="idea-title"]').textContent !== arguments[0]);
       return card ? { number: Number(card.dataset.number) } : null;`,
      [IDEA_TITLE],
    );
    assert.ok(target, "some other new idea to vote for");
    const before = await cardVotes(target.number);
    assert.equal(before.mine, "");

    await openIdea(target.number);
    assert.equal(await detailVotes(), before.count);
    const criticalBefore = Number((await text(q("votes-critical"))).replace(/[^0-9]/g, ""));
    await click(q("priority-critical"));
    await click(q("vote"));
    await waitFor(async () => (await detailVotes()) === before.count + 1, { message: "the page count to rise" });
    assert.equal(await text(q("my-vote")), "You voted: Critical");
    const criticalAfter = Number((await text(q("votes-critical"))).replace(/[^0-9]/g, ""));
    assert.equal(criticalAfter, criticalBefore + 1);

    await click(q("back-to-list"));
    await waitForList(app);
    await waitFor(
      async () => {
        const now = await cardVotes(target.number);
        return now?.count === before.count + 1 && now.mine === "critical";
      },
      { message: "the list card to show the vote" },
    );

    await openIdea(target.number);
    await click(q("unvote"));
    await waitFor(async () => (await detailVotes()) === before.count, { message: "the page count to fall" });
    assert.equal(await text(q("my-vote")), null);

    await click(q("back-to-list"));
    await waitForList(app);
    await waitFor(
      async () => {
        const now = await cardVotes(target.number);
        return now?.count === before.count && now.mine === "";
      },
      { message: "the list card to drop the vote" },
    );
  });

  it("(4) a fan replies to a comment, the thread shows it, and a reaction is added", async () => {
    await click(q("sort-most_discussed"));
    const cards = await waitFor(
      async () => {
        const shown = await waitForList(app, "the most discussed ideas");
        return shown.length > 0 && shown;
      },
      { message: "the most discussed ideas" },
    );
    await openIdea(cards[0].number);
    const parentId = await waitFor(
      () =>
        app.executeScript(
          `const c = Array.from(document.querySelectorAll('[data-testid="comment"][data-kind="public"]'))
             .find((el) => el.querySelector('[data-testid="reply"]'));
           return c ? c.dataset.commentId : null;`,
        ),
      { message: "a public comment to reply to" },
    );
    const parent = `${q("comment")}[data-comment-id="${parentId}"]`;
    const reply = `Replying from the e2e suite ${process.pid}`;
    await click(`${parent} ${q("reply")}`);
    await typeInto(`${parent} ${q("reply-form")} ${q("comment-input")}`, reply);
    await click(`${parent} ${q("reply-form")} ${q("comment-submit")}`);
    await waitFor(
      () =>
        app.executeScript(
          `const parent = document.querySelector(arguments[0]);
           const replies = parent?.querySelector(':scope > [data-testid="replies"]');
           return !!replies && Array.from(replies.querySelectorAll('[data-testid="comment-body"]'))
             .some((b) => b.textContent.includes(arguments[1]));`,
          [parent, reply],
        ),
      { message: "the reply under its parent" },
    );
    // The reply shows as soon as it is posted; the form closes on the next render.
    await waitFor(async () => (await text(q("reply-form"))) === null, { message: "the reply form closes" });

    const love = `${parent} > .card ${q("reaction-love")}`;
    const countBefore = Number(await app.executeScript("return document.querySelector(arguments[0]).dataset.count;", [love]));
    await click(love);
    await waitFor(
      () =>
        app.executeScript(
          `const b = document.querySelector(arguments[0]);
           return b.getAttribute("aria-pressed") === "true" && Number(b.dataset.count) === arguments[1];`,
          [love, countBefore + 1],
        ),
      { message: "the reaction to be counted" },
    );
    // The parent just under the top bar: its reaction and the new reply in view.
    await app.executeScript(
      "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); window.scrollBy(0, -72);",
      [parent],
    );
    await shot("idea-discussion-en");
  });

  it("(5) a launched idea's journey shows every change with its note", async () => {
    await goToList();
    await click(`${q("filter-status")} option[value="launched"]`);
    const cards = await waitFor(
      async () => {
        const shown = await waitForList(app, "launched ideas");
        const statuses = await app.executeScript(
          `return Array.from(document.querySelectorAll('[data-testid="idea-card"]')).map((c) => c.dataset.status);`,
        );
        return shown.length > 0 && statuses.every((s) => s === "launched") && shown;
      },
      { timeout: 15_000, message: "only launched ideas" },
    );
    await openIdea(cards[0].number);
    const steps = await waitFor(
      async () => {
        const found = await app.executeScript(`
          return Array.from(document.querySelectorAll('[data-testid="journey-step"]')).map((step) => ({
            status: step.dataset.status,
            label: step.querySelector('[data-testid="status-badge"]').textContent.trim(),
            actor: step.querySelector('[data-testid="journey-actor"]').textContent.trim(),
            date: step.querySelector('time').textContent.trim(),
            note: step.querySelector('[data-testid="journey-note"]')?.textContent.trim() ?? null,
          }));`);
        return found.length > 0 && found;
      },
      { message: "the journey" },
    );
    assert.deepEqual(
      steps.map((s) => s.status),
      LAUNCH_JOURNEY.map(([status]) => status),
    );
    steps.forEach((step, i) => {
      const [, note] = LAUNCH_JOURNEY[i];
      assert.notEqual(step.actor, "", `step ${i} names its actor`);
      assert.notEqual(step.date, "", `step ${i} has a date`);
      assert.notEqual(step.label, "", `step ${i} has a localised status`);
      if (note) assert.ok(step.note?.includes(note), `step ${i} shows its note, got ${step.note}`);
    });
    assert.equal(steps.at(-1).label, "Launched");

    await shot("idea-page-en");
    await setLocale("zh-CN");
    await waitText(`${q("journey")} [data-status="launched"] ${q("status-badge")}`, (t) => t === "已上线", "the zh journey");
    await shot("idea-page-zh");
    await setLocale("en");
    await click(q("back-to-list"));
    await waitForList(app);
    await click(`${q("filter-status")} option[value=""]`);
  });

  it("the team sees internal notes marked Internal; fans and guests never get them", async () => {
    await setLocale("en");
    await click(q("profile-switch"));
    await typeInto(q("profile-filter"), "Lin");
    await click(`${q("profile-option")}[data-role="admin"]`);
    await typeInto(q("passphrase-input"), "ideaboard-demo");
    await click(q("passphrase-submit"));
    await waitText(q("member-role"), (t) => t === "Team", "the admin to be signed in");

    await goToList();
    await click(`${q("filter-status")} option[value="launched"]`);
    const cards = await waitFor(
      async () => {
        const shown = await waitForList(app, "launched ideas");
        const statuses = await app.executeScript(
          `return Array.from(document.querySelectorAll('[data-testid="idea-card"]')).map((c) => c.dataset.status);`,
        );
        return shown.length > 0 && statuses.every((s) => s === "launched") && shown;
      },
      { timeout: 15_000, message: "only launched ideas" },
    );
    const countBadges = () =>
      app.executeScript(`return {
        internal: Array.from(document.querySelectorAll('[data-testid="internal-badge"]')).map((b) => b.textContent.trim()),
        official: document.querySelectorAll('[data-testid="official-badge"]').length,
        thread: !!document.querySelector('[data-testid="comment-thread"], [data-testid="comments-empty"]'),
      };`);
    let withNote = null;
    for (const card of cards) {
      await openIdea(card.number);
      const badges = await waitFor(async () => {
        const b = await countBadges();
        return b.thread && b;
      }, { message: "the thread" });
      if (badges.internal.length > 0) {
        assert.ok(badges.internal.every((label) => label === "Internal"));
        withNote = card.number;
        break;
      }
      await click(q("back-to-list"));
      await waitForList(app);
    }
    assert.ok(withNote, "a launched demo idea carries an internal note for the team");

    await click(q("profile-switch"));
    await click(q("browse-as-guest"));
    await waitText(q("member-name"), (t) => t === "Guest", "browsing as a guest");
    const asGuest = await waitFor(async () => {
      const b = await countBadges();
      return b.thread && b.internal.length === 0 && b;
    }, { message: "the internal note to disappear for a guest" });
    assert.deepEqual(asGuest.internal, []);
    await click(q("back-to-list"));
    await waitForList(app);
    await click(`${q("filter-status")} option[value=""]`);

    // Back to a fan for what follows.
    await click(q("profile-switch"));
    await typeInto(q("profile-filter"), FAN_NAME);
    await click(q("profile-option"));
    await waitText(q("member-name"), (t) => t === FAN_NAME, "the fan to be signed in again");
  });

  it("(8) hostile markup in a title and body stays inert", async () => {
    await click(q("nav-share"));
    await pasteInto(q("share-title"), `Free refills ${HOSTILE}`);
    await pasteInto(q("share-body"), `Body ${HOSTILE}\n\n<img src=x onerror="window.__pwned=2">`);
    await click(q("share-submit"));
    await waitText(q("detail-title"), (t) => t.startsWith("Free refills"), "the hostile idea's page");
    assert.equal(await text(q("detail-title")), `Free refills ${HOSTILE}`, "the title shows as text");

    const dom = () =>
      app.executeScript(`
        return {
          onerror: document.querySelectorAll('img[onerror], [onerror]').length,
          scripts: Array.from(document.querySelectorAll('script')).filter((s) => s.textContent.includes('__pwned')).length,
          pwned: typeof window.__pwned,
        };`);
    assert.deepEqual(await dom(), { onerror: 0, scripts: 0, pwned: "undefined" });

    await click(q("back-to-list"));
    await click(q("sort-new"));
    await waitFor(
      async () => (await readCards(app)).some((card) => card.title === `Free refills ${HOSTILE}`),
      { timeout: 15_000, message: "the hostile idea as text in the list" },
    );
    assert.deepEqual(await dom(), { onerror: 0, scripts: 0, pwned: "undefined" });
  });
});
