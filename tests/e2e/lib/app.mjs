// Starting the real Ideaboard app through tauri-driver (scripts/e2e.sh sets the env).
import { Session, waitFor } from "./webdriver.mjs";

export const WEBDRIVER_URL = process.env.IDEABOARD_WEBDRIVER_URL ?? "http://127.0.0.1:4444";

/**
 * Opens a WebDriver session on a fresh app process and waits until the UI has mounted.
 * `board` opens that board file (`--board`) instead of the default one.
 */
export async function launchApp({ board } = {}) {
  const application = process.env.IDEABOARD_APP;
  if (!application) throw new Error("IDEABOARD_APP is not set; run the suite through scripts/e2e.sh");
  const args = board ? ["--board", board] : [];
  const session = await Session.create(WEBDRIVER_URL, { "tauri:options": { application, args } });
  await waitFor(
    () => session.executeScript(`return !!document.querySelector('[data-testid="app-name"]');`),
    { timeout: 30_000, message: "the UI to mount" },
  );
  return session;
}
