/**
 * The Vote view's list state: the current sort and filters, the ideas loaded so far and
 * paging by offset. A newer reload makes the answers of older requests irrelevant.
 */
import {
  listIdeas,
  toIpcError,
  unvote,
  vote,
  type IdeaSort,
  type IdeaStatus,
  type IdeaSummary,
  type IpcError,
  type ListQuery,
} from "../../ipc";
import { PAGE_SIZE } from "./options";

export type FeedPhase = "loading" | "ready" | "error";

export class IdeaFeed {
  sort = $state<IdeaSort>("trending");
  category = $state<string | null>(null);
  status = $state<IdeaStatus | null>(null);
  items = $state.raw<IdeaSummary[]>([]);
  hasMore = $state(false);
  phase = $state<FeedPhase>("loading");
  error = $state.raw<IpcError | null>(null);
  loadingMore = $state(false);
  moreError = $state.raw<IpcError | null>(null);

  /** The last one-click vote that failed, shown on its card. */
  voteError = $state.raw<{ ideaId: string; error: IpcError } | null>(null);

  #generation = 0;
  #nextOffset = 0;
  readonly #onchange: () => void;

  /** `onchange` runs after a vote from the list (the member's points moved). */
  constructor(onchange: () => void = () => {}) {
    this.#onchange = onchange;
  }

  get filtered(): boolean {
    return this.category !== null || this.status !== null;
  }

  query(offset: number): ListQuery {
    return {
      sort: this.sort,
      category: this.category,
      status: this.status,
      tag: null,
      author: null,
      votedBy: null,
      includeHidden: false,
      offset,
      limit: PAGE_SIZE,
    };
  }

  async reload(): Promise<void> {
    const generation = ++this.#generation;
    this.phase = "loading";
    this.error = null;
    this.moreError = null;
    this.loadingMore = false;
    try {
      const page = await listIdeas(this.query(0));
      if (generation !== this.#generation) return;
      this.items = page.items;
      this.hasMore = page.hasMore;
      this.#nextOffset = page.offset + page.items.length;
      this.phase = "ready";
    } catch (reason) {
      if (generation !== this.#generation) return;
      this.error = toIpcError(reason);
      this.phase = "error";
    }
  }

  async loadMore(): Promise<void> {
    if (this.phase !== "ready" || !this.hasMore || this.loadingMore) return;
    const generation = this.#generation;
    this.loadingMore = true;
    this.moreError = null;
    try {
      const page = await listIdeas(this.query(this.#nextOffset));
      if (generation !== this.#generation) return;
      // Trending order can shift between pages; never show an idea twice.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
      const seen = new Set(this.items.map((idea) => idea.id));
      this.items = [...this.items, ...page.items.filter((idea) => !seen.has(idea.id))];
      this.hasMore = page.hasMore;
      this.#nextOffset = page.offset + page.items.length;
    } catch (reason) {
      if (generation === this.#generation) this.moreError = toIpcError(reason);
    } finally {
      if (generation === this.#generation) this.loadingMore = false;
    }
  }

  /** One click on a card: votes (nice to have) or takes the member's vote back. */
  async toggleVote(idea: IdeaSummary): Promise<void> {
    this.voteError = null;
    try {
      const detail = idea.myVote === null ? await vote(idea.id, "nice_to_have") : await unvote(idea.id);
      this.items = this.items.map((item) => (item.id === idea.id ? detail.idea : item));
      this.#onchange();
    } catch (reason) {
      this.voteError = { ideaId: idea.id, error: toIpcError(reason) };
    }
  }

  setSort(sort: IdeaSort): void {
    if (sort === this.sort) return;
    this.sort = sort;
    void this.reload();
  }

  setCategory(category: string | null): void {
    if (category === this.category) return;
    this.category = category;
    void this.reload();
  }

  setStatus(status: IdeaStatus | null): void {
    if (status === this.status) return;
    this.status = status;
    void this.reload();
  }
}
