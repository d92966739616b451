import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataFolderLockedError, openPglite } from "@/db/client";

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

describe("embedded database folder: a lock naming a reused pid", () => {
  const lockFile = (dir: string) => path.join(dir, ".fulcrum.lock");

  it("takes over a lock naming its own pid that it did not take itself (a container's pid 1 after a hard kill)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-ownpid-"));
    try {
      for (const content of [String(process.pid), `${process.pid}\n${os.hostname()}\n`]) {
        fs.writeFileSync(lockFile(dir), content);
        const opened = await openPglite({ dataDir: dir, migrate: false });
        expect(fs.readFileSync(lockFile(dir), "utf8")).toBe(`${process.pid}\n${os.hostname()}\n`);
        // A lock this process did take is still refused to a second open.
        await expect(openPglite({ dataDir: dir, migrate: false })).rejects.toBeInstanceOf(DataFolderLockedError);
        await opened.close();
        expect(fs.existsSync(lockFile(dir))).toBe(false);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses any lock written on another host, which may be another container sharing the folder, whatever its pid names here", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-otherhost-"));
    const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      // Our own pid, a pid no process has here, and a pid that names an unrelated process here.
      for (const pid of [process.pid, 2 ** 22 - 1, sleeper.pid!]) {
        fs.writeFileSync(lockFile(dir), `${pid}\nnot-${os.hostname()}\n`);
        await expect(openPglite({ dataDir: dir, migrate: false })).rejects.toThrow(`is in use by another Fulcrum process (pid ${pid} on host not-${os.hostname()})`);
        expect(fs.readFileSync(lockFile(dir), "utf8")).toContain(`not-${os.hostname()}`);
      }
    } finally {
      sleeper.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(process.platform === "linux")("takes over a lock naming a live process that is not Node, and still refuses one naming a live Node process", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-reused-"));
    const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
    const nodeHolder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
    try {
      expect(sleeper.pid).toBeGreaterThan(0);
      fs.writeFileSync(lockFile(dir), String(sleeper.pid));
      const child = openInChild(dir);
      expect(child.stderr).toBe("");
      expect(child.stdout).toContain("opened");
      expect(fs.existsSync(lockFile(dir))).toBe(false);

      fs.writeFileSync(lockFile(dir), String(nodeHolder.pid));
      const refused = openInChild(dir);
      expect(refused.status).toBe(3);
      expect(refused.stderr).toContain(`is in use by another Fulcrum process (pid ${nodeHolder.pid})`);
    } finally {
      sleeper.kill();
      nodeHolder.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
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
