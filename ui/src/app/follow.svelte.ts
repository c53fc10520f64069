/**
 * The window follows the board. The shell reads the board's change feed and sends a
 * page whenever something this member may know of changed: a write by the CLI,
 * another process, or this window itself. This store hands each page's changes to
 * the views that asked for them (`watch`), so that what is on screen refreshes with
 * nothing clicked.
 *
 * A view's refresh is coalesced: the first matching change starts a short wait
 * (`COALESCE_MS`), and everything that arrives meanwhile goes into one call; a
 * refresh never overlaps the previous one of the same view. A `reset` (the board was
 * imported into or restored) asks every view to reload what it shows. The entries
 * only say what changed, never how: views re-fetch it, quietly (no loading state,
 * input and scroll kept), and keep what they have when the answer is the same.
 *
 * This window's own writes come back through the feed too. A write whose answer
 * says which entries it reflects (`Moved.changes`, handed over by
 * app/writes.svelte.ts) has those entries skipped: the view that made the write took
 * its answer already, so nothing is fetched again. While a write is on its way,
 * pages wait: the feed may bring its entries before its answer arrives.
 */
import { onBoardChanges, type Change, type ChangePage, type ChangeSpan } from "../ipc";

/** How long a view waits for more changes before it refreshes once for all of them. */
export const COALESCE_MS = 100;

/** Which changes a view shows. */
export type Interest = (change: Change) => boolean;

/** Re-fetches what a view shows: the changes it matched, or `reset` to reload everything. */
export type Refresh = (changes: Change[], reset: boolean) => void | Promise<void>;

class Watcher {
  #pending: Change[] = [];
  #reset = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running = false;
  #stopped = false;

  constructor(
    readonly interest: Interest,
    readonly refresh: Refresh,
  ) {}

  offer(changes: Change[], reset: boolean): void {
    if (this.#stopped) return;
    const mine = changes.filter(this.interest);
    if (mine.length === 0 && !reset) return;
    this.#pending.push(...mine);
    this.#reset ||= reset;
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    // A refresh in flight runs the next one when it is done.
    if (this.#timer !== null || this.#running) return;
    this.#timer = setTimeout(() => void this.#run(), COALESCE_MS);
  }

  async #run(): Promise<void> {
    this.#timer = null;
    if (this.#stopped) return;
    const changes = this.#pending;
    const reset = this.#reset;
    this.#pending = [];
    this.#reset = false;
    this.#running = true;
    try {
      await this.refresh(changes, reset);
    } catch {
      // A failed refresh leaves the view as it was; the next change tries again.
    } finally {
      this.#running = false;
      if (this.#pending.length > 0 || this.#reset) this.#schedule();
    }
  }
}

export type ChangeListener = typeof onBoardChanges;

export class BoardFollow {
  /** The newest seq this window has been told of (0 before the first page). */
  latestSeq = $state(0);
  /** How many pages have come in: a sign of life for tests and diagnostics. */
  pages = $state(0);

  readonly #listen: ChangeListener;
  // Bookkeeping, not state: nothing renders from it.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #watchers = new Set<Watcher>();
  /** Writes of this window on their way, and the pages that wait for them. */
  #writing = 0;
  #held: ChangePage[] = [];
  /** Entries this window's answered writes reflect, until the feed brings them. */
  #own: ChangeSpan[] = [];

  constructor(listen: ChangeListener = onBoardChanges) {
    this.#listen = listen;
  }

  /** Calls `refresh` (coalesced) for the changes `interest` picks, and on resets; returns the unsubscribe. */
  watch(interest: Interest, refresh: Refresh): () => void {
    const watcher = new Watcher(interest, refresh);
    this.#watchers.add(watcher);
    return () => {
      watcher.stop();
      this.#watchers.delete(watcher);
    };
  }

  /** One page of the feed, as the shell sends it. */
  receive(page: ChangePage): void {
    this.pages += 1;
    this.latestSeq = page.latestSeq;
    if (this.#writing > 0) this.#held.push(page);
    else this.#deliver(page);
  }

  /** A write of this window started: pages wait until it has answered. */
  writeStarted(): void {
    this.#writing += 1;
  }

  /**
   * A write of this window ended; `reflected`, the entries its answer reflects
   * (null when it reflects none, or was refused). The pages that waited go out,
   * without those entries.
   */
  writeEnded(reflected: ChangeSpan | null): void {
    if (reflected !== null && reflected.last >= reflected.first) {
      this.#own = [...this.#own.slice(1 - OWN_KEPT), reflected];
    }
    this.#writing = Math.max(0, this.#writing - 1);
    if (this.#writing > 0) return;
    const held = this.#held;
    this.#held = [];
    for (const page of held) this.#deliver(page);
  }

  #deliver(page: ChangePage): void {
    const own = this.#own;
    const changes = page.changes.filter((c) => !own.some((span) => c.seq >= span.first && c.seq <= span.last));
    // Pages come in order and whole: entries up to latestSeq will not come again.
    this.#own = own.filter((span) => span.last > page.latestSeq);
    if (changes.length === 0 && !page.reset) return;
    for (const watcher of this.#watchers) watcher.offer(changes, page.reset);
  }

  /** Follows the shell's pages; returns the function that stops it. */
  start(): () => void {
    let stop: Promise<() => void> | null = null;
    try {
      stop = this.#listen((page) => this.receive(page));
    } catch {
      // Outside the app shell (unit tests) there is no feed to follow.
    }
    return () => void stop?.then((f) => f()).catch(() => {});
  }
}

/** Changes about ideas: any idea, or only the one with `id`. */
export function ideaChanged(id?: string): Interest {
  return (change) => change.kind === "idea" && (id === undefined || change.id === id);
}

/** Changes about the comments of the idea `ideaId`. */
export function commentsChanged(ideaId: string): Interest {
  return (change) => change.kind === "comment" && change.ideaId === ideaId;
}

/** How many reflected spans are kept while the feed has not brought them yet. */
const OWN_KEPT = 64;

/** The ids of the ideas among `changes`, once each. */
export function changedIdeas(changes: Change[]): string[] {
  const ids = changes.filter((c) => c.kind === "idea" && c.id !== null).map((c) => c.id as string);
  return ids.filter((id, at) => ids.indexOf(id) === at);
}

/** Whether two answers of the core are the same (they are plain JSON). */
export function sameAnswer(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The app's one follower of the board. */
export const follow = new BoardFollow();
