// Bad input through the API (issue 15, reliability; issue 17's invalid UTF-8): a 400/413 naming the
// field, never a 500, and nothing written: row counts and audit heads unchanged.
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditHeads, decisions, decisionVersions, successCriteria } from "@/db/schema";
import { POST as createDecision } from "@/app/api/v1/decisions/route";
import { PATCH as patchDecision } from "@/app/api/v1/decisions/[id]/route";
import { createApiToken } from "@/lib/tokens";
import { parseInput, text } from "@/lib/validation";
import { z } from "zod";
import { makeTrustWithBoard } from "../support/factories";
import { useTestDatabase } from "../support/db";

process.env.FULCRUM_API_RATE_LIMIT = "10000";
const t = useTestDatabase();
const BASE = "http://fulcrum.test";

const body = (ods: string) => ({
  trust: ods,
  title: "Host the system's elective hub",
  summary: "Theatres at our site serve the whole ICS.",
  rationale: "Shorter waits for everyone in the system.",
  favoured: "system",
  category: "capacity",
  factors: ["population_outcomes"],
  decidedOn: "2026-03-01",
  visibility: "trust",
});

/** Everything a bad request must leave as it was. */
async function state() {
  const n = async (table: typeof decisions | typeof decisionVersions | typeof successCriteria) => (await t.db.select({ n: count() }).from(table))[0].n;
  const heads = await t.db.select().from(auditHeads);
  return { decisions: await n(decisions), versions: await n(decisionVersions), criteria: await n(successCriteria), heads: heads.map((h) => `${h.chain}:${h.seq}:${h.hash}`).sort() };
}

function raw(path: string, token: string, bytes: Uint8Array | string, method = "POST") {
  return new Request(BASE + path, { method, body: bytes as BodyInit, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
}

/** The JSON text of `obj` with the bytes of `bad` put where the marker string is. */
function withBytes(obj: unknown, marker: string, bad: number[]): Uint8Array {
  const [before, after] = JSON.stringify(obj).split(marker);
  return Buffer.concat([Buffer.from(before, "utf8"), Buffer.from(bad), Buffer.from(after, "utf8")]);
}

describe("bad input to the API: named, refused, nothing written", () => {
  it("create: invalid UTF-8, NUL, lone surrogates, 1 MB, wrong types, unknown and server fields, 2026-02-30", async () => {
    const b = await makeTrustWithBoard(t.db);
    const token = (await createApiToken(b.ce, { name: "bad-input", scope: "write" })).token;
    const ok = body(b.trust.ods);
    const cases: { name: string; send: Uint8Array | string; status: number; field: string | null }[] = [
      { name: "invalid UTF-8 in title", send: withBytes({ ...ok, title: "MARK" }, "MARK", [0x48, 0xff, 0xfe, 0x69]), status: 400, field: "title" },
      { name: "overlong UTF-8 in summary", send: withBytes({ ...ok, summary: "MARK" }, "MARK", [0xc0, 0xaf]), status: 400, field: "summary" },
      { name: "invalid UTF-8 outside a string", send: Buffer.concat([Buffer.from(JSON.stringify(ok)), Buffer.from([0xff])]), status: 400, field: "_body" },
      { name: "NUL byte", send: JSON.stringify({ ...ok, title: "a\u0000b" }), status: 400, field: "title" },
      { name: "lone surrogate", send: JSON.stringify({ ...ok, rationale: "x" }).replace('"x"', '"\\ud800"'), status: 400, field: "rationale" },
      { name: "1 MB string", send: JSON.stringify({ ...ok, rationale: "x".repeat(1024 * 1024) }), status: 413, field: null },
      { name: "wrong type", send: JSON.stringify({ ...ok, title: 42 }), status: 400, field: "title" },
      { name: "array for object", send: JSON.stringify([ok]), status: 400, field: "_body" },
      { name: "unknown field", send: JSON.stringify({ ...ok, colour: "red" }), status: 400, field: "colour" },
      ...["status", "version", "authorId", "signedOffAt", "trustId", "contentHash"].map((f) => ({
        name: `mass-assignment of ${f}`,
        send: JSON.stringify({ ...ok, [f]: f === "version" ? 9 : "signed_off" }),
        status: 400,
        field: f,
      })),
      { name: "2026-02-30", send: JSON.stringify({ ...ok, decidedOn: "2026-02-30" }), status: 400, field: "decidedOn" },
      { name: "not JSON", send: "{title:", status: 400, field: "_body" },
    ];
    const before = await state();
    for (const c of cases) {
      const res = await createDecision(raw("/api/v1/decisions", token, c.send));
      expect(res.status, c.name).toBe(c.status);
      const answer = await res.json();
      expect(JSON.stringify(answer), c.name).not.toMatch(/stack|at Object\.|\.ts:\d/);
      if (c.field) expect(Object.keys(answer.error.fields ?? answer.error.fieldErrors ?? {}), c.name).toContain(c.field);
    }
    expect(await state()).toEqual(before);
  });

  it("patch: invalid UTF-8 is named and the decision is unchanged", async () => {
    const b = await makeTrustWithBoard(t.db);
    const token = (await createApiToken(b.ce, { name: "bad-input", scope: "write" })).token;
    const created = await (await createDecision(raw("/api/v1/decisions", token, JSON.stringify(body(b.trust.ods))))).json();
    const before = await state();
    const res = await patchDecision(raw(`/api/v1/decisions/${created.id}`, token, withBytes({ title: "MARK", baseVersion: created.revision }, "MARK", [0xe2, 0x28, 0xa1]), "PATCH"), {
      params: Promise.resolve({ id: created.id }),
    });
    expect(res.status).toBe(400);
    const answer = await res.json();
    expect(Object.keys(answer.error.fields ?? answer.error.fieldErrors ?? {})).toContain("title");
    expect(await state()).toEqual(before);
  });

  it("forms: text whose bytes were not UTF-8 (decoded to U+FFFD) or holds a lone surrogate is refused naming the field", () => {
    const schema = z.object({ title: text("a title", 200, { required: true }) });
    for (const bad of ["Budget \uFFFD plan", "x\ud800y"]) {
      expect(() => parseInput(schema, { title: bad })).toThrow();
      try {
        parseInput(schema, { title: bad });
      } catch (e) {
        expect((e as { fieldErrors: Record<string, string> }).fieldErrors.title).toMatch(/A title is not valid UTF-8 text/);
      }
    }
    expect(parseInput(schema, { title: "Café 😀 plan" }).title).toBe("Café 😀 plan");
  });
});
