/**
 * A tiny hash router: the current view as reactive state. The hash is the source of
 * truth (`#/`, `#/ideas/<id>`, `#/share`, `#/adoption`, `#/notifications`, `#/profile`, the
 * team's `#/team/<section>`, and a shared board's `#/invite/<token>` and
 * `#/reset/<token>`), so links are plain `<a href>` and a reload keeps the page;
 * anything unknown falls back to the idea list.
 *
 * An idea is also linked by its number (`#/ideas/123`, what fans see and share), and a
 * shared board's server answers a path such as `/ideas/<id>`, `/ideas/123`,
 * `/invite/<token>` (an admin's invitation link) or `/reset/<token>` (a password-reset
 * link) with the portal: the router takes that path for the same hash when it starts.
 */
export type Route =
  | { name: "vote" }
  | { name: "idea"; id: string }
  | { name: "ideaByNumber"; number: number }
  | { name: "share" }
  | { name: "adoption" }
  | { name: "notifications" }
  | { name: "profile" }
  | { name: "team"; section: TeamSection }
  | { name: "invite"; token: string }
  | { name: "reset"; token: string };

/** The sections of the team's workspace. */
export const TEAM_SECTIONS = [
  "inbox",
  "moderation",
  "analytics",
  "engagement",
  "members",
  "exchange",
  "settings",
] as const;
export type TeamSection = (typeof TEAM_SECTIONS)[number];

/** The views with a fixed address, by hash. */
const FIXED: Record<string, Route> = {
  "#/share": { name: "share" },
  "#/adoption": { name: "adoption" },
  "#/notifications": { name: "notifications" },
  "#/profile": { name: "profile" },
};

const IDEA_PREFIX = "#/ideas/";
const TEAM_PREFIX = "#/team/";
/** The link tokens a server hands out: a prefix and letters, digits, `_` or `-`. */
const TOKEN = /^[A-Za-z0-9_-]{1,200}$/;
const LINKS = { invite: "#/invite/", reset: "#/reset/" } as const;

export function parseRoute(hash: string): Route {
  if (Object.hasOwn(FIXED, hash)) return FIXED[hash]!;
  if (hash.startsWith(TEAM_PREFIX)) {
    const section = TEAM_SECTIONS.find((s) => `${TEAM_PREFIX}${s}` === hash);
    if (section) return { name: "team", section };
  }
  for (const name of ["invite", "reset"] as const) {
    if (!hash.startsWith(LINKS[name])) continue;
    const token = hash.slice(LINKS[name].length);
    if (TOKEN.test(token)) return { name, token };
  }
  if (hash.startsWith(IDEA_PREFIX)) {
    const id = decodeURIComponent(hash.slice(IDEA_PREFIX.length));
    if (/^[0-9a-fA-F-]{8,}$/.test(id)) return { name: "idea", id };
    if (/^[1-9][0-9]{0,9}$/.test(id)) return { name: "ideaByNumber", number: Number(id) };
  }
  return { name: "vote" };
}

/** The hash a path-style link stands for (`/ideas/<id or number>`, `/invite/<token>`, `/reset/<token>`), or null for any other path. */
export function pathHash(pathname: string): string | null {
  const match = /^\/(ideas|invite|reset)\/([^/]+)\/?$/.exec(pathname);
  return match ? `#/${match[1]}/${match[2]}` : null;
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case "vote":
      return "#/";
    case "share":
    case "adoption":
    case "notifications":
    case "profile":
      return `#/${route.name}`;
    case "idea":
      return `${IDEA_PREFIX}${encodeURIComponent(route.id)}`;
    case "ideaByNumber":
      return `${IDEA_PREFIX}${route.number}`;
    case "team":
      return `${TEAM_PREFIX}${route.section}`;
    case "invite":
    case "reset":
      return `${LINKS[route.name]}${route.token}`;
  }
}

export class Router {
  route = $state.raw<Route>({ name: "vote" });

  readonly #location: Location;

  constructor(location: Location = globalThis.location, history: History = globalThis.history) {
    this.#location = location;
    const linked = pathHash(location.pathname);
    // The portal's own address then carries the view, as every link inside it does.
    if (linked !== null && location.hash === "") history.replaceState(history.state, "", `/${linked}`);
    this.route = parseRoute(location.hash);
  }

  /** Follows hash changes (links, back/forward); returns the unsubscribe function. */
  listen(target: Window = globalThis.window): () => void {
    const sync = () => {
      const next = parseRoute(this.#location.hash);
      if (routeHref(next) === routeHref(this.route)) return;
      this.route = next;
      // A new view starts at its top, as it does after go().
      if (typeof document !== "undefined") document.documentElement.scrollTop = 0;
    };
    target.addEventListener("hashchange", sync);
    return () => target.removeEventListener("hashchange", sync);
  }

  /** Shows `route` in place of the current one, which Back then skips (a link by number, resolved). */
  replace(route: Route): void {
    this.route = route;
    const href = routeHref(route);
    if (this.#location.hash !== href) this.#location.replace(href);
  }

  go(route: Route): void {
    this.route = route;
    const href = routeHref(route);
    if (this.#location.hash !== href) this.#location.hash = href;
    if (typeof document !== "undefined") document.documentElement.scrollTop = 0;
  }
}

/** The app's one router. */
export const router = new Router();
