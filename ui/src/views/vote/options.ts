import type { IdeaSort, IdeaStatus, Priority } from "../../ipc";
import type { MessageKey } from "../../i18n";

export const PAGE_SIZE = 30;

/**
 * Cards the list keeps in the document at most. Further pages slide this window
 * down (the earlier cards leave the document, a button brings them back): a fan who
 * scrolls through a thousand ideas keeps the memory of 150 cards, not of 1,000.
 */
export const MAX_SHOWN = 150;

export const SORTS = ["trending", "top", "new", "most_discussed"] as const satisfies readonly IdeaSort[];

/** Statuses in the order of an idea's journey. */
export const STATUSES = [
  "new",
  "under_review",
  "planned",
  "in_progress",
  "launched",
  "declined",
  "merged",
] as const satisfies readonly IdeaStatus[];

// Fail type checking when the bindings gain a sort or status these lists lack.
const allSorts: [Exclude<IdeaSort, (typeof SORTS)[number]>] extends [never] ? true : false = true;
const allStatuses: [Exclude<IdeaStatus, (typeof STATUSES)[number]>] extends [never] ? true : false =
  true;
void allSorts;
void allStatuses;

export function sortKey(sort: IdeaSort): MessageKey {
  return `sort.${sort}` as const;
}

export function statusKey(status: IdeaStatus): MessageKey {
  return `status.${status}` as const;
}

export const PRIORITIES = ["nice_to_have", "important", "critical"] as const satisfies readonly Priority[];

const allPriorities: [Exclude<Priority, (typeof PRIORITIES)[number]>] extends [never] ? true : false =
  true;
void allPriorities;

export function priorityKey(priority: Priority): MessageKey {
  return `vote.priority.${priority}` as const;
}
