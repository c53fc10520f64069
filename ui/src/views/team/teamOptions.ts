import type { IdeaStatus } from "../../ipc";

/** Statuses the team moves ideas to by hand, in journey order (merging is its own action). */
export const TEAM_STATUSES = [
  "new",
  "under_review",
  "planned",
  "in_progress",
  "launched",
  "declined",
] as const satisfies readonly IdeaStatus[];

const NEXT: Partial<Record<IdeaStatus, IdeaStatus>> = {
  new: "under_review",
  under_review: "planned",
  planned: "in_progress",
  in_progress: "launched",
};

/** The status a status change offers first: the next step of an open idea's journey. */
export function nextStatus(current: IdeaStatus | undefined): IdeaStatus {
  return (current && NEXT[current]) ?? "under_review";
}
