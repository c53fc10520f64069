/**
 * The open board's overview that frames every view: its name, categories, counts
 * and the input limits. Loaded when the window opens (and when another board file
 * comes in), refreshed when the feed says something moved elsewhere, and given the
 * counts a write of this window answered with (no call).
 */
import { boardOverview, toIpcError, type BoardCounts, type BoardOverview, type IpcError } from "../ipc";
import { sameAnswer } from "./follow.svelte";

export class Overview {
  value = $state.raw<BoardOverview | null>(null);
  failure = $state.raw<IpcError | null>(null);

  async load(): Promise<void> {
    this.failure = null;
    try {
      this.value = await boardOverview();
    } catch (reason) {
      this.failure = toIpcError(reason);
    }
  }

  /** The overview again, after writes made elsewhere; kept when the answer is the same. */
  async refresh(): Promise<void> {
    const was = this.value;
    const next = await boardOverview();
    // What a write answered meanwhile is newer than this answer.
    if (this.value === was && !sameAnswer(next, was)) this.value = next;
  }

  /** The board's counts as a write of this window answered them. */
  counts(counts: BoardCounts): void {
    if (this.value !== null && !sameAnswer(this.value.counts, counts)) this.value = { ...this.value, counts };
  }
}

/** The app's one overview. */
export const overview = new Overview();
