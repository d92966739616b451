// A local SMTP catcher for trying Fulcrum's e-mail without a real mail server, and for the e2e tests.
// It accepts every message on 127.0.0.1:SMTP_CATCHER_PORT (default 2525), keeps them in memory, and
// lists them as JSON at http://127.0.0.1:SMTP_CATCHER_HTTP_PORT/messages (default 2526).
//   node scripts/smtp-catcher.mjs
//   FULCRUM_SMTP_URL=smtp://127.0.0.1:2525 FULCRUM_URL=http://localhost:3000 npm start
import http from "node:http";
import { SMTPServer } from "smtp-server";

const smtpPort = Number(process.env.SMTP_CATCHER_PORT ?? 2525);
const httpPort = Number(process.env.SMTP_CATCHER_HTTP_PORT ?? smtpPort + 1);
const messages = [];

function decodeQuotedPrintable(s) {
  const bytes = s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "binary").toString("utf8");
}

function parse(raw, to) {
  const [head] = raw.split(/\r?\n\r?\n/);
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { to, subject: headers.subject ?? "", messageId: headers["message-id"] ?? "", headers, text: decodeQuotedPrintable(raw), receivedAt: new Date().toISOString() };
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, cb) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => {
      const m = parse(Buffer.concat(chunks).toString("binary"), session.envelope.rcptTo.map((r) => r.address));
      m.helo = session.hostNameAppearsAs ?? null; // the sender's EHLO name: which server sent it
      messages.push(m);
      console.log(`smtp-catcher: ${m.to.join(", ")}: ${m.subject}`);
      cb();
    });
  },
});
smtp.listen(smtpPort, "127.0.0.1", () => console.log(`smtp-catcher: SMTP on 127.0.0.1:${smtpPort}`));

http
  .createServer((req, res) => {
    if (req.url?.startsWith("/messages")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(messages));
      return;
    }
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`smtp-catcher: ${messages.length} messages; GET /messages for them as JSON\n`);
  })
  .listen(httpPort, "127.0.0.1", () => console.log(`smtp-catcher: messages at http://127.0.0.1:${httpPort}/messages`));

for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => smtp.close(() => process.exit(0)));
