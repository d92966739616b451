#!/usr/bin/env node
// `npm start`: build when there is no build or the sources are newer than it, then serve with the
// demo loaded into an empty database. A real deployment runs `npm run build` and `npm run serve`.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const buildId = path.join(root, ".next", "BUILD_ID");
const SOURCES = ["app", "lib", "db", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json", "postcss.config.mjs"];

function newestMtime(p) {
  let newest = 0;
  const stack = [p];
  while (stack.length) {
    const cur = stack.pop();
    let st;
    try {
      st = fs.statSync(cur);
    } catch {
      continue;
    }
    if (st.isDirectory()) for (const e of fs.readdirSync(cur)) stack.push(path.join(cur, e));
    else newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

// Node 22 from the pinned `node` dev dependency first on the PATH of every child (npx, next, vitest,
// playwright), also when this script is started as `node scripts/….mjs` rather than through npm.
const binDir = new URL("../node_modules/.bin", import.meta.url).pathname;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PATH: `${binDir}:${process.env.PATH ?? ""}` };
let stale = !fs.existsSync(buildId);
if (!stale) {
  const built = fs.statSync(buildId).mtimeMs;
  stale = SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}
if (stale) {
  console.log("Fulcrum: building (first start, or the sources changed)…");
  const r = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const port = process.env.PORT || "3000";
// The demo (with its published passwords) goes into an empty database, but never when the shell says
// NODE_ENV=production, unless asked with `npm start -- --force`.
let demo = process.env.FULCRUM_DEMO ?? "1";
if (demo === "1" && process.env.NODE_ENV === "production" && !process.argv.includes("--force")) {
  console.log("Fulcrum: NODE_ENV=production, so no demo data is loaded (`npm start -- --force` loads it into an empty database).");
  demo = "0";
}
const child = spawn("npx", ["next", "start", "-p", port], { cwd: root, stdio: "inherit", env: { ...env, FULCRUM_DEMO: demo } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
