import { vi } from "vitest";

/** A request as the fake server received it. */
export interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

/** How the fake server answers: a status and JSON (or raw text), or an Error for a network failure. */
export type Answer = { status?: number; json?: unknown; text?: string } | Error;

/**
 * A stand-in for the portal's server: replaces `fetch`, records each request and
 * answers by `METHOD /path` (a list answers in order, one entry per request).
 * Unknown requests fail the test.
 */
export function fakeServer(routes: Record<string, Answer | Answer[]>) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? "GET";
    sent.push({
      url,
      method,
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === "string" ? JSON.parse(init.body) : init.body,
      credentials: init.credentials,
    });
    const route = routes[`${method} ${url}`];
    const answer = Array.isArray(route) ? route.shift() : route;
    if (answer === undefined) throw new Error(`unexpected ${method} ${url}`);
    if (answer instanceof Error) throw answer;
    const text = answer.text ?? JSON.stringify(answer.json ?? null);
    return new Response(text, { status: answer.status ?? 200 });
  });
  vi.stubGlobal("fetch", fetch);
  return { sent, fetch };
}

