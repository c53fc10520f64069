import type { IdeaSort, IdeaStatus } from "../../ipc";
import type { MessageKey } from "../../i18n";

export const PAGE_SIZE = 30;

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
