import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { hasAccounts, loadBoards } from "./ipc";
import { accountWording, useWording } from "./i18n";

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

// The app's window first learns which board it shows (its file, or a shared board),
// which decides what its backend serves; a browser has one board and goes on at once.
void loadBoards().then(() => {
  // A shared board's members sign in with accounts: the messages say so.
  if (hasAccounts()) useWording(accountWording);
  mount(App, { target });
});
