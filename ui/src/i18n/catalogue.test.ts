import { describe, expect, it } from "vitest";
import { en } from "./en";
import { zhCN } from "./zh-CN";
import { accountWording } from "./wording";
import { ERROR_CODES } from "../ipc/errorCodes";
import { CLIENT_ERROR_CODES } from "../ipc/errors";
import type { ErrorParams } from "../ipc/bindings";

// Every parameter the core's ErrorDto can carry; type checking fails when one is missing.
const ERROR_PARAMS = [
  "len",
  "min",
  "max",
  "budget",
  "status",
  "from",
  "to",
  "field",
  "value",
  "reason",
  "what",
  "found",
  "supported",
  "problems",
  "retryAfter",
] as const satisfies readonly (keyof ErrorParams)[];
const allParams: [Exclude<keyof ErrorParams, (typeof ERROR_PARAMS)[number]>] extends [never] ? true : false = true;
void allParams;

const catalogues = { en, "zh-CN": zhCN };

describe("message catalogues", () => {
  it("have identical key sets", () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.entries(catalogues))("%s has no empty values", (_, catalogue) => {
    const empty = Object.entries(catalogue).filter(([, text]) => text.trim() === "");
    expect(empty).toEqual([]);
  });

  it.each(Object.entries(catalogues))("%s has a message for every error code", (_, catalogue) => {
    const missing = [...ERROR_CODES, ...CLIENT_ERROR_CODES].filter((code) => !(`error.${code}` in catalogue));
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(catalogues))("%s fills error messages only from params the core sends", (_, catalogue) => {
    const known: readonly string[] = ERROR_PARAMS;
    const unknown = Object.entries(catalogue)
      .filter(([key]) => key.startsWith("error."))
      .flatMap(([key, text]) => (text.match(/\{(\w+)\}/g) ?? []).map((p) => [key, p.slice(1, -1)]))
      .filter(([, name]) => !known.includes(name!));
    expect(unknown).toEqual([]);
  });

  it("uses the same placeholders in both languages", () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    const differing = Object.keys(en).filter((key) => {
      const k = key as keyof typeof en;
      return placeholders(en[k]).join() !== placeholders(zhCN[k]).join();
    });
    expect(differing).toEqual([]);
  });

  it("words the portal's accounts in both languages, with the placeholders of the messages they replace", () => {
    const placeholders = (text: string | undefined) => (text?.match(/\{\w+\}/g) ?? []).sort().join();
    expect(Object.keys(accountWording.en).sort()).toEqual(Object.keys(accountWording["zh-CN"]).sort());
    for (const [locale, words] of Object.entries(accountWording)) {
      const catalogue = catalogues[locale as keyof typeof catalogues];
      const differing = Object.entries(words).filter(
        ([key, text]) => placeholders(text) !== placeholders(catalogue[key as keyof typeof en]),
      );
      expect(differing).toEqual([]);
    }
  });

  it("really is Chinese in zh-CN where the English differs", () => {
    expect(zhCN["app.name"]).toBe("创意板");
    expect(zhCN["sort.trending"]).not.toBe(en["sort.trending"]);
  });
});
