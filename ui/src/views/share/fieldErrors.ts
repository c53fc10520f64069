import type { ErrorCode } from "../../ipc";

export type ShareField = "title" | "body" | "category" | "tags" | "form";

/** Which field of the Share form a core error code belongs to; anything else is form-wide. */
const FIELD_OF: Partial<Record<ErrorCode, ShareField>> = {
  TitleEmpty: "title",
  TitleTooShort: "title",
  TitleTooLong: "title",
  BodyTooLong: "body",
  UnknownValue: "category",
  TooManyTags: "tags",
  TagTooLong: "tags",
  InvalidInput: "tags",
};

export function fieldOf(code: ErrorCode): ShareField {
  return FIELD_OF[code] ?? "form";
}
