import * as OTPAuth from "otpauth";
import { expect, test, type Page } from "@playwright/test";
import { demo, expectAccessible, signIn, signOut } from "./fixtures";
import { SignInPage } from "./pages/sign-in";

const header = (page: Page) => page.getByRole("banner");
/** The form's error summary (Next's route announcer is also an alert). */
const errorSummary = (page: Page) => page.getByRole("alert").filter({ hasText: "There is a problem" });

const ROLES = [
  { who: "Chief Executive", email: "ce.rna", lands: /\/inbox$/, name: "Helen Marsh", role: "Chief Executive, Northvale Teaching Hospitals NHS Foundation Trust" },
  { who: "Chair", email: "chair.rna", lands: /\/inbox$/, name: "Sir David Pryce", role: "Chair, Northvale Teaching Hospitals NHS Foundation Trust" },
  { who: "Non-Executive Director", email: "ned1.rna", lands: /\/inbox$/, name: "Amina Yusuf", role: "Non-Executive Director, Northvale Teaching Hospitals NHS Foundation Trust" },
  { who: "ICS lead", email: "ics.qnv", lands: /\/dashboard\/ics\/QNV$/, name: "Ruth Okafor", role: "ICS lead, Northvale Integrated Care System" },
  { who: "national analyst", email: "analyst", lands: /\/dashboard\/national$/, name: "Jordan Ellis", role: "National analyst, NHS England (demo)" },
  { who: "administrator", email: "admin", lands: /\/admin$/, name: "Alex Morgan", role: "Administrator, NHS England (demo)" },
];

for (const r of ROLES) {
  test(`the ${r.who} signs in and lands on their home page`, async ({ page }) => {
    await signIn(page, demo(r.email));
    await expect(page).toHaveURL(r.lands);
    await expect(header(page).getByText(r.name, { exact: true })).toBeVisible();
    await expect(header(page).getByText(r.role, { exact: true })).toBeVisible();
    await expectAccessible(page);
    await signOut(page);
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await expectAccessible(page);
  });
}

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  const attempt = async (email: string) => {
    await new SignInPage(page).submit(email, "not-the-password");
    const summary = errorSummary(page);
    await expect(summary).toBeVisible();
    await expect(page.getByLabel("Email address")).toHaveValue(email);
    await expect(page.getByLabel("Password")).toHaveValue("");
    return (await summary.innerText()).trim();
  };
  const wrong = await attempt(demo("ned2.rnb"));
  await expectAccessible(page);
  const unknown = await attempt("nobody.here@fulcrum.demo");
  expect(unknown).toBe(wrong);
  expect(wrong).toContain("Enter a correct email address and password");
  await expect(page).toHaveTitle(/^Error: /);
});

test("a board member gets not found for administration and for another trust", async ({ page }) => {
  await signIn(page, demo("ned1.rna"));
  for (const path of ["/admin", "/admin/users", "/admin/audit", "/dashboard/trust/RSA"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await expectAccessible(page);
});

test("pages carry the security headers; the session cookie is HttpOnly and SameSite=Lax", async ({ page, request }) => {
  const res = await request.get("/sign-in");
  expect(res.status()).toBe(200);
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(h["content-security-policy"]).not.toContain("unsafe-eval");
  expect(h["content-security-policy"]).toContain("object-src 'none'");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-powered-by"]).toBeUndefined();
  expect(h["strict-transport-security"]).toBeUndefined();
  const behindHttps = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(behindHttps.headers()["strict-transport-security"]).toContain("max-age=");

  await signIn(page, demo("chair.rnb"));
  await expect(page).toHaveURL(/\/inbox$/);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.includes("authjs.session-token"));
  // Plain http here; Auth.js sets Secure (and __Secure-) over https.
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  // A page load refreshes the cookie: the idle clock restarts.
  const view = await page.goto("/inbox");
  expect((await view!.headerValue("set-cookie")) ?? "").toContain("authjs.session-token=");
  // Background requests (the router's fetches, prefetches) never do, so one in flight cannot undo a sign-out.
  const background = await page.request.get("/inbox", { headers: { rsc: "1", "next-router-prefetch": "1" } });
  expect(background.headers()["set-cookie"] ?? "").not.toContain("authjs.session-token=");
  const fetched = await page.request.get("/inbox", { headers: { "sec-fetch-mode": "cors" } });
  expect(fetched.headers()["set-cookie"] ?? "").not.toContain("authjs.session-token=");
  await expectAccessible(page);
  // Signing out sticks: the next page asks for sign-in again.
  await signOut(page);
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a form post over 1 MB without JavaScript gets a page saying so, never an error page", async ({ page, request }) => {
  const res = await request.post("/decisions/new", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: `rationale=${"x".repeat(1_100_000)}`,
  });
  expect(res.status()).toBe(413);
  expect(res.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  const html = await res.text();
  expect(html).toContain("The form was too large to send");
  expect(html).toContain("nothing was saved");
  await page.setContent(html);
  await expectAccessible(page);
});

test("a server action posted from another origin is refused", async ({ page, playwright, baseURL }) => {
  // Capture the sign-in form's real server action request, then replay it.
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(demo("exec.rnc"));
  await page.getByLabel("Password").fill("fulcrum-demo-2026");
  const [actionRequest] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  await expect(page).toHaveURL(/\/inbox$/);
  await expectAccessible(page);
  const headers = { ...actionRequest.headers() };
  delete headers["cookie"];
  const body = actionRequest.postDataBuffer()!;

  const replay = async (origin: string) => {
    const ctx = await playwright.request.newContext({ baseURL });
    const res = await ctx.post("/sign-in", { headers: { ...headers, origin }, data: body, maxRedirects: 0 });
    const setCookie = res.headersArray().filter((x) => x.name.toLowerCase() === "set-cookie").map((x) => x.value).join("\n");
    await ctx.dispose();
    return { status: res.status(), signedIn: setCookie.includes("authjs.session-token=") };
  };
  const foreign = await replay("https://evil.example");
  expect(foreign.status).toBeGreaterThanOrEqual(400);
  expect(foreign.signedIn).toBe(false);
  // The same request from our own origin works, so the refusal is the origin check.
  const own = await replay(new URL(baseURL!).origin);
  expect(own.signedIn).toBe(true);
});

test("an administrator adds a trust, a user and memberships; the user switches between them", async ({ page }) => {
  test.setTimeout(180_000); // fourteen accessibility checks and two sign-ins, on a shared two-core machine
  const suffix = Date.now().toString(36).slice(-5).toUpperCase();
  const ods = `R${suffix}`;
  const trustName = `Riverside Test Hospitals NHS Trust ${suffix}`;
  const email = `new.person.${suffix.toLowerCase()}@nhs.example`;

  await signIn(page, demo("admin"));
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Administration" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Organisations" }).first().click();
  await expect(page.getByRole("heading", { name: "Organisations" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Add an organisation" }).click();
  await expect(page.getByRole("heading", { name: "Add an organisation" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Trust", { exact: true }).check();
  await page.getByLabel("Name", { exact: true }).fill(trustName);
  await page.getByLabel("ODS code").fill("rna");
  await page.getByLabel("The Integrated Care System (ICS) it belongs to").selectOption("QNV");
  await page.getByLabel("Trust type").selectOption("acute");
  await page.getByLabel("Annual turnover, in £ million").fill("350");
  await page.getByRole("button", { name: "Add organisation" }).click();
  const summary = errorSummary(page);
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("link", { name: "An organisation with ODS code RNA already exists" })).toBeVisible();
  await expect(page.locator("#field-ods-error")).toContainText("An organisation with ODS code RNA already exists");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(trustName);
  await expectAccessible(page);
  await page.getByLabel("ODS code").fill(ods);
  await page.getByRole("button", { name: "Add organisation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added" })).toContainText(`Added ${trustName} (${ods})`);
  await expect(page.getByRole("row", { name: new RegExp(trustName) })).toContainText("£350m");

  await page.goto("/admin/users");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Add a user" }).click();
  await expectAccessible(page);
  await page.getByLabel("Full name").fill("Riley Newman");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Add user and make a set-password link" }).click();
  const link = new URL(await page.getByLabel("Set-password link").inputValue());
  await expectAccessible(page);
  await page.getByRole("link", { name: "Go to Riley Newman's page" }).click();
  await expect(page.getByRole("heading", { name: "Riley Newman" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Add a membership" }).click();
  await expectAccessible(page);
  await page.getByLabel("Organisation").selectOption(ods);
  await page.getByLabel("Role").selectOption("chief_executive");
  await page.getByRole("button", { name: "Add membership" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Membership added" })).toContainText("Membership added");
  await page.getByRole("link", { name: "Add a membership" }).click();
  await page.getByLabel("Organisation").selectOption("QNV");
  await page.getByLabel("Role").selectOption("board_member");
  await page.getByRole("button", { name: "Add membership" }).click();
  await expect(page.locator("#field-role-error")).toContainText("Board member is a role on a trust");
  await expectAccessible(page);
  await page.getByLabel("Role").selectOption("ics_lead");
  await page.getByRole("button", { name: "Add membership" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Membership added" })).toContainText("Membership added");
  await expect(page.getByRole("table")).toContainText("ICS lead");
  await expect(page.getByRole("table")).toContainText(trustName);
  await expectAccessible(page);

  await page.goto("/admin/audit");
  await expect(page.getByRole("status")).toContainText(/Intact: [\d,]+ events/);
  await expectAccessible(page);
  await signOut(page);

  // The person sets their own password from the link, and enrols an authenticator app (FULCRUM_REQUIRE_MFA).
  const chosen = "lantern orchard violet 2026";
  await page.goto(link.pathname);
  await page.getByLabel("New password", { exact: true }).fill(chosen);
  await page.getByLabel("New password again").fill(chosen);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page).toHaveURL(/password-set=1/);
  await signIn(page, email, chosen);
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  const secret = (await page.locator("#totp-secret").textContent())!.trim();
  await page.getByLabel("Code from your authenticator app").fill(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate());
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.getByRole("link", { name: "Continue to Fulcrum" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(header(page).locator("p").getByText(`Chief Executive, ${trustName}`, { exact: true })).toBeVisible();
  await header(page).getByLabel("Acting as").selectOption({ label: "ICS lead, Northvale Integrated Care System" });
  await header(page).getByRole("button", { name: "Switch" }).click();
  await expect(page).toHaveURL(/\/dashboard\/ics\/QNV$/);
  await expect(header(page).locator("p").getByText("ICS lead, Northvale Integrated Care System", { exact: true })).toBeVisible();
  await expectAccessible(page);
});

test("sign-in and administration fit a 375px phone screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const fits = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.goto("/sign-in");
  await fits();
  await signIn(page, demo("admin"));
  await expect(page).toHaveURL(/\/admin$/);
  for (const path of ["/admin", "/admin/organisations", "/admin/organisations/new", "/admin/users", "/admin/users/new", "/admin/audit"]) {
    await page.goto(path);
    await fits();
  }
  await expectAccessible(page);
});
