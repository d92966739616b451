import type { Page } from "@playwright/test";

export type CriterionFields = { statement: string; measure: string; baseline: string; target: string; judgedBy: string };

/** The record / edit / amend form of a decision. */
export class DecisionForm {
  constructor(private readonly page: Page) {}

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  async fillCriterion(i: number, c: CriterionFields) {
    for (const [key, value] of Object.entries(c)) await this.page.locator(`#field-criteria-${i}-${key}`).fill(value);
  }

  async saveDraft() {
    await this.page.getByRole("button", { name: "Save draft" }).click();
  }

  /** "There is a problem" at the top of the form. */
  get errorSummary() {
    return this.page.getByRole("alert", { name: "There is a problem" });
  }
}
