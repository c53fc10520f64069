// Screenshots of the whole X display (the WebDriver screenshot can be a stale frame).
import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Where screenshots go: docs/screenshots when IDEABOARD_SCREENSHOTS=1, else the run's temp dir. */
export function screenshotDir() {
  if (process.env.IDEABOARD_SCREENSHOTS === "1") return join(repoRoot, "docs", "screenshots");
  return join(process.env.IDEABOARD_E2E_TMP ?? tmpdir(), "screenshots");
}

/**
 * Saves the X display as `<name>.png` with ImageMagick's `import`, then trims the
 * black screen around the app window (a black border is added first so that -trim
 * removes black, whatever colour the window's own corners are). Returns the path.
 */
export async function screenshot(name) {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad screenshot name: ${name}`);
  const dir = screenshotDir();
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await run("import", ["-window", "root", path], { timeout: 30_000 });
  await run("convert", [path, "-bordercolor", "black", "-border", "1", "-fuzz", "1%", "-trim", "+repage", path], {
    timeout: 30_000,
  });
  return path;
}
