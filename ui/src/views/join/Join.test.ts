import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useBackend, type Backend } from "../../ipc/backend";
import { forgetSession, httpBackend } from "../../ipc/http";
import { accountWording, setLocale, useWording } from "../../i18n";
import { session } from "../../app/session.svelte";
import { profile } from "../../test/fixtures";
import { fakeServer, type Answer } from "../../test/server";
import ChangePasswordForm from "../profile/ChangePasswordForm.svelte";
import InvitationView from "./InvitationView.svelte";
import ResetView from "./ResetView.svelte";

// The web portal's link pages and password form: the HTTP backend against a fake server.
let desktop: Backend;
beforeAll(() => {
  desktop = useBackend(httpBackend);
  useWording(accountWording);
});
afterAll(() => {
  useBackend(desktop);
  useWording(null);
});

const INVITATION = `ibi_${"ab".repeat(32)}`;
const RESET = `ibr_${"cd".repeat(32)}`;
const fan = profile({ id: "0190a000-0000-7000-8000-0000000000f1", displayName: "Lin Mei" });
const newcomer = profile({ id: "0190a000-0000-7000-8000-0000000000f2", displayName: "Kai", role: "moderator" });
const guest = { json: { profile: null, session: null, csrfToken: null } };
const offer = { id: "i1", role: "moderator", createdAt: "2026-11-20T10:00:00Z", expiresAt: "2026-11-23T10:00:00Z" };

function refusal(status: number, code: string, params: object = {}): Answer {
  return { status, json: { code, message: code, params } };
}

function serve(routes: Record<string, Answer | Answer[]>) {
  return fakeServer({ "GET /api/auth/session": guest, "POST /api/votes_left": { json: null }, ...routes });
}

async function type(testid: string, value: string): Promise<void> {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

beforeEach(async () => {
  setLocale("en");
  forgetSession();
  await session.signedIn(null);
  window.location.hash = "";
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("an invitation link", () => {
  it("offers its role, and a guest signs up with it into the team's views", async () => {
    const { sent } = serve({
      "POST /api/check_invitation": { json: offer },
      "POST /api/auth/sign_up": { json: { profile: newcomer, session: null, csrfToken: "csrf-1" } },
    });
    render(InvitationView, { token: INVITATION });
    expect((await screen.findByTestId("invite-role")).textContent).toBe("The invitation makes you: Moderator");
    expect(screen.queryByTestId("sign-up-invitation")).toBeNull();
    await type("sign-up-name", "Kai");
    await type("sign-up-email", "kai@brand.example");
    await type("sign-up-password", "the roadmap review on thursdays");
    await fireEvent.click(screen.getByTestId("sign-up-submit"));
    await waitFor(() => expect(window.location.hash).toBe("#/team/inbox"));
    const signUp = sent.find((s) => s.url === "/api/auth/sign_up");
    expect(signUp?.body).toMatchObject({ email: "kai@brand.example", invitation: INVITATION });
    expect(sent.find((s) => s.url === "/api/check_invitation")?.body).toEqual({ token: INVITATION });
  });

  it("lets a signed-in member take it up, in its role", async () => {
    const { sent } = serve({
      "POST /api/check_invitation": { json: offer },
      "POST /api/accept_invitation": { json: { ...fan, role: "moderator" } },
    });
    await session.signedIn(fan);
    render(InvitationView, { token: INVITATION });
    expect((await screen.findByTestId("invite-accept")).textContent?.trim()).toBe("Join as Moderator");
    expect(screen.queryByTestId("sign-up-form")).toBeNull();
    await fireEvent.click(screen.getByTestId("invite-accept"));
    await waitFor(() => expect(window.location.hash).toBe("#/team/inbox"));
    expect(session.profile?.role).toBe("moderator");
    expect(sent.find((s) => s.url === "/api/accept_invitation")?.body).toEqual({ token: INVITATION });
  });

  it("says in words that a spent, revoked or expired link no longer works", async () => {
    serve({ "POST /api/check_invitation": refusal(400, "TokenExpired") });
    render(InvitationView, { token: INVITATION });
    const expired = await screen.findByTestId("invite-expired");
    expect(expired.textContent).toContain("This invitation no longer works");
    setLocale("zh-CN");
    await waitFor(() => expect(screen.getByTestId("invite-expired").textContent).toContain("此邀请已失效"));
  });

  it("offers a retry when the server cannot be reached", async () => {
    serve({ "POST /api/check_invitation": [new Error("offline"), { json: offer }] });
    render(InvitationView, { token: INVITATION });
    await fireEvent.click(await screen.findByTestId("retry"));
    expect((await screen.findByTestId("invite-role")).dataset.role).toBe("moderator");
  });
});

describe("a password-reset link", () => {
  it("refuses a weak password in words, then sets the new one and asks to sign in", async () => {
    const { sent } = serve({
      "POST /api/auth/reset_password": [refusal(400, "PasswordTooShort", { min: 10 }), { json: fan }],
    });
    render(ResetView, { token: RESET });
    await type("reset-password", "short");
    await fireEvent.click(screen.getByTestId("reset-submit"));
    expect((await screen.findByTestId("reset-error")).textContent).toBe(
      "The password is too short: at least 10 characters.",
    );
    expect(screen.getByTestId("reset-password").getAttribute("aria-invalid")).toBe("true");
    await type("reset-password", "ginger tea by the window");
    await fireEvent.click(screen.getByTestId("reset-submit"));
    expect((await screen.findByTestId("reset-done")).textContent).toBe("Lin Mei, sign in with your new password.");
    const resets = sent.filter((s) => s.url === "/api/auth/reset_password").map((s) => s.body);
    expect(resets).toEqual([
      { token: RESET, password: "short" },
      { token: RESET, password: "ginger tea by the window" },
    ]);
  });
});

describe("changing one's password", () => {
  it("says when the current password is wrong, then changes it", async () => {
    const { sent } = serve({
      "POST /api/auth/change_password": [refusal(401, "InvalidCredentials"), { json: null }],
    });
    let changed = 0;
    render(ChangePasswordForm, { onchanged: () => (changed += 1) });
    await type("password-current", "not it");
    await type("password-new", "ginger tea by the window");
    await fireEvent.click(screen.getByTestId("password-submit"));
    expect((await screen.findByTestId("password-error")).textContent?.trim()).toBe("That is not your current password.");
    await type("password-current", "a quiet morning espresso");
    await fireEvent.click(screen.getByTestId("password-submit"));
    await screen.findByTestId("password-changed");
    expect(changed).toBe(1);
    expect(screen.getByTestId<HTMLInputElement>("password-new").value).toBe("");
    expect(sent.filter((s) => s.url === "/api/auth/change_password").at(-1)?.body).toEqual({
      currentPassword: "a quiet morning espresso",
      newPassword: "ginger tea by the window",
    });
  });
});
