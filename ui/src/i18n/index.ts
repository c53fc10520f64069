export { locale, setLocale, toggleLocale, t, tn, useWording, LOCALES, type Locale, type Wording } from "./locale.svelte";
export { accountWording } from "./wording";
export type { MessageKey } from "./en";
export { errorMessage } from "./errors";
export { formatDate, formatDateTime, formatNumber, formatWhen } from "./format";
export { categoryName } from "./names";
