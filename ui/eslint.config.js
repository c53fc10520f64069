import js from "@eslint/js";
import svelte from "eslint-plugin-svelte";
import globals from "globals";
import tseslint from "typescript-eslint";
import svelteConfig from "./svelte.config.js";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: {
      parserOptions: {
        projectService: false,
        extraFileExtensions: [".svelte"],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
  },
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "svelte/no-at-html-tags": "error",
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@tauri-apps/api/core",
              importNames: ["invoke"],
              message: "Only src/ipc/tauri.ts (the Tauri Backend) may call invoke; use the typed functions from src/ipc.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/ipc/tauri.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // The UI reaches a host only through src/ipc: the server's HTTP API and live feed too.
    files: ["src/**/*.ts", "src/**/*.svelte"],
    ignores: ["src/ipc/**", "src/test/**", "src/**/*.test.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "Only src/ipc (the HTTP Backend) talks to the server." },
        { name: "EventSource", message: "Only src/ipc (the HTTP Backend) follows the live feed." },
        { name: "WebSocket", message: "Only src/ipc talks to the server." },
      ],
    },
  },
);
