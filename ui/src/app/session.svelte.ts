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
  votesLeft,
  type MemberProfile,
  type Standing,
} from "../ipc";

export class Session {
  profile = $state.raw<MemberProfile | null>(null);
  version = $state(0);
  /** Votes left under the board's budget; null when the board has none (or unknown). */
  votesLeft = $state<number | null>(null);
  /** How many write answers set the budget: a read started before one is stale. */
  #budgetTaken = 0;

  get isTeam(): boolean {
    return this.profile !== null && this.profile.role !== "fan";
  }

  async load(): Promise<void> {
    this.#set(await currentProfile());
    void this.#loadBudget();
  }

  /** Re-reads points, level and the vote budget after something that changes them. */
  async refresh(): Promise<void> {
    const was = this.profile;
    try {
      const profile = await currentProfile();
      // A write's answer taken meanwhile is newer than this one; the same answer
      // again keeps what is shown.
      if (this.profile !== was) return;
      if (profile?.id === this.profile?.id) {
        if (JSON.stringify(profile) !== JSON.stringify(this.profile)) this.profile = profile;
      } else this.#set(profile);
    } catch {
      // Stale points are harmless; the next refresh catches up.
    }
    await this.#loadBudget();
  }

  /** The acting member's standing as one of their writes answered it (no call). */
  standing(standing: Standing): void {
    const profile = this.profile;
    if (profile === null) return;
    if (profile.points !== standing.points || profile.level !== standing.level) {
      this.profile = { ...profile, points: standing.points, level: standing.level };
    }
    this.votesLeft = standing.votesLeft;
    this.#budgetTaken += 1;
  }

  /** The core's answer to a rename of the acting member. */
  renamed(profile: MemberProfile): void {
    if (profile.id === this.profile?.id) this.profile = profile;
  }

  /** The member a shared board's server now says this page acts as (signed in, out, or elsewhere). */
  async signedIn(profile: MemberProfile | null): Promise<void> {
    if (JSON.stringify(profile) === JSON.stringify(this.profile)) return;
    this.#set(profile);
    await this.#loadBudget();
  }

  profiles(): Promise<MemberProfile[]> {
    return listProfiles();
  }

  async signIn(memberId: string, passphrase: string | null): Promise<void> {
    this.#set(await signIn(memberId, passphrase));
    void this.#loadBudget();
  }

  async create(displayName: string): Promise<void> {
    this.#set(await createProfile(displayName));
    void this.#loadBudget();
  }

  async signOut(): Promise<void> {
    await signOut();
    this.#set(null);
    this.votesLeft = null;
  }

  async #loadBudget(): Promise<void> {
    if (this.profile === null) {
      this.votesLeft = null;
      return;
    }
    const taken = this.#budgetTaken;
    try {
      const left = await votesLeft();
      // A write's answer taken meanwhile is newer than this one.
      if (left !== this.votesLeft && taken === this.#budgetTaken) this.votesLeft = left;
    } catch {
      // Shown again on the next refresh; voting itself still enforces the budget.
    }
  }

  #set(profile: MemberProfile | null): void {
    const changed = profile?.id !== this.profile?.id;
    this.profile = profile;
    if (changed) this.version += 1;
  }
}

/** The app's one session. */
export const session = new Session();
