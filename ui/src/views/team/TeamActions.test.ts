import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import { setLocale } from "../../i18n";
import { session } from "../../app/session.svelte";
import { changed, commands, detail, idea, profile } from "../../test/fixtures";
import DiscussView from "../discuss/DiscussView.svelte";

const summary = idea(7, { status: "under_review" });
const target = idea(3, { title: "Oat milk in every store", voteCount: 40 });
const moderator = profile({ role: "moderator", displayName: "Mia" });

function calls(command: string): unknown[] {
  return invoke.mock.calls.filter(([name]) => name === command).map(([, args]) => args);
}

async function signInAs(who = moderator): Promise<void> {
  invoke.mockImplementation(commands({ sign_in: () => who }));
  await session.signIn(who.id, null);
}

// As the core sends them for an idea under review, seen by the team.
const allowedStatuses = ["new", "planned", "in_progress", "launched", "declined"] as const;

const base = {
  get_idea: () => detail(summary, { allowedStatuses: [...allowedStatuses] }),
  list_comments: () => [],
  current_profile: () => moderator,
  votes_left: () => null,
};

beforeEach(() => {
  invoke.mockReset();
  setLocale("en");
});

describe("team actions on the idea page", () => {
  it("are not shown to a fan", async () => {
    await signInAs(profile());
    invoke.mockImplementation(commands({ ...base, current_profile: () => profile() }));
    render(DiscussView, { id: summary.id });
    await screen.findByTestId("detail-title");
    expect(screen.queryByTestId("team-actions")).toBeNull();
  });

  it("change the status with an official answer, offering the next step first", async () => {
    await signInAs();
    const planned = detail({ ...summary, status: "planned" });
    const answered = {
      from: "under_review" as const,
      to: "planned" as const,
      actor: { id: moderator.id, displayName: moderator.displayName, role: moderator.role },
      note: "On the menu in spring.",
      noteHtml: "<p>On the menu in spring.</p>",
      at: "2024-01-08T12:00:00Z",
    };
    invoke.mockImplementation(
      commands({
        ...base,
        change_status: () => changed({ ...planned, journey: [...planned.journey, answered] }),
      }),
    );
    render(DiscussView, { id: summary.id });
    await fireEvent.click(await screen.findByTestId("team-change-status"));
    invoke.mockClear();
    const select = screen.getByTestId<HTMLSelectElement>("status-to");
    expect([...select.options].map((o) => o.value)).toEqual([...allowedStatuses]);
    expect(select.value).toBe("planned");
    await fireEvent.input(screen.getByTestId("status-note"), { target: { value: "On the menu in spring." } });
    await fireEvent.click(screen.getByTestId("status-submit"));
    await waitFor(() => expect(screen.queryByTestId("status-dialog")).toBeNull());
    expect(calls("change_status")).toEqual([
      { update: { ideaId: summary.id, to: "planned", note: "On the menu in spring." } },
    ]);
    // The page takes the answer: the new status and the answer on the journey, one call.
    const header = screen.getByTestId("idea-header");
    expect(header.querySelector("[data-testid=status-badge]")?.getAttribute("data-status")).toBe("planned");
    expect(screen.getAllByTestId("journey-note").at(-1)?.textContent).toBe("On the menu in spring.");
    expect(invoke.mock.calls.map(([command]) => command)).toEqual(["change_status"]);
  });

  it("offer only the statuses the core sent, and nothing when it sent none", async () => {
    await signInAs();
    invoke.mockImplementation(
      commands({ ...base, get_idea: () => detail({ ...summary, status: "declined" }, { allowedStatuses: ["under_review"] }) }),
    );
    const page = render(DiscussView, { id: summary.id });
    await fireEvent.click(await screen.findByTestId("team-change-status"));
    const select = screen.getByTestId<HTMLSelectElement>("status-to");
    expect([...select.options].map((o) => o.value)).toEqual(["under_review"]);
    expect(select.value).toBe("under_review");
    page.unmount();

    invoke.mockImplementation(
      commands({ ...base, get_idea: () => detail({ ...summary, status: "launched" }, { allowedStatuses: [] }) }),
    );
    render(DiscussView, { id: summary.id });
    expect((await screen.findByTestId<HTMLButtonElement>("team-change-status")).disabled).toBe(true);
  });

  it("say which statuses a refused transition was between, in the person's language", async () => {
    await signInAs();
    setLocale("zh-CN");
    invoke.mockImplementation(
      commands({
        ...base,
        change_status: () => {
          throw { code: "InvalidTransition", message: "no", params: { from: "under_review", to: "new" } };
        },
      }),
    );
    render(DiscussView, { id: summary.id });
    await fireEvent.click(await screen.findByTestId("team-change-status"));
    await fireEvent.change(screen.getByTestId("status-to"), { target: { value: "new" } });
    await fireEvent.click(screen.getByTestId("status-submit"));
    expect((await screen.findByTestId("status-error")).textContent).toBe("该创意无法从“评估中”变更为“新提交”。");
  });

  it("show the core's refusal in the person's language and keep the dialog open", async () => {
    await signInAs();
    invoke.mockImplementation(
      commands({
        ...base,
        change_status: () => {
          throw { code: "NoteRequired", message: "a note for the fans is required when an idea is declined" };
        },
      }),
    );
    render(DiscussView, { id: summary.id });
    await fireEvent.click(await screen.findByTestId("team-change-status"));
    await fireEvent.change(screen.getByTestId("status-to"), { target: { value: "declined" } });
    await fireEvent.click(screen.getByTestId("status-submit"));
    const error = await screen.findByTestId("status-error");
    expect(error.textContent).not.toContain("a note for the fans is required");
    expect(error.textContent?.length).toBeGreaterThan(0);
    expect(screen.getByTestId("status-dialog")).toBeTruthy();
    expect(calls("change_status")).toEqual([{ update: { ideaId: summary.id, to: "declined", note: null } }]);
  });

  it("merge: suggests look-alikes, previews what moves, and merges into the chosen idea", async () => {
    await signInAs();
    invoke.mockImplementation(
      commands({
        ...base,
        similar_ideas: () => [
          { idea: summary, score: 1 },
          { idea: target, score: 0.8 },
        ],
        merge_preview: () => ({
          sourceNumber: 7,
          targetNumber: 3,
          votesMoving: 12,
          votesCollapsing: 2,
          commentsMoving: 5,
          followersMoving: 9,
        }),
        merge_ideas: () => detail(target),
      }),
    );
    render(DiscussView, { id: summary.id });
    await fireEvent.click(await screen.findByTestId("team-merge"));
    const candidates = await screen.findAllByTestId("merge-candidate");
    expect(candidates.map((c) => c.dataset.number)).toEqual(["3"]); // never itself
    await fireEvent.click(candidates[0]!);
    expect((await screen.findByTestId("merge-votes")).textContent).toBe("12");
    expect(screen.getByTestId("merge-collapsing").textContent).toBe("2");
    await fireEvent.click(screen.getByTestId("merge-confirm"));
    await waitFor(() => expect(calls("merge_ideas")).toEqual([{ sourceId: summary.id, targetId: target.id, note: null }]));
    await waitFor(() => expect(window.location.hash).toBe(`#/ideas/${target.id}`));
  });

  it("finds a merge target by its #number", async () => {
    await signInAs();
    invoke.mockImplementation(
      commands({ ...base, similar_ideas: () => [], get_idea_by_number: () => detail(target) }),
    );
    render(DiscussView, { id: summary.id });
    await fireEvent.click(await screen.findByTestId("team-merge"));
    await screen.findByTestId("merge-none");
    await fireEvent.input(screen.getByTestId("merge-search"), { target: { value: "#3" } });
    await fireEvent.click(screen.getByTestId("merge-search-submit"));
    expect((await screen.findAllByTestId("merge-candidate")).map((c) => c.dataset.number)).toEqual(["3"]);
    expect(calls("get_idea_by_number")).toEqual([{ number: 3 }]);
  });
});

describe("labels and edits on the idea page", () => {
  const categories = [
    { slug: "drinks", name: "饮品", nameEn: "Drinks" },
    { slug: "store", name: "门店", nameEn: "Stores" },
  ];

  it("let the team re-categorise and re-tag an idea, taking the core's answer", async () => {
    await signInAs();
    invoke.mockImplementation(
      commands({
        ...base,
        board_overview: () => ({ categories }),
        set_idea_labels: () =>
          detail({ ...summary, category: categories[1]!, tags: ["seasonal", "oat"] }, { allowedStatuses: [] }),
      }),
    );
    render(DiscussView, { id: summary.id });
    await fireEvent.click(await screen.findByTestId("team-labels"));
    const select = screen.getByTestId<HTMLSelectElement>("labels-category");
    await waitFor(() => expect(select.disabled).toBe(false));
    await fireEvent.change(select, { target: { value: "store" } });
    await fireEvent.input(screen.getByTestId("labels-tags"), { target: { value: "seasonal, oat ," } });
    await fireEvent.click(screen.getByTestId("labels-save"));
    await waitFor(() => expect(screen.queryByTestId("labels-dialog")).toBeNull());
    expect(calls("set_idea_labels")).toEqual([{ ideaId: summary.id, category: "store", tags: ["seasonal", "oat"] }]);
    expect(screen.getAllByTestId("detail-tag").map((t) => t.textContent)).toEqual(["seasonal", "oat"]);
  });

  it("let the author edit their idea while the core says they may, and say why a title is refused", async () => {
    const author = profile();
    await signInAs(author);
    const mine = idea(9, { title: "Oat milk", author: { id: author.id, displayName: author.displayName, role: "fan" } });
    invoke.mockImplementation(
      commands({
        ...base,
        current_profile: () => author,
        get_idea: () => detail(mine, { canEdit: true }),
        edit_idea: (args) => {
          const { edit } = args as { edit: { title: string; body: string } };
          if (edit.title.length < 4) throw { code: "TitleTooShort", message: "short", params: { len: 2, min: 4 } };
          return detail({ ...mine, title: edit.title }, { canEdit: true, body: edit.body });
        },
      }),
    );
    render(DiscussView, { id: mine.id });
    await fireEvent.click(await screen.findByTestId("edit-idea"));
    const title = screen.getByTestId<HTMLInputElement>("edit-title");
    expect(title.value).toBe("Oat milk");
    await fireEvent.input(title, { target: { value: "Oa" } });
    await fireEvent.click(screen.getByTestId("edit-save"));
    expect((await screen.findByRole("alert")).textContent).toMatch(/2.*4|4.*2/);
    await fireEvent.input(title, { target: { value: "Oat milk all year" } });
    await fireEvent.click(screen.getByTestId("edit-save"));
    await waitFor(() => expect(screen.getByTestId("detail-title").textContent).toBe("Oat milk all year"));
    expect(screen.queryByTestId("edit-idea-form")).toBeNull();
  });

  it("are not offered when the core says the idea may not be edited", async () => {
    await signInAs(profile());
    invoke.mockImplementation(commands({ ...base, current_profile: () => profile() }));
    render(DiscussView, { id: summary.id });
    await screen.findByTestId("detail-title");
    expect(screen.queryByTestId("edit-idea")).toBeNull();
  });
});
