/**
 * The member's notification centre: the latest items, the unread count for the
 * sidebar, and OS notifications for what happens while the app is open. The core
 * keeps the notifications; this store reloads them for the signed-in member when
 * the board's change feed says their centre changed (App.svelte), and announces,
 * once each, the new ones about ideas they follow (status changes, official
 * answers, merges). What was already there when a member signed in is shown in the
 * centre but not announced again.
 */
import {
  listNotifications,
  markNotificationsRead,
  notifyOs,
  toIpcError,
  type IpcError,
  type Notification,
} from "../ipc";
import { t } from "../i18n";
import { statusKey } from "../views/vote/options";

/** How many notifications the centre shows. */
export const CENTRE_LIMIT = 50;

const ANNOUNCED: ReadonlySet<Notification["kind"]> = new Set([
  "status_changed",
  "official_answer",
  "merged",
]);

/** The OS notification for an item: a title and one line, in the UI's language. */
export function osText(item: Notification): { title: string; body: string } {
  const actor = item.actor?.displayName ?? t("notifications.someone");
  const idea = `#${item.ideaNumber} ${item.ideaTitle}`;
  switch (item.kind) {
    case "status_changed":
      return {
        title: t("notifications.os.status", {
          status: item.status ? t(statusKey(item.status)) : "",
        }),
        body: t("notifications.os.body", { actor, idea }),
      };
    case "official_answer":
      return { title: t("notifications.os.answer"), body: t("notifications.os.body", { actor, idea }) };
    case "merged":
      return { title: t("notifications.os.merged"), body: t("notifications.os.body", { actor, idea }) };
    case "reply":
      return { title: t("notifications.os.reply"), body: t("notifications.os.body", { actor, idea }) };
  }
}

export interface CentreIo {
  list: typeof listNotifications;
  markRead: typeof markNotificationsRead;
  notify: typeof notifyOs;
}

const defaultIo: CentreIo = {
  list: listNotifications,
  markRead: markNotificationsRead,
  notify: notifyOs,
};

export class NotificationCentre {
  items = $state.raw<Notification[]>([]);
  unread = $state(0);
  loaded = $state(false);
  failure = $state.raw<IpcError | null>(null);

  readonly #io: CentreIo;
  #member: string | null = null;
  /** Ids this member has already seen or been told about; null before the first load. */
  #known: Set<string> | null = null;
  #generation = 0;

  constructor(io: CentreIo = defaultIo) {
    this.#io = io;
  }

  /** Follows a new member (or a guest, `null`): forgets the last one's items. */
  switchTo(memberId: string | null): void {
    if (memberId === this.#member && this.loaded) return;
    this.#member = memberId;
    this.#known = null;
    this.#generation += 1;
    this.items = [];
    this.unread = 0;
    this.failure = null;
    this.loaded = memberId === null;
    if (memberId !== null) void this.refresh();
  }

  /** Reloads the centre; announces items that are new since the last load. */
  async refresh(): Promise<void> {
    if (this.#member === null) return;
    const generation = this.#generation;
    try {
      const page = await this.#io.list(false, CENTRE_LIMIT);
      if (generation !== this.#generation) return;
      const fresh = this.#known === null ? [] : page.items.filter((n) => !this.#known!.has(n.id));
      // Bookkeeping, not state: nothing renders from it.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      this.#known = new Set([...(this.#known ?? []), ...page.items.map((n) => n.id)]);
      // Newest first by time: the core pages by notice number, which is the same
      // order except on boards whose history was generated out of order (the demo).
      this.items = [...page.items].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      this.unread = page.unread;
      this.failure = null;
      for (const item of fresh) {
        if (!item.read && ANNOUNCED.has(item.kind)) void this.#announce(item);
      }
    } catch (reason) {
      if (generation === this.#generation) this.failure = toIpcError(reason);
    } finally {
      if (generation === this.#generation) this.loaded = true;
    }
  }

  async markRead(id: string): Promise<void> {
    const item = this.items.find((n) => n.id === id);
    if (!item || item.read) return;
    this.items = this.items.map((n) => (n.id === id ? { ...n, read: true } : n));
    this.unread = Math.max(0, this.unread - 1);
    try {
      await this.#io.markRead([id]);
    } catch (reason) {
      this.failure = toIpcError(reason);
      await this.refresh();
    }
  }

  async markAllRead(): Promise<void> {
    if (this.unread === 0) return;
    const before = { items: this.items, unread: this.unread };
    this.items = this.items.map((n) => ({ ...n, read: true }));
    this.unread = 0;
    try {
      await this.#io.markRead(null);
    } catch (reason) {
      this.items = before.items;
      this.unread = before.unread;
      this.failure = toIpcError(reason);
    }
  }

  async #announce(item: Notification): Promise<void> {
    const { title, body } = osText(item);
    try {
      await this.#io.notify(title, body);
    } catch {
      // No notification service (a bare X session, a locked-down desktop): the
      // in-app centre still has the item.
    }
  }
}

/** The app's one notification centre. */
export const notifications = new NotificationCentre();
