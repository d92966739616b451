// The route × role matrix (issue 15, reliability): every route in app/ has an entry in
// tests/support/route-matrix.ts, and every API route that names an object answers 404, with nothing
// of the object in the body, to someone of another trust and ICS.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { successCriteria } from "@/db/schema";
import { ALL_ROUTES } from "@/lib/api/routes";
import { createDecision, submitDecision } from "@/lib/decisions";
import { createApiToken } from "@/lib/tokens";
import { ROUTE_MATRIX } from "../support/route-matrix";
import { makeTrustWithBoard } from "../support/factories";
import { heldMeeting, makeTrustWithSecretary } from "../support/meeting-fixture";
import { decisionInput } from "../support/decisions";
import { useTestDatabase } from "../support/db";

process.env.FULCRUM_API_RATE_LIMIT = "10000";
const t = useTestDatabase();
const root = path.resolve(__dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Every page, route handler method and server action found in app/, keyed as the matrix keys them. */
export function discoverRoutes(): string[] {
  const files = walk(path.join(root, "app")).map((f) => path.relative(root, f).split(path.sep).join("/"));
  const keys: string[] = [];
  const apiPath = (rel: string) => rel.slice("app".length, -"/route.ts".length).replace(/\[(\w+)\]/g, "{$1}");
  for (const f of files) {
    const src = () => fs.readFileSync(path.join(root, f), "utf8");
    if (/(^|\/)page\.tsx$/.test(f)) {
      keys.push(`page ${f.slice("app".length, -"/page.tsx".length).replace(/\/\([^)]+\)/g, "") || "/"}`);
    } else if (/(^|\/)route\.ts$/.test(f)) {
      const methods = METHODS.filter((m) => new RegExp(`export (async function|const) ${m}\\b|export (const )?\\{[^}]*\\b${m}\\b`).test(src()));
      for (const m of methods) keys.push(f.startsWith("app/api/v1/") ? `${m} ${apiPath(f)}` : `${m} ${f.slice("app".length, -".ts".length)}`);
    } else if (/\.tsx?$/.test(f) && /^["']use server["']/m.test(src())) {
      for (const m of src().matchAll(/export (?:async function|const) (\w+)/g)) keys.push(`action ${f}#${m[1]}`);
    }
  }
  return keys.sort();
}

describe("the route × role matrix", () => {
  it("has exactly one entry for every page, route handler and server action in app/", () => {
    const found = discoverRoutes();
    const missing = found.filter((k) => !(k in ROUTE_MATRIX));
    const stale = Object.keys(ROUTE_MATRIX).filter((k) => !found.includes(k));
    expect(missing, "routes without a matrix entry (add them to tests/support/route-matrix.ts)").toEqual([]);
    expect(stale, "matrix entries naming no route").toEqual([]);
    // Every documented API route is served by a file, and has its entry.
    for (const spec of ALL_ROUTES) expect(found).toContain(`${spec.method.toUpperCase()} ${spec.path}`);
  });

  it("every API route naming an object answers 404 to another trust's token, with nothing of the object", async () => {
    const a = await makeTrustWithSecretary(t.db);
    const stranger = await makeTrustWithBoard(t.db);
    const title = `Matrix probe ${crypto.randomUUID()}`;
    const d = await createDecision(a.ce, decisionInput({ title }));
    const s = await submitDecision(a.ce, { id: d.id, baseRevision: d.revision });
    const [criterion] = await t.db.select().from(successCriteria).where(eq(successCriteria.decisionId, d.id));
    const ownToken = await createApiToken(a.ce, { name: "probe target", scope: "write" });
    const { meeting, items } = await heldMeeting(a.secretary, [d.id]);
    const ids: Record<string, string> = { decisions: d.id, criteria: criterion.id, tokens: (ownToken as unknown as { summary: { id: string } }).summary.id, meetings: meeting.id, admin: a.ce.userId };
    const itemId = items[0].id;
    const strangerToken = (await createApiToken(stranger.ce, { name: "stranger", scope: "write" })).token;
    const probed: string[] = [];
    for (const spec of ALL_ROUTES.filter((r) => r.path.includes("{id}"))) {
      const key = `${spec.method.toUpperCase()} ${spec.path}`;
      expect(ROUTE_MATRIX[key]?.other, key).toBe("404");
      const collection = spec.path.split("/")[3];
      const id = ids[collection];
      expect(id, `no object to probe for ${key}`).toBeTruthy();
      const file = path.join(root, "app", spec.path.replace("{id}", "[id]").replace("{itemId}", "[itemId]"), "route.ts");
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, (r: Request, c: unknown) => Promise<Response>>;
      const example = (spec as { exampleBody?: Record<string, unknown> }).exampleBody;
      const body = example ? JSON.stringify({ ...example, ...("baseVersion" in example ? { baseVersion: s.revision } : {}), ...("version" in example ? { version: 1 } : {}) }) : undefined;
      const res = await mod[spec.method.toUpperCase()](
        new Request(`http://fulcrum.test${spec.path.replace("{id}", id).replace("{itemId}", itemId)}`, {
          method: spec.method.toUpperCase(),
          body,
          headers: { authorization: `Bearer ${strangerToken}`, ...(body ? { "content-type": "application/json" } : {}) },
        }),
        { params: Promise.resolve({ id, itemId }) },
      );
      const text = await res.text();
      expect(res.status, `${key}: ${text}`).toBe(404);
      expect(text, key).not.toContain(title);
      expect(text, key).not.toContain(a.trust.ods);
      expect(text, key).not.toContain(a.ce.email);
      probed.push(key);
    }
    expect(probed.length).toBeGreaterThanOrEqual(6);
  });
});
