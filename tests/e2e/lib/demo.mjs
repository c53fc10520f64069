// A suite of its own on a demo board of its own: seeded by the real ideaboard-cli in
// the run's temp dir, opened by a fresh app, in English, its idea list shown.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchApp } from "./app.mjs";
import { waitForList } from "./ideaboard.mjs";
import { uiHelpers } from "./ui.mjs";

/** Seeds `<tmp>/<name>/<file>` with the demo and opens the app on it: `{ app, ui, board }`. */
export async function launchOnDemoBoard(name, file = `${name}.board`) {
  const cli = process.env.IDEABOARD_CLI;
  const tmp = process.env.IDEABOARD_E2E_TMP;
  assert.ok(cli && tmp, "run through scripts/e2e.sh (IDEABOARD_CLI, IDEABOARD_E2E_TMP)");
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const board = join(dir, file);
  execFileSync(cli, ["seed", "--board", board, "--demo"], { stdio: "ignore" });
  const app = await launchApp({ board });
  const ui = uiHelpers(app);
  await ui.setLocale("en");
  await waitForList(app, "the demo board's ideas");
  return { app, ui, board };
}
