import { expect, test } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./fixtures";

test("a Chief Executive creates an API token, sees it once, uses it, and revokes it", async ({ page, request }) => {
  await signIn(page, demo("ce.rnb"));
  // Through the navigation, as a person would (every signed-in user has it).
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Your account" }).click();
  await expectAccessible(page);
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expectAccessible(page);

  // A refusal names the field and keeps what was typed.
  await page.getByLabel("Days until it expires").fill("400");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Enter a name for the token" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Name").fill("Power BI extract");
  await page.getByLabel("Days until it expires").fill("30");
  await page.getByLabel("Read only").check();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("heading", { name: "Your new token: Power BI extract" })).toBeVisible();
  const token = await page.getByLabel("Token", { exact: true }).inputValue();
  expect(token).toMatch(/^ful_/);
  await expect(page.getByRole("cell", { name: "Power BI extract", exact: true })).toBeVisible();
  await expectAccessible(page);

  const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(demo("ce.rnb"));

  // Shown once: a fresh visit lists the token but never shows it again.
  await page.goto("/settings/tokens");
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(page.getByRole("row", { name: /Power BI extract/ })).toContainText("Read only");

  await page.getByRole("button", { name: "Revoke Power BI extract" }).click();
  await expect(page.getByText("The token was revoked.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Power BI extract/ })).toContainText("Revoked");
  await expectAccessible(page);
  const after = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});

test("the API reference lists every route and is accessible", async ({ page }) => {
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "Fulcrum API" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /GET \/api\/v1\/decisions$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /POST \/api\/v1\/criteria\/\{id\}\/outcomes/ })).toBeVisible();
  await expectAccessible(page);
});
