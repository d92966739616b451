import "server-only";
// Reads memoised for one request, per actor: a page's sections (and its generateMetadata) ask for the
// same decision, and it is loaded once. Inside a React server render the memo lasts for that render
// (React `cache`); elsewhere (route handlers, server actions, scripts, tests) nothing is memoised
// unless the reads run inside `readTogether`, which an API response composed of several reads uses.
// Never memoise a read that a write in the same request could change before it is read again: a
// render does not write, and `readTogether` wraps reads only.
import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";

type Memo = WeakMap<object, Map<string, Promise<unknown>>>;

/** The render's memo: the same map throughout one React server render, a new one on every call outside it. */
const renderMemo = cache((): Memo => new WeakMap());
const together = new AsyncLocalStorage<Memo>();

const inRender = () => renderMemo() === renderMemo();

/** Runs `reads` with one memo for all of them (inside a render, the render's). `reads` must not write. */
export function readTogether<T>(reads: () => Promise<T>): Promise<T> {
  if (together.getStore() || inRender()) return reads();
  return together.run(new WeakMap(), reads);
}

/** `load()`, or the promise it gave earlier in this request for the same actor and key. */
export function memoised<T>(actor: object, key: string, load: () => Promise<T>): Promise<T> {
  const memo = together.getStore() ?? renderMemo();
  let byKey = memo.get(actor);
  if (!byKey) memo.set(actor, (byKey = new Map()));
  let p = byKey.get(key) as Promise<T> | undefined;
  if (!p) byKey.set(key, (p = load()));
  return p;
}
