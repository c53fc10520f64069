/**
 * A shared board's account in this page (the web portal): signing up, in and out
 * with the server, after which `session` acts as the member the server names. The
 * server can also say the page is someone else now (signed in or out in another
 * tab, this session revoked from another browser): `followAccount` hands that on.
 */
import {
  changePassword as changeAccountPassword,
  currentSession,
  resetPassword,
  onSharedBoardInApp,
  signInWithPassword,
  signOutOfAccount,
  signUp as openAccount,
  watchSession,
  type MemberProfile,
  type SessionAnswer,
  type SignUp,
} from "../ipc";
import { session } from "./session.svelte";

function adopt(answer: SessionAnswer): Promise<void> {
  return session.signedIn(answer.profile);
}

/** Signs in with an email and a password; rejects with the server's refusal. */
export async function signIn(email: string, password: string): Promise<void> {
  await adopt(await signInWithPassword({ email, password }));
}

/** Opens an account and signs in to it; rejects with the server's refusal. */
export async function signUp(input: SignUp): Promise<void> {
  await adopt(await openAccount(input));
}

/**
 * Ends this page's session; the page goes on as a guest. The app's window leaves
 * the shared board instead, and shows its board file again.
 */
export async function signOut(): Promise<void> {
  const leaving = onSharedBoardInApp();
  await signOutOfAccount();
  if (leaving) {
    window.location.reload();
    return;
  }
  await session.signedIn(null);
}

/** Follows the member the server says this page is; returns the unsubscribe. */
export function followAccount(): () => void {
  return watchSession((answer) => void adopt(answer));
}

/** Changes the member's password; their other sessions end, this page's stays. */
export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return changeAccountPassword(currentPassword, newPassword);
}

/**
 * Sets a new password with a reset link; resolves to whose account it was. Every
 * session of that member ended, this page's too if it was theirs: the page then
 * follows whoever the server says it is now.
 */
export async function resetWithLink(token: string, password: string): Promise<MemberProfile> {
  const profile = await resetPassword(token, password);
  await adopt(await currentSession());
  return profile;
}
