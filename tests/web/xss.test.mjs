// XSS payloads from public cheat sheets (fixtures/xss-payloads.json: 924 of them) sent
// through the API as fans would send them: as idea titles (every one that fits a
// title), descriptions and comments, on a server of this suite's own (its CSP report
// counter starts at 0). Then headless Chromium opens every page that shows them: the
// list, search results, idea pages, a fan's notifications, and the team's inbox and
// moderation queue. On each page: no payload ran (alert, confirm, prompt and print are
// hooked, with a global marker, before any page script through CDP's
// Page.addScriptToEvaluateOnNewDocument), no element came from fans' text (no event
// handler attribute, no javascript: URL, no script, frame, object or base anywhere, and
// only the sanitiser's tags inside rendered Markdown), and titles show as the text
// they were. At the end the server has counted no CSP violation; then a planted
// inline script shows that a violation is counted, and a planted alert that the hook
// sees one, so neither check passes by seeing nothing.
//
// Quotas: a fan may share 5 ideas at once and an address may sign up 5 fans, so the
// titles come from many fans, signing up from several loopback addresses (127.0.0.x),
// as fans behind different addresses would; the server's limits are as shipped.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { waitFor } from "../e2e/lib/webdriver.mjs";
import { browserLog, cspViolations, environment, open, openBrowser, reload } from "./lib/browser.mjs";

const { tmp } = environment();
const SERVER_BIN = process.env.IDEABOARD_SERVER_BIN;
const WEB_DIR = process.env.IDEABOARD_WEB_DIR;

const fixture = JSON.parse(await readFile(new URL("./fixtures/xss-payloads.json", import.meta.url), "utf8"));
const PAYLOADS = fixture.payloads.map((p) => p.payload);

// The board's limits (crates/core/src/rules.rs), in characters.
const TITLE_MIN = 4;
const TITLE_MAX = 120;
const BODY_MAX = 20_000;
const COMMENT_MAX = 10_000;
// The server's quotas as shipped (crates/core/src/throttle.rs): ideas per fan at
// once, sign-ups per address at once.
const SUBMITS_PER_FAN = 5;
const SIGN_UPS_PER_ADDRESS = 5;
// What the notification centre shows (ui/src/app/notifications.svelte.ts).
const CENTRE_LIMIT = 50;

const PASSWORD = "seven quiet harbours at dawn";
const MODERATOR = { name: "Mia Xss", email: `mia.xss.${process.pid}@example.com`, password: "reviewing every idea with care" };

const chars = (text) => [...text].length;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const squash = (text) => text.replace(/\s+/g, " ").trim();

/** The payloads that fit a title, packed several to a title (space-separated) up to its limit. */
function packTitles(payloads) {
  const fitting = payloads
    .map((p) => p.trim())
    .filter((p) => !CONTROL.test(p) && chars(p) >= TITLE_MIN && chars(p) <= TITLE_MAX);
  const titles = [];
  let current = "";
  for (const p of fitting) {
    const joined = current === "" ? p : `${current} ${p}`;
    if (chars(joined) <= TITLE_MAX) {
      current = joined;
    } else {
      titles.push(current);
      current = p;
    }
  }
  if (current !== "") titles.push(current);
  return { titles, fitting: fitting.length };
}

/** Every payload, one Markdown paragraph each, in texts of at most `max` characters. */
function chunk(payloads, max) {
  const texts = [];
  let current = "";
  for (const p of payloads) {
    const joined = current === "" ? p : `${current}\n\n${p}`;
    if (chars(joined) <= max) {
      current = joined;
    } else {
      texts.push(current);
      current = p;
    }
  }
  if (current !== "") texts.push(current);
  return texts;
}

/** Runs `fn` over `items`, `limit` at a time; the results in order. */
async function inParallel(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** This suite's own server: the demo board, the portal web-e2e.sh built, its moderator. */
async function startServer() {
  assert.ok(SERVER_BIN && WEB_DIR, "run the suite through scripts/web-e2e.sh");
  const dir = await mkdtemp(join(tmp, "xss-server-"));
  const board = join(dir, "xss.board");
  const child = spawn(SERVER_BIN, ["--board", board, "--demo", "--listen", "127.0.0.1:0", "--web", WEB_DIR], {
    env: { ...process.env, RUST_LOG: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // scripts/web-e2e.sh stops it if this suite is cut short.
  await writeFile(join(tmp, "xss-server.pid"), String(child.pid));
  let out = "";
  let log = "";
  child.stderr.on("data", (data) => (log += data));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server named no address in 30 s: ${out}${log}`)), 30_000);
    child.stdout.on("data", (data) => {
      out += data;
      const found = /listening on (http:\/\/[0-9.:]+)/.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    exited.then((code) => reject(new Error(`the server exited (${code}): ${log}`)));
  });
  await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => null))?.status === 200, {
    timeout: 30_000,
    message: "the server's health",
  });
  await promisify(execFile)(
    SERVER_BIN,
    ["--board", board, "admin", "create", "--name", MODERATOR.name, "--email", MODERATOR.email],
    { env: { ...process.env, IDEABOARD_ADMIN_PASSWORD: MODERATOR.password } },
  );
  return {
    url,
    log: () => log,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** `POST path` with a JSON body from the loopback `address`, as the bearer of `token`. */
function post(base, path, body, { address = "127.0.0.1", token } = {}) {
  const url = new URL(path, base);
  const data = Buffer.from(JSON.stringify(body ?? null));
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress: address,
        headers: {
          "content-type": "application/json",
          "content-length": data.length,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        const parts = [];
        response.on("data", (part) => parts.push(part));
        response.on("end", () => {
          const text = Buffer.concat(parts).toString("utf8");
          let json = text;
          try {
            json = text === "" ? null : JSON.parse(text);
          } catch {
            // kept as text for the message
          }
          if (response.statusCode >= 200 && response.statusCode < 300) resolve(json);
          else reject(new Error(`${path} from ${address}: ${response.statusCode} ${JSON.stringify(json)}`));
        });
      },
    );
    request.on("error", reject);
    request.end(data);
  });
}

/** `ideaboard_csp_violations_total` as the server's /metrics shows it. */
async function cspCount(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("ideaboard_csp_violations_total "));
  assert.ok(line, "the server counts CSP violations in /metrics");
  return Number(line.split(" ")[1]);
}

// Runs in every frame before any of its scripts: alert, confirm, prompt and print
// only write down that they were called, in `window.__xssRan` (the frame's and the
// top page's).
const HOOK = `(() => {
  const ran = [];
  Object.defineProperty(window, "__xssRan", { value: ran });
  const hook = (name) => function (...args) {
    const call = name + "(" + args.map((a) => String(a)).join(", ").slice(0, 80) + ") at " + location.href;
    ran.push(call);
    try { if (window.top !== window) window.top.__xssRan.push(call); } catch (e) {}
    return name === "prompt" ? null : name === "confirm" ? false : undefined;
  };
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    Object.defineProperty(window, name, { value: hook(name), writable: false, configurable: false });
  }
})();`;

// What must never be on a page that shows fans' text; returns what was found.
const INSPECT = `
  const problems = [];
  const show = (el, why) => problems.push(why + ": " + el.outerHTML.slice(0, 160));
  const hooked = Array.isArray(window.__xssRan);
  const ran = hooked ? window.__xssRan.slice() : [];
  for (const el of document.querySelectorAll(
    "iframe, frame, frameset, object, embed, applet, base, portal, template, noscript, body meta, body link, body style, form[action], [srcdoc]",
  )) show(el, "an element fans' text must not make");
  for (const el of document.querySelectorAll("script")) {
    const src = el.getAttribute("src") ?? "";
    if (!src.startsWith("/assets/") || el.textContent.trim() !== "") show(el, "a script that is not the portal's");
  }
  const URL_ATTRS = new Set(["href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "lowsrc", "dynsrc", "codebase"]);
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (name.startsWith("on")) show(el, "an event handler attribute");
      if (URL_ATTRS.has(name) && /^(javascript|vbscript|livescript|data:text|data:application|data:image\\/svg)/.test(value)) {
        show(el, "a script URL");
      }
    }
  }
  // Rendered Markdown keeps only the sanitiser's tags (crates/core/src/render).
  const MARKDOWN = new Set(["a", "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"]);
  for (const box of document.querySelectorAll('[data-testid="detail-body"], [data-testid="comment-body"], [data-testid="journey-note"]')) {
    for (const el of box.querySelectorAll("*")) {
      if (!MARKDOWN.has(el.localName)) show(el, "a tag the sanitiser does not keep");
      for (const attr of el.attributes) {
        if (!["href", "rel", "title", "lang", "hreflang", "start", "colspan", "rowspan", "headers", "scope"].includes(attr.name)) {
          show(el, "an attribute the sanitiser does not keep");
        }
      }
    }
  }
  // Plain-text places hold text, and only the portal's own marks and links.
  for (const box of document.querySelectorAll(
    '[data-testid="idea-title"], [data-testid="detail-title"], [data-testid="idea-excerpt"], [data-testid="notification-idea"], [data-testid="inbox-row"] a.title',
  )) {
    for (const el of box.querySelectorAll("*")) {
      if (!["a", "mark", "span"].includes(el.localName)) show(el, "an element inside plain text");
    }
  }
  return { hooked, ran, problems: problems.slice(0, 20), count: problems.length };
`;

describe("924 XSS payloads from public cheat sheets are inert in the portal", { timeout: 300_000 }, () => {
  let server, browser;
  const titleIdeas = []; // { id, number, title }
  const bodyIdeas = []; // { id, title, bodyHtml, comments: [bodyHtml] }
  let watcher;
  let pagesInspected = 0;

  before(
    async () => {
      server = await startServer();
      const base = server.url;
      const { titles, fitting } = packTitles(PAYLOADS);
      const bodies = chunk(PAYLOADS, BODY_MAX);
      const comments = chunk(PAYLOADS, COMMENT_MAX);
      console.log(
        `# ${PAYLOADS.length} payloads: ${fitting} fit a title (${titles.length} titles), ${bodies.length} descriptions, ${comments.length} comments`,
      );
      assert.ok(PAYLOADS.length >= 600 && fitting >= 600, "600 or more payloads, as titles too");

      // Fans: 5 to an address (the sign-up quota), each sharing 5 titles (the submit quota).
      const authorCount = Math.ceil(titles.length / SUBMITS_PER_FAN);
      const signUp = (label, i, address) =>
        post(
          base,
          "/api/auth/sign_up",
          { displayName: `Fan ${label} ${i}`, email: `fan.${label}.${i}.${process.pid}@example.com`, password: PASSWORD, bearer: true },
          { address },
        ).then((answer) => ({ token: answer.token, address, email: `fan.${label}.${i}.${process.pid}@example.com` }));
      const authorAddress = (i) => `127.0.0.${10 + Math.floor(i / SIGN_UPS_PER_ADDRESS)}`;
      assert.ok(10 + Math.floor(authorCount / SIGN_UPS_PER_ADDRESS) < 255, "enough loopback addresses");
      const authors = await inParallel([...Array(authorCount).keys()], 4, (i) => signUp("title", i, authorAddress(i)));
      const [bodyFan, commenter, watching] = await inParallel([0, 1, 2], 3, (i) =>
        signUp(["body", "comment", "watch"][i], i, "127.0.0.9"),
      );
      watcher = watching;

      const shared = await inParallel(titles, 6, async (title, i) => {
        const author = authors[Math.floor(i / SUBMITS_PER_FAN)];
        const detail = await post(base, "/api/submit_idea", { input: { title, body: "", category: null, tags: [] } }, author);
        assert.equal(detail.idea.title, title, "the title is kept as it was sent");
        return { id: detail.idea.id, number: detail.idea.number, title: detail.idea.title };
      });
      titleIdeas.push(...shared);
      for (const [i, body] of bodies.entries()) {
        const title = `Payloads in a description, part ${i + 1} of ${bodies.length}`;
        const detail = await post(base, "/api/submit_idea", { input: { title, body, category: null, tags: [] } }, bodyFan);
        bodyIdeas.push({ id: detail.idea.id, title, bodyHtml: detail.bodyHtml, comments: [] });
      }
      for (const [i, body] of comments.entries()) {
        const idea = bodyIdeas[i % bodyIdeas.length];
        const added = await post(base, "/api/add_comment", { input: { ideaId: idea.id, parentId: null, kind: "public", body } }, commenter);
        idea.comments.push(added.comment.bodyHtml);
      }
      // A fan following ideas with payload titles hears of their status change.
      const followed = titleIdeas.slice(0, CENTRE_LIMIT);
      await inParallel(followed, 6, (idea) => post(base, "/api/set_following", { ideaId: idea.id, on: true }, watcher));
      const moderator = await post(
        base,
        "/api/auth/sign_in",
        { email: MODERATOR.email, password: MODERATOR.password, bearer: true },
        { address: "127.0.0.8" },
      );
      await post(
        base,
        "/api/change_status_bulk",
        { ideaIds: followed.map((idea) => idea.id), to: "under_review", note: null },
        { token: moderator.token, address: "127.0.0.8" },
      );
      assert.equal(await cspCount(base), 0, "a new server has counted no violation");

      browser = await openBrowser("xss", {
        url: base,
        beforeOpen: (session) =>
          session.command("POST", "/goog/cdp/execute", {
            cmd: "Page.addScriptToEvaluateOnNewDocument",
            params: { source: HOOK },
          }),
      });
    },
    { timeout: 180_000 },
  );

  after(
    async () => {
      await browser?.delete().catch(() => {});
      const code = await server?.stop();
      if (server) assert.equal(code, 0, `the suite's server stops cleanly:\n${server.log()}`);
    },
    { timeout: 30_000 },
  );

  /** Asserts that nothing ran and nothing was injected on the page shown now. */
  async function inspect(where) {
    const found = await browser.executeScript(INSPECT);
    assert.ok(found.hooked, `${where}: the hook is in place before the page's scripts`);
    assert.deepEqual(found.ran, [], `${where}: a payload ran`);
    assert.equal(found.count, 0, `${where}: ${found.count} injected:\n${found.problems.join("\n")}`);
    pagesInspected += 1;
  }

  /** Signs the browser in as `email` (a cookie session, the way the portal signs in) and opens `hash`. */
  async function signInAs(email, password, hash) {
    await browser.command("DELETE", "/cookie");
    await open(browser, `${server.url}/`);
    const status = await browser.command("POST", "/execute/async", {
      script: `const done = arguments[arguments.length - 1];
        fetch("/api/auth/sign_in", { method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ email: arguments[0], password: arguments[1] }) }).then((r) => done(r.status), (e) => done(String(e)));`,
      args: [email, password],
    });
    assert.equal(status, 200, `${email} signs in`);
    // A new page load: the portal learns who is signed in when it starts.
    await open(browser, `${server.url}/${hash}`);
    await reload(browser);
  }

  const texts = (testid) =>
    browser.executeScript(`return [...document.querySelectorAll('[data-testid="${testid}"]')].map((e) => e.textContent.trim());`);

  it("the idea list shows every payload title as its text, and nothing runs", async () => {
    const expected = new Set(titleIdeas.map((idea) => idea.title));
    const seen = new Set();
    await open(browser, `${server.url}/#/`);
    await waitFor(() => browser.executeScript(`return !!document.querySelector('[data-testid="idea-list"]');`), {
      timeout: 20_000,
      message: "the idea list",
    });
    for (let page = 0; ; page += 1) {
      for (const title of await texts("idea-title")) seen.add(title);
      await inspect(`the list, page ${page + 1}`);
      const loaded = await browser.executeScript(`return document.querySelector('[data-testid="idea-list"]').dataset.loaded;`);
      const more = await browser.executeScript(
        `const b = document.querySelector('[data-testid="load-more"]'); if (b) b.click(); return !!b;`,
      );
      if (!more) break;
      assert.ok(page < 100, "the list ends");
      await waitFor(
        () =>
          browser.executeScript(
            `const l = document.querySelector('[data-testid="idea-list"]');
             return !!l && (l.dataset.loaded !== arguments[0] || !document.querySelector('[data-testid="load-more"]'));`,
            [loaded],
          ),
        { timeout: 20_000, message: "the next page of the list" },
      );
    }
    const missing = [...expected].filter((title) => !seen.has(title));
    assert.deepEqual(missing.slice(0, 5), [], `${missing.length} payload titles not shown as their text`);
  });

  it("search results show payload titles as text, highlights included, and nothing runs", async () => {
    // The descriptions match too: their ideas' titles are plain.
    const expected = new Set([...titleIdeas, ...bodyIdeas].map((idea) => idea.title));
    for (const query of ["alert", "onerror", "script"]) {
      await open(browser, `${server.url}/#/`);
      await browser.executeScript(
        `const input = document.querySelector('[data-testid="search-input"]');
         input.value = arguments[0]; input.dispatchEvent(new Event("input", { bubbles: true }));`,
        [query],
      );
      const shown = await waitFor(
        async () => {
          // The results of this query (the feed may still show the last one's).
          const marked = await browser.executeScript(
            `return [...document.querySelectorAll('[data-testid="idea-card"] mark')].some((m) => m.textContent.toLowerCase().includes(arguments[0]));`,
            [query],
          );
          const titles = await texts("idea-title");
          return marked && titles.length > 0 && titles;
        },
        { timeout: 20_000, message: `results for ${query}` },
      );
      const strangers = shown.filter((title) => !expected.has(title));
      assert.deepEqual(strangers, [], `results for ${query} are payload titles, as sent`);
      await inspect(`search for ${query}`);
    }
  });

  it("idea pages show descriptions and comments full of payloads, sanitised, and titles as text", async () => {
    // What the core rendered and sanitised, as text, parsed without running anything.
    const asText = `const t = document.createElement("template"); t.innerHTML = arguments[0]; return t.content.textContent;`;
    for (const [i, idea] of bodyIdeas.entries()) {
      await open(browser, `${server.url}/#/ideas/${idea.id}`);
      // [title, description, comments], as the page should show them.
      const expected = [
        idea.title,
        await browser.executeScript(asText, [idea.bodyHtml]),
        await Promise.all(idea.comments.map((html) => browser.executeScript(asText, [html]))),
      ];
      assert.ok(expected[1].length > 0 && expected[2].every((c) => c.length > 0), "the payloads leave text");
      let shown;
      await waitFor(
        async () => {
          shown = await browser.executeScript(
            `const text = (css) => [...document.querySelectorAll(css)].map((e) => e.textContent);
             return [text('[data-testid="detail-title"]')[0], text('[data-testid="detail-body"]')[0], text('[data-testid="comment-body"]')];`,
          );
          return JSON.stringify(shown) === JSON.stringify(expected);
        },
        { timeout: 20_000, message: `description ${i + 1} and its ${idea.comments.length} comments as the core rendered them` },
      ).catch((error) => {
        // Say where the page and the core's rendering part.
        const a = JSON.stringify(shown);
        const b = JSON.stringify(expected);
        let at = 0;
        while (at < a.length && a[at] === b[at]) at += 1;
        throw new Error(`${error.message}: shown ${a.slice(Math.max(0, at - 80), at + 120)}\nexpected ${b.slice(Math.max(0, at - 80), at + 120)}`);
      });
      await inspect(`idea page ${i + 1} with payload description and comments`);
    }
    for (const idea of [titleIdeas[0], titleIdeas[Math.floor(titleIdeas.length / 2)], titleIdeas.at(-1)]) {
      await open(browser, `${server.url}/#/ideas/${idea.id}`);
      await waitFor(async () => (await texts("detail-title"))[0] === idea.title, {
        timeout: 20_000,
        message: `idea #${idea.number}'s title as text`,
      });
      await inspect(`idea page #${idea.number}`);
      await open(browser, `${server.url}/ideas/${idea.number}`);
      await waitFor(async () => (await texts("detail-title"))[0] === idea.title, {
        timeout: 20_000,
        message: `/ideas/${idea.number}`,
      });
      await inspect(`/ideas/${idea.number}`);
    }
  });

  it("a fan's notifications name payload titles as text, and nothing runs", async () => {
    await signInAs(watcher.email, PASSWORD, "#/notifications");
    const byNumber = new Map(titleIdeas.map((idea) => [idea.number, idea.title]));
    const shown = await waitFor(
      async () => {
        const items = await texts("notification-idea");
        return items.length >= CENTRE_LIMIT && items;
      },
      { timeout: 20_000, message: `${CENTRE_LIMIT} notifications` },
    );
    for (const item of shown) {
      const number = Number(/^#(\d+) /.exec(item)?.[1]);
      assert.equal(item, `#${number} ${byNumber.get(number)}`, "the notification names the title as it was sent");
    }
    await inspect("the notification centre");
  });

  it("the team's inbox and moderation queue show payload titles as text, and nothing runs", async () => {
    await signInAs(MODERATOR.email, MODERATOR.password, "#/team/inbox");
    const byNumber = new Map(titleIdeas.map((idea) => [idea.number, idea.title]));
    const readRows = () =>
      browser.executeScript(
        `return [...document.querySelectorAll('[data-testid="inbox-row"]')].map((r) => [Number(r.dataset.number), r.querySelector("a.title").textContent]);`,
      );
    let rows = await waitFor(async () => {
      const found = await readRows();
      return found.length > 0 && found;
    }, { timeout: 20_000, message: "the inbox" });
    // The demo board's own ideas wait first: more pages until ours show.
    for (let page = 0; !rows.some(([number]) => byNumber.has(number)); page += 1) {
      assert.ok(page < 20, "the inbox lists payload titles");
      await inspect(`the team's inbox, page ${page + 1}`);
      const before = rows.length;
      const more = await browser.executeScript(
        `const b = document.querySelector('[data-testid="inbox-view"] .more button'); if (b) b.click(); return !!b;`,
      );
      assert.ok(more, "the inbox has more to show");
      rows = await waitFor(async () => {
        const found = await readRows();
        return found.length > before && found;
      }, { timeout: 20_000, message: "the inbox's next page" });
    }
    const ours = rows.filter(([number]) => byNumber.has(number));
    for (const [number, text] of ours) assert.equal(squash(text), squash(`#${number} ${byNumber.get(number)}`));
    await inspect("the team's inbox");
    await open(browser, `${server.url}/#/team/moderation`);
    await waitFor(() => browser.executeScript(`return document.querySelector('[data-testid="view"]')?.dataset.route === "team";`), {
      timeout: 20_000,
      message: "the moderation queue",
    });
    await inspect("the moderation queue");
    await open(browser, `${server.url}/#/ideas/${bodyIdeas[0].id}`);
    await waitFor(() => browser.executeScript(`return document.querySelectorAll('[data-testid="comment-body"]').length > 0;`), {
      timeout: 20_000,
      message: "an idea page as the team sees it",
    });
    await inspect("an idea page as the team sees it");
  });

  it("no CSP violation was reported, and the checks can fail: a planted alert is seen, a planted inline script counted", async () => {
    assert.ok(pagesInspected >= 10, `every page was inspected (${pagesInspected})`);
    // Over plain HTTP the policy has report-uri only, which the browser posts at once; give any a moment.
    await new Promise((done) => setTimeout(done, 1_500));
    assert.equal(await cspCount(server.url), 0, `no CSP violation:\n${server.log()}`);
    assert.deepEqual(cspViolations(await browserLog(browser)), [], "nor one in the browser's log");

    await browser.executeScript(`alert("planted");`);
    const ran = await browser.executeScript("return window.__xssRan.slice();");
    assert.equal(ran.length, 1, "the hook sees a call");
    assert.match(ran[0], /^alert\(planted\)/);

    await browser.executeScript(
      `const s = document.createElement("script"); s.textContent = "window.__planted = 1"; document.body.append(s);`,
    );
    assert.equal(await browser.executeScript("return window.__planted ?? null;"), null, "the CSP blocks the inline script");
    await waitFor(async () => (await cspCount(server.url)) >= 1, {
      timeout: 20_000,
      interval: 200,
      message: "the planted violation counted at /metrics",
    });
    await waitFor(() => /WARN.*content security policy violation/.test(server.log()), {
      timeout: 5_000,
      message: "the violation logged at WARN",
    });
  });
});
