/**
 * The triage inbox's state: the page of ideas the core ranks (past the support
 * threshold first, then by votes), a keyboard cursor and a selection for bulk status
 * changes. The ranking is the core's; this only pages, points and selects.
 */
import {
  changeStatusBulk,
  toIpcError,
  triageInbox,
  type IdeaStatus,
  type IpcError,
  type TriageItem,
} from "../../ipc";

export const INBOX_PAGE = 50;

export class Inbox {
  items = $state.raw<TriageItem[]>([]);
  threshold = $state(0);
  /** Ideas waiting in all, and how many of them are past the support threshold. */
  total = $state(0);
  pastThreshold = $state(0);
  hasMore = $state(false);
  phase = $state<"loading" | "ready" | "error">("loading");
  error = $state.raw<IpcError | null>(null);
  loadingMore = $state(false);
  /** Index of the row the keyboard points at. */
  cursor = $state(0);
  /** Ids of the selected ideas, in the order they were picked. */
  selected = $state.raw<readonly string[]>([]);

  readonly #load: typeof triageInbox;
  readonly #move: typeof changeStatusBulk;
  #generation = 0;

  constructor(load: typeof triageInbox = triageInbox, move: typeof changeStatusBulk = changeStatusBulk) {
    this.#load = load;
    this.#move = move;
  }

  async reload(): Promise<void> {
    const generation = ++this.#generation;
    this.phase = this.items.length === 0 ? "loading" : this.phase;
    this.error = null;
    try {
      const page = await this.#load({ status: null, offset: 0, limit: Math.max(INBOX_PAGE, this.items.length) });
      if (generation !== this.#generation) return;
      this.items = page.items;
      this.threshold = page.supportThreshold;
      this.total = page.total;
      this.pastThreshold = page.pastThreshold;
      this.hasMore = page.hasMore;
      this.cursor = Math.min(this.cursor, Math.max(0, page.items.length - 1));
      this.selected = this.selected.filter((id) => page.items.some((i) => i.idea.id === id));
      this.phase = "ready";
    } catch (reason) {
      if (generation !== this.#generation) return;
      this.error = toIpcError(reason);
      this.phase = "error";
    }
  }

  async loadMore(): Promise<void> {
    if (!this.hasMore || this.loadingMore) return;
    const generation = this.#generation;
    this.loadingMore = true;
    try {
      const page = await this.#load({ status: null, offset: this.items.length, limit: INBOX_PAGE });
      if (generation !== this.#generation) return;
      this.items = [...this.items, ...page.items];
      this.hasMore = page.hasMore;
    } catch (reason) {
      this.error = toIpcError(reason);
    } finally {
      this.loadingMore = false;
    }
  }

  /**
   * Moves the ideas `ids` to `to` with one answer, all or none, and takes the core's
   * answer in place: their rows as the inbox now shows them, those it no longer
   * holds gone, its figures; the selection is cleared. Resolves to how many moved.
   */
  async changeStatus(ids: readonly string[], to: IdeaStatus, note: string | null): Promise<number> {
    const answer = await this.#move([...ids], to, note);
    // A reload on its way started before this answer: it is older.
    this.#generation += 1;
    this.items = this.items
      .filter((item) => !answer.gone.includes(item.idea.id))
      .map((item) => answer.rows.find((row) => row.idea.id === item.idea.id) ?? item);
    this.total = answer.total;
    this.pastThreshold = answer.pastThreshold;
    this.cursor = Math.min(this.cursor, Math.max(0, this.items.length - 1));
    this.selected = [];
    return answer.rows.length + answer.gone.length;
  }

  move(by: number): void {
    if (this.items.length === 0) return;
    this.cursor = Math.min(this.items.length - 1, Math.max(0, this.cursor + by));
  }

  isSelected(id: string): boolean {
    return this.selected.includes(id);
  }

  toggle(id: string): void {
    this.selected = this.isSelected(id) ? this.selected.filter((s) => s !== id) : [...this.selected, id];
  }

  selectAll(on: boolean): void {
    this.selected = on ? this.items.map((i) => i.idea.id) : [];
  }

  /** The selected ideas, in list order. */
  get chosen(): TriageItem[] {
    return this.items.filter((i) => this.isSelected(i.idea.id));
  }
}
