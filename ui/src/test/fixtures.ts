import type {
  CommentAdded,
  CommentView,
  IdeaChanged,
  IdeaDetail,
  IdeaPage,
  IdeaSummary,
  MemberProfile,
  Moved,
  Notification,
} from "../ipc";

/** An idea summary as the core would send it; override what a test cares about. */
export function idea(number: number, overrides: Partial<IdeaSummary> = {}): IdeaSummary {
  return {
    id: `0190a000-0000-7000-8000-${String(number).padStart(12, "0")}`,
    number,
    title: `Idea number ${number}`,
    excerpt: `Why idea ${number} matters`,
    category: { slug: "drinks", name: "饮品", nameEn: "Drinks" },
    tags: [],
    status: "new",
    author: { id: "0190a000-0000-7000-8000-00000000aaaa", displayName: "Lin Mei", role: "fan" },
    createdAt: "2024-01-05T12:00:00Z",
    updatedAt: "2024-01-05T12:00:00Z",
    voteCount: 3,
    commentCount: 2,
    pinned: false,
    hidden: false,
    mergedInto: null,
    myVote: null,
    ...overrides,
  };
}

export function page(items: IdeaSummary[], offset = 0, hasMore = false): IdeaPage {
  return { items, offset, hasMore };
}

export function detail(summary: IdeaSummary, overrides: Partial<IdeaDetail> = {}): IdeaDetail {
  return {
    idea: summary,
    body: "Body of the idea",
    bodyHtml: "<p>Body of the idea</p>",
    votes: { niceToHave: 2, important: 1, critical: 0 },
    journey: [
      {
        from: null,
        to: "new",
        actor: summary.author,
        note: null,
        noteHtml: null,
        at: summary.createdAt,
      },
    ],
    following: false,
    canEdit: false,
    votingOpen: true,
    allowedStatuses: [],
    ...overrides,
  };
}

/** What else a write moved: Wang Fang's standing, the board's counts, no feed entries. */
export function moved(overrides: Partial<Moved> = {}): Moved {
  return {
    standing: { points: 12, level: 2, votesLeft: null },
    counts: { ideas: 10, votes: 30, comments: 20, members: 5 },
    changes: { first: 1, last: 0 },
    ...overrides,
  };
}

/** A write's answer on one idea: its page, and what else moved. */
export function changed(page: IdeaDetail, what: Partial<Moved> = {}): IdeaChanged {
  return { detail: page, moved: moved(what) };
}

/** `add_comment`'s answer: the comment, its idea's page, and what else moved. */
export function added(comment: CommentView, page: IdeaDetail, what: Partial<Moved> = {}): CommentAdded {
  return { comment, detail: page, moved: moved(what) };
}

let commentSeq = 0;

export function comment(overrides: Partial<CommentView> = {}): CommentView {
  commentSeq += 1;
  return {
    id: `0190b000-0000-7000-8000-${String(commentSeq).padStart(12, "0")}`,
    parentId: null,
    author: { id: "0190a000-0000-7000-8000-00000000bbbb", displayName: "Zhang Wei", role: "fan" },
    kind: "public",
    body: `Comment ${commentSeq}`,
    bodyHtml: `<p>Comment ${commentSeq}</p>`,
    createdAt: "2024-01-06T12:00:00Z",
    editedAt: null,
    deleted: false,
    hidden: false,
    reactions: [],
    myReactions: [],
    ...overrides,
  };
}

export function profile(overrides: Partial<MemberProfile> = {}): MemberProfile {
  return {
    id: "0190a000-0000-7000-8000-00000000cccc",
    displayName: "Wang Fang",
    role: "fan",
    joinedAt: "2024-01-01T00:00:00Z",
    points: 12,
    level: 2,
    hasPassphrase: false,
    ...overrides,
  };
}

type Handler = (args: Record<string, unknown>) => unknown;

/**
 * An `invoke` stand-in that answers by command name; a handler may throw an
 * `{ code, message }` object to play a core error. Unknown commands fail the test.
 */
export function commands(handlers: Record<string, Handler>) {
  return async (command: string, args: Record<string, unknown> = {}) => {
    const handler = handlers[command];
    if (!handler) throw new Error(`unexpected command ${command}`);
    return handler(args);
  };
}

/** A notification as the core would send it: Mia moved idea `id` to planned, unread. */
export function notification(id: number, overrides: Partial<Notification> = {}): Notification {
  return {
    id: String(id),
    kind: "status_changed",
    ideaId: `0190a000-0000-7000-8000-${String(id).padStart(12, "0")}`,
    ideaNumber: id,
    ideaTitle: `Idea ${id}`,
    actor: { id: "t", displayName: "Mia", role: "moderator" },
    status: "planned",
    createdAt: "2026-11-20T10:00:00Z",
    read: false,
    ...overrides,
  };
}
