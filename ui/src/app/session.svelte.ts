/**
 * Who is acting in this window. The core keeps the signed-in member; this store
 * mirrors it for the UI and bumps `version` on every change of member, so views that
 * depend on the member (own votes, internal notes) reload.
 */
import {
  createProfile,
  currentProfile,
  listProfiles,
  signIn,
  signOut,
  type MemberProfile,
} from "../ipc";

export class Session {
  profile = $state.raw<MemberProfile | null>(null);
  version = $state(0);

  get isTeam(): boolean {
    return this.profile !== null && this.profile.role !== "fan";
  }

  async load(): Promise<void> {
    this.#set(await currentProfile());
  }

  /** Re-reads points and level after something that earns points. */
  async refresh(): Promise<void> {
    try {
      const profile = await currentProfile();
      if (profile?.id === this.profile?.id) this.profile = profile;
      else this.#set(profile);
    } catch {
      // Stale points are harmless; the next refresh catches up.
    }
  }

  profiles(): Promise<MemberProfile[]> {
    return listProfiles();
  }

  async signIn(memberId: string, passphrase: string | null): Promise<void> {
    this.#set(await signIn(memberId, passphrase));
  }

  async create(displayName: string): Promise<void> {
    this.#set(await createProfile(displayName));
  }

  async signOut(): Promise<void> {
    await signOut();
    this.#set(null);
  }

  #set(profile: MemberProfile | null): void {
    const changed = profile?.id !== this.profile?.id;
    this.profile = profile;
    if (changed) this.version += 1;
  }
}

/** The app's one session. */
export const session = new Session();
