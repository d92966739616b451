// Tables for this concern; re-exported from db/schema.ts. Import what they refer to from "./core".
export {};
