import Link from "@/app/_components/link";
import { openApiDocument } from "@/lib/api/openapi";
import { ALL_ROUTES, type RouteSpec } from "@/lib/api/routes";
import { PageHeading } from "../_components/ui";

export const metadata = { title: "API reference" };

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  format?: string;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
};
type Param = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema };
type Operation = { parameters?: Param[]; requestBody?: { content: Record<string, { schema: JsonSchema }> }; responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }> };

const refName = (s?: JsonSchema) => s?.$ref?.split("/").pop();

function typeOf(s: JsonSchema | undefined): string {
  if (!s) return "any";
  const name = refName(s);
  if (name) return name;
  if (s.anyOf) return s.anyOf.map(typeOf).join(" or ");
  if (s.allOf) return s.allOf.map(typeOf).join(" and ");
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const t = Array.isArray(s.type) ? s.type.join(" or ") : (s.type ?? "object");
  if (t.startsWith("array") && s.items) return `${typeOf(s.items)}[]`;
  return s.format ? `${t} (${s.format})` : t;
}

function constraints(s: JsonSchema): string {
  return [s.maxLength !== undefined && `at most ${s.maxLength} characters`, s.minimum !== undefined && `min ${s.minimum}`, s.maximum !== undefined && `max ${s.maximum}`, s.default !== undefined && `default ${JSON.stringify(s.default)}`]
    .filter(Boolean)
    .join(", ");
}

function curlFor(spec: RouteSpec): string {
  const url = `"$FULCRUM_URL${spec.path.replace("{id}", "$ID")}${spec.exampleQuery ?? ""}"`;
  const lines = [`curl -sS ${spec.method === "get" ? "" : `-X ${spec.method.toUpperCase()} `}${url}`];
  if (spec.auth !== "public") lines.push(`  -H "Authorization: Bearer $FULCRUM_TOKEN"`);
  if (spec.exampleBody !== undefined) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(spec.exampleBody)}'`);
  }
  return lines.join(" \\\n");
}

const AUTH_TEXT: Record<RouteSpec["auth"], string> = {
  public: "No token needed",
  read: "Any token (read or write)",
  write: "A read-and-write token",
  admin: "A read-and-write token of an administrator",
};

/** An extended schema comes out as allOf [$ref, {...}]: show its fields flattened. */
function flatten(schema: JsonSchema, all: Record<string, JsonSchema>): JsonSchema {
  if (!schema.allOf) return schema;
  const parts = schema.allOf.map((p) => flatten(refName(p) ? all[refName(p)!] : p, all));
  return {
    ...schema,
    properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
    required: parts.flatMap((p) => p.required ?? []),
  };
}

function Fields({ schema: raw, all }: { schema: JsonSchema; all: Record<string, JsonSchema> }) {
  const schema = flatten(raw, all);
  const props = Object.entries(schema.properties ?? {});
  if (!props.length) return <p>No fields.</p>;
  return (
    <ul className="list-disc space-y-1 pl-6">
      {props.map(([name, s]) => (
        <li key={name}>
          <code className="font-mono">{name}</code>
          {schema.required?.includes(name) ? " (required)" : " (optional)"}: <span className="font-mono text-sm">{typeOf(s)}</span>
          {constraints(s) ? <span className="text-nhs-secondary">, {constraints(s)}</span> : null}
          {s.description ? <span className="text-nhs-secondary"> — {s.description}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export default function ApiDocsPage() {
  const doc = openApiDocument();
  const schemas = (doc.components?.schemas ?? {}) as Record<string, JsonSchema>;
  const shapes = Object.keys(schemas).sort();
  return (
    <div className="max-w-4xl">
      <PageHeading caption="Reference">Fulcrum API</PageHeading>
      <div className="prose-text mb-8 max-w-prose space-y-4">
        <p>
          Scripts and reporting tools can read and record decisions through a REST API. It follows the same access rules as these pages: a token
          acts as the person who created it, and anything they may not see answers “not found” (404).
        </p>
        <p>
          Create a token on <Link href="/settings/tokens">Settings › API tokens</Link>, then send it in an <code>Authorization: Bearer</code>{" "}
          header. JSON in and out, dates as <code>2026-11-26</code>. Errors look like{" "}
          <code>{'{"error":{"code":"invalid","message":"…","fields":{"title":"…"}}}'}</code>. Each token may make a limited number of requests a
          minute; past it the answer is 429 with a <code>Retry-After</code> header. Bodies over 1 MB are refused (413).
        </p>
        <p>
          The machine-readable description is <a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI 3.1). The examples assume{" "}
          <code>FULCRUM_URL</code> and <code>FULCRUM_TOKEN</code> are set in your shell.
        </p>
      </div>

      <nav aria-labelledby="routes-heading" className="mb-10">
        <h2 id="routes-heading" className="mb-3 text-2xl">
          Routes
        </h2>
        <ul className="space-y-1">
          {ALL_ROUTES.map((r) => (
            <li key={r.id}>
              <a href={`#${r.id}`}>
                <span className="font-mono text-sm font-bold">{r.method.toUpperCase()}</span> <span className="font-mono text-sm break-all">{r.path}</span>
              </a>{" "}
              — {r.summary}
            </li>
          ))}
        </ul>
      </nav>

      {ALL_ROUTES.map((spec) => {
        const op = (doc.paths?.[spec.path] as Record<string, Operation> | undefined)?.[spec.method];
        const bodySchema = op?.requestBody?.content["application/json"]?.schema;
        const bodyName = refName(bodySchema);
        const ok = op?.responses[String(spec.status)]?.content?.["application/json"]?.schema;
        const errors = Object.keys(op?.responses ?? {}).filter((s) => Number(s) >= 400);
        return (
          <section key={spec.id} id={spec.id} aria-labelledby={`${spec.id}-h`} className="mb-10 border-t border-nhs-border pt-6">
            <h2 id={`${spec.id}-h`} className="mb-1 text-xl">
              <span className="font-mono">{spec.method.toUpperCase()}</span> <span className="font-mono break-all">{spec.path}</span>
            </h2>
            <p className="mb-2 font-semibold">{spec.summary}</p>
            <p className="mb-3 max-w-prose">{spec.description}</p>
            <p className="mb-3">
              <strong>Token:</strong> {AUTH_TEXT[spec.auth]}.
            </p>
            {op?.parameters?.length ? (
              <>
                <h3 className="mb-1 text-lg">Parameters</h3>
                <ul className="mb-3 list-disc space-y-1 pl-6">
                  {op.parameters.map((p) => (
                    <li key={`${p.in}-${p.name}`}>
                      <code className="font-mono">{p.name}</code> ({p.in === "path" ? "in the path" : p.in === "header" ? "header" : "query"}
                      {p.required ? ", required" : ""}): <span className="font-mono text-sm">{typeOf(p.schema)}</span>
                      {p.schema && constraints(p.schema) ? <span className="text-nhs-secondary">, {constraints(p.schema)}</span> : null}
                      {p.description ?? p.schema?.description ? <span className="text-nhs-secondary"> — {p.description ?? p.schema?.description}</span> : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {bodyName ? (
              <>
                <h3 className="mb-1 text-lg">Request body ({bodyName})</h3>
                <p className="nhs-hint">Unknown fields are refused.</p>
                <div className="mb-3">
                  <Fields schema={schemas[bodyName]} all={schemas} />
                </div>
              </>
            ) : null}
            <p className="mb-2">
              <strong>Answers {spec.status}</strong>
              {ok ? (
                <>
                  {" "}
                  with {refName(ok) ? <a href={`#shape-${refName(ok)}`}>{refName(ok)}</a> : typeOf(ok)}
                </>
              ) : null}
              . Errors: {errors.join(", ")}.
            </p>
            <h3 className="mb-1 text-lg">Example</h3>
            <pre className="overflow-x-auto bg-nhs-grey-5 p-3 font-mono text-sm" tabIndex={0} aria-label={`curl example for ${spec.method.toUpperCase()} ${spec.path}`}>
              {curlFor(spec)}
            </pre>
          </section>
        );
      })}

      <section aria-labelledby="shapes-heading" className="border-t border-nhs-border pt-6">
        <h2 id="shapes-heading" className="mb-4 text-2xl">
          Shapes
        </h2>
        {shapes.map((name) => (
          <div key={name} id={`shape-${name}`} className="mb-6">
            <h3 className="mb-1 font-mono text-lg">{name}</h3>
            {schemas[name].description ? <p className="mb-1">{schemas[name].description}</p> : null}
            <Fields schema={schemas[name]} all={schemas} />
          </div>
        ))}
      </section>
    </div>
  );
}
