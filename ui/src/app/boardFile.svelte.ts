/**
 * The board file behind this window: what the background look-over found, the
 * backups restored from this window, and a second start of the app on this board.
 * `version` bumps whenever the board behind the window was replaced or reopened, so
 * the app reloads everything it shows.
 */
import {
  boardHealth,
  onBoardHealth,
  onSecondInstance,
  openReadOnly,
  restoreBackup,
  type BackupInfo,
  type BoardHealth,
} from "../ipc";

export interface Restored {
  from: BackupInfo;
  /** The board as it was before, kept as a backup: the undo. */
  kept: BackupInfo | null;
}

export class BoardFile {
  version = $state(0);
  health = $state.raw<BoardHealth | null>(null);
  restored = $state.raw<Restored | null>(null);
  secondInstance = $state(false);

  async loadHealth(): Promise<void> {
    try {
      this.health = await boardHealth();
    } catch {
      // No health yet is the same as nothing found; the event brings it later.
    }
  }

  /** Puts `backup` in the board's place; rejects with the core's error, changing nothing. */
  async restore(backup: BackupInfo): Promise<void> {
    const kept = await restoreBackup(backup.fileName);
    this.restored = { from: backup, kept };
    this.version++;
    await this.loadHealth();
  }

  async openReadOnly(): Promise<void> {
    await openReadOnly();
    this.version++;
    await this.loadHealth();
  }

  /** Follows the shell's events; returns the unsubscribe. */
  listen(): () => void {
    const stops: Array<Promise<() => void>> = [];
    try {
      stops.push(onBoardHealth((health) => (this.health = health)));
      stops.push(onSecondInstance(() => (this.secondInstance = true)));
    } catch {
      // Outside the app shell (unit tests) there are no events to follow.
    }
    return () => {
      for (const stop of stops) void stop.then((f) => f()).catch(() => {});
    };
  }
}

export const boardFile = new BoardFile();
