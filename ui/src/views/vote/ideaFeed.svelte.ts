/**
 * The Vote view's list state: the current sort and filters, the ideas loaded so far and
 * paging by offset. A newer reload makes the answers of older requests irrelevant.
 */
import {
  getIdea,
  listIdeas,
  searchIdeas,
  toIpcError,
  unvote,
  vote,
  type IdeaSort,
  type IdeaStatus,
  type Highlighted,
  type IdeaSummary,
  type IpcError,
  type ListQuery,
  type SearchQuery,
} from "../../ipc";
import { MAX_SHOWN, PAGE_SIZE } from "./options";
import { sameAnswer } from "../../app/follow.svelte";

export type FeedPhase = "loading" | "ready" | "error";

/** How long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 200;

/** A page of either source: the plain list or search hits. */
interface FeedPage {
  items: IdeaSummary[];
  titles: Record<string, Highlighted>;
  offset: number;
  hasMore: boolean;
}

export class IdeaFeed {
  sort = $state<IdeaSort>("trending");
  category = $state<string | null>(null);
  status = $state<IdeaStatus | null>(null);
  /** Only ideas with this tag. */
  tag = $state<string | null>(null);
  /** Only the signed-in member's own ideas ("mine"). */
  mine = $state(false);
  /** Only ideas the signed-in member voted for ("I voted"). */
  voted = $state(false);
  /** Every idea loaded so far, in order. */
  items = $state.raw<IdeaSummary[]>([]);
  /** Index in `items` of the first card in the document (see `MAX_SHOWN`). */
  windowStart = $state(0);
  hasMore = $state(false);
  phase = $state<FeedPhase>("loading");
  error = $state.raw<IpcError | null>(null);
  loadingMore = $state(false);
  /** What is typed in the search box; the list shows search results once it is not blank. */
  search = $state("");
  /** The search the list currently shows (trimmed); empty when it shows the plain list. */
  activeSearch = $state("");
  /** While searching: `null` is by relevance, otherwise one of the list's sorts. */
  searchSort = $state<IdeaSort | null>(null);
  /** Highlighted titles of the current search results, by idea id. */
  titles = $state.raw<Record<string, Highlighted>>({});
  moreError = $state.raw<IpcError | null>(null);

  /** The last one-click vote that failed, shown on its card. */
  voteError = $state.raw<{ ideaId: string; error: IpcError } | null>(null);

  #generation = 0;
  #nextOffset = 0;
  #debounce: ReturnType<typeof setTimeout> | undefined;
  readonly #member: () => string | null;

  /** `member` names the signed-in member, for "mine" and "I voted". */
  constructor(member: () => string | null = () => null) {
    this.#member = member;
  }

  /** The cards in the document: a window of at most `MAX_SHOWN` of the loaded ideas. */
  get shown(): IdeaSummary[] {
    return this.items.slice(this.windowStart, this.windowStart + MAX_SHOWN);
  }

  /** Loaded ideas above the window, and below it. */
  get hiddenBefore(): number {
    return this.windowStart;
  }

  get hiddenAfter(): number {
    return Math.max(0, this.items.length - this.windowStart - MAX_SHOWN);
  }

  /** There is more below the window: loaded already, or still to fetch. */
  get canShowMore(): boolean {
    return this.hiddenAfter > 0 || this.hasMore;
  }

  /** Moves the window up a page, back over ideas loaded earlier. */
  showEarlier(): void {
    this.windowStart = Math.max(0, this.windowStart - PAGE_SIZE);
  }

  get filtered(): boolean {
    return this.category !== null || this.status !== null || this.tag !== null || this.mine || this.voted;
  }

  /**
   * The filters and page the list and search share. "Mine" and "I voted" become the
   * member's id; a guest has none (the toggles are not offered).
   */
  #filters(offset: number): Omit<ListQuery, "sort"> {
    const member = this.#member();
    return {
      category: this.category,
      status: this.status,
      tag: this.tag,
      author: this.mine ? member : null,
      votedBy: this.voted ? member : null,
      includeHidden: false,
      offset,
      limit: PAGE_SIZE,
    };
  }

  get searching(): boolean {
    return this.activeSearch !== "";
  }

  searchQuery(offset: number): SearchQuery {
    return { query: this.activeSearch, sort: this.searchSort, ...this.#filters(offset) };
  }

  async #fetch(offset: number): Promise<FeedPage> {
    if (!this.searching) {
      const page = await listIdeas(this.query(offset));
      return { ...page, titles: {} };
    }
    const page = await searchIdeas(this.searchQuery(offset));
    const titles: Record<string, Highlighted> = {};
    for (const hit of page.items) titles[hit.idea.id] = hit.title;
    return { items: page.items.map((hit) => hit.idea), titles, offset: page.offset, hasMore: page.hasMore };
  }

  /** Typing in the search box: runs the search once typing pauses. */
  setSearch(text: string): void {
    this.search = text;
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.#applySearch(), SEARCH_DEBOUNCE_MS);
  }

  /** Clear button and Esc: back to the plain list at once. */
  clearSearch(): void {
    clearTimeout(this.#debounce);
    this.search = "";
    this.#applySearch();
  }

  #applySearch(): void {
    const next = this.search.trim();
    if (next === this.activeSearch) return;
    if (next === "") this.searchSort = null;
    this.activeSearch = next;
    void this.reload();
  }

  query(offset: number): ListQuery {
    return { sort: this.sort, ...this.#filters(offset) };
  }

  async reload(): Promise<void> {
    const generation = ++this.#generation;
    this.phase = "loading";
    this.error = null;
    this.moreError = null;
    this.loadingMore = false;
    try {
      const page = await this.#fetch(0);
      if (generation !== this.#generation) return;
      this.items = page.items;
      this.windowStart = 0;
      this.titles = page.titles;
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
    if (this.phase !== "ready" || this.loadingMore) return;
    if (this.hiddenAfter > 0) {
      // Ideas loaded before and slid out of the window come back without a fetch.
      this.windowStart = Math.min(this.windowStart + PAGE_SIZE, this.items.length - MAX_SHOWN);
      return;
    }
    if (!this.hasMore) return;
    const generation = this.#generation;
    this.loadingMore = true;
    this.moreError = null;
    try {
      const page = await this.#fetch(this.#nextOffset);
      if (generation !== this.#generation) return;
      this.titles = { ...this.titles, ...page.titles };
      // Trending order can shift between pages; never show an idea twice.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
      const seen = new Set(this.items.map((idea) => idea.id));
      this.items = [...this.items, ...page.items.filter((idea) => !seen.has(idea.id))];
      this.windowStart = Math.max(this.windowStart, this.items.length - MAX_SHOWN);
      this.hasMore = page.hasMore;
      this.#nextOffset = page.offset + page.items.length;
    } catch (reason) {
      if (generation === this.#generation) this.moreError = toIpcError(reason);
    } finally {
      if (generation === this.#generation) this.loadingMore = false;
    }
  }

  /**
   * Another write moved these ideas (the board's change feed): their cards take the
   * core's answer in place, keeping order, window and scroll; an idea this member may
   * no longer see leaves the list. On the newest-first list (not a search), an idea it
   * has not loaded may be a new one, which belongs at the top: the list reloads.
   * Elsewhere ideas not loaded yet show on the next reload.
   */
  async refreshIdeas(ids: string[]): Promise<void> {
    const unknown = ids.some((id) => !this.items.some((idea) => idea.id === id));
    if (unknown && this.sort === "new" && this.activeSearch === "") {
      await this.reload();
      return;
    }
    const generation = this.#generation;
    const loaded = this.items.filter((idea) => ids.includes(idea.id));
    const answers = await Promise.all(
      loaded.map(async (was) => {
        try {
          return { was, idea: (await getIdea(was.id)).idea };
        } catch (reason) {
          return { was, idea: toIpcError(reason).code === "NotFound" ? null : undefined };
        }
      }),
    );
    if (generation !== this.#generation) return;
    let items = this.items;
    for (const { was, idea } of answers) {
      // A card this window changed meanwhile (a vote) already shows a newer answer.
      if (idea === undefined || !items.includes(was) || sameAnswer(was, idea)) continue;
      items = idea === null ? items.filter((item) => item !== was) : items.map((item) => (item === was ? idea : item));
    }
    this.items = items;
  }

  /**
   * One click on a card: votes (nice to have) or takes the member's vote back. The
   * card takes the core's answer; what else moved (points, votes left, the board's
   * counts) reaches the frame from the same answer (app/writes.svelte.ts).
   */
  async toggleVote(idea: IdeaSummary): Promise<void> {
    this.voteError = null;
    try {
      const { detail } = idea.myVote === null ? await vote(idea.id, "nice_to_have") : await unvote(idea.id);
      this.items = this.items.map((item) => (item.id === idea.id ? detail.idea : item));
    } catch (reason) {
      this.voteError = { ideaId: idea.id, error: toIpcError(reason) };
    }
  }

  setSort(sort: IdeaSort): void {
    if (this.searching) {
      if (sort === this.searchSort) return;
      this.searchSort = sort;
      void this.reload();
      return;
    }
    if (sort === this.sort) return;
    this.sort = sort;
    void this.reload();
  }

  setCategory(category: string | null): void {
    if (category === this.category) return;
    this.category = category;
    void this.reload();
  }

  /** While searching: back to ordering by relevance. */
  sortByRelevance(): void {
    if (this.searchSort === null) return;
    this.searchSort = null;
    void this.reload();
  }

  setStatus(status: IdeaStatus | null): void {
    if (status === this.status) return;
    this.status = status;
    void this.reload();
  }

  setTag(tag: string | null): void {
    if (tag === this.tag) return;
    this.tag = tag;
    void this.reload();
  }

  setMine(on: boolean): void {
    if (on === this.mine) return;
    this.mine = on;
    void this.reload();
  }

  setVoted(on: boolean): void {
    if (on === this.voted) return;
    this.voted = on;
    void this.reload();
  }

  /** A guest has no ideas or votes of their own: drops those filters (no reload). */
  forgetMember(): void {
    this.mine = false;
    this.voted = false;
  }
}
