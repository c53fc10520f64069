import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({
  invoke,
  Channel: class {
    onmessage: (message: unknown) => void = () => {};
  },
}));

import type { ExportProgress } from "../../ipc";
import { setLocale } from "../../i18n";
import { commands } from "../../test/fixtures";
import ExchangeView from "./ExchangeView.svelte";
import { defaultFileName, emptyForm, toRequest } from "./exportForm";

function calls(command: string): Record<string, unknown>[] {
  return invoke.mock.calls.filter(([name]) => name === command).map(([, args]) => args);
}

const overview = () => ({
  name: "Board",
  path: "",
  categories: [{ slug: "drinks", name: "饮品", nameEn: "Drinks" }],
  counts: { ideas: 1, votes: 0, comments: 0, members: 1 },
});

beforeEach(() => {
  invoke.mockReset();
  setLocale("en");
});

describe("the export form", () => {
  it("turns dates into the core's range, the 'to' day included, and keeps internal notes to JSON and XLSX", () => {
    const request = toRequest({
      ...emptyForm(),
      format: "csv",
      statuses: ["planned"],
      from: "2026-11-01",
      to: "2026-11-30",
      tag: "  oat ",
      minVotes: 5,
      includeInternal: true,
    });
    expect(request).toEqual({
      format: "csv",
      filter: {
        statuses: ["planned"],
        category: null,
        tag: "oat",
        createdFrom: "2026-11-01T00:00:00.000Z",
        createdTo: "2026-12-01T00:00:00.000Z",
        minVotes: 5,
        includeMerged: false,
      },
      includeInternal: false,
    });
    expect(toRequest({ ...emptyForm(), format: "json", includeInternal: true }).includeInternal).toBe(true);
    expect(defaultFileName("markdown", new Date("2026-11-30T10:00:00Z"))).toBe("ideas-2026-11-30.md");
  });
});

describe("export and import panels", () => {
  it("exports the planned ideas to the chosen file, showing progress, then where it went", async () => {
    let report: ((p: ExportProgress) => void) | null = null;
    let finish: (bytes: number) => void = () => {};
    invoke.mockImplementation(
      commands({
        board_overview: overview,
        "plugin:dialog|save": () => "/tmp/planned.csv",
        export_board: (args) => {
          report = (args.onProgress as { onmessage: (p: ExportProgress) => void }).onmessage;
          return new Promise<number>((resolve) => (finish = resolve));
        },
      }),
    );
    render(ExchangeView);
    await fireEvent.click(await screen.findByTestId("export-status-planned"));
    await fireEvent.click(screen.getByTestId("export-choose"));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>("export-path").value).toBe("/tmp/planned.csv"));
    expect(calls("plugin:dialog|save")[0]).toMatchObject({ options: { filters: [{ extensions: ["csv"] }] } });
    await fireEvent.click(screen.getByTestId("export-run"));
    await waitFor(() => expect(report).not.toBeNull());
    report!({ done: 1000, total: 4000 });
    expect((await screen.findByTestId("export-progress")).textContent).toContain("1,000 of 4,000 ideas");
    expect(screen.getByTestId<HTMLProgressElement>("export-progress").querySelector("progress")!.value).toBe(25);
    finish(2048);
    expect((await screen.findByTestId("export-done")).textContent).toContain("/tmp/planned.csv");
    expect(calls("export_board")[0]).toMatchObject({
      path: "/tmp/planned.csv",
      request: { format: "csv", filter: { statuses: ["planned"] } },
    });
  });

  it("cancel asks the core to stop, and the refusal reads as cancelled", async () => {
    let fail: (e: unknown) => void = () => {};
    invoke.mockImplementation(
      commands({
        board_overview: overview,
        export_board: () => new Promise((_, reject) => (fail = reject)),
        cancel_export: () => {
          fail({ code: "Cancelled", message: "cancelled" });
        },
      }),
    );
    render(ExchangeView);
    await fireEvent.input(await screen.findByTestId("export-path"), { target: { value: "/tmp/x.csv" } });
    await fireEvent.click(screen.getByTestId("export-run"));
    await fireEvent.click(await screen.findByTestId("export-cancel"));
    expect((await screen.findByTestId("export-error")).textContent).toBe("Cancelled.");
    expect(calls("cancel_export")).toHaveLength(1);
  });

  it("checks an import first: every problem by line, nothing imported; a clean file imports", async () => {
    let clean = false;
    invoke.mockImplementation(
      commands({
        board_overview: overview,
        import_preview: () =>
          clean
            ? { report: { ideas: 6, membersCreated: 3, votes: 0, comments: 0, statusChanges: 9, notes: [] }, problems: [] }
            : {
                report: null,
                problems: [4, 6, 7].map((line) => ({ line, record: "", message: `bad on ${line}` })),
              },
        import_board: () => ({ ideas: 6, membersCreated: 3, votes: 0, comments: 0, statusChanges: 9, notes: [] }),
      }),
    );
    render(ExchangeView);
    await fireEvent.input(await screen.findByTestId("import-path"), { target: { value: "/tmp/posts.csv" } });
    await fireEvent.click(screen.getByTestId("import-check"));
    const problems = await screen.findAllByTestId("import-problem");
    expect(problems.map((p) => p.dataset.line)).toEqual(["4", "6", "7"]);
    expect(screen.queryByTestId("import-run")).toBeNull();

    clean = true;
    await fireEvent.click(screen.getByTestId("import-check"));
    await fireEvent.click(await screen.findByTestId("import-run"));
    expect((await screen.findByTestId("import-done")).textContent).toContain("6 ideas");
    expect(calls("import_board")).toEqual([{ path: "/tmp/posts.csv", format: "fiderCsv" }]);
  });
});
