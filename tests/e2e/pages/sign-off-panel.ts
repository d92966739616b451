import type { Page } from "@playwright/test";

/** The sign-off panel on a decision page: a board member's position. */
export class SignOffPanel {
  constructor(private readonly page: Page) {}

  async recordPosition(position: RegExp, comment?: string) {
    await this.page.getByRole("radio", { name: position }).check();
    if (comment !== undefined) await this.page.getByLabel("Comment", { exact: true }).fill(comment);
    await this.page.getByRole("button", { name: "Record my position" }).click();
  }

  get recordButton() {
    return this.page.getByRole("button", { name: "Record my position" });
  }
}
