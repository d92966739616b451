import type { ReactNode } from "react";
import { fieldId } from "./field-id";

type Common = { name: string; label: ReactNode; hint?: ReactNode; error?: string; className?: string };

function Wrapper({ name, label, hint, error, children, className }: Common & { children: ReactNode }) {
  const id = fieldId(name);
  return (
    <div className={`mb-6 min-w-0 ${error ? "border-l-4 border-nhs-red pl-4" : ""} ${className ?? ""}`}>
      <label htmlFor={id} className="nhs-label">
        {label}
      </label>
      {hint ? (
        <span id={`${id}-hint`} className="nhs-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="nhs-error-message">
          <span className="sr-only">Error: </span>
          {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

function describedBy(name: string, hint?: ReactNode, error?: string) {
  const id = fieldId(name);
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function TextField(
  props: Common & { defaultValue?: string | number | null; type?: string; autoComplete?: string; inputMode?: "numeric" | "decimal" | "email" | "text"; maxLength?: number; width?: string; required?: boolean },
) {
  const { name, hint, error, defaultValue, type = "text", autoComplete, inputMode, maxLength, width, required } = props;
  return (
    <Wrapper {...props}>
      <input
        id={fieldId(name)}
        name={name}
        type={type}
        defaultValue={defaultValue ?? undefined}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={maxLength}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={`nhs-input ${error ? "nhs-input-error" : ""} ${width ?? ""}`}
      />
    </Wrapper>
  );
}

export function TextArea(props: Common & { defaultValue?: string | null; rows?: number; maxLength?: number }) {
  const { name, hint, error, defaultValue, rows = 5 } = props;
  return (
    <Wrapper {...props}>
      <textarea
        id={fieldId(name)}
        name={name}
        rows={rows}
        defaultValue={defaultValue ?? undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={`nhs-input ${error ? "nhs-input-error" : ""}`}
      />
      {props.maxLength ? (
        <span className="nhs-hint mt-1 text-sm">Up to {props.maxLength.toLocaleString("en-GB")} characters.</span>
      ) : null}
    </Wrapper>
  );
}

export function Select(props: Common & { defaultValue?: string | null; options: { value: string; label: string }[]; placeholder?: string }) {
  const { name, hint, error, defaultValue, options, placeholder } = props;
  return (
    <Wrapper {...props}>
      <select
        id={fieldId(name)}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={`nhs-input w-auto! max-w-full ${error ? "nhs-input-error" : ""}`}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

/** Radios or checkboxes in a fieldset with a legend. */
export function Choices(props: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  type: "radio" | "checkbox";
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  defaultValue?: string | string[] | null;
  inline?: boolean;
}) {
  const { name, legend, hint, error, type, options, defaultValue, inline } = props;
  const id = fieldId(name);
  const chosen = new Set(Array.isArray(defaultValue) ? defaultValue : defaultValue ? [defaultValue] : []);
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-nhs-red pl-4" : ""}`}>
      <fieldset aria-describedby={describedBy(name, hint, error)}>
        <legend className="nhs-label">{legend}</legend>
        {hint ? (
          <span id={`${id}-hint`} className="nhs-hint">
            {hint}
          </span>
        ) : null}
        {error ? (
          <span id={`${id}-error`} className="nhs-error-message">
            <span className="sr-only">Error: </span>
            {error}
          </span>
        ) : null}
        <div className={inline ? "flex flex-wrap gap-6" : "space-y-3"}>
          {options.map((o, i) => {
            const optId = i === 0 ? id : `${id}-${i}`;
            return (
              <div key={o.value} className="flex items-start gap-3">
                <input
                  id={optId}
                  type={type}
                  name={name}
                  value={o.value}
                  defaultChecked={chosen.has(o.value)}
                  className="nhs-choice"
                  aria-describedby={o.hint ? `${optId}-hint` : undefined}
                />
                <label htmlFor={optId} className="cursor-pointer py-2">
                  {o.label}
                  {o.hint ? (
                    <span id={`${optId}-hint`} className="block text-base text-nhs-secondary">
                      {o.hint}
                    </span>
                  ) : null}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
