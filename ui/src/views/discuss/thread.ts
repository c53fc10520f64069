/**
 * Turns the core's flat thread (oldest first, each comment naming its parent) into the
 * tree the page shows: official answers pinned on top, then the rest oldest first,
 * replies under their parent. A reply whose parent is not in the list (an internal
 * note hidden from fans) stands at the top level rather than vanishing.
 */
import type { CommentView, Reaction } from "../../ipc";
import type { MessageKey } from "../../i18n";

export type ThreadNode = { comment: CommentView; replies: ThreadNode[] };

export function buildThread(comments: readonly CommentView[]): ThreadNode[] {
  const nodes = new Map<string, ThreadNode>();
  for (const comment of comments) nodes.set(comment.id, { comment, replies: [] });
  const roots: ThreadNode[] = [];
  for (const comment of comments) {
    const node = nodes.get(comment.id);
    if (!node) continue;
    const parent = comment.parentId === null ? undefined : nodes.get(comment.parentId);
    if (parent) parent.replies.push(node);
    else roots.push(node);
  }
  const official = roots.filter((node) => node.comment.kind === "official" && !node.comment.deleted);
  return [...official, ...roots.filter((node) => !official.includes(node))];
}

export const REACTIONS = ["like", "love", "insightful", "funny"] as const satisfies readonly Reaction[];

const allReactions: [Exclude<Reaction, (typeof REACTIONS)[number]>] extends [never] ? true : false =
  true;
void allReactions;

export const REACTION_EMOJI: Record<Reaction, string> = {
  like: "👍",
  love: "❤️",
  insightful: "💡",
  funny: "😄",
};

export function reactionKey(reaction: Reaction): MessageKey {
  return `reaction.${reaction}` as const;
}
