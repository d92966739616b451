import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:3204";
const [, , who, path, out, width] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: Number(width || 1280), height: 900 } });
await page.goto(base + "/sign-in");
await page.getByLabel("Email address").fill(`${who}@fulcrum.demo`);
await page.getByLabel("Password").fill("fulcrum-demo-2026");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL((u) => !u.pathname.includes("sign-in"));
const t0 = Date.now();
await page.goto(base + path, { waitUntil: "load" }); await page.waitForFunction(() => document.querySelectorAll("[aria-busy=true]").length === 0, null, { timeout: 60000 });
console.log("loaded", path, Date.now() - t0, "ms", "status?", await page.title());
const h = await page.evaluate(() => document.body.scrollHeight);
const w = Number(width || 1280);
for (let y = 0, i = 0; y < h && i < 20; y += 1400, i++) {
  await page.screenshot({ path: out.replace(".png", `-${i}.png`), fullPage: true, clip: { x: 0, y, width: w, height: Math.min(1400, h - y) } });
}
console.log("height", h);
await browser.close();
