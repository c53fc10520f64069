import type { MessageKey } from "./en";
import { catalogues, locale, t } from "./locale.svelte";

/** A localised message for a core error code; codes without an entry get the generic message. */
export function errorMessage(code: string): string {
  const key = `error.${code}`;
  return key in catalogues[locale()] ? t(key as MessageKey) : t("error.generic");
}
