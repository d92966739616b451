#!/usr/bin/env node
// `npm run demo:national`: England-shaped data (42 ICSs, 210 trusts, 10 years, about 52,500 decisions:
// `generate-decisions.ts --shape england`) in a fresh database, then the app on it, so the national
// view shows figures rather than "fewer than 3" everywhere. Sign in as analyst@fulcrum.demo (password
// fulcrum-demo-2026). The small demo stays `npm start`'s default.
//
// Embedded database: the folder FULCRUM_DATA_DIR (default ./data-national), created afresh (an
// existing folder other than the default is refused). PostgreSQL: DATABASE_URL, which should be an empty
// database (the generator adds to what is there). `-- --count N` passes a count to the generator; `-- --no-start` only loads.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const binDir = path.join(root, "node_modules", ".bin");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PATH: `${binDir}:${process.env.PATH ?? ""}`, FULCRUM_DEMO: "0" };
const args = process.argv.slice(2);
const countAt = args.indexOf("--count");
const count = countAt >= 0 ? ["--count", args[countAt + 1]] : [];
// Past 100,000 decisions the generator defers the kept aggregates to one recount at the end (--bulk).
if (Number(count[1] ?? 0) > 100_000) count.push("--bulk");

if (!process.env.DATABASE_URL) {
  const dir = path.resolve(root, process.env.FULCRUM_DATA_DIR || "data-national");
  const isDefault = !process.env.FULCRUM_DATA_DIR;
  if (fs.existsSync(dir) && fs.readdirSync(dir).length) {
    if (!isDefault) {
      console.error(`${dir} is not empty: demo:national loads into a fresh database. Choose another FULCRUM_DATA_DIR.`);
      process.exit(1);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  env.FULCRUM_DATA_DIR = dir;
  console.log(`demo:national: a fresh embedded database in ${dir}`);
}
const gen = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/generate-decisions.ts", "--shape", "england", ...count], {
  cwd: root, env, stdio: "inherit",
});
if (gen.status !== 0) process.exit(gen.status ?? 1);
if (args.includes("--no-start")) process.exit(0);
console.log("demo:national: starting the app — sign in as analyst@fulcrum.demo (password fulcrum-demo-2026).");
const r = spawnSync(process.execPath, ["scripts/start.mjs"], { cwd: root, env, stdio: "inherit" });
process.exit(r.status ?? 0);
