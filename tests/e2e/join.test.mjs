// The app as a client of a shared board (issue 14): a real `ideaboard-server` on a
// free loopback port with a fresh board; two fans' accounts and one idea made
// through its API, as a browser makes them. In the app: the board menu, "Join a
// shared board", the server's address (checked), sign in; the window shows the
// server's board and the app fan votes there. A real headless Chromium on the web
// portal sees the vote count move with nothing reloaded. Then the server is killed
// (SIGKILL) and started again on the same port and board: the app says it is
// reconnecting, comes back by itself, and a vote the browser's fan makes shows in
// the app's window with nothing clicked.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { launchApp } from "./lib/app.mjs";
import { waitForList } from "./lib/ideaboard.mjs";
import { q, uiHelpers } from "./lib/ui.mjs";
import { Session, waitFor } from "./lib/webdriver.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SERVER = process.env.IDEABOARD_SERVER;
const CLI = process.env.IDEABOARD_CLI;
const TMP = process.env.IDEABOARD_E2E_TMP;
const SHOTS = process.env.IDEABOARD_SCREENSHOTS === "1";

const BOARD_NAME = "Acme Coffee ideas";
const IDEA = "Oat milk in refill pouches";
const APP_FAN = { displayName: "Lena Park", email: "lena.park@example.com", password: "a long walk by the river" };
const WEB_FAN = { displayName: "Tom Ito", email: "tom.ito@example.com", password: "brewing at dawn again" };

/** A free loopback port (bound, then released). */
function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** Resolves when `child` has exited. */
function exited(child) {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((done) => child.once("exit", done));
}

/**
 * Switches the UI's language by its switch in the top bar, clicked from a script so
 * that an open dialog's backdrop (which a person would close first) is no obstacle.
 */
async function setLocale(session, locale) {
  await waitFor(
    async () => {
      if ((await session.executeScript("return document.documentElement.lang;")) === locale) return true;
      await session.executeScript(`document.querySelector('[data-testid="lang-switch"]').click();`);
      return (await session.executeScript("return document.documentElement.lang;")) === locale;
    },
    { message: `the ${locale} UI` },
  );
}

/** The count of the card of `title` in `session`'s idea list; null while not shown. */
function cardVotes(session, title) {
  return session.executeScript(
    `const card = Array.from(document.querySelectorAll('[data-testid="idea-card"]'))
       .find((c) => c.querySelector('[data-testid="idea-title"]')?.textContent.trim() === arguments[0]);
     return card ? Number(card.querySelector('[data-testid="vote-count"]').textContent.replace(/\\D/g, "")) : null;`,
    [title],
  );
}

describe("the app joins a shared board, votes, and reconnects by itself", { timeout: 240_000 }, () => {
  const dir = join(TMP ?? "", "join");
  const board = join(dir, "shared.board");
  let port;
  let url;
  let server;
  let driver;
  let app;
  let browser;
  let ui;

  /** Starts the server on `board` at `port`; resolves once it is healthy. */
  async function startServer() {
    const env = { ...process.env, RUST_LOG: "warn" };
    delete env.IDEABOARD_CONFIG;
    server = spawn(SERVER, ["--board", board, "--listen", `127.0.0.1:${port}`, "--web", join(repoRoot, "ui", "dist")], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitFor(
      async () => {
        try {
          return (await fetch(`${url}/healthz`)).status === 200;
        } catch {
          return false;
        }
      },
      { timeout: 20_000, message: "the server to serve" },
    );
  }

  /** A POST to the API; its JSON answer (asserting a 2xx). */
  async function post(path, body, headers = {}) {
    const response = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, `${path}: HTTP ${response.status} ${text}`);
    return { answer: text ? JSON.parse(text) : null, response };
  }

  /** Signs `fan` up as a browser does: a cookie session and its CSRF token. */
  async function signUp(fan) {
    const { answer, response } = await post("/api/auth/sign_up", fan);
    const cookie = response.headers.get("set-cookie")?.split(";")[0];
    assert.ok(cookie && answer.csrfToken, "a cookie session with its CSRF token");
    return { Cookie: cookie, "X-CSRF-Token": answer.csrfToken };
  }

  before(
    async () => {
      assert.ok(SERVER && CLI && TMP, "run through scripts/e2e.sh (IDEABOARD_SERVER, IDEABOARD_CLI, IDEABOARD_E2E_TMP)");
      mkdirSync(dir, { recursive: true });
      execFileSync(CLI, ["init", "--board", board, "--name", BOARD_NAME], { stdio: "ignore" });
      port = await freePort();
      url = `http://127.0.0.1:${port}`;
      await startServer();
      const appFan = await signUp(APP_FAN);
      await signUp(WEB_FAN);
      await post(
        "/api/submit_idea",
        { input: { title: IDEA, body: "Less packaging, same taste.", category: null, tags: [] } },
        appFan,
      );

      // Chromium through chromedriver, as the web portal's suite drives it.
      const driverPort = await freePort();
      driver = spawn("chromedriver", [`--port=${driverPort}`, `--log-path=${join(dir, "chromedriver.log")}`], {
        stdio: "ignore",
      });
      const driverUrl = `http://127.0.0.1:${driverPort}`;
      await waitFor(
        async () => {
          try {
            return (await fetch(`${driverUrl}/status`)).ok;
          } catch {
            return false;
          }
        },
        { timeout: 15_000, message: "chromedriver" },
      );
      const profile = join(dir, "chromium-profile");
      browser = await Session.create(driverUrl, {
        browserName: "chrome",
        "goog:chromeOptions": {
          binary: process.env.IDEABOARD_CHROMIUM ?? "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            "--window-size=1400,900",
            "--lang=en-US",
            `--user-data-dir=${profile}`,
          ],
        },
      });
      await browser.navigateTo(`${url}/`);
      await waitFor(async () => (await cardVotes(browser, IDEA)) === 0, {
        timeout: 30_000,
        message: "the portal's list with the idea",
      });

      app = await launchApp();
      ui = uiHelpers(app);
      await ui.setLocale("en");
      await waitForList(app, "the app's own board");
    },
    { timeout: 150_000 },
  );

  after(
    async () => {
      await Promise.allSettled([app?.delete(), browser?.delete()]);
      // The suites after this one start the app on its own board file, not on a
      // shared board left behind should a step above have failed before leaving it.
      const identifier = "app.ideaboard.desktop";
      if (process.env.XDG_CONFIG_HOME) rmSync(join(process.env.XDG_CONFIG_HOME, identifier, "boards.json"), { force: true });
      if (process.env.XDG_DATA_HOME) rmSync(join(process.env.XDG_DATA_HOME, identifier, "tokens"), { recursive: true, force: true });
      for (const child of [driver, server]) {
        if (child && child.exitCode === null && child.signalCode === null) {
          child.kill("SIGTERM");
          await exited(child);
        }
      }
    },
    { timeout: 30_000 },
  );

  it("joins: the address is checked, a wrong one is told in words, then sign in", async () => {
    await ui.click(q("board-menu"));
    await ui.waitVisible(q("board-list"), "the board menu");
    await ui.click(q("join-board"));
    await ui.waitVisible(q("join-dialog"), "the join dialog");

    // Nothing listens on a port just released: said so, in words.
    const nobody = await freePort();
    await ui.typeInto(q("join-url"), `127.0.0.1:${nobody}`);
    await ui.click(q("join-check"));
    await ui.waitText(q("join-url-error"), (t) => t.startsWith("The server could not be reached"), "unreachable");

    await app.executeScript(
      `const el = document.querySelector('[data-testid="join-url"]'); el.value = ""; el.dispatchEvent(new Event("input", { bubbles: true }));`,
    );
    await ui.typeInto(q("join-url"), url);
    await ui.click(q("join-check"));
    await ui.waitText(q("join-found"), (t) => t === `${BOARD_NAME} at ${url}`, "the server's board found");
    await ui.typeInto(q("sign-in-email"), APP_FAN.email);
    await ui.typeInto(q("sign-in-password"), APP_FAN.password);
    if (SHOTS) {
      await ui.shot("join-dialog-en");
      await setLocale(app, "zh-CN");
      await ui.waitText(q("join-found"), (t) => t === `${url} 上的 ${BOARD_NAME}`, "the dialog in Chinese");
      await ui.shot("join-dialog-zh");
      await setLocale(app, "en");
    }
    await ui.click(q("sign-in-submit"));

    // The window reloads onto the server's board, as the fan who joined.
    await ui.waitText(q("board-name"), (t) => t === BOARD_NAME, "the shared board's name");
    await ui.waitText(q("member-name"), (t) => t === APP_FAN.displayName, "the app fan signed in");
    await waitFor(async () => (await cardVotes(app, IDEA)) === 0, { timeout: 15_000, message: "the idea in the app" });
    // Local-only parts (local profiles, backups) are not offered on a shared board.
    assert.equal(await ui.text(q("profile-switch")), null, "no local profile switcher");
  });

  it("votes in the app; the browser sees the count move without a reload", async () => {
    await app.executeScript(
      `Array.from(document.querySelectorAll('[data-testid="idea-card"]'))
         .find((c) => c.querySelector('[data-testid="idea-title"]')?.textContent.trim() === arguments[0])
         .querySelector('[data-testid="card-vote"]').click();`,
      [IDEA],
    );
    await waitFor(async () => (await cardVotes(app, IDEA)) === 1, { timeout: 10_000, message: "the app's vote" });
    await waitFor(async () => (await cardVotes(browser, IDEA)) === 1, {
      timeout: 10_000,
      message: "the browser to show the app's vote live",
    });
    if (SHOTS) {
      await ui.click(q("board-menu"));
      await ui.waitVisible(q("board-list"), "the board menu");
      await ui.shot("shared-board-en");
      await setLocale(app, "zh-CN");
      await ui.shot("shared-board-zh");
      await setLocale(app, "en");
      await ui.click(q("board-menu"));
    }
  });

  it("the server is killed and restarted: the app reconnects by itself and shows a browser's vote", async () => {
    server.kill("SIGKILL");
    await exited(server);
    await ui.waitVisible(q("server-offline"), "the app to say it is reconnecting");
    await startServer();
    await waitFor(async () => (await ui.text(q("server-offline"))) === null, {
      timeout: 20_000,
      message: "the app to reconnect by itself",
    });

    // The browser's fan signs in on the portal and votes; the app's window shows it.
    await browser.navigateTo(`${url}/`);
    const web = uiHelpers(browser);
    await web.click(q("profile-switch"));
    await web.waitVisible(q("account-dialog"));
    await web.typeInto(q("sign-in-email"), WEB_FAN.email);
    await web.typeInto(q("sign-in-password"), WEB_FAN.password);
    await web.click(q("sign-in-submit"));
    await web.waitText(q("member-name"), (t) => t === WEB_FAN.displayName, "the browser's fan signed in");
    await waitFor(async () => (await cardVotes(browser, IDEA)) === 1, { timeout: 15_000, message: "the portal's list" });
    await browser.executeScript(
      `Array.from(document.querySelectorAll('[data-testid="idea-card"]'))
         .find((c) => c.querySelector('[data-testid="idea-title"]')?.textContent.trim() === arguments[0])
         .querySelector('[data-testid="card-vote"]').click();`,
      [IDEA],
    );
    await waitFor(async () => (await cardVotes(browser, IDEA)) === 2, { timeout: 10_000, message: "the browser's vote" });
    await waitFor(async () => (await cardVotes(app, IDEA)) === 2, {
      timeout: 10_000,
      message: "the app's window to show the browser's vote with nothing clicked",
    });
  });

  it("leaves the shared board: signed out, forgotten, the window back on its own board", async () => {
    await ui.click(q("board-menu"));
    await ui.waitVisible(q("board-leave"), "the shared board in the menu");
    await ui.click(q("board-leave"));
    await ui.waitText(q("member-name"), (t) => t !== APP_FAN.displayName, "the window back on its board file");
    await waitFor(async () => (await cardVotes(app, IDEA)) === null, { timeout: 15_000, message: "the local list" });
    await ui.click(q("board-menu"));
    await ui.waitVisible(q("board-list"), "the board menu");
    const kinds = await app.executeScript(
      `return Array.from(document.querySelectorAll('[data-testid="board-item"]')).map((b) => b.dataset.kind);`,
    );
    // The board files this run's other suites opened are listed too; no server is.
    assert.ok(kinds.length >= 1 && kinds.every((kind) => kind === "local"), `the shared board is forgotten: ${kinds}`);
    // Its session ended on the server too: the fan's sessions no longer list it.
    const sessions = await fetch(`${url}/api/auth/sign_in`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: APP_FAN.email, password: APP_FAN.password, bearer: true }),
    }).then((r) => r.json());
    const listed = await fetch(`${url}/api/auth/sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${sessions.token}` },
      body: "{}",
    }).then((r) => r.json());
    assert.deepEqual(
      listed.filter((s) => s.label === "Ideaboard desktop app"),
      [],
      "the app's session was ended when it left",
    );
  });
});
