// Issue 11 in the browser: server-side sessions (a copied cookie dies at sign-out; ending another
// session), set-password links, change password, forgot password; axe on each new page.
import * as OTPAuth from "otpauth";
import { expect, test, type Browser } from "@playwright/test";
import { demo, expectAccessible, signIn, signOut } from "./fixtures";

async function secondBrowser(browser: Browser, email: string, password?: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

test("a copy of the session cookie is refused once its session signs out", async ({ page, browser }) => {
  await signIn(page, demo("ned1.rsa"));
  const cookies = await page.context().cookies();
  const copy = await browser.newContext();
  await copy.addCookies(cookies);
  const copied = await copy.newPage();
  await copied.goto("/inbox");
  await expect(copied).toHaveURL(/\/inbox/);
  await signOut(page);
  await copied.goto("/inbox");
  await expect(copied).toHaveURL(/\/sign-in/);
  await copy.close();
});

test("Your sessions lists this one and another, and ends the other", async ({ page, browser }) => {
  const other = await secondBrowser(browser, demo("ned2.rsa"));
  await signIn(page, demo("ned2.rsa"));
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Your account" }).click();
  await page.getByRole("link", { name: "Your sessions" }).click();
  await expect(page.getByRole("heading", { name: "Your sessions" })).toBeVisible();
  await expect(page.getByText("This session", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: /End this session/ }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "The session has ended" })).toBeVisible();
  await other.page.goto("/inbox");
  await expect(other.page).toHaveURL(/\/sign-in/);
  await other.context.close();
});

test("an invited person sets a password from the link once, signs in, and changes it", async ({ page, browser }) => {
  const stamp = Date.now();
  const email = `invited.${stamp}@nhs.example`;
  await signIn(page, demo("admin"));
  await page.goto("/admin/users/new");
  await expectAccessible(page);
  await page.getByLabel("Full name").fill("Robin Okafor");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Add user and make a set-password link" }).click();
  const linkBox = page.getByLabel("Set-password link");
  await expect(linkBox).toBeVisible();
  await expectAccessible(page);
  const url = new URL(await linkBox.inputValue());

  const guest = await browser.newContext();
  const p = await guest.newPage();
  await p.goto(url.pathname);
  await expect(p.getByRole("heading", { name: "Welcome to Fulcrum, Robin Okafor" })).toBeVisible();
  await expectAccessible(p);
  await p.getByLabel("New password", { exact: true }).fill("password1234");
  await p.getByLabel("New password again").fill("password1234");
  await p.getByRole("button", { name: "Set password" }).click();
  await expect(p.getByRole("alert").filter({ hasText: "too easy to guess" })).toBeVisible();
  const chosen = "harbour quince tablet meadow";
  await p.getByLabel("New password", { exact: true }).fill(chosen);
  await p.getByLabel("New password again").fill(chosen);
  await p.getByRole("button", { name: "Set password" }).click();
  await expect(p).toHaveURL(/\/sign-in\?password-set=1/);
  // The link works once.
  await p.goto(url.pathname);
  await expect(p.getByRole("heading", { name: "This link no longer works" })).toBeVisible();

  // A password account must enrol an authenticator app before anything else (FULCRUM_REQUIRE_MFA).
  await signIn(p, email, chosen);
  await p.goto("/inbox");
  await expect(p).toHaveURL(/\/settings\/two-factor/);
  await expect(p.getByRole("heading", { name: "Set up your authenticator app" })).toBeVisible();
  await expectAccessible(p);
  const secret = (await p.locator("#totp-secret").textContent())!.trim();
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  await p.getByLabel("Code from your authenticator app").fill(totp.generate());
  await p.getByRole("button", { name: "Confirm" }).click();
  await expect(p.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await expectAccessible(p);

  // Signing in now needs a code: none is refused, the next one is accepted.
  await signOut(p);
  await p.goto("/sign-in");
  await p.getByLabel("Email address").fill(email);
  await p.getByLabel("Password", { exact: true }).fill(chosen);
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(p.getByRole("alert").filter({ hasText: "Enter the 6-digit code" })).toBeVisible();
  await p.getByLabel("Email address").fill(email);
  await p.getByLabel("Password", { exact: true }).fill(chosen);
  // The code for the next 30 seconds (accepted one step ahead): the enrolment's code cannot be replayed.
  await p.getByLabel(/Authenticator code/).fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(p).not.toHaveURL(/\/sign-in/);

  await p.goto("/settings/password");
  await expect(p.getByRole("heading", { name: "Change your password" })).toBeVisible();
  await expectAccessible(p);
  const next = "lighthouse pebble saffron kettle";
  await p.getByLabel("Current password").fill(chosen);
  await p.getByLabel("New password", { exact: true }).fill(next);
  await p.getByLabel("New password again").fill(next);
  await p.getByRole("button", { name: "Change password" }).click();
  await expect(p.getByRole("status").filter({ hasText: "Your password has changed" })).toBeVisible();

  // A lost phone: the administrator resets the authenticator app; the person is signed out and sets one
  // up again at the next sign-in.
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByRole("link", { name: "Robin Okafor" }).click();
  await expect(page.getByText(/^Set up on /)).toBeVisible();
  await page.getByRole("button", { name: "Reset authenticator app" }).click();
  await expect(page.getByRole("status").filter({ hasText: "authenticator app and recovery codes are removed" })).toBeVisible();
  await expect(page.getByText("Not set up", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await p.goto("/inbox");
  await expect(p).toHaveURL(/\/sign-in/);
  await signIn(p, email, next);
  await p.goto("/inbox");
  await expect(p).toHaveURL(/\/settings\/two-factor/);
  await guest.close();
});

test("forgot password answers the same for any address, and is accessible", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Email address").fill("nobody@nhs.example");
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If there is a Fulcrum account for that address" })).toBeVisible();
  await expectAccessible(page);
});
