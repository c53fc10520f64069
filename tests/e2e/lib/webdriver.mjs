// A small W3C WebDriver client over fetch: just the commands the suite uses.

const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {
  constructor(command, status, value) {
    super(`${command} failed (${status}): ${value?.error ?? "unknown"}: ${value?.message ?? ""}`);
    this.name = "WebDriverError";
    this.error = value?.error;
  }
}

const COMMAND_TIMEOUT_MS = 30_000;
const NEW_SESSION_TIMEOUT_MS = 60_000;

// Every command has a deadline: a driver waiting on an app that never connects must not hang the suite.
async function request(baseUrl, method, path, body, timeout = COMMAND_TIMEOUT_MS) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeout),
  });
  const text = await response.text();
  let payload;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new WebDriverError(`${method} ${path}`, response.status, { error: "bad json", message: text });
  }
  if (!response.ok || payload?.value?.error) {
    throw new WebDriverError(`${method} ${path}`, response.status, payload?.value);
  }
  return payload.value;
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  #call(method, suffix, body) {
    return this.session.command(method, `/element/${this.id}${suffix}`, body);
  }

  click() {
    return this.#call("POST", "/click", {});
  }

  sendKeys(text) {
    return this.#call("POST", "/value", { text });
  }

  getText() {
    return this.#call("GET", "/text");
  }

  getAttribute(name) {
    return this.#call("GET", `/attribute/${encodeURIComponent(name)}`);
  }

  getProperty(name) {
    return this.#call("GET", `/property/${encodeURIComponent(name)}`);
  }

  async find(css) {
    const value = await this.#call("POST", "/element", { using: "css selector", value: css });
    return new Element(this.session, value[ELEMENT_KEY]);
  }

  async findAll(css) {
    const values = await this.#call("POST", "/elements", { using: "css selector", value: css });
    return values.map((value) => new Element(this.session, value[ELEMENT_KEY]));
  }

  /** The W3C wire form, for passing the element as an executeScript argument. */
  toJSON() {
    return { [ELEMENT_KEY]: this.id };
  }
}

export class Session {
  constructor(baseUrl, id, capabilities) {
    this.baseUrl = baseUrl;
    this.id = id;
    this.capabilities = capabilities;
  }

  static async create(baseUrl, alwaysMatch) {
    const value = await request(
      baseUrl,
      "POST",
      "/session",
      { capabilities: { alwaysMatch } },
      NEW_SESSION_TIMEOUT_MS,
    );
    return new Session(baseUrl, value.sessionId, value.capabilities);
  }

  command(method, path, body) {
    return request(this.baseUrl, method, `/session/${this.id}${path}`, body);
  }

  async find(css) {
    const value = await this.command("POST", "/element", { using: "css selector", value: css });
    return new Element(this, value[ELEMENT_KEY]);
  }

  async findAll(css) {
    const values = await this.command("POST", "/elements", { using: "css selector", value: css });
    return values.map((value) => new Element(this, value[ELEMENT_KEY]));
  }

  /** Runs `script` (a function body; use `arguments[i]`) in the page and returns its result. */
  executeScript(script, args = []) {
    return this.command("POST", "/execute/sync", { script, args });
  }

  navigateTo(url) {
    return this.command("POST", "/url", { url });
  }

  title() {
    return this.command("GET", "/title");
  }

  setTimeouts(timeouts) {
    return this.command("POST", "/timeouts", timeouts);
  }

  async delete() {
    await request(this.baseUrl, "DELETE", `/session/${this.id}`);
  }
}

/**
 * Polls `predicate` until it returns a truthy value (which is returned) or `timeout` ms pass.
 * WebDriver errors inside the predicate count as "not yet" (the page may be re-rendering).
 */
export async function waitFor(predicate, { timeout = 10_000, interval = 100, message } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const result = await predicate();
      if (result) return result;
    } catch (error) {
      if (!(error instanceof WebDriverError)) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError ? ` (last error: ${lastError.message})` : "";
      throw new Error(`timed out after ${timeout} ms waiting for ${message ?? "condition"}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
