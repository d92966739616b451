// npm run user:create -- --email a@b.nhs.uk --name "A Person" [--admin]
// The password is read from standard input (hidden when typed at a terminal), never from the
// command line, where other users of the machine could read it in the process list.
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { organisations } from "@/db/schema";
import { ROLE } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { MembershipInput, UserInput, unsafeAddMembership, unsafeCreateUser } from "@/lib/admin";
import { parseInput } from "@/lib/validation";
import { explain, fail, withDatabase } from "./cli";

const USAGE = 'Usage: npm run user:create -- --email name@nhs.net --name "Full Name" [--admin]\nThe password is read from standard input.';

export const DEFAULT_NATIONAL = { name: "NHS England", ods: "X24" };

function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let buf = "";
    const finish = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      resolve(buf);
    };
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === "\r" || c === "\n" || c === "\u0004") return finish();
        if (c === "\u0003") {
          stdin.setRawMode(false);
          process.stderr.write("\n");
          process.exit(130);
        }
        if (c === "\u007f" || c === "\b") buf = buf.slice(0, -1);
        else buf += c;
      }
    };
    stdin.on("data", onData);
  });
}

async function readFirstLine(): Promise<string> {
  let all = "";
  for await (const chunk of process.stdin) {
    all += chunk;
    if (all.includes("\n")) break;
  }
  return all.split(/\r?\n/)[0] ?? "";
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readFirstLine();
  const first = await readHidden("Password (at least 12 characters): ");
  const again = await readHidden("Password again: ");
  if (first !== again) fail("The two passwords are not the same. Nothing was saved.");
  return first;
}

async function main() {
  let args;
  try {
    args = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, admin: { type: "boolean", default: false }, help: { type: "boolean" } } }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (!args.email || !args.name) fail(USAGE);
  const password = await readPassword();
  let input;
  try {
    input = parseInput(UserInput, { email: args.email, name: args.name, password });
  } catch (e) {
    fail(`The user was not created:\n${explain(e)}`);
  }
  await withDatabase(async ({ db }) => {
    try {
      const user = await db.transaction(async (tx) => {
        const created = await unsafeCreateUser(tx, null, input);
        if (args.admin) {
          let [national] = await tx.select().from(organisations).where(eq(organisations.kind, "national")).orderBy(organisations.createdAt).limit(1);
          if (!national) {
            [national] = await tx.insert(organisations).values({ kind: "national", ...DEFAULT_NATIONAL }).returning();
            await recordAudit(tx, null, { organisationId: national.id, action: "organisation.created", entityType: "organisation", entityId: national.id, after: national });
          }
          await unsafeAddMembership(tx, null, parseInput(MembershipInput, { email: created.email, ods: national.ods, role: ROLE.admin }));
          console.log(`Made ${created.email} an administrator of ${national.name} (${national.ods}).`);
        }
        return created;
      });
      console.log(`Created user ${user.name} <${user.email}> (id ${user.id}).`);
    } catch (e) {
      fail(`The user was not created:\n${explain(e)}`);
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
