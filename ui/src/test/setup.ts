import { afterEach } from "vitest";

// The unit tests play the desktop app, where ipc/backend.ts picks Tauri's IPC (each
// test mocks its invoke); ipc/http.test.ts drives the web portal's backend directly.
Object.defineProperty(window, "__TAURI_INTERNALS__", { value: {}, configurable: true });

afterEach(() => {
  localStorage.clear();
});
