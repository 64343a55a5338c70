/**
 * A value as plain data: table rows are views over a column store (grammar/rows.ts) whose
 * fields are getters, so comparing or walking them needs their `toJSON` form.
 */
export function plain<T>(value: T): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}
