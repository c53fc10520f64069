import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { hasAccounts } from "./ipc";
import { accountWording, useWording } from "./i18n";

// A shared board's members sign in with accounts: the messages say so.
if (hasAccounts()) useWording(accountWording);

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

export default mount(App, { target });
