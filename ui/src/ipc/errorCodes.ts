import type { ErrorCode } from "./bindings";

/** Every error code the core can send, as a runtime list (bindings.ts holds only types). */
export const ERROR_CODES = [
  "NotFound",
  "NotAllowed",
  "NotSignedIn",
  "InvalidInput",
  "TitleEmpty",
  "TitleTooShort",
  "TitleTooLong",
  "BodyTooLong",
  "ControlCharacter",
  "InvalidId",
  "UnknownValue",
  "AlreadyVoted",
  "NotVoted",
  "VotingClosed",
  "VoteBudgetExhausted",
  "NoteRequired",
  "NoteTooLong",
  "InvalidTransition",
  "MergeIntoSelf",
  "MergeIntoMerged",
  "AlreadyMerged",
  "NameEmpty",
  "NameTooLong",
  "PassphraseTooShort",
  "WrongPassphrase",
  "EditWindowClosed",
  "CommentEmpty",
  "CommentTooLong",
  "ParentMismatch",
  "CommentDeleted",
  "LastAdmin",
  "TooManyTags",
  "TagTooLong",
  "SearchEmpty",
  "ReasonEmpty",
  "ReasonTooLong",
  "AlreadyReported",
  "NoOpenReports",
  "NotAPublicComment",
  "NewerBoard",
  "NotABoard",
  "ImportRejected",
  "BoardNotEmpty",
  "Cancelled",
  "EmptyFile",
  "BoardDamaged",
  "ReadOnly",
  "DiskFull",
  "BoardBusy",
  "OpenElsewhere",
  "Storage",
  "Internal",
] as const satisfies readonly ErrorCode[];

// Fails type checking when the generated bindings gain a code this list lacks.
type MissingCodes = Exclude<ErrorCode, (typeof ERROR_CODES)[number]>;
const exhaustive: [MissingCodes] extends [never] ? true : MissingCodes = true;
void exhaustive;

const known: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && known.has(value);
}
