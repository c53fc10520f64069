import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import { setLocale } from "../../i18n";
import { commands } from "../../test/fixtures";
import JoinDialog from "./JoinDialog.svelte";

const URL = "http://127.0.0.1:8080";

function calls(command: string): unknown[] {
  return invoke.mock.calls.filter(([name]) => name === command).map(([, args]) => args);
}

function refusal(code: string, params: Record<string, unknown> = {}) {
  return () => Promise.reject({ code, message: `${code} (English)`, params });
}

function input(dialog: HTMLElement, testid: string, value: string) {
  return fireEvent.input(within(dialog).getByTestId(testid), { target: { value } });
}

async function checkAddress(typed: string) {
  const dialog = screen.getByTestId("join-dialog");
  await input(dialog, "join-url", typed);
  await fireEvent.submit(within(dialog).getByTestId("join-url-form"));
  return dialog;
}

beforeEach(() => {
  invoke.mockReset();
  setLocale("en");
});

describe("joining a shared board", () => {
  it("says in words when nothing answers, or the address is not one", async () => {
    invoke.mockImplementation(
      commands({
        check_server: (args) =>
          (args as { url: string }).url === "nowhere"
            ? refusal("Unreachable")()
            : refusal("InvalidInput", { field: "url", reason: "empty host" })(),
      }),
    );
    render(JoinDialog, { onclose: () => {}, onjoined: () => {} });
    await checkAddress("nowhere");
    const error = await screen.findByTestId("join-url-error");
    expect(error.dataset.code).toBe("Unreachable");
    expect(error.textContent?.trim()).toBe("The server could not be reached. Check your connection and try again.");

    setLocale("zh-CN");
    await checkAddress("http://");
    await waitFor(() => expect(screen.getByTestId("join-url-error").dataset.code).toBe("InvalidInput"));
    expect(screen.getByTestId("join-url-error").textContent?.trim()).toBe(
      "这不是服务器地址。请输入类似 http://ideas.example.com:8080 的地址。",
    );
    expect(calls("join_board")).toEqual([]);
  });

  it("checks the address, then signs in and hands over to the shared board", async () => {
    invoke.mockImplementation(
      commands({
        check_server: () => ({ url: URL, name: "Acme ideas" }),
        join_board: () => ({
          id: "server-1",
          kind: "server",
          name: "Acme ideas",
          location: URL,
          email: "lin@example.com",
          current: true,
        }),
      }),
    );
    const onjoined = vi.fn();
    render(JoinDialog, { onclose: () => {}, onjoined });
    const dialog = await checkAddress(" 127.0.0.1:8080/ ");
    expect(calls("check_server")).toEqual([{ url: " 127.0.0.1:8080/ " }]);
    expect((await screen.findByTestId("join-found")).textContent).toBe(`Acme ideas at ${URL}`);

    await input(dialog, "sign-in-email", " lin@example.com ");
    await input(dialog, "sign-in-password", "correct horse battery");
    await fireEvent.submit(within(dialog).getByTestId("sign-in-form"));
    await waitFor(() => expect(onjoined).toHaveBeenCalledOnce());
    expect(calls("join_board")).toEqual([
      { url: URL, email: "lin@example.com", password: "correct horse battery", displayName: null, invitation: null },
    ]);
  });

  it("creates an account instead, and shows a refusal on its field in the person's language", async () => {
    invoke.mockImplementation(
      commands({
        check_server: () => ({ url: URL, name: "Acme ideas" }),
        join_board: refusal("EmailTaken"),
      }),
    );
    const onjoined = vi.fn();
    render(JoinDialog, { onclose: () => {}, onjoined });
    const dialog = await checkAddress(URL);
    await fireEvent.click(await within(dialog).findByTestId("join-toggle-account"));
    await input(dialog, "sign-up-name", "Lin Mei");
    await input(dialog, "sign-up-email", "lin@example.com");
    await input(dialog, "sign-up-password", "correct horse battery");
    setLocale("zh-CN");
    await fireEvent.submit(within(dialog).getByTestId("sign-up-form"));
    const error = await screen.findByTestId("sign-up-error");
    expect(error.dataset.code).toBe("EmailTaken");
    expect(within(dialog).getByTestId("sign-up-email").getAttribute("aria-invalid")).toBe("true");
    expect(calls("join_board")).toEqual([
      { url: URL, email: "lin@example.com", password: "correct horse battery", displayName: "Lin Mei", invitation: null },
    ]);
    expect(onjoined).not.toHaveBeenCalled();
  });
});
