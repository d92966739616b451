import "server-only";
import { getActor } from "@/lib/auth";
import { MAX_IMPORT_BYTES, mayImport, type ImportFile } from "@/lib/decisions";
import { AppError, GENERIC_FAILURE, isAppError } from "@/lib/errors";
import type { Actor } from "@/lib/access";
import { logError } from "@/lib/log-error";
import { limitHeavyRequest } from "@/lib/rate-limit";

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });

const TOO_LARGE = "The file is over 10 MB: split it into smaller files";

/** The body's bytes, refused past the limit before it is all read. Decoding is the import's (lib/import/decode.ts). */
async function readBytesLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared && Number(declared) > limit + 64 * 1024) throw new AppError("too_large", TOO_LARGE);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit + 64 * 1024) {
      await reader.cancel().catch(() => {});
      throw new AppError("too_large", TOO_LARGE);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The file the request carries: a multipart form (the page: `file`, and `sheet` and `mapping` as
 * JSON text), or a `text/csv` body in Fulcrum's own columns. Its bytes go to the import undecoded, so
 * its encoding is found and checked there and nothing is read with replacement characters.
 */
async function fileOf(request: Request): Promise<ImportFile> {
  const type = request.headers.get("content-type") ?? "";
  const bytes = await readBytesLimited(request, MAX_IMPORT_BYTES);
  if (type.startsWith("text/csv")) {
    if (bytes.byteLength > MAX_IMPORT_BYTES) throw new AppError("too_large", TOO_LARGE);
    return { name: "upload.csv", bytes };
  }
  const form = await new Response(new Blob([bytes as BlobPart]), { headers: { "content-type": type } }).formData().catch(() => null);
  const file = form?.get("file");
  if (!form || !(file instanceof Blob)) throw new AppError("invalid", "Choose a file", { fieldErrors: { file: "Choose a file" } });
  if (file.size > MAX_IMPORT_BYTES) throw new AppError("too_large", TOO_LARGE);
  const sheet = form.get("sheet");
  const mappingText = form.get("mapping");
  let mapping: unknown;
  if (typeof mappingText === "string" && mappingText) {
    try {
      mapping = JSON.parse(mappingText);
    } catch {
      throw new AppError("invalid", "The column mapping could not be read; choose the columns again", { fieldErrors: { mapping: "The column mapping could not be read" } });
    }
  }
  return { name: (file as File).name || "upload", bytes: new Uint8Array(await file.arrayBuffer()), sheet: typeof sheet === "string" && sheet ? sheet : null, mapping };
}

/**
 * The import page's requests (read, check, run). Cookie-authenticated, so guarded against cross-site
 * use: same-origin only (Origin must match the host), and a `text/csv` or multipart body.
 */
export async function handleImport(request: Request, run: (actor: Actor, file: ImportFile) => Promise<unknown>): Promise<Response> {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host || new URL(origin).host !== host) return json({ error: { code: "forbidden", message: "Send the file from Fulcrum's import page" } }, 403);
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("text/csv") && !type.startsWith("multipart/form-data")) return json({ error: { code: "invalid", message: "Send the file as text/csv or as a form" } }, 400);
  const actor = await getActor();
  if (!actor || !mayImport(actor)) return json({ error: { code: "not_found", message: "Page not found" } }, 404);
  try {
    await limitHeavyRequest(actor, "import");
    return json(await run(actor, await fileOf(request)));
  } catch (e) {
    if (isAppError(e)) {
      const status = e.code === "too_large" ? 413 : e.status;
      return json({ error: { code: e.code, message: e.message, errors: (e.details as { errors?: unknown } | undefined)?.errors ?? [], fieldErrors: e.fieldErrors ?? {} } }, status);
    }
    logError("[import]", e);
    return json({ error: { code: "internal", message: GENERIC_FAILURE } }, 500);
  }
}
