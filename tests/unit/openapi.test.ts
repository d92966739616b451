import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { ALL_ROUTES } from "@/lib/api/routes";

const ISSUE_ROUTES = [
  "get /api/v1/openapi.json",
  "get /api/v1/me",
  "get /api/v1/decisions",
  "post /api/v1/decisions",
  "get /api/v1/decisions/{id}",
  "patch /api/v1/decisions/{id}",
  "post /api/v1/decisions/{id}/submit",
  "post /api/v1/decisions/{id}/withdraw",
  "post /api/v1/decisions/{id}/positions",
  "post /api/v1/criteria/{id}/outcomes",
  "get /api/v1/stats/balance",
  "post /api/v1/admin/organisations",
  "post /api/v1/admin/users",
  "post /api/v1/admin/memberships",
];

describe("openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const res = await validator.validate(JSON.parse(JSON.stringify(doc)));
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("lists every route of the API, each with its error envelope", () => {
    const doc = openApiDocument();
    const listed = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item as object).filter((k) => ["get", "post", "patch", "delete"].includes(k)).map((m) => `${m} ${path}`),
    );
    for (const r of ISSUE_ROUTES) expect(listed).toContain(r);
    expect(listed.length).toBe(ALL_ROUTES.length);
    const create = (doc.paths!["/api/v1/decisions"] as Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>).post;
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403", "404", "413", "429", "500"]));
    expect(JSON.stringify(create.requestBody)).toContain("#/components/schemas/DecisionInput");
    // Request bodies are strict, so the document says so.
    const input = doc.components!.schemas!.DecisionInput as { additionalProperties?: unknown; required?: string[] };
    expect(input.additionalProperties).toBe(false);
    expect(input.required).toEqual(expect.arrayContaining(["trust", "title"]));
  });

  it("documents that withdraw needs a reason, and that every change needs its base revision (baseVersion or If-Match)", () => {
    const doc = openApiDocument();
    const withdraw = doc.components!.schemas!.WithdrawInput as { required?: string[]; properties: Record<string, { description?: string }> };
    expect(withdraw.required).toContain("reason");
    expect(withdraw.properties.baseVersion.description).toContain("Required unless you send `If-Match");
    for (const [path, method] of [["/api/v1/decisions/{id}", "patch"], ["/api/v1/decisions/{id}/submit", "post"], ["/api/v1/decisions/{id}/withdraw", "post"]] as const) {
      const op = (doc.paths![path] as Record<string, { parameters: { name: string; in: string }[] }>)[method];
      expect(op.parameters, `${method} ${path}`).toContainEqual(expect.objectContaining({ name: "If-Match", in: "header" }));
    }
  });

  it("documents the list query parameters and the bearer scheme", () => {
    const doc = openApiDocument();
    const list = (doc.paths!["/api/v1/decisions"] as Record<string, { parameters: { name: string; in: string }[] }>).get;
    const names = list.parameters.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["trust", "ics", "favoured", "status", "category", "from", "to", "q", "limit", "cursor"]));
    expect(doc.components?.securitySchemes?.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
  });
});
