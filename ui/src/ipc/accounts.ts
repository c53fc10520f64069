/**
 * Accounts on a shared board, for the web portal: sign up and in with an email and a
 * password, sign out, the member's own sessions, changing one's password and setting
 * a new one with an admin's reset link. These are the server's routes
 * under `/api/auth/` (they turn a password into a cookie session), not commands of
 * the contract; the desktop's local profiles are the contract's `list_profiles` and
 * `sign_in`. Whether the host has accounts or local profiles: `hasAccounts()`.
 *
 * The desktop app on a shared board has accounts too, but its window reaches the
 * server through the app (./boards.ts): signing in there is the contract's
 * `join_board` with the board's address, signing out is `leave_board`, and who the
 * window is comes from `current_profile`.
 */
import type { MemberProfile, SessionInfo, SignIn, SignUp } from "./bindings";
import { backend } from "./backend";
import { onSharedBoardInApp, shownBoard } from "./boards";
import { currentProfile, joinBoard, leaveBoard } from "./commands";
import { forgetSession, post, rememberSession, sessionAnswer, watchSession as watchHttpSession, type SessionAnswer } from "./http";

export type { SessionAnswer } from "./http";

/** Whether members sign in with an account (a shared board) rather than pick a local profile. */
export function hasAccounts(): boolean {
  return !backend().serves("list_profiles");
}

/** Whether the member's own list of sessions can be shown and ended here (the web portal). */
export function listsSessions(): boolean {
  return hasAccounts() && !onSharedBoardInApp();
}

/** In the app's window on a shared board: who the server says the window is. */
async function appSession(): Promise<SessionAnswer> {
  return { profile: await currentProfile(), session: null, csrfToken: null };
}

/** The address of the shared board the app's window shows. */
function shownServer(): string {
  return shownBoard()?.location ?? "";
}

/** Who the server says this page is signed in as, asked anew. */
export function currentSession(): Promise<SessionAnswer> {
  if (onSharedBoardInApp()) return appSession();
  return sessionAnswer(true);
}

/** Opens a new account (a fan's, or the role its invitation gives) and signs in to it. */
export async function signUp(input: SignUp): Promise<SessionAnswer> {
  if (onSharedBoardInApp()) {
    await joinBoard(shownServer(), input.email, input.password, input.displayName, input.invitation ?? null);
    return appSession();
  }
  return rememberSession(await post<SessionAnswer>("/api/auth/sign_up", input));
}

/** Signs in with an email and a password. */
export async function signInWithPassword(input: SignIn): Promise<SessionAnswer> {
  if (onSharedBoardInApp()) {
    await joinBoard(shownServer(), input.email, input.password, null, null);
    return appSession();
  }
  return rememberSession(await post<SessionAnswer>("/api/auth/sign_in", input));
}

/**
 * Ends this page's session: a guest from now on. In the app's window, signing out
 * of a shared board leaves it (its token is removed from the machine) and the
 * window shows its board file again.
 */
export async function signOutOfAccount(): Promise<void> {
  const board = onSharedBoardInApp() ? shownBoard() : null;
  if (board !== null) {
    await leaveBoard(board.id);
    return;
  }
  await post<null>("/api/auth/sign_out");
  forgetSession();
}

/** Calls `handler` whenever the server names another member for this page (the web portal's cookie session); returns the unsubscribe. */
export function watchSession(handler: (answer: SessionAnswer) => void): () => void {
  // The app's window has one session per shared board, changed only by the app itself.
  if (onSharedBoardInApp()) return () => {};
  return watchHttpSession(handler);
}

/** The member's live sessions, the one asking marked `current`. */
export function listSessions(): Promise<SessionInfo[]> {
  return post<SessionInfo[]>("/api/auth/sessions");
}

/** Ends one of the member's sessions at once (another browser, a lost device). */
export async function revokeSession(id: string): Promise<void> {
  await post<null>("/api/auth/sessions/revoke", { id });
}

/**
 * Changes the signed-in member's password, given the current one; their other
 * sessions end, this one stays.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await post<null>("/api/auth/change_password", { currentPassword, newPassword });
}

/**
 * Sets a new password with an admin's reset link (its token), which it spends; every
 * session of the member ends, so the person signs in again with the new password.
 * Resolves to whose account it was.
 */
export function resetPassword(token: string, password: string): Promise<MemberProfile> {
  return post<MemberProfile>("/api/auth/reset_password", { token, password });
}
