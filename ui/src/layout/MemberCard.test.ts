import { render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import { setLocale } from "../i18n";
import { session } from "../app/session.svelte";
import { commands, profile } from "../test/fixtures";
import MemberCard from "./MemberCard.svelte";

beforeEach(() => {
  invoke.mockReset();
  setLocale("en");
});

afterEach(() => {
  session.profile = null;
  session.votesLeft = null;
});

describe("member card", () => {
  it("shows the votes left when the board has a budget, and follows a vote", async () => {
    let left = 7;
    invoke.mockImplementation(commands({ current_profile: () => profile(), votes_left: () => left }));
    await session.load();
    render(MemberCard);
    await waitFor(() => expect(screen.getByTestId("member-votes-left").textContent?.trim()).toBe("7 votes left"));
    left = 6;
    await session.refresh();
    expect(screen.getByTestId("member-votes-left").textContent?.trim()).toBe("6 votes left");
  });

  it("shows no budget on a board without one, nor for a guest", async () => {
    invoke.mockImplementation(commands({ current_profile: () => profile(), votes_left: () => null }));
    await session.load();
    render(MemberCard);
    await waitFor(() => expect(invoke).toHaveBeenCalledWith("votes_left", undefined));
    expect(screen.queryByTestId("member-votes-left")).toBeNull();
    invoke.mockImplementation(commands({ current_profile: () => null }));
    await session.refresh();
    expect(screen.getByTestId("member-name").textContent).toBe("Guest");
    expect(screen.queryByTestId("member-votes-left")).toBeNull();
  });

  it("reads in Chinese", async () => {
    setLocale("zh-CN");
    invoke.mockImplementation(commands({ current_profile: () => profile(), votes_left: () => 3 }));
    await session.load();
    render(MemberCard);
    await waitFor(() => expect(screen.getByTestId("member-votes-left").textContent?.trim()).toBe("剩余 3 票"));
  });
});
