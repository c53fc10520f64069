/** What a person recognises a browser session by: its browser and system, read from the user agent. */
export interface Agent {
  browser: string;
  os: string;
}

// Order matters: Edge and Opera say "Chrome" too, and Chrome says "Safari".
const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\/|FxiOS/, "Firefox"],
  [/HeadlessChrome\//, "Chrome (headless)"],
  [/Chrome\/|CriOS/, "Chrome"],
  [/Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/Windows/, "Windows"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/** The browser and system named in `label` (a user agent), or null when it names neither. */
export function describeAgent(label: string): Agent | null {
  const browser = BROWSERS.find(([pattern]) => pattern.test(label))?.[1];
  const os = SYSTEMS.find(([pattern]) => pattern.test(label))?.[1];
  return browser && os ? { browser, os } : null;
}
