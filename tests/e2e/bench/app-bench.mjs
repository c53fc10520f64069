// App-side benchmark, run by scripts/bench-app.sh (not a test: it measures and prints).
// 1. Time to first list: from asking WebDriver to launch the app until the first idea
//    card is in the DOM, over several fresh launches; prints each and the median.
// 2. Memory: after loading 1,000+ ideas with "load more", the resident memory of the
//    app process and its WebKit children (RSS summed, and PSS, which counts shared
//    pages once), from /proc.
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

function memoryMb(pids) {
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  }
  return { rss: rss / 1024, pss: pss / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const firstPaint = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const session = await Session.create(WEBDRIVER_URL, { "tauri:options": { application } });
  await waitFor(async () => (await cardCount(session)) > 0, { timeout: 60_000, interval: 20, message: "the first idea card" });
  firstPaint.push(performance.now() - started);
  if (run < RUNS - 1) await session.delete();
  else {
    let loaded = await cardCount(session);
    while (loaded < SCROLL_TARGET) {
      await session.executeScript(`document.querySelector('[data-testid="load-more"]').scrollIntoView(); document.querySelector('[data-testid="load-more"]').click();`);
      const before = loaded;
      await waitFor(async () => (loaded = await cardCount(session)) > before, { timeout: 30_000, message: "the next page" });
    }
    await session.executeScript(`window.scrollTo(0, document.body.scrollHeight);`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const pids = processTree(appPid());
    const mem = memoryMb(pids);
    console.log(`memory after ${loaded} ideas: RSS ${mem.rss.toFixed(0)} MB, PSS ${mem.pss.toFixed(0)} MB over ${pids.length} processes`);
    await session.delete();
  }
}
console.log(`first list painted (ms): ${firstPaint.map((t) => t.toFixed(0)).join(", ")}; median ${median(firstPaint).toFixed(0)} ms`);
