/**
 * What this window's own writes moved, taken in one place. A write answers with its
 * subject, which the view that made it shows (the idea's page, the new comment, the
 * inbox's rows), and, when it moved more, with `moved`: the acting member's
 * standing, the board's counts and the feed entries it appended. Told of every write
 * by the ipc module, this puts the standing in the session and the counts in the
 * frame, and hands the entries to the follower, which skips them when the feed
 * brings them back. So nothing a write answered is asked for again.
 */
import { watchWrites, type Moved } from "../ipc";
import { follow } from "./follow.svelte";
import { overview } from "./overview.svelte";
import { session } from "./session.svelte";

/** The `moved` of a write's answer, if it has one. */
function movedOf(answer: unknown): Moved | null {
  if (typeof answer !== "object" || answer === null || !("moved" in answer)) return null;
  return (answer as { moved: Moved }).moved;
}

/** Takes what every write of this window moved; returns the function that stops it. */
export function takeWrites(): () => void {
  return watchWrites({
    started: () => follow.writeStarted(),
    ended: (_command, answer) => {
      const moved = movedOf(answer);
      if (moved !== null) {
        session.standing(moved.standing);
        overview.counts(moved.counts);
      }
      follow.writeEnded(moved?.changes ?? null);
    },
  });
}
