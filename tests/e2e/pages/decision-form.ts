import type { Page } from "@playwright/test";

export type CriterionFields = { statement: string; measure: string; baseline: string; target: string; judgedBy: string };

/** The record / edit / amend form of a decision. */
export class DecisionForm {
  constructor(private readonly page: Page) {}

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  async fillCriterion(i: number, c: CriterionFields) {
    for (const [key, value] of Object.entries(c)) {
      if (key === "judgedBy") await this.fillDate(`criteria-${i}-judgedBy`, value);
      else await this.page.locator(`#field-criteria-${i}-${key}`).fill(value);
    }
  }

  /** A Day / Month / Year date input, from an ISO date ("2027-03-27" → 27, 3, 2027). */
  async fillDate(idPart: string, iso: string) {
    const [y, m, d] = iso.split("-");
    await this.page.locator(`#field-${idPart}`).fill(String(Number(d)));
    await this.page.locator(`#field-${idPart}-month`).fill(String(Number(m)));
    await this.page.locator(`#field-${idPart}-year`).fill(y);
  }

  async saveDraft() {
    await this.page.getByRole("button", { name: "Save draft" }).click();
  }

  /** "There is a problem" at the top of the form. */
  get errorSummary() {
    return this.page.getByRole("alert", { name: "There is a problem" });
  }
}
