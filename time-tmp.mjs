import { chromium } from "@playwright/test";
const [, , port, who, path] = process.argv;
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const ctx = await browser.newContext();
const page = await ctx.newPage();
await page.goto(base + "/sign-in");
await page.getByLabel("Email address").fill(`${who}@fulcrum.demo`);
await page.getByLabel("Password").fill("fulcrum-demo-2026");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL((u) => !u.pathname.includes("sign-in") && u.pathname !== "/");
const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
await browser.close();
const times = [];
let firstByte = [];
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  const r = await fetch(base + path, { headers: { cookie } });
  const reader = r.body.getReader();
  let first = null, bytes = 0;
  for (;;) { const { done, value } = await reader.read(); if (first === null) first = performance.now() - t0; if (done) break; bytes += value.length; }
  const total = performance.now() - t0;
  if (i > 0) { times.push(total); firstByte.push(first); }
  if (i === 0) console.log("status", r.status, "bytes", bytes);
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
console.log(`${path}: median of 5 (after 1 warm-up): first byte ${med(firstByte).toFixed(0)} ms, complete page ${med(times).toFixed(0)} ms; all: ${times.map((t) => t.toFixed(0)).join(", ")}`);
