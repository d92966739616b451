import { expect, type Locator, type Page } from "@playwright/test";

/** A meeting's page (/meetings/<id>), as the Company Secretary uses it. */
export class MeetingPage {
  constructor(private readonly page: Page) {}

  /** The outcome message of the form just sent. */
  get status(): Locator {
    return this.page.getByRole("status");
  }

  async addDecision(title: string) {
    await this.page.getByLabel("Decision awaiting sign-off").selectOption({ label: title });
    await this.page.getByRole("button", { name: "Add to the agenda" }).click();
    await expect(this.status).toContainText("The item has been added to the agenda.");
    await expect(this.page.getByRole("link", { name: title })).toBeVisible();
  }

  async press(button: string, expectText: string | RegExp) {
    await this.page.getByRole("button", { name: button }).click();
    await expect(this.page.getByText(expectText).first()).toBeVisible();
  }

  async markPresent(names: string[]) {
    for (const name of names) await this.page.getByRole("group", { name: new RegExp(`^${name},`) }).getByLabel("Present", { exact: true }).check();
    await this.page.getByRole("button", { name: "Record attendance" }).click();
    await expect(this.page.getByText("Attendance has been recorded.")).toBeVisible();
  }

  /** The version and content hash frozen in the pack for each decision item, in agenda order. */
  async packHashes(): Promise<string[]> {
    const text = (await this.page.getByRole("region", { name: "Agenda" }).textContent()) ?? "";
    return [...text.matchAll(/in the pack, content hash ([0-9a-f]{64})/g)].map((m) => m[1]);
  }
}
