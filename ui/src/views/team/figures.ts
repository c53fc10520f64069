/** One series of numbers over a figure's labels (a chart, and the same numbers as a table). */
export interface Series {
  label: string;
  data: (number | null)[];
  color: string;
  /** Bars by default. */
  kind?: "bar" | "line";
  /** How a value reads in the table (a count by default). */
  format?: (value: number) => string;
}

/** The series colours of the team's charts. */
export const COLORS = {
  accent: "#5b5bd6",
  amber: "#f59e0b",
  green: "#22a55b",
  slate: "#64748b",
  rose: "#e11d48",
} as const;
