import { expect, test } from "@playwright/test";
import { expectAccessible } from "./fixtures";

test("the sign-in page lists the demo accounts and is accessible", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to Fulcrum" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Demo accounts" })).toBeVisible();
  await expectAccessible(page);
});
