// The ways in that issue 13 opened, in both languages: an author edits their idea
// inside the edit window; a moderator re-categorises and re-tags an idea; a member
// renames themselves and sees their own standing. Each step reads the core's answer
// back from the page, and the screenshots show each form in English and Chinese.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { launchOnDemoBoard } from "./lib/demo.mjs";
import { q } from "./lib/ui.mjs";
import { waitFor } from "./lib/webdriver.mjs";

describe("edit an idea, re-tag it, rename yourself, see your standing", { timeout: 300_000 }, () => {
  let app;
  let ui;

  before(
    async () => {
      ({ app, ui } = await launchOnDemoBoard("ways"));
    },
    { timeout: 120_000 },
  );

  after(
    async () => {
      await app?.delete();
    },
    { timeout: 30_000 },
  );

  it("the author edits a new idea's title and description in place", async () => {
    const { click, paste, waitText, waitVisible, shot, setLocale, signInAs } = ui;
    await signInAs("fan");
    await click(q("nav-share"));
    await paste(q("share-title"), "Oat milk cold brew all year");
    await paste(q("share-body"), "Please keep it on the menu.");
    await click(q("share-submit"));
    await waitText(q("detail-title"), (t) => t === "Oat milk cold brew all year", "the new idea's page");

    await click(q("edit-idea"));
    await waitVisible(q("edit-idea-form"), "the edit form");
    await paste(q("edit-title"), "Oat milk cold brew, all year round");
    await shot("edit-idea-en");
    await setLocale("zh-CN");
    await shot("edit-idea-zh");
    await setLocale("en");
    await click(q("edit-save"));
    await waitText(q("detail-title"), (t) => t === "Oat milk cold brew, all year round", "the edited title");
    assert.equal(await ui.text(q("edit-idea-form")), null, "the form closes on save");
  });

  it("a member renames themselves and sees their standing", async () => {
    const { click, paste, text, waitText, waitVisible, shot, setLocale } = ui;
    await click(q("nav-profile"));
    await waitVisible(q("my-standing-rank"), "the member's standing");
    assert.match(await text(q("my-standing-index")), /^\d[\d,]*$/);
    await click(q("rename-start"));
    await paste(q("rename-input"), "Oat Latte Fan");
    await click(q("rename-save"));
    await waitText(q("profile-name"), (t) => t === "Oat Latte Fan", "the new name");
    await shot("profile-standing-en");
    await setLocale("zh-CN");
    await waitText(q("profile-name"), (t) => t === "Oat Latte Fan", "the name in Chinese");
    await shot("profile-standing-zh");
    await setLocale("en");
  });

  it("a moderator re-categorises and re-tags an idea", async () => {
    const { click, paste, texts, typeInto, waitText, waitVisible, shot, setLocale, goToList, text } = ui;
    // Team profiles are locked with the demo board's passphrase.
    await click(q("profile-switch"));
    await waitVisible(q("profile-option"), "the profile list");
    await click(`${q("profile-option")}[data-role="moderator"]`);
    await typeInto(q("passphrase-input"), "ideaboard-demo");
    await click(q("passphrase-submit"));
    await waitText(q("member-role"), (t) => t === "Team", "a moderator to be signed in");
    await goToList();
    await click(q("idea-link"));
    await waitVisible(q("team-labels"), "the team's actions");
    await click(q("team-labels"));
    await waitVisible(`${q("labels-category")}:not([disabled])`, "the categories");
    const slug = await app.executeScript(
      `const select = document.querySelector('[data-testid="labels-category"]');
       const option = Array.from(select.options).find((o) => o.value && o.value !== select.value);
       select.value = option.value;
       select.dispatchEvent(new Event("change", { bubbles: true }));
       return option.value;`,
    );
    await paste(q("labels-tags"), "seasonal, oat");
    await shot("labels-en");
    await setLocale("zh-CN");
    await shot("labels-zh");
    await setLocale("en");
    const chosen = await ui.text(`${q("labels-category")} option[value="${slug}"]`);
    await click(q("labels-save"));
    await waitFor(async () => (await text(q("labels-dialog"))) === null || (await text(q("labels-error"))) !== null, {
      message: "the dialog to close",
    });
    assert.equal(await text(q("labels-error")), null, "the core took the labels");
    await waitFor(async () => (await texts(q("detail-tag"))).includes("seasonal"), {
      timeout: 15_000,
      message: "the new tags",
    });
    assert.deepEqual((await texts(q("detail-tag"))).sort(), ["oat", "seasonal"]);
    assert.equal((await ui.text(q("detail-category"))).trim(), chosen.trim());
    assert.equal(await ui.text(q("labels-dialog")), null, "the dialog closes on save");
  });
});
