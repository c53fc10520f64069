/** Locale-aware number and date formatting for the current UI locale. */
import { locale, t } from "./locale.svelte";

const DAY_MS = 86_400_000;
const RELATIVE_LIMIT_DAYS = 30;

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}

/** A calendar date such as "Mar 4, 2025" / "2025年3月4日". */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium" }).format(new Date(iso));
}

/** Date and time for tooltips. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "long", timeStyle: "short" }).format(
    new Date(iso),
  );
}

/** "3 hours ago" for recent moments, a calendar date for anything older than 30 days. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const elapsed = now.getTime() - new Date(iso).getTime();
  if (elapsed >= RELATIVE_LIMIT_DAYS * DAY_MS || elapsed < 0) return formatDate(iso);
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: "auto" });
  const minutes = Math.floor(elapsed / 60_000);
  if (minutes < 1) return t("time.justNow");
  if (minutes < 60) return rtf.format(-minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return rtf.format(-hours, "hour");
  return rtf.format(-Math.floor(hours / 24), "day");
}
