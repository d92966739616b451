// A real SMTP server for tests (the smtp-server package) on 127.0.0.1, on an ephemeral port. It keeps
// every message it accepts; `refuse(n)` makes it refuse the next n recipients with a temporary error.
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";

export type CapturedMessage = { to: string[]; raw: string; messageId: string; subject: string; headers: Record<string, string>; text: string };

/** Undoes quoted-printable (nodemailer's encoding for long or non-ASCII lines). */
export function decodeQuotedPrintable(s: string): string {
  const bytes = Buffer.from(s.replace(/=\r?\n/g, ""), "binary").toString("binary").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "binary").toString("utf8");
}

function parse(raw: string, to: string[]): CapturedMessage {
  const [head] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { to, raw, messageId: headers["message-id"] ?? "", subject: headers.subject ?? "", headers, text: decodeQuotedPrintable(raw) };
}

export async function startSmtpServer() {
  const messages: CapturedMessage[] = [];
  let refusals = 0;
  let refuseOnly: string | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, cb) {
      if (refusals > 0 && (!refuseOnly || address.address.toLowerCase() === refuseOnly)) {
        refusals--;
        const err = new Error("Mailbox busy, try again later") as Error & { responseCode: number };
        err.responseCode = 451;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        messages.push(parse(Buffer.concat(chunks).toString("binary"), session.envelope.rcptTo.map((r) => r.address)));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Refuses the next n recipients (only `address`, when given) with 451. */
    refuse(n: number, address?: string) {
      refusals = n;
      refuseOnly = address?.toLowerCase();
    },
    to(address: string) {
      return messages.filter((m) => m.to.includes(address.toLowerCase()));
    },
    /** A nodemailer transport to this server. */
    transport(opts: { pool?: boolean } = {}) {
      return opts.pool
        ? nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, pool: true, maxConnections: 3 })
        : nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
