import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db-unavailable";

const err = (props: Record<string, unknown>) => Object.assign(new Error("x"), props);

describe("isDatabaseUnavailable", () => {
  it("knows a database that is down or restarting", () => {
    expect(isDatabaseUnavailable(err({ code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(err({ code: "CONNECTION_CLOSED" }))).toBe(true);
    expect(isDatabaseUnavailable(err({ code: "57P01", severity: "FATAL" }))).toBe(true);
    expect(isDatabaseUnavailable(err({ code: "57P03" }))).toBe(true);
    expect(isDatabaseUnavailable(err({ code: "08006" }))).toBe(true);
    // drizzle wraps the driver's error; Node wraps one refusal per address in an AggregateError.
    expect(isDatabaseUnavailable(err({ cause: err({ code: "CONNECTION_ENDED" }) }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([err({ code: "ECONNREFUSED" })], "all failed"))).toBe(true);
  });
  it("leaves other errors alone", () => {
    expect(isDatabaseUnavailable(err({ code: "23505", severity: "ERROR" }))).toBe(false);
    expect(isDatabaseUnavailable(err({ code: "40001" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
