import "server-only";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Actor } from "./access";
import { echoValues, stateFromError, type ActionState } from "./action-state";
import { requireActor } from "./auth";
import { parseInput } from "./validation";

// One wrapper for every form's server action (saas-starter's `validatedActionWithUser`): the actor,
// the form parsed with zod, the step, and any refusal turned into the form's state. Where to go
// afterwards is returned by the step and done after the try, because Next's redirect throws.

type Values = Record<string, string>;
type Revalidation = string | readonly [path: string, type: "layout" | "page"];

/** The step's "done, go there": revalidated and redirected outside the try. */
export class RedirectAfter {
  constructor(
    readonly path: string,
    readonly revalidate: readonly Revalidation[],
  ) {}
}

/** Revalidates each path, then redirects to `path`. */
export function redirectAfter(path: string, ...revalidate: Revalidation[]): RedirectAfter {
  return new RedirectAfter(path, revalidate);
}

/** The form's text fields, one value each (the first, as `FormData.get`), Next's own `$…` fields left out. */
function formFields(fd: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of fd.entries()) if (typeof v === "string" && !k.startsWith("$") && !(k in out)) out[k] = v;
  return out;
}

/**
 * A form whose fields are checked in `lib/` (the lib schemas accept form strings): named optional
 * strings, so a step reads `input.name` rather than `formData.get("name")`.
 */
export function formSchema<K extends string>(...names: K[]) {
  return z.object(Object.fromEntries(names.map((n) => [n, z.string().optional()])) as { [P in K]: z.ZodOptional<z.ZodString> });
}

/** Echo only these fields (as typed, "" when absent) after a refusal. */
export function echoOnly(...names: string[]) {
  return (fd: FormData): Values => Object.fromEntries(names.map((n) => [n, String(fd.get(n) ?? "")]));
}

type Options<St> = {
  /** What a refusal puts back in the form: every text field but passwords unless told (`false`: nothing). */
  echo?: false | ((fd: FormData) => Values);
  /** A refusal the form shows its own way (a stale save, a failed sign-in); undefined for the usual state. */
  onError?: (e: unknown, values: Values | undefined) => St | undefined;
};

/** The step: the form's state to show, or `redirectAfter(...)`. */
type Step<S extends z.ZodType, R, A extends unknown[], Ctx> = (ctx: Ctx & { input: z.output<S>; values: Values; formData: FormData }, ...args: A) => Promise<R>;
type StateOf<R> = Exclude<R, RedirectAfter>;

/** The action React's `useActionState` calls: any bound arguments, then the previous state and the form. */
type FormAction<St, A extends unknown[]> = (...args: [...A, prev: St | ActionState, formData: FormData]) => Promise<St | ActionState>;

function run<S extends z.ZodType, R, A extends unknown[], Ctx>(
  schema: S,
  context: () => Promise<Ctx>,
  step: Step<S, R, A, Ctx>,
  opts: Options<StateOf<R>>,
): FormAction<StateOf<R>, A> {
  return async (...all) => {
    const formData = all[all.length - 1] as FormData;
    const args = all.slice(0, -2) as A;
    const ctx = await context();
    const values = opts.echo === false ? undefined : (opts.echo ?? echoValues)(formData);
    let result: R;
    try {
      const input = parseInput(schema, formFields(formData));
      result = await step({ ...ctx, input, values: values ?? {}, formData }, ...args);
    } catch (e) {
      unstable_rethrow(e); // Next's own redirects and not-found pass through
      return opts.onError?.(e, values) ?? stateFromError(e, values);
    }
    if (!(result instanceof RedirectAfter)) return result as StateOf<R>;
    for (const r of result.revalidate) {
      if (typeof r === "string") revalidatePath(r);
      else revalidatePath(r[0], r[1]);
    }
    redirect(result.path);
  };
}

/** A form action for anyone (signing in): parse, step, refusal to state. */
export function validatedAction<S extends z.ZodType, R, A extends unknown[] = []>(
  schema: S,
  step: Step<S, R, A, object>,
  opts: Options<NoInfer<StateOf<R>>> = {},
): FormAction<StateOf<R>, A> {
  return run(schema, async () => ({}), step, opts);
}

/** A form action for a signed-in person: the actor (or off to sign in), parse, step, refusal to state. */
export function validatedActionWithActor<S extends z.ZodType, R, A extends unknown[] = []>(
  schema: S,
  step: Step<S, R, A, { actor: Actor }>,
  opts: Options<NoInfer<StateOf<R>>> = {},
): FormAction<StateOf<R>, A> {
  return run(schema, async () => ({ actor: await requireActor() }), step, opts);
}
