import { openPostgres } from "@/db/client";
async function main() {
  const t = Date.now();
  const o = await openPostgres(process.argv[2], { migrate: true });
  console.log(`migrated in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  await o.close();
}
main().catch((e) => console.error(String(e), e?.cause));
