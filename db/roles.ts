// The two database roles of a production set-up (README, "Security and reliability"): the owner,
// which migrates and owns every table, and the runtime role the app serves as. The runtime role may
// read and write the app's tables but may only INSERT and SELECT audit events, only SELECT audit
// heads (they move through the SECURITY DEFINER functions of migration 0002), and may not ALTER,
// TRUNCATE or create anything: it owns nothing.
import type { Sql } from "postgres";

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertRoleName(name: string): string {
  if (!ROLE_NAME.test(name)) throw new Error(`Role name "${name}" must be lower-case letters, digits and underscores, starting with a letter or underscore.`);
  return name;
}

const quoteLiteral = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Creates the runtime role, or sets its password when it exists. Needs a role with CREATEROLE. */
export async function ensureRuntimeRole(client: Sql, role: string, password: string) {
  assertRoleName(role);
  const [existing] = await client`select rolsuper or rolcreaterole or rolcreatedb or rolbypassrls or rolreplication as powerful from pg_roles where rolname = ${role}`;
  // A new role has none of SUPERUSER, CREATEDB, CREATEROLE, REPLICATION, BYPASSRLS (the defaults);
  // an existing one that has any of them is refused rather than trusted.
  if (existing?.powerful) throw new Error(`Role ${role} exists with SUPERUSER, CREATEROLE, CREATEDB, REPLICATION or BYPASSRLS: the runtime role must have none of them.`);
  const options = `LOGIN PASSWORD ${quoteLiteral(password)}`;
  await client.unsafe(existing ? `ALTER ROLE "${role}" ${options}` : `CREATE ROLE "${role}" ${options}`);
}

/** Grants the runtime role what it needs and nothing more. Run after every migration (new tables). */
export async function applyRuntimeGrants(client: Sql, role: string) {
  assertRoleName(role);
  const r = `"${role}"`;
  await client.unsafe(`
    GRANT CONNECT ON DATABASE "${(await client`select current_database() as d`)[0].d}" TO ${r};
    GRANT USAGE ON SCHEMA public TO ${r};
    REVOKE CREATE ON SCHEMA public FROM ${r};
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_events FROM ${r};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_heads FROM ${r};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
    REVOKE ALL ON FUNCTION fulcrum_audit_head_lock(text) FROM PUBLIC;
    REVOKE ALL ON FUNCTION fulcrum_audit_head_advance(text, integer, text) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION fulcrum_audit_head_lock(text) TO ${r};
    GRANT EXECUTE ON FUNCTION fulcrum_audit_head_advance(text, integer, text) TO ${r};
  `);
}

/** The runtime role's URL: the owner's URL with the runtime role's name and password. */
export function runtimeUrl(migrationUrl: string, role: string, password: string): string {
  const u = new URL(migrationUrl);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** The user name a connection URL signs in as. */
export function urlUser(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
