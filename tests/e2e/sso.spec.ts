// Issue 11 part 1 in the browser: single sign-on through a real OpenID provider (oidc-provider, started
// by playwright.config.ts in this run's port range). Playwright signs in on the provider's own login
// page and lands in Fulcrum signed in; axe and 320 px on each Fulcrum page on the way.
import { expect, test } from "@playwright/test";
import { demo, expectAccessible, expectNoSideScroll, signIn, signOut } from "./fixtures";

const BUTTON = "Use your organisation's account";

async function throughProvider(page: import("@playwright/test").Page, login: string) {
  await page.goto("/sign-in");
  await expectAccessible(page);
  await expectNoSideScroll(page);
  await page.getByRole("button", { name: BUTTON }).click();
  // The provider's login page (oidc-provider's own): the login is the account, any password.
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password");
  await page.locator("button[type=submit]").click();
}

test("a person added by an administrator signs in through the organisation's provider, linked by e-mail, with no password and no authenticator app", async ({ page, browser }) => {
  const stamp = Date.now();
  const email = `sso.${stamp}@nhs.example`;
  await signIn(page, demo("admin"));
  await page.goto("/admin/users/new");
  await page.getByLabel("Full name").fill("Sasha Mensah");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Add user and make a set-password link" }).click();
  await expect(page.getByLabel("Set-password link")).toBeVisible();
  const userPage = (await page.getByRole("link", { name: "Go to Sasha Mensah's page" }).getAttribute("href"))!;

  const guest = await browser.newContext();
  const p = await guest.newPage();
  await throughProvider(p, email.toUpperCase());
  await expect(p).not.toHaveURL(/\/sign-in|two-factor|127\.0\.0\.1:\d+\/interaction/);
  await expect(p.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectAccessible(p);
  await expectNoSideScroll(p);
  // Your sessions says how this one began.
  await p.goto("/settings/sessions");
  await expect(p.getByText("Your organisation's account (single sign-on)").first()).toBeVisible();
  await signOut(p);

  // The administrator sees the link and can remove it.
  await page.goto(userPage);
  await expect(page.getByRole("heading", { name: "Single sign-on" })).toBeVisible();
  await expect(page.getByText(`Linked to ${email}`)).toBeVisible();
  await expectAccessible(page);
  await expectNoSideScroll(page);
  await page.getByRole("button", { name: /Unlink/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "The single sign-on link is removed" })).toBeVisible();
  await guest.close();
});

test("an address Fulcrum does not know lands on the 'not set up' page, signed out", async ({ page }) => {
  await throughProvider(page, `stranger.${Date.now()}@elsewhere.example`);
  await expect(page).toHaveURL(/\/sign-in\/not-set-up/);
  await expect(page.getByRole("heading", { name: "Your account is not set up for Fulcrum" })).toBeVisible();
  await expectAccessible(page);
  await expectNoSideScroll(page);
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/sign-in/);
});
