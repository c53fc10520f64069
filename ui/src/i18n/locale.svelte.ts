/**
 * The current UI locale as reactive state, and message lookup. Components that call `t`
 * re-render when the locale changes. The choice persists in localStorage; the first run
 * follows `navigator.language` (zh* -> zh-CN, anything else -> en).
 */
import { en, type Catalogue, type MessageKey } from "./en";
import { zhCN } from "./zh-CN";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_STORAGE_KEY = "ideaboard.locale";

export const catalogues: Record<Locale, Catalogue> = { "zh-CN": zhCN, en };

export type Params = Record<string, string | number>;

/** Keys that come in `.one` / `.other` pairs, addressed by their common prefix. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.other` ? Base : never;
}[MessageKey];

export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((l) => l === value);
}

export function localeFromLanguage(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

function storedLocale(): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null; // storage can be unavailable; fall back to the system language
  }
}

class LocaleState {
  current = $state<Locale>(storedLocale() ?? localeFromLanguage(globalThis.navigator?.language));
}

const state = new LocaleState();
syncDocumentLang();

function syncDocumentLang(): void {
  if (typeof document !== "undefined") document.documentElement.lang = state.current;
}

export function locale(): Locale {
  return state.current;
}

export function setLocale(next: Locale): void {
  state.current = next;
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, next);
  } catch {
    // Not persisting is acceptable; the switch still applies to this session.
  }
  syncDocumentLang();
}

export function toggleLocale(): void {
  setLocale(state.current === "zh-CN" ? "en" : "zh-CN");
}

function interpolate(template: string, params: Params): string {
  const numbers = new Intl.NumberFormat(state.current);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? numbers.format(value) : value;
  });
}

/** Messages said otherwise on some hosts, by locale (see `useWording`). */
export type Wording = Record<Locale, Partial<Catalogue>>;

let wording: Wording | null = null;

/**
 * Says some messages otherwise from now on (a shared board's "Sign in" where the
 * desktop says "Choose a profile"); null goes back to the catalogues alone.
 */
export function useWording(next: Wording | null): void {
  wording = next;
}

/** The message for `key` in the current locale; numeric params are formatted for the locale. */
export function t(key: MessageKey, params?: Params): string {
  const template = wording?.[state.current][key] ?? catalogues[state.current][key];
  return params ? interpolate(template, params) : template;
}

/** A plural message: picks `<key>.one` or `<key>.other` by `count`; `{count}` is available. */
export function tn(key: PluralKey, count: number, params?: Params): string {
  const rule = new Intl.PluralRules(state.current).select(count);
  const exact = `${key}.${rule}`;
  const catalogue = catalogues[state.current];
  const chosen = (exact in catalogue ? exact : `${key}.other`) as MessageKey;
  return t(chosen, { count, ...params });
}
