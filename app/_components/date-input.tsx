import type { ReactNode } from "react";
import { isoToDateParts } from "@/lib/date-parts";
import { fieldId } from "./field-id";

/**
 * The NHS date input: Day / Month / Year boxes in a fieldset, hint "For example, 27 3 2027", never the
 * browser's date picker (its format follows the machine's locale). The boxes are sent as `<name>-day`,
 * `<name>-month`, `<name>-year` and folded into `<name>` on the server (lib/date-parts.ts). The day box
 * carries the field's id, so an error summary's link lands on it.
 */
export function DateInput(props: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** ISO YYYY-MM-DD, used when no boxes were typed. */
  defaultValue?: string | null;
  /** The boxes as typed, after a refusal: shown again exactly. */
  typed?: { day?: string; month?: string; year?: string };
}) {
  const { name, legend, hint, error, defaultValue, typed } = props;
  const id = fieldId(name);
  const parts = typed && (typed.day !== undefined || typed.month !== undefined || typed.year !== undefined) ? { day: typed.day ?? "", month: typed.month ?? "", year: typed.year ?? "" } : isoToDateParts(defaultValue);
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  const box = (part: "day" | "month" | "year", label: string, width: string) => (
    <div>
      <label htmlFor={part === "day" ? id : `${id}-${part}`} className="block font-normal">
        {label}
      </label>
      <input
        id={part === "day" ? id : `${id}-${part}`}
        name={`${name}-${part}`}
        inputMode="numeric"
        autoComplete="off"
        defaultValue={parts[part]}
        aria-invalid={error ? true : undefined}
        className={`nhs-input ${width} ${error ? "nhs-input-error" : ""}`}
      />
    </div>
  );
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-nhs-red pl-4" : ""}`}>
      <fieldset role="group" aria-describedby={describedBy}>
        <legend className="nhs-label">{legend}</legend>
        <span id={`${id}-hint`} className="nhs-hint">
          {hint ? <>{hint} </> : null}For example, 27 3 2027
        </span>
        {error ? (
          <span id={`${id}-error`} className="nhs-error-message">
            <span className="sr-only">Error: </span>
            {error}
          </span>
        ) : null}
        <div className="flex flex-wrap gap-4">
          {box("day", "Day", "w-16!")}
          {box("month", "Month", "w-16!")}
          {box("year", "Year", "w-24!")}
        </div>
      </fieldset>
    </div>
  );
}

/** The boxes of `name` as typed, from a form's echoed values (undefined when none were sent). */
export function typedDateParts(values: Record<string, string> | undefined, name: string) {
  if (!values || values[`${name}-day`] === undefined) return undefined;
  return { day: values[`${name}-day`], month: values[`${name}-month`], year: values[`${name}-year`] };
}
