import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { ALL_ROUTES, type RouteSpec } from "./routes";
import { ErrorBody } from "./schemas";
import { z } from "./zod";

/** On routes that change a decision: the alternative to `baseVersion` in the body. */
const IfMatch = z.object({
  "If-Match": z
    .string()
    .optional()
    .openapi({ description: 'The decision\'s revision as an ETag, like `"3"` (what GET answers as `ETag`). Send it or `baseVersion` in the body; neither is a 400.', example: '"3"' }),
});

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request: invalid JSON, a wrong type, an unknown field; `fields` names each",
  401: "No token, or the token is unknown, revoked or expired",
  403: "The token may see this but not do it (for example a read-only token)",
  404: "Not found, or not something this token may see",
  409: "Stale: changed since you read it, or not allowed in its current state",
  413: "The body is over 1 MB",
  429: "Too many requests for this token this minute; see Retry-After",
  500: "Something went wrong on the server",
};

function errorStatuses(spec: RouteSpec): number[] {
  const base = spec.auth === "public" ? [] : [401, 429];
  const bodyErrors = spec.body ? [400, 413] : [];
  const admin = spec.auth === "admin" || spec.auth === "write" ? [403] : [];
  return [...new Set([...spec.errors, ...base, ...bodyErrors, ...admin, 500])].sort((a, b) => a - b);
}

export function registerRoutes(registry: OpenAPIRegistry, specs: RouteSpec[] = ALL_ROUTES) {
  const bearer = registry.registerComponent("securitySchemes", "bearerToken", {
    type: "http",
    scheme: "bearer",
    description: "An API token from Settings › API tokens (or `npm run token:create`). Tokens start `ful_`.",
  });
  for (const spec of specs) {
    const responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }> = {};
    if (spec.response) {
      responses[String(spec.status)] = { description: spec.summary, content: { "application/json": { schema: spec.response } } };
    } else if (spec.status === 204) {
      responses["204"] = { description: "Done" };
    } else {
      responses[String(spec.status)] = { description: spec.summary, content: { "application/json": { schema: { type: "object" } } } };
    }
    for (const status of errorStatuses(spec)) {
      responses[String(status)] = { description: STATUS_TEXT[status] ?? "Error", content: { "application/json": { schema: ErrorBody } } };
    }
    registry.registerPath({
      method: spec.method,
      path: spec.path,
      operationId: spec.id,
      summary: spec.summary,
      description: spec.description,
      tags: [spec.tag],
      security: spec.auth === "public" ? [] : [{ [bearer.name]: [] }],
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.baseRevision ? { headers: IfMatch } : {}),
        ...(spec.body ? { body: { required: true, content: { "application/json": { schema: spec.body } } } } : {}),
      },
      responses: responses as never,
    });
  }
}

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

/** The OpenAPI 3.1 document of API v1, generated from the route specs' zod schemas. */
export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registerRoutes(registry);
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Fulcrum API",
      version: "1.0.0",
      description:
        "REST API v1 of Fulcrum, the decision log for NHS trust Chief Executives and their boards. " +
        "Authenticate with `Authorization: Bearer <token>`. JSON in and out, camelCase names, ISO 8601 dates. " +
        "Errors are `{ error: { code, message, fields? } }`. A token acts with its owner's memberships; what they may not see answers 404.",
    },
    servers: [{ url: "/" }],
  });
  return cached;
}
