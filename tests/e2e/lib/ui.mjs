// Driving the app the way a person does: click, type, read texts, switch language,
// take screenshots. One set of helpers per WebDriver session.
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { currentLocale, waitForList } from "./ideaboard.mjs";
import { screenshot } from "./screenshot.mjs";
import { waitFor } from "./webdriver.mjs";

/** A CSS selector for a data-testid. */
export const q = (testId) => `[data-testid="${testId}"]`;

/** The passphrase of the demo board's team profiles (crates/core/src/seed). */
export const DEMO_PASSPHRASE = "ideaboard-demo";

export function uiHelpers(app) {
  async function click(css) {
    await waitFor(
      async () => {
        await (await app.find(css)).click();
        return true;
      },
      { message: `to click ${css}` },
    );
  }

  async function text(css) {
    return app.executeScript("return document.querySelector(arguments[0])?.textContent ?? null;", [css]);
  }

  async function texts(css) {
    return app.executeScript(
      "return Array.from(document.querySelectorAll(arguments[0])).map((e) => e.textContent.trim());",
      [css],
    );
  }

  async function waitText(css, predicate, message) {
    return waitFor(
      async () => {
        const value = await text(css);
        return value !== null && predicate(value.trim()) ? value.trim() : false;
      },
      { timeout: 15_000, message },
    );
  }

  async function waitVisible(css, message = css) {
    await waitFor(() => app.executeScript("return !!document.querySelector(arguments[0]);", [css]), {
      timeout: 15_000,
      message,
    });
  }

  // The element may be re-rendered between finding it and typing (a dialog that
  // finishes loading): a stale element is found again, emptied, and typed into anew.
  async function typeInto(css, value) {
    let attempt = 0;
    await waitFor(
      async () => {
        if (attempt++ > 0) {
          await app.executeScript(
            `const el = document.querySelector(arguments[0]);
             if (el) { el.value = ""; el.dispatchEvent(new Event("input", { bubbles: true })); }`,
            [css],
          );
        }
        const element = await app.find(css);
        await element.click();
        await element.sendKeys(value);
        return true;
      },
      { message: `to type into ${css}` },
    );
  }

  // WebKitWebDriver under Xvfb hangs typing "<", drops typed newlines and has no keys
  // for Chinese: such text goes in as a paste or an input method would, setting the
  // value and firing the input event the form listens to.
  async function paste(css, value) {
    await waitFor(() => app.find(css), { message: css });
    await app.executeScript(
      `const el = document.querySelector(arguments[0]);
       el.focus();
       el.value = arguments[1];
       el.dispatchEvent(new Event("input", { bubbles: true }));`,
      [css, value],
    );
  }

  // The X display can lag the DOM under software rendering: give it time to paint.
  async function shot(name) {
    await new Promise((done) => setTimeout(done, 700));
    await screenshot(name);
  }

  async function setLocale(locale) {
    if ((await currentLocale(app)) !== locale) await click(q("lang-switch"));
    await waitFor(async () => (await currentLocale(app)) === locale, { message: `locale ${locale}` });
  }

  async function goToList() {
    await click(q("nav-vote"));
    return waitForList(app, "the idea list");
  }

  /** Signs in with the first profile of `role` that needs no passphrase. */
  async function signInAs(role) {
    await click(q("profile-switch"));
    await waitVisible(q("profile-option"), "the profile list");
    await click(`${q("profile-option")}[data-role="${role}"]`);
    await waitFor(async () => (await text(q("profile-switcher"))) === null, {
      timeout: 15_000,
      message: `signing in as a ${role}`,
    });
  }

  /** Unlocks the first team profile of `role` with the demo board's passphrase. */
  async function signInTeam(role) {
    await click(q("profile-switch"));
    await waitVisible(q("profile-option"), "the profile list");
    await click(`${q("profile-option")}[data-role="${role}"]`);
    await typeInto(q("passphrase-input"), DEMO_PASSPHRASE);
    await click(q("passphrase-submit"));
    await waitText(q("member-role"), (t) => t === "Team", `a ${role} to be signed in`);
  }

  return { click, text, texts, waitText, waitVisible, typeInto, paste, shot, setLocale, goToList, signInAs, signInTeam };
}

const uiRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../ui/src/i18n");

/**
 * The UI's message catalogues (the main one and the team's) as key → text maps, read
 * from their sources (plain `"key": "text",` lines), so a test can tell a label of one language from the other.
 */
export async function catalogues() {
  const parse = async (...files) => {
    const entries = [];
    for (const file of files) {
      const source = await readFile(join(uiRoot, file), "utf8");
      entries.push(...source.matchAll(/^\s+"([\w.]+)":\s+"((?:[^"\\]|\\.)*)",$/gm));
    }
    return new Map(entries.map(([, key, value]) => [key, JSON.parse(`"${value}"`)]));
  };
  return { en: await parse("en.ts", "team.en.ts"), "zh-CN": await parse("zh-CN.ts", "team.zh-CN.ts") };
}
