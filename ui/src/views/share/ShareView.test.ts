import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import type { NewIdea } from "../../ipc";
import { setLocale } from "../../i18n";
import { commands, detail, idea } from "../../test/fixtures";
import ShareView from "./ShareView.svelte";
import { DRAFT_STORAGE_KEY, splitTags } from "./draft";
import { fieldOf } from "./fieldErrors";

const categories = [
  { slug: "drinks", name: "饮品", nameEn: "Drinks" },
  { slug: "app", name: "应用", nameEn: null },
];

function props(onsubmitted = vi.fn()) {
  return { categories, signedIn: true, onsubmitted };
}

async function type(testId: string, value: string) {
  await fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

beforeEach(() => {
  invoke.mockReset();
  setLocale("en");
});

describe("share form", () => {
  it.each([
    ["TitleTooShort", "en", "error-title", "The title is too short: 3 characters, at least 4.", { len: 3, min: 4 }],
    ["TitleTooLong", "en", "error-title", "The title is too long: 1,234 characters, at most 120.", { len: 1234, max: 120 }],
    ["TitleTooLong", "zh-CN", "error-title", "标题太长：130 个字，最多 120 个字。", { len: 130, max: 120 }],
    ["TitleEmpty", "zh-CN", "error-title", "请填写创意标题。", {}],
    ["BodyTooLong", "en", "error-body", "The description is too long: 20,001 characters, at most 20,000.", { len: 20001, max: 20000 }],
    ["TooManyTags", "en", "error-tags", "Too many tags: at most 8.", { max: 8 }],
    ["NotSignedIn", "en", "error-form", "Please choose a profile first.", {}],
  ] as const)("shows %s (%s) inline at %s, with the core's numbers", async (code, locale, testId, message, params) => {
    setLocale(locale);
    invoke.mockImplementation(
      commands({
        submit_idea: () => {
          throw { code, message: "core text, never shown", params };
        },
      }),
    );
    render(ShareView, props());
    await type("share-title", "abc");
    await fireEvent.submit(screen.getByTestId("share-form"));
    const error = await screen.findByTestId(testId);
    expect(error.textContent?.trim()).toBe(message);
    expect(error.dataset.code).toBe(code);
    expect(document.body.textContent).not.toContain("core text");
  });

  it("states the title's limits the board overview sent, in both languages", () => {
    const limits = {
      titleMin: 6,
      titleMax: 99,
      bodyMax: 1,
      nameMax: 1,
      commentMax: 1,
      noteMax: 1,
      tagsMax: 1,
      tagMax: 1,
      passphraseMin: 1,
      reasonMax: 1,
    };
    const first = render(ShareView, { ...props(), limits });
    expect(screen.getByTestId("title-hint").textContent?.trim()).toBe("6 to 99 characters");
    first.unmount();
    setLocale("zh-CN");
    render(ShareView, { ...props(), limits });
    expect(screen.getByTestId("title-hint").textContent?.trim()).toBe("6 到 99 个字");
  });

  it("keeps the draft across a closed window and clears it on submit", async () => {
    const first = render(ShareView, props());
    await type("share-title", "Oat milk at every store");
    await type("share-body", "**Please**");
    await fireEvent.change(screen.getByTestId("share-category"), { target: { value: "drinks" } });
    await type("share-tags", "oat, milk");
    await waitFor(() =>
      expect(JSON.parse(localStorage.getItem(DRAFT_STORAGE_KEY) ?? "{}")).toEqual({
        title: "Oat milk at every store",
        body: "**Please**",
        category: "drinks",
        tags: "oat, milk",
      }),
    );
    first.unmount();

    const created = detail(idea(301, { title: "Oat milk at every store" }));
    invoke.mockImplementation(commands({ submit_idea: () => created }));
    const onsubmitted = vi.fn();
    render(ShareView, props(onsubmitted));
    expect((screen.getByTestId("share-title") as HTMLInputElement).value).toBe("Oat milk at every store");
    expect((screen.getByTestId("share-body") as HTMLTextAreaElement).value).toBe("**Please**");
    expect((screen.getByTestId("share-category") as HTMLSelectElement).value).toBe("drinks");

    await fireEvent.submit(screen.getByTestId("share-form"));
    await waitFor(() => expect(onsubmitted).toHaveBeenCalledWith(created));
    const input: NewIdea = {
      title: "Oat milk at every store",
      body: "**Please**",
      category: "drinks",
      tags: ["oat", "milk"],
    };
    expect(invoke).toHaveBeenCalledWith("submit_idea", { input });
    expect(localStorage.getItem(DRAFT_STORAGE_KEY)).toBeNull();
    expect((screen.getByTestId("share-title") as HTMLInputElement).value).toBe("");
  });

  it("discards the draft on request", async () => {
    render(ShareView, props());
    expect(screen.queryByTestId("discard-draft")).toBeNull();
    await type("share-title", "Half a thought");
    await waitFor(() => expect(localStorage.getItem(DRAFT_STORAGE_KEY)).not.toBeNull());
    expect(screen.getByTestId("draft-saved").textContent).toBe("Draft saved");
    await fireEvent.click(screen.getByTestId("discard-draft"));
    await waitFor(() => expect(localStorage.getItem(DRAFT_STORAGE_KEY)).toBeNull());
    expect((screen.getByTestId("share-title") as HTMLInputElement).value).toBe("");
  });

  it("previews Markdown through the core", async () => {
    invoke.mockImplementation(commands({ preview_markdown: () => "<p><strong>Please</strong></p>" }));
    render(ShareView, props());
    await type("share-body", "**Please**");
    await fireEvent.click(screen.getByTestId("tab-preview"));
    const preview = await screen.findByTestId("share-preview");
    await waitFor(() => expect(preview.querySelector("strong")?.textContent).toBe("Please"));
    expect(invoke).toHaveBeenCalledWith("preview_markdown", { text: "**Please**" });
    await fireEvent.click(screen.getByTestId("tab-write"));
    expect((screen.getByTestId("share-body") as HTMLTextAreaElement).value).toBe("**Please**");
  });

  it("splits tags and maps codes to fields", () => {
    expect(splitTags(" oat, milk，燕麦、 ,")).toEqual(["oat", "milk", "燕麦"]);
    expect(fieldOf("TitleTooLong")).toBe("title");
    expect(fieldOf("Storage")).toBe("form");
  });
});
