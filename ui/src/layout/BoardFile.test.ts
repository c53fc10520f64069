import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import type { BackupInfo, BoardHealth } from "../ipc";
import { setLocale } from "../i18n";
import { boardFile } from "../app/boardFile.svelte";
import { commands } from "../test/fixtures";
import BoardTrouble from "./BoardTrouble.svelte";
import BoardNotices from "./BoardNotices.svelte";
import BackupsPanel from "../views/team/BackupsPanel.svelte";

function backup(fileName: string, kind: BackupInfo["kind"], takenAt: string): BackupInfo {
  return { path: `/boards/team.board.backups/${fileName}`, fileName, takenAt, kind, sizeBytes: 409_600 };
}

const daily = backup("20261129T090000.000Z-daily.board", "daily", "2026-11-29T09:00:00.000Z");
const manual = backup("20261128T090000.000Z-manual.board", "manual", "2026-11-28T09:00:00.000Z");
const kept = backup("20261130T100000.000Z-before-restore.board", "beforeRestore", "2026-11-30T10:00:00.000Z");
const healthy: BoardHealth = { readOnly: false, checked: true, problems: [], dailyBackup: null, backupError: null };
const list = { folder: "/boards/team.board.backups", backups: [daily, manual] };

function calls(command: string): unknown[] {
  return invoke.mock.calls.filter(([name]) => name === command).map(([, args]) => args);
}

beforeEach(() => {
  invoke.mockReset();
  setLocale("en");
  boardFile.restored = null;
  boardFile.health = null;
  boardFile.secondInstance = false;
});

describe("a board that does not open", () => {
  it("says why, that nothing changed, and restores a backup only after a confirmation", async () => {
    invoke.mockImplementation(
      commands({ list_backups: () => list, restore_backup: () => kept, board_health: () => healthy }),
    );
    render(BoardTrouble, { code: "BoardDamaged", onretry: () => {} });
    expect(screen.getByTestId("error-message").textContent).toBe("The board file is damaged, so it could not be read.");
    expect(screen.getByText("Nothing in the file was changed.")).toBeTruthy();
    const rows = await screen.findAllByTestId("backup-row");
    expect(rows.map((r) => r.dataset.kind)).toEqual(["daily", "manual"]);

    const version = boardFile.version;
    await fireEvent.click(screen.getAllByTestId("backup-restore")[0]!);
    expect(calls("restore_backup")).toEqual([]);
    await fireEvent.click(screen.getByTestId("backup-restore-confirm"));
    await waitFor(() => expect(calls("restore_backup")).toEqual([{ fileName: daily.fileName }]));
    await waitFor(() => expect(boardFile.version).toBe(version + 1));
    expect(boardFile.restored).toEqual({ from: daily, kept });
  });

  it("offers a read-only open for a damaged or read-only board, not for one from a newer build", async () => {
    invoke.mockImplementation(commands({ list_backups: () => ({ ...list, backups: [] }), open_read_only: () => null, board_health: () => ({ ...healthy, readOnly: true }) }));
    const { unmount } = render(BoardTrouble, { code: "NewerBoard", onretry: () => {} });
    expect(screen.queryByTestId("open-read-only")).toBeNull();
    expect(await screen.findByTestId("backups-empty")).toBeTruthy();
    unmount();

    render(BoardTrouble, { code: "ReadOnly", onretry: () => {} });
    await fireEvent.click(screen.getByTestId("open-read-only"));
    await waitFor(() => expect(calls("open_read_only")).toHaveLength(1));
    await waitFor(() => expect(boardFile.health?.readOnly).toBe(true));
  });

  it("keeps the board and says why when a restore is refused", async () => {
    invoke.mockImplementation(
      commands({
        list_backups: () => list,
        restore_backup: () => Promise.reject({ code: "OpenElsewhere", message: "open elsewhere" }),
      }),
    );
    render(BoardTrouble, { code: "EmptyFile", onretry: () => {} });
    await fireEvent.click((await screen.findAllByTestId("backup-restore"))[1]!);
    await fireEvent.click(screen.getByTestId("backup-restore-confirm"));
    const error = await screen.findByTestId("backup-error");
    expect(error.dataset.code).toBe("OpenElsewhere");
    expect(error.textContent).toBe("The board is open in another program. Close it there first.");
    expect(boardFile.restored).toBeNull();
  });
});

describe("notices about the board file", () => {
  it("shows read-only and damage, and undoes a restore by restoring what it kept", async () => {
    invoke.mockImplementation(commands({ restore_backup: () => null, board_health: () => healthy }));
    boardFile.health = { ...healthy, readOnly: true, problems: ["Tree 12 page 40: btreeInitPage() returns error code 11"] };
    boardFile.restored = { from: daily, kept };
    render(BoardNotices);
    expect(screen.getByTestId("notice-read-only")).toBeTruthy();
    expect(screen.getByTestId("notice-damaged").getAttribute("title")).toContain("btreeInitPage");
    await fireEvent.click(screen.getByTestId("undo-restore"));
    await waitFor(() => expect(calls("restore_backup")).toEqual([{ fileName: kept.fileName }]));
    await waitFor(() => expect(boardFile.restored?.from).toEqual(kept));
    expect(screen.queryByTestId("undo-restore")).toBeNull();
  });

  it("says when the app was started again on this board, in Chinese too", async () => {
    setLocale("zh-CN");
    boardFile.secondInstance = true;
    render(BoardNotices);
    expect(screen.getByTestId("notice-second-instance").textContent).toContain("已切换到此窗口");
  });
});

describe("backups in the team's settings", () => {
  it("lets an admin back up now and lists the new backup", async () => {
    const made = backup("20261130T110000.000Z-manual.board", "manual", "2026-11-30T11:00:00.000Z");
    let backups = [daily];
    invoke.mockImplementation(
      commands({
        list_backups: () => ({ ...list, backups }),
        backup_now: () => {
          backups = [made, daily];
          return made;
        },
      }),
    );
    render(BackupsPanel, { canEdit: true });
    expect(await screen.findAllByTestId("backup-row")).toHaveLength(1);
    await fireEvent.click(screen.getByTestId("backup-now"));
    expect((await screen.findByTestId("backup-made")).textContent).toContain(made.fileName);
    await waitFor(() => expect(screen.getAllByTestId("backup-row")).toHaveLength(2));
  });

  it("shows a moderator the list without the buttons", async () => {
    invoke.mockImplementation(commands({ list_backups: () => list }));
    render(BackupsPanel, { canEdit: false });
    expect(await screen.findAllByTestId("backup-row")).toHaveLength(2);
    expect(screen.queryByTestId("backup-now")).toBeNull();
    expect(screen.queryByTestId("backup-restore")).toBeNull();
    expect(screen.getByText("Only admins can back up and restore.")).toBeTruthy();
  });
});
