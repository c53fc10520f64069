import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import type { InvitationInfo, ListedMember, MemberProfile } from "../../../ipc";
import { setLocale } from "../../../i18n";
import { session } from "../../../app/session.svelte";
import { commands, profile } from "../../../test/fixtures";
import MembersView from "./MembersView.svelte";

const INVITATION = `ibi_${"ab".repeat(32)}`;
const RESET = `ibr_${"cd".repeat(32)}`;
const admin = profile({ id: "a", role: "admin", displayName: "Lin" });
const moderator = profile({ id: "m", role: "moderator", displayName: "Mia" });
const fan = profile({ id: "f", displayName: "Wang Fang", points: 80 });
const pending: InvitationInfo = {
  id: "i1",
  role: "admin",
  createdAt: "2026-11-20T10:00:00Z",
  expiresAt: "2026-11-23T10:00:00Z",
};

/** The directory as the core answers it: emails only for an admin. */
function directory(forAdmin: boolean): ListedMember[] {
  return [fan, moderator, admin].map((p, i) => ({
    profile: p,
    hasAccount: forAdmin,
    email: forAdmin ? `member${i}@example.com` : null,
  }));
}

function calls(command: string): unknown[] {
  return invoke.mock.calls.filter(([name]) => name === command).map(([, args]) => args);
}

async function as(who: MemberProfile, extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  invoke.mockImplementation(commands({ sign_in: () => who, votes_left: () => null }));
  await session.signIn(who.id, null);
  invoke.mockImplementation(
    commands({
      member_directory: () => ({ members: directory(who.role === "admin"), next: null }),
      sign_up_mode: () => "invite_only",
      list_invitations: () => [pending],
      ...extra,
    }),
  );
}

beforeEach(() => {
  invoke.mockReset();
  setLocale("en");
});

describe("the members page", () => {
  it("an admin sets who may join, makes an invitation link and a reset link", async () => {
    await as(admin, {
      set_sign_up_mode: (args) => args.mode,
      invite: (args) => ({
        invitation: { ...pending, id: "i2", role: (args.input as { role: string }).role },
        token: INVITATION,
      }),
      issue_password_reset: (args) => ({ memberId: args.memberId, expiresAt: pending.expiresAt, token: RESET }),
    });
    render(MembersView);

    const inviteOnly = await screen.findByTestId<HTMLInputElement>("sign-up-mode-invite_only");
    expect(inviteOnly.checked).toBe(true);
    expect(screen.getByTestId<HTMLButtonElement>("sign-up-mode-save").disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("sign-up-mode-closed"));
    await fireEvent.click(screen.getByTestId("sign-up-mode-save"));
    expect((await screen.findByTestId("sign-up-mode-notice")).textContent?.trim()).toBe("Sign-up is now: Closed.");
    expect(calls("set_sign_up_mode")).toEqual([{ mode: "closed" }]);

    await fireEvent.click(screen.getByTestId("invite-create"));
    const link = await screen.findByTestId<HTMLInputElement>("invite-link-value");
    expect(link.value).toBe(`${location.origin}/invite/${INVITATION}`);
    expect(calls("invite")).toEqual([{ input: { role: "moderator", validForHours: 72 } }]);
    await waitFor(() => expect(screen.getAllByTestId("invitation")).toHaveLength(2));

    const rows = await screen.findAllByTestId("directory-row");
    expect(rows.map((r) => r.dataset.name)).toEqual(["Wang Fang", "Mia", "Lin"]);
    expect(within(rows[0]!).getByTestId("directory-email").textContent).toBe("member0@example.com");
    await fireEvent.click(within(rows[0]!).getByTestId("directory-reset"));
    const reset = await screen.findByTestId<HTMLInputElement>("reset-link-value");
    expect(reset.value).toBe(`${location.origin}/reset/${RESET}`);
    expect(calls("issue_password_reset")).toEqual([{ memberId: "f" }]);
    expect(screen.getByTestId("reset-dialog").textContent).toContain("Password reset for Wang Fang");
  });

  it("an admin revokes an open invitation; a refusal is said in words", async () => {
    await as(admin, {
      revoke_invitation: () => {
        throw { code: "NotFound", message: "invitation", params: { what: "invitation" } };
      },
    });
    render(MembersView);
    await fireEvent.click(await screen.findByTestId("invitation-revoke"));
    expect((await screen.findByTestId("invitations-error")).textContent).not.toBe("");
    expect(screen.getAllByTestId("invitation")).toHaveLength(1);
  });

  it("a moderator sees the members, without emails, and changes nothing", async () => {
    await as(moderator);
    render(MembersView);
    const rows = await screen.findAllByTestId("directory-row");
    expect(rows).toHaveLength(3);
    for (const id of ["sign-up-mode", "invitations", "directory-email", "directory-reset", "directory-role"]) {
      expect(screen.queryByTestId(id), id).toBeNull();
    }
    expect(screen.getByTestId("members-view").textContent).not.toContain("@");
    expect(calls("sign_up_mode")).toEqual([]);
  });

  it("shows the empty, failed and paged states of the directory", async () => {
    let page = 0;
    await as(moderator, {
      member_directory: (args) => {
        page += 1;
        const query = args.query as { after: string | null };
        if (page === 1) throw { code: "Storage", message: "disk", params: {} };
        if (page === 2) return { members: directory(false).slice(0, 2), next: "m" };
        expect(query.after).toBe("m");
        return { members: directory(false).slice(2), next: null };
      },
    });
    render(MembersView);
    await fireEvent.click(await screen.findByTestId("retry"));
    expect(await screen.findAllByTestId("directory-row")).toHaveLength(2);
    await fireEvent.click(screen.getByTestId("directory-more"));
    await waitFor(() => expect(screen.getAllByTestId("directory-row")).toHaveLength(3));
    expect(screen.queryByTestId("directory-more")).toBeNull();
  });
});
