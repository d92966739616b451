import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openPglite } from "@/db/client";

const root = path.resolve(__dirname, "../..");

function openInChild(dir: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "tests/support/open-folder.ts", dir], { cwd: root, encoding: "utf8", timeout: 90_000 });
}

function runNode(code: string, env: Record<string, string | undefined>) {
  return spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "-e", code], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
}

describe("embedded database folder", () => {
  it("refuses a second process with a clear message while the folder is open", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-lock-"));
    const held = await openPglite({ dataDir: dir, migrate: false });
    try {
      const child = openInChild(dir);
      expect(child.status).toBe(3);
      expect(child.stdout).not.toContain("opened");
      expect(child.stderr).toContain(`is in use by another Fulcrum process (pid ${process.pid})`);
      expect(child.stderr).toContain("FULCRUM_DATA_DIR");
    } finally {
      await held.close();
    }
    // Released on close: the next process gets in.
    expect(openInChild(dir).stdout).toContain("opened");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes over a lock left behind by a process that has died", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-stale-"));
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const deadPid = Number(dead.stdout);
    expect(deadPid).toBeGreaterThan(0);
    fs.writeFileSync(path.join(dir, ".fulcrum.lock"), String(deadPid));
    const child = openInChild(dir);
    expect(child.stderr).toBe("");
    expect(child.stdout).toContain("opened");
    expect(fs.existsSync(path.join(dir, ".fulcrum.lock"))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("session secret", () => {
  const print = `import("./lib/auth/secret.ts").then((m) => process.stdout.write((m.authSecret ?? m.default.authSecret)()))`;

  it("without AUTH_SECRET, generates one in the data folder on first start and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-secret-"));
    const first = runNode(print, { AUTH_SECRET: "", FULCRUM_DATA_DIR: dir });
    expect(first.stderr).toBe("");
    expect(first.stdout.length).toBeGreaterThanOrEqual(40);
    const file = path.join(dir, "auth-secret");
    expect(fs.readFileSync(file, "utf8").trim()).toBe(first.stdout);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const second = runNode(print, { AUTH_SECRET: "", FULCRUM_DATA_DIR: dir });
    expect(second.stdout).toBe(first.stdout);
    // An explicit AUTH_SECRET wins and is not written down.
    const explicit = runNode(print, { AUTH_SECRET: "x".repeat(40), FULCRUM_DATA_DIR: dir });
    expect(explicit.stdout).toBe("x".repeat(40));
    expect(fs.readFileSync(file, "utf8").trim()).toBe(first.stdout);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
