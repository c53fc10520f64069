import type { Category } from "../ipc/bindings";
import { locale } from "./locale.svelte";

/** A category's display name: the English name in the English UI when the board has one. */
export function categoryName(category: Category): string {
  return locale() === "en" && category.nameEn ? category.nameEn : category.name;
}
