// The web portal end to end, in two headless Chromium browsers on the real
// ideaboard-server: a fan signs up, shares an idea (similar ideas are suggested while
// the title is typed), votes and comments; a moderator signed in elsewhere sees it,
// answers it and plans it; the fan's page shows the status change and the
// notification; deep links open the idea; both languages; no CSP violation.
import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { visibleTexts, waitForList } from "../e2e/lib/ideaboard.mjs";
import { catalogues, q, uiHelpers } from "../e2e/lib/ui.mjs";
import { waitFor } from "../e2e/lib/webdriver.mjs";
import {
  browserLog,
  cspViolations,
  environment,
  open,
  openBrowser,
  reload,
  screenshot,
  setLocale,
} from "./lib/browser.mjs";

const { portal, tmp } = environment();
const FAN = `Lin Web ${process.pid}`;
const FAN_EMAIL = `lin.${process.pid}@example.com`;
const FAN_PASSWORD = "a long walk by the river";
const MODERATOR = process.env.IDEABOARD_MODERATOR_NAME;
const MODERATOR_EMAIL = process.env.IDEABOARD_MODERATOR_EMAIL;
const MODERATOR_PASSWORD = process.env.IDEABOARD_MODERATOR_PASSWORD;
// A demo idea, and a new title close to it that the fan types key by key.
const EXISTING = "Make coffee beans more affordable";
const TITLE = `Make coffee beans more affordable for regulars ${process.pid}`;
const COMMENT = "A loyalty price per bag would keep me buying here.";
const ANSWER = "We are trying this in three stores next month.";
// A Fider posts.csv of two ideas, for the import on the web.
const POSTS_CSV =
  "number,title,description,created_at,created_by,votes_count,comments_count,status,responded_by,responded_at,response,original_number,original_title,tags\n" +
  "1,Cold brew in cans,Take it home.,2024-01-02T10:00:00Z,Alice,12,3,open,,,,0,,\n" +
  "2,会员积分可以兑换咖啡,积分兑换咖啡,2024-01-03T10:00:00Z,小王,5,0,planned,Mia,2024-02-01T09:00:00Z,排期在三月,0,,\n";

/** Whether the server streams the board's changes (GET /api/live is an event stream). */
async function serverIsLive() {
  try {
    const response = await fetch(`${portal}/api/live`, { signal: AbortSignal.timeout(3_000) });
    const live = response.ok && (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
    await response.body?.cancel();
    return live;
  } catch {
    return false;
  }
}

describe("the web portal: a fan and a moderator, each in a browser", { timeout: 300_000 }, () => {
  let fan, moderator, fanUi, modUi, words, live;
  let ideaId, ideaNumber;

  before(
    async () => {
      words = await catalogues();
      live = await serverIsLive();
      if (!live) console.log("# /api/live is not served: the pages are reloaded to see the other browser's writes");
      [fan, moderator] = await Promise.all([openBrowser("fan"), openBrowser("moderator")]);
      fanUi = uiHelpers(fan);
      modUi = uiHelpers(moderator);
      await setLocale(fan, "en");
      await setLocale(moderator, "en");
    },
    { timeout: 120_000 },
  );

  after(
    async () => {
      await Promise.allSettled([fan?.delete(), moderator?.delete()]);
    },
    { timeout: 30_000 },
  );

  /**
   * Waits for `predicate` on a page that another browser's write changed: live, with
   * nothing clicked, when the server streams its changes; else after a reload.
   */
  async function seen(session, predicate, message, reopened = async () => {}) {
    if (!live) {
      await reload(session);
      await reopened();
    }
    return waitFor(predicate, { timeout: 20_000, interval: 200, message: `${message} (${live ? "live" : "after a reload"})` });
  }

  async function clearAndType(ui, session, css, value) {
    await session.executeScript(
      `const el = document.querySelector(arguments[0]);
       el.value = ""; el.dispatchEvent(new Event("input", { bubbles: true }));`,
      [css],
    );
    await ui.typeInto(css, value);
  }

  async function shot(session, name) {
    if (process.env.IDEABOARD_SCREENSHOTS !== "1") return;
    await setLocale(session, "en");
    await screenshot(session, `web-${name}-en`);
    await setLocale(session, "zh-CN");
    await screenshot(session, `web-${name}-zh`);
    await setLocale(session, "en");
  }

  it("(1) a moderator signs in with the account an admin created before the browsers started", async () => {
    assert.ok(MODERATOR && MODERATOR_EMAIL && MODERATOR_PASSWORD, "scripts/web-e2e.sh creates the moderator");
    await modUi.click(q("profile-switch"));
    await modUi.waitVisible(q("account-dialog"));
    // A wrong password is refused in the person's language.
    await modUi.typeInto(q("sign-in-email"), MODERATOR_EMAIL);
    await modUi.typeInto(q("sign-in-password"), "not the password at all");
    await modUi.click(q("sign-in-submit"));
    await modUi.waitText(q("sign-in-error"), (t) => t === "Wrong email or password.", "the refusal");
    await setLocale(moderator, "zh-CN");
    await modUi.waitText(q("sign-in-error"), (t) => t === "电子邮件或密码错误。", "the refusal in Chinese");
    await setLocale(moderator, "en");
    await clearAndType(modUi, moderator, q("sign-in-password"), MODERATOR_PASSWORD);
    await modUi.click(q("sign-in-submit"));
    await modUi.waitText(q("member-name"), (t) => t === MODERATOR, "the moderator signed in");
    assert.equal(await modUi.text(q("account-dialog")), null, "the dialog closes");
    assert.equal((await modUi.text(q("member-role"))).trim(), words.en.get("role.admin"));
    await modUi.waitVisible(q("nav-team"), "the team's workspace in the navigation");
    await modUi.click(q("sort-new"));
    await waitForList(moderator, "the newest ideas");
  });

  it("(2) a fan signs up: the server's password rule is shown, then the account opens", async () => {
    await waitForList(fan, "the ideas a guest sees");
    await shot(fan, "list");
    await fanUi.click(q("profile-switch"));
    await fanUi.waitVisible(q("account-dialog"));
    await fanUi.click(q("account-tab-sign-up"));
    await fanUi.typeInto(q("sign-up-name"), FAN);
    await fanUi.typeInto(q("sign-up-email"), FAN_EMAIL);
    await fanUi.typeInto(q("sign-up-password"), "short");
    await fanUi.click(q("sign-up-submit"));
    const refusal = await fanUi.waitText(q("sign-up-error"), (t) => t.length > 0, "the password refusal");
    const min = Number(/at least (\d+) characters/.exec(refusal)?.[1]);
    assert.ok(min >= 8, `the minimum comes from the server: ${refusal}`);
    const invalid = await fan.executeScript(
      `return document.querySelector('[data-testid="sign-up-password"]').getAttribute("aria-invalid");`,
    );
    assert.equal(invalid, "true", "the password field is marked");
    await shot(fan, "sign-up");

    await clearAndType(fanUi, fan, q("sign-up-password"), FAN_PASSWORD);
    await fanUi.click(q("sign-up-submit"));
    await fanUi.waitText(q("member-name"), (t) => t === FAN, "the new fan signed in");
    assert.equal(await fanUi.text(q("account-dialog")), null);
    assert.equal((await fanUi.text(q("member-role"))).trim(), words.en.get("role.fan"));
    assert.equal((await fanUi.text(q("sign-out"))).trim(), "Sign out");
  });

  it("(3) the fan shares an idea; typing its title suggests the similar one", async () => {
    await fanUi.click(q("nav-share"));
    await fanUi.typeInto(q("share-title"), TITLE);
    await waitFor(
      async () => {
        const titles = await fanUi.texts(`${q("similar-idea")} ${q("similar-link")}`);
        return titles.includes(EXISTING);
      },
      { timeout: 15_000, message: `"${EXISTING}" suggested while typing` },
    );
    await fanUi.paste(q("share-body"), "A bag a week adds up; a regular's price would keep me buying beans here.");
    await fanUi.click(`${q("share-category")} option:nth-child(2)`);
    await fan.executeScript("window.scrollTo(0, 0);");
    await shot(fan, "share");
    await fanUi.click(q("share-submit"));
    await fanUi.waitText(q("detail-title"), (t) => t === TITLE, "the new idea's page");
    ideaId = decodeURIComponent(/#\/ideas\/(.+)$/.exec(await fan.command("GET", "/url"))[1]);
    ideaNumber = Number((await fanUi.text(q("detail-number"))).replace(/[^0-9]/g, ""));
    assert.ok(ideaId && ideaNumber > 0);
    assert.equal((await fanUi.text(`${q("idea-header")} ${q("status-badge")}`)).trim(), "New");
  });

  it("(4) the fan votes and comments", async () => {
    if ((await fanUi.text(q("my-vote"))) === null) {
      await fanUi.click(q("vote"));
      await fanUi.waitText(q("my-vote"), (t) => t.startsWith("You voted"), "the fan's vote");
    }
    const votes = Number((await fanUi.text(q("detail-vote-count"))).replace(/[^0-9]/g, ""));
    assert.ok(votes >= 1);
    await fanUi.typeInto(q("comment-input"), COMMENT);
    await fanUi.click(q("comment-submit"));
    await fanUi.waitText(q("comment-thread"), (t) => t.includes(COMMENT), "the comment in the thread");
  });

  it("(5) the moderator sees the idea arrive, answers it and moves it to planned", async () => {
    await seen(
      moderator,
      async () => (await waitForList(moderator, "the newest ideas")).some((card) => card.title === TITLE),
      "the fan's idea in the moderator's list",
      () => modUi.click(q("sort-new")),
    );
    await modUi.click(`${q("idea-card")}[data-number="${ideaNumber}"] ${q("idea-link")}`);
    await modUi.waitText(q("detail-title"), (t) => t === TITLE, "the idea's page");
    await modUi.waitText(q("comment-thread"), (t) => t.includes(COMMENT), "the fan's comment");
    await modUi.click(q("team-change-status"));
    await modUi.waitVisible(q("status-dialog"));
    await modUi.click(`${q("status-to")} option[value="planned"]`);
    await modUi.paste(q("status-note"), ANSWER);
    await modUi.click(q("status-submit"));
    await modUi.waitText(`${q("idea-header")} ${q("status-badge")}`, (t) => t === "Planned", "planned");
  });

  it("(6) the fan's page shows the status change, the answer and the notification", async () => {
    await seen(
      fan,
      async () => (await fanUi.text(`${q("idea-header")} ${q("status-badge")}`))?.trim() === "Planned",
      "the status change on the fan's page",
    );
    await fanUi.waitText(q("journey"), (t) => t.includes(ANSWER), "the team's answer in the journey");
    await fanUi.waitText(q("nav-unread"), (t) => Number(t) >= 1, "the unread notification");
    await fanUi.click(q("nav-notifications"));
    await fanUi.waitText(q("notifications-view"), (t) => t.includes(TITLE), "the notification about the idea");
  });

  it("(7) deep links open the idea: /#/ideas/<id>, /ideas/<id> and /ideas/<number>", async () => {
    for (const link of [`/#/ideas/${ideaId}`, `/ideas/${ideaId}`, `/ideas/${ideaNumber}`]) {
      await open(fan, `${portal}${link}`);
      await fanUi.waitText(q("detail-title"), (t) => t === TITLE, `the idea at ${link}`);
      const url = await fan.command("GET", "/url");
      assert.equal(url, `${portal}/#/ideas/${ideaId}`, `${link} ends at the idea's own address`);
    }
    await shot(fan, "idea");
  });

  it("(8) both languages: the portal's words, no raw message keys, the member's sessions", async () => {
    const keys = new Set([...words.en.keys()]);
    for (const [locale, label] of [
      ["zh-CN", "退出登录"],
      ["en", "Sign out"],
    ]) {
      await setLocale(fan, locale);
      await fanUi.waitText(q("nav-vote"), (t) => t.endsWith(words[locale].get("nav.vote")), `the ${locale} navigation`);
      assert.equal((await fanUi.text(`${q("idea-header")} ${q("status-badge")}`)).trim(), words[locale].get("status.planned"));
      assert.equal((await fanUi.text(q("sign-out"))).trim(), label);
      const raw = (await visibleTexts(fan)).filter((text) => keys.has(text));
      assert.deepEqual(raw, [], `no message key shows in ${locale}`);
    }
    await fanUi.click(q("nav-profile"));
    const sessions = await waitFor(
      async () => {
        const rows = await fanUi.texts(q("session"));
        return rows.length > 0 && rows;
      },
      { message: "the fan's sessions" },
    );
    assert.equal(sessions.length, 1, `one session: ${sessions}`);
    assert.match(sessions[0], /Chrome \(headless\) on Linux/);
    assert.match(sessions[0], /This browser/);
    await fan.executeScript("document.querySelector('[data-testid=\"sessions\"]').scrollIntoView();");
    await shot(fan, "profile");
    await setLocale(fan, "zh-CN");
    await fanUi.waitText(q("session-current"), (t) => t === "当前浏览器", "the sessions list in Chinese");
    await setLocale(fan, "en");
  });

  it("(9) the web hides what only the desktop does: profiles, backups", async () => {
    await modUi.click(q("nav-team-settings"));
    await modUi.waitVisible(q("settings-view"));
    const shown = await moderator.executeScript(
      `return ["backups", "members", "profile-switcher"]
         .filter((id) => document.querySelector('[data-testid="' + id + '"]'));`,
    );
    assert.deepEqual(shown, []);
  });

  it("(9b) the team exports as a download and imports an upload, in place of the desktop's paths", async () => {
    await modUi.click(q("nav-team-exchange"));
    await modUi.waitVisible(q("exchange-view"));
    assert.equal(await modUi.text(q("export-path")), null, "no path of the machine to type on the web");
    await modUi.click(q("export-format-csv"));
    await modUi.click(q("export-run"));
    const done = await modUi.waitText(q("export-done"), (t) => t.startsWith("Downloaded ideas-"), "the download");
    const name = /(ideas-[0-9-]+\.csv)/.exec(done)?.[1];
    assert.ok(name, done);
    // The browser saved the file the server streamed: the CSV with its BOM and header row.
    const saved = await waitFor(
      async () => (await readdir(moderator.downloads)).includes(name) && join(moderator.downloads, name),
      { timeout: 15_000, message: `${name} in the browser's downloads` },
    );
    const text = await readFile(saved, "utf8");
    assert.ok(text.startsWith("\ufeff") && text.includes(TITLE), "the CSV holds the fan's idea");

    const csv = join(tmp, "posts.csv");
    await writeFile(csv, POSTS_CSV);
    await modUi.click(`${q("import-format")} option[value="fiderCsv"]`);
    await (await moderator.find(q("import-file"))).sendKeys(csv);
    await modUi.waitVisible(q("import-preview"), "the checked file's counts");
    await shot(moderator, "exchange");
    await modUi.click(q("import-run"));
    await modUi.waitText(q("import-done"), (t) => t.includes("2 ideas"), "the import's report");
  });

  it("(10) neither browser logged a Content-Security-Policy violation (and a planted one is caught)", async () => {
    for (const session of [fan, moderator]) await browserLog(session);
    const violations = cspViolations([...fan.entries, ...moderator.entries]);
    assert.deepEqual(violations, [], "CSP violations in the browser log");
    // The check sees a real violation: an image from another origin, which img-src refuses.
    await fan.executeScript(
      `const img = document.createElement("img"); img.src = "http://203.0.113.9/x.png"; document.body.append(img);`,
    );
    const planted = await waitFor(async () => cspViolations(await browserLog(fan)).length > 0, {
      timeout: 10_000,
      message: "the planted violation in the log",
    });
    assert.ok(planted);
  });
});
