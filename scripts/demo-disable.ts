// npm run demo:disable — disables every demo account for good (their password is published), ends
// their sessions, and stops the sign-in page listing them. Run it before real people use Fulcrum; it
// also happens by itself as soon as a real (non-demo) administrator exists.
import { disableDemo } from "@/lib/demo/lock-down";
import { withDatabase } from "./cli";

async function main() {
  const n = await withDatabase(({ db }) => db.transaction((tx) => disableDemo(tx, null, "command")));
  console.log(n ? `Disabled ${n} demo account${n === 1 ? "" : "s"}. They cannot sign in again.` : "There are no enabled demo accounts.");
}

void main();
