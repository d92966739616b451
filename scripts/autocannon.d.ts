// The part of autocannon's programmatic API that scripts/bench.ts uses (the package ships no types).
declare module "autocannon" {
  type Options = { url: string; connections?: number; duration?: number; headers?: Record<string, string> };
  type Result = { requests: { average: number; total: number }; latency: { p50: number; p97_5: number }; non2xx: number; errors: number };
  export default function autocannon(opts: Options): Promise<Result>;
}
