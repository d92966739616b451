"use client";

import { useEffect, useRef } from "react";
import { fieldId } from "./field-id";

export { fieldId };

/** "There is a problem": focused when it appears, each error a link to its field. */
export function ErrorSummary({ errors, message, hrefBase = "" }: { errors: Record<string, string>; message?: string; /** Another page holding the fields (e.g. the edit page): links go to `${hrefBase}#field-…`. */ hrefBase?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  useEffect(() => {
    // Arriving from another page's problem link (#field-…): land on that question, not on this summary.
    const target = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
    if (target) {
      target.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    } else ref.current?.focus();
    if (!document.title.startsWith("Error: ")) document.title = `Error: ${document.title}`;
    return () => {
      document.title = document.title.replace(/^Error: /, "");
    };
  }, [errors, message]);
  if (!entries.length && !message) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
      className="mb-6 border-4 border-nhs-red bg-white p-4 focus:outline-4 focus:outline-nhs-yellow"
    >
      <h2 id="error-summary-title" className="mb-2 text-xl font-bold">
        There is a problem
      </h2>
      {message && entries.length === 0 ? <p>{message}</p> : null}
      <ul className="list-none space-y-1">
        {entries.map(([field, msg]) => (
          <li key={field}>
            <a href={`${hrefBase}#${fieldId(field)}`} className="font-semibold text-nhs-red! underline">
              {msg}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

