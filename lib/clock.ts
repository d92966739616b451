import "server-only";
// The clock: now, unless a caller runs a block "as of" another time. Audit events are stamped with it
// and date rules (a review is due) compare with it. Only the demo loader and tests run a block as of
// another time (the demo so that a decision's timeline reads in the order and on the dates its story
// happened); nothing a user does can set it.
import { AsyncLocalStorage } from "node:async_hooks";
import { londonDate } from "./format";

const asOf = new AsyncLocalStorage<Date>();

export function auditNow(): Date {
  return asOf.getStore() ?? new Date();
}

/** Today's date in England (YYYY-MM-DD): at `at` when given, else by the clock. */
export function todayInEngland(at?: Date): string {
  return londonDate(at ?? auditNow());
}

/** Runs `fn` with the clock at `at` (the demo's history; a test's fixed date). */
export function runAsOf<T>(at: Date, fn: () => Promise<T>): Promise<T> {
  return asOf.run(at, fn);
}
