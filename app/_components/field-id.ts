/** The id of a field's input, from its name ("criteria.0.statement" → "field-criteria-0-statement"). */
export function fieldId(name: string) {
  return `field-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}
