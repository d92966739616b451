import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { demo, expectAccessible, expectNoSideScroll, signIn, signOut } from "./fixtures";
import { DashboardPage } from "./pages/dashboard";

// Issue 10 item 12, WCAG 1.4.10: every page, for the role that opens it, at 320 px wide with no sideways
// scrolling, and axe on each. The list of pages is checked against app/**/page.tsx, so a new page
// without an entry here fails.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

function routesInApp(dir = "app", prefix = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name.startsWith("_") || name === "api") continue;
      out.push(...routesInApp(full, `${prefix}/${name}`));
    } else if (name === "page.tsx") out.push(prefix || "/");
  }
  return out;
}

const visited = new Set<string>();
const problems: string[] = [];

/** Opens the page at 320 px, waits for the dashboards' panels, checks reflow and axe; collects every page's problems. */
async function check(page: Page, route: string, url: string) {
  visited.add(route);
  await page.setViewportSize({ width: 320, height: 720 });
  await page.goto(url);
  await new DashboardPage(page).panelsLoaded();
  for (const assertion of [expectNoSideScroll, expectAccessible]) {
    try {
      await assertion(page);
    } catch (e) {
      problems.push(`${url}: ${(e as Error).message.split("\n").slice(0, 8).join(" ")}`);
    }
  }
}

async function firstDecision(page: Page, query: string): Promise<string> {
  await page.goto(`/decisions?${query}`);
  const href = await page.locator("main table a[href^='/decisions/']").first().getAttribute("href");
  const id = href?.match(UUID)?.[0];
  expect(id, `a decision for ${query}`).toBeTruthy();
  return id!;
}

test("every page fits 320 px without sideways scrolling, and passes axe", async ({ page }) => {
  test.setTimeout(600_000);
  await check(page, "/sign-in", "/sign-in");

  // The Chief Executive: their register, forms and a decision in each state they can act on.
  await signIn(page, demo("ce.rna"));
  await check(page, "/", "/");
  await check(page, "/inbox", "/inbox");
  await check(page, "/decisions", "/decisions");
  await check(page, "/decisions/new", "/decisions/new");
  await check(page, "/decisions/import", "/decisions/import");
  await check(page, "/settings/tokens", "/settings/tokens");
  await check(page, "/api-docs", "/api-docs");
  await check(page, "/dashboard/trust/[ods]", "/dashboard/trust/RNA");
  const awaiting = await firstDecision(page, "status=awaiting_sign_off&trust=RNA");
  await check(page, "/decisions/[id]", `/decisions/${awaiting}`);
  await check(page, "/decisions/[id]/withdraw", `/decisions/${awaiting}/withdraw`);
  await check(page, "/decisions/[id]/paper", `/decisions/${awaiting}/paper`);
  await check(page, "/decisions/[id]/versions/[version]", `/decisions/${awaiting}/versions/1`);
  await check(page, "/decisions/[id]/files", `/decisions/${awaiting}/files`);
  const signedOff = await firstDecision(page, "status=signed_off&trust=RNA");
  await check(page, "/decisions/[id]", `/decisions/${signedOff}`);
  await check(page, "/settings", "/settings");
  for (const settings of ["notifications", "sessions", "password", "two-factor"]) await check(page, `/settings/${settings}`, `/settings/${settings}`);
  await signOut(page);

  // The Company Secretary: meetings, and a new one.
  await signIn(page, demo("sec.rna"));
  await check(page, "/meetings", "/meetings");
  await check(page, "/meetings/new", "/meetings/new");
  await page.getByLabel("Day").fill("14");
  await page.getByLabel("Month").fill("1");
  await page.getByLabel("Year").fill("2027");
  await page.getByLabel("Start time").fill("09:30");
  await page.getByLabel("Board meeting in private").check();
  await page.getByLabel("Location or link").fill("Boardroom, Level 2");
  await page.getByRole("button", { name: "Create the meeting" }).click();
  await expect(page.getByRole("heading", { name: /Board meeting in private of 14 January 2027/, level: 1 })).toBeVisible();
  const meeting = new URL(page.url()).pathname.match(UUID)?.[0];
  await check(page, "/meetings/[id]", `/meetings/${meeting}`);
  await check(page, "/trusts/[ods]/risk-appetite", "/trusts/RNA/risk-appetite");
  await check(page, "/trusts/[ods]/risk-appetite/versions", "/trusts/RNA/risk-appetite/versions");
  await signOut(page);

  // Pages anyone can open: forgotten password, a set-password link and an unsubscribe link (neither valid).
  await check(page, "/forgot-password", "/forgot-password");
  await check(page, "/sign-in/not-set-up", "/sign-in/not-set-up?reason=not_set_up");
  await check(page, "/set-password/[token]", "/set-password/not-a-real-token");
  await check(page, "/unsubscribe", "/unsubscribe?t=not-a-real-token");

  // A draft (the demo's are at other trusts): its edit and check-before-submit pages.
  await signIn(page, demo("ce.rnb"));
  const draft = await firstDecision(page, "status=draft");
  await check(page, "/decisions/[id]/edit", `/decisions/${draft}/edit`);
  await check(page, "/decisions/[id]/submit", `/decisions/${draft}/submit`);
  await signOut(page);

  // A board member on the decision waiting for their position.
  await signIn(page, demo("ned1.rna"));
  await check(page, "/decisions/[id]", `/decisions/${awaiting}`);
  await signOut(page);

  await signIn(page, demo("ics.qnv"));
  await check(page, "/dashboard/ics/[ods]", "/dashboard/ics/QNV");
  await check(page, "/decisions", "/decisions?ics=QNV");
  await signOut(page);

  await signIn(page, demo("analyst"));
  await check(page, "/dashboard/national", "/dashboard/national");
  await check(page, "/no-access", "/no-access");
  await signOut(page);

  await signIn(page, demo("admin"));
  await check(page, "/admin", "/admin");
  await check(page, "/admin/users", "/admin/users");
  await check(page, "/admin/users/new", "/admin/users/new");
  await page.goto("/admin/users");
  const user = (await page.locator("main table a[href^='/admin/users/']").first().getAttribute("href"))?.match(UUID)?.[0];
  expect(user).toBeTruthy();
  await check(page, "/admin/users/[id]", `/admin/users/${user}`);
  await check(page, "/admin/users/[id]/memberships/new", `/admin/users/${user}/memberships/new`);
  await check(page, "/admin/users/[id]/password", `/admin/users/${user}/password`);
  await check(page, "/admin/organisations", "/admin/organisations");
  await check(page, "/admin/organisations/new", "/admin/organisations/new");
  await page.goto("/admin/organisations");
  const org = (await page.locator("main table a[href^='/admin/organisations/']").first().getAttribute("href"))?.match(UUID)?.[0];
  expect(org).toBeTruthy();
  await check(page, "/admin/organisations/[id]", `/admin/organisations/${org}`);
  await check(page, "/admin/audit", "/admin/audit");
  await check(page, "/admin/mail", "/admin/mail");

  expect(problems).toEqual([]);
  // Every page in app/ was visited.
  expect(routesInApp().filter((r) => !visited.has(r)).sort()).toEqual([]);
});
