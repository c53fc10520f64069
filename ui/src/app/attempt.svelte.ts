/**
 * One action a person starts from a view (sign in, sign out, end a session): whether
 * it is running, so that its button waits, and the refusal it ended with, to show in
 * the person's language. A second start while one runs is ignored.
 */
import { toIpcError, type IpcError } from "../ipc";

export class Attempt {
  busy = $state(false);
  failure = $state.raw<IpcError | null>(null);

  /** Runs `action`; resolves to whether it succeeded (a refusal is kept in `failure`). */
  async run(action: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.failure = null;
    try {
      await action();
      return true;
    } catch (reason) {
      this.failure = toIpcError(reason);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
