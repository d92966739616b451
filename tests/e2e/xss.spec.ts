import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { demo, expectAccessible, signIn, signOut } from "./fixtures";

// Issue 15, reliability suite: script-shaped text in every field we can fill through the API, rendered
// on every page that shows it, with a dialog listener that fails the test if any script runs.
const PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</text><svg onload=alert(1)>", "javascript:alert(1)"];
const P = PAYLOADS.join(" ");
const tag = (field: string) => `XSS ${field} ${P}`;

/** Creates a write token for a demo account through the token page, as that person would. */
async function writeToken(page: Page, email: string, name: string) {
  await signIn(page, demo(email));
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Days until it expires").fill("1");
  await page.getByLabel("Read and write").check();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("Token", { exact: true }).inputValue();
  await signOut(page);
  return { authorization: `Bearer ${token}` };
}

async function ok(request: APIRequestContext, method: "post" | "patch", url: string, headers: Record<string, string>, data: unknown) {
  const r = await request[method](url, { headers, data });
  expect(r.status(), `${method} ${url}: ${await r.text()}`).toBeLessThan(300);
  return r.json();
}

test("script-shaped text in every field renders as text on every page that shows it", async ({ page, request }) => {
  test.setTimeout(90_000);
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(`${page.url()}: ${d.message()}`);
    await d.dismiss();
  });

  const ce = await writeToken(page, "ce.rna", "xss ce");
  const ned = await writeToken(page, "ned1.rna", "xss ned");
  const chair = await writeToken(page, "chair.rna", "xss chair");
  const admin = await writeToken(page, "admin", "xss admin");

  // An organisation's name (administrator), then linked to the decision as the one that benefits.
  await ok(request, "post", "/api/v1/admin/organisations", admin, { kind: "trust", name: `XSS organisation ${P}`.slice(0, 120), ods: "RXSS1", icsOds: "QNV", trustType: "acute" });

  // A Chief Executive's decision with a payload in every text field.
  const created = await ok(request, "post", "/api/v1/decisions", ce, {
    trust: "RNA",
    title: `XSS title ${P}`.slice(0, 200),
    summary: tag("summary"),
    rationale: tag("rationale"),
    options: tag("options"),
    context: { notes: tag("context"), regulatorRating: "Good" },
    impactOnTrust: { amountK: -100, text: tag("impact trust") },
    impactOnSystem: { amountK: 250, text: tag("impact system") },
    favoured: "system",
    category: "capacity",
    factors: ["population_outcomes"],
    decidedOn: "2026-03-01",
    visibility: "system",
    organisations: [{ ods: "RXSS1", role: "benefits", amountK: 250 }],
    criteria: [{ statement: tag("criterion"), measure: tag("measure"), baseline: tag("baseline"), target: tag("target"), judgedBy: "2027-03-31" }],
  });
  const id: string = created.id;
  const submitted = await ok(request, "post", `/api/v1/decisions/${id}/submit`, ce, { baseVersion: created.revision });
  // An amendment while awaiting sign-off freezes a new version: a version diff with payloads on both sides.
  await ok(request, "patch", `/api/v1/decisions/${id}`, ce, { baseVersion: submitted.revision, summary: tag("summary amended") });
  const current = await (await request.get(`/api/v1/decisions/${id}`, { headers: ce })).json();
  expect(current.version).toBeGreaterThan(1);

  // A board member's position comment.
  await ok(request, "post", `/api/v1/decisions/${id}/positions`, ned, { position: "support", forum: "public_board", comment: tag("position"), version: current.version });

  // A meeting's location and an agenda item (title, presenter).
  const meeting = await ok(request, "post", "/api/v1/meetings", chair, { date: "2027-01-14", time: "10:00", kind: "committee", committeeName: tag("committee").slice(0, 120), location: tag("location").slice(0, 200) });
  await ok(request, "post", `/api/v1/meetings/${meeting.id}/items`, chair, { title: tag("item").slice(0, 200), presenter: tag("presenter").slice(0, 120) });
  // A board meeting with the decision on its agenda, for a cover sheet (through the meeting page's form).
  const board = await ok(request, "post", "/api/v1/meetings", chair, { date: "2027-01-21", time: "10:00", kind: "public_board", location: "Boardroom" });
  await ok(request, "post", `/api/v1/meetings/${board.id}/items`, chair, { decisionId: id });

  // A person's name (administrator).
  await ok(request, "post", "/api/v1/admin/users", admin, { email: "xss.person@example.nhs.uk", name: `XSS name ${P}`.slice(0, 120) });

  const visit = async (path: string, shows?: string) => {
    await page.goto(path);
    if (shows) await expect(page.getByText(shows, { exact: false }).first()).toBeVisible();
    // Nothing the payloads would have created exists as an element.
    expect(await page.locator("img[src='x'], svg[onload], script:not([src]):not([nonce]):has-text('alert(1)')").count(), path).toBe(0);
    await expectAccessible(page);
  };

  await signIn(page, demo("ce.rna"));
  // A comment that is a question, through the decision page's form.
  await page.goto(`/decisions/${id}`);
  await page.getByLabel("Add a comment").fill(tag("comment"));
  await page.getByLabel("This is a question that needs an answer").check();
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByText("XSS comment").first()).toBeVisible();
  await visit(`/decisions/${id}`, "XSS summary amended");
  await expect(page.getByText("XSS organisation").first()).toBeVisible();
  await visit(`/decisions/${id}/paper`, "XSS rationale");
  await visit(`/decisions/${id}/versions/${current.version}`, "XSS summary amended");
  await visit("/decisions", "XSS title");
  await visit("/inbox");
  await visit("/dashboard/trust/RNA");
  await visit(`/meetings/${meeting.id}`);
  await signOut(page);

  await signIn(page, demo("ned1.rna"));
  await visit(`/decisions/${id}`, "XSS position");
  await visit(`/decisions/${id}`, "XSS comment");
  await visit("/inbox");
  await signOut(page);

  await signIn(page, demo("ics.qnv"));
  await visit(`/decisions/${id}`, "XSS comment");
  await visit("/dashboard/ics/QNV");
  await signOut(page);

  await signIn(page, demo("chair.rna"));
  await visit(`/meetings/${meeting.id}`, "XSS location");
  await page.goto(`/meetings/${board.id}`);
  const cover = page.locator("details", { hasText: "Cover sheet for item" }).first();
  await cover.locator("summary").click();
  await cover.getByLabel("Recommendation").fill(tag("recommendation"));
  await cover.getByLabel("Executive lead").fill(tag("lead").slice(0, 100));
  await cover.getByLabel("Author").fill(tag("author").slice(0, 100));
  await cover.getByLabel("Link to the board's strategic risks").fill(tag("risks"));
  await cover.getByRole("button", { name: "Save the cover sheet" }).click();
  await expect(page.getByText("Recommendation: XSS recommendation").first()).toBeVisible(); // saved before we move on
  await visit(`/meetings/${board.id}`, "XSS recommendation");
  await visit("/meetings");
  await signOut(page);

  await signIn(page, demo("admin"));
  await visit("/admin/users?q=xss.person", "XSS name");
  await visit("/admin/organisations", "XSS organisation");
  await visit("/admin/audit");

  expect(dialogs, "a script ran").toEqual([]);
});
