import type { IdeaPage, IdeaSummary } from "../ipc";

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
