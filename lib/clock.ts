import "server-only";
// The time audit events are stamped with: now, unless a caller runs a block "as of" another time.
// Only the demo loader does, so that a demo decision's timeline reads in the order and on the dates
// its story happened; nothing a user does can set it.
import { AsyncLocalStorage } from "node:async_hooks";

const asOf = new AsyncLocalStorage<Date>();

export function auditNow(): Date {
  return asOf.getStore() ?? new Date();
}

/** Runs `fn` with audit events stamped at `at` (the demo's history). */
export function runAsOf<T>(at: Date, fn: () => Promise<T>): Promise<T> {
  return asOf.run(at, fn);
}
