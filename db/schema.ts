// The whole schema: one file per concern under db/tables/, all re-exported here, so drizzle-kit, the
// client and lib/ see one namespace. A concern's tables refer to the core ones through "./core".
export * from "./tables/core";
export * from "./tables/board";
export * from "./tables/auth";
export * from "./tables/notifications";
export * from "./tables/meetings";
export * from "./tables/governance";
export * from "./tables/security";
export * from "./tables/aggregates";
export * from "./tables/import";
export * from "./tables/risk";
