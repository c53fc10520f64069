// Headless Chromium sessions on the portal, through chromedriver (scripts/web-e2e.sh
// starts both the server and the driver and sets the environment).
import assert from "node:assert/strict";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Session, waitFor } from "../../e2e/lib/webdriver.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The portal under test and the driver in front of Chromium. */
export function environment() {
  const portal = process.env.IDEABOARD_PORTAL_URL;
  const driver = process.env.IDEABOARD_WEBDRIVER_URL;
  const tmp = process.env.IDEABOARD_WEB_TMP;
  assert.ok(portal && driver && tmp, "run the suite through scripts/web-e2e.sh");
  return { portal, driver, tmp };
}

// A fresh profile for every browser (no cookies, no cache shared between the fan and
// the moderator), quiet (no first-run, no background traffic), software only.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--window-size=1400,900",
  "--lang=en-US",
];

/**
 * A new browser on the portal's start page, the UI mounted; `entries` gathers its log,
 * `downloads` is the folder its downloads are saved in (inside its own profile).
 * Options: `url`, another portal to open (a suite's own server); `args`, more Chromium
 * flags; `beforeOpen(session)`, run before the first page loads (to install a script
 * that runs before any page script, say).
 */
export async function openBrowser(name, { url, args = [], beforeOpen } = {}) {
  const { portal, driver, tmp } = environment();
  const profile = await mkdtemp(join(tmp, `chromium-${name}-`));
  const downloads = join(profile, "downloads");
  await mkdir(downloads, { recursive: true });
  const session = await Session.create(driver, {
    browserName: "chrome",
    "goog:chromeOptions": {
      binary: process.env.IDEABOARD_CHROMIUM ?? "/usr/bin/chromium",
      args: [...FLAGS, ...args, `--user-data-dir=${profile}`],
      prefs: { "download.default_directory": downloads, "download.prompt_for_download": false },
    },
    "goog:loggingPrefs": { browser: "ALL" },
  });
  session.entries = [];
  session.downloads = downloads;
  if (beforeOpen) await beforeOpen(session);
  await open(session, `${url ?? portal}/`);
  return session;
}

/** Loads `url` and waits for the portal to mount. */
export async function open(session, url) {
  await session.navigateTo(url);
  await waitFor(() => session.executeScript(`return !!document.querySelector('[data-testid="app-name"]');`), {
    timeout: 30_000,
    message: `the portal to mount at ${url}`,
  });
}

/** Reloads the page (the browser's own reload, not a navigation to the same address) and waits for the portal. */
export async function reload(session) {
  await session.command("POST", "/refresh", {});
  await waitFor(() => session.executeScript(`return !!document.querySelector('[data-testid="app-name"]');`), {
    timeout: 30_000,
    message: "the portal to mount again",
  });
}

/** What the browser logged since the last call (chromedriver's log endpoint), kept on the session too. */
export async function browserLog(session) {
  const entries = await session.command("POST", "/se/log", { type: "browser" });
  session.entries.push(...entries);
  return entries;
}

/** The log entries that are Content-Security-Policy violations. */
export function cspViolations(entries) {
  return entries.filter((e) => /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(e.message));
}

/** Where screenshots go: docs/screenshots with IDEABOARD_SCREENSHOTS=1, else the run's temp dir. */
function screenshotDir() {
  if (process.env.IDEABOARD_SCREENSHOTS === "1") return join(repoRoot, "docs", "screenshots");
  return join(process.env.IDEABOARD_WEB_TMP ?? tmpdir(), "screenshots");
}

/** Saves the browser's viewport as `<name>.png` (WebDriver's own screenshot: headless has no display). */
export async function screenshot(session, name) {
  if (!/^web-[a-z0-9-]+$/.test(name)) throw new Error(`bad screenshot name: ${name}`);
  // Fonts and transitions settle before the picture.
  await session.executeScript("return document.fonts.ready.then(() => true);");
  await new Promise((done) => setTimeout(done, 300));
  const png = await session.command("GET", "/screenshot");
  const dir = screenshotDir();
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await writeFile(path, Buffer.from(png, "base64"));
  return path;
}

/**
 * Switches the UI's language by its switch in the top bar, clicked from a script so
 * that an open dialog's backdrop (which a person would close first) is no obstacle.
 */
export async function setLocale(session, locale) {
  await waitFor(
    async () => {
      if ((await session.executeScript("return document.documentElement.lang;")) === locale) return true;
      await session.executeScript(`document.querySelector('[data-testid="lang-switch"]').click();`);
      return (await session.executeScript("return document.documentElement.lang;")) === locale;
    },
    { message: `the ${locale} UI` },
  );
}
