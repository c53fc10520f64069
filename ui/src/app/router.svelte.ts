/**
 * A tiny hash router: the current view as reactive state. The hash is the source of
 * truth (`#/`, `#/ideas/<id>`, `#/share`, `#/adoption`, `#/notifications`, `#/profile`, and the
 * team's `#/team/<section>`), so links are plain `<a href>` and a reload
 * keeps the page; anything unknown falls back to the idea list.
 *
 * An idea is also linked by its number (`#/ideas/123`, what fans see and share), and a
 * shared board's server answers a path such as `/ideas/<id>` or `/ideas/123` with the
 * portal: the router takes that path for the same hash when it starts.
 */
export type Route =
  | { name: "vote" }
  | { name: "idea"; id: string }
  | { name: "ideaByNumber"; number: number }
  | { name: "share" }
  | { name: "adoption" }
  | { name: "notifications" }
  | { name: "profile" }
  | { name: "team"; section: TeamSection };

/** The sections of the team's workspace. */
export const TEAM_SECTIONS = ["inbox", "moderation", "analytics", "engagement", "exchange", "settings"] as const;
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

export function parseRoute(hash: string): Route {
  if (Object.hasOwn(FIXED, hash)) return FIXED[hash]!;
  if (hash.startsWith(TEAM_PREFIX)) {
    const section = TEAM_SECTIONS.find((s) => `${TEAM_PREFIX}${s}` === hash);
    if (section) return { name: "team", section };
  }
  if (hash.startsWith(IDEA_PREFIX)) {
    const id = decodeURIComponent(hash.slice(IDEA_PREFIX.length));
    if (/^[0-9a-fA-F-]{8,}$/.test(id)) return { name: "idea", id };
    if (/^[1-9][0-9]{0,9}$/.test(id)) return { name: "ideaByNumber", number: Number(id) };
  }
  return { name: "vote" };
}

/** The hash a path-style link stands for (`/ideas/<id or number>`), or null for any other path. */
export function pathHash(pathname: string): string | null {
  const match = /^\/ideas\/([^/]+)\/?$/.exec(pathname);
  return match ? `${IDEA_PREFIX}${match[1]}` : null;
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
