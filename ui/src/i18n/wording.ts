import { accountWordingEn } from "./account.en";
import { accountWordingZhCN } from "./account.zh-CN";
import type { Wording } from "./locale.svelte";

/** How a shared board's portal says what the desktop says of local profiles. */
export const accountWording: Wording = { en: accountWordingEn, "zh-CN": accountWordingZhCN };
