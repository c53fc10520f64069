import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import type { Notification } from "../../ipc";
import { setLocale } from "../../i18n";
import { session } from "../../app/session.svelte";
import { notifications } from "../../app/notifications.svelte";
import { router } from "../../app/router.svelte";
import { notification, profile } from "../../test/fixtures";
import NotificationsView from "./NotificationsView.svelte";

const THREE_HOURS_AGO = new Date(Date.now() - 3 * 3_600_000).toISOString();

/** A notification from three hours ago (all at the same moment: the list keeps their order). */
function note(id: number, overrides: Partial<Notification> = {}): Notification {
  return notification(id, { createdAt: THREE_HOURS_AGO, ...overrides });
}


const items = [
  note(3),
  note(2, { kind: "official_answer", status: null, read: true }),
  note(1, { kind: "reply", status: null, actor: { id: "f", displayName: "Otto", role: "fan" } }),
];

beforeEach(() => {
  invoke.mockReset();
  invoke.mockImplementation(async (command: string) => {
    if (command === "list_notifications") return { items, unread: 2 };
    if (command === "mark_notifications_read") return 1;
    throw new Error(`unexpected ${command}`);
  });
  setLocale("en");
  session.profile = profile();
  notifications.switchTo(session.profile.id);
});

afterEach(() => {
  session.profile = null;
  notifications.switchTo(null);
});

describe("NotificationsView", () => {
  it("lists what happened, newest first, with the unread ones marked", async () => {
    render(NotificationsView);
    const rows = await screen.findAllByTestId("notification");
    expect(rows.map((r) => r.dataset.kind)).toEqual(["status_changed", "official_answer", "reply"]);
    expect(rows.map((r) => r.dataset.read)).toEqual(["false", "true", "false"]);
    expect(within(rows[0]!).getByTestId("notification-line").textContent).toBe("Mia moved it to Planned");
    expect(within(rows[1]!).getByTestId("notification-line").textContent).toBe("Mia posted an official answer");
    expect(within(rows[2]!).getByTestId("notification-line").textContent).toBe("Otto replied to your comment");
    expect(within(rows[0]!).getByTestId("notification-idea").textContent).toBe("#3 Idea 3");
    expect(rows[0]!.textContent).toContain("3 hours ago");
    expect(screen.getByTestId("notifications-unread").textContent?.trim()).toBe("2 unread");
  });

  it("opens the idea and marks the item read on click", async () => {
    render(NotificationsView);
    const rows = await screen.findAllByTestId("notification");
    await fireEvent.click(rows[0]!);
    expect(invoke).toHaveBeenCalledWith("mark_notifications_read", { ids: ["3"] });
    expect(router.route).toEqual({ name: "idea", id: items[0]!.ideaId });
    expect(notifications.unread).toBe(1);
  });

  it("filters to unread and marks all read", async () => {
    render(NotificationsView);
    await screen.findAllByTestId("notification");
    await fireEvent.click(screen.getByTestId("notifications-filter-unread"));
    expect(screen.getAllByTestId("notification").map((r) => r.dataset.kind)).toEqual(["status_changed", "reply"]);
    await fireEvent.click(screen.getByTestId("notifications-mark-all"));
    expect(invoke).toHaveBeenCalledWith("mark_notifications_read", { ids: null });
    expect(await screen.findByText("Nothing unread")).toBeTruthy();
    expect(screen.getByTestId("notifications-unread").textContent?.trim()).toBe("You are all caught up.");
  });

  it("asks a guest to choose a profile", async () => {
    session.profile = null;
    notifications.switchTo(null);
    invoke.mockClear();
    render(NotificationsView);
    expect(screen.getByTestId("notifications-guest")).toBeTruthy();
    expect(invoke).not.toHaveBeenCalledWith("list_notifications", expect.anything());
  });

  it("says so when there is nothing yet, in Chinese too", async () => {
    invoke.mockImplementation(async () => ({ items: [], unread: 0 }));
    notifications.switchTo("someone-else");
    setLocale("zh-CN");
    render(NotificationsView);
    expect(await screen.findByText("还没有通知")).toBeTruthy();
  });
});
