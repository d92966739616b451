/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships ~15 MB of wasm/data: keep it out of the bundle (and out of .next/static).
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pdfkit", "exceljs", "echarts", "unpdf", "mammoth"],
  poweredByHeader: false,
  // Every page's <title> is rendered in <head> before the body, for every browser: streamed metadata
  // left a page briefly without a title after a server action (a screen reader announces the title).
  htmlLimitedBots: /.*/,
  experimental: {
    // Evidence files (20 MB each) are uploaded through a server action; proxy.ts refuses any other
    // form over 1 MB, and any upload over the file limit, before it reaches Next.
    serverActions: { bodySizeLimit: "21mb" },
    // The proxy buffers request bodies up to this size; a larger body would reach the action cut short.
    proxyClientMaxBodySize: "22mb",
  },
};

module.exports = nextConfig;
