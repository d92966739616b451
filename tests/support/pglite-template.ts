// vitest globalSetup: one embedded database, migrated once, dumped to a file that every integration
// test file loads (tests/support/db.ts) instead of running initdb and all migrations itself. Made
// fresh on each run from the migrations in db/migrations, so it is never stale.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite } from "@/db/client";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-pglite-template-"));
  const file = path.join(dir, "migrated.tar");
  const opened = await openPglite();
  fs.writeFileSync(file, Buffer.from(await (await opened.dump!()).arrayBuffer()));
  await opened.close();
  project.provide("pgliteTemplate", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
