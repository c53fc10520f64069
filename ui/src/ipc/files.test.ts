import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ExportRequest } from "./bindings";
import { IpcError } from "./errors";
import { attachmentName, EXPORT_URL, httpFiles, IMPORT_URL } from "./files";

const REQUEST: ExportRequest = {
  format: "csv",
  filter: {
    statuses: [],
    category: null,
    tag: null,
    createdFrom: null,
    createdTo: null,
    minVotes: null,
    includeMerged: false,
  },
  includeInternal: false,
};

const files = httpFiles(async () => ({ "X-CSRF-Token": "csrf-1" }));

/** What reached the stubbed `fetch`, and what the page handed to the browser to save. */
let sent: { url: string; init: RequestInit }[];

/** The `n`th request the stubbed `fetch` saw (failing the test if there was none). */
function request(n: number): { url: string; init: RequestInit } {
  const seen = sent[n];
  if (seen === undefined) throw new Error(`no request ${n}`);
  return seen;
}
let saved: { name: string; href: string }[];

function answer(response: Response | Error): void {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      if (init.signal?.aborted) throw new DOMException("aborted", "AbortError");
      if (response instanceof Error) throw response;
      return response;
    }),
  );
}

beforeEach(() => {
  sent = [];
  saved = [];
  // jsdom has no object URLs: the page's own use of them is what is checked.
  Object.assign(URL, { createObjectURL: vi.fn(() => "blob:export"), revokeObjectURL: vi.fn() });
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, href: this.href });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("the web portal's downloads", () => {
  it("downloads the export with the session's token and hands it to the browser under the server's name", async () => {
    const body = "\ufeffnumber,title\n1,Oat milk\n";
    answer(
      new Response(body, {
        headers: { "Content-Type": "text/csv", "Content-Disposition": 'attachment; filename="ideas-2026-12-07.csv"' },
      }),
    );
    const heard: number[] = [];
    const got = await files.download(REQUEST, (bytes) => heard.push(bytes));

    const bytes = new TextEncoder().encode(body).byteLength;
    expect(got).toEqual({ fileName: "ideas-2026-12-07.csv", bytes });
    expect(heard.at(-1)).toBe(bytes);
    expect(request(0).url).toBe(EXPORT_URL);
    expect(request(0).init.method).toBe("POST");
    expect((request(0).init.headers as Record<string, string>)["X-CSRF-Token"]).toBe("csrf-1");
    expect(JSON.parse(request(0).init.body as string)).toEqual({ request: REQUEST });
    expect(saved).toEqual([{ name: "ideas-2026-12-07.csv", href: "blob:export" }]);
  });

  it("turns a refusal into the server's error and saves nothing", async () => {
    answer(new Response(JSON.stringify({ code: "NotAllowed", message: "the team only", params: {} }), { status: 403 }));
    const refused = files.download(REQUEST, () => {});
    await expect(refused).rejects.toBeInstanceOf(IpcError);
    await expect(refused).rejects.toMatchObject({ code: "NotAllowed" });
    expect(saved).toEqual([]);
  });

  it("says Cancelled when the person stops it, and Unreachable when no server answers", async () => {
    answer(new Response("never read"));
    const stop = new AbortController();
    stop.abort();
    await expect(files.download(REQUEST, () => {}, stop.signal)).rejects.toMatchObject({ code: "Cancelled" });
    answer(new TypeError("Failed to fetch"));
    await expect(files.download(REQUEST, () => {})).rejects.toMatchObject({ code: "Unreachable" });
    expect(saved).toEqual([]);
  });

  it("reads the file name of an attachment", () => {
    expect(attachmentName('attachment; filename="ideas-2026-12-07.xlsx"')).toBe("ideas-2026-12-07.xlsx");
    expect(attachmentName("inline")).toBeNull();
    expect(attachmentName(null)).toBeNull();
  });
});

describe("the web portal's uploads", () => {
  it("sends the picked file to be checked, then to be imported", async () => {
    const file = new Blob(["number,title\n"], { type: "text/csv" });
    const report = { ideas: 1, membersCreated: 0, votes: 0, comments: 0, statusChanges: 0, notes: [] };
    answer(new Response(JSON.stringify({ report, problems: [] })));
    await expect(files.preview(file, "fiderCsv")).resolves.toEqual({ report, problems: [] });
    expect(request(0).url).toBe(`${IMPORT_URL}?format=fiderCsv&preview=true`);
    expect(request(0).init.body).toBe(file);
    expect((request(0).init.headers as Record<string, string>)["X-CSRF-Token"]).toBe("csrf-1");

    answer(new Response(JSON.stringify(report)));
    await expect(files.upload(file, "json")).resolves.toEqual(report);
    expect(request(1).url).toBe(`${IMPORT_URL}?format=json`);
  });

  it("refuses as the server says: a file too large", async () => {
    answer(new Response(JSON.stringify({ code: "RequestTooLarge", message: "too large", params: { max: 2048 } }), { status: 413 }));
    await expect(files.upload(new Blob(["x"]), "fiderCsv")).rejects.toMatchObject({
      code: "RequestTooLarge",
      params: { max: 2048 },
    });
  });
});
