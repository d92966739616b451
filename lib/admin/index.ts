// The administration domain (admin role only): organisations, users, memberships.
export * from "./organisations";
export * from "./users";
export * from "./memberships";
export * from "./audit";
export * from "./search";
export * from "./identities";
