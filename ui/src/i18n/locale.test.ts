import { afterEach, describe, expect, it, vi } from "vitest";

async function freshLocaleModule() {
  vi.resetModules();
  return import("./locale.svelte");
}

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe("locale store", () => {
  it("defaults from navigator.language", async () => {
    vi.spyOn(navigator, "language", "get").mockReturnValue("zh-TW");
    expect((await freshLocaleModule()).locale()).toBe("zh-CN");
    vi.spyOn(navigator, "language", "get").mockReturnValue("de-DE");
    expect((await freshLocaleModule()).locale()).toBe("en");
  });

  it("prefers the persisted choice and persists switches", async () => {
    localStorage.setItem("ideaboard.locale", "en");
    vi.spyOn(navigator, "language", "get").mockReturnValue("zh-CN");
    const store = await freshLocaleModule();
    expect(store.locale()).toBe("en");
    store.toggleLocale();
    expect(store.locale()).toBe("zh-CN");
    expect(localStorage.getItem("ideaboard.locale")).toBe("zh-CN");
    expect(document.documentElement.lang).toBe("zh-CN");
  });

  it("translates, interpolates with locale number formatting, and pluralises", async () => {
    const { setLocale, t, tn } = await freshLocaleModule();
    setLocale("en");
    expect(t("sort.new")).toBe("New");
    expect(t("board.stats", { ideas: 12345, votes: 2, members: 1 })).toBe(
      "12,345 ideas · 2 votes · 1 members",
    );
    expect(tn("idea.comments", 1)).toBe("1 comment");
    expect(tn("idea.comments", 2)).toBe("2 comments");
    setLocale("zh-CN");
    expect(t("sort.new")).toBe("最新");
    expect(tn("idea.comments", 1)).toBe("1 条评论");
  });
});

describe("formatting and error messages", () => {
  it("formats dates per locale and relative times for recent moments", async () => {
    const { setLocale } = await freshLocaleModule();
    const { formatWhen, formatDate } = await import("./format");
    const now = new Date("2025-03-10T12:00:00Z");
    setLocale("en");
    expect(formatWhen("2025-03-10T09:00:00Z", now)).toBe("3 hours ago");
    expect(formatWhen("2025-03-10T11:59:40Z", now)).toBe("just now");
    expect(formatDate("2024-01-05T12:00:00Z")).toBe("Jan 5, 2024");
    setLocale("zh-CN");
    expect(formatWhen("2025-03-08T12:00:00Z", now)).toBe("前天");
    expect(formatDate("2024-01-05T12:00:00Z")).toBe("2024年1月5日");
  });

  it("localises error codes and falls back to a generic message", async () => {
    const { setLocale } = await freshLocaleModule();
    const { errorMessage } = await import("./errors");
    setLocale("en");
    expect(errorMessage("NotABoard")).toBe("This file is not an Ideaboard board.");
    expect(errorMessage("SomethingNew")).toBe("Something went wrong. Please try again.");
    setLocale("zh-CN");
    expect(errorMessage("NotABoard")).toBe("此文件不是创意板文件。");
  });

  it("fills an error's message in with the core's params, numbers formatted and statuses named", async () => {
    const { setLocale } = await freshLocaleModule();
    const { errorMessage } = await import("./errors");
    setLocale("en");
    const tooLong = { code: "CommentTooLong", params: { len: 10_250, max: 10_000 } };
    expect(errorMessage(tooLong)).toBe("The comment is too long: 10,250 characters, at most 10,000.");
    expect(errorMessage({ code: "NoteRequired", params: { status: "launched" } })).toBe(
      "Please add an answer for the fans: it is required for “Launched”.",
    );
    setLocale("zh-CN");
    expect(errorMessage(tooLong)).toBe("评论太长：10,250 个字，最多 10,000 个字。");
    expect(errorMessage({ code: "PassphraseTooShort", params: { min: 8 } })).toBe("口令太短：至少需要 8 个字符。");
  });

  it("shows English category names only in English and only when present", async () => {
    const { setLocale } = await freshLocaleModule();
    const { categoryName } = await import("./names");
    setLocale("en");
    expect(categoryName({ slug: "drinks", name: "饮品", nameEn: "Drinks" })).toBe("Drinks");
    expect(categoryName({ slug: "app", name: "应用", nameEn: null })).toBe("应用");
    setLocale("zh-CN");
    expect(categoryName({ slug: "drinks", name: "饮品", nameEn: "Drinks" })).toBe("饮品");
  });
});
