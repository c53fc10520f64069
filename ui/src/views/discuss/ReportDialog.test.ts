import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import { setLocale } from "../../i18n";
import { session } from "../../app/session.svelte";
import { commands, detail, idea, profile } from "../../test/fixtures";
import DiscussView from "./DiscussView.svelte";

const fan = profile();
const summary = idea(9);

function calls(command: string): unknown[] {
  return invoke.mock.calls.filter(([name]) => name === command).map(([, args]) => args);
}

beforeEach(async () => {
  invoke.mockReset();
  setLocale("en");
  invoke.mockImplementation(commands({ sign_in: () => fan, votes_left: () => null }));
  await session.signIn(fan.id, null);
});

describe("reporting an idea", () => {
  it("sends the reason to the team, and shows a refusal by code", async () => {
    let first = true;
    invoke.mockImplementation(
      commands({
        get_idea: () => detail(summary),
        list_comments: () => [],
        current_profile: () => fan,
        report_content: (args) => {
          if (first) {
            first = false;
            throw { code: "ReasonEmpty", message: "the reason is empty" };
          }
          return { id: "r1", ...(args.input as object), createdAt: "2026-11-30T10:00:00Z" };
        },
      }),
    );
    render(DiscussView, { id: summary.id });
    await fireEvent.click(await screen.findByTestId("report-idea"));
    await fireEvent.click(screen.getByTestId("report-submit"));
    expect((await screen.findByTestId("report-error")).textContent?.length).toBeGreaterThan(0);
    await fireEvent.input(screen.getByTestId("report-reason"), { target: { value: "spam link" } });
    await fireEvent.click(screen.getByTestId("report-submit"));
    await screen.findByTestId("report-sent");
    await waitFor(() =>
      expect(calls("report_content").at(-1)).toEqual({ input: { target: { kind: "idea", id: summary.id }, reason: "spam link" } }),
    );
  });
});
