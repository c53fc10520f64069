// Bad board files, backups and a second start of the app, end to end (issue 8):
// an empty board file says so and changes nothing; one of its backups brings the
// board back, and the restore can be undone (a bad undo is refused, nothing lost);
// a board in a read-only folder opens read-only and refuses writes with a clear
// message; a second start on the same board brings the first window forward and
// says so. Runs in its own phase of scripts/e2e.sh, with a session bus (the
// single-instance plugin's) and root (the read-only folder is a read-only mount).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readdirSync, statSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { launchApp } from "./lib/app.mjs";
import { waitForList } from "./lib/ideaboard.mjs";
import { catalogues, q, uiHelpers } from "./lib/ui.mjs";
import { waitFor } from "./lib/webdriver.mjs";

const CLI = process.env.IDEABOARD_CLI;
const APP = process.env.IDEABOARD_APP;
const TMP = process.env.IDEABOARD_E2E_TMP;

function cli(...args) {
  return execFileSync(CLI, args, { encoding: "utf8" });
}

/** A fresh demo board at `dir/team.board`. */
function demoBoard(dir) {
  mkdirSync(dir, { recursive: true });
  const board = join(dir, "team.board");
  cli("seed", "--board", board, "--demo");
  return board;
}

describe("bad files, backups and two instances", { timeout: 600_000 }, () => {
  let text;
  let mounted = null;

  before(async () => {
    assert.ok(CLI && APP && TMP, "run through scripts/e2e.sh (IDEABOARD_CLI, IDEABOARD_APP)");
    text = await catalogues();
  });

  after(() => {
    if (mounted) execFileSync("umount", ["-l", mounted]);
  });

  it("an empty board file says so; a backup brings it back; a bad undo is refused", async () => {
    const dir = join(TMP, "reliability-empty");
    const board = demoBoard(dir);
    cli("backup", "--board", board);
    truncateSync(board, 0);

    const app = await launchApp({ board });
    try {
      const ui = uiHelpers(app);
      await ui.setLocale("en");
      await ui.waitVisible(`${q("board-trouble")}[data-code="EmptyFile"]`, "the empty-file screen");
      assert.equal(await ui.text(q("error-message")), text.en.get("error.EmptyFile"));
      await ui.waitVisible(`${q("backup-row")}[data-kind="manual"]`, "the backup to restore");
      assert.equal(statSync(board).size, 0, "the file was not changed");
      await ui.shot("board-trouble-en");
      await ui.setLocale("zh-CN");
      await ui.waitText(q("error-message"), (t) => t === text["zh-CN"].get("error.EmptyFile"), "the message in Chinese");
      await ui.shot("board-trouble-zh");
      await ui.setLocale("en");

      await ui.click(q("backup-restore"));
      await ui.click(q("backup-restore-confirm"));
      const cards = await waitForList(app, "the restored board's ideas");
      assert.ok(cards.length > 0);
      await ui.waitVisible(q("notice-restored"), "the restored notice");
      const kept = readdirSync(`${board}.backups`).filter((f) => f.endsWith("-before-restore.board"));
      assert.equal(kept.length, 1, "the empty board it replaced is kept");
      assert.equal(statSync(join(`${board}.backups`, kept[0])).size, 0);
      await ui.shot("board-restored-en");
      await ui.setLocale("zh-CN");
      await ui.shot("board-restored-zh");
      await ui.setLocale("en");

      // Undoing would put the empty file back: refused, and the board stays.
      await ui.click(q("undo-restore"));
      await ui.waitText(`${q("notice-restored")} .form-error`, (t) => t === text.en.get("error.EmptyFile"), "the refused undo");
      assert.ok((await waitForList(app, "the ideas, still there")).length > 0);
    } finally {
      await app.delete();
    }
  });

  it("a board in a read-only folder opens read-only and refuses writes", async () => {
    const dir = join(TMP, "reliability-ro");
    demoBoard(dir);
    const view = join(TMP, "reliability-ro-view");
    mkdirSync(view, { recursive: true });
    execFileSync("mount", ["--bind", dir, view]);
    mounted = view;
    execFileSync("mount", ["-o", "remount,ro,bind", view]);
    const board = join(view, "team.board");

    const app = await launchApp({ board });
    try {
      const ui = uiHelpers(app);
      await ui.setLocale("en");
      await ui.waitVisible(`${q("board-trouble")}[data-code="ReadOnly"]`, "the read-only screen");
      assert.equal(await ui.text(q("error-message")), text.en.get("error.ReadOnly"));
      await ui.click(q("open-read-only"));
      assert.ok((await waitForList(app, "the read-only board's ideas")).length > 0);
      await ui.waitVisible(q("notice-read-only"), "the read-only notice");
      await ui.signInAs("fan");
      await ui.click(`${q("idea-card")}:not([data-status="launched"]) ${q("card-vote")}`);
      await ui.waitText(q("card-vote-error"), (t) => t === text.en.get("error.ReadOnly"), "the refused vote");
      await ui.shot("board-read-only-en");
      await ui.setLocale("zh-CN");
      await ui.waitText(q("notice-read-only"), (t) => t === text["zh-CN"].get("notice.readOnly"), "the notice in Chinese");
      await ui.shot("board-read-only-zh");
    } finally {
      await app.delete();
      execFileSync("umount", ["-l", view]);
      mounted = null;
    }
  });

  it("a second start on the same board brings the first window forward and says so", async () => {
    assert.ok(process.env.DBUS_SESSION_BUS_ADDRESS, "a session bus (scripts/e2e.sh starts one for this suite)");
    const board = demoBoard(join(TMP, "reliability-twice"));
    const app = await launchApp({ board });
    try {
      const ui = uiHelpers(app);
      await ui.setLocale("en");
      await waitForList(app, "the first window's ideas");
      const second = spawn(APP, ["--board", board], { stdio: "ignore" });
      const code = await new Promise((done, fail) => {
        const timer = setTimeout(() => {
          second.kill("SIGKILL");
          fail(new Error("the second start did not hand over and exit within 30 s"));
        }, 30_000);
        second.on("exit", (status) => {
          clearTimeout(timer);
          done(status);
        });
      });
      assert.equal(code, 0, "the second start exits cleanly");
      await ui.waitText(q("notice-second-instance"), (t) => t.includes(text.en.get("notice.secondInstance")), "the notice");
      await ui.shot("second-instance-en");
      await waitFor(async () => (await ui.texts(q("idea-card"))).length > 0, { message: "the first window, still working" });
    } finally {
      await app.delete();
    }
  });
});
