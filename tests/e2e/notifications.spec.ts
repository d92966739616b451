import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, demo, expectAccessible, signIn, signOut } from "./fixtures";
import { caughtMessages } from "./mail";

// A Chief Executive submits a draft; each board member gets an e-mail (caught by the local SMTP
// catcher the config starts); a Non-Executive Director follows its link, signs in and comes back to
// the decision, whose link opens its sign-off panel. The admin Mail page lists it.
const DRAFT = "Give up research space for a system paediatric community hub";

test("a submitted decision e-mails the board; the link leads a board member to the sign-off panel", async ({ page }) => {
  // Four sign-ins and five axe checks on a shared two-core machine: longer than the default minute.
  test.setTimeout(240_000);
  await signIn(page, demo("ce.rse"));
  await page.goto("/inbox");
  await page.getByRole("link", { name: DRAFT }).click();
  await page.getByRole("link", { name: "Submit for sign-off" }).click();
  await page.getByRole("button", { name: "Submit for sign-off" }).click();
  await expect(page.getByText("submitted for sign-off. Its content and success criteria are now frozen")).toBeVisible();
  await signOut(page);

  const to = demo("ned1.rse");
  let message: Awaited<ReturnType<typeof caughtMessages>>[number] | undefined;
  await expect
    .poll(async () => {
      message = (await caughtMessages()).find((m) => m.to.includes(to) && m.subject === `Your position is needed: ${DRAFT}`);
      return !!message;
    }, { timeout: 30_000 })
    .toBe(true);
  // Never to the author.
  expect((await caughtMessages()).filter((m) => m.to.includes(demo("ce.rse")) && m.subject.includes(DRAFT))).toHaveLength(0);
  expect(message!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  const link = /https?:\/\/\S+#sign-off-heading/.exec(message!.text)![0];

  // Signed out, the link asks for sign-in first, then comes back to the decision by itself.
  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdecisions%2F/);
  await expect(page.getByText("Sign in to see the page you asked for.")).toBeVisible();
  // Sign in on this page (not a fresh /sign-in: that would drop where to return to).
  await page.getByLabel("Email address").fill(to);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const decisionPath = new URL(link).pathname;
  await expect(page).toHaveURL((u) => u.pathname === decisionPath);
  await expect(page.getByRole("heading", { level: 1, name: DRAFT })).toBeVisible();
  // The link itself (signed in now) opens the sign-off panel.
  await page.goto(link);
  const panel = page.getByRole("heading", { name: "Board sign-off" });
  await expect(panel).toBeInViewport();
  await expect(page.getByRole("button", { name: "Record my position" })).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  // The message's own unsubscribe link: a confirmation page, no sign-in needed.
  const unsubscribe = /https?:\/\/\S+\/unsubscribe\?t=\S+/.exec(message!.text)![0];
  await page.goto(unsubscribe);
  await expect(page.getByRole("heading", { name: "Stop these e-mails" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Stop these e-mails" }).click();
  await expect(page.getByRole("heading", { name: "You will not get these e-mails any more" })).toBeVisible();

  // The administrator sees it on the Mail page, sent.
  await signIn(page, demo("admin"));
  await page.goto("/admin/mail?state=sent");
  await expect(page.getByRole("heading", { name: "Mail" })).toBeVisible();
  await expect(page.getByRole("cell", { name: to }).first()).toBeVisible();
  await expectAccessible(page);
});
