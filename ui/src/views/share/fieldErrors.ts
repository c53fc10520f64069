import type { FailureCode } from "../../ipc";

export type ShareField = "title" | "body" | "category" | "tags" | "form";

/** Which field of the Share form a core error code belongs to; anything else is form-wide. */
const FIELD_OF: Partial<Record<FailureCode, ShareField>> = {
  TitleEmpty: "title",
  TitleTooShort: "title",
  TitleTooLong: "title",
  BodyTooLong: "body",
  UnknownValue: "category",
  TooManyTags: "tags",
  TagTooLong: "tags",
  InvalidInput: "tags",
};

export function fieldOf(code: FailureCode): ShareField {
  return FIELD_OF[code] ?? "form";
}
