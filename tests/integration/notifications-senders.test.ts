// Exactly once with any number of servers: two sender loops, each with its own connection pool, drain
// one outbox concurrently; the real SMTP server counts what arrives. 1,000 messages on PostgreSQL;
// a short form on PGlite (one process, so the two loops share its single connection).
import { like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type Database } from "@/db/client";
import { outbox } from "@/db/schema";
import { enqueueNotification } from "@/lib/notifications";
import { createMailSender } from "@/lib/notifications/sender";
import { engineName, useOwnTestDatabase } from "../support/db";
import { startSmtpServer } from "../support/smtp";

// The senders claim every due message in their database: this file keeps a database of its own.
const t = useOwnTestDatabase("senders");
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const postgres = engineName() === "postgres";
const COUNT = postgres ? 1000 : 60;

beforeAll(async () => {
  process.env.FULCRUM_URL = "http://fulcrum.test";
  smtp = await startSmtpServer();
});
afterAll(async () => smtp.close());

async function drain(db: Database) {
  const s = createMailSender({ db, transport: smtp.transport({ pool: true }), scan: false, batchSize: 25 });
  let sent = 0;
  for (;;) {
    const r = await s.runOnce();
    sent += r.sent;
    if (r.claimed === 0) break;
  }
  await s.stop();
  return sent;
}

describe("two sender loops over one database", () => {
  it(`send each of ${COUNT} messages exactly once`, async () => {
    const run = Math.random().toString(36).slice(2, 8);
    const domain = `@bulk-${run}.example`;
    for (let i = 0; i < COUNT; i += 100) {
      await t.db.transaction(async (tx) => {
        for (let j = i; j < Math.min(i + 100, COUNT); j++) {
          await enqueueNotification(tx, { toAddress: `m${j}${domain}`, facts: { kind: "password_link", purpose: "set", url: `http://fulcrum.test/p/${j}`, expiresAt: new Date(Date.now() + 86_400_000) } });
        }
      });
    }
    const second = postgres ? await openPostgres(t.url!, { max: 5, migrate: false }) : null;
    try {
      const started = Date.now();
      const [a, b] = await Promise.all([drain(t.db), drain(second ? second.db : t.db)]);
      console.log(`two senders: ${a} + ${b} messages in ${Date.now() - started} ms (${engineName()})`);
      expect(a + b).toBe(COUNT);
      if (postgres) expect(Math.min(a, b)).toBeGreaterThan(0);
    } finally {
      await second?.close();
    }
    const mine = smtp.messages.filter((m) => m.to.some((x) => x.endsWith(domain)));
    expect(mine).toHaveLength(COUNT);
    expect(new Set(mine.map((m) => m.messageId)).size).toBe(COUNT);
    expect(new Set(mine.map((m) => m.to[0])).size).toBe(COUNT);
    const states = await t.db.select({ state: outbox.state, n: sql<number>`count(*)::int` }).from(outbox).where(like(outbox.toAddress, `%${domain}`)).groupBy(outbox.state);
    expect(states).toEqual([{ state: "sent", n: COUNT }]);
  });
});
