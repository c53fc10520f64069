/**
 * The export form's values and how they become the core's request: file types per
 * format, the default file name, and dates from the date inputs as RFC 3339 (the
 * "to" day included, so the core's exclusive end is the next midnight, UTC).
 */
import type { ExportFormat, ExportRequest, FileFilter, IdeaStatus } from "../../ipc";

export const FORMATS = ["csv", "xlsx", "json", "markdown"] as const satisfies readonly ExportFormat[];

const EXTENSION: Record<ExportFormat, string> = { csv: "csv", xlsx: "xlsx", json: "json", markdown: "md" };
const FILTER_NAME: Record<ExportFormat, string> = {
  csv: "CSV",
  xlsx: "Excel",
  json: "Ideaboard JSON",
  markdown: "Markdown",
};

export interface ExportForm {
  format: ExportFormat;
  statuses: IdeaStatus[];
  category: string;
  tag: string;
  /** `yyyy-mm-dd` from a date input, or "". */
  from: string;
  to: string;
  minVotes: number | null;
  includeMerged: boolean;
  includeInternal: boolean;
}

export function emptyForm(): ExportForm {
  return {
    format: "csv",
    statuses: [],
    category: "",
    tag: "",
    from: "",
    to: "",
    minVotes: null,
    includeMerged: false,
    includeInternal: false,
  };
}

/** Internal notes can go only where the core marks them internal. */
export function canIncludeInternal(format: ExportFormat): boolean {
  return format === "json" || format === "xlsx";
}

export function fileFilters(format: ExportFormat): FileFilter[] {
  return [{ name: FILTER_NAME[format], extensions: [EXTENSION[format]] }];
}

/** e.g. `ideas-2026-11-30.csv`. */
export function defaultFileName(format: ExportFormat, today: Date = new Date()): string {
  return `ideas-${today.toISOString().slice(0, 10)}.${EXTENSION[format]}`;
}

function dayStart(day: string, plusDays = 0): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date.toISOString();
}

export function toRequest(form: ExportForm): ExportRequest {
  return {
    format: form.format,
    filter: {
      statuses: form.statuses,
      category: form.category === "" ? null : form.category,
      tag: form.tag.trim() === "" ? null : form.tag.trim(),
      createdFrom: form.from === "" ? null : dayStart(form.from),
      createdTo: form.to === "" ? null : dayStart(form.to, 1),
      minVotes: form.minVotes === null || Number.isNaN(form.minVotes) ? null : form.minVotes,
      includeMerged: form.includeMerged,
    },
    includeInternal: canIncludeInternal(form.format) && form.includeInternal,
  };
}
