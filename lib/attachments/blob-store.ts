import "server-only";
// Where attachment bytes live. Today: the database (bytea, a table of its own), so one backup holds
// everything. The interface is what an S3-compatible store would implement instead.
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { executeRows } from "@/db/client";
import { attachmentBlobs } from "@/db/schema";

export type BlobStore = {
  /** Stores the bytes of an attachment, inside the caller's transaction. */
  put(tx: DbOrTx, attachmentId: string, bytes: Uint8Array): Promise<void>;
  /** The bytes in chunks, read one chunk at a time (a 20 MB file is never read whole). */
  read(db: DbOrTx, attachmentId: string, size: number): AsyncIterable<Uint8Array>;
};

const CHUNK = 1024 * 1024;

export const databaseBlobStore: BlobStore = {
  async put(tx, attachmentId, bytes) {
    await tx.insert(attachmentBlobs).values({ attachmentId, bytes: Buffer.from(bytes) });
  },
  async *read(db, attachmentId, size) {
    for (let offset = 0; offset < size; offset += CHUNK) {
      const [row] = await executeRows<{ part: Buffer | Uint8Array }>(
        db,
        sql`select substring(${attachmentBlobs.bytes} from ${offset + 1} for ${CHUNK}) as part from ${attachmentBlobs} where ${eq(attachmentBlobs.attachmentId, attachmentId)}`,
      );
      if (!row) return;
      yield row.part instanceof Uint8Array ? row.part : Buffer.from(row.part);
    }
  },
};
