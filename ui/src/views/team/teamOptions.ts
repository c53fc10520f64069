import type { IdeaStatus } from "../../ipc";
import { STATUSES } from "../vote/options";

/**
 * The status a status change offers first: of the statuses the core allows (sent with
 * the idea), the first that lies ahead of the current one in journey order, else the
 * first allowed. The UI keeps no copy of the workflow, only the display order.
 */
export function firstChoice(current: IdeaStatus | undefined, allowed: readonly IdeaStatus[]): IdeaStatus | undefined {
  const at = current === undefined ? -1 : STATUSES.indexOf(current);
  return allowed.find((s) => STATUSES.indexOf(s) > at) ?? allowed[0];
}

/** The statuses every one of several ideas may move to (a bulk change), in the first one's order. */
export function allowedForAll(lists: readonly (readonly IdeaStatus[])[]): IdeaStatus[] {
  const [first = [], ...rest] = lists;
  return first.filter((s) => rest.every((list) => list.includes(s)));
}
