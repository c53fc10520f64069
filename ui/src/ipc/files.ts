/**
 * Exports and imports in the web portal: a download and an upload, where the desktop
 * app writes and reads a path of its machine (`export_board`, `import_preview` and
 * `import_board`, which only the desktop serves). The server's side is
 * `POST /api/files/export` and `POST /api/files/import` (crates/server/src/routes/files.rs);
 * a refusal comes as the usual `{code, message, params}` and becomes an `IpcError`.
 */
import type { ExportRequest, ImportFormat, ImportPreview, ImportReport } from "./bindings";
import { IpcError, toIpcError } from "./errors";

/** A finished download: the name the browser saves it under, and its size. */
export interface Download {
  fileName: string;
  bytes: number;
}

/** What a host offers for files instead of paths; the desktop has none (null). */
export interface FileTransfer {
  /**
   * Downloads the export and hands it to the browser to save; `onBytes` hears how
   * much has come so far. Rejects with an `IpcError`, `Cancelled` when `signal` aborts.
   */
  download(request: ExportRequest, onBytes: (bytes: number) => void, signal?: AbortSignal): Promise<Download>;
  /** What importing `file` would write, or every problem with it; writes nothing. */
  preview(file: Blob, format: ImportFormat): Promise<ImportPreview>;
  /** Imports `file`, all or nothing. */
  upload(file: Blob, format: ImportFormat): Promise<ImportReport>;
}

export const EXPORT_URL = "/api/files/export";
export const IMPORT_URL = "/api/files/import";

/** The headers a POST proves its session with (the CSRF token), once the page knows it. */
export type SessionHeaders = () => Promise<Record<string, string>>;

/** The refusal in a non-2xx answer, or what went wrong reaching the server. */
async function refusal(response: Response, path: string): Promise<IpcError> {
  try {
    const payload: unknown = await response.json();
    if (typeof payload === "object" && payload !== null && "code" in payload) return toIpcError(payload);
  } catch {
    // Not the server's own answer (a proxy's page): said below.
  }
  return new IpcError(response.status >= 500 ? "Unreachable" : "Internal", `${path}: HTTP ${response.status}`);
}

function unreachable(path: string, reason: unknown): IpcError {
  return new IpcError("Unreachable", `${path}: ${reason instanceof Error ? reason.message : String(reason)}`);
}

/** The file name of a `Content-Disposition: attachment; filename="..."`, if any. */
export function attachmentName(disposition: string | null): string | null {
  return disposition?.match(/filename="([^"]+)"/)?.[1] ?? null;
}

/** Hands `blob` to the browser to save as `fileName` (its downloads, as a link would). */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the save; the object URL can go once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The file transfer of the web portal, proving the session with `headers`. */
export function httpFiles(headers: SessionHeaders): FileTransfer {
  async function uploadTo<T>(file: Blob, format: ImportFormat, preview: boolean): Promise<T> {
    const path = `${IMPORT_URL}?format=${encodeURIComponent(format)}${preview ? "&preview=true" : ""}`;
    let response: Response;
    try {
      response = await fetch(path, {
        method: "POST",
        credentials: "same-origin",
        headers: { ...(await headers()), Accept: "application/json", "Content-Type": "application/octet-stream" },
        body: file,
      });
    } catch (reason) {
      throw unreachable(path, reason);
    }
    if (!response.ok) throw await refusal(response, path);
    return (await response.json()) as T;
  }

  return {
    async download(request, onBytes, signal) {
      let response: Response;
      try {
        response = await fetch(EXPORT_URL, {
          method: "POST",
          credentials: "same-origin",
          headers: { ...(await headers()), "Content-Type": "application/json" },
          body: JSON.stringify({ request }),
          signal,
        });
      } catch (reason) {
        if (signal?.aborted) throw new IpcError("Cancelled", "the export was cancelled");
        throw unreachable(EXPORT_URL, reason);
      }
      if (!response.ok) throw await refusal(response, EXPORT_URL);
      const fileName = attachmentName(response.headers.get("Content-Disposition")) ?? "ideas";
      const parts: BlobPart[] = [];
      let bytes = 0;
      try {
        if (response.body === null) throw new Error("no body");
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parts.push(value);
          bytes += value.byteLength;
          onBytes(bytes);
        }
      } catch (reason) {
        if (signal?.aborted) throw new IpcError("Cancelled", "the export was cancelled");
        // The server cut the download short: the export failed half-way. Nothing is saved.
        throw new IpcError("Internal", `the download broke off after ${bytes} bytes: ${String(reason)}`);
      }
      save(new Blob(parts, { type: response.headers.get("Content-Type") ?? "application/octet-stream" }), fileName);
      return { fileName, bytes };
    },

    preview(file, format) {
      return uploadTo<ImportPreview>(file, format, true);
    },

    upload(file, format) {
      return uploadTo<ImportReport>(file, format, false);
    },
  };
}
