#!/usr/bin/env node
// Two app servers on one PostgreSQL (issue 16 item 5): starts two `next start` servers (A and B) of
// the production build on one fresh database, requests alternating between them, and shows that what
// one server does the other sees at once, because nothing that matters is kept in a process's memory:
//   sessions   signed in on A, the cookie works on B; signed out on B, A refuses the cookie
//   lockout    wrong passwords spread over both servers count together: exactly 5, then locked
//   rate limit one API token's limit is shared: exactly the limit answered, the rest 429, over both
//   caches     a decision written on A is read on B at once (the decision and the list); a sign-off
//              policy changed on A (the admin form) is applied on B to the next position
//   outbox     both servers' mail senders run (every second) against the SMTP catcher: every queued
//              message is sent exactly once
//   secrets    a third server with another AUTH_SECRET refuses to start (lib/app-servers.ts)
// The database: its own throwaway cluster (root + PostgreSQL 15's binaries), else a fresh database
// `<name>_two` made with TEST_DATABASE_URL (a superuser URL); neither: skipped, saying so.
//   node scripts/reliability-two-servers.mjs [--port 4530] [--pg-port 4535] [--smtp-port 4533]
// Prints a table, then one line `twoservers postgres pass|FAIL|skip <figures>`; exits 1 on failure.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { clusterUnavailable, psql as psqlAt, startCluster, stopAll } from "./pg-cluster.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.TWO_SERVERS_PORT || "4530" },
    "pg-port": { type: "string", default: process.env.TWO_SERVERS_PG_PORT || "4535" },
    "smtp-port": { type: "string", default: process.env.TWO_SERVERS_SMTP_PORT || "4533" },
  },
});
const ports = [Number(values.port), Number(values.port) + 1];
const bases = ports.map((p) => `http://127.0.0.1:${p}`);
const [A, B] = bases;
const smtpPort = Number(values["smtp-port"]);
const smtpHttp = smtpPort + 1;
const RATE_LIMIT = 30;
const DEMO_PASSWORD = "fulcrum-demo-2026";
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("twoservers postgres FAIL no production build: run `npx next build` first");
  process.exit(1);
}

const rows = [];
const children = [];
let dropDatabase = null;
const tempDirs = [];
const tempDir = (prefix) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(d);
  return d;
};
let failure = null;
const check = (name, ok, figures) => {
  rows.push({ check: name, result: ok ? "pass" : "FAIL", figures });
  if (!ok) failure = failure ? `${failure}; ${name}` : name;
};

function spawnLogged(args, env, label) {
  const child = spawn(args[0], args.slice(1), { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.log = "";
  const keep = (d) => (child.log = (child.log + d).slice(-20000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  child.label = label;
  children.push(child);
  return child;
}

async function waitUp(url, child, ms = 180_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error(`${child.label} exited:\n${child.log.slice(-3000)}`);
    if (Date.now() > until) throw new Error(`${child.label} did not start:\n${child.log.slice(-3000)}`);
    await sleep(250);
  }
}

const cookiesOf = (res) => res.headers.getSetCookie().map((x) => x.split(";")[0]);

/** next-auth's credentials sign-in on `base`: { cookie, code } (code: the refusal's code, e.g. credentials, locked_15). */
async function signIn(base, email, password) {
  const c = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await c.json();
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(c).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const cookie = cookiesOf(res).find((x) => /session-token=/.test(x)) ?? null;
  const location = res.headers.get("location") ?? "";
  const code = new URL(location, base).searchParams.get("code") ?? (cookie ? null : new URL(location, base).searchParams.get("error"));
  return { cookie, code, status: res.status };
}

/** A page with a session cookie: "ok" (200), or where it redirected. */
async function page(base, pathname, cookie) {
  const res = await fetch(`${base}${pathname}`, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  return { status: res.status, location: res.headers.get("location"), body };
}

const decode = (s) => s.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

try {
  // ------------------------------------------------------------------ the database
  let url;
  const why = clusterUnavailable();
  if (!why) {
    const cluster = startCluster(Number(values["pg-port"]));
    psqlAt(cluster.url(), "CREATE DATABASE fulcrum");
    url = cluster.url("fulcrum");
  } else if (process.env.TEST_DATABASE_URL) {
    const adminUrl = process.env.TEST_DATABASE_URL;
    const admin = new URL(adminUrl);
    if (!["127.0.0.1", "localhost", "[::1]"].includes(admin.hostname)) throw new Error("loopback PostgreSQL only");
    const name = `${admin.pathname.slice(1)}_two`;
    psqlAt(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    psqlAt(adminUrl, `CREATE DATABASE "${name}"`);
    dropDatabase = () => psqlAt(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    admin.pathname = `/${name}`;
    url = admin.toString();
  } else {
    console.log(`twoservers postgres skip no PostgreSQL to use: ${why}, and TEST_DATABASE_URL is not set`);
    process.exit(0);
  }
  const psql = (q) => psqlAt(url, q);

  // ------------------------------------------------------------------ the SMTP catcher and both servers
  const catcher = spawnLogged(["node", "scripts/smtp-catcher.mjs"], { ...process.env, SMTP_CATCHER_PORT: String(smtpPort), SMTP_CATCHER_HTTP_PORT: String(smtpHttp) }, "smtp catcher");
  await waitUp(`http://127.0.0.1:${smtpHttp}/`, catcher, 20_000);
  const dataDir = tempDir("fulcrum-two-");
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    FULCRUM_DATA_DIR: dataDir,
    FULCRUM_DEMO: "1",
    DATABASE_URL: url,
    AUTH_SECRET: "two-servers-secret-two-servers-secret-01",
    FULCRUM_AUDIT_KEY: "two-servers-audit-key-two-servers-key-01",
    FULCRUM_API_RATE_LIMIT: String(RATE_LIMIT),
    FULCRUM_PROXY_HOPS: "0",
    FULCRUM_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    FULCRUM_URL: A,
    FULCRUM_MAIL_INTERVAL_SECONDS: "1",
  };
  for (const k of ["DATABASE_MIGRATION_URL", "DATABASE_READ_URL", "FULCRUM_HEAVY_RATE_LIMIT"]) delete env[k];
  // Both at once: migrations (an advisory lock) and the demo load must not trip over each other.
  const started = Date.now();
  // Each server greets the SMTP catcher with its own name (EHLO), so the catcher can say who sent what.
  const servers = ports.map((p, i) =>
    spawnLogged(["npx", "next", "start", "-p", String(p), "-H", "127.0.0.1"], { ...env, PORT: String(p), FULCRUM_SMTP_URL: `smtp://127.0.0.1:${smtpPort}/?name=server-${"ab"[i]}.test` }, `server ${"AB"[i]}`),
  );
  await Promise.all(servers.map((s, i) => waitUp(`${bases[i]}/sign-in`, s)));
  check("both servers start at once on an empty database (migrate, demo)", true, `${((Date.now() - started) / 1000).toFixed(0)} s`);

  const tokens = await Promise.all(
    [
      ["ce.rna@fulcrum.demo", "write", "two servers"],
      ["ned1.rna@fulcrum.demo", "write", "two servers"],
      ["ce.rnb@fulcrum.demo", "read", "rate"],
    ].map(
      ([email, scope, name]) =>
        new Promise((resolve, reject) => {
          const t = spawn("npm", ["run", "--silent", "token:create", "--", "--email", email, "--scope", scope, "--name", name], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
          let out = "";
          let err = "";
          t.stdout.on("data", (d) => (out += d));
          t.stderr.on("data", (d) => (err += d));
          t.on("exit", (code) => (code === 0 ? resolve({ authorization: `Bearer ${out.trim().split("\n").at(-1)}` }) : reject(new Error(`token:create ${email}: ${err}`))));
        }),
    ),
  );
  const [ce, ned, rateToken] = tokens;
  const api = async (base, auth, method, pathname, body) => {
    const res = await fetch(`${base}/api/v1${pathname}`, { method, headers: { ...auth, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, json, text };
  };
  const newDecision = (title) => ({
    trust: "RNA",
    title,
    summary: "Written while two servers share one database.",
    rationale: "Each server must see what the other wrote.",
    category: "capacity",
    favoured: "system",
    visibility: "trust",
    decidedOn: "2026-03-01",
    criteria: [{ statement: "Both servers agree", measure: "What each server answers", target: "The same answer", judgedBy: "2027-03-31" }],
  });

  // ------------------------------------------------------------------ sessions
  {
    const s = await signIn(A, "ce.rna@fulcrum.demo", DEMO_PASSWORD);
    const onB = s.cookie ? await page(B, "/decisions", s.cookie) : null;
    let signedOut = null;
    if (s.cookie) {
      const c = await fetch(`${B}/api/auth/csrf`, { headers: { cookie: s.cookie } });
      const { csrfToken } = await c.json();
      const res = await fetch(`${B}/api/auth/signout`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: [s.cookie, ...cookiesOf(c)].join("; ") },
        body: new URLSearchParams({ csrfToken }),
      });
      signedOut = res.status;
    }
    const afterA = s.cookie ? await page(A, "/decisions", s.cookie) : null;
    const afterB = s.cookie ? await page(B, "/decisions", s.cookie) : null;
    const refused = (p) => p && p.status >= 300 && p.status < 400 && /\/sign-in/.test(p.location ?? "");
    check("sessions: signed in on A, the cookie works on B", !!s.cookie && onB?.status === 200, `sign-in on A ${s.status}, /decisions on B ${onB?.status ?? "-"}`);
    check("sessions: signed out on B, A refuses the same cookie", refused(afterA) && refused(afterB), `sign-out on B ${signedOut ?? "-"}, then /decisions on A ${afterA?.status ?? "-"} → ${afterA?.location ?? "-"}, on B ${afterB?.status ?? "-"}`);
  }

  // ------------------------------------------------------------------ lockout
  {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await signIn(bases[i % 2], "ned1.rnb@fulcrum.demo", "not-the-password-1")).code);
    const sixth = await signIn(bases[5 % 2], "ned1.rnb@fulcrum.demo", DEMO_PASSWORD);
    const seventh = await signIn(bases[6 % 2], "ned1.rnb@fulcrum.demo", DEMO_PASSWORD);
    const wrong = codes.filter((c) => c === "credentials").length;
    check(
      "lockout: 5 wrong passwords over A and B lock the account on both",
      wrong === 5 && !sixth.cookie && /^locked_/.test(sixth.code ?? "") && !seventh.cookie && /^locked_/.test(seventh.code ?? ""),
      `attempts 1–5 (A,B,A,B,A): ${codes.join(",")}; 6th (B, right password): ${sixth.code ?? "signed in"}; 7th (A): ${seventh.code ?? "signed in"}`,
    );
  }

  // ------------------------------------------------------------------ rate limit
  {
    // All in one fixed one-minute window: start early in a minute.
    const into = Date.now() % 60_000;
    if (into > 40_000) await sleep(60_000 - into + 500);
    const statuses = [];
    for (let i = 0; i < RATE_LIMIT + 10; i++) statuses.push((await api(bases[i % 2], rateToken, "GET", "/me")).status);
    const ok = statuses.filter((s) => s === 200).length;
    const limited = statuses.filter((s) => s === 429).length;
    const perServer = [0, 1].map((k) => statuses.filter((s, i) => i % 2 === k && s === 200).length);
    check(`rate limit: one token's ${RATE_LIMIT} a minute shared by A and B`, ok === RATE_LIMIT && limited === 10, `${statuses.length} requests alternating: ${ok} answered (A ${perServer[0]}, B ${perServer[1]}), ${limited} refused 429`);
  }

  // ------------------------------------------------------------------ caches: a write on one is read on the other at once
  {
    const title = `Two servers ${Date.now()}`;
    const made = await api(A, ce, "POST", "/decisions", newDecision(title));
    const id = made.json?.id;
    const onB = id ? await api(B, ce, "GET", `/decisions/${id}`) : null;
    const listB = await api(B, ce, "GET", "/decisions?limit=5");
    const inList = !!listB.json?.data?.some((d) => d.id === id);
    check("caches: a decision created on A is read on B at once (decision and list)", made.status === 201 && onB?.status === 200 && onB.json?.title === title && inList, `POST on A ${made.status}, GET on B ${onB?.status ?? "-"}, in B's list ${inList}`);
  }
  {
    const trustId = psql("select id from organisations where ods = 'RNA'");
    const before = psql("select sign_off_min_support || '/' || sign_off_chair_required from organisations where ods = 'RNA'");
    // D1: submitted on B, one support (on A): not enough under the policy at the start.
    const submitted = async (createOn, submitOn, title) => {
      const d = await api(createOn, ce, "POST", "/decisions", newDecision(title));
      const s = await api(submitOn, ce, "POST", `/decisions/${d.json.id}/submit`, { baseVersion: d.json.revision });
      if (s.status !== 200) throw new Error(`submit: ${s.status} ${s.text.slice(0, 300)}`);
      return s.json;
    };
    const support = (base, d) => api(base, ned, "POST", `/decisions/${d.id}/positions`, { position: "support", forum: "public_board", version: d.version });
    const d1 = await submitted(A, B, `Two servers policy 1 ${Date.now()}`);
    const p1 = await support(A, d1);
    const d1Before = (await api(B, ce, "GET", `/decisions/${d1.id}`)).json?.status;

    // The administrator changes RNA's policy to "1 in support, Chair not needed" with the form, on A.
    const admin = await signIn(B, "admin@fulcrum.demo", DEMO_PASSWORD);
    if (!admin.cookie) throw new Error(`admin sign-in: ${admin.status} ${admin.code}`);
    const form = await page(B, `/admin/organisations/${trustId}`, admin.cookie);
    const formHtml = form.body.split(/<form\b/).find((f) => f.includes('name="signOffMinSupport"'));
    if (!formHtml) throw new Error(`no organisation form on the admin page (${form.status} ${form.location ?? ""})`);
    const fd = new FormData();
    for (const m of formHtml.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
      const name = m[0].match(/name="([^"]*)"/)?.[1];
      if (name) fd.append(decode(name), decode(m[0].match(/value="([^"]*)"/)?.[1] ?? ""));
    }
    const [orgName, icsOds, trustType, foundation, turnover] = psql(
      "select t.name || '|' || i.ods || '|' || t.trust_type || '|' || case when t.foundation_trust then 'yes' else 'no' end || '|' || coalesce(t.turnover_m::text, '') from organisations t join organisations i on i.id = t.ics_id where t.ods = 'RNA'",
    ).split("|");
    for (const [k, v] of Object.entries({ name: orgName, ods: "RNA", icsOds, trustType, foundationTrust: foundation, turnoverM: turnover, signOffMinSupport: "1", signOffChairRequired: "no", policyChangeReason: "Two-server test: one supporter is enough" })) fd.append(k, v);
    const posted = await fetch(`${A}/admin/organisations/${trustId}`, { method: "POST", redirect: "manual", headers: { cookie: admin.cookie, origin: A }, body: fd });
    await posted.text();
    const after = psql("select sign_off_min_support || '/' || sign_off_chair_required from organisations where ods = 'RNA'");
    // D1 was re-checked by A's transaction: B reads it signed off. D2: the next support, on B, uses the new policy.
    const d1After = (await api(B, ce, "GET", `/decisions/${d1.id}`)).json?.status;
    const d2 = await submitted(B, A, `Two servers policy 2 ${Date.now()}`);
    const p2 = await support(B, d2);
    const d2After = (await api(A, ce, "GET", `/decisions/${d2.id}`)).json?.status;
    check(
      "caches: a sign-off policy changed on A (admin form) applies on B",
      p1.status === 201 && d1Before === "awaiting_sign_off" && after === "1/false" && d1After === "signed_off" && p2.status === 201 && d2After === "signed_off",
      `policy ${before} → ${after} (form POST on A ${posted.status}); D1 after 1 support: ${d1Before}, after the change (read on B): ${d1After}; D2 supported on B: ${d2After} (read on A)`,
    );
  }

  // ------------------------------------------------------------------ the outbox: both senders, each message once
  {
    const N = 150;
    psql(
      `insert into outbox (kind, to_address, subject, body_text, content)
       select 'access_change', 'two.servers.' || g || '@example.test', 'Two servers ' || g, 'Sent once.',
              jsonb_build_object('subject', 'Two servers ' || g, 'heading', 'Two servers', 'paragraphs', jsonb_build_array('Sent once.'), 'action', null, 'kindLabel', 'Access change')
       from generate_series(1, ${N}) g`,
    );
    const until = Date.now() + 90_000;
    let left = "?";
    while (Date.now() < until) {
      left = psql("select count(*) from outbox where state in ('pending', 'sending') and due_at <= now()");
      if (left === "0") break;
      await sleep(500);
    }
    const sent = psql("select count(*) || '|' || count(distinct message_id) from outbox where state = 'sent'").split("|").map(Number);
    const sentIds = new Set(psql("select distinct message_id from outbox where state = 'sent'").split("\n").filter(Boolean));
    const failedRows = psql("select count(*) from outbox where state in ('failed', 'not_sent')");
    const messages = await (await fetch(`http://127.0.0.1:${smtpHttp}/messages`)).json();
    const seen = new Map();
    for (const m of messages) seen.set(m.messageId, (seen.get(m.messageId) ?? 0) + 1);
    const twice = [...seen].filter(([, n]) => n > 1).length;
    const missing = [...sentIds].filter((id) => !seen.has(id)).length;
    const stray = [...seen.keys()].filter((id) => !sentIds.has(id)).length;
    const ours = messages.filter((m) => /^Two servers \d+$/.test(m.subject)).length;
    const by = (name) => messages.filter((m) => m.helo === name).length;
    check(
      "outbox: both servers' senders, each queued message sent exactly once",
      left === "0" && twice === 0 && missing === 0 && stray === 0 && ours === N && failedRows === "0",
      `${sent[0]} rows sent as ${sent[1]} messages (${N} queued at once by the test); catcher got ${messages.length} (server A sent ${by("server-a.test")}, B ${by("server-b.test")}): ${twice} twice, ${missing} missing, ${stray} unknown; ${left} still due, ${failedRows} failed`,
    );
  }
  // ------------------------------------------------------------------ a third server with another AUTH_SECRET
  {
    // Its own data folder and secret, as a second host would have if AUTH_SECRET were left unset.
    const portC = ports[1] + 1;
    const c = spawnLogged(["npx", "next", "start", "-p", String(portC), "-H", "127.0.0.1"], { ...env, PORT: String(portC), AUTH_SECRET: "another-secret-another-secret-another-01", FULCRUM_DATA_DIR: tempDir("fulcrum-two-c-") }, "server C");
    const until = Date.now() + 120_000;
    let answered = null;
    while (Date.now() < until && c.exitCode === null && !/differs? from that of another Fulcrum server/.test(c.log)) {
      try {
        answered = (await fetch(`http://127.0.0.1:${portC}/sign-in`)).status;
        if (answered === 200) break;
      } catch {
        /* not up (yet) */
      }
      await sleep(250);
    }
    for (let i = 0; i < 40 && c.exitCode === null; i++) await sleep(250);
    try {
      answered = (await fetch(`http://127.0.0.1:${portC}/sign-in`)).status;
    } catch {
      answered = "no answer";
    }
    const said = /AUTH_SECRET differs from that of another Fulcrum server/.test(c.log);
    check("a third server with another AUTH_SECRET refuses to start, naming it", said && answered === "no answer" && c.exitCode !== null && c.exitCode !== 0, `server C: ${said ? "said AUTH_SECRET differs" : "said nothing"}; /sign-in: ${answered}; ${c.exitCode === null ? "still running" : `exited ${c.exitCode}`}`);
  }
  for (const s of servers) if (s.exitCode !== null) check(`${s.label} kept running`, false, `exited ${s.exitCode}`);
} catch (e) {
  const msg = e instanceof Error ? e.message : String(e);
  rows.push({ check: "run", result: "FAIL", figures: msg.split("\n")[0].slice(0, 300) });
  console.error(msg);
  failure = failure ? `${failure}; ${msg.split("\n")[0]}` : msg.split("\n")[0];
} finally {
  await Promise.all(
    children.map(async (c) => {
      if (c.exitCode !== null) return;
      const exited = new Promise((res) => c.once("exit", res));
      try {
        process.kill(-c.pid, "SIGTERM");
      } catch {
        /* gone */
      }
      await Promise.race([exited, sleep(10_000)]);
    }),
  );
  try {
    dropDatabase?.();
  } catch {
    /* best effort */
  }
  stopAll();
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
}

const widths = ["check", "result", "figures"].map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ");
console.log(line(["check", "result", "figures"]));
console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
for (const r of rows) console.log(line([r.check, r.result, r.figures]));
const passed = rows.filter((r) => r.result === "pass").length;
console.log(`twoservers postgres ${failure ? "FAIL" : "pass"} ${passed}/${rows.length} checks over two servers${failure ? `; failed: ${failure.slice(0, 300)}` : ""}`);
process.exit(failure ? 1 : 0);
