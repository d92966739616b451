import { expect, type Page } from "@playwright/test";

/** A trust, ICS or national dashboard: its panels load in their own time. */
export class DashboardPage {
  constructor(private readonly page: Page) {}

  async goto(path: string) {
    await this.page.goto(path);
    await this.panelsLoaded();
  }

  async panelsLoaded() {
    await expect(this.page.locator('[aria-busy="true"]')).toHaveCount(0);
  }

  async filterBy(label: string, value: string) {
    await this.page.getByLabel(label, { exact: true }).selectOption(value);
    await this.page.getByRole("button", { name: "Apply filters" }).click();
  }
}
