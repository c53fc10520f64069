import type { ErrorParams } from "../ipc/bindings";
import type { MessageKey } from "./en";
import { catalogues, locale, t, type Params } from "./locale.svelte";

/** What a message is made from: the core's code and the parameters it sent with it. */
export type ErrorLike = { code: string; params?: ErrorParams };

// Params naming an idea status, shown by their localised name rather than the stored text.
const STATUS_PARAMS = ["status", "from", "to"] as const;

function messageParams(params: ErrorParams): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "number" || typeof value === "string") out[name] = value;
  }
  const catalogue = catalogues[locale()];
  for (const name of STATUS_PARAMS) {
    const key = `status.${String(out[name])}`;
    if (key in catalogue) out[name] = t(key as MessageKey);
  }
  return out;
}

/**
 * A localised message for a core error: by its code, filled in with the numbers the core
 * sent (`len`, `max`, `budget`, ...) so it says by how much. Codes without an entry get
 * the generic message. A bare code is accepted where no parameters exist.
 */
export function errorMessage(error: string | ErrorLike): string {
  const { code, params } = typeof error === "string" ? { code: error, params: undefined } : error;
  const key = `error.${code}`;
  if (!(key in catalogues[locale()])) return t("error.generic");
  return t(key as MessageKey, messageParams(params ?? {}));
}
