import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import type { CommentView } from "../../ipc";
import { setLocale } from "../../i18n";
import { session } from "../../app/session.svelte";
import { added, comment, commands, detail, idea, profile } from "../../test/fixtures";
import DiscussView from "./DiscussView.svelte";
import { buildThread } from "./thread";

const summary = idea(9);
const me = profile();
const team = { id: "0190a000-0000-7000-8000-00000000eeee", displayName: "Chen Team", role: "moderator" as const };

const first = comment({ body: "first", bodyHtml: "<p>first</p>" });
const reply = comment({ parentId: first.id, bodyHtml: "<p>a reply</p>" });
const nested = comment({ parentId: reply.id, bodyHtml: "<p>a reply to the reply</p>" });
const official = comment({ kind: "official", author: team, bodyHtml: "<p>We are on it</p>" });
const internal = comment({ kind: "internal", author: team, bodyHtml: "<p>check the supplier</p>" });
const mine = comment({
  author: { id: me.id, displayName: me.displayName, role: "fan" },
  bodyHtml: "<p>mine</p>",
  reactions: [{ reaction: "like", count: 2 }],
  myReactions: [],
});

function ids(elements: HTMLElement[]): string[] {
  return elements.map((el) => el.dataset.commentId ?? "");
}

function item(c: CommentView): HTMLElement {
  const found = screen.getAllByTestId("comment").find((el) => el.dataset.commentId === c.id);
  if (!found) throw new Error(`comment ${c.id} not shown`);
  return found;
}

beforeEach(async () => {
  invoke.mockReset();
  setLocale("en");
  invoke.mockImplementation(commands({ sign_in: () => me }));
  await session.signIn(me.id, null);
});

describe("buildThread", () => {
  it("nests replies, pins official answers and keeps orphans", () => {
    const orphan = comment({ parentId: "0190b000-0000-7000-8000-0000ffffffff" });
    const tree = buildThread([first, reply, nested, official, orphan]);
    expect(tree.map((n) => n.comment.id)).toEqual([official.id, first.id, orphan.id]);
    expect(tree[1]?.replies.map((n) => n.comment.id)).toEqual([reply.id]);
    expect(tree[1]?.replies[0]?.replies.map((n) => n.comment.id)).toEqual([nested.id]);
  });
});

describe("comment thread", () => {
  function serve(comments: CommentView[]) {
    invoke.mockImplementation(
      commands({
        get_idea: () => detail(summary),
        list_comments: () => comments,
        current_profile: () => me,
        add_comment: (args) => {
          const input = args.input as { parentId: string | null; body: string };
          const posted = comment({
            parentId: input.parentId,
            author: { id: me.id, displayName: me.displayName, role: "fan" },
            bodyHtml: `<p>${input.body}</p>`,
          });
          return added(posted, detail({ ...summary, commentCount: summary.commentCount + 1 }));
        },
        react: (args) => ({ ...mine, reactions: [{ reaction: args.reaction, count: 3 }], myReactions: [args.reaction] }),
      }),
    );
  }

  it("shows official answers on top, replies indented under their parent and internal notes marked", async () => {
    serve([first, reply, nested, official, internal]);
    render(DiscussView, { id: summary.id });
    const thread = await screen.findByTestId("comment-thread");

    const top = Array.from(thread.children) as HTMLElement[];
    expect(ids(top)).toEqual([official.id, first.id, internal.id]);
    expect(within(item(official)).getByTestId("official-badge").textContent).toBe("Official answer");
    expect(item(official).dataset.kind).toBe("official");

    expect(item(reply).parentElement?.closest("[data-testid=comment]")).toBe(item(first));
    expect(item(nested).parentElement?.closest("[data-testid=comment]")).toBe(item(reply));
    expect(item(nested).dataset.depth).toBe("2");

    expect(within(item(internal)).getByTestId("internal-badge").textContent?.trim()).toBe("Internal");
    expect(within(item(first)).queryByTestId("internal-badge")).toBeNull();
  });

  it("posts a reply under its parent and toggles a reaction", async () => {
    serve([first, mine]);
    render(DiscussView, { id: summary.id });
    await screen.findByTestId("comment-thread");

    await fireEvent.click(within(item(first)).getByTestId("reply"));
    const form = within(item(first)).getByTestId("reply-form");
    await fireEvent.input(within(form).getByTestId("comment-input"), { target: { value: "agreed" } });
    await fireEvent.submit(form);
    await waitFor(() => expect(within(item(first)).getByTestId("replies").textContent).toContain("agreed"));
    expect(invoke).toHaveBeenCalledWith("add_comment", {
      input: { ideaId: summary.id, parentId: first.id, kind: "public", body: "agreed" },
    });
    // The answer carried the idea's page: nothing was asked again.
    expect(invoke.mock.calls.map(([command]) => command).slice(-1)).toEqual(["add_comment"]);

    const like = within(item(mine)).getByTestId("reaction-like");
    expect(like.dataset.count).toBe("2");
    expect(like.getAttribute("aria-pressed")).toBe("false");
    await fireEvent.click(like);
    await waitFor(() => expect(within(item(mine)).getByTestId("reaction-like").dataset.count).toBe("3"));
    expect(within(item(mine)).getByTestId("reaction-like").getAttribute("aria-pressed")).toBe("true");
    expect(invoke).toHaveBeenCalledWith("react", { commentId: mine.id, reaction: "like", on: true });
  });

  it("offers edit and delete only on the member's own comments", async () => {
    serve([first, mine]);
    render(DiscussView, { id: summary.id });
    await screen.findByTestId("comment-thread");
    expect(within(item(mine)).getByTestId("edit")).toBeTruthy();
    expect(within(item(mine)).getByTestId("delete")).toBeTruthy();
    expect(within(item(first)).queryByTestId("edit")).toBeNull();
    expect(within(item(first)).queryByTestId("delete")).toBeNull();
  });

  it("edits and deletes the member's own comment through the core", async () => {
    serve([first, mine]);
    const edited = { ...mine, body: "mine, edited", bodyHtml: "<p>mine, edited</p>", editedAt: "2024-01-07T12:00:00Z" };
    const deleted = { ...mine, body: "", bodyHtml: "", deleted: true };
    const base = invoke.getMockImplementation()!;
    let thread = [first, mine];
    invoke.mockImplementation(async (command: string, args: Record<string, unknown>) => {
      if (command === "edit_comment") return edited;
      if (command === "delete_comment") {
        thread = [first, deleted];
        return null;
      }
      if (command === "list_comments") return thread;
      return base(command, args);
    });
    render(DiscussView, { id: summary.id });
    await screen.findByTestId("comment-thread");

    await fireEvent.click(within(item(mine)).getByTestId("edit"));
    const form = within(item(mine)).getByTestId("edit-form");
    const input = within(form).getByTestId("comment-input") as HTMLTextAreaElement;
    expect(input.value).toBe(mine.body);
    await fireEvent.input(input, { target: { value: "mine, edited" } });
    await fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(within(item(mine)).getByTestId("comment-body").textContent).toBe("mine, edited"));
    expect(invoke).toHaveBeenCalledWith("edit_comment", { commentId: mine.id, body: "mine, edited" });
    expect(item(mine).textContent).toContain("edited");

    await fireEvent.click(within(item(mine)).getByTestId("delete"));
    await fireEvent.click(within(item(mine)).getByTestId("confirm-delete"));
    await waitFor(() => expect(within(item(mine)).getByTestId("comment-deleted")).toBeTruthy());
    expect(invoke).toHaveBeenCalledWith("delete_comment", { commentId: mine.id });
    expect(within(item(mine)).queryByTestId("edit")).toBeNull();
  });

  it("renders the core's sanitised HTML and fan names as text", async () => {
    const evil = comment({
      author: { id: "x", displayName: "<img src=x onerror=alert(1)>", role: "fan" },
      bodyHtml: "<p>&lt;script&gt;window.__pwned=1&lt;/script&gt;</p>",
    });
    serve([evil]);
    const { container } = render(DiscussView, { id: summary.id });
    await screen.findByTestId("comment-thread");
    expect(within(item(evil)).getByTestId("comment-author").textContent).toBe("<img src=x onerror=alert(1)>");
    expect(container.querySelector("img, script")).toBeNull();
  });
});
