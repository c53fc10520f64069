/**
 * The Share form's draft, kept in localStorage on every keystroke so closing the
 * window loses nothing; cleared once the idea is submitted.
 */
export type Draft = { title: string; body: string; category: string; tags: string };

export const DRAFT_STORAGE_KEY = "ideaboard.shareDraft";

export const EMPTY_DRAFT: Draft = { title: "", body: "", category: "", tags: "" };

export function loadDraft(): Draft {
  try {
    const raw = globalThis.localStorage?.getItem(DRAFT_STORAGE_KEY);
    if (!raw) return { ...EMPTY_DRAFT };
    const value = JSON.parse(raw) as Partial<Record<keyof Draft, unknown>>;
    const text = (field: keyof Draft) => (typeof value[field] === "string" ? (value[field] as string) : "");
    return { title: text("title"), body: text("body"), category: text("category"), tags: text("tags") };
  } catch {
    return { ...EMPTY_DRAFT }; // unreadable storage or JSON: start fresh
  }
}

export function isEmpty(draft: Draft): boolean {
  return Object.values(draft).every((value) => value.trim() === "");
}

export function saveDraft(draft: Draft): void {
  try {
    if (isEmpty(draft)) globalThis.localStorage?.removeItem(DRAFT_STORAGE_KEY);
    else globalThis.localStorage?.setItem(DRAFT_STORAGE_KEY, JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the form still works, only the draft is not kept.
  }
}

export function clearDraft(): void {
  try {
    globalThis.localStorage?.removeItem(DRAFT_STORAGE_KEY);
  } catch {
    // Nothing to clear.
  }
}

/** "a, b，c" -> ["a", "b", "c"]; the core trims, lower-cases and de-duplicates. */
export function splitTags(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");
}
