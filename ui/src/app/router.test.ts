import { afterEach, describe, expect, it } from "vitest";
import { Router, parseRoute, pathHash, routeHref, type Route } from "./router.svelte";

const ID = "0190a000-0000-7000-8000-000000000007";
const INVITATION = `ibi_${"ab12".repeat(16)}`;
const RESET = `ibr_${"cd34".repeat(16)}`;

afterEach(() => {
  window.location.hash = "";
});

describe("router", () => {
  it("parses hashes into routes and back", () => {
    const routes: Route[] = [
      { name: "vote" },
      { name: "share" },
      { name: "adoption" },
      { name: "notifications" },
      { name: "profile" },
      { name: "idea", id: ID },
      { name: "ideaByNumber", number: 123 },
      { name: "team", section: "inbox" },
      { name: "team", section: "settings" },
      { name: "team", section: "members" },
      { name: "invite", token: INVITATION },
      { name: "reset", token: RESET },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
    expect(routeHref({ name: "idea", id: ID })).toBe(`#/ideas/${ID}`);
    expect(routeHref({ name: "adoption" })).toBe("#/adoption");
    expect(routeHref({ name: "notifications" })).toBe("#/notifications");
  });

  it("falls back to the idea list for anything unknown", () => {
    for (const hash of ["", "#", "#/nope", "#/ideas/", "#/ideas/<script>", "#/ideas/0", "#/ideas/-3", "#/ideas/1e3", "#/share/extra", "__proto__", "#/adoption/x", "#/team/", "#/team/nope", "#/invite/", "#/invite/a b", "#/reset/<x>", "#/reset/a/b"]) {
      expect(parseRoute(hash)).toEqual({ name: "vote" });
    }
  });

  it("starts from the current hash and moves with go()", () => {
    window.location.hash = "#/share";
    const router = new Router();
    expect(router.route).toEqual({ name: "share" });
    router.go({ name: "idea", id: ID });
    expect(router.route).toEqual({ name: "idea", id: ID });
    expect(window.location.hash).toBe(`#/ideas/${ID}`);
    router.go({ name: "vote" });
    expect(window.location.hash).toBe("#/");
  });

  it("follows hash changes from links while listening", () => {
    const router = new Router();
    const stop = router.listen();
    document.documentElement.scrollTop = 400;
    window.location.hash = `#/ideas/${ID}`;
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    expect(router.route).toEqual({ name: "idea", id: ID });
    expect(document.documentElement.scrollTop).toBe(0);
    stop();
    window.location.hash = "#/share";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    expect(router.route).toEqual({ name: "idea", id: ID });
  });

  it("opens an idea's path-style link (the server answers any path with the portal) as its hash", () => {
    window.history.replaceState(null, "", `/ideas/${ID}`);
    expect(new Router().route).toEqual({ name: "idea", id: ID });
    expect(window.location.pathname).toBe("/");
    expect(window.location.hash).toBe(`#/ideas/${ID}`);

    window.history.replaceState(null, "", "/ideas/42/");
    expect(new Router().route).toEqual({ name: "ideaByNumber", number: 42 });
    expect(`${window.location.pathname}${window.location.hash}`).toBe("/#/ideas/42");

    window.history.replaceState(null, "", `/invite/${INVITATION}`);
    expect(new Router().route).toEqual({ name: "invite", token: INVITATION });
    expect(`${window.location.pathname}${window.location.hash}`).toBe(`/#/invite/${INVITATION}`);
    window.history.replaceState(null, "", `/reset/${RESET}`);
    expect(new Router().route).toEqual({ name: "reset", token: RESET });

    for (const path of ["/", "/index.html", "/ideas", "/ideas/", "/ideas/1/comments", "/share", "/invite/", "/reset/a/b"]) {
      expect(pathHash(path)).toBeNull();
    }
  });

  it("replaces a link by number with the idea's own, leaving no step for Back", () => {
    window.location.hash = "#/ideas/42";
    const router = new Router();
    const depth = window.history.length;
    router.replace({ name: "idea", id: ID });
    expect(router.route).toEqual({ name: "idea", id: ID });
    expect(window.location.hash).toBe(`#/ideas/${ID}`);
    expect(window.history.length).toBe(depth);
  });
});
