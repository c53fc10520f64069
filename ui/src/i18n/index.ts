export { locale, setLocale, toggleLocale, t, tn, LOCALES, type Locale } from "./locale.svelte";
export type { MessageKey } from "./en";
export { errorMessage } from "./errors";
export { formatDate, formatDateTime, formatNumber, formatWhen } from "./format";
export { categoryName } from "./names";
