/**
 * The links a shared board's admin hands out: an invitation (`/invite/<token>`) and a
 * password reset (`/reset/<token>`). The server answers either path with the portal,
 * whose router opens the matching page.
 */
export function linkTo(kind: "invite" | "reset", token: string, origin: string = globalThis.location.origin): string {
  return `${origin}/${kind}/${encodeURIComponent(token)}`;
}
