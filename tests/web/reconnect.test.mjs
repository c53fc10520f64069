// A server that dies is not the end of a page: the test runs a server of its own
// (IDEABOARD_SERVER_BIN on IDEABOARD_WEB_DIR, from scripts/web-e2e.sh),
// opens an idea in Chromium, SIGKILLs the server and starts it again on the same
// port and board; a vote made afterwards through the API shows on the open page
// with nothing clicked, because the page's live feed reconnected by itself.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { q, uiHelpers } from "../e2e/lib/ui.mjs";
import { waitFor } from "../e2e/lib/webdriver.mjs";
import { environment, open, openBrowser } from "./lib/browser.mjs";

const { tmp } = environment();
const SERVER = process.env.IDEABOARD_SERVER_BIN;
const WEB_DIR = process.env.IDEABOARD_WEB_DIR;
const BOARD = join(tmp, "reconnect.board");
const ADMIN_EMAIL = "ops@example.com";
const ADMIN_PASSWORD = "a restart at three in the morning";

/** A loopback port free right now (the server is started on it twice). */
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

describe("the web portal after a server crash", { timeout: 120_000 }, () => {
  let port, url, server, browser, ui;

  async function start() {
    server = spawn(SERVER, ["--board", BOARD, "--demo", "--listen", `127.0.0.1:${port}`, "--web", WEB_DIR], {
      env: { ...process.env, RUST_LOG: "warn" },
      stdio: "ignore",
    });
    // scripts/web-e2e.sh stops it if the suite is cut short.
    writeFileSync(join(tmp, "reconnect-server.pid"), String(server.pid));
    await waitFor(
      async () => {
        try {
          return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) })).status === 200;
        } catch {
          return false;
        }
      },
      { timeout: 30_000, interval: 100, message: "the server to serve" },
    );
  }

  async function api(command, token, body) {
    const response = await fetch(`${url}/api/${command}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    assert.ok(response.ok, `${command}: ${JSON.stringify(answer)}`);
    return answer;
  }

  before(
    async () => {
      assert.ok(SERVER && WEB_DIR, "scripts/web-e2e.sh names the server binary and the portal");
      port = await freePort();
      url = `http://127.0.0.1:${port}`;
      await start();
      browser = await openBrowser("reconnect", { url });
      ui = uiHelpers(browser);
    },
    { timeout: 90_000 },
  );

  after(
    async () => {
      await browser?.delete().catch(() => {});
      server?.kill("SIGKILL");
    },
    { timeout: 30_000 },
  );

  it("reconnects by itself and shows a vote made after the restart", async () => {
    const made = spawnSync(SERVER, ["--board", BOARD, "admin", "create", "--name", "Ops", "--email", ADMIN_EMAIL], {
      env: { ...process.env, IDEABOARD_ADMIN_PASSWORD: ADMIN_PASSWORD, RUST_LOG: "warn" },
      encoding: "utf8",
    });
    assert.equal(made.status, 0, made.stderr);
    const signedIn = await fetch(`${url}/api/auth/sign_in`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, bearer: true }),
    }).then((r) => r.json());
    assert.ok(signedIn.token, JSON.stringify(signedIn));

    const page = await api("list_ideas", signedIn.token, {
      query: { sort: "trending", status: "new", includeHidden: false, offset: 0, limit: 1 },
    });
    const idea = page.items[0];
    await open(browser, `${url}/ideas/${idea.number}`);
    const count = async () => Number(((await ui.text(q("detail-vote-count"))) ?? "").replace(/[^0-9]/g, ""));
    await waitFor(async () => (await count()) === idea.voteCount, { message: "the idea's votes on the page" });

    server.kill("SIGKILL");
    await new Promise((done) => server.once("exit", done));
    await start();

    await api("vote", signedIn.token, { ideaId: idea.id, priority: "important" });
    await waitFor(async () => (await count()) === idea.voteCount + 1, {
      timeout: 40_000,
      interval: 250,
      message: "the vote made after the restart, live on the open page",
    });
  });
});
