/**
 * One idea page's state: the idea, its thread, and the actions on both. Every action
 * takes the core's answer as the new truth (counts, own vote, reactions), so the page
 * never guesses. Votes, comments and status changes answer with all the page shows
 * of what they moved, so they ask nothing more (what else they moved, the member's
 * standing and the board's counts, reaches the frame from the same answer:
 * app/writes.svelte.ts).
 */
import {
  addComment,
  changeStatus,
  changeVotePriority,
  deleteComment,
  editComment,
  editIdea,
  getIdea,
  listComments,
  react,
  setCommentHidden,
  setFollowing,
  setIdeaHidden,
  setIdeaLabels,
  setIdeaPinned,
  toIpcError,
  unvote,
  vote,
  type CommentKind,
  type CommentView,
  type IdeaDetail,
  type IdeaStatus,
  type IpcError,
  type Priority,
  type Reaction,
} from "../../ipc";
import { sameAnswer } from "../../app/follow.svelte";

export type PagePhase = "loading" | "ready" | "error";

export class IdeaPage {
  detail = $state.raw<IdeaDetail | null>(null);
  comments = $state.raw<CommentView[]>([]);
  phase = $state<PagePhase>("loading");
  error = $state.raw<IpcError | null>(null);

  readonly #onchange: () => void;
  #generation = 0;
  #id = "";

  /**
   * `onchange` runs after a successful write that does not answer with what else it
   * moved (the member's points may have).
   */
  constructor(onchange: () => void = () => {}) {
    this.#onchange = onchange;
  }

  get ideaId(): string {
    return this.#id;
  }

  async load(id: string): Promise<void> {
    const generation = ++this.#generation;
    this.#id = id;
    this.phase = "loading";
    this.error = null;
    try {
      const [detail, comments] = await Promise.all([getIdea(id), listComments(id)]);
      if (generation !== this.#generation) return;
      this.detail = detail;
      this.comments = comments;
      this.phase = "ready";
    } catch (reason) {
      if (generation !== this.#generation) return;
      this.error = toIpcError(reason);
      this.phase = "error";
    }
  }

  async vote(priority: Priority): Promise<void> {
    this.detail = (await vote(this.#id, priority)).detail;
  }

  async changePriority(priority: Priority): Promise<void> {
    this.detail = (await changeVotePriority(this.#id, priority)).detail;
  }

  async unvote(): Promise<void> {
    this.detail = (await unvote(this.#id)).detail;
  }

  /** Team: moves the idea along its journey; `note`, the official answer. */
  async changeStatus(to: IdeaStatus, note: string | null): Promise<void> {
    this.detail = (await changeStatus({ ideaId: this.#id, to, note })).detail;
  }

  async setFollowing(on: boolean): Promise<void> {
    await this.#idea(() => setFollowing(this.#id, on));
  }

  async post(body: string, kind: CommentKind, parentId: string | null = null): Promise<void> {
    const added = await addComment({ ideaId: this.#id, parentId, kind, body });
    this.comments = [...this.comments, added.comment];
    this.detail = added.detail;
  }

  async edit(commentId: string, body: string): Promise<void> {
    this.#replace(await editComment(commentId, body));
  }

  async remove(commentId: string): Promise<void> {
    await deleteComment(commentId);
    this.comments = await listComments(this.#id);
    await this.#refreshIdea();
  }

  async react(comment: CommentView, reaction: Reaction): Promise<void> {
    const on = !comment.myReactions.includes(reaction);
    this.#replace(await react(comment.id, reaction, on));
  }

  /** The author (inside the edit window) or the team: a new title and description. */
  async editIdea(title: string, body: string): Promise<void> {
    await this.#idea(() => editIdea(this.#id, { title, body }));
  }

  /** Team: re-categorises and re-tags the idea. */
  async setLabels(category: string | null, tags: string[]): Promise<void> {
    await this.#idea(() => setIdeaLabels(this.#id, category, tags));
  }

  /** Team: hides the idea from fans, or shows it again. */
  async setHidden(on: boolean): Promise<void> {
    await this.#idea(() => setIdeaHidden(this.#id, on));
  }

  /** Team: pins the idea to the top of the lists, or unpins it. */
  async setPinned(on: boolean): Promise<void> {
    await this.#idea(() => setIdeaPinned(this.#id, on));
  }

  /** Team: hides a public comment from fans, or shows it again. */
  async setCommentHidden(commentId: string, hidden: boolean): Promise<void> {
    await setCommentHidden(commentId, hidden);
    this.comments = await listComments(this.#id);
    await this.#refreshIdea();
  }

  /**
   * Another write moved this idea or its thread (the board's change feed): takes the
   * core's answer in place, no loading state, and only what differs, so the
   * member's draft, open forms and scroll stay.
   */
  async refreshQuietly(idea: boolean, comments: boolean): Promise<void> {
    if (this.phase !== "ready") return;
    const generation = this.#generation;
    const was = { detail: this.detail, comments: this.comments };
    try {
      const [detail, thread] = await Promise.all([
        idea ? getIdea(this.#id) : null,
        comments ? listComments(this.#id) : null,
      ]);
      if (generation !== this.#generation) return;
      // What this window's own write put there meanwhile is newer than the answer.
      if (detail !== null && this.detail === was.detail && !sameAnswer(detail, was.detail)) this.detail = detail;
      if (thread !== null && this.comments === was.comments && !sameAnswer(thread, was.comments)) {
        this.comments = thread;
      }
    } catch (reason) {
      if (generation !== this.#generation) return;
      // Hidden or merged away from this member while they looked at it.
      this.error = toIpcError(reason);
      this.phase = "error";
    }
  }

  async #idea(action: () => Promise<IdeaDetail>): Promise<void> {
    this.detail = await action();
    this.#onchange();
  }

  async #refreshIdea(): Promise<void> {
    try {
      this.detail = await getIdea(this.#id);
    } catch {
      // The comment is saved; a stale comment count is not worth an error.
    }
    this.#onchange();
  }

  #replace(comment: CommentView): void {
    this.comments = this.comments.map((c) => (c.id === comment.id ? comment : c));
    this.#onchange();
  }
}
