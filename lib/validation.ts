import { z } from "zod";
import { AppError, type FieldErrors } from "./errors";

/** Turns zod issues into one message per field (the first), keyed by the dotted path. */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** Parses or throws AppError("invalid") naming each field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const fieldErrors = fieldErrorsFrom(result.error);
    throw new AppError("invalid", "Some answers need correcting", { fieldErrors });
  }
  return result.data;
}

const NUL = /\u0000/;
const REPLACED = /\uFFFD/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isWellFormed = (v: string) => !LONE_SURROGATE.test(v);

/** RFC 5321's longest address. */
export const EMAIL_MAX = 254;
/** A person's or an organisation's name. */
export const NAME_MAX = 200;

/** Text a person typed: trimmed, no NUL bytes, at most `max` characters. */
export function text(label: string, max: number, opts: { required?: boolean } = {}) {
  let s = z
    .string({ error: `Enter ${label}` })
    .refine((v) => !NUL.test(v), { message: `${capitalise(label)} contains a character that is not allowed` })
    // U+FFFD is what a form's bytes that were not UTF-8 decode to; a lone surrogate is not text either.
    .refine((v) => !REPLACED.test(v) && isWellFormed(v), { message: `${capitalise(label)} is not valid UTF-8 text: type or paste it again` })
    .transform((v) => v.replace(/\r\n/g, "\n").trim())
    .refine((v) => v.length <= max, { message: `${capitalise(label)} must be ${max.toLocaleString("en-GB")} characters or fewer` });
  if (opts.required) s = s.refine((v) => v.length > 0, { message: `Enter ${label}` });
  return s;
}

export function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A calendar date as YYYY-MM-DD that exists. */
export function isoDate(label: string) {
  return z
    .string({ error: `Enter ${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${capitalise(label)} must be a real date, for example 27 3 2027` })
    .refine(
      (v) => {
        const d = new Date(`${v}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
      },
      { message: `${capitalise(label)} must be a real date, for example 27 3 2027` },
    );
}

export const email = z
  .string({ error: "Enter an email address" })
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX, { message: `Email address must be ${EMAIL_MAX} characters or fewer` })
  .email({ message: "Enter an email address in the correct format, like name@nhs.net" });
