import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import type { BoardSettings, MemberProfile } from "../../ipc";
import { setLocale } from "../../i18n";
import { session } from "../../app/session.svelte";
import { commands, profile } from "../../test/fixtures";
import SettingsView from "./SettingsView.svelte";

const admin = profile({ id: "a", role: "admin", displayName: "Lin", hasPassphrase: true });
const moderator = profile({ id: "m", role: "moderator", displayName: "Mia" });
const fan = profile({ id: "f", displayName: "Wang Fang", points: 80 });
const settings: BoardSettings = {
  name: "Chestnut Coffee",
  voteBudget: null,
  supportThreshold: 50,
  defaultLocale: "zh-CN",
  editGraceMinutes: 30,
};

function calls(command: string): unknown[] {
  return invoke.mock.calls.filter(([name]) => name === command).map(([, args]) => args);
}

const audit = [
  {
    id: "1",
    actor: { id: "a", displayName: "Lin", role: "admin" },
    action: "idea.status",
    target: "idea:#12",
    detail: "{}",
    at: "2026-11-20T10:00:00Z",
  },
  {
    id: "2",
    actor: { id: "m", displayName: "Mia", role: "moderator" },
    action: "idea.merge",
    target: "idea:#9",
    detail: "{}",
    at: "2026-11-19T10:00:00Z",
  },
];

async function as(who: MemberProfile, extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  invoke.mockImplementation(commands({ sign_in: () => who, votes_left: () => null }));
  await session.signIn(who.id, null);
  invoke.mockImplementation(
    commands({
      board_settings: () => settings,
      list_profiles: () => [fan, moderator, admin],
      audit_log: () => audit,
      board_overview: () => ({
        name: "Chestnut Coffee",
        path: "",
        categories: [{ slug: "drinks", name: "饮品", nameEn: "Drinks" }],
        counts: { ideas: 1, votes: 0, comments: 0, members: 3 },
      }),
      ...extra,
    }),
  );
}

beforeEach(() => {
  invoke.mockReset();
  setLocale("en");
});

describe("board settings", () => {
  it("an admin turns the vote budget on and saves", async () => {
    await as(admin, { update_board_settings: (args) => args.settings });
    render(SettingsView);
    const name = await screen.findByTestId<HTMLInputElement>("settings-name");
    expect(name.value).toBe("Chestnut Coffee");
    await fireEvent.click(screen.getByTestId("settings-budget-on"));
    await fireEvent.input(screen.getByTestId("settings-budget"), { target: { value: "7" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    await screen.findByTestId("settings-saved");
    expect(calls("update_board_settings")).toEqual([{ settings: { ...settings, voteBudget: 7 } }]);
  });

  it("a moderator sees the settings but cannot change them or roles", async () => {
    await as(moderator);
    render(SettingsView);
    await screen.findByTestId("settings-name");
    expect(screen.queryByTestId("settings-save")).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>("settings-name").closest("fieldset")?.disabled).toBe(true);
    const roles = await screen.findAllByTestId<HTMLSelectElement>("member-role");
    expect(roles.every((r) => r.disabled)).toBe(true);
  });

  it("lists the team first, changes a role, and shows the core's refusal", async () => {
    let refuse = false;
    await as(admin, {
      change_role: (args) => {
        if (refuse) throw { code: "LastAdmin", message: "the board needs at least one admin" };
        return { ...fan, role: args.role };
      },
    });
    render(SettingsView);
    const rows = await screen.findAllByTestId("member-row");
    expect(rows.map((r) => r.dataset.name)).toEqual(["Lin", "Mia", "Wang Fang"]);
    await fireEvent.change(screen.getAllByTestId("member-role")[2]!, { target: { value: "moderator" } });
    await waitFor(() => expect(calls("change_role")).toEqual([{ memberId: "f", role: "moderator" }]));
    refuse = true;
    await fireEvent.change(screen.getAllByTestId("member-role")[0]!, { target: { value: "fan" } });
    expect((await screen.findByTestId("members-error")).textContent).toMatch(/admin/i);
  });

  it("filters the audit log by what the moderator types", async () => {
    await as(admin);
    render(SettingsView);
    expect(await screen.findAllByTestId("audit-row")).toHaveLength(2);
    await fireEvent.input(screen.getByTestId("audit-filter"), { target: { value: "merge" } });
    expect(screen.getAllByTestId("audit-row").map((r) => r.dataset.action)).toEqual(["idea.merge"]);
  });

  it("adds a category the fans can then choose", async () => {
    await as(moderator, { add_category: (args) => args.category });
    render(SettingsView);
    await screen.findByTestId("category-list");
    await fireEvent.input(screen.getByTestId("category-slug"), { target: { value: "merch" } });
    await fireEvent.input(screen.getByTestId("category-name"), { target: { value: "周边" } });
    await fireEvent.click(screen.getByTestId("category-add"));
    await waitFor(() => expect(screen.getByTestId("category-list").textContent).toContain("周边"));
    expect(calls("add_category")).toEqual([{ category: { slug: "merch", name: "周边", nameEn: null } }]);
  });
});
