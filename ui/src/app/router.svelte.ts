/**
 * A tiny hash router: the current view as reactive state. The hash is the source of
 * truth (`#/`, `#/ideas/<id>`, `#/share`), so links are plain `<a href>` and a reload
 * keeps the page; anything unknown falls back to the idea list.
 */
export type Route = { name: "vote" } | { name: "idea"; id: string } | { name: "share" };

const IDEA_PREFIX = "#/ideas/";

export function parseRoute(hash: string): Route {
  if (hash === "#/share") return { name: "share" };
  if (hash.startsWith(IDEA_PREFIX)) {
    const id = decodeURIComponent(hash.slice(IDEA_PREFIX.length));
    if (/^[0-9a-fA-F-]{8,}$/.test(id)) return { name: "idea", id };
  }
  return { name: "vote" };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case "vote":
      return "#/";
    case "share":
      return "#/share";
    case "idea":
      return `${IDEA_PREFIX}${encodeURIComponent(route.id)}`;
  }
}

export class Router {
  route = $state.raw<Route>({ name: "vote" });

  readonly #location: Location;

  constructor(location: Location = globalThis.location) {
    this.#location = location;
    this.route = parseRoute(location.hash);
  }

  /** Follows hash changes (links, back/forward); returns the unsubscribe function. */
  listen(target: Window = globalThis.window): () => void {
    const sync = () => {
      this.route = parseRoute(this.#location.hash);
    };
    target.addEventListener("hashchange", sync);
    return () => target.removeEventListener("hashchange", sync);
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
