import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { setLocale } from "../../i18n";
import StatusBadge from "./StatusBadge.svelte";

describe("StatusBadge", () => {
  it.each([
    ["en", "under_review", "Under review"],
    ["en", "launched", "Launched"],
    ["zh-CN", "under_review", "评估中"],
    ["zh-CN", "declined", "未采纳"],
  ] as const)("in %s shows %s as %s", (locale, status, label) => {
    setLocale(locale);
    render(StatusBadge, { status });
    const badge = screen.getByTestId("status-badge");
    expect(badge.textContent).toBe(label);
    expect(badge.classList.contains(status)).toBe(true);
  });

  it("follows a locale switch while mounted", async () => {
    setLocale("en");
    render(StatusBadge, { status: "planned" });
    setLocale("zh-CN");
    await Promise.resolve();
    expect(screen.getByTestId("status-badge").textContent).toBe("已计划");
  });
});
