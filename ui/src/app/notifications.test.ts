import { describe, expect, it, vi, beforeEach } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { Notification, NotificationPage } from "../ipc";
import { setLocale } from "../i18n";
import { notification as note } from "../test/fixtures";
import { NotificationCentre, osText, type CentreIo } from "./notifications.svelte";


function pageOf(items: Notification[]): NotificationPage {
  return { items, unread: items.filter((n) => !n.read).length };
}

function fakeIo(pages: NotificationPage[]) {
  const io = {
    list: vi.fn(async () => pages.shift() ?? pageOf([])),
    markRead: vi.fn(async () => 1),
    notify: vi.fn(async () => {}),
  };
  return io satisfies CentreIo;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

beforeEach(() => setLocale("en"));

describe("NotificationCentre", () => {
  it("loads a member's items without announcing what was already there", async () => {
    const io = fakeIo([pageOf([note(2), note(1, { read: true })])]);
    const centre = new NotificationCentre(io);
    centre.switchTo("fan");
    await settle();
    expect(centre.items.map((n) => n.id)).toEqual(["2", "1"]);
    expect(centre.unread).toBe(1);
    expect(centre.loaded).toBe(true);
    expect(io.notify).not.toHaveBeenCalled();
  });

  it("announces each new status change, answer and merge once, but not replies", async () => {
    const io = fakeIo([
      pageOf([note(1)]),
      pageOf([
        note(4, { kind: "reply", status: null }),
        note(3, { kind: "official_answer", status: null }),
        note(2, { status: "launched" }),
        note(1),
      ]),
      pageOf([note(3, { kind: "official_answer" }), note(2, { status: "launched" }), note(1)]),
    ]);
    const centre = new NotificationCentre(io);
    centre.switchTo("fan");
    await settle();
    await centre.refresh();
    await settle();
    await centre.refresh();
    await settle();
    expect(io.notify.mock.calls).toEqual([
      ["Official answer on an idea you follow", "#3 Idea 3 · Mia"],
      ["An idea you follow is now Launched", "#2 Idea 2 · Mia"],
    ]);
    expect(centre.unread).toBe(3);
  });

  it("forgets the last member on a switch and starts afresh", async () => {
    const io = fakeIo([pageOf([note(1)]), pageOf([note(9)]), pageOf([note(10), note(9)])]);
    const centre = new NotificationCentre(io);
    centre.switchTo("fan");
    await settle();
    centre.switchTo("moderator");
    expect(centre.items).toEqual([]);
    await settle();
    expect(centre.items.map((n) => n.id)).toEqual(["9"]);
    expect(io.notify).not.toHaveBeenCalled();
    await centre.refresh();
    expect(io.notify).toHaveBeenCalledTimes(1);
    centre.switchTo(null);
    expect(centre.items).toEqual([]);
    expect(centre.unread).toBe(0);
    await centre.refresh();
    expect(io.list).toHaveBeenCalledTimes(3);
  });

  it("shows the newest first even when the core's numbering is out of time order", async () => {
    const io = fakeIo([
      pageOf([
        note(3, { createdAt: "2026-09-01T10:00:00Z" }),
        note(2, { createdAt: "2026-11-20T10:00:00Z" }),
        note(1, { createdAt: "2026-10-01T10:00:00Z" }),
      ]),
    ]);
    const centre = new NotificationCentre(io);
    centre.switchTo("fan");
    await settle();
    expect(centre.items.map((n) => n.id)).toEqual(["2", "1", "3"]);
  });

  it("marks one item read at once and tells the core", async () => {
    const io = fakeIo([pageOf([note(2), note(1)])]);
    const centre = new NotificationCentre(io);
    centre.switchTo("fan");
    await settle();
    await centre.markRead("1");
    expect(centre.items.find((n) => n.id === "1")?.read).toBe(true);
    expect(centre.unread).toBe(1);
    expect(io.markRead).toHaveBeenCalledWith(["1"]);
    await centre.markRead("1");
    expect(io.markRead).toHaveBeenCalledTimes(1);
  });

  it("puts everything back when marking all read fails", async () => {
    const io = fakeIo([pageOf([note(2), note(1)])]);
    io.markRead.mockRejectedValueOnce({ code: "Storage", message: "disk" });
    const centre = new NotificationCentre(io);
    centre.switchTo("fan");
    await settle();
    await centre.markAllRead();
    expect(centre.unread).toBe(2);
    expect(centre.items.every((n) => !n.read)).toBe(true);
    expect(centre.failure?.code).toBe("Storage");
  });

  it("keeps the centre when the OS has no notification service", async () => {
    const io = fakeIo([pageOf([]), pageOf([note(1)])]);
    io.notify.mockRejectedValue({ code: "Internal", message: "no dbus" });
    const centre = new NotificationCentre(io);
    centre.switchTo("fan");
    await settle();
    await centre.refresh();
    await settle();
    expect(centre.items).toHaveLength(1);
    expect(centre.failure).toBeNull();
  });

  it("writes OS notifications in the UI's language", () => {
    setLocale("zh-CN");
    expect(osText(note(5, { status: "planned" }))).toEqual({
      title: "你关注的创意已变为「已计划」",
      body: "#5 Idea 5 · Mia",
    });
  });
});
