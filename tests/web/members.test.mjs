// The team's members on the web portal, in two headless Chromium browsers on the real
// ideaboard-server: the admin makes the board invite-only and an invitation link for a
// moderator; in a second browser a plain sign-up is refused, the link shows the board
// and the role, and the new moderator signs up through it and lands in the team's
// views; the admin then sees them on the members page (with their email, which the
// moderator's page never shows), and the spent link says so in words. Screenshots of
// the members page and the invitation page in both languages.
//
// Runs before portal.test.mjs on the same server: it leaves the board open to sign-ups
// again (through the API in `after`, whatever failed), so the fan there can sign up.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { catalogues, q, uiHelpers } from "../e2e/lib/ui.mjs";
import { waitFor } from "../e2e/lib/webdriver.mjs";
import { environment, open, openBrowser, reload, screenshot, setLocale } from "./lib/browser.mjs";

const { portal } = environment();
const ADMIN = process.env.IDEABOARD_MODERATOR_NAME;
const ADMIN_EMAIL = process.env.IDEABOARD_MODERATOR_EMAIL;
const ADMIN_PASSWORD = process.env.IDEABOARD_MODERATOR_PASSWORD;
const NEWCOMER = `Kai Invited ${process.pid}`;
const NEWCOMER_EMAIL = `kai.${process.pid}@brand.example`;
const NEWCOMER_PASSWORD = "the roadmap review on thursdays";

/** POST to the server's API as a script would (JSON in and out). */
async function api(path, body, bearer = null) {
  const headers = { "Content-Type": "application/json" };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const response = await fetch(`${portal}${path}`, { method: "POST", headers, body: JSON.stringify(body ?? null) });
  return { status: response.status, json: await response.json() };
}

describe("the members page: an admin invites a moderator, who joins through the link", { timeout: 180_000 }, () => {
  let admin, newcomer, adminUi, newUi, words, link, boardName;

  before(
    async () => {
      assert.ok(ADMIN && ADMIN_EMAIL && ADMIN_PASSWORD, "scripts/web-e2e.sh creates the admin");
      words = await catalogues();
      boardName = (await api("/api/board_overview")).json.name;
      [admin, newcomer] = await Promise.all([openBrowser("admin"), openBrowser("newcomer")]);
      adminUi = uiHelpers(admin);
      newUi = uiHelpers(newcomer);
      await setLocale(admin, "en");
      await setLocale(newcomer, "en");
    },
    { timeout: 120_000 },
  );

  after(
    async () => {
      // The next suite's fan signs up without an invitation.
      const signedIn = await api("/api/auth/sign_in", { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, bearer: true });
      const reopened = await api("/api/set_sign_up_mode", { mode: "open" }, signedIn.json.token);
      await Promise.allSettled([admin?.delete(), newcomer?.delete()]);
      assert.equal(reopened.status, 200, JSON.stringify(reopened.json));
    },
    { timeout: 30_000 },
  );

  async function shot(session, name) {
    if (process.env.IDEABOARD_SCREENSHOTS !== "1") return;
    await setLocale(session, "en");
    await screenshot(session, `web-${name}-en`);
    await setLocale(session, "zh-CN");
    await screenshot(session, `web-${name}-zh`);
    await setLocale(session, "en");
  }

  it("(1) the admin makes sign-up invite-only and an invitation link for a moderator", async () => {
    await adminUi.click(q("profile-switch"));
    await adminUi.waitVisible(q("account-dialog"));
    await adminUi.typeInto(q("sign-in-email"), ADMIN_EMAIL);
    await adminUi.typeInto(q("sign-in-password"), ADMIN_PASSWORD);
    await adminUi.click(q("sign-in-submit"));
    await adminUi.waitText(q("member-name"), (t) => t === ADMIN, "the admin signed in");
    await adminUi.click(q("nav-team-members"));
    await adminUi.waitVisible(q("members-view"));

    await adminUi.waitVisible(q("sign-up-mode-open"), "the sign-up setting");
    await adminUi.click(q("sign-up-mode-invite_only"));
    await adminUi.click(q("sign-up-mode-save"));
    await adminUi.waitText(q("sign-up-mode-notice"), (t) => t === "Sign-up is now: Invite only.", "the setting saved");
    await setLocale(admin, "zh-CN");
    await adminUi.waitText(q("sign-up-mode-notice"), (t) => t === "注册方式已设为：仅限邀请。", "saved, in Chinese");
    await setLocale(admin, "en");

    await adminUi.click(`${q("invite-role")} option[value="moderator"]`);
    await adminUi.click(q("invite-create"));
    link = await waitFor(
      () => admin.executeScript(`return document.querySelector('[data-testid="invite-link-value"]')?.value || null;`),
      { message: "the invitation link" },
    );
    assert.match(link, new RegExp(`^${portal}/invite/ibi_[0-9a-f]{64}$`));
    await adminUi.waitText(q("invite-link"), (t) => t.includes("Invitation link (Moderator)"), "the link's role");
    const pending = await adminUi.texts(`${q("invitation")}[data-role="moderator"]`);
    assert.ok(pending.length >= 1, "the new invitation is listed as open");
    await shot(admin, "members-invite");
  });

  it("(2) without the link, sign-up is refused; the link shows the board and the role", async () => {
    await newUi.click(q("profile-switch"));
    await newUi.waitVisible(q("account-dialog"));
    await newUi.click(q("account-tab-sign-up"));
    await newUi.typeInto(q("sign-up-name"), NEWCOMER);
    await newUi.typeInto(q("sign-up-email"), NEWCOMER_EMAIL);
    await newUi.typeInto(q("sign-up-password"), NEWCOMER_PASSWORD);
    await newUi.click(q("sign-up-submit"));
    await newUi.waitText(q("sign-up-error"), (t) => t === words.en.get("error.InvitationRequired"), "the refusal");

    await open(newcomer, link);
    await newUi.waitText(q("invite-title"), (t) => t === `You are invited to ${boardName}`, "the board invited to");
    await newUi.waitText(q("invite-role"), (t) => t === "The invitation makes you: Moderator", "the role offered");
    const url = await newcomer.command("GET", "/url");
    assert.equal(url, `${portal}/#/invite/${link.split("/invite/")[1]}`, "the link ends at the portal's own address");
    assert.equal(await newUi.text(q("sign-up-invitation")), null, "the link's token is not asked for");
    await shot(newcomer, "invitation");
  });

  it("(3) the moderator signs up through the link and lands in the team's views", async () => {
    await newUi.typeInto(q("sign-up-name"), NEWCOMER);
    await newUi.typeInto(q("sign-up-email"), NEWCOMER_EMAIL);
    await newUi.typeInto(q("sign-up-password"), NEWCOMER_PASSWORD);
    await newUi.click(q("sign-up-submit"));
    await newUi.waitText(q("member-name"), (t) => t === NEWCOMER, "the newcomer signed in");
    assert.equal((await newUi.text(q("member-role"))).trim(), words.en.get("role.moderator"));
    await newUi.waitVisible(q("inbox-view"), "the team's triage inbox");
    await newUi.waitVisible(q("nav-team"), "the team's workspace in the navigation");

    await newUi.click(q("nav-team-members"));
    await newUi.waitVisible(q("member-directory"));
    const names = await waitFor(
      async () => {
        const rows = await newcomer.executeScript(
          `return [...document.querySelectorAll('[data-testid="directory-row"]')].map((r) => r.dataset.name);`,
        );
        return rows.includes(NEWCOMER) && rows;
      },
      { message: "the newcomer on the members page" },
    );
    assert.ok(names.includes(ADMIN), "the admin is listed");
    const adminsOnly = await newcomer.executeScript(
      `return ["directory-email", "directory-reset", "directory-role", "sign-up-mode", "invitations"]
         .filter((id) => document.querySelector('[data-testid="' + id + '"]'));`,
    );
    assert.deepEqual(adminsOnly, [], "a moderator sees no email and changes nothing here");
    const page = await newcomer.executeScript(`return document.querySelector('[data-testid="members-view"]').innerText;`);
    assert.ok(!page.includes(ADMIN_EMAIL) && !page.includes(NEWCOMER_EMAIL), "no email on a moderator's page");
  });

  it("(4) the admin sees the new moderator with their email; the spent link says so", async () => {
    await reload(admin);
    await adminUi.waitVisible(q("member-directory"));
    const row = `${q("directory-row")}[data-name="${NEWCOMER}"]`;
    await adminUi.waitText(row, (t) => t.includes(NEWCOMER_EMAIL), "the newcomer's row with their email");
    const role = await admin.executeScript(
      `return document.querySelector(arguments[0] + ' [data-testid="directory-role"]').value;`,
      [row],
    );
    assert.equal(role, "moderator", "the role came from the link");
    await admin.executeScript(`document.querySelector('[data-testid="member-directory"]').scrollIntoView();`);
    await shot(admin, "members");

    await open(newcomer, link);
    await newUi.waitText(q("invite-expired"), (t) => t.includes("This invitation no longer works"), "the spent link");
    await setLocale(newcomer, "zh-CN");
    await newUi.waitText(q("invite-expired"), (t) => t.includes("此邀请已失效"), "the spent link in Chinese");
    await setLocale(newcomer, "en");
  });
});
