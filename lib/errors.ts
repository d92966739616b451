export type AppErrorCode =
  | "invalid" // bad input: fieldErrors name the fields
  | "unauthenticated"
  | "forbidden" // may see it, may not do this
  | "not_found" // does not exist, or the actor may not know it exists
  | "conflict" // stale version, duplicate
  | "too_large"
  | "rate_limited";

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
};

export type FieldErrors = Record<string, string>;

/** An error whose message is safe to show the user. Anything else is logged and shown as a generic failure. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly details?: Record<string, unknown>;
  constructor(code: AppErrorCode, message: string, opts: { fieldErrors?: FieldErrors; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = opts.fieldErrors;
    this.details = opts.details;
  }
  get status() {
    return HTTP_STATUS[this.code];
  }
}

export const notFound = (what = "Page") => new AppError("not_found", `${what} not found`);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export const GENERIC_FAILURE = "Sorry, something went wrong. Nothing was saved. Try again, or contact your administrator.";
