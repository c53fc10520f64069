import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import { setLocale } from "../i18n";
import { session } from "../app/session.svelte";
import { commands, profile } from "../test/fixtures";
import MemberCard from "./MemberCard.svelte";
import ProfileSwitcherHost from "./ProfileSwitcherHost.svelte";

function renderFrame() {
  render(MemberCard);
  render(ProfileSwitcherHost);
}

const fan = profile();
const lead = profile({
  id: "0190a000-0000-7000-8000-00000000dddd",
  displayName: "Lin Yue",
  role: "admin",
  hasPassphrase: true,
  points: 300,
  level: 5,
});

function calls(command: string): unknown[] {
  return invoke.mock.calls.filter(([name]) => name === command).map(([, args]) => args);
}

async function openSwitcher() {
  await fireEvent.click(screen.getByTestId("profile-switch"));
  const dialog = await screen.findByTestId("profile-switcher");
  await within(dialog).findAllByTestId("profile-option");
  return dialog;
}

function option(dialog: HTMLElement, name: string): HTMLElement {
  const found = within(dialog)
    .getAllByTestId("profile-option")
    .find((el) => el.textContent?.includes(name));
  if (!found) throw new Error(`no profile option ${name}`);
  return found;
}

beforeEach(async () => {
  invoke.mockReset();
  setLocale("en");
  // Start every test as a guest.
  invoke.mockImplementation(commands({ sign_out: () => null }));
  await session.signOut();
  invoke.mockReset();
});

describe("profile switcher", () => {
  it("shows the guest, then the member's name, role, level and points after switching", async () => {
    invoke.mockImplementation(
      commands({ list_profiles: () => [fan, lead], sign_in: () => fan }),
    );
    renderFrame();
    expect(screen.getByTestId("member-name").textContent).toBe("Guest");

    const dialog = await openSwitcher();
    await fireEvent.click(option(dialog, "Wang Fang"));

    await waitFor(() => expect(screen.queryByTestId("profile-switcher")).toBeNull());
    expect(calls("sign_in")).toEqual([{ memberId: fan.id, passphrase: null }]);
    expect(screen.getByTestId("member-name").textContent).toBe("Wang Fang");
    expect(screen.getByTestId("member-role").textContent).toBe("Fan");
    expect(screen.getByTestId("member-level").textContent).toBe("Level 2");
    expect(screen.getByTestId("member-points").textContent?.trim()).toBe("12 points");
  });

  it("asks a team profile for its passphrase and localises a wrong one", async () => {
    setLocale("zh-CN");
    invoke.mockImplementation(
      commands({
        list_profiles: () => [fan, lead],
        sign_in: (args) => {
          if (args.passphrase !== "ideaboard-demo") {
            throw { code: "WrongPassphrase", message: "wrong passphrase" };
          }
          return lead;
        },
      }),
    );
    renderFrame();
    const dialog = await openSwitcher();
    await fireEvent.click(option(dialog, "Lin Yue"));
    const input = await within(dialog).findByTestId("passphrase-input");
    expect(calls("sign_in")).toEqual([]);

    await fireEvent.input(input, { target: { value: "guess" } });
    await fireEvent.submit(within(dialog).getByTestId("passphrase-form"));
    const error = await within(dialog).findByTestId("passphrase-error");
    expect(error.textContent?.trim()).toBe("口令错误。");
    expect(error.textContent).not.toContain("wrong passphrase");
    expect(screen.getByTestId("profile-switcher")).toBeTruthy();

    await fireEvent.input(input, { target: { value: "ideaboard-demo" } });
    await fireEvent.submit(within(dialog).getByTestId("passphrase-form"));
    await waitFor(() => expect(screen.queryByTestId("profile-switcher")).toBeNull());
    expect(screen.getByTestId("member-name").textContent).toBe("Lin Yue");
    expect(screen.getByTestId("member-role").textContent).toBe("官方");
  });

  it("creates a fan profile, shows a localised name error, and browses as guest", async () => {
    invoke.mockImplementation(
      commands({
        list_profiles: () => [lead],
        create_profile: (args) => {
          if (String(args.displayName).trim() === "") throw { code: "NameEmpty", message: "empty" };
          return profile({ displayName: String(args.displayName), points: 0, level: 1 });
        },
        sign_out: () => null,
      }),
    );
    renderFrame();
    let dialog = await openSwitcher();
    await fireEvent.submit(within(dialog).getByTestId("create-profile-form"));
    expect((await within(dialog).findByTestId("create-profile-error")).textContent?.trim()).toBe(
      "Please enter a name.",
    );

    await fireEvent.input(within(dialog).getByTestId("create-profile-name"), { target: { value: "小王" } });
    await fireEvent.submit(within(dialog).getByTestId("create-profile-form"));
    await waitFor(() => expect(screen.getByTestId("member-name").textContent).toBe("小王"));
    expect(calls("create_profile")).toEqual([{ displayName: "" }, { displayName: "小王" }]);

    dialog = await openSwitcher();
    await fireEvent.click(within(dialog).getByTestId("browse-as-guest"));
    await waitFor(() => expect(screen.getByTestId("member-name").textContent).toBe("Guest"));
  });

  it("filters the list by name", async () => {
    invoke.mockImplementation(commands({ list_profiles: () => [fan, lead] }));
    renderFrame();
    const dialog = await openSwitcher();
    await fireEvent.input(within(dialog).getByTestId("profile-filter"), { target: { value: "lin" } });
    expect(within(dialog).getAllByTestId("profile-option").map((el) => el.dataset.memberId)).toEqual([lead.id]);
    await fireEvent.input(within(dialog).getByTestId("profile-filter"), { target: { value: "nobody" } });
    expect(within(dialog).queryAllByTestId("profile-option")).toEqual([]);
    expect(dialog.textContent).toContain("No profile matches.");
  });

  it("keeps Tab inside the dialog", async () => {
    invoke.mockImplementation(commands({ list_profiles: () => [fan] }));
    renderFrame();
    const dialog = await openSwitcher();
    const close = within(dialog).getByTestId("dialog-close");
    const guest = within(dialog).getByTestId("browse-as-guest");
    guest.focus();
    await fireEvent.keyDown(window, { key: "Tab" });
    expect(document.activeElement).toBe(close);
    await fireEvent.keyDown(window, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(guest);
  });

  it("closes on Escape", async () => {
    invoke.mockImplementation(commands({ list_profiles: () => [fan] }));
    renderFrame();
    await openSwitcher();
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByTestId("profile-switcher")).toBeNull();
  });
});
