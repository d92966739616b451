import { AppError } from "../errors";

// Keyset ("cursor") pagination: a page ends at a (sort key, id) pair and the next page starts strictly
// after it, so rows inserted or deleted meanwhile never shift a page or repeat one. The cursor is that
// pair as base64url JSON: opaque to clients, meaningless to tamper with (it only says where to start,
// and the access condition is applied to every page anyway).

export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;
/** A cursor longer than this is not one of ours. */
export const MAX_CURSOR_LENGTH = 500;

export type CursorKey = string | number;
export type Cursor = { k: CursorKey; id: string };

const BAD_CURSOR = () => new AppError("invalid", "The cursor is not valid", { fieldErrors: { cursor: "Use the nextCursor of the previous page, unchanged" } });

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.k, c.id]), "utf8").toString("base64url");
}

export function decodeCursor(s: string): Cursor {
  if (s.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(s)) throw BAD_CURSOR();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
  } catch {
    throw BAD_CURSOR();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !(typeof parsed[0] === "string" || (typeof parsed[0] === "number" && Number.isFinite(parsed[0]))) ||
    typeof parsed[1] !== "string" ||
    !/^[0-9a-f-]{36}$/i.test(parsed[1])
  ) {
    throw BAD_CURSOR();
  }
  return { k: parsed[0], id: parsed[1] };
}

/** Clamps a requested page size to 1..200 (default 50). */
export function clampLimit(limit: number | undefined | null): number {
  if (limit === undefined || limit === null || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}

/**
 * Query `limit + 1` rows in (sort key, id) order and pass them here: the extra row, if present,
 * only tells that another page exists.
 */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => Cursor): { data: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { data: rows, nextCursor: null };
  const data = rows.slice(0, limit);
  return { data, nextCursor: encodeCursor(keyOf(data[data.length - 1])) };
}
