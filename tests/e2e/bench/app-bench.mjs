// App-side benchmark, run by scripts/bench-app.sh (not a test: it measures and prints).
// 1. Time to first list, over several fresh launches, each and the median:
//    - from the app process's start (its start time in /proc) to the moment the UI put
//      the first idea cards in the document (the `ideaboard:first-list` mark): the
//      app's own figure, without the WebDriver session's set-up;
//    - from asking WebDriver for a new session to the first card seen by polling.
// 2. Memory: with the first page, and after scrolling through 1,000+ ideas with "load
//    more", the resident memory of the app process and its WebKit children (RSS
//    summed, and PSS, which counts shared pages once, also per process), from /proc.
import { readFileSync, readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { WEBDRIVER_URL } from "../lib/app.mjs";
import { Session, waitFor } from "../lib/webdriver.mjs";

const RUNS = Number(process.env.IDEABOARD_BENCH_RUNS ?? 5);
const SCROLL_TARGET = 1000;
const application = process.env.IDEABOARD_APP;
if (!application) throw new Error("run through scripts/bench-app.sh");

const cardCount = (session) =>
  session.executeScript(`return document.querySelectorAll('[data-testid="idea-card"]').length;`);
const loadedCount = (session) =>
  session.executeScript(`return Number(document.querySelector('[data-testid="idea-list"]')?.dataset.loaded ?? 0);`);

function processTree(rootPid) {
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i++) {
    for (const task of readdirSync(`/proc/${pids[i]}/task`)) {
      const children = readFileSync(`/proc/${pids[i]}/task/${task}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    }
  }
  return pids;
}

function appPid() {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0")[0];
      if (cmd === application) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  throw new Error("the app process was not found");
}

/** Seconds since boot, now (10 ms resolution). */
const uptime = () => Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Seconds since boot at which the process started. */
function startedAt(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces), counted from field 3.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[22 - 3]) / TICKS_PER_SECOND;
}

/** Milliseconds from the app process's start to the UI's first-list mark. */
async function launchToFirstList(session) {
  const markEpoch = await session.executeScript(
    `const m = performance.getEntriesByName("ideaboard:first-list")[0];
     return m ? performance.timeOrigin + m.startTime : null;`,
  );
  if (markEpoch === null) throw new Error("the UI set no first-list mark");
  const markUptime = uptime() - (Date.now() - markEpoch) / 1000;
  return (markUptime - startedAt(appPid())) * 1000;
}

function memoryMb(pids) {
  let rss = 0;
  let pss = 0;
  let uss = 0;
  let anon = 0;
  const each = [];
  for (const pid of pids) {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const r = Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    const p = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    // Pages no other process maps: what the process alone costs (USS).
    uss += Number(/^Private_Clean:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    uss += Number(/^Private_Dirty:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    anon += Number(/^Anonymous:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    const name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    each.push(`${name} ${(p / 1024).toFixed(0)}`);
    rss += r;
    pss += p;
  }
  return { rss: rss / 1024, pss: pss / 1024, uss: uss / 1024, anon: anon / 1024, each: each.join(", ") };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const firstPaint = [];
const fromProcess = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const session = await Session.create(WEBDRIVER_URL, { "tauri:options": { application } });
  await waitFor(async () => (await cardCount(session)) > 0, { timeout: 60_000, interval: 20, message: "the first idea card" });
  firstPaint.push(performance.now() - started);
  fromProcess.push(await launchToFirstList(session));
  if (run < RUNS - 1) await session.delete();
  else {
    let loaded = await cardCount(session);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const first = memoryMb(processTree(appPid()));
    console.log(`memory with the first ${loaded} ideas: RSS ${first.rss.toFixed(0)} MB, PSS ${first.pss.toFixed(0)} MB, private ${first.uss.toFixed(0)} MB, anonymous ${first.anon.toFixed(0)} MB (PSS MB: ${first.each})`);
    // Scroll through the ideas as a fan does, a page at a time; the list keeps a
    // window of cards in the document, so count the ideas loaded, not the cards.
    while (loaded < SCROLL_TARGET) {
      await session.executeScript(`document.querySelector('[data-testid="load-more"]').scrollIntoView(); document.querySelector('[data-testid="load-more"]').click();`);
      const before = loaded;
      await waitFor(async () => (loaded = await loadedCount(session)) > before, { timeout: 30_000, message: "the next page" });
    }
    const inDocument = await cardCount(session);
    await session.executeScript(`window.scrollTo(0, document.body.scrollHeight);`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const pids = processTree(appPid());
    const mem = memoryMb(pids);
    console.log(`memory after scrolling through ${loaded} ideas (${inDocument} cards in the document): RSS ${mem.rss.toFixed(0)} MB, PSS ${mem.pss.toFixed(0)} MB, private ${mem.uss.toFixed(0)} MB, anonymous ${mem.anon.toFixed(0)} MB over ${pids.length} processes (PSS MB: ${mem.each})`);
    await session.delete();
  }
}
console.log(`app start -> first list (ms): ${fromProcess.map((t) => t.toFixed(0)).join(", ")}; median ${median(fromProcess).toFixed(0)} ms`);
console.log(`WebDriver new session -> first card seen (ms): ${firstPaint.map((t) => t.toFixed(0)).join(", ")}; median ${median(firstPaint).toFixed(0)} ms`);
