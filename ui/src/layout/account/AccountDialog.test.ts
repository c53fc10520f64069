import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useBackend, type Backend } from "../../ipc/backend";
import { forgetSession, httpBackend } from "../../ipc/http";
import { accountWording, setLocale, useWording } from "../../i18n";
import { session } from "../../app/session.svelte";
import { profile } from "../../test/fixtures";
import { fakeServer, type Answer } from "../../test/server";
import MemberCard from "../MemberCard.svelte";
import ProfileSwitcherHost from "../ProfileSwitcherHost.svelte";
import SessionsList from "../../views/profile/SessionsList.svelte";

// The web portal: the HTTP backend against a fake server, with the portal's wording.
let desktop: Backend;
beforeAll(() => {
  desktop = useBackend(httpBackend);
  useWording(accountWording);
});
afterAll(() => {
  useBackend(desktop);
  useWording(null);
});

const fan = profile({ id: "0190a000-0000-7000-8000-0000000000f1", displayName: "Lin Mei" });
const guest = { json: { profile: null, session: null, csrfToken: null } };
const signedIn = { json: { profile: fan, session: null, csrfToken: "csrf-1" } };

function serve(routes: Record<string, Answer | Answer[]>) {
  return fakeServer({ "GET /api/auth/session": guest, "POST /api/votes_left": { json: null }, ...routes });
}

beforeEach(async () => {
  setLocale("en");
  forgetSession();
  await session.signedIn(null);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function openDialog() {
  render(MemberCard);
  render(ProfileSwitcherHost);
  await fireEvent.click(screen.getByTestId("profile-switch"));
  return screen.findByTestId("account-dialog");
}

function field(dialog: HTMLElement, testid: string): HTMLInputElement {
  return within(dialog).getByTestId(testid) as HTMLInputElement;
}

describe("signing in on the web", () => {
  it("signs in from the member card with the keyboard, then offers to sign out", async () => {
    const { sent } = serve({ "POST /api/auth/sign_in": signedIn, "POST /api/auth/sign_out": { json: null } });
    const dialog = await openDialog();
    expect(screen.getByTestId("member-name").textContent).toBe("Guest");
    // The first field has the focus; the person types and presses Enter.
    await waitFor(() => expect(document.activeElement).toBe(field(dialog, "sign-in-email")));
    await fireEvent.input(field(dialog, "sign-in-email"), { target: { value: " lin@example.com " } });
    await fireEvent.input(field(dialog, "sign-in-password"), { target: { value: "correct horse battery" } });
    await fireEvent.submit(within(dialog).getByTestId("sign-in-form"));

    await waitFor(() => expect(screen.queryByTestId("account-dialog")).toBeNull());
    expect(sent.find((s) => s.url === "/api/auth/sign_in")?.body).toEqual({
      email: "lin@example.com",
      password: "correct horse battery",
    });
    expect(screen.getByTestId("member-name").textContent).toBe("Lin Mei");

    await fireEvent.click(screen.getByTestId("sign-out"));
    await waitFor(() => expect(screen.getByTestId("member-name").textContent).toBe("Guest"));
    expect(sent.find((s) => s.url === "/api/auth/sign_out")?.headers["X-CSRF-Token"]).toBe("csrf-1");
  });

  it("shows that it is signing in, then a wrong password in the person's language", async () => {
    setLocale("zh-CN");
    let answer: (value: Response) => void = () => {};
    const { fetch } = serve({});
    fetch.mockImplementation(async (url: string) => {
      if (url === "/api/auth/session") return new Response(JSON.stringify(guest.json));
      return new Promise<Response>((resolve) => (answer = resolve));
    });
    const dialog = await openDialog();
    await fireEvent.input(field(dialog, "sign-in-email"), { target: { value: "lin@example.com" } });
    await fireEvent.input(field(dialog, "sign-in-password"), { target: { value: "wrong password" } });
    await fireEvent.submit(within(dialog).getByTestId("sign-in-form"));

    const button = within(dialog).getByTestId("sign-in-submit") as HTMLButtonElement;
    await waitFor(() => expect(button.textContent?.trim()).toBe("正在登录…"));
    expect(button.disabled).toBe(true);
    answer(new Response(JSON.stringify({ code: "InvalidCredentials", message: "wrong" }), { status: 401 }));

    const error = await within(dialog).findByTestId("sign-in-error");
    expect(error.textContent?.trim()).toBe("电子邮件或密码错误。");
    expect(field(dialog, "sign-in-password").getAttribute("aria-invalid")).toBe("true");
    expect(field(dialog, "sign-in-password").getAttribute("aria-describedby")).toBe("sign-in-error");
    expect(screen.getByTestId("account-dialog")).toBeTruthy();
  });

  it("says how long a locked-out person waits", async () => {
    serve({
      "POST /api/auth/sign_in": {
        status: 429,
        json: { code: "LockedOut", message: "locked", params: { retryAfter: 120 } },
      },
    });
    const dialog = await openDialog();
    await fireEvent.submit(within(dialog).getByTestId("sign-in-form"));
    const error = await within(dialog).findByTestId("sign-in-error");
    expect(error.textContent?.trim()).toBe("Too many failed sign-ins. Try again in 120 seconds.");
  });
});

describe("signing up on the web", () => {
  it("learns the password's minimum from the server, marks the field, asks for an invitation, then signs up", async () => {
    const { sent } = serve({
      "POST /api/auth/sign_up": [
        { status: 400, json: { code: "PasswordTooShort", message: "short", params: { min: 10 } } },
        { status: 409, json: { code: "EmailTaken", message: "taken" } },
        { status: 403, json: { code: "InvitationRequired", message: "invite only" } },
        signedIn,
      ],
    });
    const dialog = await openDialog();
    // Arrow keys move between the tabs.
    await fireEvent.keyDown(within(dialog).getByTestId("account-tab-sign-in"), { key: "ArrowRight" });
    const tab = within(dialog).getByTestId("account-tab-sign-up");
    expect(tab.getAttribute("aria-selected")).toBe("true");
    const form = await within(dialog).findByTestId("sign-up-form");
    await waitFor(() => expect(document.activeElement).toBe(field(dialog, "sign-up-name")));

    await fireEvent.input(field(dialog, "sign-up-name"), { target: { value: "Lin Mei" } });
    await fireEvent.input(field(dialog, "sign-up-email"), { target: { value: "lin@example.com" } });
    await fireEvent.input(field(dialog, "sign-up-password"), { target: { value: "short" } });
    await fireEvent.submit(form);
    const error = await within(dialog).findByTestId("sign-up-error");
    expect(error.textContent?.trim()).toBe("The password is too short: at least 10 characters.");
    expect(field(dialog, "sign-up-password").getAttribute("aria-invalid")).toBe("true");

    await fireEvent.input(field(dialog, "sign-up-password"), { target: { value: "a much longer passphrase" } });
    await fireEvent.submit(form);
    await waitFor(() => expect(field(dialog, "sign-up-email").getAttribute("aria-invalid")).toBe("true"));
    expect(field(dialog, "sign-up-password").getAttribute("aria-invalid")).toBe("false");
    // The rule stays by the field once the server said it.
    expect(dialog.textContent).toContain("At least 10 characters.");

    expect(within(dialog).queryByTestId("sign-up-invitation")).toBeNull();
    await fireEvent.submit(form);
    await fireEvent.input(await within(dialog).findByTestId("sign-up-invitation"), { target: { value: " inv-1 " } });
    await fireEvent.submit(form);

    await waitFor(() => expect(screen.queryByTestId("account-dialog")).toBeNull());
    const bodies = sent.filter((s) => s.url === "/api/auth/sign_up").map((s) => s.body);
    expect(bodies).toHaveLength(4);
    expect(bodies[3]).toEqual({
      displayName: "Lin Mei",
      email: "lin@example.com",
      password: "a much longer passphrase",
      invitation: "inv-1",
    });
    expect(screen.getByTestId("member-name").textContent).toBe("Lin Mei");
  });
});

describe("the member's sessions", () => {
  const at = "2026-11-20T10:00:00Z";
  const current = {
    id: "s-1",
    kind: "cookie",
    label: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36",
    createdAt: at,
    lastSeenAt: at,
    expiresAt: at,
    current: true,
  };
  const phone = {
    ...current,
    id: "s-2",
    label: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile Safari/604.1",
    current: false,
  };
  const script = { ...current, id: "s-3", kind: "bearer", label: "", current: false };

  it("lists where the member is signed in and signs one out", async () => {
    const { sent } = serve({
      "GET /api/auth/session": signedIn,
      "POST /api/auth/sessions": { json: [current, phone, script] },
      "POST /api/auth/sessions/revoke": { json: null },
    });
    render(SessionsList);
    expect(screen.getByTestId("sessions-loading")).toBeTruthy();
    const rows = await screen.findAllByTestId("session");
    expect(rows.map((r) => r.querySelector(".name")?.textContent)).toEqual([
      "Chrome on Linux",
      "Safari on iOS",
      "App or script",
    ]);
    expect(within(rows[0]!).getByTestId("session-current").textContent).toBe("This browser");
    expect(within(rows[0]!).getByTestId("session-sign-out")).toBeTruthy();

    await fireEvent.click(within(rows[1]!).getByRole("button", { name: "Sign out the session Safari on iOS" }));
    await waitFor(() => expect(screen.getAllByTestId("session")).toHaveLength(2));
    expect(screen.getByTestId("sessions-notice").textContent).toBe("Signed out Safari on iOS.");
    expect(sent.find((s) => s.url === "/api/auth/sessions/revoke")?.body).toEqual({ id: "s-2" });
  });

  it("says when they could not be loaded, and tries again", async () => {
    serve({
      "POST /api/auth/sessions": [new TypeError("Failed to fetch"), { json: [] }],
    });
    render(SessionsList);
    const error = await screen.findByTestId("error-state");
    expect(error.textContent).toContain("The server could not be reached.");
    await fireEvent.click(within(error).getByTestId("retry"));
    expect((await screen.findByTestId("sessions-empty")).textContent).toBe("No sessions are open.");
  });
});
