import { expect, type Page } from "@playwright/test";

/** The sign-in form (vercel/ai-chatbot's `tests/pages/auth.ts`). */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/sign-in");
  }

  /** Fills and sends the form, without waiting for where it lands. */
  async submit(email: string, password: string) {
    await this.goto();
    await this.page.getByLabel("Email address").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /** Signs in and waits to leave the sign-in page. */
  async signIn(email: string, password: string) {
    await this.submit(email, password);
    await expect(this.page).not.toHaveURL(/\/sign-in/);
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/sign-in/);
  }
}
