import type { MessageKey } from "../../i18n";

/** The audit log's actions that have a message; others show as the core names them. */
const KNOWN = new Set<string>([
  "board.settings",
  "category.add",
  "comment.delete",
  "comment.official",
  "comment.internal",
  "idea.edit",
  "idea.labels",
  "idea.merge",
  "idea.status",
  "idea.hide",
  "idea.restore",
  "idea.pin",
  "idea.unpin",
  "member.create",
  "member.passphrase",
  "member.rename",
  "member.role",
  "comment.hide",
  "comment.restore",
  "reports.resolved",
  "reports.dismissed",
]);

/** The message key of an audit action, or null when it has none. */
export function auditActionKey(action: string): MessageKey | null {
  return KNOWN.has(action) ? (`team.audit.do.${action}` as MessageKey) : null;
}
