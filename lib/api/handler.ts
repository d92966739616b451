import "server-only";
import { getDb } from "@/db/client";
import { can, type Actor } from "../access";
import { env } from "../env";
import { AppError, GENERIC_FAILURE, isAppError, type FieldErrors } from "../errors";
import { hitRateLimit } from "../rate-limit";
import { authenticateBearer } from "../tokens";
import { clientIp } from "../auth/client-ip";
import type { RouteSpec } from "./routes";
import type { z } from "./zod";
import { logError } from "@/lib/log-error";
import { DATABASE_UNAVAILABLE } from "@/lib/db-unavailable";
import { noteDatabaseError } from "@/lib/db-health";

export const MAX_BODY_BYTES = 1024 * 1024;

export type ApiContext<P, Q, B> = {
  actor: Actor & { tokenId: string };
  params: P;
  query: Q;
  body: B;
  request: Request;
};

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

/** Next's second argument to a route handler. */
export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

export function errorResponse(code: string, message: string, status: number, fields?: FieldErrors, headers: Record<string, string> = {}): Response {
  return jsonResponse({ error: { code, message, ...(fields && Object.keys(fields).length ? { fields } : {}) } }, status, headers);
}

/** The database is down or restarting: 503, try again in a minute (nothing of the error shown). */
export function unavailableResponse(headers: Record<string, string> = {}): Response {
  return errorResponse("unavailable", DATABASE_UNAVAILABLE, 503, undefined, { ...headers, "retry-after": "60" });
}

/** One message per field, keyed by dotted path; an unknown field is named as itself. */
export function apiFieldErrors(error: z.ZodError, prefix = ""): FieldErrors {
  const out: FieldErrors = {};
  const at = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join(".") || "_body";
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out[at([...issue.path, key])] ??= `Unknown field "${key}"`;
      continue;
    }
    out[at(issue.path)] ??= issue.message;
  }
  return out;
}

/** Reads at most `limit` bytes of the body, whatever Content-Length claimed. */
export async function readBodyLimited(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  return new TextDecoder("utf-8", { fatal: false }).decode(await readBodyBytes(request, limit));
}

/** The body's bytes, refused over `limit` (413). */
export async function readBodyBytes(request: Request, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = request.headers.get("content-length");
  if (declared && Number(declared) > limit) throw new AppError("too_large", "The body is over 1 MB");
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new AppError("too_large", "The body is over 1 MB");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The first field (dotted path) of a parsed body whose text holds U+FFFD, the mark of a byte that was not UTF-8. */
function firstReplacedField(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return value.includes("\uFFFD") ? path.join(".") || "_body" : null;
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = firstReplacedField(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A JSON body as text: invalid UTF-8 is a 400 naming the field it is in (issue 17), never silently
 * replaced. Bytes outside any string (or a body that is not JSON) are named `_body`.
 */
export async function readJsonBodyText(request: Request): Promise<string> {
  const bytes = await readBodyBytes(request);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const lenient = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    let field = "_body";
    try {
      field = firstReplacedField(JSON.parse(lenient)) ?? "_body";
    } catch {
      /* not JSON either: the body as a whole */
    }
    throw new AppError("invalid", "The body is not valid UTF-8", { fieldErrors: { [field]: `${field === "_body" ? "The body" : field} is not valid UTF-8 text: send it encoded as UTF-8` } });
  }
}


const BASE_REVISION_MISSING = 'Send baseVersion (the revision you read) or an If-Match: "<revision>" header';

/** The revision in an `If-Match: "<revision>"` header (a weak tag too), or null if none or not one. */
function ifMatchRevision(request: Request): number | null {
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(request.headers.get("if-match") ?? "");
  return m ? Number(m[1]) : null;
}

/**
 * The revision an edit, a submit or a withdraw is based on: `baseVersion` in the body, or an
 * `If-Match: "<revision>"` header. Required: the client says what it read, the server never guesses.
 */
export function baseRevisionFrom(request: Request, body: { baseVersion?: number }): number {
  if (body.baseVersion !== undefined) return body.baseVersion;
  const fromHeader = ifMatchRevision(request);
  if (fromHeader !== null) return fromHeader;
  throw new AppError("invalid", "Say which revision your change is based on", { fieldErrors: { baseVersion: BASE_REVISION_MISSING } });
}

/** The ETag of a decision at a revision (what If-Match takes). */
export const etagFor = (revision: number) => `"${revision}"`;

/**
 * Wraps a route handler: Bearer-only authentication (cookies are ignored, so no CSRF), a per-token
 * rate limit in the database, scope checks, the 1 MB body limit, strict zod parsing of params, query
 * and body, and the error envelope. The handler returns data (sent with the spec's status) or a Response.
 */
export function apiHandler<S extends RouteSpec>(
  spec: S,
  handler: (ctx: ApiContext<Infer<NonNullable<S["params"]>>, Infer<NonNullable<S["query"]>>, Infer<NonNullable<S["body"]>>>) => Promise<unknown>,
): (request: Request, context?: RouteContext) => Promise<Response> {
  return async (request, context) => {
    const rateHeaders: Record<string, string> = {};
    try {
      const db = await getDb();
      const ip = clientIp(request.headers);
      const actor = await authenticateBearer(db, request.headers.get("authorization"), {
        ip: ip === "unknown" ? null : ip,
        userAgent: request.headers.get("user-agent"),
      });
      const limit = env().FULCRUM_API_RATE_LIMIT;
      const rate = await hitRateLimit(db, `token:${actor.tokenId}`, { limit });
      rateHeaders["x-ratelimit-limit"] = String(rate.limit);
      rateHeaders["x-ratelimit-remaining"] = String(rate.remaining);
      if (!rate.allowed) {
        rateHeaders["retry-after"] = String(rate.retryAfter);
        throw new AppError("rate_limited", `Too many requests: at most ${limit} a minute per token. Try again in ${rate.retryAfter} seconds.`);
      }
      if ((spec.auth === "write" || spec.auth === "admin") && actor.tokenScope !== "write") {
        throw new AppError("forbidden", "This token is read-only");
      }
      if (spec.auth === "admin" && !can(actor, "admin")) throw new AppError("not_found", "Not found");

      let params: unknown = undefined;
      if (spec.params) {
        const raw = context ? await context.params : {};
        const parsed = spec.params.safeParse(raw);
        // A malformed id names nothing that exists.
        if (!parsed.success) throw new AppError("not_found", "Not found");
        params = parsed.data;
      }
      let query: unknown = undefined;
      if (spec.query) {
        const url = new URL(request.url);
        const parsed = spec.query.safeParse(Object.fromEntries(url.searchParams));
        if (!parsed.success) throw new AppError("invalid", "The query is not valid", { fieldErrors: apiFieldErrors(parsed.error) });
        query = parsed.data;
      }
      let body: unknown = undefined;
      if (spec.body) {
        const raw = await readJsonBodyText(request);
        let json: unknown;
        try {
          json = raw.trim() === "" ? {} : JSON.parse(raw);
        } catch {
          throw new AppError("invalid", "The body is not valid JSON", { fieldErrors: { _body: "Send a JSON object" } });
        }
        if (json === null || typeof json !== "object" || Array.isArray(json)) {
          throw new AppError("invalid", "The body must be a JSON object", { fieldErrors: { _body: "Send a JSON object" } });
        }
        const parsed = spec.body.safeParse(json);
        const fieldErrors = parsed.success ? {} : apiFieldErrors(parsed.error);
        // A missing base revision is reported with the body's other problems, not after they are fixed.
        const sentBase = (json as { baseVersion?: unknown }).baseVersion !== undefined || ifMatchRevision(request) !== null;
        if (spec.baseRevision && !sentBase) fieldErrors.baseVersion ??= BASE_REVISION_MISSING;
        if (Object.keys(fieldErrors).length) {
          const onlyBase = Object.keys(fieldErrors).length === 1 && fieldErrors.baseVersion === BASE_REVISION_MISSING;
          throw new AppError("invalid", onlyBase ? "Say which revision your change is based on" : "Some fields need correcting", { fieldErrors });
        }
        body = parsed.data;
      }

      const result = await handler({ actor, params, query, body, request } as ApiContext<Infer<NonNullable<S["params"]>>, Infer<NonNullable<S["query"]>>, Infer<NonNullable<S["body"]>>>);
      if (result instanceof Response) {
        for (const [k, v] of Object.entries(rateHeaders)) result.headers.set(k, v);
        return result;
      }
      if (spec.response && process.env.NODE_ENV !== "production") {
        // Outside production, an answer that does not match its documented schema is a bug: fail loudly.
        const check = spec.response.safeParse(result);
        if (!check.success) throw new Error(`${spec.id}: response does not match its schema: ${JSON.stringify(check.error.issues.slice(0, 3))}`);
      }
      return jsonResponse(result, spec.status, rateHeaders);
    } catch (e) {
      if (isAppError(e)) {
        const headers = { ...rateHeaders, ...(e.code === "unauthenticated" ? { "www-authenticate": 'Bearer realm="fulcrum"' } : {}) };
        return errorResponse(e.code, e.message, e.status, e.fieldErrors, headers);
      }
      logError(`[api] ${spec.method.toUpperCase()} ${spec.path}`, e);
      if (noteDatabaseError(e)) return unavailableResponse(rateHeaders);
      return errorResponse("internal", GENERIC_FAILURE, 500, undefined, rateHeaders);
    }
  };
}

/** For routes that need no token (the OpenAPI document). */
export function publicHandler(handler: (request: Request) => Promise<unknown>): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const result = await handler(request);
      return result instanceof Response ? result : jsonResponse(result, 200, { "cache-control": "public, max-age=300" });
    } catch (e) {
      logError("[api] public route", e);
      if (noteDatabaseError(e)) return unavailableResponse();
      return errorResponse("internal", GENERIC_FAILURE, 500);
    }
  };
}
