/** SQL string literal for LanceDB filters: single quotes doubled, so ids can hold any character. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** SQL: the row is not a pending identifier stub (null on rows older than the column counts as not). */
export const NOT_STUB = 'COALESCE(pending, false) = false';
