/**
 * Pure helpers of the adoption view: how figures read on screen, and the rows and
 * series the chart and its table share (so both always show the same numbers).
 */
import type { AdoptionFigures } from "../../ipc";
import { categoryName, formatNumber, locale, t } from "../../i18n";

/** A share as a percentage with at most one decimal, e.g. "12.5%". */
export function formatRate(rate: number): string {
  return new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 1 }).format(rate);
}

/** Days with at most one decimal ("3.5 days"), or a dash when there is no figure. */
export function formatDays(days: number | null): string {
  if (days === null) return t("adoption.noData");
  const rounded = Math.round(days * 10) / 10;
  return t("adoption.days", { days: formatNumber(rounded) });
}

/** One row per category, as the chart plots and the table lists it. */
export interface CategoryRow {
  key: string;
  label: string;
  ideas: number;
  launched: number;
  ratePercent: number;
  answerDays: number | null;
  launchDays: number | null;
}

export function categoryRows(byCategory: AdoptionFigures[]): CategoryRow[] {
  return byCategory.map((figures) => ({
    key: figures.category?.slug ?? "",
    label: figures.category ? categoryName(figures.category) : t("idea.uncategorised"),
    ideas: figures.ideas,
    launched: figures.launched,
    ratePercent: Math.round(figures.adoptionRate * 1000) / 10,
    answerDays: roundDays(figures.medianDaysToAnswer),
    launchDays: roundDays(figures.medianDaysToLaunch),
  }));
}

function roundDays(days: number | null): number | null {
  return days === null ? null : Math.round(days * 10) / 10;
}
