// When things are due, in England's time: digests at 08:00 (daily; Monday for weekly), review-due
// messages the morning after a judged-by date, reminders N days after a request then weekly, and the
// sender's retry backoff. Pure functions: the clock is always passed in.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

const PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  weekday: "short",
  hourCycle: "h23",
});

/** The wall-clock date (YYYY-MM-DD), hour and weekday (0 = Sunday) in England at `at`. */
export function englandParts(at: Date) {
  const p = Object.fromEntries(PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(p.weekday);
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), minute: Number(p.minute), weekday };
}

/** The instant it is `hour`:00 in England on `date` (YYYY-MM-DD), whether GMT or BST. */
export function englandTime(date: string, hour: number): Date {
  const guess = Date.parse(`${date}T${String(hour).padStart(2, "0")}:00:00Z`);
  // England is UTC+0 or UTC+1: try both offsets and keep the one that reads back as hour:00.
  for (const offset of [0, HOUR]) {
    const at = new Date(guess - offset);
    const p = englandParts(at);
    if (p.date === date && p.hour === hour) return at;
  }
  return new Date(guess);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The next 08:00 in England after `now` (daily), or the next Monday 08:00 (weekly). */
export function nextDigestTime(now: Date, delivery: "daily" | "weekly"): Date {
  const { date } = englandParts(now);
  for (let i = 0; i <= 8; i++) {
    const day = addDays(date, i);
    const at = englandTime(day, 8);
    if (at.getTime() <= now.getTime()) continue;
    if (delivery === "weekly" && new Date(`${day}T12:00:00Z`).getUTCDay() !== 1) continue;
    return at;
  }
  throw new Error("unreachable: a Monday 08:00 is always within eight days");
}

/**
 * Which scheduled message is due by `now` for a series starting at `first` and repeating weekly:
 * 0 when none yet, 1 for the first, 2 a week later, and so on.
 */
export function seriesNumber(first: Date, now: Date): number {
  if (now.getTime() < first.getTime()) return 0;
  return Math.floor((now.getTime() - first.getTime()) / WEEK) + 1;
}

/** The first reminder: `days` days after the request. */
export function firstReminderAt(requestedAt: Date, days: number): Date {
  return new Date(requestedAt.getTime() + days * DAY);
}

/** The first review-due message: 08:00 in England on the day after the judged-by date. */
export function firstReviewDueAt(judgedBy: string): Date {
  return englandTime(addDays(judgedBy, 1), 8);
}

/** Retry backoff after the n-th failed attempt: 1, 5, 30 minutes, then hourly. */
export function retryDelay(attempts: number): number {
  return [MINUTE, 5 * MINUTE, 30 * MINUTE][attempts - 1] ?? HOUR;
}

/** Retries stop once this long has passed since the first attempt; the message is then failed. */
export const RETRY_WINDOW = DAY;
