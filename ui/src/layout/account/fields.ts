import type { FailureCode } from "../../ipc";

/** The fields of the sign-in and sign-up forms. */
export type AccountField = "displayName" | "email" | "password" | "invitation" | "form";

/** Which field a refusal is about; anything else (wrong credentials, a lockout) is the form's. */
const FIELD_OF: Partial<Record<FailureCode, AccountField>> = {
  NameEmpty: "displayName",
  NameTooLong: "displayName",
  EmailInvalid: "email",
  EmailTaken: "email",
  PasswordTooShort: "password",
  PasswordTooLong: "password",
  PasswordTooCommon: "password",
  InvitationRequired: "invitation",
  TokenExpired: "invitation",
};

export function accountFieldOf(code: FailureCode): AccountField {
  return FIELD_OF[code] ?? "form";
}
