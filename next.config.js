/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships ~15 MB of wasm/data: keep it out of the bundle (and out of .next/static).
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pdfkit", "exceljs", "echarts"],
  poweredByHeader: false,
  // Every page's <title> is rendered in <head> before the body, for every browser: streamed metadata
  // left a page briefly without a title after a server action (a screen reader announces the title).
  htmlLimitedBots: /.*/,
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
};

module.exports = nextConfig;
