// API latency against a running server (`next start`) on the demo data:
//   npm run token:create -- --email ce.rna@fulcrum.demo --scope read | tail -n 1   (before starting the server)
//   FULCRUM_TOKEN=ful_… [BENCH_URL=http://127.0.0.1:3000] [BENCH_N=50] node --import tsx scripts/bench-api.ts
// Prints the median and 95th percentile of N sequential requests per route (after 5 warm-up requests).
const base = process.env.BENCH_URL ?? "http://127.0.0.1:3000";
const token = process.env.FULCRUM_TOKEN;
const n = Number(process.env.BENCH_N ?? 50);
if (!token) {
  console.error("Set FULCRUM_TOKEN (npm run token:create -- --email ce.rna@fulcrum.demo --scope read | tail -n 1)");
  process.exit(2);
}

const ROUTES = ["/api/v1/decisions", "/api/v1/decisions?limit=200", "/api/v1/stats/balance?groupBy=quarter", "/api/v1/stats/balance?groupBy=category"];

async function time(path: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return performance.now() - started;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))];

async function main() {
  for (const path of ROUTES) {
    for (let i = 0; i < 5; i++) await time(path);
    const xs: number[] = [];
    for (let i = 0; i < n; i++) xs.push(await time(path));
    console.log(`GET ${path}: median ${pct(xs, 0.5).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms (n=${n})`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
