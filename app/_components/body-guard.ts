// Server actions refuse a body over 1 MB (next.config.js) with an unhandled error page. A form that
// could reach that checks its own size before sending and names the fields that are too long, with
// the same words the server would use.

export const MAX_BODY_BYTES = 1_000_000;
const encoder = new TextEncoder();

export type FieldLimit = (name: string) => { label: string; max: number } | null;

/** Null when the form can be sent; otherwise field messages (at least `_form`). */
export function oversize(form: HTMLFormElement, limit: FieldLimit): Record<string, string> | null {
  let bytes = 0;
  const over: Record<string, string> = {};
  for (const [k, v] of new FormData(form)) {
    if (typeof v !== "string") continue;
    bytes += encoder.encode(v).length + k.length + 64;
    const l = limit(k);
    if (l && v.length > l.max) over[k] = `${l.label} must be ${l.max.toLocaleString("en-GB")} characters or fewer`;
  }
  if (bytes <= MAX_BODY_BYTES - 16_000) return null;
  if (!Object.keys(over).length) over._form = "The form is too large to send (over 1 MB). Shorten the longest answers and try again.";
  return over;
}
