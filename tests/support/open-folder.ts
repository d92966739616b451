// Child process for the lock tests: opens a PGlite data folder the way the app does, then closes it.
import { DataFolderLockedError, openPglite } from "../../db/client";

const dir = process.argv[2];
openPglite({ dataDir: dir, migrate: false })
  .then(async (opened) => {
    process.stdout.write("opened\n");
    await opened.close();
  })
  .catch((e) => {
    process.stderr.write(`${e instanceof DataFolderLockedError ? e.message : String(e)}\n`);
    process.exit(e instanceof DataFolderLockedError ? 3 : 1);
  });
