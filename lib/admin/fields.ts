import { z } from "zod";

/** Form strings and JSON alike: "" / null / undefined mean "not given". */
const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** A whole number, from JSON or a form field, with one message naming the field. */
export function wholeNumber(label: string, min: number, max: number) {
  const message = `${label} must be a whole number from ${min} to ${max.toLocaleString("en-GB")}`;
  return z.preprocess(
    (v) => (blank(v) ? undefined : typeof v === "string" ? Number(v.trim().replace(/,/g, "")) : v),
    z.number({ error: message }).int({ message }).min(min, { message }).max(max, { message }).optional(),
  );
}

/** true/false from JSON, or "yes"/"no" (and the usual spellings) from a form. */
export function yesNo(label: string) {
  return z.preprocess(
    (v) => {
      if (blank(v)) return undefined;
      if (typeof v === "string") {
        const s = v.trim().toLowerCase();
        if (["yes", "true", "on", "1"].includes(s)) return true;
        if (["no", "false", "off", "0"].includes(s)) return false;
      }
      return v;
    },
    z.boolean({ error: `Select whether ${label}` }).optional(),
  );
}

/** An option of a closed set; blank means not given. */
export function optionalChoice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess((v) => (blank(v) ? undefined : v), z.enum(values, { error: message }).optional());
}

export const odsCode = (label = "ODS code") =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .toUpperCase()
    .refine((v) => v.length > 0, { message: `Enter the ${label}` })
    .refine((v) => /^[A-Z0-9]{3,10}$/.test(v), { message: `${label} must be 3 to 10 letters or numbers, like RNA or QNV` });

/** Postgres unique violation (both drivers expose the SQLSTATE as `code`, sometimes on `cause`). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } } | null;
  return err?.code === "23505" || err?.cause?.code === "23505";
}
