/** SQL string literal for LanceDB filters: single quotes doubled, so ids can hold any character. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
